"""The guarded key reader: Textual's parser and Linux/macOS driver, wrapped so malformed input
is dropped, never fatal (``input_guard.py`` decides what may pass). Part of
``textual_internals`` (see its ``__init__.py``); ``input_guard.driver_class`` checks it works
before the app uses it.
"""

from __future__ import annotations

import os
import selectors
import threading
import time
from codecs import getincrementaldecoder

try:
    from textual._loop import loop_last
    from textual._parser import ParseError
    from textual._time import get_time
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver
except ImportError:  # pragma: no cover - another platform, or Textual moved its internals
    XTermParser = LinuxDriver = ParseError = loop_last = None  # type: ignore[assignment,misc]

from textual import events
from textual.keys import Keys

from metanav.tui import input_guard
from metanav.tui.input_guard import acceptable


def linux_console() -> bool:
    """TERM says the Linux console (as Fenrir gives its programs): it answers no queries."""
    return os.environ.get("TERM", "").startswith("linux")


def parser_looks_right(parser) -> bool:
    return (all(hasattr(parser, name) for name in ("_gen", "_tokens", "_awaiting"))
            and all(hasattr(LinuxDriver, name) for name in ("run_input_thread", "process_message")))


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

        # A bracketed paste that starts and never ends would take every later key (the staff
        # key too) as pasted text: one quiet second into an open paste, it is ended.
        PASTE_START, PASTE_END, PASTE_QUIET = "\x1b[200~", "\x1b[201~", 1.0
        _paste_open = False
        _last_data = 0.0
        _tail = ""

        def _watch_paste(self, data: str) -> None:
            text = self._tail + data
            start, end = text.rfind(self.PASTE_START), text.rfind(self.PASTE_END)
            if start > end:
                self._paste_open = True
            elif end > start:
                self._paste_open = False
            self._tail = text[-(len(self.PASTE_START) - 1):]
            self._last_data = time.monotonic()

        def feed(self, data: str):
            self._watch_paste(data)
            try:
                for message in super().feed(data):
                    if acceptable(message):
                        yield message
            except ParseError:
                raise
            except Exception:  # noqa: BLE001 - a broken parser starts again
                self._restart()

        def tick(self):
            if self._paste_open and time.monotonic() - self._last_data > self.PASTE_QUIET:
                yield from self.feed(self.PASTE_END)  # the paste ends here
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
            self.closed = False
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
            self.closed = True
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
        to count as a key (the parser's ``_timeout_time``), or when the app stops reading."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.exit_event = WakingEvent()

        def close(self) -> None:
            super().close()
            if isinstance(self.exit_event, WakingEvent):
                self.exit_event.close()

        def start_application_mode(self) -> None:
            # Suspending (Ctrl+Z, SIGTSTP) closes the driver; resuming starts it again.
            if isinstance(self.exit_event, WakingEvent) and self.exit_event.closed:
                self.exit_event = WakingEvent()
            super().start_application_mode()

        def stop_application_mode(self) -> None:
            # The renderer leaves its colours set between frames (delta.Shadow.keep_pen):
            # the shell, or whatever runs while metanav is suspended, starts from plain.
            self.write("\x1b[m")
            super().stop_application_mode()

        # Textual asks the terminal whether it has synchronized output and in-band resize
        # (``CSI ? 2026 $ p``, ``CSI ? 2048 $ p``). The Linux console has neither, and the
        # terminal a console screen reader keeps (Fenrir's pyte) does not know ``$p``: it
        # shows a "p" for each, and Fenrir said "pp" before metanav's first words.
        def _request_terminal_sync_mode_support(self) -> None:
            if not linux_console():
                super()._request_terminal_sync_mode_support()

        def _query_in_band_window_resize(self) -> None:
            if not linux_console():
                super()._query_in_band_window_resize()

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
                        # Bytes that decode to nothing (not UTF-8) are not the end: an empty
                        # feed would tell the parser the input has ended.
                        text = decode(data, final=final and last)
                        for event in feed(text) if text else ():
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
            self._loop.call_soon_threadsafe(app.exit, input_guard.TERMINAL_GONE)

else:  # pragma: no cover - no guarded reader: input_guard.driver_class keeps Textual's own
    GuardedParser = WakingEvent = GuardedDriver = None  # type: ignore[assignment,misc]
