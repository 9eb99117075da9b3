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

This is the one module of metanav that touches Textual's private input code
(``textual._xterm_parser``, ``LinuxDriver.run_input_thread``, message queues).
:func:`driver_class` checks that code looks as expected and otherwise returns None: Textual's
own driver, unguarded; :class:`OneAtATime` lets keys straight through if the queues are not
what it expects.
"""

from __future__ import annotations

import asyncio
import os
import selectors
import threading
import time
from codecs import getincrementaldecoder
from collections import deque

from textual import events
from textual.keys import Keys

try:
    from textual._loop import loop_last
    from textual._parser import ParseError
    from textual._time import get_time
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver
except ImportError:  # pragma: no cover - another platform, or Textual moved its internals
    XTermParser = LinuxDriver = None  # type: ignore[assignment,misc]

LARGEST_SCREEN = 4000
TERMINAL_GONE = 1  # the exit code when the terminal went away under the app  # columns or rows; any real terminal is far smaller


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


if XTermParser is not None:

    class GuardedParser(XTermParser):
        """Textual's parser; a sequence it chokes on is dropped, never fatal."""

        def _sequence_to_key_events(self, sequence: str, alt: bool = False):
            try:
                return list(super()._sequence_to_key_events(sequence, alt))
            except Exception:  # noqa: BLE001 - any failure here means "not a key"
                # An ignored key ends the sequence, so what follows is read afresh.
                return [events.Key(Keys.Ignore, None)]

        def _restart(self) -> None:
            self._tokens.clear()
            self._timeout_time = None
            self._gen = self.parse(self._tokens.append)
            self._awaiting = next(self._gen)

        def feed(self, data: str):
            try:
                for message in super().feed(data):
                    if acceptable(message):
                        yield message
            except ParseError:
                raise
            except Exception:  # noqa: BLE001 - a broken parser starts again
                self._restart()

        def tick(self):
            try:
                for message in super().tick():
                    if acceptable(message):
                        yield message
            except Exception:  # noqa: BLE001
                self._restart()

    class WakingEvent(threading.Event):
        """The driver's "stop reading" flag, which also wakes the reader from its wait."""

        def __init__(self) -> None:
            super().__init__()
            self.wake_fd, self._write_fd = os.pipe()
            os.set_blocking(self.wake_fd, False)
            os.set_blocking(self._write_fd, False)

        def set(self) -> None:
            super().set()
            try:
                os.write(self._write_fd, b"!")
            except OSError:  # full (it is woken already) or closed
                pass

        def clear(self) -> None:
            super().clear()
            self.drain()

        def drain(self) -> None:
            try:
                while os.read(self.wake_fd, 512):
                    pass
            except OSError:
                pass

        def close(self) -> None:
            for fd in (self.wake_fd, self._write_fd):
                try:
                    os.close(fd)
                except OSError:
                    pass

    class GuardedDriver(LinuxDriver):
        """Textual's Linux/macOS driver, reading keys through :class:`GuardedParser`.

        ``run_input_thread`` is Textual's own (8.2), with the guarded parser, a decoder that
        drops bytes that are not UTF-8, and an end: in raw mode no key reads as nothing, so
        end of input or a read error means the terminal has gone (a closed window or SSH link
        whose hang-up signal never came). Textual read on, at full speed, for ever; here the
        app ends. And it waits for a key without waking up ten times a second (Textual's loop
        polls every 0.1 s): only when a key comes, when a lone Escape has waited long enough
        to count as a key, or when the app stops reading."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.exit_event = WakingEvent()

        def close(self) -> None:
            super().close()
            if isinstance(self.exit_event, WakingEvent):
                self.exit_event.close()

        def run_input_thread(self) -> None:
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            waking = self.exit_event if isinstance(self.exit_event, WakingEvent) else None
            if waking is not None:
                selector.register(waking.wake_fd, selectors.EVENT_READ)
            fileno = self.fileno
            parser = GuardedParser(self._debug)
            feed, tick = parser.feed, parser.tick
            decode = getincrementaldecoder("utf-8")("ignore").decode

            def wait() -> float | None:
                """How long to wait for a key: for ever, unless the parser has a deadline."""
                if waking is None:
                    return 0.1
                deadline = getattr(parser, "_timeout_time", 0.0)
                return None if deadline is None else max(0.0, deadline - get_time())

            def process(selector_events, final: bool = False) -> bool:
                for last, (key, mask) in loop_last(selector_events):
                    if waking is not None and key.fd == waking.wake_fd:
                        waking.drain()
                        continue
                    if mask & selectors.EVENT_READ:
                        try:
                            data = os.read(fileno, 1024 * 4)
                        except OSError:  # EIO: the terminal is gone
                            data = b""
                        if not data:
                            return False
                        text = decode(data, final=final and last)
                        if not text:  # bytes that are not UTF-8 (dropped), or half a character
                            continue  # feeding "" would tell the parser input has ended
                        for event in feed(text):
                            self.process_message(event)
                for event in tick():
                    self.process_message(event)
                return True

            try:
                while not self.exit_event.is_set():
                    if not process(selector.select(wait())):
                        self._terminal_gone()
                        return
                selector.unregister(fileno)
                process(selector.select(0.1), final=True)
            finally:
                selector.close()
                try:
                    for _event in feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

        def _terminal_gone(self) -> None:
            app = self._app
            self._loop.call_soon_threadsafe(app.exit, TERMINAL_GONE)


class OneAtATime:
    """Holds each key (or paste) until the app has finished with the one before.

    "Finished" is: no screen or widget has a message waiting or under way, and the app has
    nothing queued but more keys. Checked between the event loop's other work (no timer, so a
    flood of keys is not slowed down), and never for longer than ``LIMIT`` seconds a key, so a
    busy screen can slow typing down but never swallow it."""

    LIMIT = 1.0

    def __init__(self, app) -> None:
        self.app = app
        self.held: deque = deque()
        self.busy_since: float | None = None
        self.checks = 0
        self.next_up = None  # the held event sent round again: it alone may pass
        self.works: bool | None = None  # decided on the first key: the queues exist by then

    def hold(self, event) -> bool:
        """Called for each event the app receives. True: held for later, do nothing now."""
        if event.is_forwarded or not isinstance(event, (events.Key, events.Paste)):
            return False
        if self.works is None:
            self.works = _queues_look_right(self.app)
        if not self.works:
            return False
        if self.busy_since is not None or (self.next_up is not None and event is not self.next_up):
            self.held.append(event)  # after the one before, and after those already held
            return True
        self.next_up = None
        self.busy_since = time.monotonic()
        self.checks = 0
        asyncio.get_running_loop().call_soon(self._check)
        return False

    def _check(self) -> None:
        if self.busy_since is None or self.app._closed:  # noqa: SLF001
            return
        if not _settled(self.app) and time.monotonic() - self.busy_since < self.LIMIT:
            self.checks += 1
            loop = asyncio.get_running_loop()
            if self.checks < 50:
                loop.call_soon(self._check)
            else:  # something slow (a handler waiting on I/O): look less often
                loop.call_later(0.002, self._check)
            return
        self.busy_since = None
        if self.held:
            self.next_up = self.held.popleft()
            self.app.post_message(self.next_up)


def _idle(pump) -> bool:
    """Nothing queued and nothing under way: its task waits for the next message."""
    queue = pump._message_queue  # noqa: SLF001 - textual._queue.Queue
    if queue.values or pump._next_callbacks:  # noqa: SLF001
        return False
    task = pump._task  # noqa: SLF001
    return task is None or task.done() or bool(queue.ready_event._waiters)  # noqa: SLF001


def _settled(app) -> bool:
    """The app and every screen and widget are idle (checked between tasks, not inside one)."""
    try:
        if not _idle(app):
            return False
        for screen in app.screen_stack:
            if not _idle(screen) or not all(_idle(w) for w in screen.walk_children(with_self=False)):
                return False
        return True
    except Exception:  # noqa: BLE001 - a changed Textual: let the keys through
        return True


def _queues_look_right(app) -> bool:
    try:
        queue = app._message_queue  # noqa: SLF001
        return (isinstance(queue.values, deque) and isinstance(app._next_callbacks, list)  # noqa: SLF001
                and isinstance(queue.ready_event._waiters, deque))  # noqa: SLF001
    except Exception:  # noqa: BLE001
        return False


def driver_class():
    """The guarded driver, or None (Textual's default) if Textual's internals have changed."""
    if XTermParser is None or os.name != "posix":
        return None
    try:
        parser = GuardedParser()
        keys = [m.key for m in parser.feed("\x1b[99999999999u\x1b[5555555;1ua") if isinstance(m, events.Key)]
        ok = keys == ["a"] and all(hasattr(parser, name) for name in ("_gen", "_tokens", "_awaiting"))
        ok = ok and all(hasattr(LinuxDriver, name) for name in ("run_input_thread", "process_message"))
    except Exception:  # noqa: BLE001 - a changed Textual: run unguarded rather than not at all
        return None
    return GuardedDriver if ok else None
