"""One search over everything: topics, their sections, questions and resources.

The engine is SQLite's FTS5 through Python's own ``sqlite3`` (``unicode61 remove_diacritics
2``). Text goes in already folded and stemmed (:mod:`metanav.content.words`), so word forms,
case and accents do not matter; a query is parsed into plain quoted terms, so nothing a person
types is ever FTS syntax. Results are ranked with BM25, a title above a heading above the text.

Rows: topics, sections and questions have small row ids; resource ``i`` (in the library's
order) is row ``RESOURCE_BASE + i``, so the resources filter asks FTS5 for a range of rows.

Where the index lives: built in memory on first use (the bundled content takes a few tens of
milliseconds), or, for large content, in a file next to the content cache, built once and then
opened read-only (:func:`use_file`). A kiosk loads no cache, so its index is in memory: nothing
is written.
"""

from __future__ import annotations

import bisect
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from metanav.content.model import KINDS, Library, Resource
from metanav.content.prebuilt import index_files  # a kiosk's `metanav build-cache` index
from metanav.content.snippet import Hit, Marks, make_hit
from metanav.content.text import clean_typed
from metanav.content.words import (
    Term,
    fold,
    parse_query,
    phrase_stems,
    stem,
    stemmed_text,
    stems,
)

RESOURCE_BASE = 1 << 32
SCHEMA = 1
COLUMNS = "title, heading, body, context, tags"
RANK = "bm25(doc, 10.0, 5.0, 1.0, 0.5, 0.0)"  # title, heading, text, topic of a section, tags
WORDS = "{title heading body context}"
TYPO_MIN = 5  # words this long or longer may have one or two typos
HELP_KIND = "helpline"


@dataclass
class Results:
    """What a search found, in words a person can read."""

    query: str  # the query as typed, sanitised (safe to echo)
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    note: str = ""  # "Showing matches for hospice (you typed hospis)."
    closest: list[str] = field(default_factory=list)  # when nothing matched
    help_lines: list[Resource] = field(default_factory=list)  # when nothing matched

    def summary(self) -> str:
        if not self.query.strip():
            return "Type words to search topics, questions and resources."
        if not self.total:
            return f'No matches for "{self.query}".'
        count = "1 match" if self.total == 1 else f"{self.total:,} matches"
        return f'{count} for "{self.query}".'


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------
def _small_items(library: Library) -> list[tuple[str, str, int]]:
    """Topics (section -1 is the title and summary), their sections, then questions."""
    items: list[tuple[str, str, int]] = []
    for topic in library.topics.values():
        items.append(("topic", topic.id, -1))
        items.extend(("topic", topic.id, i) for i in range(len(topic.sections)))
    items.extend(("question", q.id, -1) for q in library.questions.values())
    return items


def _section_text(section) -> str:
    return " ".join(item for block in section.blocks for item in block.items)


def _rows(library: Library, items, vocab: Counter) -> Iterator[tuple]:
    def row(rowid, title, heading, body, context, tags, language="en"):
        for text in (title, heading, body):
            vocab.update(fold(text).split())
        return (rowid, stemmed_text(title, language), stemmed_text(heading, language),
                stemmed_text(body, language), stemmed_text(context, language), tags)

    for rowid, (kind, key, section) in enumerate(items, start=1):
        if kind == "topic":
            topic = library.topics[key]
            if section < 0:
                yield row(rowid, topic.title, "", topic.summary, "", "ttopic")
            else:
                s = topic.sections[section]
                yield row(rowid, "", s.heading, f"{s.applies_to} {_section_text(s)}",
                          topic.title, "ttopic")
        else:
            q = library.questions[key]
            group = library.groups.get(q.group)
            yield row(rowid, q.text, group.title if group else "", q.why, "", "tquestion")
    for i, r in enumerate(library.resources.values()):
        tags = " ".join([*(f"k{k.replace('-', '')}" for k in r.kinds), f"l{r.language}"])
        body = f"{r.description} {r.kind_words} {r.language_name} {r.phone} {r.phone_note}"
        yield row(RESOURCE_BASE + i, r.name, r.organisation, body, "", tags, r.language)


def _vocab_words(vocab: Counter) -> Iterator[tuple[str, str, str, int]]:
    for word, count in vocab.items():
        if word.isalnum() or len(word) > 1:
            yield word, stem(word, "en"), stem(word, "es"), count


