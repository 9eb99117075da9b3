"""A prebuilt, read-only content cache for kiosks (``metanav build-cache``).

A kiosk writes nothing, so it cannot keep the content cache of :mod:`metanav.content.cache`:
every login would parse the clinic's YAML again (seconds, and tens of MB, at 10,000 resources).
Instead staff build the cache once, at install time or after changing the content::

    metanav build-cache [--data DIR]... [--kiosk-config FILE]

Where it goes: the folder kiosk.ini names (``[kiosk] cache_dir``), else ``metanav-cache/``
inside the last ``--data`` folder, else inside the bundled content folder. ``library.pickle``
holds the validated content, keyed exactly as the user cache is (every YAML file's path, size,
time and inode, the metanav and Python versions, the loader's own code); ``search.sqlite`` is
the search index (:mod:`metanav.content.index`) for the same content, opened read-only.

A kiosk reads it when its key matches the content as it is now, and when it can be trusted: the
file is unpickled, so it and its folder must belong to root or to the kiosk's own account and be
writable by nobody else. Otherwise the kiosk loads the YAML as before. A kiosk never writes it.

The resources, by far the largest part, are read when something first asks for them (after
the first frame: the home screen needs none), from the same open file.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import stat
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from metanav.content import cache
from metanav.content.model import Library

FOLDER_NAME = "metanav-cache"
LIBRARY_FILE = "library.pickle"
INDEX_FILE = "search.sqlite"
FORMAT = "metanav prebuilt 2"
_INDEX_CODE = ("index.py", "words.py", "snippet.py", "resource_table.py")

# (library, index file) for libraries read from a prebuilt cache; index.index_for asks.
_index_files: list[tuple[Library, Path]] = []


def bundled_data_dir() -> Path:
    """:func:`metanav.content.load.bundled_data_dir`, without importing the YAML loader: a kiosk
    that starts from the prebuilt cache never needs it (about 20 ms saved on every login)."""
    packaged = Path(__file__).resolve().parent.parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


def cache_folder(extra_dirs: Sequence[Path], configured: str = "") -> Path:
    """Where the prebuilt cache for this content lives."""
    if configured:
        return Path(configured)
    if extra_dirs:
        return Path(extra_dirs[-1]) / FOLDER_NAME
    return bundled_data_dir() / FOLDER_NAME


def _key(extra_dirs: Sequence[Path]) -> tuple | None:
    found = cache.fingerprint([bundled_data_dir(), *(Path(f) for f in extra_dirs)])
    return None if found is None else (FORMAT, found[0])


def _index_key(key: tuple) -> str | None:
    """The search index's key: the content's, and the search code's own files."""
    here = Path(__file__).resolve().parent
    try:
        code = [(name, (here / name).stat().st_size, (here / name).stat().st_mtime_ns)
                for name in _INDEX_CODE]
    except OSError:
        return None
    return hashlib.sha256(repr((key, code)).encode("utf-8", "surrogateescape")).hexdigest()


def index_files() -> list[tuple[Library, Path]]:
    return list(_index_files)


# -- building (staff) --------------------------------------------------------------------------
def build(extra_dirs: Sequence[Path], target: Path) -> tuple[Library, list[Path]]:
    """Load and validate the content, then write the cache into ``target`` atomically.

    Raises ContentError for bad content (nothing is written then) and OSError when the folder
    cannot be written. Returns the library and the files written.
    """
    from metanav.content.load import load_library

    library = load_library(extra_dirs, cache=False)
    key = _key(extra_dirs)
    if key is None:
        raise OSError("the content files changed or vanished while they were read")
    target.mkdir(parents=True, exist_ok=True, mode=0o755)
    path = target / LIBRARY_FILE
    fd, tmp = tempfile.mkstemp(prefix=LIBRARY_FILE + ".", suffix=".tmp", dir=target)
    try:
        with os.fdopen(fd, "wb") as f:
            cache.dump(f, key)
            cache.dump(f, dataclasses.replace(library, resources={}))
            cache.dump(f, [r for r in library.resources.values() if r.crisis])  # for the home
            cache.dump(f, library.resources)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # readable by the kiosk account, writable only by its builder
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    from metanav.content import index

    index_path = target / INDEX_FILE
    index.build(library, path=index_path, key=_index_key(key) or "").close()
    os.chmod(index_path, 0o644)
    return library, [path, index_path]


# -- reading (the kiosk) -----------------------------------------------------------------------
def _trusted(path: Path) -> bool:
    """Owned by root or by us, and writable by nobody else: safe to unpickle."""
    try:
        for item in (path, path.parent):
            st = item.stat()
            if st.st_uid not in (0, os.geteuid()) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return False
            if item is path and not stat.S_ISREG(st.st_mode):
                return False
    except OSError:
        return False
    return True


