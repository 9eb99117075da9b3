"""Plain language in Spanish: every Spanish prose field reads as "fácil" or easier.

Scored with the Fernández-Huerta formula: 206.84 minus 60 times syllables per word minus 1.02
times words per sentence. 70 or more is "fácil" (easy); 60-70 is "normal". Sentences are
counted by textstat, each paragraph and bullet being one, as in the English test
(readability_helper.py). Syllables come from pyphen's Spanish dictionary, which pyphen ships,
so nothing is downloaded. textstat's own ``fernandez_huerta`` uses the same dictionary but
never splits off a one-letter syllable at either end of a word ("e-qui-po" counts as two), so
it scores Spanish about six points too easy; we ask pyphen for syllables of one letter too.
No sentence may be longer than 25 words.

The fields are those of data/es/ (see src/metanav/content/translation.py): topic summaries and
section texts, questions and their hints, resource descriptions and hours. A failure names
``file:line: field``.
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import pytest
import yaml

import readability_helper as rh
from metanav.content.load import bundled_data_dir

MIN_FERNANDEZ_HUERTA = 70.0  # "fácil"
MAX_WORDS = 25
ES = bundled_data_dir() / "es"
FILES = sorted((ES / "topics").glob("*.yaml")) + [ES / "questions.yaml", ES / "resources.yaml"]
# Scored with the formula; the short ones (hours, titles) only for sentence length.
SCORED = ("summary", "text", "why", "description")


def _value(mapping: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def _items(mapping: yaml.Node | None, key: str) -> list:
    node = _value(mapping, key)
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def prose(path: Path) -> list[tuple[str, str, yaml.ScalarNode]]:
    """(field, kind, node) for every prose value of one Spanish content file."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str, yaml.Node | None]] = []
    if path.parent.name == "topics":
        found += [(k, k, _value(root, k)) for k in ("title", "group", "summary")]
        for i, section in enumerate(_items(root, "sections")):
            found += [(f"sections[{i}].{k}", k, _value(section, k))
                      for k in ("heading", "applies_to", "text")]
    for i, group in enumerate(_items(root, "groups")):
        found.append((f"groups[{i}].title", "title", _value(group, "title")))
    for key, kinds in (("questions", ("text", "why", "applies_to")),
                       ("resources", ("description", "phone_note"))):
        for item in _items(root, key):
            item_id = getattr(_value(item, "id"), "value", "?")
            found += [(f"{item_id}.{k}", k, _value(item, k)) for k in kinds]
    return [(f, k, n) for f, k, n in found if isinstance(n, yaml.ScalarNode) and n.value.strip()]


def _where(path: Path, node: yaml.ScalarNode) -> str:
    return f"{path.relative_to(ES.parent)}:{node.start_mark.line + 1}"


def scored_fields() -> list:
    params = []
    for path in FILES:
        for field, kind, node in prose(path) if path.is_file() else []:
            if kind in SCORED:
                where = _where(path, node)
                params.append(pytest.param(where, field, node.value, id=f"{where}:{field}"))
    return params


FIELDS = scored_fields()


@pytest.fixture(scope="module")
def spanish_textstat(monkeypatch_module):
    import nltk
    import textstat

    def no_download(*args, **kwargs):
        raise RuntimeError("the Spanish readability test must not download anything")

    monkeypatch_module.setattr(nltk, "download", no_download)
    textstat.set_lang("es")
    yield textstat
    textstat.set_lang("en_US")  # what the English readability test expects


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        yield mp


_WORD = re.compile(r"[^\W_]+")  # letters and digits: "cáncer", "988"


@cache
def _spanish_syllables():
    import pyphen

    return pyphen.Pyphen(lang="es", left=1, right=1)


def syllables(word: str) -> int:
    return len(_spanish_syllables().positions(word.lower())) + 1


def fernandez_huerta(textstat, text: str) -> float:
    """The score of ``text``, rounded to one decimal."""
    text = rh.normalise(text)
    words = _WORD.findall(text)
    if not words:
        return 0.0
    per_word = sum(syllables(w) for w in words) / len(words)
    per_sentence = len(words) / max(1, textstat.sentence_count(text))
    return round(206.84 - 60 * per_word - 1.02 * per_sentence, 1)


