"""Kiosk mode's hold on the process: no outside settings, no keyboard signals, no prompt after.

Called by cli.py before Textual is imported (Textual reads its TEXTUAL_* settings once).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import MutableMapping

from metanav.i18n import _


# Environment variables that change what Textual or Python does in ways a kiosk must not allow:
# TEXTUAL_ALLOW_SIGNALS (Ctrl+C kills), TEXTUAL_PRESS (typed keys), TEXTUAL_SCREENSHOT* (writes a
# file, then exits), TEXTUAL_LOG / TEXTUAL_DEVTOOLS* (writes or sends the screen), TEXTUAL_DRIVER
# (imports any class), TEXTUAL (features such as devtools), PYTHONINSPECT (a Python prompt at exit).
def dangerous_variables(environ: MutableMapping[str, str]) -> list[str]:
    return sorted(k for k in environ if k.startswith(("TEXTUAL", "PYTHON")))


def scrub_environment(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Remove every TEXTUAL* and PYTHON* variable; return the names removed."""
    environ = os.environ if environ is None else environ
    removed = dangerous_variables(environ)
    for name in removed:
        del environ[name]
    return removed


def textual_already_tainted() -> str:
    """If Textual was imported before the scrub, the names of settings it took from outside."""
    constants = sys.modules.get("textual.constants")
    if constants is None:
        return ""
    bad = []
    if getattr(constants, "PRESS", ""):
        bad.append("TEXTUAL_PRESS")
    if getattr(constants, "SCREENSHOT_DELAY", -1) >= 0:
        bad.append("TEXTUAL_SCREENSHOT")
    if getattr(constants, "LOG_FILE", None):
        bad.append("TEXTUAL_LOG")
    if getattr(constants, "DRIVER", None):
        bad.append("TEXTUAL_DRIVER")
    if getattr(constants, "DEBUG", False):
        bad.append("TEXTUAL_DEBUG")
    return ", ".join(bad)


def harden_process() -> str:
    """Prepare this process for kiosk mode. Returns "" or why kiosk mode must not start.

    Signals from the keyboard are ignored from the very start (Textual also turns them off in
    the terminal while it runs). A Python started with -i or PYTHONINSPECT would give a prompt
    when metanav ends: refuse.
    """
    if sys.flags.inspect or sys.flags.interactive:
        return _("Kiosk mode cannot start inside an interactive Python (python -i, "
                 "PYTHONINSPECT).")
    scrub_environment()
    tainted = textual_already_tainted()
    if tainted:
        return _("Kiosk mode cannot start: Textual was already set up from outside ({what})."
                 ).format(what=tainted)
    ignore_keyboard_signals()
    return ""


def ignore_keyboard_signals() -> None:
    for name in ("SIGINT", "SIGQUIT", "SIGTSTP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):  # not the main thread, or not allowed here
                pass


def low_bandwidth(environ: MutableMapping[str, str] | None = None) -> bool:
    """Over SSH: fewer frames per second. Call before Textual is imported. Returns True if set."""
    environ = os.environ if environ is None else environ
    if not environ.get("SSH_CONNECTION") and not environ.get("SSH_CLIENT"):
        return False
    environ.setdefault("TEXTUAL_FPS", "20")
    return True


def leave(code: int) -> int:
    """How kiosk mode ends. If Python would open a prompt after metanav (python -i,
    PYTHONINSPECT), end the process at once instead; otherwise just return ``code``."""
    if sys.flags.inspect or sys.flags.interactive or "PYTHONINSPECT" in os.environ:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code)
    return code
