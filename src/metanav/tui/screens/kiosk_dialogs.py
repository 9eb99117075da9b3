"""Kiosk dialogs: the staff PIN, "Still there?" with its countdown, and "Done - clear my session"."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from metanav.i18n import N_, _
from metanav.kiosk import STILL_THERE, clearing_in
from metanav.tui.screens.base import plain
from metanav.tui.screens.prompt import Confirm
from metanav.tui.widgets.quiet_input import QuietInput


class PinPrompt(ModalScreen[str | None]):
    """Asks for the staff PIN (hidden as it is typed). Returns it (Enter) or None (Escape)."""

    DEFAULT_CSS = "PinPrompt { align: center middle; }"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="pin.cancel")]
    AUTO_FOCUS = "#pin-input"

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="kiosk-box across"):
            yield Static(plain(_("Staff exit")), id="prompt-title", markup=False)
            yield Static(plain(_("Type the staff PIN, then Enter. Escape goes back.")), markup=False)
            yield QuietInput(password=True, max_length=64, id="pin-input")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class StillThere(ModalScreen[None]):
    """The visible countdown before a kiosk session is cleared. Any key closes it (the app
    sees the key first and counts it as someone being there)."""

    DEFAULT_CSS = "StillThere { align: center middle; } #still-there, #clearing-in { text-style: bold; }"

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="kiosk-box across"):
            yield Static(plain(_(STILL_THERE)), id="still-there", markup=False)
            yield Static(plain(clearing_in(self.seconds)), id="clearing-in", markup=False)
            yield Static(plain(_("Everything you looked at or picked will be forgotten, so the "
                                 "next person starts fresh.")), markup=False)

    def show(self, seconds: int) -> None:
        if seconds != self.seconds:
            self.seconds = seconds
            self.query_one("#clearing-in", Static).update(plain(clearing_in(seconds)))

    def on_click(self, event: events.Click) -> None:
        self.dismiss(None)


class ConfirmClear(Confirm):
    """ "Done - clear my session": asks once, so a stray key does not wipe a person's list."""

    def __init__(self) -> None:
        super().__init__(
            _("Done? Clear my session"),
            _("This forgets everything you looked at, picked, bookmarked or wrote on this "
              "screen, so the next person starts fresh."),
            _("Press y to clear it now. Press Enter, n or Escape to keep going."),
        )

    def on_mount(self) -> None:
        self.query_one("#prompt-box").add_class("kiosk-box", "across")
