"""What the full screen refuses in kiosk mode: leaving, suspending, screenshots, another
program. Mixed into ``MetanavApp`` (tui/app.py); the kiosk itself (countdown, clearing, the
staff PIN) is ``KioskGuard`` in kiosk_guard.py, which the app holds as ``self.kiosk``.

Two things are refused everywhere, kiosk or not: opening a link (no browser, no other
program) and Textual's command palette.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from metanav import kiosk
from metanav.i18n import _

if TYPE_CHECKING:
    from metanav.tui.kiosk_guard import KioskGuard


class KioskLockdown:
    """Textual's ways out, each answered in words in a kiosk (``self.kiosk`` not None).
    The app gives it ``kiosk`` and ``say``; ``super()`` is Textual's ``App``."""

    kiosk: KioskGuard | None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("done", "staff_exit", "stay"):
            return self.kiosk is not None
        if action == "quit" and self.kiosk is not None:
            return False  # hidden from the footer; the same keys reach "stay"
        return True

    def action_stay(self) -> None:
        self.say(_(kiosk.STAYS_OPEN), again=True)

    def action_done(self) -> None:
        if self.kiosk is not None:
            self.kiosk.ask_clear()

    def action_staff_exit(self) -> None:
        if self.kiosk is not None:
            self.kiosk.ask_pin()

    def recover_from(self, error: Exception, can_stay: bool) -> bool:
        """An error in a screen's or widget's handler (textual_internals.RecoverableErrors):
        a kiosk starts the person afresh; anything else ends as Textual ends it."""
        return self.kiosk is not None and self.kiosk.recover_from(error, can_stay)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Links are never opened: no browser, no other program (Textual would start one)."""
        self.say(_(kiosk.LINKS_NOT_OPENED))

    def action_suspend_process(self) -> None:
        if self.kiosk is not None:
            self.say(_(kiosk.STAYS_OPEN), again=True)
            return
        super().action_suspend_process()  # type: ignore[misc]

    @contextmanager
    def suspend(self):
        if self.kiosk is not None:
            raise SuspendNotSupported("A kiosk cannot be suspended.")
        with super().suspend():  # type: ignore[misc]
            yield

    def action_command_palette(self) -> None:
        self.say(_(kiosk.NOT_HERE))

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        if self.kiosk is not None:
            self.say(_(kiosk.NOT_HERE))
            return
        super().action_screenshot(filename, path)  # type: ignore[misc]

    def save_screenshot(self, filename: str | None = None, path: str | None = None,
                        time_format: str | None = None) -> str:
        if self.kiosk is not None:  # nothing is written to disk in kiosk mode
            raise PermissionError("metanav kiosk mode writes no files")
        return super().save_screenshot(filename, path, time_format)  # type: ignore[misc]

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        if self.kiosk is not None:
            self.say(_(kiosk.NOT_HERE))
            return None
        return super().deliver_screenshot(filename, path, time_format)  # type: ignore[misc]
