"""The search index: every topic, section, question and resource in SQLite FTS5.

The engine is SQLite's FTS5 through Python's own ``sqlite3`` (``unicode61 remove_diacritics
2``). Text goes in already folded and stemmed (:mod:`metanav.content.words`), so word forms,
case and accents do not matter. Searching it is :mod:`metanav.content.find`.

Two FTS5 tables of the same columns (contentless: only the index of their words is kept): ``small`` holds the topics (their title and summary),
sections and questions (rows 1, 2, ...); ``doc`` holds the resources (resource ``i`` in the
library's order is row ``RESOURCE_BASE + i``). Apart, ranking the few hundred topics and
questions with BM25 costs well under a millisecond; in one table with 100,000 resources it
cost ~15 ms a keystroke (BM25 counts a word's rows in the whole table). Each resource's kinds
and language are tokens in the ``tags`` column.
The file also holds the resources themselves, so large content reads them from here as they
are needed (content/resource_table.py), and the same tables for each translation of the content
(``small_es``, ``doc_es``, ``words_es``...: its words and the interface's names of kinds and
languages differ in every row), so a search in Spanish opens as fast as one in English.

Where the index lives: built in memory on first use (the bundled content takes a few tens of
milliseconds), or, for large content, in a file beside the content cache, built once and then
opened read-only (:mod:`metanav.content.cache`). A kiosk writes nothing: it opens the file
``metanav build-cache`` wrote (:mod:`metanav.content.prebuilt`), or builds its index in memory.
A translation the file does not have (an older file) is indexed in memory on first use.
"""

from __future__ import annotations

import gettext
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from metanav.content import resource_table
from metanav.content.model import KINDS, LANGUAGES, Library, Resource
from metanav.content.resource_table import SCHEMA
from metanav.content.words import stem, stemmed_text, words
from metanav.i18n import DOMAIN, LOCALE_DIR, _, language

RESOURCE_BASE = 1 << 32
COLUMNS = "title, heading, body, context, tags"


def kind_tag(kind: str) -> str:
    """The token that marks a resource's kind ('zzkhelpline'); no word people type."""
    return "zzk" + kind.replace("-", "")


def language_tag(language: str) -> str:
    return "zzl" + language


def small_items(library: Library) -> list[tuple[str, str, int]]:
    """Row 1, 2, ...: each topic (section -1: its title and summary), its sections, then the
    questions."""
    items: list[tuple[str, str, int]] = []
    for topic in library.topics.values():
        items.append(("topic", topic.id, -1))
        items.extend(("topic", topic.id, i) for i in range(len(topic.sections)))
    items.extend(("question", q.id, -1) for q in library.questions.values())
    return items


def section_text(section) -> str:
    return " ".join(item for block in section.blocks for item in block.items)


def _small_rows(library: Library, vocab: Counter) -> Iterator[tuple]:
    for rowid, (kind, key, section) in enumerate(small_items(library), start=1):
        if kind == "topic":
            topic = library.topics[key]
            if section < 0:
                yield _row(rowid, topic.title, "", topic.summary, "", "", vocab)
            else:
                s = topic.sections[section]
                yield _row(rowid, "", s.heading, f"{s.applies_to} {section_text(s)}", topic.title,
                           "", vocab)
        else:
            q = library.questions[key]
            group = library.groups.get(q.group)
            yield _row(rowid, q.text, group.title if group else "", q.why, "", "", vocab)


def _row(rowid, title, heading, body, context, tags, vocab, language="en") -> tuple:
    out = [rowid]
    for text in (title, heading, body):
        found = words(text)
        vocab.update(found)
        out.append(" ".join([stem(w, language) for w in found]))
    return (*out, stemmed_text(context, language), tags)


