"""When a kiosk meets one of metanav's own bugs: note it for staff, start the person afresh.

Both faces use this. An unexpected error in a kiosk is not shown to the person (no traceback,
no error box): it is written to a log for staff, the person's session is cleared as an idle
reset clears it, and home comes back with one calm sentence (``RESTARTED``). If errors come
faster than ``TOO_MANY`` in ``WITHIN`` seconds, metanav ends with ``EXIT_TOO_MANY`` so that
whatever runs it (systemd's ``Restart=always``) starts a new process instead of spinning.

The log is ``kiosk-errors.log`` in the account's private runtime folder (the one that holds the
count of wrong staff PINs, see ``metanav.pin_tries``), and one line goes to syslog (the journal
under systemd: ``journalctl -t metanav``). It holds the time, metanav's version, the kind of
error and where in the code it happened: never the error's own words, nor anything else that
could hold what the person typed or looked at.
"""

from __future__ import annotations

import os
import time
import traceback
from collections import deque
from collections.abc import Callable
from pathlib import Path

from metanav.i18n import N_

RESTARTED = N_("Something went wrong. metanav started again.")
TOO_MANY = 5  # errors within WITHIN seconds: then end, and let the service manager restart
WITHIN = 60.0
EXIT_TOO_MANY = 70  # EX_SOFTWARE (sysexits.h)
LOG_NAME = "kiosk-errors.log"
LOG_LIMIT = 64 * 1024  # then the log becomes kiosk-errors.log.1 and a new one starts


def describe(error: BaseException, face: str) -> str:
    """The log entry: when, which metanav, what kind of error, and where (file, line, function)."""
    from metanav import __version__

    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    lines = [f"{stamp} metanav {__version__} kiosk ({face}): unexpected {type(error).__name__}"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"  {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def _short(filename: str) -> str:
    """A path from the package on (metanav/tui/app.py), not the install folder."""
    parts = Path(filename).parts
    for name in ("metanav", "textual", "asyncio"):
        if name in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(name) - 1:])
    return Path(filename).name


def write_log(entry: str, folder: Path | None = None) -> Path | None:
    """Append ``entry`` to the log (and its first line to syslog); the log's path, or None."""
    _syslog(entry.splitlines()[0])
    if folder is None:
        from metanav.pin_tries import runtime_folder

        folder = runtime_folder()
    if folder is None:
        return None
    path = folder / LOG_NAME
    try:
        if path.stat().st_size > LOG_LIMIT:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
    except OSError:
        pass
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
        try:
            os.write(fd, entry.encode("utf-8", "replace"))
        finally:
            os.close(fd)
    except OSError:
        return None
    return path


def _syslog(line: str) -> None:
    try:
        import syslog
    except ImportError:  # pragma: no cover - not POSIX
        return
    try:
        syslog.openlog("metanav", syslog.LOG_PID, syslog.LOG_USER)
        syslog.syslog(syslog.LOG_ERR, line)
    except OSError:  # pragma: no cover
        pass


class EndedOnError(Exception):
    """The full-screen app ended on an error metanav did not see (Textual's own handling)."""


class ErrorGuard:
    """Counts a kiosk's unexpected errors and logs each one. ``record`` says whether to go on."""

    def __init__(self, face: str, clock: Callable[[], float] = time.monotonic,
                 folder: Path | None = None) -> None:
        self.face = face
        self.clock = clock
        self.folder = folder  # None: the runtime folder
        self.times: deque[float] = deque()
        self.total = 0
        # The kiosk's "English / Español" question: skipped right after an error (the person
        # is there, in their language), asked again from the next reset on.
        self.asks_language: bool | None = None

    @property
    def too_many(self) -> bool:
        return len(self.times) >= TOO_MANY

    def record(self, error: BaseException) -> bool:
        """Log ``error``; True to clear the session and go on, False when errors come too fast
        (end with EXIT_TOO_MANY)."""
        self.total += 1
        write_log(describe(error, self.face), self.folder)
        now = self.clock()
        self.times.append(now)
        while self.times and now - self.times[0] > WITHIN:
            self.times.popleft()
        return not self.too_many


def is_bug(error: BaseException) -> bool:
    """Whether ``error`` is one of metanav's own bugs, not the terminal or the output going away
    (which end metanav as before: there is nobody left to start afresh for)."""
    return not isinstance(error, BrokenPipeError | EOFError) and type(error).__name__ not in (
        "OutputLost", "EndOfInput")


def start_afresh(session, lang: str) -> str:
    """After an error: the session cleared as an idle reset clears it, but in the language the
    person was using (``lang``), and no language question. Returns the sentence to say."""
    from metanav.core import actions
    from metanav.i18n import _

    actions.clear_session(session)
    if lang != session.lang:
        actions.choose_language(session, lang)
    session.ask_language = False
    return _(RESTARTED)
