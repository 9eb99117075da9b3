"""Every private Textual name metanav uses, in this one package, checked when the app starts.

Textual (pinned in pyproject.toml to the version the tests run) has no public way to do a few
things a slow link and a shared screen need. Everything that reaches into its internals is in
this package; ruff's SLF rule keeps it out of every other module. This file is the start-up
check; the other files hold the code, and everything is imported from here:

- ``frames.py``: ``ChangedCellsDisplay``, the app's ``_display`` hook, where each frame becomes
  only the cells that changed (delta.py), written with the app's ``_begin_update``/
  ``_end_update``. Uses ``textual._compositor``'s update classes and the app's ``_driver``,
  ``_batch_count``, ``_running`` and ``_closed``; and ``_set_pointer_shape``, silenced
  without the mouse. ``paint_now``: a widget's repaint handed to its screen in the same frame
  (``Widget._repaint_required``, ``Screen._dirty_widgets``), and its new layout with it
  (``Widget._layout_required``, ``_clear_arrangement_cache``, ``_layout_updates``;
  ``Screen._layout_required``, ``_layout_widgets``). ``set_content_size``: a list's new
  length with only its scroll bar updated, not the whole screen laid out
  (``Widget._scroll_update``). ``preload_default_css``: a
  widget class's built-in CSS read before one is mounted (``Widget._get_default_css``).
  ``screen_lines`` (``Screen._compositor``; for tests and tools).
- ``app_state.py``: ``forget_clipboard`` (``App._clipboard``), ``forget_render_caches`` (the
  ``lru_cache`` of ``textual._styles_cache.StylesCache.get_inner_outer``), ``is_ending``
  (``App._exit``, ``_closing``, ``_closed``); ``settled`` and ``queues_look_right``: whether
  every message pump is idle, for taking keys one at a time (``_message_queue``,
  ``_next_callbacks``, ``_task``; input_guard.OneAtATime).
- ``errors.py``: ``RecoverableErrors``, the app's ``_handle_exception``: an error in a screen's
  or a widget's handler is offered to the app first (a kiosk starts the person afresh instead
  of ending; ``textual._context.active_message_pump`` says whose handler raised).
- ``key_reader.py``: ``GuardedParser`` and ``GuardedDriver``: Textual's key reader, wrapped so
  malformed input is dropped, never fatal (``textual._xterm_parser``,
  ``LinuxDriver.run_input_thread``; what may pass is decided in ``input_guard.py``).
- ``terminal_cursor.py``: ``show_terminal_cursor``, the terminal's own cursor shown for the
  screen-reader setting (the app's ``_driver``; Textual has no public way). It needs only
  that, so it does not wait on ``AVAILABLE``; without it the cursor stays hidden.

``AVAILABLE`` says whether all of it is what this package expects (``check_at_start()``, run
when the app is made). If not, or with ``METANAV_TEXTUAL_INTERNALS=off``, metanav falls back to
Textual's own whole redraws: no changed-cells renderer, no same-frame painting, no CSS
preloading, no input guard. It still works; it only sends more bytes.
"""

from __future__ import annotations

import os

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget

# What metanav reads or sets, on an app, a screen and a widget (Textual may rename them).
NEEDED: dict[str, tuple[str, ...]] = {
    "app": ("_display", "_driver", "_batch_count", "_running", "_closed", "_exit", "_closing",
            "_clipboard", "_begin_update", "_end_update", "_set_pointer_shape",
            "_handle_exception"),
    "screen": ("_dirty_widgets", "_compositor", "_layout_required", "_layout_widgets"),
    "widget": ("_repaint_required", "_get_default_css", "_layout_required",
               "_clear_arrangement_cache", "_layout_updates", "_scroll_update"),
}
OFF = "METANAV_TEXTUAL_INTERNALS"  # =off: behave as if the internals were not there

AVAILABLE = False  # set by check_at_start(); frames.py reads it each time
MISSING: list[str] = ["not checked yet"]


def check(app: App) -> list[str]:
    """What is missing: [] when every internal metanav uses is there."""
    missing = [] if HAS_COMPOSITOR else ["textual._compositor"]
    missing += [] if HAS_PUMP_CONTEXT else ["textual._context.active_message_pump"]
    for kind, thing in (("app", app), ("screen", Screen()), ("widget", Widget())):
        missing += [f"{kind}.{name}" for name in NEEDED[kind] if not hasattr(thing, name)]
    return missing


def check_at_start(app: App) -> bool:
    """Run once when the app is made: whether the internals are there (else: fall back)."""
    global AVAILABLE, MISSING
    MISSING = [f"{OFF}=off"] if os.environ.get(OFF) == "off" else check(app)
    AVAILABLE = not MISSING
    return AVAILABLE


# The code itself, imported last: frames.py reads AVAILABLE above from this package.
from metanav.tui.textual_internals.app_state import (  # noqa: E402
    forget_clipboard,
    forget_render_caches,
    is_closed,
    is_ending,
    queues_look_right,
    settled,
)
from metanav.tui.textual_internals.errors import (  # noqa: E402
    HAS_PUMP_CONTEXT,
    RecoverableErrors,
)
from metanav.tui.textual_internals.frames import (  # noqa: E402
    HAS_COMPOSITOR,
    ChangedCellsDisplay,
    ChopsUpdate,
    CompositorUpdate,
    LayoutUpdate,
    paint_now,
    preload_default_css,
    screen_lines,
    screen_strips,
    set_content_size,
)
from metanav.tui.textual_internals.key_reader import (  # noqa: E402
    GuardedDriver,
    GuardedParser,
    WakingEvent,
    XTermParser,
    parser_looks_right,
)
from metanav.tui.textual_internals.terminal_cursor import show_terminal_cursor  # noqa: E402

__all__ = [
    "AVAILABLE", "MISSING", "NEEDED", "OFF", "HAS_COMPOSITOR", "check", "check_at_start",
    "HAS_PUMP_CONTEXT", "RecoverableErrors",
    "ChangedCellsDisplay", "ChopsUpdate", "CompositorUpdate", "LayoutUpdate", "paint_now",
    "preload_default_css", "screen_lines", "screen_strips", "set_content_size",
    "forget_clipboard", "forget_render_caches", "is_closed", "is_ending", "queues_look_right",
    "settled",
    "GuardedDriver", "GuardedParser", "WakingEvent", "XTermParser", "parser_looks_right",
    "show_terminal_cursor",
]
