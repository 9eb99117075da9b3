"""Spanish topics name Spanish-language pages of the same facts where they exist (issue 16).

A Spanish topic's ``sources`` replace the English list when given (content/translation.py), so
a Spanish topic that names a Spanish page must also keep every English source, or the reader
loses where the other facts came from. The Spanish pages come first: they are the ones a
Spanish reader can open. Where no Spanish page of the same facts was found, the topic keeps the
English sources only; those topics are listed here, so adding a page later is a one-line change.
"""

from __future__ import annotations

import pytest

from metanav.content.load import bundled_data_dir, load_library
from metanav.content.model import Source
from metanav.content.translation import translate
from plain_helpers import home_numbers, run_plain

# Searched for at NCI (cancer.gov/espanol), Cancer.Net en Español, the American Cancer Society
# (cancer.org/es), MedlinePlus en español, NCCIH and OncoLink; no Spanish page of the same
# facts found (searched again on 7 December 2026). living-well now names ACS's "Cansancio" and
# local-treatment Breastcancer.org's "Cáncer de mama (seno) oligometastásico".
NO_SPANISH_PAGE_FOUND = {"surgery"}

# English pages whose Spanish version stands in their place (the same page, in Spanish).
REPLACED_BY_THEIR_SPANISH_PAGE = {
    "https://www.cancer.net/navigating-cancer-care/how-cancer-treated/"
    "when-call-doctor-during-cancer-treatment",
}


def is_spanish(source: Source) -> bool:
    return (any(part in source.url for part in ("/es/", "/espanol", "/spanish/"))
            or "en español" in source.organisation.lower())


@pytest.fixture(scope="module")
def libraries():
    english = load_library(cache=False)
    return english, translate(english, [bundled_data_dir()], "es")


def test_every_spanish_topic_names_a_spanish_page_unless_none_was_found(libraries):
    _, spanish = libraries
    without = sorted(t.id for t in spanish.topics.values()
                     if not any(is_spanish(s) for s in t.sources))
    assert without == sorted(NO_SPANISH_PAGE_FOUND), (
        "Spanish topics with no Spanish-language source (add one, or list the topic in "
        f"NO_SPANISH_PAGE_FOUND if none exists): {without}")


def test_spanish_pages_come_first_and_every_english_source_stays(libraries):
    english, spanish = libraries
    problems = []
    for topic in spanish.topics.values():
        kinds = [is_spanish(s) for s in topic.sources]
        if kinds != sorted(kinds, reverse=True):
            problems.append(f"{topic.id}: a Spanish page comes after an English one")
        kept = {(s.organisation, s.page, s.url) for s in topic.sources}
        for source in english.topics[topic.id].sources:
            if source.url in REPLACED_BY_THEIR_SPANISH_PAGE:
                continue
            if (source.organisation, source.page, source.url) not in kept:
                problems.append(f"{topic.id}: lost the English source {source.page!r}")
    assert not problems, "\n".join(problems)


def test_a_spanish_reader_sees_the_spanish_page_first_under_sources(tmp_path, libraries):
    _, spanish = libraries
    run = run_plain(tmp_path, [*home_numbers(spanish)["hospice"].split("\n"), "q", "q"],
                    "--lang", "es")
    # The sources are the list under the last heading before "Texto revisado ...".
    lines = run.out.split("Texto revisado", 1)[0].splitlines()
    heading = max(i for i, line in enumerate(lines) if line.endswith(":") and line[:1] != " ")
    first, *others = [line for line in lines[heading + 1:] if line.startswith("- ")]
    assert first.startswith("- Instituto Nacional del Cáncer (NCI): \"Opciones cuando no es")
    assert any("Medicare Rights Center" in line for line in others), "English sources stay"
