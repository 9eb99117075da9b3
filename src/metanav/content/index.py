"""The search index: every topic, section, question and resource in SQLite FTS5.

The engine is SQLite's FTS5 through Python's own ``sqlite3`` (``unicode61 remove_diacritics
2``). Text goes in already folded and stemmed (:mod:`metanav.content.words`), so word forms,
case and accents do not matter. Searching it is :mod:`metanav.content.find`.

Two FTS5 tables of the same columns: ``small`` holds the topics (their title and summary),
sections and questions (rows 1, 2, ...); ``doc`` holds the resources (resource ``i`` in the
library's order is row ``RESOURCE_BASE + i``). Apart, ranking the few hundred topics and
questions with BM25 costs well under a millisecond; in one table with 100,000 resources it
cost ~15 ms a keystroke (BM25 counts a word's rows in the whole table). Each resource's kinds
and language are tokens in the ``tags`` column.
The file also holds the resources themselves, so large content reads them from here as they
are needed (content/resource_table.py).

Where the index lives: built in memory on first use (the bundled content takes a few tens of
milliseconds), or, for large content, in a file beside the content cache, built once and then
opened read-only (:mod:`metanav.content.cache`). A kiosk writes nothing: it opens the file
``metanav build-cache`` wrote (:mod:`metanav.content.prebuilt`), or builds its index in memory.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from metanav.content import resource_table
from metanav.content.model import Library
from metanav.content.resource_table import SCHEMA
from metanav.content.words import stem, stemmed_text, words

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


def _rows(library: Library, vocab: Counter) -> Iterator[tuple]:
    def row(rowid, title, heading, body, context, tags, language="en"):
        out = [rowid]
        for text in (title, heading, body):
            found = words(text)
            vocab.update(found)
            out.append(" ".join([stem(w, language) for w in found]))
        out += [stemmed_text(context, language), tags]
        return tuple(out)

    for rowid, (kind, key, section) in enumerate(small_items(library), start=1):
        if kind == "topic":
            topic = library.topics[key]
            if section < 0:
                yield row(rowid, topic.title, "", topic.summary, "", "")
            else:
                s = topic.sections[section]
                yield row(rowid, "", s.heading, f"{s.applies_to} {section_text(s)}", topic.title,
                          "")
        else:
            q = library.questions[key]
            group = library.groups.get(q.group)
            yield row(rowid, q.text, group.title if group else "", q.why, "", "")
    for i, r in enumerate(library.resources.values()):
        tags = " ".join([*(kind_tag(k) for k in r.kinds), language_tag(r.language)])
        body = f"{r.description} {r.kind_words} {r.language_name} {r.phone} {r.phone_note}"
        yield row(RESOURCE_BASE + i, r.name, r.organisation, body, "", tags, r.language)


def _vocab_rows(vocab: Counter) -> Iterator[tuple[str, int]]:
    for word, count in vocab.items():
        if len(word) > 2 and not word.isdigit():
            yield word, count


def build(library: Library, path: Path | None = None, key: str = "",
          progress: Callable[[int, int], None] | None = None) -> sqlite3.Connection:
    """Index ``library`` into a new database: in memory, or written atomically to ``path``
    (a temporary file in the same folder, then renamed) and opened read-only."""
    target = ":memory:" if path is None else f"{path}.{os.getpid()}.tmp"
    if path is not None and os.path.exists(target):
        os.unlink(target)
    db = sqlite3.connect(target, check_same_thread=False)
    db.executescript(
        f"""PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE VIRTUAL TABLE doc USING fts5({COLUMNS},
            tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        CREATE VIRTUAL TABLE small USING fts5({COLUMNS},
            tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        CREATE VIRTUAL TABLE terms USING fts5vocab(doc, row);
        CREATE VIRTUAL TABLE small_terms USING fts5vocab(small, row);
        CREATE TABLE words(word TEXT PRIMARY KEY, n INT) WITHOUT ROWID;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"""
    )
    vocab: Counter = Counter()
    total = len(library.resources) + len(library.topics) + len(library.questions)
    rows = _rows(library, vocab)
    with db:
        done = 0
        while True:
            batch = [r for _, r in zip(range(5000), rows, strict=False)]
            if not batch:
                break
            db.executemany(f"INSERT INTO small(rowid, {COLUMNS}) VALUES (?,?,?,?,?,?)",
                           [r for r in batch if r[0] < RESOURCE_BASE])
            db.executemany(f"INSERT INTO doc(rowid, {COLUMNS}) VALUES (?,?,?,?,?,?)",
                           [r for r in batch if r[0] >= RESOURCE_BASE])
            done += len(batch)
            if progress:
                progress(min(done, total), total)
        db.executemany("INSERT INTO words VALUES (?,?)", _vocab_rows(vocab))
        resource_table.create(db)  # the resources themselves, read as they are needed
        resource_table.insert(db, library.resources)
        db.executemany("INSERT INTO meta VALUES (?,?)", [("schema", str(SCHEMA)), ("key", key)])
        db.execute("INSERT INTO doc(doc) VALUES ('optimize')")
        db.execute("INSERT INTO small(small) VALUES ('optimize')")
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
               progress: Callable[[int, int], None] | None = None) -> sqlite3.Connection:
    """The index file ``library`` reads its resources from, if it has one (large content:
    content/cache.py, content/prebuilt.py), else a new index in memory. A translation is
    indexed in memory: the file holds the English words."""
    table = library.resources
    if isinstance(table, resource_table.ResourceTable) and library.english is None:
        try:
            return open_file(table.path)
        except sqlite3.Error:
            pass
    return build(library, progress=progress)


def ready(library: Library) -> bool:
    """Whether search can start at once: its index is made, opens from a file, or is small.
    Not ready: large content in a translation, whose first search indexes it in memory."""
    if any(known is library for known, _ in _indexes):
        return True
    if isinstance(library.resources, resource_table.ResourceTable) and library.english is None:
        return True
    return len(library.resources) < SLOW_BUILD


def index_for(library: Library, progress: Callable[[int, int], None] | None = None):
    """The :class:`metanav.content.find.Finder` of ``library``, made once (``progress`` is
    told how far an index built in memory has come)."""
    from metanav.content.find import Finder

    for known, finder in _indexes:
        if known is library:
            return finder
    finder = Finder(library, connection(library, progress))
    _indexes[:] = [(library, finder), *_indexes[:3]]
    return finder


def search(library: Library, query: str, **kwargs):
    """Search everything in ``library`` (see :meth:`metanav.content.find.Finder.search`)."""
    return index_for(library).search(query, **kwargs)
