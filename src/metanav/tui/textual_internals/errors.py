"""An unexpected error in one of the app's handlers: handed to the app to decide, not always the
end. Part of ``textual_internals`` (see its ``__init__.py``).

Textual sends every exception a handler raises to ``App._handle_exception``, which ends the
app with a traceback. The message pump whose handler raised stops taking messages either way
(``MessagePump._process_messages_loop`` breaks out): for a screen or a widget that is harmless
once the kiosk's reset has taken every screen down; for the app itself it is not (the app would
hang: Textual issue 2818), so an error in the app's own pump always goes on to Textual's
handler and ends the app. ``RecoverableErrors`` asks the app's ``recover_from(error,
can_stay)`` first; only while ``AVAILABLE`` (the start-up check found ``_handle_exception``
and ``textual._context.active_message_pump``), otherwise Textual's own handling, unchanged.
"""

from __future__ import annotations

from metanav.tui import textual_internals as internals  # AVAILABLE: set by its start-up check

try:
    from textual._context import active_message_pump
except ImportError:  # pragma: no cover - Textual moved it: Textual's own handling
    active_message_pump = None  # type: ignore[assignment]

HAS_PUMP_CONTEXT = active_message_pump is not None


class RecoverableErrors:
    """Mixed into the app, before ``App``. The app defines ``recover_from(error, can_stay)``:
    True when it dealt with the error (Textual then does nothing more)."""

    def _handle_exception(self, error: Exception) -> None:
        if internals.AVAILABLE and HAS_PUMP_CONTEXT:
            pump = active_message_pump.get(None)
            can_stay = pump is not None and pump is not self
            if self.recover_from(error, can_stay):  # type: ignore[attr-defined]
                return
        super()._handle_exception(error)  # type: ignore[misc]

    def recover_from(self, error: Exception, can_stay: bool) -> bool:
        return False
