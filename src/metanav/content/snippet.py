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


@dataclass
class Marks:
    """What counts as a matched word: any of these stems, or a word starting with a prefix."""

    stems: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)

    def add_words(self, words) -> None:
        for w in words:
            self.stems.update((stem(w, "en"), stem(w, "es")))

    def matches(self, word: str) -> bool:
        w, en, es = _forms(word)
        if en in self.stems or es in self.stems:
            return True
        return any(w.startswith(p) for p in self.prefixes)


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


def mark(text: str, marks: Marks, width: int = SNIPPET_WIDTH) -> str:
    """One line of ``text`` around its first matched word, matched words in brackets."""
    text = clean_line(text)
    tokens = list(_TOKEN.finditer(text))
    hits = [m for m in tokens if marks.matches(m.group())]
    start = 0
    if hits and hits[0].start() > width // 3:
        # Begin a few words before the first match, at a word's start.
        want = hits[0].start() - width // 4
        start = next((m.start() for m in tokens if m.start() >= want), hits[0].start())
    end = start + width
    if end < len(text):
        end = max((m.end() for m in tokens if start < m.end() <= end), default=end)
    out, pos = [], start
    for m in hits:
        if m.start() < start or m.end() > end:
            continue
        out += [text[pos:m.start()], "[", m.group(), "]"]
        pos = m.end()
    out.append(text[pos:end])
    line = "".join(out)
    return ("…" if start > 0 else "") + line + ("…" if end < len(text) else "")


def _first_marked(texts: list[str], marks: Marks) -> str:
    for text in texts:
        if text and any(marks.matches(m.group()) for m in _TOKEN.finditer(text)):
            return mark(text, marks)
    return mark(next((t for t in texts if t), ""), marks)


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
