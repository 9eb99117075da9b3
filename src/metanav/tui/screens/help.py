"""Help: every key on every screen, the core's help view (core/help.py) as one text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from metanav.core import help as core_help
from metanav.core.policy import Policy
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain
from metanav.tui.widgets.reading_view import ReadingView


def help_text(kiosk: bool = False, policy: Policy | None = None, spoken: bool = False) -> str:
    """The help view as text: a heading, then its lines indented; a blank line between."""
    lines: list[str] = []
    for section in core_help.full_screen_help(kiosk, policy, spoken).sections:
        if lines:
            lines.append("")
        if section.heading:
            lines.append(section.heading)
            lines += [f"  {line}" for line in section.lines]
        else:
            lines += section.lines
    return "\n".join(lines)


class HelpScreen(BaseScreen):
    BINDINGS = bindings.bindings_of("help")  # q and Left close it, as Backspace does
    TITLE_TEXT = core_help.TITLE

    def compose_body(self) -> ComposeResult:
        with ReadingView(id="help-body"):
            text = help_text(self.session.kiosk, self.session.policy, self.metanav.screen_reader)
            yield Static(plain(text), id="help-text", markup=False)

    AUTO_FOCUS = "#help-body"