def test_every_spanish_file_is_there_and_read():
    assert (ES / "questions.yaml").is_file() and (ES / "resources.yaml").is_file()
    assert len(FILES) >= 3 and all(p.is_file() for p in FILES)
    kinds = {field.rsplit(".", 1)[-1].split("[")[0] for _, field, _ in
             (p.values for p in FIELDS)}
    assert {"summary", "text", "why", "description"} <= kinds


@pytest.mark.parametrize("where, field, text", FIELDS)
def test_spanish_prose_is_easy_to_read(where, field, text, spanish_textstat):
    score = fernandez_huerta(spanish_textstat, text)
    assert score >= MIN_FERNANDEZ_HUERTA, (
        f"{where}: {field}: Fernández-Huerta {score} is below {MIN_FERNANDEZ_HUERTA} "
        f"(\"fácil\"): use shorter sentences and shorter words.\nAs scored:\n"
        f"{rh.normalise(text)}"
    )


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ES.parent)))
def test_no_spanish_sentence_is_longer_than_25_words(path):
    source = path.read_text(encoding="utf-8")
    problems = []
    for field, _, node in prose(path):
        for sentence in rh.sentences(node.value):
            if (count := rh.words(sentence)) > MAX_WORDS:
                line = rh.sentence_line(source, node.start_mark.index, node.end_mark.index,
                                        sentence, node.start_mark.line + 1)
                problems.append(f"{path.relative_to(ES.parent)}:{line}: {field}: "
                                f"{count} words: {sentence}")
    assert not problems, f"{len(problems)} sentence(s) over {MAX_WORDS} words:\n" + "\n".join(
        problems)


def test_the_score_is_offline_and_tells_easy_from_hard(spanish_textstat):
    import nltk

    with pytest.raises(RuntimeError, match="must not download"):
        nltk.download("cmudict")
    assert [syllables(w) for w in ("metastásico", "radioterapia", "equipo", "oligometastásica")] == [
        5, 5, 3, 8]
    # 2 sentences, 12 words, 21 syllables: 206.84 - 60 * 21 / 12 - 1.02 * 6 = 95.7
    assert fernandez_huerta(spanish_textstat, "Su equipo le puede ayudar. Puede hablar del dolor "
                            "en cada cita.") == pytest.approx(95.7, abs=0.1)
    easy = "Su equipo le puede ayudar. Puede hablar del dolor en cada cita."
    hard = ("La administración concomitante de inmunoterapia y quimioterapia citotóxica "
            "requiere una individualización multidisciplinaria considerablemente exhaustiva.")
    assert fernandez_huerta(spanish_textstat, easy) >= MIN_FERNANDEZ_HUERTA
    assert fernandez_huerta(spanish_textstat, hard) < 30


def test_a_hard_field_is_named_with_its_file_line_and_field(tmp_path, monkeypatch):
    topics = tmp_path / "es" / "topics"
    topics.mkdir(parents=True)
    path = topics / "t.yaml"
    long_one = " ".join(["palabra"] * 30) + "."
    path.write_text("id: t\nsummary: Corto.\nsections:\n  - heading: H\n    text: |\n"
                    f"      Una frase corta.\n      {long_one}\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ES", tmp_path / "es")
    fields = {field: (_where(path, node), node.value) for field, _, node in prose(path)}
    assert fields["sections[0].text"][0] == "es/topics/t.yaml:5"
    with pytest.raises(AssertionError, match=r"es/topics/t.yaml:7: sections\[0\].text: 30 words"):
        test_no_spanish_sentence_is_longer_than_25_words(path)


TOPIC_PAIRS = [(ES.parent / "topics" / p.name, p) for p in sorted((ES / "topics").glob("*.yaml"))]


@pytest.mark.parametrize("english, spanish", TOPIC_PAIRS, ids=lambda p: p.name)
def test_a_spanish_topic_has_the_shape_of_its_english_one(english, spanish):
    """Same sections, in the same order, each about the same kind of cancer: a Spanish topic
    left behind when its English one gains or loses a section fails here."""
    en = yaml.safe_load(english.read_text(encoding="utf-8"))
    es = yaml.safe_load(spanish.read_text(encoding="utf-8"))
    assert es["id"] == en["id"], f"{spanish.name} translates '{es['id']}', not '{en['id']}'"
    shape = [bool(s.get("applies_to")) for s in en["sections"]]
    assert [bool(s.get("applies_to")) for s in es["sections"]] == shape, (
        f"es/topics/{spanish.name} has {len(es['sections'])} sections, {english.name} has "
        f"{len(shape)}, or a section's applies_to differs: bring the Spanish in line")