def why_not(extra_dirs: Sequence[Path], target: Path) -> str:
    """"" when a kiosk would start from the prebuilt cache in ``target``, else why not."""
    path = target / LIBRARY_FILE
    if not path.exists():
        return f"there is no prebuilt cache in {target}"
    if not _trusted(path):
        return f"{path} may be changed by others (it must belong to root and be read-only)"
    key = _key(extra_dirs)
    try:
        with open(path, "rb") as f:
            built_for = pickle.load(f)
    except Exception:  # noqa: BLE001 - unreadable or corrupt: say so in words
        built_for = None
    if key is None or built_for != key:
        return f"{path} was built for other content or another metanav; run metanav build-cache"
    return ""


class LaterDict(dict):
    """A dict whose items are read the first time anything asks for them (once, thread-safe)."""

    __slots__ = ("_fill_from", "_lock")

    def __init__(self, fill_from: Callable[[], dict]) -> None:
        super().__init__()
        self._fill_from: Callable[[], dict] | None = fill_from
        self._lock = threading.Lock()

    def _fill(self) -> None:
        if self._fill_from is not None:
            with self._lock:
                if self._fill_from is not None:
                    dict.update(self, self._fill_from())
                    self._fill_from = None

    def __getitem__(self, key):  # noqa: ANN001, ANN204 - dict's own signature
        self._fill()
        return dict.__getitem__(self, key)

    def __contains__(self, key) -> bool:  # noqa: ANN001
        self._fill()
        return dict.__contains__(self, key)

    def __iter__(self):  # noqa: ANN204
        self._fill()
        return dict.__iter__(self)

    def __reversed__(self):  # noqa: ANN204
        self._fill()
        return dict.__reversed__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def __eq__(self, other) -> bool:  # noqa: ANN001
        self._fill()
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self._fill()
        return dict.__repr__(self)

    def get(self, key, default=None):  # noqa: ANN001, ANN201
        self._fill()
        return dict.get(self, key, default)

    def keys(self):  # noqa: ANN201
        self._fill()
        return dict.keys(self)

    def values(self):  # noqa: ANN201
        self._fill()
        return dict.values(self)

    def items(self):  # noqa: ANN201
        self._fill()
        return dict.items(self)

    def copy(self) -> dict:
        self._fill()
        return dict(dict.items(self))

    def __reduce__(self):  # noqa: ANN204 - pickles as the plain dict it stands for
        self._fill()
        return dict, (dict(dict.items(self)),)


class LaterResources(LaterDict):
    """The resources, read when first asked for; the crisis lines (on the home screen) at once."""

    __slots__ = ("_crisis",)

    def __init__(self, fill_from: Callable[[], dict], crisis: list) -> None:
        super().__init__(fill_from)
        self._crisis = crisis

    def crisis_lines(self) -> list:
        if self._fill_from is None:  # read already: the resources themselves say
            return [r for r in dict.values(self) if r.crisis]
        return list(self._crisis)


def _resources_reader(f: BinaryIO, offset: int, extra_dirs: Sequence[Path]) -> Callable[[], dict]:
    def read() -> dict:
        collecting = gc.isenabled()
        gc.disable()
        try:
            f.seek(offset)
            resources = pickle.load(f)
            if not isinstance(resources, dict):
                raise ValueError("not the resources")
        except Exception:  # noqa: BLE001 - never lose the resources: read the YAML instead
            from metanav.content.load import load_library

            resources = load_library(extra_dirs, cache=False).resources
        finally:
            f.close()
            if collecting:
                gc.enable()
        gc.freeze()
        return resources

    return read


def load(extra_dirs: Sequence[Path], target: Path) -> Library | None:
    """The prebuilt library if it matches the content and can be trusted; else None. Reads only.

    Its resources are read from the same open file when first asked for.
    """
    path = target / LIBRARY_FILE
    if not _trusted(path):
        return None
    key = _key(extra_dirs)
    if key is None:
        return None
    collecting = gc.isenabled()
    gc.disable()
    f = None
    try:
        f = open(path, "rb")  # noqa: SIM115 - stays open until the resources are read
        if pickle.load(f) != key:
            f.close()
            return None
        head = pickle.load(f)
        crisis = pickle.load(f)
        if not isinstance(head, Library) or not isinstance(crisis, list):
            f.close()
            return None
        offset = f.tell()
    except Exception:  # noqa: BLE001 - unreadable or corrupt: load the YAML instead
        if f is not None:
            f.close()
        return None
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    resources = LaterResources(_resources_reader(f, offset, extra_dirs), crisis)
    library = dataclasses.replace(head, resources=resources)
    index_path = target / INDEX_FILE
    trusted = _trusted(index_path) and _index_file_key(index_path) == _index_key(key)
    _index_files[:] = [(library, index_path)] if trusted else []
    return library


def _index_file_key(path: Path) -> str | None:
    """The key the index file was built for (read with sqlite3 alone: the search code, its
    stemmers and its vocabulary are imported only when someone searches)."""
    import sqlite3

    try:
        db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
