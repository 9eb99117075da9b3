"""Content in Spanish laid over the English, item by item, and choosing the language."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from metanav import language
from metanav.content.load import ContentError, load_library
from metanav.content.translation import missing, translate

PAIN_ES = """\
    id: pain
    title: El dolor
    summary: El cáncer metastásico puede causar dolor. Su equipo de atención médica puede ayudar.
    sections:
      - heading: Hablar del dolor
        text: |
          Puede hablar del dolor en cualquier cita.

          - dónde le duele
          - qué tan fuerte es
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def english():
    return load_library(cache=False)


def test_a_translated_topic_keeps_its_place_and_links(tmp_path, english):
    write(tmp_path / "es" / "topics" / "pain.yaml", PAIN_ES)
    spanish = translate(english, [tmp_path], "es")
    pain, before = spanish.topics["pain"], english.topics["pain"]
    assert spanish.lang == "es"
    assert pain.title == "El dolor"
    assert pain.sections[0].heading == "Hablar del dolor"
    assert pain.sections[0].blocks[1].items == ("dónde le duele", "qué tan fuerte es")
    assert (pain.order, pain.related_topics, pain.questions, pain.resources) == (
        before.order, before.related_topics, before.questions, before.resources)
    assert pain.sources == before.sources, "no Spanish sources given: the English ones stay"
    assert "pain" not in spanish.untranslated
    assert "topic pain" not in missing(spanish)
    assert "topic hospice" in missing(spanish)
    assert list(spanish.topics) == list(english.topics), "the order people see is kept"
    assert translate(spanish, [tmp_path], "en") == english, "back to English at any time"


def test_questions_groups_and_resources_are_translated(tmp_path, english):
    question_id, question = next(iter(english.questions.items()))
    group_id = question.group
    resource_id = next(iter(english.resources))
    write(tmp_path / "es" / "questions.yaml", f"""\
        groups:
          - id: {group_id}
            title: Sobre mi cáncer
        questions:
          - id: {question_id}
            text: ¿Dónde empezó mi cáncer?
    """)
    write(tmp_path / "es" / "resources.yaml", f"""\
        resources:
          - id: {resource_id}
            description: Una página sobre el dolor.
    """)
    spanish = translate(english, [tmp_path], "es")
    assert spanish.groups[group_id].title == "Sobre mi cáncer"
    assert spanish.questions[question_id].text == "¿Dónde empezó mi cáncer?"
    assert spanish.questions[question_id].why == question.why, "no Spanish hint: English"
    resource = spanish.resources[resource_id]
    assert resource.name == english.resources[resource_id].name
    assert resource.description == "Una página sobre el dolor."


@pytest.mark.parametrize(
    "path, text, words",
    [
        ("es/topics/x.yaml", "id: no-such-topic\ntitle: X\nsummary: X\nsections:\n"
         "  - heading: X\n    text: X\n", "x.yaml:1: id: no topic has the id 'no-such-topic'"),
        ("es/topics/x.yaml", PAIN_ES + "    order: 3\n", "x.yaml:11: order: unknown field"),
        ("es/topics/x.yaml", "id: pain\ntitle: X\n", "x.yaml:1: sections: is missing"),
        ("es/questions.yaml", "questions:\n  - id: Q-NOPE\n    text: X\n",
         "questions.yaml:2: questions[0].id: no question has the id 'Q-NOPE'"),
        ("es/resources.yaml", "resources:\n  - id: R-INFO-01\n", "description: is missing"),
        ("es/resources.yaml", "resources: [[\n", "YAML syntax error"),
    ],
)
def test_a_broken_translation_is_reported_in_words(tmp_path, english, path, text, words):
    write(tmp_path / path, textwrap.dedent(text))
    with pytest.raises(ContentError) as err:
        translate(english, [tmp_path], "es")
    assert words in err.value.report()


@pytest.mark.parametrize(
    "explicit, saved, env, expected",
    [
        ("es", "en", {"METANAV_LANG": "en", "LANG": "en_US.UTF-8"}, "es"),
        (None, "en", {"METANAV_LANG": "es"}, "es"),
        (None, "es", {"LANG": "en_US.UTF-8"}, "es"),
        (None, None, {"LANG": "es_MX.UTF-8"}, "es"),
        (None, None, {"LANG": "fr_FR.UTF-8", "LANGUAGE": "fr:es"}, "es"),
        (None, None, {"LC_ALL": "C", "LANGUAGE": "es"}, "en"),
        (None, None, {"LC_MESSAGES": "es_US.UTF-8", "LANG": "en_US.UTF-8"}, "es"),
        (None, None, {}, "en"),
        (None, "klingon", {"METANAV_LANG": "xx"}, "en"),
    ],
)
def test_the_language_is_chosen_in_order(explicit, saved, env, expected):
    assert language.choose(explicit, saved, env) == expected


def run(*args: str, data: Path, tmp_path: Path, stdin: str = "q\n") -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", ""), "METANAV_STATE_DIR": str(tmp_path / "state"),
           "METANAV_CACHE_DIR": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "metanav", "--data", str(data), *args],
                          input=stdin, capture_output=True, text=True, timeout=60, env=env)


def test_lang_es_shows_the_spanish_words_and_check_data_lists_the_rest(tmp_path):
    clinic = tmp_path / "clinic"
    write(clinic / "es" / "topics" / "pain.yaml", PAIN_ES)
    write(clinic / "resources.yaml", """\
        resources:
          - id: R-CLINIC-01
            name: Clinic desk
            organisation: Our clinic
            kinds: [helpline]
            language: en
            phone: "555-0100"
            description: The front desk.
    """)
    # The home lists groups; pain is in one of them (its number comes from the content, in
    # each language: a topic not yet translated keeps its English group name).
    from metanav.content.load import bundled_data_dir
    from plain_helpers import home_numbers

    english_library = load_library([clinic], cache=False)
    spanish_library = translate(english_library, [bundled_data_dir(), clinic], "es")
    pain_es = home_numbers(spanish_library)["pain"].split("\n")[0]
    spanish = run("--plain", "--lang", "es", data=clinic, tmp_path=tmp_path,
                  stdin=f"{pain_es}\nq\nq\n")
    assert spanish.returncode == 0, spanish.stderr
    assert "El dolor" in spanish.stdout
    pain_en = home_numbers(english_library)["pain"].split("\n")[0]
    english = run("--plain", data=clinic, tmp_path=tmp_path, stdin=f"{pain_en}\nq\nq\n")
    assert "El dolor" not in english.stdout and "Pain" in english.stdout
    checked = run("check-data", str(clinic), data=clinic, tmp_path=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("Content is valid")
    note = checked.stderr
    assert "Note: not yet in Español (es), so shown in English:" in note
    # The bundled content is all in Spanish; the clinic's own resource is not.
    assert "resource R-CLINIC-01" in note and "topic pain" not in note
    # In Spanish, all of it (it said "1: resource R-CLINIC-01").
    es = run("--lang", "es", "check-data", str(clinic), data=clinic, tmp_path=tmp_path).stderr
    assert "se muestra en inglés: 1: recurso R-CLINIC-01." in es, es


def test_a_wrong_lang_is_a_usage_error(tmp_path):
    proc = run("--lang", "fr", data=tmp_path, tmp_path=tmp_path)
    assert proc.returncode == 2
    assert "choose one of: en, es" in proc.stderr
