"""Plain-mode screens: home, a group of topics, a topic, bookmarks and help.

The questions screens are in questions.py, the resources screens in resources.py. Each screen
takes its letters from the command table (``KEYS``) and says what its numbers do
(``NUMBERS``); the help screen is generated from those (see ``SCREENS`` at the end).
"""

from __future__ import annotations

from metanav.content.text import block_lines
from metanav.core import actions, commands, views
from metanav.core import help as core_help
from metanav.i18n import N_, _
from metanav.plain.base import Action, Page, Screen
from metanav.plain.questions import (
    GroupScreen,
    MyListScreen,
    OwnQuestionsScreen,
    QuestionActions,
    QuestionsScreen,
)
from metanav.plain.resources import ResourceScreen, ResourcesScreen


# --------------------------------------------------------------------------------------------
# Home
# --------------------------------------------------------------------------------------------
def open_key(shell, key: str) -> Screen:
    """The screen a view's item opens ("topic:<id>", "questions", ...; core/views.py)."""
    kind, _sep, item_id = key.partition(":")
    if kind == "group":
        return TopicGroup(shell, item_id)
    if kind == "topic":
        return TopicScreen(shell, item_id)
    if kind == "resource":
        return ResourceScreen(shell, item_id)
    screens = {"questions": QuestionsScreen, "resources": ResourcesScreen,
               "bookmarks": BookmarksScreen, "help": Help}
    return screens[kind](shell)


class ViewScreen(Screen):
    """A screen that is one core view (core/views.py): its lines, then its sections as
    headed, numbered choices. Enter alone opens the item after the one opened last."""

    def __init__(self, shell):
        super().__init__(shell)
        self.next = 1

    def view(self) -> views.View:
        raise NotImplementedError

    def build(self, page: Page) -> None:
        view = self.view()
        for line in view.lines:
            page.add(line)
        for section in view.sections:
            if section.heading:
                page.add(f"{section.heading}:")
            for item in section.items:
                page.choice(item.text, self._go(len(page.choices) + 1, item.key))

    def _go(self, number: int, key: str) -> Action:
        def go() -> None:
            self.next = number + 1 if number < self.count else 1
            self.shell.open(self.opener(key))

        return go

    def opener(self, key: str) -> Screen:
        return open_key(self.shell, key)

    def default(self) -> tuple[str, Action]:
        number = min(self.next, self.count) or 1
        return str(number), lambda: self.page.choices[number - 1]()


class Home(ViewScreen):
    NAME = N_("Home")
    NUMBERS = N_("open a group of topics, or one of the parts listed after them")

    def title(self) -> str:
        return _("metanav: Home")

    def view(self) -> views.View:
        # Kept short, with no blank lines, so home fits a 24-line terminal.
        return views.home(self.session)

    def _go(self, number: int, key: str) -> Action:
        def go() -> None:
            # Enter alone then goes on to the next group of topics (after Get help now: the
            # first group), and after the last group or any other part back to 1. Never the
            # item that happens to come next: Bookmarks after Support resources.
            keys = [item.key for section in self.view().sections for item in section.items]
            groups = [n for n, k in enumerate(keys, 1) if k.startswith("group:") and n > number]
            self.next = groups[0] if groups else 1
            self.shell.open(self.opener(key))

        return go
    def summary(self) -> str:
        view = self.view()
        words = []
        number = 0
        for section in view.sections:
            first, number = number + 1, number + len(section.items)
            span = str(first) if first == number else _("{first} to {last}").format(
                first=first, last=number)
            if section.heading == _("Topics"):  # the headings as core/views.home writes them
                words.append(_("{numbers}: groups of topics.").format(numbers=span))
            elif section.heading == _("More"):
                names = [item.text.split(":")[0] for item in section.items]
                words.append(_("Then {names} and {last}.").format(names=", ".join(names[:-1]),
                                                                  last=names[-1]))
            elif section.heading:
                words.append(f"{section.heading}: {span}.")
        return " ".join(words)


class TopicGroup(ViewScreen):
    NAME = N_("A group of topics")
    NUMBERS = N_("open a topic")
    KEYS = commands.plain("topic_group")

    def __init__(self, shell, name: str = ""):
        super().__init__(shell)
        self.name = name

    def language_changed(self, before) -> None:
        self.name = views.same_group(before, self.library, self.name)

    def title(self) -> str:
        return views.group_title(self.name)

    def view(self) -> views.View:
        return views.topic_group(self.session, self.name)

    def default(self) -> tuple[str, Action]:
        if self.next > self.count:
            return super(ViewScreen, self).default()  # read them all: Enter goes back
        return super().default()

    def _go(self, number: int, key: str) -> Action:
        def go() -> None:
            self.next = number + 1
            self.shell.open(self.opener(key))

        return go


