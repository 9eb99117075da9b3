"""Help: every key on every screen, from the same tables the screens use (core/commands.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain


def help_text(kiosk: bool = False) -> str:
    """Every key on every screen, from the same tables the screens use.

    On a kiosk the quit keys are left out (they do nothing there) and the Done key is added.
    """
    lines = [
        _("metanav works with the keyboard alone. The bottom line shows the main keys of each "
          "screen."),
        "",
        _("In any list:"),
    ]
    lines += [f"  {_(keys)}: {_(what)}" for keys, what in bindings.LIST_KEYS]
    sections = list(bindings.HELP_SECTIONS)
    if kiosk:
        sections.append((_("This shared screen"), [b for b in bindings.KIOSK if b.show]))
    for title, table in sections:
        lines += ["", f"{_(title)}:"]
        for b in table:
            if kiosk and b.action == "quit":
                continue
            lines.append(f"  {bindings.key_words(b)}: {_(b.description)}")
    if kiosk:
        lines += ["", _("Done - clear (F10) forgets everything you did here, so the next person "
                        "starts fresh. It also happens by itself after a few quiet minutes.")]
    lines += [
        "",
        _("Tab moves between the parts of a screen (text, filters, lists)."),
        _("For a screen reader or braille display, plain mode may suit you better: metanav --plain"),
    ]
    return "\n".join(lines)


class HelpScreen(BaseScreen):
    TITLE_TEXT = N_("Help: keys and how to use metanav")

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static(plain(help_text(self.session.kiosk)), id="help-text", markup=False)

    AUTO_FOCUS = "#help-body"
