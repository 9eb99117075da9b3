"""The full-screen face of metanav (Textual)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence

from rich.console import Console
from textual import events
from textual.app import App
from textual.filter import LineFilter, Monochrome, NoColor
from textual.geometry import Offset

from metanav import glyphs, kiosk, kiosk_errors
from metanav.core import actions
from metanav.i18n import _
from metanav.session import Session
from metanav.tui import bindings, textual_internals
from metanav.tui.console import use_glyphs
from metanav.tui.delta import Shadow
from metanav.tui.kiosk_lockdown import KioskLockdown
from metanav.tui.navigation import Navigation
from metanav.tui.no_colour import NoColour, NoStyle
from metanav.tui.paint import draws_lines, erases_in_colour, newline_mode
from metanav.tui.screens.base import BaseScreen
from metanav.tui.screens.home import HomeScreen
from metanav.tui.start_up import finish_start_up
from metanav.tui.themes import THEMES, ansi_theme, choose_theme


def choose_screen_reader(session: Session) -> bool:
    """--screen-reader or METANAV_SCREEN_READER, then the saved setting (Ctrl+S), then a
    screen reader found running, then off (Session.screen_reader_setting)."""
    return session.screen_reader_setting()[0]


class MetanavApp(Navigation, KioskLockdown, textual_internals.ChangedCellsDisplay,
                 textual_internals.RecoverableErrors, App, inherit_bindings=False):
    """metanav's full-screen app. Everything is reachable with the keyboard alone.

    Going from screen to screen is in navigation.py, what a kiosk refuses in
    kiosk_lockdown.py, what start-up leaves until after the first frame in start_up.py."""

    CSS_PATH = "app.tcss"
    TITLE = "metanav"
    BINDINGS = bindings.APP + bindings.KIOSK
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, clock: Callable[[], float] | None = None,
                 kiosk_tick: float = 1.0, errors=None) -> None:
        from metanav.tui import input_guard

        # Malformed input is dropped, never fatal (TEXTUAL_DRIVER, a developer's tool, still wins).
        guarded = None if os.environ.get("TEXTUAL_DRIVER") else input_guard.driver_class()
        super().__init__(driver_class=guarded)
        self._one_key = input_guard.OneAtATime(self)
        self.session = session
        self.kiosk = None
        if session.kiosk:
            from metanav.tui.kiosk_guard import KioskGuard

            config = session.kiosk_config or kiosk.KioskConfig()
            self.kiosk = KioskGuard(self, config, clock, kiosk_tick, errors)
            # No traceback on the person's screen, ever (Textual prints one when it ends the
            # app on an error): the kiosk logs its errors for staff (metanav.kiosk_errors).
            self.error_console = Console(file=io.StringIO(), markup=False, highlight=False)
        self.animation_level = "none"
        for theme in THEMES.values():
            self.register_theme(theme)
        self.register_theme(ansi_theme())
        self.theme = choose_theme(session.theme, session.store.setting("theme"))
        self.screen_reader = choose_screen_reader(session)
        # Send only changed cells (see delta.py): not with METANAV_FULL_REDRAW=1, nor when
        # Textual's internals are not what textual_internals/ expects (whole redraws then).
        internals = textual_internals.check_at_start(self)
        full = os.environ.get("METANAV_FULL_REDRAW") or not internals
        self.shadow: Shadow | None = None if full else Shadow(
            bce=erases_in_colour(), lines=draws_lines(), newline=newline_mode(),
            keep_pen=guarded is not None)  # the guarded driver resets the pen when it stops
        self._shown_cursor: Offset | None = None
        self._no_colour = NoColour()
        self._no_style = NoStyle()
        self.glyphs = glyphs.current()
        use_glyphs(self, self.glyphs)  # the Linux console font's characters only, under TERM=linux

    def get_line_filters(self) -> Sequence[LineFilter]:
        """With NO_COLOR, no colour codes at all (see no_colour.py), not Textual's greys."""
        filters = super().get_line_filters()
        if self.screen_reader:
            return [*filters, self._no_style]
        if not self.no_color:
            return filters
        return [self._no_colour if isinstance(f, Monochrome | NoColor) else f for f in filters]

    def action_again(self) -> None:
        """Send the whole screen again (if the terminal got garbled)."""
        if self.shadow is not None:
            self.shadow.invalidate()
        self.screen.refresh()

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    # -- the language: chosen on the first screen, switched with i on any screen --------------
    async def choose_language(self, lang: str, asked: BaseScreen | None = None) -> None:
        """Show everything in ``lang`` from now on; ``asked``, the first screen's choice, goes."""
        before = self.session.library
        done = actions.choose_language(self.session, lang)
        # One frame for all of it: a screen reader would otherwise read the screen below in
        # the old words, then again in the new.
        with self.batch_update():
            if asked is not None and asked in self.screen_stack:
                await self.pop_screen()
            if done.ok and self.session.library is not before:
                await self.language_changed(before)
            self.say(done.sentence())

    async def switch_language(self) -> None:
        await self.choose_language(actions.other_language(self.session))

    async def language_changed(self, before) -> None:
        """Every screen is drawn again in the new words, where it was (see BaseScreen)."""
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen):
                screen.language_changed(before)
                await screen.recompose()
                screen.refresh_bindings()

    async def action_quit(self) -> None:
        self.request_quit()

    def request_quit(self) -> None:
        if self.session.policy.quit:
            self.exit(0)
        else:
            self.say(_(kiosk.STAYS_OPEN) if self.kiosk else self.session.policy.refusal(), again=True)

    def say(self, message: str, again: bool = False) -> None:
        """Put words on the status line of the screen below any dialog (``again``: BaseScreen.say)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, BaseScreen):
                screen.say(message, again)
                return

    # -- the start, and every key (a kiosk's own refusals: kiosk_lockdown.py) ---------------
    settle_gc_after_start = False  # set by run(); see start_up.settle_garbage_collector

    def on_mount(self) -> None:
        if self.kiosk is not None:
            self.kiosk.start()
        # Back from Ctrl+Z / SIGTSTP the terminal shows the shell's screen: send it all again.
        self.app_resume_signal.subscribe(self, lambda _app: self.action_again())
        self.call_after_refresh(self._after_first_frame)
        self.show_cursor()

    def show_cursor(self) -> None:
        """With the screen-reader setting, the terminal's own cursor shows the focus (at the
        start of the focused line) in place of the highlight's colours; otherwise hidden."""
        textual_internals.show_terminal_cursor(self, self.screen_reader)

    def _after_first_frame(self) -> None:
        finish_start_up(self, settle_gc=self.settle_gc_after_start)

    async def on_event(self, event: events.Event) -> None:
        if self._one_key.hold(event):
            return  # comes back once the key before it is done with
        if self.kiosk is None:
            await super().on_event(event)
            return
        if isinstance(event, _ACTIVITY) and not event.is_forwarded and self.kiosk.activity():
            return  # the key only said "still here": it closed the countdown
        try:
            await super().on_event(event)  # every key binding's action runs in here
        except Exception as error:  # noqa: BLE001 - a kiosk stays up through its own bugs
            if not kiosk_errors.is_bug(error):
                raise
            self.kiosk.recover(error)

    # -- the screen-reader setting: decorations a reader voices as junk are left out --------
    @property
    def screen_reader(self) -> bool:
        return self.has_class("-screen-reader")

    @screen_reader.setter
    def screen_reader(self, on: bool) -> None:
        # One class on the app: app.tcss drops the focus bars and scroll bars under it, the
        # key bar and the lists read it when they paint, and get_line_filters drops colours.
        self.set_class(on, "-screen-reader")

    def action_toggle_screen_reader(self) -> None:
        """Turn the screen-reader setting on or off; remembered for next time (not in a
        kiosk, whose memory is cleared for the next person)."""
        self.screen_reader = not self.screen_reader
        done = actions.set_screen_reader(self.session, self.screen_reader)
        self.show_cursor()
        self.screen.refresh(layout=True)
        for widget in self.screen.query("*"):
            widget.refresh()
        if isinstance(self.screen, BaseScreen):
            self.screen.tell(done)

    def action_cycle_theme(self) -> None:
        """Next colour theme; remembered for next time (not in kiosk mode)."""
        self.theme, done = actions.next_theme(self.session, self.theme)
        if isinstance(self.screen, BaseScreen):
            self.screen.tell(done)


_ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)


def run(session: Session, mouse: bool = False) -> int:
    """Run the app. A kiosk whose app ended on an error it could not stay up through starts
    a new one, the person's session cleared (kiosk_errors), unless errors come too fast."""
    errors = kiosk_errors.ErrorGuard("full screen") if session.kiosk else None
    while True:
        app = MetanavApp(session, errors=errors)
        app.settle_gc_after_start = errors is None or not errors.total
        app.mouse = mouse  # and no pointer-shape escapes without it (textual_internals)
        lang = session.lang
        result = app.run(mouse=mouse)
        code = result if isinstance(result, int) else (app.return_code or 0)
        if app.kiosk is None or not app.kiosk.ended_by_error(code):
            return code
        if errors.too_many:
            return kiosk_errors.EXIT_TOO_MANY
        kiosk_errors.start_afresh(session, lang)
