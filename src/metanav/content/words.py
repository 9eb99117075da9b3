"""Words as search sees them: folded, stemmed, widened by synonyms, and parsed from a query.

- :func:`fold` makes case and accents not matter (``Español`` and ``espanol`` are one word).
- Stems come from the Snowball stemmers (PyStemmer) for English and Spanish, so ``spread``,
  ``spreads`` and ``spreading`` are one word, and so are ``bill`` and ``bills``. A document is
  stemmed in its own language; a query word is looked up by both its stems.
- Synonyms live in ``data/synonyms.yaml`` (a clinic's ``--data`` folder may add its own), so
  everyday words find ours: ``hotline`` finds helplines, ``dinero`` finds money help.
- :func:`parse_query` turns anything a person types into plain terms. No character of the
  query ever reaches the search engine's own syntax: ``"``, ``*``, ``NEAR(``, ``OR`` and ``-``
  are just characters, dropped or searched for as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import Stemmer

from metanav.content.model import Synonyms
from metanav.content.text import clean_line, clean_typed
from metanav.i18n import _

MAX_QUERY_WORDS = 12  # a pasted page is searched by its first words, not refused
MAX_WORD = 40  # longer "words" are cut (nothing real is this long)

_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" separates, as in the index
_MARKS = re.compile(r"[\u0300-\u036f]")

STEMMERS = {"en": Stemmer.Stemmer("english"), "es": Stemmer.Stemmer("spanish")}


def fold(text: str) -> str:
    """Lower case without accents: 'Cáncer Metastásico' -> 'cancer metastasico'."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return unicodedata.normalize("NFC", _MARKS.sub("", text))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; everything else separates)."""
    return [w[:MAX_WORD] for w in _WORD.findall(fold(text))]


@lru_cache(maxsize=65536)
def stem(word: str, language: str = "en") -> str:
    """The stem of one folded word in ``language`` (English rules for any but Spanish)."""
    return STEMMERS["es" if language == "es" else "en"].stemWord(word)


def stems(word: str) -> tuple[str, ...]:
    """Every stem a query word may have in the index: English and Spanish, no repeats."""
    en, es = stem(word, "en"), stem(word, "es")
    return (en,) if en == es else (en, es)


def stemmed_text(text: str, language: str = "en") -> str:
    """``text`` as the index stores it: folded, stemmed words separated by spaces."""
    return " ".join(stem(w, language) for w in words(text))


# --------------------------------------------------------------------------------------------
# Synonyms
# --------------------------------------------------------------------------------------------
def synonym_files(folders: Iterable[Path]) -> list[Path]:
    return [p for p in (Path(f) / "synonyms.yaml" for f in folders) if _is_file(p)]


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder that cannot be entered: the loader reports it
        return False


def load_synonyms(folders: Iterable[Path]) -> tuple[Synonyms, list]:
    """Synonyms from every folder's ``synonyms.yaml``, and the problems found in them
    (:class:`metanav.content.problems.Problem`, ``file:line: field: what is wrong``)."""
    from metanav.content.fields import FileCheck
    from metanav.content.problems import Problem
    from metanav.content.yaml_file import read_yaml

    problems: list[Problem] = []
    result = Synonyms()
    for path in synonym_files(folders):
        data = read_yaml(path, problems)
        if data is None:
            continue
        check = FileCheck(path, problems)
        top = check.mapping(data, getattr(data, "line", 1), "", ("synonyms",))
        if top is None:
            continue
        finds: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
        for index, (entry, line) in enumerate(check.items(top, "synonyms", "synonyms",
                                                           required=True)):
            name = f"synonyms[{index}]"
            entry = check.mapping(entry, line, name, ("words", "find"))
            if entry is None:
                continue
            lists = {}
            for key in ("words", "find"):
                phrases = []
                for i, (value, vline) in enumerate(check.items(entry, key, name, required=True)):
                    folded = tuple(words(clean_line(value))) if isinstance(value, str) else ()
                    if not folded:
                        check.error(vline, f"{name}.{key}[{i}]",
                                    _("expected a word or a few words of text"))
                    else:
                        phrases.append(folded)
                lists[key] = phrases
            for phrase in lists["words"]:
                finds[phrase] = tuple(dict.fromkeys(finds.get(phrase, ()) + tuple(lists["find"])))
        result = result.merged(Synonyms(finds))
    return result, problems


# --------------------------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One thing the person typed: its words, and the phrases it may also match (synonyms).
    ``last`` marks the word still being typed, which also matches as the start of a word."""

    typed: tuple[str, ...]
    also: tuple[tuple[str, ...], ...] = ()
    last: bool = False

    @property
    def text(self) -> str:
        return " ".join(self.typed)


_lookups: list[tuple[Synonyms, dict]] = []


def _by_stem(synonyms: Synonyms) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The synonyms keyed by the stems of their words, so 'bill' finds what 'bills' finds."""
    for known, lookup in _lookups:
        if known is synonyms:
            return lookup
    lookup: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for phrase, targets in synonyms.finds.items():
        for language in ("en", "es"):
            key = tuple(stem(w, language) for w in phrase)
            lookup[key] = tuple(dict.fromkeys(lookup.get(key, ()) + targets))
    _lookups[:] = [(synonyms, lookup), *_lookups[:3]]
    return lookup


def _synonyms_of(phrase: tuple[str, ...], lookup: dict) -> tuple[tuple[str, ...], ...] | None:
    for language in ("en", "es"):
        found = lookup.get(tuple(stem(w, language) for w in phrase))
        if found is not None:
            return found
    return None


def parse_query(query: str, synonyms: Synonyms | None = None, *,
                as_typed: bool = False) -> list[Term]:
    """The terms of a query: folded words, with phrases from ``synonyms`` joined into one term.
    ``as_typed``: the query is being typed, so its last word may be unfinished."""
    found = words(clean_typed(query))[: MAX_QUERY_WORDS * 2]
    synonyms = synonyms or Synonyms()
    lookup = _by_stem(synonyms)
    terms: list[Term] = []
    i = 0
    longest = synonyms.longest
    while i < len(found) and len(terms) < MAX_QUERY_WORDS:
        for size in range(min(longest, len(found) - i), 0, -1):
            phrase = tuple(found[i : i + size])
            also = _synonyms_of(phrase, lookup)
            if also is not None:
                terms.append(Term(phrase, also))
                i += size
                break
        else:
            terms.append(Term((found[i],)))
            i += 1
    if as_typed and terms and len(terms[-1].typed) == 1:
        last = terms[-1]
        ends_in_space = query[-1:].isspace()
        terms[-1] = Term(last.typed, last.also, last=not ends_in_space)
    return terms


def phrase_stems(phrase: Sequence[str]) -> list[tuple[str, ...]]:
    """The stemmed forms a phrase may take in the index: all English, or all Spanish."""
    forms = [tuple(stem(w, "en") for w in phrase), tuple(stem(w, "es") for w in phrase)]
    return list(dict.fromkeys(forms))


def meaning(term: Term, synonyms: Synonyms) -> tuple[tuple[str, ...], ...] | None:
    """For a phrase of a few words that has synonyms ("talk to someone"), the synonyms that
    say what it means (counseling, helpline): not a single word that is just another everyday
    word of the same list ("talk", which finds every "Talking about ..." heading). None for a
    single word, or when every synonym says what it means."""
    if len(term.typed) < 2 or not term.also:
        return None
    lookup = _by_stem(synonyms)
    meant = tuple(t for t in term.also if len(t) > 1 or _synonyms_of(t, lookup) != term.also)
    return meant if len(meant) < len(term.also) else None
