"""Every private Textual name metanav uses, in this one module, checked when the app starts.

Textual (pinned in pyproject.toml to the version the tests run) has no public way to do a few
things a slow link and a shared screen need. Everything that reaches into its internals is
here; ruff's SLF rule keeps it out of every other module.

- ``ChangedCellsDisplay``: the app's ``_display`` hook, where each frame becomes only the
  cells that changed (delta.py), written with the app's ``_begin_update``/``_end_update``.
  Uses ``textual._compositor``'s update classes and the app's ``_driver``, ``_batch_count``,
  ``_running`` and ``_closed``; and ``_set_pointer_shape``, silenced without the mouse.
- ``paint_now``: a widget's repaint handed to its screen in the same frame
  (``Widget._repaint_required``, ``Screen._dirty_widgets``).
- ``preload_default_css``: a widget class's built-in CSS read before one is mounted
  (``Widget._get_default_css``).
- ``forget_clipboard`` (``App._clipboard``), ``forget_render_caches`` (the
  ``lru_cache`` of ``textual._styles_cache.StylesCache.get_inner_outer``), ``is_ending`` (``App._exit``, ``_closing``,
  ``_closed``), ``screen_lines`` (``Screen._compositor``; for tests and tools).
- ``settled`` and ``queues_look_right``: whether every message pump is idle, for taking keys
  one at a time (``_message_queue``, ``_next_callbacks``, ``_task``; input_guard.OneAtATime).
- ``GuardedParser`` and ``GuardedDriver``: Textual's key reader, wrapped so malformed input is
  dropped, never fatal (``textual._xterm_parser``, ``LinuxDriver.run_input_thread``; what may
  pass is decided in ``input_guard.py``).

``AVAILABLE`` says whether all of it is what this module expects (``check_at_start()``, run
when the app is made). If not, or with ``METANAV_TEXTUAL_INTERNALS=off``, metanav falls back to Textual's own
whole redraws: no changed-cells renderer, no same-frame painting, no CSS preloading, no input
guard. It still works; it only sends more bytes.
"""

from __future__ import annotations

import os
import selectors
import threading
import time
from codecs import getincrementaldecoder
from collections import deque
from typing import Any

try:
    from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate

    HAS_COMPOSITOR = True
except ImportError:  # pragma: no cover - a Textual that moved its compositor

    class CompositorUpdate:  # type: ignore[no-redef]
        """Stands in for the missing class: nothing is ever one, so no frame is changed."""

    ChopsUpdate = LayoutUpdate = CompositorUpdate  # type: ignore[misc]
    HAS_COMPOSITOR = False

try:
    from textual._loop import loop_last
    from textual._parser import ParseError
    from textual._time import get_time
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver
except ImportError:  # pragma: no cover - another platform, or Textual moved its internals
    XTermParser = LinuxDriver = ParseError = loop_last = None  # type: ignore[assignment,misc]

from textual import events
from textual.app import App
from textual.keys import Keys
from textual.screen import Screen
from textual.widget import Widget

from metanav.tui import input_guard
from metanav.tui.input_guard import acceptable

# What metanav reads or sets, on an app, a screen and a widget (Textual may rename them).
NEEDED: dict[str, tuple[str, ...]] = {
    "app": ("_display", "_driver", "_batch_count", "_running", "_closed", "_exit", "_closing",
            "_clipboard", "_begin_update", "_end_update", "_set_pointer_shape"),
    "screen": ("_dirty_widgets", "_compositor"),
    "widget": ("_repaint_required", "_get_default_css"),
}
OFF = "METANAV_TEXTUAL_INTERNALS"  # =off: behave as if the internals were not there

AVAILABLE = False  # set by check_at_start()
MISSING: list[str] = ["not checked yet"]


def check(app: App) -> list[str]:
    """What is missing: [] when every internal metanav uses is there."""
    missing = [] if HAS_COMPOSITOR else ["textual._compositor"]
    for kind, thing in (("app", app), ("screen", Screen()), ("widget", Widget())):
        missing += [f"{kind}.{name}" for name in NEEDED[kind] if not hasattr(thing, name)]
    return missing


def check_at_start(app: App) -> bool:
    """Run once when the app is made: whether the internals are there (else: fall back)."""
    global AVAILABLE, MISSING
    MISSING = [f"{OFF}=off"] if os.environ.get(OFF) == "off" else check(app)
    AVAILABLE = not MISSING
    return AVAILABLE


