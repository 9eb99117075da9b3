"""Search results as people read them: a title, where it is, and one line around the match.

The matched words are marked with square brackets, ``[spread]``, so the mark needs no colour
and a screen reader speaks it. The text is the content's own (already sanitised when loaded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from metanav.content.model import Library
from metanav.content.text import clean_line
from metanav.content.words import fold, stem
from metanav.i18n import _

SNIPPET_WIDTH = 72
_TOKEN = re.compile(r"[^\W_]+")
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]+")  # a word, from its first letter


@dataclass
class Marks:
    """What counts as a matched word: any of these stems, or a word starting with a prefix."""

    stems: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    _seen: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def add_words(self, words) -> None:
        self._seen.clear()
        for w in words:
            self.stems.update((stem(w, "en"), stem(w, "es")))

    def add_prefix(self, prefix: str) -> None:
        self._seen.clear()
        self.prefixes.append(prefix)

    def matches(self, word: str) -> bool:
        known = self._seen.get(word)
        if known is None:
            w, en, es = _forms(word)
            known = en in self.stems or es in self.stems or any(
                w.startswith(p) for p in self.prefixes)
            self._seen[word] = known
        return known


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str, str]:
    """A word of the text as search sees it: folded, and its English and Spanish stems."""
    w = fold(word)
    return w, stem(w, "en"), stem(w, "es")


@dataclass(frozen=True)
class Hit:
    kind: str  # "topic", "question" or "resource"
    key: str  # the topic's, question's or resource's id
    section: int  # the topic section the match is in; -1 for a topic's title and summary
    title: str
    where: str  # "Topic", "Section of Hospice", "Question: Money", "Resource: Helpline; English"
    snippet: str  # one line, matched words in [brackets]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.key, "section": self.section, "title": self.title,
                "where": self.where, "snippet": self.snippet}


def mark(text: str, marks: Marks, width: int = SNIPPET_WIDTH, *,
         only_if_matched: bool = False) -> str | None:
    """One line of ``text`` around its first matched word, matched words in brackets
    (``only_if_matched``: None when no word matches). Only the words up to the first match and
    those in the line are looked at: a long section costs no more than a short one."""
    text = clean_line(text)
    first = next((m for m in _TOKEN.finditer(text) if marks.matches(m.group())), None)
    if first is None and only_if_matched:
        return None
    start = 0
    if first is not None and first.start() > width // 3:
        # Begin a few words before the first match, at a word's start.
        begin = _WORD_START.search(text, first.start() - width // 4)
        start = min(begin.start(), first.start()) if begin else first.start()
    end = start + width
    if end < len(text):
        end = max((m.end() for m in _TOKEN.finditer(text, start, end + 1) if m.end() <= end),
                  default=end)
    out, pos = [], start
    for m in _TOKEN.finditer(text, start, end + 1):
        if m.end() > end or not marks.matches(m.group()):
            continue
        out += [text[pos:m.start()], "[", m.group(), "]"]
        pos = m.end()
    out.append(text[pos:end])
    line = "".join(out)
    return ("…" if start > 0 else "") + line + ("…" if end < len(text) else "")


def _first_marked(texts: list[str], marks: Marks) -> str:
    for text in texts:
        line = mark(text, marks, only_if_matched=True) if text else None
        if line is not None:
            return line
    return mark(next((t for t in texts if t), ""), marks) or ""


def make_hit(library: Library, item: tuple[str, str, int], marks: Marks) -> Hit:
    kind, key, section = item
    if kind == "resource":
        r = library.resources[key]
        where = _("Resource: {kind}; {language}").format(kind=r.kind_words,
                                                         language=r.language_name)
        snippet = _first_marked([r.description, r.name, r.organisation,
                                 f"{r.kind_words}; {r.language_name}", r.phone], marks)
        return Hit(kind, key, -1, r.name, where, snippet)
    if kind == "question":
        q = library.questions[key]
        group = library.groups.get(q.group)
        where = _("Question: {group}").format(group=group.title) if group else _("Question")
        return Hit(kind, key, -1, q.text, where,
                   _first_marked([q.text, q.why, group.title if group else ""], marks))
    topic = library.topics[key]
    if section < 0:
        return Hit(kind, key, -1, topic.title, _("Topic"),
                   _first_marked([topic.summary, topic.title], marks))
    s = topic.sections[section]
    body = " ".join(item for block in s.blocks for item in block.items)
    return Hit(kind, key, section, s.heading, _("Section of {title}").format(title=topic.title),
               _first_marked([body, s.applies_to, s.heading, topic.title], marks))
