"""Resources read from the search index's file as they are needed, not all before the first frame.

A clinic may give 100,000 resources. As Python objects they take ~100 MB, and unpickling them
took over a second before the home screen showed. The search index file (content/index.py) holds
them as a plain table too, one row each in the library's order (``pos`` 0, 1, ...), and its
``meta`` table says what screens need about all of them at once: how many there are, and the
kinds and languages in use. Large content (the user's content cache, a kiosk's prebuilt cache)
then has a :class:`ResourceTable` as its library's ``resources``: a read-only mapping by id that
reads a row when asked, and keeps the last few hundred it read.

Small content keeps a plain dict. Both answer :func:`in_order`, :func:`crisis_lines` and
:func:`choices`, so the screens and the search never need to know which they have.
"""

from __future__ import annotations

import sqlite3
import threading
from array import array
from collections import OrderedDict
from collections.abc import ItemsView, Iterator, Mapping, Sequence, ValuesView
from pathlib import Path

from metanav.content.model import Resource, Topic

SCHEMA = 6  # of the whole index file (content/index.py): change it when a table changes
FIELDS = ("id", "name", "organisation", "kinds", "language", "description", "url", "phone",
          "phone_note", "topics", "crisis", "qr_address")
_SELECT = "SELECT pos, " + ", ".join(FIELDS) + " FROM resources"
_KEEP = 2000  # resources kept once read (a screen's worth many times over)
_PAGE = 100  # rows read at a time when a list is drawn in order


# -- writing (content/index.py, when it builds the index file) ----------------------------------
def create(db: sqlite3.Connection) -> None:
    db.execute("CREATE TABLE resources(pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
               "name, organisation, kinds, language, description, url, phone, phone_note, "
               "topics, crisis INT, qr_address)")
    db.execute("CREATE INDEX crisis_lines ON resources(pos) WHERE crisis")


def insert(db: sqlite3.Connection, resources: Mapping[str, Resource]) -> None:
    """Every resource as a row, in order, and their summary in ``meta``."""
    kinds: set[str] = set()
    languages: dict[str, int] = {}

    def rows() -> Iterator[tuple]:
        for pos, r in enumerate(resources.values()):
            kinds.update(r.kinds)
            languages[r.language] = languages.get(r.language, 0) + 1
            yield (pos, r.id, r.name, r.organisation, " ".join(r.kinds), r.language,
                   r.description, r.url, r.phone, r.phone_note, " ".join(r.topics), int(r.crisis),
                   r.qr_address)

    db.executemany(f"INSERT INTO resources(pos, {', '.join(FIELDS)}) VALUES "
                   f"(?,{','.join('?' * len(FIELDS))})", rows())
    db.executemany("INSERT INTO meta VALUES (?,?)", [
        ("resources", str(len(resources))),
        ("resources.kinds", " ".join(sorted(kinds))),
        ("resources.languages", " ".join(f"{code}:{n}" for code, n in languages.items())),
    ])


def insert_orders(db: sqlite3.Connection, lang: str, topics: Mapping[str, Topic]) -> None:
    """Each topic's resources in the order a translation shows them (content/translation.py:
    crisis lines, then those in its language, then the rest): worked out once, here, not at
    every start in that language (~150 ms at 100,000 resources)."""
    db.execute("CREATE TABLE IF NOT EXISTS topic_orders(lang TEXT, topic TEXT, ids TEXT, "
               "PRIMARY KEY (lang, topic)) WITHOUT ROWID")
    db.executemany("INSERT INTO topic_orders VALUES (?,?,?)",
                   [(lang, tid, " ".join(topic.resources)) for tid, topic in topics.items()])


# -- reading ------------------------------------------------------------------------------------
def open_read_only(path: Path) -> sqlite3.Connection:
    """An index file, read-only: nothing is ever written to it or beside it."""
    uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def open_table(path: Path, key: str) -> ResourceTable | None:
    """The resources of the index file at ``path`` if it was built for ``key`` (None if it is
    missing, stale or unreadable). Reads with sqlite3 alone: the search code, its stemmers and
    its vocabulary are imported only when someone searches."""
    if not Path(path).is_file():
        return None
    try:
        db = open_read_only(path)
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("schema") != str(SCHEMA) or meta.get("key") != key:
            db.close()
            return None
        return ResourceTable(db, meta, path=Path(path))
    except (sqlite3.Error, KeyError, ValueError):
        return None


def _resource(row: tuple) -> Resource:
    _pos, rid, name, organisation, kinds, language, description, url, phone, note, topics, \
        crisis, qr_address = row
    return Resource(rid, name, organisation, tuple(kinds.split()), language, description, url,
                    phone, note, tuple(topics.split()), bool(crisis), qr_address or "")