class ChangedCellsDisplay:
    """Mixed into the app: frames go through ``self.shadow`` (delta.Shadow), which sends only
    the cells that changed, written here as Textual's ``_display`` writes a frame, and ending
    with the real cursor moved the shortest way (screen readers follow it). With ``shadow``
    None, or the internals not there, Textual's own whole frames go out. Without mouse
    reporting (``mouse`` False) Textual's pointer-shape escape is not sent either."""

    shadow: Any = None
    mouse = False
    _shown_cursor: Any = None

    def _display(self, screen, renderable) -> None:  # type: ignore[override]
        app: Any = self
        shadow = self.shadow
        driver = app._driver
        if (
            AVAILABLE
            and shadow is not None
            and isinstance(renderable, CompositorUpdate)
            and driver is not None
            and not driver.is_inline
            and not app.is_headless
            # Only frames Textual will really write may change the shadow: during a batch
            # (a mode switch, say) it drops them, and the terminal keeps the old cells.
            and not app._batch_count
            and app._running
            and not app._closed
        ):
            width, height = app.size
            if (shadow.width, shadow.height) != (width, height):
                shadow.resize(width, height)
            data = shadow.diff(renderable, app.console)
            cursor = app.screen.outer_size.clamp_offset(app.cursor_position)
            if data is not None:
                if not data and cursor == self._shown_cursor:
                    return  # nothing changed on screen: send nothing at all
                self._shown_cursor = cursor
                self._send(data + shadow.move_cursor(cursor.x, cursor.y))
                return
            self._shown_cursor = cursor
            shadow.cursor = (cursor.x, cursor.y)  # Textual ends every frame with this move
            driver.write("\x1b[m")  # Textual's frame starts from the terminal's own pen
        super()._display(screen, renderable)  # type: ignore[misc]

    def _send(self, data: str) -> None:
        """Write one frame as Textual's ``_display`` does: in a synchronized update."""
        app: Any = self
        try:
            app._begin_update()
            try:
                app._driver.write(data)
            finally:
                app._end_update()
            app._driver.flush()
        finally:
            app.post_display_hook()

    def _set_pointer_shape(self, shape: str) -> None:
        if self.mouse:  # without mouse reporting the pointer is the terminal's (13 B a screen)
            super()._set_pointer_shape(shape)  # type: ignore[misc]


def paint_now(screen: Screen, widgets) -> None:
    """Hand ``widgets``' repaint to ``screen`` now, so it goes out in the same frame as what
    caused it (a filter keystroke's echo) and not one frame (17 ms; over SSH 50 ms) later.
    Without the internals, the repaint simply comes a frame later."""
    if not AVAILABLE:
        return
    for widget in widgets:
        if widget.is_mounted and widget._repaint_required:
            widget._repaint_required = False  # the screen has it now
            screen._dirty_widgets.add(widget)
    screen.check_idle()


def preload_default_css(app: App, classes) -> None:
    """Read the built-in CSS of each widget class now (Textual reads it when the first one is
    mounted, and then parses the whole stylesheet again). Skipped without the internals."""
    if not AVAILABLE:
        return
    stylesheet = app.stylesheet
    for cls in classes:
        node = cls.__new__(cls)  # only its class is looked at: nothing is set up or mounted
        for read_from, css, tie_breaker, scope in node._get_default_css():
            stylesheet.add_source(css, read_from=read_from, is_default_css=True,
                                  tie_breaker=tie_breaker, scope=scope)
    stylesheet.rules_map  # noqa: B018 - parse now, not when a screen opens


def forget_clipboard(app: App) -> None:
    """Forget text copied inside the app (kiosk reset)."""
    if hasattr(app, "_clipboard"):
        app._clipboard = ""


def forget_render_caches() -> None:
    """Let go of the screens a kiosk reset took down. Textual keeps the last 1,024 calls of
    ``StylesCache.get_inner_outer`` in an ``lru_cache`` keyed by the widget's StylesCache,
    so each reset's widgets' rendered lines stayed in memory: +0.024 MB a reset headless,
    until 1,024 were held. Clearing it costs one recolouring of the new screen."""
    try:
        from textual._styles_cache import StylesCache

        StylesCache.get_inner_outer.cache_clear()
    except (ImportError, AttributeError):  # pragma: no cover - a Textual without it
        pass


def is_ending(app: App) -> bool:
    return bool(getattr(app, "_exit", False) or getattr(app, "_closing", False)
                or getattr(app, "_closed", False))


def is_closed(app: App) -> bool:
    return bool(getattr(app, "_closed", False))


# -- is every message pump idle? (input_guard.OneAtATime: one key at a time) ------------------
def _idle(pump) -> bool:
    """Nothing queued and nothing under way: its task waits for the next message."""
    queue = pump._message_queue  # textual._queue.Queue
    if queue.values or pump._next_callbacks:
        return False
    task = pump._task
    return task is None or task.done() or bool(queue.ready_event._waiters)


def settled(app) -> bool:
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


def queues_look_right(app) -> bool:
    try:
        queue = app._message_queue
        return (isinstance(queue.values, deque) and isinstance(app._next_callbacks, list)
                and isinstance(queue.ready_event._waiters, deque))
    except Exception:  # noqa: BLE001
        return False


def screen_strips(screen: Screen) -> list:
    """What the screen shows now, as Textual strips (for tests and tools)."""
    return screen._compositor.render_strips()


def screen_lines(screen: Screen) -> list[str]:
    """What the screen shows now, as text lines (for tests and tools)."""
    return [strip.text.rstrip() for strip in screen_strips(screen)]


# -- the guarded key reader (input_guard.py decides what may pass) ------------------------------
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
