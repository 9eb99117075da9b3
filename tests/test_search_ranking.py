"""Search results are ranked the same whatever the number shown: the full screen shows 25,
plain mode 15 and `metanav search` 20 (or --limit), and each shows the top of one list.
Title and heading matches come before matches in the text."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata

import pytest

from metanav.content.index import search
from tui_helpers import bundled_library

LIB = bundled_library()
QUERIES = ["cancer", "talk to someone", "pain", "hospice", "money", "bone pain", "espanol"]


def titles(query: str, limit: int) -> list[str]:
    return [f"{h.title} ({h.where})" for h in search(LIB, query, limit=limit).hits]


@pytest.mark.parametrize("query", QUERIES)
def test_the_first_results_do_not_depend_on_how_many_are_shown(query):
    everything = titles(query, 200)
    for limit in (5, 15, 20, 25):
        assert titles(query, limit) == everything[:limit], limit


def test_metanav_search_shows_the_same_first_five_with_any_limit():
    def first_lines(limit: int, *words: str) -> list[str]:
        done = subprocess.run([sys.executable, "-m", "metanav", "search", "--limit", str(limit),
                               *words], capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if re.match(r"[1-5]\. ", line)]

    for words in (["cancer"], ["talk", "to", "someone"]):
        five = first_lines(5, *words)
        assert len(five) == 5 and five == first_lines(25, *words), words
    # The verifier saw a helpline first with --limit 5 and a question with --limit 20.
    assert "(Resource:" not in first_lines(5, "talk", "to", "someone")[0]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold())
                   if not unicodedata.combining(c))


@pytest.mark.parametrize("word", ["cancer", "pain", "hospice"])
def test_title_and_heading_matches_come_before_text_matches(word):
    """A hit whose title (or, for a question, its group's heading) has the word comes before
    every hit that has it only in its text."""
    def has_word(hit) -> bool:
        heading = hit.where if hit.kind == "question" else ""
        return bool(re.search(rf"\b{word}(s|es|ful)?\b", fold(hit.title + " " + heading)))

    named = [has_word(h) for h in search(LIB, word, limit=500).hits]
    assert True in named and False in named, named
    first_unnamed = named.index(False)
    assert True not in named[first_unnamed:], (word, named)


@pytest.mark.parametrize("word", ["cancer", "pain", "hospice", "palliative", "money"])
def test_a_topic_whose_title_has_the_word_comes_before_questions_with_it(word):
    """Questions are short, so BM25 put 'How well has my cancer responded ...?' above the topic
    'What metastatic cancer is'. A person typing a topic's words expects that topic first."""
    hits = search(LIB, word, limit=500).hits
    kinds = ["topic" if h.kind == "topic" and h.section < 0 and word in fold(h.title)
             else "question" if h.kind == "question" and word in fold(h.title) else ""
             for h in hits]
    assert kinds[0] == "topic", [h.title for h in hits[:3]]
    assert kinds.index("question") > max(i for i, k in enumerate(kinds) if k == "topic")
    if word == "cancer":
        assert [h.title for h in hits[:2]] == ["What metastatic cancer is", "Where cancer spreads"]


def test_metanav_search_in_spanish_lists_the_topic_first():
    done = subprocess.run([sys.executable, "-m", "metanav", "--lang", "es", "search", "--limit",
                           "3", "cáncer"], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "1. Qué es el cáncer metastásico (Tema)" in done.stdout.splitlines()
