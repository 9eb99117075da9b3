"""In Spanish, a topic's Spanish resources come first, right after the crisis lines (issue 16).

The crisis lines lead wherever resources are listed (issue 11); in Spanish, "988 Lifeline en
español" leads them. English keeps the order the topic files give.
"""

from __future__ import annotations

import pytest

from metanav.content.load import bundled_data_dir, load_library
from metanav.content.translation import translate
from plain_helpers import home_numbers, run_plain


@pytest.fixture(scope="module")
def libraries():
    english = load_library(cache=False)
    return english, translate(english, [bundled_data_dir()], "es")


def rank(library, resource_id):
    r = library.resources[resource_id]
    return (not r.crisis, r.language != "es")


def test_every_spanish_topic_lists_crisis_lines_then_spanish_resources_first(libraries):
    english, spanish = libraries
    for topic in spanish.topics.values():
        ranks = [rank(spanish, rid) for rid in topic.resources]
        assert ranks == sorted(ranks), f"{topic.id}: {topic.resources}"
        assert sorted(topic.resources) == sorted(english.topics[topic.id].resources)
    for topic in english.topics.values():
        crisis = [english.resources[rid].crisis for rid in topic.resources]
        assert crisis == sorted(crisis, reverse=True), f"{topic.id}: crisis lines first"


def support_lines(out: str, heading: str) -> list[str]:
    part = out.split(f"{heading}:\n", 1)[1].split("\n\n", 1)[0]
    return [line for line in part.splitlines() if line[:1].isdigit()]


def test_a_spanish_reader_sees_the_spanish_lines_first_on_coping(tmp_path, libraries):
    english, spanish = libraries
    es = run_plain(tmp_path, [*home_numbers(spanish)["coping-and-support"].split("\n"), "q", "q"],
                   "--lang", "es")
    lines = support_lines(es.out, "Recursos de apoyo")
    assert "988 Lifeline en español" in lines[0]
    assert lines[1].endswith(" 988 Lifeline")  # the English line (plain lists names alone)
    assert "Vivir con una enfermedad metastásica" in lines[2]
    en = run_plain(tmp_path, [*home_numbers(english)["coping-and-support"].split("\n"), "q", "q"])
    lines = support_lines(en.out, "Support resources")
    assert lines[0].endswith(" 988 Lifeline") and "988 Lifeline en español" in lines[1]
    assert "Vivir con una enfermedad metastásica" not in lines[2]


def test_the_spanish_home_lists_the_spanish_crisis_line_first(tmp_path):
    es = run_plain(tmp_path, ["q"], "--lang", "es")
    urgent = es.out.split("Obtener ayuda ya:\n", 1)[1].split("Temas:", 1)[0]
    assert urgent.index("988 Lifeline en español") < urgent.index("988 Lifeline:")
    en = run_plain(tmp_path, ["q"])
    urgent = en.out.split("Get help now:\n", 1)[1].split("Topics:", 1)[0]
    assert urgent.index("988 Lifeline:") < urgent.index("988 Lifeline en español")
