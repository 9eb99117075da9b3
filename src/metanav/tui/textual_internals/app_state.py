"""What the app is doing (ending, closed, every message pump idle) and what it still holds
(text copied inside it, rendered lines). Part of ``textual_internals`` (see its
``__init__.py``); each of these copes with a Textual that has changed.
"""

from __future__ import annotations

from collections import deque

from textual.app import App


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

