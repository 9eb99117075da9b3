"""Small dialogs: one line of text (an own question, a note), yes or no, one of a list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import plain
from metanav.tui.widgets.lean_list import LeanList, Row
from metanav.tui.widgets.quiet_input import QuietInput


class TextPrompt(ModalScreen[str | None]):
    """Returns the text typed (Enter), or None (Escape)."""

    BINDINGS = bindings.PROMPT

    def __init__(self, title: str, hint: str, value: str = "", max_length: int = 500) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(plain(self.title_text), id="prompt-title", markup=False)
            yield Static(plain(self.hint), id="prompt-hint", markup=False)
            yield QuietInput(value=self.value, max_length=self.max_length, id="prompt-input")
            yield Static(plain(_("Enter to save, Escape to cancel.")), markup=False)

    AUTO_FOCUS = "#prompt-input"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question about something that cannot be taken back: only y says yes.

    Enter, n and Escape say no, so a stray Enter (or one typed ahead) never clears or
    removes anything."""

    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="confirm.yes"),
        Binding("n,escape,enter", "answer(False)", N_("No"), id="confirm.no"),
    ]

    def __init__(self, title: str, body: str, keys: str) -> None:
        super().__init__()
        self.title_text, self.body, self.keys = title, body, keys

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(plain(self.title_text), id="prompt-title", markup=False)
            yield Static(plain(self.body), markup=False)
            yield Static(plain(self.keys), id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ChoicePicker(ModalScreen[str | None]):
    """Every value of a Choice in a list: Enter picks the highlighted one, Escape keeps the old."""

    BINDINGS = bindings.PROMPT

    def __init__(self, title: str, options: list[tuple[str, str]], value: str) -> None:
        super().__init__()
        self.title_text = title
        self.options = options
        self.value = value

    def compose(self) -> ComposeResult:
        rows = [Row(words, key=value) for words, value in self.options]
        with Vertical(id="prompt-box"):
            yield Static(plain(self.title_text), id="prompt-title", markup=False)
            picker = LeanList(rows, id="picker-list")
            picker.styles.height = min(len(rows), 12)
            yield picker
            yield Static(plain(_("Enter to choose, Escape to keep it as it was.")), markup=False)

    AUTO_FOCUS = "#picker-list"

    def on_mount(self) -> None:
        picker = self.query_one(LeanList)
        picker.move_to(picker.index_of(self.value))

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        event.stop()
        self.dismiss(self.options[event.index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)