class _Said:
    """A resource's words in one row, stemmed in its own language, the parts said in the
    interface's language (its kinds, its language's name) kept apart: a translation's row
    of a resource it does not translate reuses the English row's other words."""

    def __init__(self, lang: str) -> None:
        self.say = _words_in(lang)
        self._shown: dict[tuple, tuple[list[str], str]] = {}

    def shown(self, r: Resource) -> tuple[list[str], str]:
        """The words of ``r.kind_words`` and ``r.language_name`` in this language, stemmed."""
        key = (r.kinds, r.language)
        if key not in self._shown:
            text = " ".join([*(self.say(KINDS.get(k, k)) for k in r.kinds),
                             self.say(LANGUAGES.get(r.language, r.language))])
            found = words(text)
            self._shown[key] = (found, " ".join(stem(w, r.language) for w in found))
        return self._shown[key]


def _words_in(lang: str) -> Callable[[str], str]:
    """The interface's words in ``lang``, without changing the interface's own language."""
    if lang == language():
        return _
    if lang == "en":
        return str
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True).gettext


def _own_words(r: Resource) -> tuple[tuple[list[str], ...], tuple[str, ...]]:
    """Name, organisation, description, phone and note: their words, and stemmed."""
    found = (words(r.name), words(r.organisation), words(r.description),
             words(f"{r.phone} {r.phone_note}"))
    return found, tuple(" ".join([stem(w, r.language) for w in part]) for part in found)


def _resource_rows(libraries: Sequence[Library], vocabs: Sequence[Counter]) -> Iterator[list]:
    """Each resource's row in each library's language, in order (a translation has the same
    resources, some with other words). Body: description, kinds, language, phone and note."""
    said = [_Said(library.lang) for library in libraries]
    streams = [iter(library.resources.values()) for library in libraries]
    for i, same in enumerate(zip(*streams, strict=True)):
        first = same[0]
        own = _own_words(first)
        tags = " ".join([*(kind_tag(k) for k in first.kinds), language_tag(first.language)])
        rows = []
        for r, say, vocab in zip(same, said, vocabs, strict=True):
            found, stems = own if r is first or r == first else _own_words(r)
            shown, shown_stems = say.shown(r)
            vocab.update(found[0])
            vocab.update(found[1])
            vocab.update(found[2] + shown + found[3])
            body = " ".join(part for part in (stems[2], shown_stems, stems[3]) if part)
            rows.append((RESOURCE_BASE + i, stems[0], stems[1], body, "", tags))
        yield rows


def _vocab_rows(vocab: Counter) -> Iterator[tuple[str, int]]:
    for word, count in vocab.items():
        if len(word) > 2 and not word.isdigit():
            yield word, count


def suffix(lang: str) -> str:
    """A translation's tables in the index file are named with its language: ``doc_es``."""
    return "" if lang == "en" else "_" + lang


def _create(db: sqlite3.Connection, end: str) -> None:
    """One language's tables: contentless (search reads only row numbers and ranks; the
    words shown come from the library), so the file holds each word once, in the index."""
    fts = "tokenize='unicode61 remove_diacritics 2', prefix='2 3', content=''"
    db.executescript(
        f"""CREATE VIRTUAL TABLE doc{end} USING fts5({COLUMNS}, {fts});
        CREATE VIRTUAL TABLE small{end} USING fts5({COLUMNS}, {fts});
        CREATE VIRTUAL TABLE terms{end} USING fts5vocab(doc{end}, row);
        CREATE VIRTUAL TABLE small_terms{end} USING fts5vocab(small{end}, row);
        CREATE TABLE words{end}(word TEXT PRIMARY KEY, n INT) WITHOUT ROWID;"""
    )


