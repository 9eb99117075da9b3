"""Large content in Spanish searches the index file's Spanish tables from the first key: the
first start after a change (and `metanav build-cache`) indexes every translation the folders
have, so no index is made in memory (it took ~20 s at 100,000 resources). Older, corrupt or
partial index files are built again, or searched in memory, never a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from metanav.content import cache, index
from metanav.content.load import bundled_data_dir, load_library
from metanav.content.search import ResourceFilter, filter_resources
from metanav.content.translation import translate
from metanav.i18n import set_language

SPANISH_TABLES = {"small_es", "doc_es", "words_es", "terms_es", "small_terms_es"}


def _resources_yaml(count: int) -> str:
    lines = ["resources:"]
    for n in range(count):
        lines += [f"  - id: R-T-{n:04d}", f"    name: Support line {n}",
                  "    organisation: Test Cancer Center", "    kinds: [helpline]",
                  "    language: en", f"    url: https://www.example.org/line/{n}",
                  "    description: A test line for the cache tests.", "    topics: []"]
    return "\n".join(lines) + "\n"


SPANISH_LINE = """\
resources:
  - id: R-T-0001
    description: Una línea de prueba con {word}.
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("METANAV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 1000)  # our small folder counts as large
    monkeypatch.setattr(index, "SLOW_BUILD", 0)  # and as too large to index in memory at once
    data = tmp_path / "clinic"
    (data / "es").mkdir(parents=True)
    (data / "resources.yaml").write_text(_resources_yaml(40), encoding="utf-8")
    (data / "es" / "resources.yaml").write_text(SPANISH_LINE.format(word="girasoles"), "utf-8")
    return data


def _index_file(tmp_path: Path) -> Path:
    [path] = (tmp_path / "cache").glob("*.search.sqlite")
    return path


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master")}


def _spanish(folder: Path):
    set_language("es")
    return translate(load_library([folder]), [bundled_data_dir(), folder], "es")


def _no_index_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(library, path=None, *args, **kwargs):
        if path is None:
            raise AssertionError("a search index was made in memory")

    monkeypatch.setattr(index, "build", fail)


def test_a_spanish_search_reads_the_index_file_and_finds_what_the_memory_index_finds(
        folder, tmp_path, monkeypatch, spanish_indexed):
    load_library([folder])  # the first start: the content cache and the index, both languages
    assert SPANISH_TABLES <= _tables(_index_file(tmp_path))
    spanish = _spanish(folder)
    assert index.ready(spanish)  # no "Preparando la búsqueda..." line
    _no_index_in_memory(monkeypatch)
    found = index.search(spanish, "dolor")  # no test resource says dolor: as the bundled ones
    expected = index.search(spanish_indexed, "dolor")
    assert (found.total, [h.title for h in found.hits]) == (
        expected.total, [h.title for h in expected.hits])
    assert found.hits[0].title == "El dolor"
    # The translated description, and the kinds as shown in Spanish ("Línea de ayuda").
    assert [h.key for h in index.search(spanish, "girasoles").hits] == ["R-T-0001"]
    shown = filter_resources(spanish, ResourceFilter("linea de ayuda"))
    assert {"R-T-0000", "R-T-0039"} <= {r.id for r in shown}
    assert index.search(spanish, "sunflowers").total == 0


def test_the_spanish_words_change_with_the_translation_files(folder, tmp_path):
    load_library([folder])
    built = _index_file(tmp_path).stat().st_mtime_ns
    assert index.search(_spanish(folder), "girasoles").total == 1
    (folder / "es" / "resources.yaml").write_text(SPANISH_LINE.format(word="tulipanes"), "utf-8")
    set_language("en")
    load_library([folder])  # the first start after the change builds the index again
    assert _index_file(tmp_path).stat().st_mtime_ns != built
    spanish = _spanish(folder)
    assert index.ready(spanish)
    assert index.search(spanish, "girasoles").total == 0
    assert [h.key for h in index.search(spanish, "tulipanes").hits] == ["R-T-0001"]


def test_an_index_file_of_the_older_format_is_built_again(folder, tmp_path, monkeypatch):
    load_library([folder])
    path = _index_file(tmp_path)
    with sqlite3.connect(path) as db:  # as the last version wrote it: no Spanish tables
        for table in ("small_terms_es", "terms_es", "small_es", "doc_es", "words_es"):
            db.execute(f"DROP TABLE {table}")
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema'")
        db.execute("DELETE FROM meta WHERE key = 'languages'")
    db.close()
    assert not SPANISH_TABLES & _tables(path)
    load_library([folder])
    assert SPANISH_TABLES <= _tables(path)
    spanish = _spanish(folder)
    _no_index_in_memory(monkeypatch)
    assert [h.key for h in index.search(spanish, "girasoles").hits] == ["R-T-0001"]


def test_an_index_file_without_the_spanish_tables_is_searched_in_memory_in_spanish(
        folder, tmp_path, monkeypatch):
    """A translation the file lacks (it had problems when the file was built): Spanish
    indexes in memory on first use, as before, and still finds its words."""
    with monkeypatch.context() as m:
        m.setattr(cache, "translations", lambda library, folders: [])
        load_library([folder])
    assert not SPANISH_TABLES & _tables(_index_file(tmp_path))
    spanish = _spanish(folder)
    assert not index.ready(spanish)  # the search screen says it is preparing
    assert [h.key for h in index.search(spanish, "girasoles").hits] == ["R-T-0001"]
    set_language("en")
    assert index.ready(load_library([folder]))  # English still opens the file


@pytest.mark.parametrize("spoil", ["garbage", "truncated", "empty"])
def test_a_corrupt_index_file_is_built_again(folder, tmp_path, monkeypatch, spoil):
    load_library([folder])
    path = _index_file(tmp_path)
    data = path.read_bytes()
    spoilt = {"garbage": b"not a database " * 300, "truncated": data[: len(data) // 2],
              "empty": b""}[spoil]
    path.write_bytes(spoilt)
    english = load_library([folder])
    assert index.search(english, "support line 7").hits[0].key == "R-T-0007"
    assert path.read_bytes() != spoilt
    spanish = _spanish(folder)
    _no_index_in_memory(monkeypatch)
    assert [h.key for h in index.search(spanish, "girasoles").hits] == ["R-T-0001"]


def test_a_spanish_start_reads_each_topics_order_from_the_index_file(folder, monkeypatch):
    """Crisis lines, then Spanish resources, first in each topic: worked out when the index is
    built, not at every start in Spanish (~150 ms at 100,000 resources); the same order."""
    from metanav.content import resource_table

    folders = [bundled_data_dir(), folder]
    expected = translate(load_library([folder], cache=False), folders, "es")
    load_library([folder])
    warm = load_library([folder])

    def fail(*args, **kwargs):
        raise AssertionError("the order was worked out again at start")

    monkeypatch.setattr(resource_table, "leading", fail)
    spanish = translate(warm, folders, "es")
    assert spanish.topics == expected.topics
    assert spanish.untranslated == expected.untranslated
    assert "R-T-0002" in spanish.untranslated and "R-T-0001" not in spanish.untranslated