class ResourceTable(Mapping):
    """The resources by id, read from the index file when asked for.

    Translations replace some resources' words (content/translation.py): ``copy()`` then
    ``table[id] = resource`` keeps those changes in the copy, in front of the file's rows.
    """

    def __init__(self, db: sqlite3.Connection, meta: Mapping[str, str],
                 changed: dict[str, Resource] | None = None,
                 lock: threading.Lock | None = None, path: Path | None = None) -> None:
        self._db, self._meta, self.path = db, dict(meta), path
        self._lock = lock or threading.Lock()  # one connection, used from any thread
        self._len = int(meta["resources"])
        self._changed: dict[str, Resource] = dict(changed or {})
        self._recent: dict[str, Resource] = {}  # the last ones read, oldest first
        self._first: dict[str, array] = {}

    def _rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def _keep(self, row: tuple) -> Resource:
        r = self._recent.get(row[1])
        if r is None:
            r = self._recent[row[1]] = _resource(row)
            if len(self._recent) > _KEEP:
                del self._recent[next(iter(self._recent))]
        return self._changed.get(r.id, r)

    # -- the mapping ---------------------------------------------------------------------------
    def __getitem__(self, key: str) -> Resource:
        if key in self._changed:
            return self._changed[key]
        if key in self._recent:
            return self._recent[key]
        rows = self._rows(_SELECT + " WHERE id = ?", (key,)) if isinstance(key, str) else []
        if not rows:
            raise KeyError(key)
        return self._keep(rows[0])

    def __contains__(self, key: object) -> bool:
        if key in self._changed or key in self._recent:
            return True
        return isinstance(key, str) and bool(self._rows("SELECT 1 FROM resources WHERE id = ?",
                                                        (key,)))

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        for start in range(0, self._len, 5000):
            yield from (rid for (rid,) in self._rows(
                "SELECT id FROM resources WHERE pos >= ? ORDER BY pos LIMIT 5000", (start,)))

    def values(self):  # noqa: ANN201 - a view that reads the rows in pages, not one by one
        return _Values(self)

    def items(self):  # noqa: ANN201
        return _Items(self)

    def __setitem__(self, key: str, resource: Resource) -> None:
        if key not in self:
            raise KeyError(key)  # a translation only changes the words of resources we have
        self._changed[key] = resource

    def copy(self) -> ResourceTable:
        return ResourceTable(self._db, self._meta, self._changed, self._lock, self.path)

    def __reduce__(self):  # noqa: ANN204 - pickles as the plain dict it stands for
        return dict, (dict(self.items()),)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<ResourceTable of {self._len:,} resources>"

    # -- what screens and search ask ----------------------------------------------------------
    def page(self, start: int, count: int) -> list[Resource]:
        """Resources ``start``, ``start + 1``, ... in order."""
        return [self._keep(row) for row in self._rows(
            _SELECT + " WHERE pos >= ? ORDER BY pos LIMIT ?", (start, count))]

    def many(self, ids: Sequence[str]) -> list[Resource]:
        """The resources with these ids, in the order asked (unknown ids left out), read a few
        hundred at a time: a topic lists up to 10,000s of them."""
        found: dict[str, Resource] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"{_SELECT} WHERE id IN ({marks})", chunk):
                found[row[1]] = self._changed.get(row[1]) or _resource(row)
        return [found[i] for i in ids if i in found]

    def leading(self, language: str) -> dict[str, tuple[bool, str]]:
        """The crisis lines and the resources in ``language``, each with (crisis, language):
        two columns of one pass over the table, no objects."""
        sql = "SELECT id, crisis, language FROM resources WHERE crisis OR language = ?"
        found = {rid: (bool(crisis), lang) for rid, crisis, lang in self._rows(sql, (language,))}
        for rid, r in self._changed.items():
            found.pop(rid, None)
            if r.crisis or r.language == language:
                found[rid] = (r.crisis, r.language)
        return found

    def take(self, positions: Sequence[int]) -> list[Resource]:
        """The resources at these positions (0 is the first), in the order asked."""
        found: dict[int, Resource] = {}
        for start in range(0, len(positions), 500):
            chunk = positions[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"{_SELECT} WHERE pos IN ({marks})", chunk):
                found[row[0]] = self._keep(row)
        return [found[p] for p in positions if p in found]

    def stream(self) -> Iterator[Resource]:
        """Every resource in order, a thousand rows at a time, none of them kept."""
        for start in range(0, self._len, 1000):
            rows = self._rows(_SELECT + " WHERE pos >= ? ORDER BY pos LIMIT 1000", (start,))
            yield from (self._changed.get(row[1], _resource(row)) for row in rows)

    def in_order(self, first: str = "") -> Rows:
        """In order; those in the language ``first`` (if given) first."""
        if not first:
            return Rows(self)
        if first not in self._first:
            sql = "SELECT pos FROM resources ORDER BY language != ?, pos"
            with self._lock:  # read as they come: a list of 100,000 rows first took ~9 MB
                positions = array("l", (pos for (pos,) in self._db.execute(sql, (first,))))
            self._first = {first: positions}  # 8 bytes a resource
        return Rows(self, self._first[first])

    def crisis_lines(self) -> list[Resource]:
        return [self._keep(row) for row in self._rows(_SELECT + " WHERE crisis ORDER BY pos")]

    def topic_orders(self, lang: str) -> dict[str, tuple[str, ...]] | None:
        """Each topic's resources in the order ``lang`` shows them (:func:`insert_orders`), or
        None when the file does not hold them."""
        if lang not in self.languages:
            return None
        try:
            rows = self._rows("SELECT topic, ids FROM topic_orders WHERE lang = ?", (lang,))
        except sqlite3.Error:
            return None
        return {tid: tuple(ids.split()) for tid, ids in rows}

    @property
    def languages(self) -> list[str]:
        """The translations whose words the index file holds too (content/index.py)."""
        return self._meta.get("languages", "").split()

    def choices(self) -> tuple[list[str], dict[str, int]]:
        languages = {}
        for pair in self._meta.get("resources.languages", "").split():
            code, _, n = pair.rpartition(":")
            languages[code] = int(n)
        return self._meta.get("resources.kinds", "").split(), languages


