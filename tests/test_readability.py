"""Plain language: every prose field of the bundled content is at or below US grade 8.

Scored with textstat 0.7.13 (Flesch-Kincaid), offline: see readability_helper.py. Each field
is its own test, so a failure names the file and the field. Spanish resources are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import readability_helper as rh
from metanav.content.load import bundled_data_dir

MAX_GRADE = 8.0
DATA = bundled_data_dir()


def _load(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return exc


def _english(item: dict) -> bool:
    return str(item.get("language", "en")).lower() == "en"


def prose_fields() -> list:
    """(label, text) for every prose field, as pytest params named 'file:field'."""
    params = []

    def add(file: str, field: str, text) -> None:
        if isinstance(text, str) and text.strip():
            params.append(pytest.param(text, id=f"{file}:{field}"))

    for path in sorted((DATA / "topics").glob("*.yaml")):
        name = f"topics/{path.name}"
        topic = _load(path)
        if not isinstance(topic, dict):
            params.append(pytest.param(None, id=f"{name}:unreadable"))
            continue
        add(name, "summary", topic.get("summary"))
        for i, section in enumerate(topic.get("sections") or []):
            if isinstance(section, dict):
                add(name, f"sections[{i}].text", section.get("text"))
    questions = _load(DATA / "questions.yaml")
    for item in questions.get("questions") or [] if isinstance(questions, dict) else []:
        if isinstance(item, dict) and _english(item):
            qid = item.get("id", "?")
            add("questions.yaml", f"{qid}.text", item.get("text"))
            add("questions.yaml", f"{qid}.why", item.get("why"))
    resources = _load(DATA / "resources.yaml")
    for item in resources.get("resources") or [] if isinstance(resources, dict) else []:
        if isinstance(item, dict) and _english(item):
            add("resources.yaml", f"{item.get('id', '?')}.description", item.get("description"))
    return params


FIELDS = prose_fields()
TOPIC_FILES = sorted((DATA / "topics").glob("*.yaml"))


@pytest.fixture(scope="session")
def offline_textstat(request, tmp_path_factory):
    cache = getattr(request.config, "cache", None)
    root = cache.mkdir("nltk_data") if cache is not None else tmp_path_factory.mktemp("nltk")
    import nltk

    real_download = nltk.download
    rh.prepare_offline(Path(root))
    yield
    nltk.download = real_download


def test_there_is_content_to_score():
    ids = [p.id for p in FIELDS]
    assert len(TOPIC_FILES) >= 15
    assert sum(i.endswith(":summary") for i in ids) == len(TOPIC_FILES)
    assert any(i.startswith("questions.yaml:") and i.endswith(".why") for i in ids)
    assert any(i.startswith("resources.yaml:") for i in ids)


@pytest.mark.parametrize("text", FIELDS)
def test_prose_is_at_most_grade_8(text, offline_textstat):
    assert text is not None, "the file could not be read as YAML"
    grade = rh.fk_grade(text)
    assert grade <= MAX_GRADE, (
        f"Flesch-Kincaid grade {grade} is above {MAX_GRADE}: use shorter sentences and "
        f"shorter words.\nAs scored:\n{rh.normalise(text)}"
    )


def test_scoring_is_offline_and_uses_the_cmu_dictionary(offline_textstat):
    import nltk
    import textstat

    with pytest.raises(RuntimeError, match="must not download"):
        nltk.download("cmudict")
    assert nltk.corpus.cmudict.dict()["metastatic"][0][-1] == "K"
    assert textstat.syllable_count("metastatic") == 4
    assert textstat.syllable_count("hospice") == 2
    # 6 words, 6 syllables, 1 sentence: 0.39*6 + 11.8*1 - 15.59 = -1.45
    assert rh.fk_grade("The cat sat on the mat.") == pytest.approx(-1.4, abs=0.1)
    assert rh.fk_grade(
        "Metastatic malignancies necessitate individualized multidisciplinary "
        "therapeutic considerations."
    ) > MAX_GRADE


def test_bullets_and_paragraphs_become_sentences():
    text = (
        "Cancer can spread to:\n"
        "- the liver\n"
        "- the lungs and\n"
        "  the bones\n"
        "\n"
        "Read more at https://www.cancer.gov/types/metastatic-cancer today\n"
        "with your family.\n"
    )
    assert rh.sentence_units(text) == [
        "Cancer can spread to.",
        "the liver.",
        "the lungs and the bones.",
        "Read more at today with your family.",
    ]
    assert rh.normalise("- \n\n") == ""


@pytest.mark.parametrize("path", TOPIC_FILES, ids=lambda p: f"topics/{p.name}")
def test_every_topic_names_a_source_organisation(path):
    topic = _load(path)
    assert isinstance(topic, dict), f"{path.name} could not be read as YAML"
    sources = topic.get("sources") or []
    organisations = [
        s.get("organisation", "").strip() for s in sources if isinstance(s, dict)
    ]
    named = [o for o in organisations if sum(c.isalpha() for c in o) >= 3]
    assert named, f"{path.name} names no organisation its facts came from"
    assert len(named) == len(sources), f"{path.name} has a source without an organisation"