def build(library: Library, path: Path | None = None, key: str = "",
          progress: Callable[[int, int], None] | None = None,
          translations: Sequence[Library] = ()) -> sqlite3.Connection:
    """Index ``library`` into a new database: in memory, or written atomically to ``path``
    (a temporary file in the same folder, then renamed) and opened read-only.
    ``translations``: the same content in other languages, each in tables of its own
    (``doc_es``...), so a search in that language needs no index built in memory."""
    target = ":memory:" if path is None else f"{path}.{os.getpid()}.tmp"
    if path is not None and os.path.exists(target):
        os.unlink(target)
    db = sqlite3.connect(target, check_same_thread=False)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
                     "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);")
    libraries = [library, *translations]
    ends = ["", *(suffix(t.lang) for t in translations)]
    for end in ends:
        _create(db, end)
    vocabs = [Counter() for _ in libraries]
    small = sum(len(small_items(lib)) for lib in libraries)
    total = len(library.resources) * len(libraries) + small
    with db:
        for lib, end, vocab in zip(libraries, ends, vocabs, strict=True):
            db.executemany(f"INSERT INTO small{end}(rowid, {COLUMNS}) VALUES (?,?,?,?,?,?)",
                           _small_rows(lib, vocab))
        done = small
        rows = _resource_rows(libraries, vocabs)
        while True:
            batch = [r for _, r in zip(range(5000), rows, strict=False)]
            if not batch:
                break
            for n, end in enumerate(ends):
                db.executemany(f"INSERT INTO doc{end}(rowid, {COLUMNS}) VALUES (?,?,?,?,?,?)",
                               [same[n] for same in batch])
            done += len(batch) * len(libraries)
            if progress:
                progress(min(done, total), total)
        for end, vocab in zip(ends, vocabs, strict=True):
            db.executemany(f"INSERT INTO words{end} VALUES (?,?)", _vocab_rows(vocab))
        resource_table.create(db)  # the resources themselves, read as they are needed
        resource_table.insert(db, library.resources)
        for t in translations:
            resource_table.insert_orders(db, t.lang, t.topics)
        db.executemany("INSERT INTO meta VALUES (?,?)", [
            ("schema", str(SCHEMA)), ("key", key),
            ("languages", " ".join(t.lang for t in translations))])
        for end in ends:
            db.execute(f"INSERT INTO doc{end}(doc{end}) VALUES ('optimize')")
            db.execute(f"INSERT INTO small{end}(small{end}) VALUES ('optimize')")
    if progress and not libraries[0].resources:
        progress(total, total)
    if path is None:
        return db
    db.close()
    with open(target, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(target, path)
    return open_file(path)


def open_file(path: Path) -> sqlite3.Connection:
    """A prebuilt index, read-only: nothing is ever written to it or beside it."""
    return resource_table.open_read_only(path)


# --------------------------------------------------------------------------------------------
# One index per library
# --------------------------------------------------------------------------------------------
_indexes: list[tuple[Library, object]] = []


SLOW_BUILD = 5_000  # resources: from here an index built in memory takes seconds (20 s at 100,000)


def connection(library: Library,
               progress: Callable[[int, int], None] | None = None) -> tuple[sqlite3.Connection, str]:
    """The index file ``library`` reads its resources from, if it has one (large content:
    content/cache.py, content/prebuilt.py), else a new index in memory; and the ending of the
    tables to search in it (``_es`` for the Spanish words of a file, "" otherwise)."""
    if in_file(library):
        try:
            return open_file(library.resources.path), suffix(library.lang)
        except sqlite3.Error:
            pass
    return build(library, progress=progress), ""


def in_file(library: Library) -> bool:
    """Whether ``library``'s words are in its index file: the content's own, or a translation
    the file was built with (content/cache.py builds every translation the folders have)."""
    table = library.resources
    if not isinstance(table, resource_table.ResourceTable) or table.path is None:
        return False
    return library.english is None or library.lang in table.languages


def ready(library: Library) -> bool:
    """Whether search can start at once: its index is made, opens from a file, or is small.
    Not ready: large content in a translation its file lacks (made in memory on first use)."""
    if any(known is library for known, _ in _indexes):
        return True
    return in_file(library) or len(library.resources) < SLOW_BUILD


def index_for(library: Library, progress: Callable[[int, int], None] | None = None):
    """The :class:`metanav.content.find.Finder` of ``library``, made once (``progress`` is
    told how far an index built in memory has come)."""
    from metanav.content.find import Finder

    for known, finder in _indexes:
        if known is library:
            return finder
    finder = Finder(library, *connection(library, progress))
    _indexes[:] = [(library, finder), *_indexes[:3]]
    return finder


def search(library: Library, query: str, **kwargs):
    """Search everything in ``library`` (see :meth:`metanav.content.find.Finder.search`)."""
    return index_for(library).search(query, **kwargs)
