"""Wrong staff PINs, counted across every kiosk process of this account, with growing waits.

A count kept in one process let each SSH connection (or each restart) start again at zero.
Here the count lives in a small file in the system's runtime folder (``$XDG_RUNTIME_DIR``, or
``/run/user/UID``; a private folder in the temporary folder when there is neither). It holds two
numbers and a time, nothing about any person, so "a kiosk writes nothing of a person" holds.

After ``MAX_WRONG_PINS`` wrong PINs in a row the staff key waits ``LOCKOUT_SECONDS``, and each
further wrong PIN doubles the wait, up to an hour: a 4-digit PIN then takes years, not hours, at
any number of screens. A right PIN, or an hour with no wrong one, starts the count again. If the
file cannot be used, the count is this process's own (as before).

Times come from the gate's clock, ``time.monotonic`` in use: on Linux that is one clock for the
whole machine, and the runtime folder is emptied when the machine restarts.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

MAX_WRONG_PINS = 5
LOCKOUT_SECONDS = 60
LONGEST_WAIT = 3600
FORGET_AFTER = 3600  # an hour without a wrong PIN: the count starts again
FILE_NAME = "staff-pin-tries.json"

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: this process's own count
    fcntl = None  # type: ignore[assignment]


def wait_after(wrong: int) -> float:
    """Seconds the staff key waits after ``wrong`` wrong PINs in a row."""
    if wrong < MAX_WRONG_PINS:
        return 0.0
    return float(min(LONGEST_WAIT, LOCKOUT_SECONDS * 2 ** min(wrong - MAX_WRONG_PINS, 16)))


def runtime_folder(create: bool = True) -> Path | None:
    """This account's private runtime folder for metanav, made if need be and ``create``
    (None: none usable, or none yet)."""
    uid = os.getuid() if hasattr(os, "getuid") else 0
    explicit = os.environ.get("METANAV_RUNTIME_DIR")
    candidates = [Path(explicit)] if explicit else []
    base = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{uid}"
    if not explicit and Path(base).is_dir():
        candidates.append(Path(base) / "metanav")
    if not explicit:
        candidates.append(Path(tempfile.gettempdir()) / f"metanav-{uid}")
    for folder in candidates:
        try:
            if create:
                folder.mkdir(mode=0o700, parents=bool(explicit), exist_ok=True)
            info = folder.lstat()
        except OSError:
            continue
        # Ours alone: a folder someone else made (in /tmp) could be used to lock staff out.
        if folder.is_dir() and not folder.is_symlink() and info.st_uid == uid \
                and not info.st_mode & 0o022:
            return folder
    return None


class WrongPins:
    """The shared count: ``wrong`` PINs in a row and the time the staff key waits until."""

    def __init__(self, clock: Callable[[], float], folder: Path | None | bool = True) -> None:
        self.clock = clock
        self.folder = folder  # True: the runtime folder, found when a PIN is first tried
        self.path: Path | None = None
        self.wrong = 0
        self.until = 0.0
        self.last = 0.0

    def locked(self) -> bool:
        with self._shared():
            return self.clock() < self.until

    def record(self, right: bool) -> None:
        # Only a wrong PIN makes the file: the right one has nothing to clear if there is none.
        with self._shared(write=True, create=not right):
            now = self.clock()
            if right:
                self.wrong, self.until = 0, 0.0
            else:
                self.wrong += 1
                self.until = now + wait_after(self.wrong) if wait_after(self.wrong) else self.until
            self.last = now

    def _file(self, create: bool) -> Path | None:
        if self.path is not None or self.folder is None:
            return self.path
        folder = runtime_folder(create) if self.folder is True else self.folder
        if isinstance(folder, Path):
            self.path = folder / FILE_NAME
        elif create:
            self.folder = None  # no usable folder: this process's own count from now on
        return self.path

    @contextlib.contextmanager
    def _shared(self, write: bool = False, create: bool = False) -> Iterator[None]:
        """Read the file's count (under a lock), run the body, write the count back. Only a
        wrong PIN (``create``) makes the file: a kiosk nobody got wrong writes nothing."""
        path = self._file(create=create)
        fd = None
        if path is not None and fcntl is not None:
            flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | (os.O_CREAT if create else 0)
            try:
                fd = os.open(path, flags, 0o600)
            except FileNotFoundError:
                fd = None
            except OSError:
                self.path = self.folder = None  # this process's own count from now on
        if fd is None:
            self._forget_if_old()
            yield
            return
        with os.fdopen(fd, "r+", encoding="ascii") as fh:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            try:
                self._load(fh.read(4096))
                self._forget_if_old()
                yield
                if write:
                    fh.seek(0)
                    fh.truncate()
                    fh.write(json.dumps({"wrong": self.wrong, "until": self.until,
                                         "last": self.last}))
                    fh.flush()
            finally:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

    def _load(self, text: str) -> None:
        try:
            data = json.loads(text) if text else {}
            wrong, until, last = int(data["wrong"]), float(data["until"]), float(data["last"])
        except (ValueError, KeyError, TypeError):
            return  # empty or damaged: the count this process has
        now = self.clock()
        # Times from before a restart (a folder that survived one) mean nothing now.
        if 0 <= wrong < 10_000 and last <= now and until <= now + LONGEST_WAIT:
            self.wrong, self.until, self.last = wrong, until, last

    def _forget_if_old(self) -> None:
        if self.wrong and self.clock() - self.last > FORGET_AFTER and self.clock() >= self.until:
            self.wrong = 0
