"""Kiosk mode for the full-screen app: the quiet-spell clock, the full reset and staff exit.

``MetanavApp`` owns one ``KioskGuard`` when the session is a kiosk session and sends it every
key and click. The clock is injectable (``clock``) and the tick interval too, so tests run the
three-minute countdown in milliseconds.

It also keeps the kiosk standing through metanav's own bugs (``recover``, see
metanav.kiosk_errors): an error in a handler is logged for staff, the session is cleared as
the countdown clears it, and home says "Something went wrong. metanav started again."
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from metanav import kiosk, kiosk_errors
from metanav.core import actions
from metanav.i18n import N_, _
from metanav.kiosk import IdleWatch, KioskConfig, StaffGate
from metanav.kiosk_errors import ErrorGuard
from metanav.tui import textual_internals

PIN_CLOSED = N_("Staff exit closed.")

if TYPE_CHECKING:
    from metanav.tui.app import MetanavApp


class KioskGuard:
    def __init__(self, app: MetanavApp, config: KioskConfig,
                 clock: Callable[[], float] | None = None, tick_seconds: float = 1.0,
                 errors: ErrorGuard | None = None) -> None:
        self.app = app
        self.config = config
        self.clock = clock or time.monotonic
        self.tick_seconds = tick_seconds
        self.watch = IdleWatch(config.idle_seconds, config.countdown_seconds, self.clock)
        self.gate = StaffGate(config, self.clock)
        self.countdown = None  # the StillThere screen while it is shown
        self.resets = 0  # completed resets
        self.clock_timer = None  # the quiet-spell clock (see start)
        self._resetting = False
        # Errors so far (kept across a restart of the app, see tui.app.run).
        self.errors = errors or ErrorGuard("full screen", self.clock)
        if self.errors.asks_language is None:
            self.errors.asks_language = app.session.ask_language
        self.crashed = False  # the app ends on an error it cannot stay up through

    def start(self) -> None:
        """Called once the app runs (the terminal driver has set its own signal handlers)."""
        if not self.app.is_headless:  # the terminal driver set its own SIGTSTP handler
            kiosk.ignore_keyboard_signals()
        self.app.set_keymap({"kiosk.staff_exit": self.config.exit_key})
        # The clock runs only while someone may be there: from a key after the start or the
        # last reset until the next reset. An untouched kiosk wakes for nothing.
        self._start_clock()
        if self.errors.total:  # a new app after an error ended the last one (tui.app.run)
            self.app.session.ask_language = bool(self.errors.asks_language)  # from next time
            self.app.call_after_refresh(self.app.say, _(kiosk_errors.RESTARTED))

    def _start_clock(self) -> None:
        if self.clock_timer is not None:
            self.clock_timer.stop()
        self.clock_timer = self.app.set_interval(self.tick_seconds, self.tick,
                                                 name="kiosk idle clock", pause=True)

    # -- someone is there ---------------------------------------------------------------------
    def activity(self) -> bool:
        """A key or click. Returns True when it only closed the countdown (swallow it)."""
        self.watch.touch()
        if self.clock_timer is not None:
            self.clock_timer.resume()
        if self.countdown is not None:
            self._close_countdown()
            return True
        return False

    def _close_countdown(self) -> None:
        screen, self.countdown = self.countdown, None
        if screen is not None and screen.is_attached and self.app.screen is screen:
            screen.dismiss(None)

    def _quiet(self) -> bool:
        """True while the app is ending or a reset is under way: the clock must not act then."""
        app = self.app
        return self._resetting or textual_internals.is_ending(app)

    async def tick(self) -> None:
        if self._quiet():
            return
        state, seconds = self.watch.state()
        if state == "active":
            if self.countdown is not None:
                self._close_countdown()
        elif state == "warning":
            if self.countdown is None or not self.countdown.is_attached:
                from metanav.tui.screens.kiosk_dialogs import StillThere

                self.countdown = StillThere(seconds)
                await self.app.push_screen(self.countdown)
            else:
                self.countdown.show(seconds)
        else:
            await self.reset()

    # -- metanav's own bugs ----------------------------------------------------------------------
    def recover(self, error: BaseException) -> None:
        """An unexpected error: logged for staff; the person starts afresh at home (after the
        handler that raised is done with), or, when errors come too fast, the app ends."""
        if textual_internals.is_ending(self.app):
            return  # ending anyway (the staff PIN, too many errors): nothing more to show
        if not self.errors.record(error):
            self.app.exit(kiosk_errors.EXIT_TOO_MANY, return_code=kiosk_errors.EXIT_TOO_MANY)
            return
        self.app.call_later(self._start_afresh, self.app.session.lang)

    def recover_from(self, error: Exception, can_stay: bool) -> bool:
        """An error in a screen's or widget's handler (MetanavApp.recover_from): True when the
        person is started afresh; False to let Textual end the app (its own message loop
        stopped), which tui.app.run then follows with a new app."""
        if not kiosk_errors.is_bug(error):
            return False
        if can_stay:
            self.recover(error)
            return True
        self.errors.record(error)
        self.crashed = True
        return False

    def ended_by_error(self, code: int | None) -> bool:
        """Whether the app ended on an error (tui.app.run then starts a new one)."""
        if self.crashed:
            return True
        if code in (0, None, kiosk_errors.EXIT_TOO_MANY) or textual_internals.AVAILABLE:
            return False
        # Ended by Textual's own handler (its internals are not what metanav expects).
        self.errors.record(kiosk_errors.EndedOnError())
        return True

    async def _start_afresh(self, lang: str) -> None:
        self._start_clock()  # the error may have come from the clock, which then stopped
        await self.reset(afresh=lang)

    # -- the next person starts fresh -----------------------------------------------------------
    async def reset(self, afresh: str = "") -> None:
        """Forget everything: state, filters, every screen, theme, clipboard, messages.
        ``afresh``: after an error, in the language the person was using (kiosk_errors)."""
        if self._quiet():
            return
        self._resetting = True
        try:
            await self._reset(afresh)
        finally:
            self._resetting = False
        self.resets += 1

    async def _reset(self, afresh: str = "") -> None:
        from metanav.tui.app import choose_screen_reader
        from metanav.tui.screens.home import HomeScreen
        from metanav.tui.themes import choose_theme

        app = self.app
        self.countdown = None
        if afresh:
            words = kiosk_errors.start_afresh(app.session, afresh)
        else:
            words = actions.clear_session(app.session).words
            app.session.ask_language = bool(self.errors.asks_language)
        # The clinic's screen-reader setting (--screen-reader), not the last visitor's Ctrl+S.
        app.screen_reader = choose_screen_reader(app.session)
        app.show_cursor()
        textual_internals.forget_clipboard(app)
        app.clear_notifications()
        while len(app.screen_stack) > 1:
            await app.pop_screen()
        # A new mode whose base is a new HomeScreen: Textual cannot swap the base screen of a
        # stack, but it can switch stacks and drop the old one.
        old_mode = app.current_mode
        mode = f"kiosk-{self.resets + 1}"
        app.add_mode(mode, HomeScreen)
        await app.switch_mode(mode)
        if old_mode != app.DEFAULT_MODE:
            await app.remove_mode(old_mode)
        # Nothing of the last person's screens may stay, in memory either: a kiosk runs for
        # months, and each reset's screens used to stay cached (see forget_render_caches).
        textual_internals.forget_render_caches()
        gc.collect()
        home = app.screen
        app.theme = choose_theme(app.session.theme, None)
        self.watch.touch()
        if self.clock_timer is not None:
            self.clock_timer.pause()  # nobody is there until a key says so
        app.call_after_refresh(home.say, words)

    def ask_clear(self) -> None:
        from metanav.tui.screens.kiosk_dialogs import ConfirmClear

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.reset()
            else:
                self.app.say(_("Nothing was cleared."))

        self.app.push_screen(ConfirmClear(), answered)

    # -- staff exit -----------------------------------------------------------------------------
    def ask_pin(self) -> None:
        from metanav.tui.screens.kiosk_dialogs import PinPrompt

        refusal = self.gate.can_ask()
        if refusal:
            self.app.say(refusal)
            return

        def answered(pin: str | None) -> None:
            if pin is None:  # Escape: said, or a screen reader hears nothing at all
                self.app.say(_(PIN_CLOSED))
                return
            if self.gate.try_pin(pin):
                self.app.exit(0)
            else:
                self.app.say(self.gate.can_ask() or _(kiosk.WRONG_PIN))

        self.app.say("")  # "That PIN is not right." belongs to the last try, not this one
        self.app.push_screen(PinPrompt(), answered)

