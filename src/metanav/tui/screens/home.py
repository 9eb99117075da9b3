"""Home: what metanav is, then every topic and section in one numbered list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from metanav.tui import bindings
from metanav.tui.screens.base import ListScreen, plain
from metanav.tui.widgets.lean_list import LeanList, Row

INTRO = (
    "Plain words about metastatic cancer, questions for your doctor, and support. "
    "metanav informs; your care team advises. Arrow keys or a number, then Enter."
)

SECTIONS = [
    ("questions", "Questions for your doctor"),
    ("resources", "Support resources"),
    ("bookmarks", "Bookmarks"),
    ("help", "Help: keys and how to use metanav"),
]


class HomeScreen(ListScreen):
    BINDINGS = bindings.HOME
    TITLE_TEXT = "metanav - information about metastatic cancer"

    def compose_body(self) -> ComposeResult:
        yield Static(plain(INTRO), id="intro", markup=False)
        yield LeanList(self._rows(), wrap=True, id="home-list")

    def _rows(self) -> list[Row]:
        rows = [Row("Topics", heading=True)]
        number = 0
        for topic in self.session.library.topics.values():
            number += 1
            rows.append(Row(f"{number}. {topic.title}", key=f"topic:{topic.id}"))
        rows.append(Row("More", heading=True))
        for key, title in SECTIONS:
            number += 1
            rows.append(Row(f"{number}. {title}", key=key))
        return rows

    AUTO_FOCUS = "#home-list"

    def on_mount(self) -> None:
        for notice in self.session.store.notices:
            self.say(notice)

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.open_key(event.lean_list.rows[event.index].key)

    def action_open(self) -> None:
        self.main_list().action_select()

    def open_key(self, key: str) -> None:
        app = self.metanav
        if key.startswith("topic:"):
            app.open_topic(key.removeprefix("topic:"))
        elif key == "questions":
            app.open_questions()
        elif key == "resources":
            app.open_resources()
        elif key == "bookmarks":
            app.open_bookmarks()
        elif key == "help":
            app.open_help()

    def action_quit(self) -> None:
        self.metanav.request_quit()

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
            self.say("You are on the home screen. Press q to quit.")
        else:
            self.say("You are on the home screen.")
