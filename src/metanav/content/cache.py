"""A cache of loaded content, so large ``--data`` folders start as fast as the bundled content.

Parsing and validating 10,000 resources from YAML takes seconds even with libyaml; unpickling
the validated :class:`Library` takes a few tens of milliseconds. The cache is used only when the
folders hold more than :data:`MIN_BYTES` of YAML (small content loads fast anyway).

- Keyed by the path, size, modification time (ns) and inode of every YAML file read, the
  folders' paths, the metanav version, the Python version and the size and time of the loader's
  own source files: change any of them and the content is loaded from YAML again.
- Kept in ``platformdirs.user_cache_path("metanav")``, or ``METANAV_CACHE_DIR`` when set.
- Written atomically (temp file in the same folder, fsync, ``os.replace``). A missing,
  unreadable, corrupt or stale cache file is ignored; failing to write one is ignored too.
- Only content that loaded without problems is cached, so a cached library is always a
  validated one.
- After loading large content, ``gc.freeze()`` moves it out of the garbage collector's sight.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from metanav import __version__
from metanav.content import resource_table
from metanav.content.model import Library
from metanav.i18n import _

CACHE_FORMAT = 4
MIN_BYTES = 1_000_000  # below this, loading from YAML is fast enough

_HERE = Path(__file__).resolve().parent
_CODE = ("model.py", "load.py", "items.py", "fields.py", "yaml_file.py", "fastyaml.py", "problems.py",
         "text.py", "cache.py", "words.py")
_INDEX_CODE = ("index.py", "words.py", "resource_table.py", "translation.py")


def cache_dir() -> Path:
    override = os.environ.get("METANAV_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("metanav")


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files the loader reads from one content folder."""
    files = sorted((folder / "topics").glob("*.yaml")) if (folder / "topics").is_dir() else []
    files += [p for p in (folder / "questions.yaml", folder / "resources.yaml",
                         folder / "synonyms.yaml") if p.exists()]
    return files


def _stamp(path: Path) -> tuple[str, int, int, int]:
    st = path.stat()
    return (str(path), st.st_size, st.st_mtime_ns, st.st_ino)


def fingerprint(folders: Sequence[Path]) -> tuple[tuple, int] | None:
    """The cache key for these folders and the bytes of YAML they hold (None if unreadable)."""
    try:
        entries = []
        total = 0
        for folder in folders:
            folder = Path(folder).resolve()
            entries.append(str(folder))
            for path in yaml_files(folder):
                stamp = _stamp(path)
                total += stamp[1]
                entries.append(stamp)
        code = tuple(_stamp(_HERE / name) for name in _CODE)
    except OSError:
        return None
    key = (CACHE_FORMAT, __version__, sys.version_info[:2], tuple(entries), code)
    return key, total


class _Pickler(pickle.Pickler):
    """Pickles the content's frozen dataclasses as ``Class(*fields)``.

    The default for slotted dataclasses calls ``dataclasses.fields()`` for every object when
    loading; calling the constructor instead unpickles 10,000 resources about a third faster.
    """

    _fields: dict[type, tuple[str, ...] | None] = {}

    def reducer_override(self, obj):  # noqa: ANN001, ANN201 - pickle's protocol
        cls = type(obj)
        names = self._fields.get(cls, ())
        if names == ():
            names = None
            if dataclasses.is_dataclass(cls) and cls.__module__.startswith("metanav.content."):
                fields = dataclasses.fields(cls)
                if all(f.init for f in fields):
                    names = tuple(f.name for f in fields)
            self._fields[cls] = names
        if names is None:
            return NotImplemented
        return cls, tuple(getattr(obj, name) for name in names)


def dump(f: BinaryIO, obj: object) -> None:
    """Pickle ``obj`` into ``f`` the way the cache does (content dataclasses by constructor)."""
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)


