"""A query that is itself a listed phrase of a few words ("talk to someone", "hablar con
alguien") finds what the phrase means first: help lines and counselling. "talk" is also one of
that list's words, and the 12 "Talking about ..." headings it finds ranked above them, so plain
mode's 15 results showed one help line (15th) and CancerCare counseling 16th. A word typed on
its own keeps its order: its own matches before its synonyms'."""

from __future__ import annotations

import subprocess
import sys

import pytest

from metanav.content.index import search
from metanav.content.words import meaning, parse_query, stem
from metanav.i18n import set_language
from tui_helpers import bundled_library

COUNSELING = "R-HELP-06"  # CancerCare counseling (consejería)


def first_five(library, query: str) -> list:
    return search(library, query, limit=5).hits


def help_lines(library, hits) -> list[str]:
    return [h.key for h in hits if h.kind == "resource"
            and "helpline" in library.resources[h.key].kinds]


@pytest.mark.parametrize("query", ["talk to someone", "someone to talk to", "need to talk"])
def test_talk_to_someone_has_a_help_line_and_counselling_in_its_first_five(query):
    library = bundled_library()
    hits = first_five(library, query)
    assert help_lines(library, hits), [h.title for h in hits]
    assert COUNSELING in [h.key for h in hits], [h.title for h in hits]


@pytest.mark.parametrize("query", ["phone line", "call line"])
def test_phone_line_lists_help_lines_first(query):
    library = bundled_library()
    assert len(help_lines(library, first_five(library, query))) >= 3


def test_hablar_con_alguien_has_a_help_line_and_counselling_in_its_first_five(spanish_indexed):
    set_language("es")
    try:
        hits = first_five(spanish_indexed, "hablar con alguien")
    finally:
        set_language("en")
    assert help_lines(spanish_indexed, hits), [h.title for h in hits]
    assert COUNSELING in [h.key for h in hits], [h.title for h in hits]


@pytest.mark.parametrize("word", ["talk", "hablar"])
def test_a_word_typed_alone_finds_its_own_matches_first(word, spanish_indexed):
    """'talk' alone still lists the hits that say talk before help lines and counselling."""
    library = spanish_indexed if word == "hablar" else bundled_library()
    set_language("es" if word == "hablar" else "en")
    try:
        hits = first_five(library, word)
    finally:
        set_language("en")
    said = [stem(word, "es" if word == "hablar" else "en") in
            {stem(w, lang) for w in h.title.lower().replace("?", " ").split() for lang in ("en", "es")}
            for h in hits]
    assert all(said), [h.title for h in hits]


@pytest.mark.parametrize("query", ["talk to someone", "phone line", "final days", "need to talk"])
def test_the_first_results_do_not_depend_on_how_many_are_shown(query):
    everything = [h.key + h.where for h in search(bundled_library(), query, limit=200).hits]
    for limit in (5, 15, 25):
        shown = [h.key + h.where for h in search(bundled_library(), query, limit=limit).hits]
        assert shown == everything[:limit], limit


def test_what_a_phrase_means_leaves_out_its_loose_words():
    synonyms = bundled_library().synonyms
    [talk_to_someone] = parse_query("talk to someone", synonyms)
    meant = meaning(talk_to_someone, synonyms)
    assert ("talk",) not in meant and ("counseling",) in meant and ("helpline",) in meant
    [final_days] = parse_query("final days", synonyms)  # a phrase says what it means
    assert meaning(final_days, synonyms) is None
    [talk] = parse_query("talk", synonyms)
    assert meaning(talk, synonyms) is None


def test_metanav_search_talk_to_someone_prints_the_help_lines_in_its_first_five():
    done = subprocess.run([sys.executable, "-m", "metanav", "search", "--limit", "5", "talk",
                           "to", "someone"], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "Cancer helpline (Resource: Helpline" in done.stdout
    assert "CancerCare counseling (Resource: Helpline, Emotional support" in done.stdout
