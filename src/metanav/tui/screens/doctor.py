"""Show your doctor: my list one question at a time, large and bold (core/printing.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Static

from metanav.core import questions
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain


class DoctorScreen(BaseScreen):
    BINDINGS = bindings.DOCTOR
    TITLE_TEXT = N_("Show your doctor")
    DEFAULT_CSS = """
    #doctor-body { height: 1fr; }
    #doctor-heading { width: auto; padding: 0 2; margin-bottom: 1; }
    #doctor-text { width: 100%; max-width: 60; padding: 0 2; text-style: bold; }
    #doctor-note { width: 100%; max-width: 60; padding: 0 2; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    def compose_body(self) -> ComposeResult:
        with Middle(id="doctor-body"):
            with Center():
                yield Static("", id="doctor-heading", markup=False)
            with Center():
                yield Static("", id="doctor-text", markup=False)
            with Center():
                yield Static("", id="doctor-note", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        pages = questions.my_list(self.session).doctor_pages()
        self.index = max(0, min(self.index, len(pages) - 1))
        if not pages:
            heading, text, note = "", _("No questions chosen yet."), ""
        else:
            page = pages[self.index]
            heading, text, note = page.heading, page.text, page.note
            note = _("Answer noted: {note}").format(note=note) if note else ""
        self.query_one("#doctor-heading", Static).update(plain(heading))
        self.query_one("#doctor-text", Static).update(plain(text))
        self.query_one("#doctor-note", Static).update(plain(note))
        if len(pages) > 1:
            self.say(_("Right arrow or Space: next question. Left arrow: the one before."))

    def action_step(self, delta: int) -> None:
        self.index += delta
        self.refresh_view()
