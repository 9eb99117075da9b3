"""Going from screen to screen: the ``open_...`` methods every screen calls on the app.

Mixed into ``MetanavApp`` (tui/app.py). Each screen is imported when it is first opened, so
start-up reads only the home screen (the others are read after the first frame: start_up.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from metanav.core import actions
from metanav.core.commands import GET_HELP_NOW
from metanav.i18n import _

if TYPE_CHECKING:
    from metanav.session import Session


class Navigation:
    """Opens topics, resources, the questions list, search, bookmarks and help. The app
    gives it ``session``, ``screen``, ``push_screen`` and ``say``."""

    session: Session

    def open_topic(self, topic_id: str, section: int = -1) -> None:
        from metanav.tui.screens.topic import TopicScreen

        topic = self.session.library.topics.get(topic_id)
        if topic is not None:
            self.push_screen(TopicScreen(topic, section))
            actions.remember_topic(self.session, topic_id)

    def open_get_help_now(self) -> None:
        """The "Get help now" topic, one key from every screen (issue 11)."""
        current = getattr(self.screen, "topic", None)
        if getattr(current, "id", None) == GET_HELP_NOW:
            self.say(_("This is the Get help now page."))
        else:
            self.open_topic(GET_HELP_NOW)

    def open_resource(self, resource_id: str) -> None:
        from metanav.tui.screens.resources import ResourceScreen

        resource = self.session.library.resources.get(resource_id)
        if resource is not None:
            self.push_screen(ResourceScreen(resource))

    def open_questions(self, question: str = "") -> None:
        from metanav.tui.screens.questions import QuestionsScreen

        screen = QuestionsScreen()
        self.push_screen(screen)
        if question:  # from a search result: the highlight on that question
            def point() -> None:
                listed = screen.main_list()
                listed.move_to(listed.index_of(question))

            screen.call_after_refresh(point)

    def open_search(self) -> None:
        from metanav.tui.screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.action_search()
        else:
            self.push_screen(SearchScreen())

    def open_resources(self) -> None:
        from metanav.tui.screens.resources import ResourcesScreen

        self.push_screen(ResourcesScreen())

    def open_bookmarks(self) -> None:
        from metanav.tui.screens.bookmarks import BookmarksScreen

        self.push_screen(BookmarksScreen())

    def open_group(self, name: str) -> None:
        from metanav.tui.screens.home import TopicGroupScreen

        self.push_screen(TopicGroupScreen(name))

    def open_key(self, key: str) -> None:
        """Open what a view's item names (core/views.py): "topic:<id>", "questions", ..."""
        kind, _sep, item_id = key.partition(":")
        if kind == "group":
            self.open_group(item_id)
        elif kind == "topic":
            self.open_topic(item_id)
        elif kind == "resource":
            self.open_resource(item_id)
        elif kind == "questions":
            self.open_questions()
        elif kind == "resources":
            self.open_resources()
        elif kind == "bookmarks":
            self.open_bookmarks()
        elif kind == "help":
            self.open_help()

    def open_help(self) -> None:
        from metanav.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
