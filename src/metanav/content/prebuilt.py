"""A prebuilt, read-only content cache for kiosks (``metanav build-cache``).

A kiosk writes nothing, so it cannot keep the content cache of :mod:`metanav.content.cache`:
every login would parse the clinic's YAML again (seconds, and tens of MB, at 10,000 resources).
Instead staff build the cache once, at install time or after changing the content::

    metanav build-cache [--data DIR]... [--kiosk-config FILE]

Where it goes: the folder kiosk.ini names (``[kiosk] cache_dir``), else ``metanav-cache/``
inside the last ``--data`` folder, else inside the bundled content folder. ``library.pickle``
holds the validated content, keyed exactly as the user cache is (every YAML file's path, size,
time and inode, the metanav and Python versions, the loader's own code); ``search.sqlite`` is
the search index (:mod:`metanav.content.index`) for the same content and its translations,
opened read-only.

A kiosk reads it when its key matches the content as it is now, and when it can be trusted: the
file is unpickled, so it and its folder must belong to root or to the kiosk's own account and be
writable by nobody else. Otherwise the kiosk loads the YAML as before. A kiosk never writes it.

Both files are laid out as the user's content cache is, and read the same way: the resources,
by far the largest part, are read from the index file one by one as screens ask for them
(content/resource_table.py); the home screen's crisis lines and the resource count come
without reading the others.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from metanav.content import cache, resource_table
from metanav.content.model import Library
from metanav.i18n import _

FOLDER_NAME = "metanav-cache"
LIBRARY_FILE = "library.pickle"
INDEX_FILE = "search.sqlite"
FORMAT = "metanav prebuilt 4"
_INDEX_CODE = ("index.py", "words.py", "snippet.py", "resource_table.py", "translation.py")

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
    found = cache.fingerprint(_folders(extra_dirs))
    return None if found is None else (FORMAT, found[0])


def _folders(extra_dirs: Sequence[Path]) -> list[Path]:
    return [bundled_data_dir(), *(Path(f) for f in extra_dirs)]


def _index_key(key: tuple, extra_dirs: Sequence[Path]) -> str | None:
    """The search index's key: the content's, its translations' (cache.translation_stamps),
    and the search code's own files."""
    here = Path(__file__).resolve().parent
    try:
        code = [(name, (here / name).stat().st_size, (here / name).stat().st_mtime_ns)
                for name in _INDEX_CODE]
    except OSError:
        return None
    both = (key, code, cache.translation_stamps(_folders(extra_dirs)))
    return hashlib.sha256(repr(both).encode("utf-8", "surrogateescape")).hexdigest()


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
            cache.dump_library(f, key, library)  # as the user's cache: the same reader
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
    index.build(library, path=index_path, key=_index_key(key, extra_dirs) or "",
                translations=cache.translations(library, _folders(extra_dirs))).close()
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
        return _("there is no prebuilt cache in {folder}").format(folder=target)
    if not _trusted(path):
        return _("{file} may be changed by others (it must belong to root and be read-only)"
                 ).format(file=path)
    key = _key(extra_dirs)
    try:
        with open(path, "rb") as f:
            built_for = pickle.load(f)
    except Exception:  # noqa: BLE001 - unreadable or corrupt: say so in words
        built_for = None
    if key is None or built_for != key:
        return _("{file} was built for other content or another metanav; run metanav "
                 "build-cache").format(file=path)
    return ""


def index_why_not(extra_dirs: Sequence[Path], target: Path) -> str:
    """"" when a kiosk would read its resources and search from the prebuilt index, else why
    not (it then reads every resource into memory and makes its search index there)."""
    path = target / INDEX_FILE
    if path.exists() and not _trusted(path):
        return _("{file} may be changed by others (it must belong to root and be read-only)"
                 ).format(file=path)
    key = _key(extra_dirs)
    index_key = _index_key(key, extra_dirs) if key else None
    table = resource_table.open_table(path, index_key) if index_key else None
    if table is None:  # missing, built by another metanav, or for other words or translations
        return _("{file} was built for other content or another metanav; run metanav "
                 "build-cache").format(file=path)
    return ""


def load(extra_dirs: Sequence[Path], target: Path) -> Library | None:
    """The prebuilt library if it matches the content and can be trusted; else None. Reads only.

    Its resources are read from the index file as they are needed when that file can be trusted
    too; otherwise all at once from the cache file (and search then indexes in memory).
    """
    path = target / LIBRARY_FILE
    if not _trusted(path):
        return None
    key = _key(extra_dirs)
    if key is None:
        return None
    index_path = target / INDEX_FILE
    index_key = _index_key(key, extra_dirs)
    table = (resource_table.open_table(index_path, index_key)
             if index_key and _trusted(index_path) else None)
    library = cache.read(path, key, resources=table is None)
    if library is not None and table is not None:
        library = dataclasses.replace(library, resources=table)
    gc.freeze()  # the content lives as long as the kiosk: out of the collector's sight
    return library

