"""Help: every key on every screen, from the same tables the screens use (core/commands.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from metanav.core.commands import COMMANDS
from metanav.core.policy import Policy
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain
from metanav.tui.widgets.reading_view import ReadingView


def help_text(kiosk: bool = False, policy: Policy | None = None, spoken: bool = False) -> str:
    """Every key on every screen, from the same tables the screens use.

    On a kiosk the quit keys are left out (they do nothing there) and the Done key is added;
    keys the policy switches off (notes, save to file, print) are left out too.
    """
    policy = policy or Policy()
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
            command = COMMANDS.get(b.id or "")
            if command is not None and not policy.allows(command.needs):
                continue  # switched off here: listing it would only invite a refusal
            lines.append(f"  {bindings.key_words(b, spoken)}: {_(b.description)}")
    if kiosk:
        lines += ["", _("Done - clear (F10) forgets everything you did here, so the next person "
                        "starts fresh. It also happens by itself after a few quiet minutes.")]
    lines += ["", _("Tab moves between the parts of a screen (text, filters, lists).")]
    if not kiosk:  # a kiosk's visitor cannot start another mode
        lines.append(_("For a screen reader or braille display, plain mode may suit you better: "
                       "metanav --plain"))
    lines.append("With a screen reader: Backspace goes back (screen readers keep Escape), and "
                 "Ctrl+S turns the screen-reader setting on or off.")
    return "\n".join(lines)


class HelpScreen(BaseScreen):
    TITLE_TEXT = N_("Help: keys and how to use metanav")

    def compose_body(self) -> ComposeResult:
        with ReadingView(id="help-body"):
            text = help_text(self.session.kiosk, self.session.policy, self.metanav.screen_reader)
            yield Static(plain(text), id="help-text", markup=False)

    AUTO_FOCUS = "#help-body"
