"""Show your doctor: my list one question at a time, for reading at arm's length
(core/printing.py).

A terminal cannot make some of its letters larger than the rest for Textual to draw (DEC's
double-size lines are not in tmux, PuTTY or the Linux console, and a screen reader would read
each of them twice). So "large print" here is what every terminal can do: the question alone
in the middle of the screen, in bold, in short lines with a blank line between them. The
letters themselves grow with the terminal's own font (docs/kiosk.md: a 16x32 console font makes
everything twice the size). With the screen-reader setting the lines are not spaced: a blank
line would only be read out as "blank".
"""

from __future__ import annotations

import textwrap

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Static

from metanav.core import questions
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain

SHORT_LINE = 48  # columns: about 8 words, read at arm's length


class DoctorScreen(BaseScreen):
    BINDINGS = bindings.DOCTOR
    TITLE_TEXT = N_("Show your doctor")
    DEFAULT_CSS = """
    #doctor-body { height: 1fr; }
    #doctor-heading { width: auto; padding: 0 2; margin-bottom: 1; }
    #doctor-text { width: auto; padding: 0 2; text-style: bold; }
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
        self.query_one("#doctor-text", Static).update(plain(self.spaced(text)))
        self.query_one("#doctor-note", Static).update(plain(note))
        if len(pages) > 1:
            self.say(_("Right arrow or Space: next question. Left arrow: the one before."))

    def spaced(self, text: str) -> str:
        """Short lines (at most 48 columns), a blank line between them."""
        if self.metanav.screen_reader:
            return text
        width = max(20, min(SHORT_LINE, self.app.size.width - 4))
        return "\n\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text

    def on_resize(self) -> None:
        self.refresh_view()

    def action_step(self, delta: int) -> None:
        self.index += delta
        self.refresh_view()
