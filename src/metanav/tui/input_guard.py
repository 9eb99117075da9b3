"""No input, however malformed, ends the full-screen app: a guard around Textual's key reader.

Textual reads the terminal in a thread and turns bytes into events with its ``XTermParser``. A
sequence such as ``ESC[99999999999u`` made that parser raise (``chr()`` of a huge number); the
thread died and the app ended, a kiosk included, with a traceback on the screen. Anyone on an
SSH link can send those 12 bytes.

Here the parser is wrapped so that:

- a sequence it cannot turn into a key is dropped, and the keys after it still arrive;
- if it fails anywhere else, it starts afresh from the next read (the rest of that read is lost);
- what it makes is checked before the app sees it: no text a terminal cannot show (lone
  surrogates), no window size of 0 or of millions of cells, no mouse far off any screen;
- bytes that are not UTF-8 are dropped instead of stopping the reader.

Keys that arrive together (a paste, a stalling SSH link) are handled one at a time, in order,
by the screen they belong to (:class:`OneAtATime`): Textual hands the next key to whatever has
focus while the last one is still under way, so two Enters in the staff PIN box closed it twice
(and the home screen with it), and the "a" of ``hello\ra`` joined the note being saved.

What may pass and when is decided here; the code that reaches into Textual's private input
code (``textual._xterm_parser``, ``LinuxDriver.run_input_thread``, message queues) lives with
every other private Textual name in ``textual_internals/`` (``key_reader.py``,
``app_state.py``). :func:`driver_class` checks that code behaves as expected and otherwise
returns None: Textual's own driver, unguarded; :class:`OneAtATime` lets keys straight through
if the queues are not what it expects.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque

from textual import events

LARGEST_SCREEN = 4000  # columns or rows; any real terminal is far smaller
TERMINAL_GONE = 1  # the exit code when the terminal went away under the app


def _shows(text: str | None) -> bool:
    """Text a terminal can show: encodable as UTF-8 (no lone surrogates)."""
    if not text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def acceptable(message: object) -> bool:
    """Whether an event the parser made may reach the app."""
    if isinstance(message, events.Key):
        return _shows(message.character) and _shows(message.key)
    if isinstance(message, events.Paste):
        return True  # pasted text is cleaned by the box it lands in
    if isinstance(message, events.Resize):
        width, height = message.size
        return 0 < width <= LARGEST_SCREEN and 0 < height <= LARGEST_SCREEN
    if isinstance(message, events.MouseEvent):
        return abs(message.x) <= LARGEST_SCREEN and abs(message.y) <= LARGEST_SCREEN
    return True


# Keys that only move within the screen they are typed on: they never wait for the key before
# (a held-down arrow over a slow link arrives in batches, and is drawn once per batch).
IN_PLACE = frozenset({"up", "down", "left", "right", "pageup", "pagedown", "home", "end"})


class OneAtATime:
    """Holds each key (or paste) until the app has finished with the one before it.

    "Finished" is: no screen or widget has a message waiting or under way, and the app has
    nothing queued but more keys. Checked between the event loop's other work (no timer), and
    never for longer than ``LIMIT`` seconds a key, so a busy screen can slow typing down but
    never swallow it. Keys that cannot change what the next key means (arrows, text typed into
    a box) do not make the next one wait; they still keep their place in the queue."""

    LIMIT = 1.0
    MOST_HELD = 32  # more keys waiting than a person types ahead: a flood, let it all through

    def __init__(self, app) -> None:
        self.app = app
        self.held: deque = deque()
        self.busy_since: float | None = None
        self.checks = 0
        self.next_up = None  # the held event sent round again: it alone may pass
        self.works: bool | None = None  # decided on the first key: the queues exist by then
        self.flood_until = 0.0

    def hold(self, event) -> bool:
        """Called for each event the app receives. True: held for later, do nothing now."""
        if event.is_forwarded or not isinstance(event, (events.Key, events.Paste)):
            return False
        if self.works is None:
            from metanav.tui import textual_internals

            self.works = textual_internals.queues_look_right(self.app)
        if not self.works:
            return False
        loop = asyncio.get_running_loop()
        if time.monotonic() < self.flood_until:
            return False
        if event is self.next_up:
            self.next_up = None
        elif self.busy_since is not None or self.next_up is not None or self.held:
            self.held.append(event)  # after the one before, and after those already held
            if len(self.held) >= self.MOST_HELD:
                self._flood()
            return True
        if self._changes_things(event):
            self.busy_since = time.monotonic()
            self.checks = 0
            loop.call_soon(self._check)
        elif self.held:
            loop.call_soon(self._release)
        return False

    def _changes_things(self, event) -> bool:
        """Whether the key may change the screen, the focus or what is saved (Enter, Escape, a
        letter on a list...): then the next key waits until that is done."""
        if isinstance(event, events.Paste):
            return True
        if event.key in IN_PLACE:
            return False
        from textual.widgets import Input

        return not (event.is_printable and isinstance(self.app.focused, Input))

    def _check(self) -> None:
        from metanav.tui import textual_internals

        if self.busy_since is None or textual_internals.is_closed(self.app):
            return
        if not textual_internals.settled(self.app) and time.monotonic() - self.busy_since < self.LIMIT:
            self.checks += 1
            loop = asyncio.get_running_loop()
            if self.checks < 50:
                loop.call_soon(self._check)
            else:  # something slow (a handler waiting on I/O): look less often
                loop.call_later(0.002, self._check)
            return
        self.busy_since = None
        self._release()

    def _release(self) -> None:
        """Send the first held key round again (the app gets it as if it came now)."""
        if self.busy_since is None and self.next_up is None and self.held:
            self.next_up = event = self.held.popleft()
            self.app.post_message(event)
            # If it never comes round (the app dropped it), the keys after it must not wait.
            asyncio.get_running_loop().call_later(self.LIMIT, self._lost, event)

    def _flood(self) -> None:
        """Pasted junk or a stuck screen: send every held key on now, in order, and take the
        next half second's keys straight away, so the staff key is never stuck behind them."""
        self.flood_until = time.monotonic() + 0.5
        self.busy_since = self.next_up = None
        while self.held:
            self.app.post_message(self.held.popleft())

    def _lost(self, event) -> None:
        if self.next_up is event:
            self.next_up = None
            self._release()


def driver_class():
    """The guarded driver, or None (Textual's default) if Textual's internals have changed."""
    from metanav.tui import textual_internals as internals

    if internals.XTermParser is None or os.name != "posix" or os.environ.get(internals.OFF) == "off":
        return None
    try:
        parser = internals.GuardedParser()
        keys = [m.key for m in parser.feed("\x1b[99999999999u\x1b[5555555;1ua") if isinstance(m, events.Key)]
        ok = keys == ["a"] and internals.parser_looks_right(parser)
    except Exception:  # noqa: BLE001 - a changed Textual: run unguarded rather than not at all
        return None
    return internals.GuardedDriver if ok else None
