"""The resources filter: words (through the search engine), kind and language, combined."""

from __future__ import annotations

import pytest

from metanav.content.search import ResourceFilter, filter_resources
from tui_helpers import bundled_library

LIB = bundled_library()
RESOURCES = list(LIB.resources.values())


def names(flt: ResourceFilter) -> list[str]:
    return [r.name for r in filter_resources(LIB, flt)]


def kinds(flt: ResourceFilter) -> set[str]:
    return {k for r in filter_resources(LIB, flt) for k in r.kinds}


def test_no_filter_is_every_resource_in_order():
    assert filter_resources(LIB, ResourceFilter()) == RESOURCES
    assert filter_resources(LIB, ResourceFilter("   ")) == RESOURCES


def test_espanol_and_accents_need_not_be_typed():
    spanish = [r for r in RESOURCES if r.language == "es"]
    assert filter_resources(LIB, ResourceFilter("espanol")) == spanish
    assert "Cáncer metastásico: cuando el cáncer se disemina" in names(ResourceFilter("cancer metastasico"))


@pytest.mark.parametrize("words", ["phone", "hotline", "telefono", "llamar"])
def test_phone_words_find_helplines(words):
    assert "helpline" in kinds(ResourceFilter(words))


@pytest.mark.parametrize("words", ["insurance", "bills", "dinero"])
def test_money_words_find_money_help(words):
    assert "financial" in kinds(ResourceFilter(words))


def test_talk_to_someone_finds_counselling_and_support_lines():
    found = kinds(ResourceFilter("talk to someone"))
    assert {"emotional-support", "helpline"} <= found


def test_the_last_word_may_be_unfinished_as_it_is_typed():
    for typed in ("he", "hel", "help", "helpl", "helpline"):
        assert "helpline" in kinds(ResourceFilter(typed)), typed


def test_words_kind_and_language_combine():
    both = filter_resources(LIB, ResourceFilter("cancer", "helpline", "es"))
    assert both
    assert all("helpline" in r.kinds and r.language == "es" for r in both)
    only_kind = filter_resources(LIB, ResourceFilter("", "helpline"))
    assert only_kind == [r for r in RESOURCES if "helpline" in r.kinds]
    only_language = filter_resources(LIB, ResourceFilter("", "", "es"))
    assert only_language == [r for r in RESOURCES if r.language == "es"]
    kind_words = filter_resources(LIB, ResourceFilter("cancer", "helpline"))
    assert set(map(id, both)) <= set(map(id, kind_words)) <= set(map(id, only_kind))


def test_results_keep_the_list_order():
    found = filter_resources(LIB, ResourceFilter("cancer"))
    order = [r.id for r in RESOURCES]
    assert [r.id for r in found] == sorted((r.id for r in found), key=order.index)


@pytest.mark.parametrize("words", ['"', "NEAR(", "OR", "-", "*", "qué?", "\x1b[2J", "x" * 10_000,
                                   "zzyzx"])
def test_any_words_filter_without_error(words):
    found = filter_resources(LIB, ResourceFilter(words, "helpline"))
    assert all("helpline" in r.kinds for r in found)


def test_describe_echoes_typed_words_safely():
    flt = ResourceFilter("\x1b]0;owned\x07spanish " + "x" * 200)
    text = flt.describe()
    assert "\x1b" not in text and "\x07" not in text and len(text) < 80
