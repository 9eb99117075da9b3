"""The saved file, ``state.json``: where it lives, its lock, reading it (a damaged one is moved
aside, never lost) and writing it atomically (temp file, fsync, ``os.replace``).

store.py decides what changes; this module only keeps the document safe on disk.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from metanav.i18n import _
from metanav.state.document import Doc, empty_doc, normalise

try:  # POSIX advisory locks; elsewhere two copies may race (documented).
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

STATE_FILE = "state.json"
MAX_STATE_BYTES = 20_000_000  # thousands of notes fit in far less


def default_state_dir() -> Path:
    explicit = os.environ.get("METANAV_STATE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return platformdirs.user_data_path("metanav", appauthor=False)


@contextlib.contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold the folder's lock (made if need be): one copy of metanav at a time reads and writes."""
    directory.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    with open(directory / "state.lock", "a+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def read(path: Path, notices: list[str]) -> Doc:
    """The saved document; empty if there is none. A damaged file is moved aside and a
    sentence for the person is added to ``notices``."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return empty_doc()
    # A FIFO or a device would hang the start (or never end): never open one. A file far
    # bigger than any person's lists is not read into memory either.
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STATE_BYTES:
        return start_fresh(path, notices)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return empty_doc()
    try:
        # utf-8-sig: a file saved once by a Windows editor starts with a BOM; it is not lost.
        return normalise(json.loads(raw.decode("utf-8-sig")))
    except (ValueError, UnicodeDecodeError, RecursionError, MemoryError):
        # RecursionError: [[[[...]]]] nested 100,000 deep stopped every start.
        return start_fresh(path, notices)


def start_fresh(path: Path, notices: list[str]) -> Doc:
    """Move a state file that cannot be read aside (never over an earlier one), say so."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{STATE_FILE}.corrupt-{stamp}")
    n = 2
    while aside.exists() or aside.is_symlink():  # never replace an earlier damaged copy
        aside = path.with_name(f"{STATE_FILE}.corrupt-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, aside)
        where = " " + _("It was moved to {path}.").format(path=aside)
    except OSError:
        where = ""
    notices.append(
        _("Your saved lists were damaged and could not be read, so metanav started "
          "fresh.") + where
    )
    return empty_doc()


def remove_leftovers(directory: Path) -> None:
    """Temporary files of a save that was killed half-way (full copies of the lists).
    Called under the lock, when no other copy of metanav can be writing one."""
    if fcntl is None:
        return  # no lock: another copy's temporary file may be in use
    for leftover in directory.glob(f".{STATE_FILE}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def write(path: Path, doc: Doc) -> None:
    """Write the whole document atomically: the old file stays whole until the new one is."""
    tmp = path.with_name(f".{STATE_FILE}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def why(exc: OSError) -> str:
    """Why the file could not be read or written, in words."""
    if exc.errno == errno.ENOSPC:
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("metanav is not allowed to write there")
    return exc.strerror or str(exc)