def dump_library(f: BinaryIO, key: tuple, library: Library) -> None:
    """Straight into the file: building the bytes in memory first held the 4.7 MB pickle of
    10,000 resources two or three times over, on the start that already peaks highest.
    The resources go last, on their own: a start whose search index is ready reads only the
    rest, and the resources from the index file as they are needed (content/resource_table.py)."""
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(key)
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(dataclasses.replace(library, resources={}))
    _Pickler(f, protocol=pickle.HIGHEST_PROTOCOL).dump(dict(library.resources))


def cache_file(folders: Sequence[Path]) -> Path:
    names = "\0".join(str(Path(f).resolve()) for f in folders)
    digest = hashlib.sha256(names.encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_dir() / f"library-{digest}.pickle"


def read(path: Path, key: tuple, *, resources: bool = True) -> Library | None:
    """The cached library if ``path`` holds one for exactly ``key``; otherwise None.
    ``resources=False``: all but the resources (an empty dict in their place)."""
    collecting = gc.isenabled()
    gc.disable()  # no point hunting for cycles among 10,000 new objects that have none
    try:
        with open(path, "rb") as f:
            if pickle.load(f) != key:
                return None
            library = pickle.load(f)
            if resources and isinstance(library, Library):
                table = pickle.load(f)
                if not isinstance(table, dict):
                    return None
                library = dataclasses.replace(library, resources=table)
    except Exception:  # noqa: BLE001 - any unreadable or corrupt cache is simply not used
        return None
    finally:
        if collecting:
            gc.enable()
    return library if isinstance(library, Library) else None


def read_key(path: Path) -> tuple | None:
    """The key a cache file was written for (None if it cannot be read)."""
    try:
        with open(path, "rb") as f:
            key = pickle.load(f)
    except Exception:  # noqa: BLE001 - an unreadable or corrupt cache is simply not used
        return None
    return key if isinstance(key, tuple) else None


def write(path: Path, key: tuple, library: Library) -> bool:
    """Store ``library`` under ``key`` atomically. Returns False (quietly) if it cannot."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            dump_library(f, key, library)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        return True
    except Exception:  # noqa: BLE001 - a cache that cannot be written is not an error
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def cached(folders: Sequence[Path], load: Callable[[], Library]) -> Library:
    """``load()``, or its cached result when the folders are large and have not changed.

    Large content comes back with its resources in the search index's file (a
    :class:`~metanav.content.resource_table.ResourceTable`), read as they are needed: the first
    frame waits for neither their unpickling nor their memory."""
    found = fingerprint(folders)
    if found is None or found[1] < MIN_BYTES:
        return load()
    key, _ = found
    path = cache_file(folders)
    target, stamp = index_file(path, key, folders)
    library = None
    table = resource_table.open_table(target, stamp)
    if table is not None:
        library = read(path, key, resources=False)
        library = library and dataclasses.replace(library, resources=table)
    if library is None:
        library = read(path, key)
        if library is None:
            done = _reading(found[1])
            library = load()  # raises ContentError for bad content: nothing is cached then
            done()
            write(path, key, library)
        library = _with_index(library, target, stamp, folders)
    # The content lives as long as the program and holds no cycles: keep the garbage
    # collector from walking its objects in every full collection (which otherwise stalls a
    # random keystroke by ~100 ms when the resources are all in memory).
    gc.freeze()
    return library


def index_file(path: Path, key: tuple, folders: Sequence[Path]) -> tuple[Path, str]:
    """The search index file beside the cache file ``path``, and the key it must be built for
    (the content's, its translations', and the index code's own files)."""
    target = path.with_name(path.stem + ".search.sqlite")
    code = tuple(_stamp(_HERE / name) for name in _INDEX_CODE)
    both = (key, code, translation_stamps(folders))
    stamp = hashlib.sha256(repr(both).encode("utf-8", "surrogateescape")).hexdigest()
    return target, stamp


def translated_languages(folders: Sequence[Path]) -> list[str]:
    """The languages some content folder has a translation for (``<folder>/es/``)."""
    from metanav.content.translation import LANGUAGE_NAMES

    return [lang for lang in LANGUAGE_NAMES if lang != "en"
            and any((Path(folder) / lang).is_dir() for folder in folders)]


def translation_stamps(folders: Sequence[Path]) -> tuple:
    """What the index's translated tables are made from: each translation's files, and the
    interface's catalogue of that language (the names of kinds and languages in every row).
    Change one and the index is built again, as for a change of the content itself."""
    from metanav.i18n import DOMAIN, LOCALE_DIR

    stamps: list = []
    try:
        for lang in translated_languages(folders):
            stamps.append(lang)
            for folder in folders:
                base = Path(folder).resolve() / lang
                topics = base / "topics"
                files = sorted(topics.glob("*.yaml")) if topics.is_dir() else []
                files += [p for p in (base / "questions.yaml", base / "resources.yaml")
                          if p.exists()]
                stamps += [_stamp(p) for p in files]
            catalogue = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if catalogue.exists():
                stamps.append(_stamp(catalogue))
    except OSError:
        stamps.append("unreadable")  # never matches a file's key: built again, or in memory
    return tuple(stamps)


def translations(library: Library, folders: Sequence[Path]) -> list[Library]:
    """``library`` in each language the folders translate it into (a translation with
    problems is left out: it is reported when someone chooses that language)."""
    from metanav.content.problems import ContentError
    from metanav.content.translation import translate

    found = []
    for lang in translated_languages(folders):
        try:
            found.append(translate(library, folders, lang))
        except ContentError:
            pass
    return found


def _with_index(library: Library, target: Path, stamp: str, folders: Sequence[Path]) -> Library:
    """Build the search index file, in every language the content has (with a progress line
    on a terminal); then the library reads its resources from it, as every later start does.
    If it cannot be written, the resources stay in memory and search builds its index in
    memory when first used."""
    from metanav.content import index

    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        index.build(library, target, stamp, _progress(len(library.resources)),
                    translations(library, folders)).close()
    except Exception:  # noqa: BLE001 - no file: search indexes in memory instead
        for leftover in target.parent.glob(target.name + ".*.tmp"):
            leftover.unlink(missing_ok=True)
        return library
    table = resource_table.open_table(target, stamp)
    return library if table is None else dataclasses.replace(library, resources=table)


def _reading(size: int) -> Callable[[], None]:
    """'metanav: reading 39 MB of content (only after it changes)... done.' on a terminal,
    so the first start after a change is not a blank screen for the seconds the YAML takes."""
    if not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
        return lambda: None
    sys.stderr.write(_("metanav: reading {size} MB of content (only after the content "
                       "changes)...").format(size=f"{size / 1e6:,.0f}"))
    sys.stderr.flush()

    def done() -> None:
        sys.stderr.write(" " + _("done.") + "\n")
        sys.stderr.flush()

    return done


def _progress(resources: int) -> Callable[[int, int], None] | None:
    """A line that grows as the index is built: '... search for 100,000 resources: 20% 40%'.
    Only on a terminal, and with no cursor movement (plain mode and screen readers read it)."""
    return progress_line(_("metanav: preparing search for {count} resources (only after the "
                           "content changes):").format(count=f"{resources:,}"))


def progress_line(heading: str) -> Callable[[int, int], None] | None:
    """``heading``, then ' 10% 20% ... done.' on the same line as the work goes on, on
    standard error when it is a terminal (else None: nothing is shown)."""
    if not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
        return None
    sys.stderr.write(heading)
    sys.stderr.flush()
    shown = [0]

    def step(done: int, total: int) -> None:
        tenth = done * 10 // max(total, 1)
        if tenth > shown[0]:
            shown[0] = tenth
            sys.stderr.write(" " + _("done.") + "\n" if tenth >= 10 else f" {tenth * 10}%")
            sys.stderr.flush()

    return step

