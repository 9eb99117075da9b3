"""Finding things in the search index (content/index.py): search everything, filter resources.

A query is parsed into plain terms (content/words.py) and each term becomes quoted FTS5
strings, so nothing a person types is ever FTS5 syntax. A term matches any of its stems
(English and Spanish), its synonyms, and, while it is being typed, any word it starts (from
two letters on). A word of five or more letters that is nowhere in the content is taken as a
typo of the nearest words (one or two letters off, rapidfuzz over the content's words).

Ranking: hits whose title or heading matches come first, then the rest. In each, hits of the
words as typed come first, then (a listed phrase such as "talk to someone") of the synonyms
that say what it means, then of all the synonyms ("talk", "Talking about ..." headings); and
in each of those, topics, sections and questions (BM25 among them) before resources. Among
title and heading matches, topic titles come before section headings, and those before
questions (short, so BM25 put "my cancer" questions above "What metastatic cancer is").
Every query reads only a page of rows in row order, and counts with ``count(*)``, so a
keystroke costs a few milliseconds at 100,000 resources; ranking all the matches with BM25
took up to a second there (BENCHMARKS.md).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from metanav.content.index import RESOURCE_BASE, kind_tag, language_tag, small_items
from metanav.content.model import Library, Resource
from metanav.content.resource_table import Paged, in_order
from metanav.content.snippet import Hit, Marks, make_hit
from metanav.content.text import clean_typed
from metanav.content.words import Term, meaning, parse_query, phrase_stems
from metanav.i18n import _, ngettext

TYPO_MIN = 5  # words this long or longer may have one or two typos
PREFIX_MIN = 2  # a word being typed matches the words it starts from this many letters on
WEIGHTS = "10.0, 5.0, 1.0, 0.5, 0.0"  # title, heading, text, a section's topic, tags
SMALL, BIG = "small", "doc"  # topics, sections and questions; resources
MEANT = "meant"  # a phrase's synonyms that say what it means ("talk to someone": counseling)


@dataclass
class Results:
    """What a search found, in words a person can read."""

    query: str  # the query as typed, sanitised and cut to 60 characters (safe to echo)
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    note: str = ""  # "Showing matches for hospice (you typed hospis)."
    closest: list[str] = field(default_factory=list)  # when nothing matched
    help_lines: list[Resource] = field(default_factory=list)  # when nothing matched

    def summary(self) -> str:
        if not self.query.strip():
            return _("Type words to search topics, questions and resources.")
        if not self.total:
            return _('No matches for "{query}".').format(query=self.query)
        count = ngettext('{n} match for "{query}".', '{n} matches for "{query}".',
                         self.total).format(n=f"{self.total:,}", query=self.query)
        if len(self.hits) < self.total:
            count += " " + _("The first {n} are shown.").format(n=len(self.hits))
        return count


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class Matches(Paged):
    """The resources a filter matches, counted at once and read a page at a time as they
    are drawn (a list of 100,000 costs nothing until someone scrolls through it)."""

    PAGE = 50  # a tall terminal's list; a keystroke reads one page

    def __init__(self, finder: Finder, match: str) -> None:
        super().__init__()
        self.finder, self.match = finder, match
        self._len = finder.count(match, finder.big)

    def __len__(self) -> int:
        return self._len

    def _read_page(self, number: int) -> list[Resource]:
        ids = self.finder.ids(self.match, self.finder.big, limit=self.PAGE, offset=number * self.PAGE)
        return self.finder.resources.take([i - RESOURCE_BASE for i in ids])

    def __iter__(self) -> Iterator[Resource]:
        for number in range((len(self) + self.PAGE - 1) // self.PAGE):
            yield from self._page(number)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class Joined(Sequence):
    """Sequences one after the other, read as one (the person's language first, then the rest)."""

    def __init__(self, parts: list[Sequence]) -> None:
        self.parts = parts

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        for part in self.parts:
            if 0 <= index < len(part):
                return part[index]
            index -= len(part)
        raise IndexError(index)

    def __iter__(self) -> Iterator[Resource]:
        for part in self.parts:
            yield from part

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class Finder:
    def __init__(self, library: Library, db: sqlite3.Connection, end: str = "") -> None:
        """``end``: the ending of the tables of ``library``'s language in ``db`` ("" or
        "_es": content/index.py)."""
        self.library = library
        self.db = db
        self.small, self.big, self.end = SMALL + end, BIG + end, end
        self.items = small_items(library)
        self.resources = in_order(library.resources)  # read as needed when they are many
        self._vocab: list[str] | None = None
        self._counts: dict[str, int] = {}
        # Answers already worked out: each keystroke asks again about the words before it.
        self._seen: dict[tuple[str, bool], bool] = {}
        self._near: dict[tuple[str, int, int], list[str]] = {}
        self._by_kind = self._kind_order()

    def _kind_order(self) -> str:
        """SQL that sorts the small table's rows: topics (their titles), sections, questions."""
        topics = [str(n) for n, (kind, _key, section) in enumerate(self.items, start=1)
                  if kind == "topic" and section < 0]
        last_section = max((n for n, (kind, _, _) in enumerate(self.items, start=1)
                            if kind == "topic"), default=0)
        sql = (f"CASE WHEN rowid IN ({', '.join(topics) or '0'}) THEN 0 "
               f"WHEN rowid <= {last_section} THEN 1 ELSE 2 END")
        return sql  # never shown (named, so tests/test_i18n.py does not take it for prose)

    # -- reading the index ---------------------------------------------------------------------
    def ids(self, match: str, where: str, *, rank: bool = False, limit: int = 50,
            offset: int = 0, within: str = "", by_kind: bool = False) -> list[int]:
        """Rows matching ``match``, in row order or (``rank``) best BM25 first, ties in row
        order; ``within``: only those that also match this (ranked still by ``match``);
        ``by_kind`` (small table): topics, then sections, then questions, each ranked so."""
        order = f"bm25({where}, {WEIGHTS}), rowid" if rank else "rowid"
        order = f"{self._by_kind}, {order}" if by_kind else order
        also = f" AND rowid IN (SELECT rowid FROM {where} WHERE {where} MATCH ?)" if within else ""
        sql = (f"SELECT rowid FROM {where} WHERE {where} MATCH ?{also} ORDER BY {order} "
               f"LIMIT {int(limit)} OFFSET {int(offset)}")
        try:
            return [r for (r,) in self.db.execute(sql, (match, within) if within else (match,))]
        except sqlite3.Error:  # never expected (every term is quoted); never shown either
            return []

    def count(self, match: str, where: str = "") -> int:
        total = 0
        for table in (where,) if where else (self.small, self.big):
            try:
                sql = f"SELECT count(*) FROM {table} WHERE {table} MATCH ?"
                total += self.db.execute(sql, (match,)).fetchone()[0]
            except sqlite3.Error:
                pass
        return total

    def _known(self, word: str, prefix: bool) -> bool:
        """Whether the index holds a stem of ``word`` (or, ``prefix``, a word it starts)."""
        key = (word, prefix)
        if key not in self._seen:
            if len(self._seen) > 10_000:
                self._seen.clear()
            self._seen[key] = self._look_up(word, prefix)
        return self._seen[key]

    def _look_up(self, word: str, prefix: bool) -> bool:
        forms = {form[0] for form in phrase_stems((word,))} | {word}
        marks = ",".join("?" * len(forms))
        for table in ("small_terms" + self.end, "terms" + self.end):
            sql = f"SELECT 1 FROM {table} WHERE term IN ({marks}) LIMIT 1"
            if self.db.execute(sql, tuple(forms)).fetchone():
                return True
            if prefix:
                sql = f"SELECT 1 FROM {table} WHERE term >= ? AND term < ? LIMIT 1"
                if self.db.execute(sql, (word, word + "\U0010ffff")).fetchone() is not None:
                    return True
        return False

    def closest(self, word: str, limit: int = 3, most: int = 2) -> list[str]:
        """Words in the content within ``most`` typos of ``word``, nearest and commonest first."""
        key = (word, limit, most)
        if key not in self._near:
            if len(self._near) > 10_000:
                self._near.clear()
            self._near[key] = self._nearest(word, limit, most)
        return self._near[key]

    def prepare(self) -> None:
        """Read the content's words and load rapidfuzz now, not on the first word with a typo
        (a search screen calls this once it shows: ~20 ms less on that keystroke)."""
        from rapidfuzz import process  # noqa: F401

        if self._vocab is None:
            rows = self.db.execute(f"SELECT word, n FROM words{self.end}").fetchall()
            self._vocab = [w for w, _ in rows]
            self._counts = dict(rows)

    def _nearest(self, word: str, limit: int, most: int) -> list[str]:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        self.prepare()
        found = process.extract(word, self._vocab, scorer=Levenshtein.distance,
                                score_cutoff=most, limit=50)
        found.sort(key=lambda m: (m[1], -self._counts.get(m[0], 0), m[0]))
        return [w for w, _, _ in found if w != word][:limit]

    # -- queries -------------------------------------------------------------------------------
    def _term_expr(self, term: Term, typos: list[str], marks: Marks,
                   synonyms: bool | str = True) -> str | None:
        also = term.also if synonyms else ()
        if synonyms == MEANT:
            also = meaning(term, self.library.synonyms) or also
        alternatives = [term.typed, *also]
        word = term.typed[0]
        prefix = term.last and len(word) >= PREFIX_MIN
        if not term.also and len(term.typed) == 1 and not self._known(word, prefix):
            near = self.closest(word) if len(word) >= TYPO_MIN else []
            if not near:
                return None
            typos.append(_("{words} (you typed {typed})").format(
                words=_(" or ").join(near), typed=word))
            alternatives = [(w,) for w in near]
        marks.add_words(w for phrase in alternatives for w in phrase)
        parts = [_quote(" ".join(form)) for phrase in alternatives for form in phrase_stems(phrase)]
        if prefix:
            parts.append(_quote(word) + " *")
            marks.add_prefix(word)
        return "(" + " OR ".join(dict.fromkeys(parts)) + ")"

    def match(self, terms: list[Term], typos: list[str] | None = None, marks: Marks | None = None,
              joiner: str = " AND ", synonyms: bool | str = True) -> str | None:
        """The FTS5 query for ``terms``; None when a term (AND) or every term (OR) matches
        nothing at all. ``synonyms=False``: only the words typed (to rank those first);
        ``MEANT``: a phrase's synonyms that say what it means (words.meaning), not its loose
        words (to rank those next)."""
        typos = typos if typos is not None else []
        marks = marks if marks is not None else Marks()
        exprs = [e for e in (self._term_expr(t, typos, marks, synonyms) for t in terms) if e]
        if not exprs or (joiner == " AND " and len(exprs) < len(terms)):
            return None
        return joiner.join(exprs)

    @staticmethod
    def _terms(query: str, library: Library, as_typed: bool) -> list[Term]:
        terms = parse_query(query, library.synonyms, as_typed=as_typed)
        if len(terms) > 1 and terms[-1].last and len(terms[-1].typed[0]) < PREFIX_MIN:
            terms.pop()  # one letter of a new word: wait for the next
        return terms

    def search(self, query: str, *, limit: int = 50, as_typed: bool = False) -> Results:
        """Everything that matches ``query``, best first. Never raises for any query.
        ``as_typed``: the query is still being typed, so its last word may be unfinished."""
        results = Results(clean_typed(query, limit=60))
        terms = self._terms(query, self.library, as_typed)
        if not terms:
            if results.query.strip():
                results.help_lines = self.help_lines()
            return results
        typos: list[str] = []
        marks = Marks()
        match = self.match(terms, typos, marks)
        total = self.count(match) if match else 0
        partial = not total and len(terms) > 1
        if partial:
            typos, marks = [], Marks()
            match = self.match(terms, typos, marks, " OR ")
            total = self.count(match) if match else 0
        if not total or match is None:
            results.closest = self._closest_for(terms)
            results.help_lines = self.help_lines()
            return results
        results.total = total
        notes = [_("No match has all your words; these have some of them")] if partial else []
        notes += [_("showing matches for {words}").format(words=t) for t in typos]
        if notes:
            text = "; ".join(notes)
            results.note = text[0].upper() + text[1:] + "."
        joiner = " OR " if partial else " AND "
        exact = self.match(terms, [], marks, joiner, synonyms=False)
        meant = self.match(terms, [], marks, joiner, synonyms=MEANT)
        matches = list(dict.fromkeys(m for m in (exact, meant, match) if m))  # often the same
        results.hits = self._hits(self._ranked(matches, limit), marks)
        return results

    def _ranked(self, matches: list[str], limit: int) -> list[int]:
        """``matches`` in order (the words as typed, a phrase's meaning, all synonyms); within
        each, titles of topics, headings of sections, questions (each best BM25 first), then
        names of resources; then the rest, in the same order.
        The first N are the same whatever the limit: each group reads ``limit`` rows more
        than are already placed (those it may repeat), so none is cut short before ranking."""
        order: dict[int, None] = {}

        def place(match: str, where: str, **how) -> None:  # FTS5 queries, never shown
            order.update(dict.fromkeys(self.ids(match, where, limit=limit + len(order), **how)))

        small, big = self.small, self.big
        for m in matches:
            place(m, small, rank=True, within="{title heading} : (" + m + ")", by_kind=True)
            place("{title} : (" + m + ")", big)
        for m in matches:
            place(m, small, rank=True)
            place(m, big)
        return list(order)[:limit]

    def _closest_for(self, terms: list[Term]) -> list[str]:
        near: list[str] = []
        for term in terms:
            word = term.typed[-1]
            if len(word) >= 3:
                near += self.closest(word, most=3 if len(word) >= TYPO_MIN else 2)
        return list(dict.fromkeys(near))[:5]

    def help_lines(self, limit: int = 3) -> list[Resource]:
        """Help lines to offer when nothing matched (the bundled ones come first); in Spanish
        (any language but English) those in that language before the others."""
        from metanav.i18n import language

        helpline = _quote(kind_tag("helpline"))
        ids = []
        if language() != "en":
            ids = self.ids(f"{helpline} AND {_quote(language_tag(language()))}", self.big,
                           limit=limit)
        ids += [i for i in self.ids(helpline, self.big, limit=limit + len(ids)) if i not in ids]
        return self.resources.take([i - RESOURCE_BASE for i in ids[:limit]])

    def _hits(self, rowids: list[int], marks: Marks) -> list[Hit]:
        resources = self.resources.take([r - RESOURCE_BASE for r in rowids if r >= RESOURCE_BASE])
        ids = iter(r.id for r in resources)
        items = [("resource", next(ids), -1) if rowid >= RESOURCE_BASE else self.items[rowid - 1]
                 for rowid in rowids]
        return [make_hit(self.library, item, marks) for item in items]

    # -- the resources filter ------------------------------------------------------------------
    def filter_resources(self, text: str, kind: str = "", language: str = "",
                         first: str = "") -> Sequence[Resource]:
        """Resources matching words (as typed: the last may be unfinished), kind and language,
        in the library's order (a list people know, which does not jump about as they type);
        those in the language ``first`` (if given) before the others."""
        terms = [t for t in self._terms(text, self.library, True)
                 if not (t.last and len(t.typed[0]) < PREFIX_MIN)]
        tags = [_quote(kind_tag(kind))] if kind else []
        tags += [_quote(language_tag(language))] if language else []
        if not terms and not tags:
            return in_order(self.library.resources, first)
        parts = []
        if terms:
            match = self.match(terms)
            if match is None:
                return []
            parts.append(f"({match})")
        if tags:
            parts.append("{tags} : (" + " AND ".join(tags) + ")")
        match = " AND ".join(parts)
        if not first or language:
            return Matches(self, match)
        tag = "{tags} : " + _quote(language_tag(first))
        return Joined([Matches(self, f"{match} AND {tag}"), Matches(self, f"({match}) NOT {tag}")])