# --------------------------------------------------------------------------------------------
# Topic
# --------------------------------------------------------------------------------------------
class TopicScreen(QuestionActions):
    NAME = N_("A topic")
    NUMBERS = N_("add a question to your list (or take it off), or open a resource or topic")
    KEYS = commands.plain("topic")

    def __init__(self, shell, topic_id: str = "", section: int = -1):
        super().__init__(shell)
        self.topic = self.library.topics[topic_id]
        actions.remember_topic(self.session, topic_id)
        self.section = section  # a search result starts at its section, once
        self.starts: list[int] = []
        self.cut = 0  # lines of the page left out above a search result's section

    def language_changed(self, before) -> None:
        self.topic = self.library.topics[self.topic.id]

    def short_letters(self) -> tuple[str, ...]:
        return ("g", "h")  # get help now too: what a person reads here may worry them

    def render(self) -> list[str]:
        lines = super().render()
        self.cut = 0
        section, self.section = self.section, -1  # r, or coming back, reads it all
        if not 0 <= section < len(self.starts) or self.page is None:
            return lines
        title = lines[: len(lines) - len(self.page.lines)]
        heading = self.topic.sections[section].heading
        self.cut = self.starts[section] - 1  # the page's lines before it, less "From the part"
        return [*title, _('From the part "{heading}" (r reads the whole topic):').format(
                    heading=heading),
                *self.page.lines[self.starts[section]:]]

    def part_starts(self) -> list[int]:
        return [start - self.cut for start in super().part_starts() if start - self.cut > 0]

    def title(self) -> str:
        mark = _(" (bookmarked)") if self.store.is_bookmarked("topic", self.topic.id) else ""
        return f"{self.topic.title}{mark}"

    def build(self, page: Page) -> None:
        topic = self.topic
        text = views.topic_page(topic)
        page.add(text.summary)
        self.starts = []
        for part in text.parts:
            page.part()
            self.starts.append(len(page.lines))
            page.add(part.heading)
            if part.about:
                page.add(part.about)
            page.lines.extend(block_lines(part.blocks, page.width))
        page.part()
        page.add(f"{text.sources_heading}:")
        for source in text.sources:
            page.add(source, "- ", "  ")
        for words in text.checked:
            page.add(words)
        page.blank()
        page.add(text.care_team)
        # A question not picked has no mark: "Picked" alone is said, as on the questions
        # screens (a reader heard "Not picked" before every question).
        for section in views.topic_related(self.session, topic, say_unpicked=False):
            page.part()
            hint = _(" (a number adds it to your list, or takes it off)")
            is_questions = section.heading == _(views.QUESTIONS_HEADING)
            page.heading(f"{section.heading}{hint if is_questions else ''}:")
            for item in section.items:
                kind, _sep, item_id = item.key.partition(":")
                if kind == "question":
                    page.choice(item.text, lambda q=item_id: self.pick(q))
                elif kind == "resource":  # its name; the rest is on its page, as in resources
                    page.choice(self.library.resources[item_id].name,
                                lambda key=item.key: self.shell.open(open_key(self.shell, key)))
                else:
                    page.choice(item.text,
                                lambda key=item.key: self.shell.open(open_key(self.shell, key)))

    def bookmark(self, _arg: str) -> None:
        self.tell(actions.toggle_bookmark(self.session, "topic", self.topic.id))


# --------------------------------------------------------------------------------------------
# Bookmarks
# --------------------------------------------------------------------------------------------
class BookmarksScreen(Screen):
    NAME = N_("Bookmarks")
    NUMBERS = N_("open a bookmarked topic or resource")
    KEYS = commands.plain("bookmarks")

    def build(self, page: Page) -> None:
        view = views.bookmarks(self.session)
        for line in view.lines:
            page.add(line)
        if view.items():
            page.blank()
        for item in view.items():
            page.choice(item.text, lambda key=item.key: self.shell.open(open_key(self.shell, key)))

    def offers(self, command) -> bool:
        return command.id != "bookmarks.remove" or bool(views.bookmarks(self.session).items())

    def remove(self, arg: str) -> bool | None:
        items = views.bookmarks(self.session).items()
        index = self.which(arg, len(items), "bookmark")
        if index is None:
            return None
        kind, _sep, item_id = items[index].key.partition(":")
        self.tell(actions.remove_bookmark(self.session, kind, item_id))
        return True


# --------------------------------------------------------------------------------------------
# Help
# --------------------------------------------------------------------------------------------
class Help(Screen):
    NAME = N_("Help")

    def __init__(self, shell):
        super().__init__(shell)
        # Get help now, then the keys of the screen help was asked on, are the first page: it
        # answers "what can I do here" in a few lines. How plain mode works, the keys of
        # every screen and the other screens follow, after "more".
        here = type(shell.stack[-1]) if shell.stack else None
        self.first = here if here in SCREENS else None

    def build(self, page: Page) -> None:
        order = sorted(SCREENS, key=lambda screen: screen is not self.first)  # (stable)
        screens = [(screen.NAME, screen.NUMBERS, screen.KEYS) for screen in order]
        view = core_help.plain_help(screens, self.session.kiosk, self.session.policy,
                                    self.shell.term.paging)
        sections = list(view.sections)  # how it works, the screens, the keys everywhere
        new_page = -1
        if self.first is not None:  # g, here; then how it works, everywhere, the other screens
            how, here, *others, everywhere = sections
            get_help = commands.COMMANDS["get_help"]
            said = _("{letter}, on every screen: {what}").format(letter=get_help.letter,
                                                                 what=_(get_help.help))
            sections = [core_help.HelpSection("", (said,)), here, how, everywhere, *others]
            new_page = 2
        for number, section in enumerate(sections):
            page.part(new_page=number == new_page)
            if section.heading:
                page.add(section.heading)
            for line in section.lines:
                page.add(line, "  ", "    ")  # indented: a reader said "dash" before each


SCREENS: tuple[type[Screen], ...] = (
    Home, TopicGroup, TopicScreen, QuestionsScreen, GroupScreen, OwnQuestionsScreen, MyListScreen,
    ResourcesScreen, ResourceScreen, BookmarksScreen,
)
