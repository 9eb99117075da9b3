"""Home: the groups of topics, the other parts and the crisis lines; and one group's topics.

Both draw a view from the core (core/views.py) as one numbered list.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from metanav.core import views
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import ListScreen, plain
from metanav.tui.widgets.lean_list import LeanList, Row

KEYS_HINT = N_("Arrow keys or a number, then Enter.")
LEAVE_WHY = N_("q also goes back on the other screens, so here it asks first. Ctrl+Q leaves "
               "at once.")
LEAVE_KEYS = N_("Press y to leave. Press Enter, n or Escape to stay.")
STAYED = N_("Still here.")


def view_rows(view: views.View) -> list[Row]:
    """A view's sections as list rows: each heading, then its items numbered 1, 2, ..."""
    rows: list[Row] = []
    number = 0
    for section in view.sections:
        if section.heading:
            rows.append(Row(section.heading, heading=True))
        for item in section.items:
            number += 1
            rows.append(Row(f"{number}. {item.text}", key=item.key))
    return rows


class ViewListScreen(ListScreen):
    """A screen that is one core view drawn as a list; Enter opens the highlighted item."""

    def view(self) -> views.View:
        raise NotImplementedError

    def compose_body(self) -> ComposeResult:
        view = self.view()
        yield Static(plain(" ".join((*view.lines, _(KEYS_HINT)))), id="intro", markup=False)
        yield LeanList(view_rows(view), wrap=True, id="home-list")

    AUTO_FOCUS = "#home-list"

    def refresh_view(self) -> None:
        lst = self.main_list()
        keep = lst.highlighted_row.key if lst.highlighted_row else None
        lst.set_rows(view_rows(self.view()), keep=keep)

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.metanav.open_key(event.lean_list.rows[event.index].key)

    def action_open(self) -> None:
        self.main_list().action_select()


class HomeScreen(ViewListScreen):
    BINDINGS = bindings.HOME
    TITLE_TEXT = N_("metanav - information about metastatic cancer")

    def view(self) -> views.View:
        return views.home(self.session)

    def on_mount(self) -> None:
        if not self.session.ask_language:  # else the language screen, the first, says it
            self.say_reader_found()
        for notice in self.session.store.notices:
            self.say(notice)
        if self.session.ask_language:  # a kiosk (after every reset) or a first run
            from metanav.tui.screens.language import LanguageScreen

            self.app.push_screen(LanguageScreen())

    def action_quit(self) -> None:
        """q on home asks first: q also goes back on the other screens, so a q too many on
        the way home must not close metanav (lynx asks too). Ctrl+Q leaves at once."""
        if not self.session.policy.quit:
            self.metanav.request_quit()  # a kiosk: says why nothing happens
            return
        from metanav.tui.screens.prompt import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                self.metanav.request_quit()
            else:
                self.say(_(STAYED))

        self.app.push_screen(Confirm(_("Leave metanav?"), _(LEAVE_WHY), _(LEAVE_KEYS)), answered)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit" and not self.session.policy.quit:
            return False  # a kiosk: no "q Quit" in the footer...
        return super().check_action(action, parameters)

    def on_key(self, event) -> None:
        if event.key == "q" and not self.session.policy.quit:
            event.stop()
            self.metanav.request_quit()  # ...but q still says why nothing happens
        # (Textual also calls ListScreen.on_key, for the number keys.)

    def action_back(self) -> None:
        """Escape on the home screen does nothing (quitting is q, where allowed)."""
        if self.session.policy.quit:
            self.say(_("You are on the home screen. Press q to quit."))
        else:
            self.say(_("You are on the home screen."))


class TopicGroupScreen(ViewListScreen):
    """The topics under one home heading."""

    BINDINGS = bindings.bindings_of("group")

    def __init__(self, name: str) -> None:
        super().__init__()
        self.group = name

    def heading(self) -> str:
        return views.group_title(self.group)

    def language_changed(self, before) -> None:
        self.group = views.same_group(before, self.session.library, self.group)

    def view(self) -> views.View:
        return views.topic_group(self.session, self.group)