class _Values(ValuesView):
    def __iter__(self) -> Iterator[Resource]:
        return self._mapping.stream()


class _Items(ItemsView):
    def __iter__(self) -> Iterator[tuple[str, Resource]]:
        return ((r.id, r) for r in self._mapping.stream())


class Paged(Sequence):
    """Resources read a page at a time as a list draws them: a subclass says how long it is
    and how to read one page; looking up an index, a slice or a negative index is here."""

    PAGE = _PAGE
    KEEP: int | None = None  # pages kept, the oldest let go first; None keeps them all

    def __init__(self) -> None:
        self._pages: OrderedDict[int, list[Resource]] = OrderedDict()

    def _read_page(self, number: int) -> list[Resource]:
        raise NotImplementedError

    def _page(self, number: int) -> list[Resource]:
        if number not in self._pages:
            self._pages[number] = self._read_page(number)
            if self.KEEP is not None and len(self._pages) > self.KEEP:
                self._pages.popitem(last=False)
        self._pages.move_to_end(number)
        return self._pages[number]

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._page(index // self.PAGE)[index % self.PAGE]


class Rows(Paged):
    """Every resource of a table in order, read a page at a time as a list draws them."""

    KEEP = 20

    def __init__(self, table: ResourceTable, positions: Sequence[int] | None = None) -> None:
        super().__init__()
        self.table, self.positions = table, positions  # None: 0, 1, 2, ...

    def __len__(self) -> int:
        return len(self.table)

    def _read_page(self, number: int) -> list[Resource]:
        start = number * self.PAGE
        if self.positions is None:
            return self.table.page(start, self.PAGE)
        return self.table.take(list(self.positions[start:start + self.PAGE]))

    def __iter__(self) -> Iterator[Resource]:
        if self.positions is None:
            return self.table.stream()
        return (r for start in range(0, len(self), _PAGE) for r in self.table.take(
            list(self.positions[start:start + _PAGE])))

    def take(self, positions: Sequence[int]) -> list[Resource]:
        return self.table.take(positions)


class Listed(list):
    """A plain list of resources that answers :meth:`take` as :class:`Rows` does."""

    def take(self, positions: Sequence[int]) -> list[Resource]:
        return [self[p] for p in positions]


# -- the same questions of a plain dict or a table -------------------------------------------
def in_order(resources: Mapping[str, Resource], first: str = "") -> Sequence[Resource]:
    """All resources in the library's order, as a sequence with ``take(positions)``; those in
    the language ``first`` (if given) before the others."""
    if isinstance(resources, ResourceTable):
        return resources.in_order(first)
    if first:
        return Listed(sorted(resources.values(), key=lambda r: r.language != first))
    return Listed(resources.values())


def pick(resources: Mapping[str, Resource], ids: Sequence[str]) -> list[Resource]:
    """The resources with these ids, in that order; ids that are not there are left out."""
    if isinstance(resources, ResourceTable):
        return resources.many(ids)
    return [resources[i] for i in ids if i in resources]


def topic_orders(resources: Mapping[str, Resource], lang: str) -> dict[str, tuple[str, ...]] | None:
    """Each topic's resources in the order ``lang`` shows them, when an index file holds them."""
    return resources.topic_orders(lang) if isinstance(resources, ResourceTable) else None


def leading(resources: Mapping[str, Resource], language: str) -> dict[str, tuple[bool, str]]:
    """The crisis lines and the resources in ``language``, by id, each with whether it is a
    crisis line and its language (the others are neither)."""
    if isinstance(resources, ResourceTable):
        return resources.leading(language)
    return {r.id: (r.crisis, r.language) for r in resources.values()
            if r.crisis or r.language == language}


def crisis_lines(resources: Mapping[str, Resource]) -> list[Resource]:
    known = getattr(resources, "crisis_lines", None)
    if known is not None:
        return known()
    return [r for r in resources.values() if r.crisis]


def choices(resources: Mapping[str, Resource]) -> tuple[list[str], dict[str, int]]:
    """The kinds in use, and how many resources each language has."""
    if isinstance(resources, ResourceTable):
        return resources.choices()
    kinds = {k for r in resources.values() for k in r.kinds}
    languages: dict[str, int] = {}
    for r in resources.values():
        languages[r.language] = languages.get(r.language, 0) + 1
    return sorted(kinds), languages
