"""Search over everything: each example word of issue 12 finds what it should, and any query
at all gives results or "No matches for ...", never an error."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metanav.content.index import index_for, search
from metanav.content.load import ContentError, load_library
from tui_helpers import bundled_library

LIB = bundled_library()


def found(query: str, **kwargs):
    return search(LIB, query, **kwargs)


def kinds_of(results) -> set[str]:
    return {k for h in results.hits if h.kind == "resource" for k in LIB.resources[h.key].kinds}


def test_espanol_finds_spanish_resources():
    results = found("espanol")
    spanish = [h for h in results.hits if h.kind == "resource"
               and LIB.resources[h.key].language == "es"]
    assert len(spanish) >= 5
    assert any("[español]" in h.snippet.lower() for h in results.hits)


def test_cancer_metastasico_finds_the_accented_title():
    titles = [h.title for h in found("cancer metastasico").hits]
    assert "Cáncer metastásico: cuando el cáncer se disemina" in titles
    assert "[metastásico]" in "".join(h.snippet for h in found("cancer metastasico").hits)


@pytest.mark.parametrize("word", ["phone", "hotline"])
def test_phone_words_find_helplines(word):
    results = found(word, limit=5)
    assert "helpline" in kinds_of(results)
    assert results.hits[0].kind == "resource"


@pytest.mark.parametrize("word", ["insurance", "bills", "bill", "dinero"])
def test_money_words_find_money_help(word):
    # 20: the topics on work and insurance, hospice costs and trial costs talk about money too
    results = found(word, limit=20)
    assert "financial" in kinds_of(results)
    assert any(h.key == "money-worries" for h in results.hits)


def test_talk_to_someone_finds_counselling_and_support_lines():
    # 20, as `metanav search` shows: the headings that say "talk" (its synonym) rank first, as
    # title and heading matches; 10 looked enough only while ranking cut them short.
    results = found("talk to someone", limit=20)
    assert {"emotional-support", "helpline"} <= kinds_of(results)
    assert any("counsel" in h.title.lower() for h in results.hits)


def test_word_forms_find_the_same_things():
    spread = [h.key for h in found("spread").hits]
    assert spread
    assert [h.key for h in found("spreads").hits] == spread
    assert [h.key for h in found("spreading").hits] == spread
    assert [h.key for h in found("bill").hits] == [h.key for h in found("bills").hits]


def test_titles_rank_above_body_text():
    first = found("hospice").hits[0]
    assert "hospice" in first.title.lower()
    assert found("spread").hits[0].title == "Where cancer spreads"


@pytest.mark.parametrize(("typed", "meant", "topic"),
                         [("hospis", "hospice", "hospice"),
                          ("palative", "palliative", "palliative-care")])
def test_typos_in_long_words_still_find(typed, meant, topic):
    results = found(typed)
    assert any(h.kind == "topic" and h.key == topic for h in results.hits)
    assert f"{meant} (you typed {typed})" in results.note
    assert f"[{meant.capitalize()}]" in " ".join(h.snippet for h in results.hits) or \
        f"[{meant}]" in " ".join(h.snippet for h in results.hits)


def test_short_words_are_not_guessed_at():
    assert found("pian").total == 0  # four letters: no typo guessing


def test_no_matches_offers_closest_words_and_help_lines():
    results = found("painn killerz")
    assert results.summary() == 'No matches for "painn killerz".' or results.total
    nothing = found("zzyzx")
    assert nothing.summary() == 'No matches for "zzyzx".'
    assert nothing.help_lines and all("helpline" in r.kinds for r in nothing.help_lines)
    near = found("pai")
    assert near.total == 0 and "pain" in near.closest


def test_a_topic_section_result_names_its_section():
    hit = next(h for h in found("bones").hits if h.kind == "topic" and h.section >= 0)
    topic = LIB.topics[hit.key]
    assert hit.title == topic.sections[hit.section].heading
    assert hit.where == f"Section of {topic.title}"


def test_as_typed_the_last_word_may_be_unfinished():
    assert found("pai").total == 0
    assert any("[pain" in h.snippet.lower() for h in found("pai", as_typed=True).hits)
    assert found("hospi", as_typed=True).total > 0


def test_snippets_are_one_line_and_short():
    for hit in found("care", limit=50).hits:
        assert "\n" not in hit.snippet and len(hit.snippet) <= 80, hit.snippet
        assert "[" in hit.snippet or "care" in hit.title.lower()


HOSTILE = [
    '"', '""', '"spread', 'spread"', "*", "spread*", "NEAR(", "NEAR(pain care)", "OR", "AND",
    "NOT", "a OR b", "-pain", "pain -care", "^pain", "{title}: pain", "title:pain", "(((",
    ")))", "!!!", "...", "?", "qué?", "\x1b[2J\x1b]0;owned\x07pain", "\x9b31mpain", "\x00\x01",
    "x" * 10_000, "pain " * 2_000, "\u202epain", "🙂", "'; DROP TABLE doc; --", "%", "_",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_query_gives_results_or_no_matches(query):
    results = found(query)
    summary = results.summary()
    assert re.match(r'^(No matches for "|\d[\d,]* match(es)? for "|Type words)', summary)
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\u202e]", summary + results.query)
    assert len(results.query) <= 60


def test_a_pasted_escape_sequence_leaves_nothing_behind():
    results = found("\x1b[31mpain\x1b]0;title\x07")
    assert results.query == "pain"
    assert results.total > 0


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.booleans())
def test_fuzz_queries_never_fail(query, as_typed):
    results = found(query, as_typed=as_typed, limit=5)
    assert isinstance(results.summary(), str)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", results.summary())
    index = index_for(LIB)
    index.filter_resources(query)


# -- synonyms are data, checked like all content ----------------------------------------------
def test_bundled_synonyms_are_loaded():
    assert ("hotline",) in LIB.synonyms.finds
    assert ("talk", "to", "someone") in LIB.synonyms.finds


def test_check_data_reports_a_bad_synonyms_file(tmp_path):
    (tmp_path / "synonyms.yaml").write_text(
        "synonyms:\n  - words: [grief]\n    find: []\n  - words: ['!!!']\n    find: [x]\n"
        "  - words: [a]\n    find: [b]\n    extra: 1\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_library([tmp_path], cache=False)
    report = info.value.report()
    assert "synonyms.yaml:3: synonyms[0].find: is empty" in report
    assert "synonyms.yaml:4: synonyms[1].words[0]: expected a word or a few words" in report
    assert "synonyms.yaml:8: synonyms[2].extra: unknown field" in report
    done = subprocess.run([sys.executable, "-m", "metanav", "check-data", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "synonyms.yaml:3: synonyms[0].find" in done.stdout


def test_a_clinic_adds_its_own_synonyms(tmp_path):
    (tmp_path / "synonyms.yaml").write_text(
        "synonyms:\n  - words: [sunflower room]\n    find: [hospice]\n", encoding="utf-8")
    library = load_library([tmp_path], cache=False)
    assert any(h.key == "hospice" for h in search(library, "sunflower room").hits)
    assert search(library, "hotline").total > 0  # the bundled ones still count


# -- the command line ---------------------------------------------------------------------------
def metanav(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "metanav", *args], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(("words", "expect"), [
    (["espanol"], "988 Lifeline en español"),
    (["cancer", "metastasico"], "Cáncer metastásico"),
    (["phone"], "Helpline"), (["hotline"], "Helpline"),
    (["insurance"], "Money help"), (["bills"], "Money help"), (["dinero"], "Money help"),
    (["talk", "to", "someone"], "counseling"),
    (["spreading"], "[spread]"), (["hospis"], "Hospice"), (["palative"], "Palliative"),
])
def test_metanav_search_prints_ranked_results(words, expect):
    done = metanav("search", "--limit", "20", *words)  # many topics talk about money
    assert done.returncode == 0, done.stderr
    assert re.match(r"\d+ match(es)? for ", done.stdout)
    assert expect in done.stdout
    assert "1. " in done.stdout and "\x1b" not in done.stdout


def test_metanav_search_never_echoes_a_raw_one_byte_csi():
    """A query argument that is not UTF-8 (here the byte \x9b, CSI on an 8-bit terminal) is
    echoed back as a replacement character, not as the byte itself."""
    done = subprocess.run([sys.executable, "-m", "metanav", "search", b"\x9b31mred"],
                          capture_output=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert done.returncode == 1, done.stderr
    shown = done.stdout.decode("utf-8")  # strict: a lone \x9b byte is not UTF-8
    assert shown.startswith('No matches for "\ufffd31mred".')


def test_metanav_search_takes_a_word_that_starts_with_a_dash_as_a_word():
    """FTS's "-" (NOT) typed first made argparse refuse the line: "unrecognized arguments"."""
    done = metanav("search", "-pain", "bone")
    assert done.returncode == 0, done.stderr
    assert re.match(r'\d+ match(es)? for "bone -pain"', done.stdout)
    assert "[pain]" in done.stdout.lower() and done.stderr == ""
    typo = metanav("search", "--jsn", "pain")  # a misspelt option is still said to be one
    assert typo.returncode == 2 and "unrecognized arguments: --jsn" in typo.stderr


def test_metanav_search_json_is_one_object_per_line():
    import json

    done = metanav("search", "--json", "--limit", "3", "hospice")
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) == 3
    first = json.loads(lines[0])
    assert set(first) == {"kind", "id", "section", "title", "where", "snippet"}
    assert "[hospice]" in first["snippet"].lower()


def test_metanav_search_with_no_match_says_so_and_offers_help():
    done = metanav("search", "\x1b]0;x\x07zzyzx")
    assert done.returncode == 1
    assert done.stdout.startswith('No matches for "zzyzx".')
    assert "call a help line" in done.stdout and "1-800" in done.stdout
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    quiet = metanav("search", "--json", "zzyzx")
    assert quiet.returncode == 1 and '"kind": "none"' in quiet.stdout
