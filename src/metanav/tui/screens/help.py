"""Help: every key on every screen, from the same tables the screens use (core/commands.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain


def help_text(kiosk: bool = False) -> str:
    """Every key on every screen, from the same tables the screens use.

    On a kiosk the quit keys are left out (they do nothing there) and the Done key is added.
    """
    lines = [
        "metanav works with the keyboard alone. The bottom line shows the main keys of each screen.",
        "",
        "In any list:",
    ]
    lines += [f"  {keys}: {what}" for keys, what in bindings.LIST_KEYS]
    sections = list(bindings.HELP_SECTIONS)
    if kiosk:
        sections.append(("This shared screen", [b for b in bindings.KIOSK if b.show]))
    for title, table in sections:
        lines += ["", f"{title}:"]
        for b in table:
            if kiosk and b.action == "quit":
                continue
            lines.append(f"  {bindings.key_words(b)}: {b.description}")
    if kiosk:
        lines += ["", "Done - clear (F10) forgets everything you did here, so the next person "
                  "starts fresh. It also happens by itself after a few quiet minutes."]
    lines += [
        "",
        "Tab moves between the parts of a screen (text, filters, lists).",
        "For a screen reader or braille display, plain mode may suit you better: metanav --plain",
    ]
    return "\n".join(lines)


class HelpScreen(BaseScreen):
    TITLE_TEXT = "Help: keys and how to use metanav"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static(plain(help_text(self.session.kiosk)), id="help-text", markup=False)

    AUTO_FOCUS = "#help-body"
