"""Plain language: no sentence in the bundled content is longer than 25 words.

A grade score averages a whole field, so one long sentence can hide among short ones. This
test reads every sentence of every topic text and summary, every question and its "why ask
this" hint, and every resource description, and names each one that is too long with its
file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import readability_helper as rh
from metanav.content.load import bundled_data_dir

MAX_WORDS = 25
DATA = bundled_data_dir()


def _value(mapping: yaml.MappingNode, key: str):
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _items(mapping: yaml.MappingNode | None, key: str) -> list:
    node = _value(mapping, key) if isinstance(mapping, yaml.MappingNode) else None
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def prose_nodes(path: Path) -> list[tuple[str, yaml.ScalarNode]]:
    """(field, node) for every prose value in one content file."""
    root = yaml.compose(path.read_text(encoding="utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return []
    found: list[tuple[str, yaml.Node | None]] = []
    if path.parent.name == "topics":
        found.append(("summary", _value(root, "summary")))
        for i, section in enumerate(_items(root, "sections")):
            if isinstance(section, yaml.MappingNode):
                found.append((f"sections[{i}].text", _value(section, "text")))
    for item in _items(root, "questions"):
        if isinstance(item, yaml.MappingNode):
            qid = getattr(_value(item, "id"), "value", "?")
            found += [(f"{qid}.text", _value(item, "text")), (f"{qid}.why", _value(item, "why"))]
    for item in _items(root, "resources"):
        if isinstance(item, yaml.MappingNode):
            rid = getattr(_value(item, "id"), "value", "?")
            found.append((f"{rid}.description", _value(item, "description")))
    return [(f, n) for f, n in found if isinstance(n, yaml.ScalarNode) and n.value.strip()]


def long_sentences(path: Path, limit: int = MAX_WORDS) -> list[str]:
    """One line per sentence over ``limit`` words: 'file:line: field: N words: sentence'."""
    source = path.read_text(encoding="utf-8")
    name = path.relative_to(path.parents[1] if path.parent.name == "topics" else path.parent)
    problems = []
    for field, node in prose_nodes(path):
        for sentence in rh.sentences(node.value):
            count = rh.words(sentence)
            if count > limit:
                line = rh.sentence_line(
                    source, node.start_mark.index, node.end_mark.index, sentence,
                    node.start_mark.line + 1,
                )
                problems.append(f"{name}:{line}: {field}: {count} words: {sentence}")
    return problems


FILES = sorted((DATA / "topics").glob("*.yaml")) + [DATA / "questions.yaml", DATA / "resources.yaml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_sentence_is_longer_than_25_words(path):
    problems = long_sentences(path)
    assert not problems, (
        f"{len(problems)} sentence(s) over {MAX_WORDS} words; split each into two:\n"
        + "\n".join(problems)
    )


def test_every_kind_of_prose_is_read():
    fields = [f for path in FILES for f, _ in prose_nodes(path)]
    assert any(f == "summary" for f in fields)
    assert any(f.startswith("sections[") for f in fields)
    assert any(f.endswith(".why") for f in fields) and any(f.endswith(".text") for f in fields)
    assert any(f.endswith(".description") for f in fields)


def test_a_long_sentence_is_named_with_its_file_and_line(tmp_path):
    topics = tmp_path / "topics"
    topics.mkdir()
    long_one = " ".join(["word"] * 30) + "."
    path = topics / "t.yaml"
    path.write_text(
        "id: t\n"
        "summary: >-\n"
        "  A short first sentence.\n"
        "sections:\n"
        "  - heading: H\n"
        "    text: |\n"
        "      Short one. Another short one.\n"
        "\n"
        f"      {long_one[:60]}\n"
        f"      {long_one[60:]}\n",
        encoding="utf-8",
    )
    problems = long_sentences(path)
    assert problems == [f"topics/t.yaml:9: sections[0].text: 30 words: {long_one}"]
    assert long_sentences(path, limit=30) == []


def test_sentences_split_after_full_stops_but_not_inside_abbreviations():
    text = "Call 9 a.m. to 5 p.m. on weekdays. Ask why! Is it so?\n- a bullet with no stop\n"
    assert rh.sentences(text) == [
        "Call 9 a.m. to 5 p.m. on weekdays.",
        "Ask why!",
        "Is it so?",
        "a bullet with no stop.",
    ]
    assert rh.words("A one-on-one talk isn't long.") == 5