def build(library: Library, path: Path | None = None, key: str = "",
          progress: Callable[[int, int], None] | None = None) -> sqlite3.Connection:
    """Index ``library`` into a new database: in memory, or written atomically to ``path``."""
    target = ":memory:" if path is None else f"{path}.{os.getpid()}.tmp"
    if path is not None and os.path.exists(target):
        os.unlink(target)
    db = sqlite3.connect(target, check_same_thread=False)
    db.executescript(
        f"""PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE VIRTUAL TABLE doc USING fts5({COLUMNS},
            tokenize='unicode61 remove_diacritics 2', prefix='2 3');
        CREATE TABLE words(word TEXT PRIMARY KEY, en TEXT, es TEXT, n INT) WITHOUT ROWID;
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"""
    )
    vocab: Counter = Counter()
    total = len(library.resources) + len(library.topics) + len(library.questions)
    rows = _rows(library, _small_items(library), vocab)
    with db:
        done = 0
        while True:
            batch = [r for _, r in zip(range(5000), rows, strict=False)]
            if not batch:
                break
            db.executemany(f"INSERT INTO doc(rowid, {COLUMNS}) VALUES (?,?,?,?,?,?)", batch)
            done += len(batch)
            if progress:
                progress(min(done, total), total)
        db.executemany("INSERT INTO words VALUES (?,?,?,?)", _vocab_words(vocab))
        db.executemany("INSERT INTO meta VALUES (?,?)", [("schema", str(SCHEMA)), ("key", key)])
        db.execute("INSERT INTO doc(doc) VALUES ('optimize')")
    if path is None:
        return db
    db.close()
    with open(target, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(target, path)
    return open_file(path)


def open_file(path: Path) -> sqlite3.Connection:
    """A prebuilt index, read-only: nothing is ever written to it or beside it."""
    uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def file_key(path: Path) -> str | None:
    """The key a prebuilt index file was built for, or None if it is not a usable index."""
    try:
        db = open_file(path)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return meta.get("key") if meta.get("schema") == str(SCHEMA) else None


# --------------------------------------------------------------------------------------------
# Searching
# --------------------------------------------------------------------------------------------
def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SearchIndex:
    def __init__(self, library: Library, db: sqlite3.Connection) -> None:
        self.library = library
        self.db = db
        self.items = _small_items(library)
        self.resources: list[Resource] = list(library.resources.values())
        self._vocab: list[str] | None = None
        self._stems: list[str] = []
        self._counts: dict[str, int] = {}

    # -- the vocabulary, for typos and "closest words" ---------------------------------------
    def _load_vocab(self) -> None:
        if self._vocab is not None:
            return
        rows = self.db.execute("SELECT word, en, es, n FROM words").fetchall()
        self._vocab = [w for w, _, _, _ in rows]
        self._counts = {w: n for w, _, _, n in rows}
        self._stems = sorted({s for _, en, es, _ in rows for s in (en, es)})

    def _known(self, word: str, prefix: bool) -> bool:
        self._load_vocab()
        for s in (*stems(word), word):
            i = bisect.bisect_left(self._stems, s)
            if i < len(self._stems) and (
                self._stems[i] == s or (prefix and self._stems[i].startswith(s))
            ):
                return True
        return False

    def closest(self, word: str, limit: int = 3, most: int = 2) -> list[str]:
        """Words in the content within ``most`` typos of ``word``, nearest and commonest first."""
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        self._load_vocab()
        found = process.extract(word, self._vocab, scorer=Levenshtein.distance,
                                score_cutoff=most, limit=50)
        found.sort(key=lambda m: (m[1], -self._counts.get(m[0], 0), m[0]))
        return [w for w, _, _ in found if w != word][:limit]

    # -- queries -------------------------------------------------------------------------------
    def _term_expr(self, term: Term, notes: list[str], marks: Marks) -> str | None:
        alternatives = [term.typed, *term.also]
        word = term.typed[0]
        if not term.also and len(term.typed) == 1 and not self._known(word, term.last):
            near = self.closest(word) if len(word) >= TYPO_MIN else []
            if not near:
                return None
            notes.append(f"{' or '.join(near)} (you typed {word})")
            alternatives = [(w,) for w in near]
        marks.add_words(w for phrase in alternatives for w in phrase)
        parts = []
        for phrase in alternatives:
            for form in phrase_stems(phrase):
                parts.append(_quote(" ".join(form)))
        if term.last:
            parts.append(_quote(word) + " *")
            marks.prefixes.append(word)
        return "(" + " OR ".join(dict.fromkeys(parts)) + ")"

    def _match(self, terms: list[Term], notes: list[str], joiner: str = " AND ",
               marks: Marks | None = None) -> str | None:
        marks = marks if marks is not None else Marks()
        exprs = [e for e in (self._term_expr(t, notes, marks) for t in terms) if e]
        if not exprs or (joiner == " AND " and len(exprs) < len(terms)):
            return None
        return f"{WORDS} : ({joiner.join(exprs)})"

    def _ids(self, match: str, where: str = "", order: bool = True,
             limit: int = -1) -> list[int]:
        sql = f"SELECT rowid FROM doc WHERE doc MATCH ? {where}"
        if order:
            sql += f" ORDER BY {RANK}"
        sql += f" LIMIT {int(limit)}"
        try:
            return [r for (r,) in self.db.execute(sql, (match,))]
        except sqlite3.Error:  # never expected: every term is quoted; never shown either
            return []

    def _count(self, match: str) -> int:
        try:
            return self.db.execute("SELECT count(*) FROM doc WHERE doc MATCH ?",
                                   (match,)).fetchone()[0]
        except sqlite3.Error:
            return 0

    def search(self, query: str, *, limit: int = 50, as_typed: bool = False) -> Results:
        """Everything that matches ``query``, best first. Never raises for any query."""
        shown = clean_typed(query, limit=60)
        results = Results(shown)
        terms = parse_query(query, self.library.synonyms, as_typed=as_typed)
        if not terms:
            if shown.strip():
                results.help_lines = self.help_lines()
            return results
        typos: list[str] = []
        marks = Marks()
        match = self._match(terms, typos, marks=marks)
        ids = self._ids(match, limit=limit) if match else []
        partial = False
        if not ids and len(terms) > 1:
            typos, marks = [], Marks()
            match = self._match(terms, typos, " OR ", marks)
            ids = self._ids(match, limit=limit) if match else []
            partial = bool(ids)
        if not ids:
            results.closest = self._closest_for(terms)
            results.help_lines = self.help_lines()
            return results
        results.total = self._count(match) if len(ids) >= limit else len(ids)
        notes = ["No match has all your words; these have some of them"] if partial else []
        notes += [f"showing matches for {t}" for t in typos]
        if notes:
            results.note = "; ".join(notes)[:1].upper() + "; ".join(notes)[1:] + "."
        results.hits = [self._hit(r, marks) for r in ids]
        return results

    def _closest_for(self, terms: list[Term]) -> list[str]:
        near: list[str] = []
        for term in terms:
            word = term.typed[-1]
            if len(word) >= 3:
                near += self.closest(word, most=3 if len(word) >= TYPO_MIN else 2)
        return list(dict.fromkeys(near))[:5]

    def help_lines(self, limit: int = 3) -> list[Resource]:
        """Help lines to offer when nothing matched (bundled ones come first)."""
        lines = []
        for r in self.resources:
            if HELP_KIND in r.kinds:
                lines.append(r)
                if len(lines) >= limit:
                    break
        return lines

    def _hit(self, rowid: int, marks: Marks) -> Hit:
        if rowid >= RESOURCE_BASE:
            item = ("resource", self.resources[rowid - RESOURCE_BASE].id, -1)
            return make_hit(self.library, item, marks)
        return make_hit(self.library, self.items[rowid - 1], marks)

    # -- the resources filter ------------------------------------------------------------------
    def filter_resources(self, text: str, kind: str = "", language: str = "") -> Sequence[Resource]:
        """Resources matching words (as typed: the last may be unfinished), kind and language,
        in the library's order (a list people know, that does not jump as they type)."""
        terms = parse_query(text, self.library.synonyms, as_typed=True)
        tags = []
        if kind:
            tags.append(_quote("k" + kind.replace("-", "")))
        if language:
            tags.append(_quote("l" + language))
        if not terms and not tags:
            return self.resources
        parts = []
        if terms:
            match = self._match(terms, [])
            if match is None:
                return []
            parts.append(match)
        if tags:
            parts.append("{tags} : (" + " AND ".join(tags) + ")")
        ids = self._ids(" AND ".join(parts), f"AND rowid >= {RESOURCE_BASE}", order=False)
        res = self.resources
        return [res[i - RESOURCE_BASE] for i in ids]


# --------------------------------------------------------------------------------------------
# One index per library
# --------------------------------------------------------------------------------------------
_indexes: list[tuple[Library, SearchIndex]] = []
_files: list[tuple[Library, Path]] = []


def use_file(library: Library, path: Path) -> None:
    """Search ``library`` with the prebuilt index in ``path`` (see :mod:`metanav.content.cache`)."""
    _files[:] = [(library, Path(path)), *_files[:3]]


def index_for(library: Library) -> SearchIndex:
    """The search index of ``library``: its prebuilt file, or built in memory once."""
    for known, index in _indexes:
        if known is library:
            return index
    db = None
    for known, path in [*_files, *index_files()]:
        if known is library:
            try:
                db = open_file(path)
            except sqlite3.Error:
                db = None
    index = SearchIndex(library, db or build(library))
    _indexes[:] = [(library, index), *_indexes[:3]]
    return index


def search(library: Library, query: str, **kwargs) -> Results:
    return index_for(library).search(query, **kwargs)


__all__ = ["KINDS", "Results", "SearchIndex", "build", "index_for", "search", "use_file"]
