"""The event-driven YAML reader gives exactly what the full loader gives, or steps aside."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from metanav.content.fastyaml import FALLBACK, load_fast
from metanav.content.yaml_file import LDict, LList, _BaseLoader, _LineLoader

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests" / "broken").rglob("*.yaml"))


def fast(text: str):
    return load_fast(text, _BaseLoader, LDict, LList)


def same(a, b, path="$"):
    assert type(a) is type(b), path
    if isinstance(a, dict):
        assert list(a) == list(b), path
        assert (a.line, a.key_lines, a.duplicates) == (b.line, b.key_lines, b.duplicates), path
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list):
        assert (a.line, a.item_lines) == (b.line, b.item_lines), path
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{path}[{index}]")
    else:
        assert a == b, path


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_data_and_lines_as_the_full_loader(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    got = fast(text)
    if got is FALLBACK:
        return  # the full loader reads it (and words its errors)
    same(got, yaml.load(text, Loader=_LineLoader))  # noqa: S506 - a safe loader


def test_bundled_content_takes_the_fast_path():
    for path in sorted((ROOT / "data").rglob("*.yaml")):
        assert fast(path.read_text(encoding="utf-8")) is not FALLBACK, path


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!int 3\n",  # explicit tags
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [\n",  # a syntax error
        "a: !!int ten\n",  # a value that will not construct
        "[" * 200 + "]" * 200 + "\n",  # very deep nesting
        "? [1, 2]\n: x\n",  # a list as a key
    ],
)
def test_unusual_yaml_falls_back(text):
    assert fast(text) is FALLBACK


def test_duplicates_and_lines():
    data = fast("a: 1\nb:\n  - x\n  - y\na: 2\n")
    assert data == {"a": 2, "b": ["x", "y"]}
    assert data.key_lines == {"a": 5, "b": 2}
    assert data.duplicates == [("a", 5)]
    assert data["b"].item_lines == [3, 4]
    assert fast("reviewed: 2026-11-24\n")["reviewed"] == "2026-11-24"  # dates stay text
