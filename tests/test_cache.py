"""The content cache: used for large folders, stale when a file changes, never trusted blindly."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from metanav.content import cache
from metanav.content import load as load_module
from metanav.content.load import ContentError, load_library


def _resources_yaml(count: int, name: str = "Support line") -> str:
    lines = ["resources:"]
    for n in range(count):
        lines += [
            f"  - id: R-T-{n:04d}",
            f"    name: {name} {n}",
            "    organisation: Test Cancer Center",
            "    kinds: [helpline]",
            "    language: en",
            f"    url: https://www.example.org/line/{n}",
            "    description: A test line for the cache tests.",
            "    topics: []",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("METANAV_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 1000)  # our small folder counts as large
    data = tmp_path / "clinic"
    data.mkdir()
    (data / "resources.yaml").write_text(_resources_yaml(40), encoding="utf-8")
    return data


def _cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("library-*.pickle"))


def _forbid_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("content was read from YAML, not from the cache")

    monkeypatch.setattr(load_module, "_load_folder", fail)


def test_cached_load_is_identical_to_an_uncached_load(folder, tmp_path, monkeypatch):
    uncached = load_library([folder], cache=False)
    first = load_library([folder])
    assert len(_cache_files(tmp_path)) == 1
    with monkeypatch.context() as m:
        _forbid_yaml(m)
        second = load_library([folder])
    assert first == uncached and second == uncached
    assert list(second.resources) == list(uncached.resources)
    from metanav.content.search import ResourceFilter, filter_resources

    flt = ResourceFilter("cancer")
    assert filter_resources(second, flt) == filter_resources(uncached, flt)
    assert len(second.resources) == len(uncached.resources) > 40


def test_small_content_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("METANAV_CACHE_DIR", str(tmp_path / "cache"))
    load_library()
    assert not (tmp_path / "cache").exists()


def test_a_changed_file_makes_the_cache_stale(folder, tmp_path):
    load_library([folder])
    path = folder / "resources.yaml"
    before = path.stat()
    path.write_text(_resources_yaml(40, name="Help line"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    library = load_library([folder])
    assert library.resources["R-T-0000"].name == "Help line 0"
    assert library == load_library([folder], cache=False)


def test_a_new_topic_file_makes_the_cache_stale(folder, tmp_path):
    load_library([folder])
    bundled_topics = load_module.bundled_data_dir() / "topics"
    topic = next(iter(sorted(bundled_topics.glob("*.yaml"))))
    (folder / "topics").mkdir()
    text = topic.read_text(encoding="utf-8").replace("title:", "title: Clinic", 1)
    (folder / "topics" / topic.name).write_text(text, encoding="utf-8")
    library = load_library([folder])
    assert any(t.title.startswith("Clinic") for t in library.topics.values())


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pickle at all", b"\x80\x05\x95garbage", "pickled-other-key", "pickled-non-library"],
)
def test_a_corrupt_or_foreign_cache_is_ignored(folder, tmp_path, garbage):
    expected = load_library([folder])
    (path,) = _cache_files(tmp_path)
    key, _ = cache.fingerprint([load_module.bundled_data_dir(), folder])
    if garbage == "pickled-other-key":
        data = pickle.dumps(("another", "key")) + pickle.dumps(expected)
    elif garbage == "pickled-non-library":
        data = pickle.dumps(key) + pickle.dumps({"resources": {}})
    else:
        data = garbage
    path.write_bytes(data)
    assert load_library([folder]) == expected
    assert cache.read(path, key) == expected  # rewritten with a good copy


def test_an_unwritable_cache_folder_is_not_an_error(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("METANAV_CACHE_DIR", str(blocker / "cache"))
    assert load_library([folder]) == load_library([folder], cache=False)
    assert not list(tmp_path.glob("**/*.tmp"))


def test_bad_content_is_never_cached(folder, tmp_path):
    (folder / "resources.yaml").write_text(
        _resources_yaml(40).replace("language: en", "language: xx"), encoding="utf-8"
    )
    for _ in range(2):
        with pytest.raises(ContentError) as err:
            load_library([folder])
        assert "language" in str(err.value)
    assert _cache_files(tmp_path) == []


def test_a_disk_that_fills_up_while_the_cache_is_written_leaves_nothing_behind(
    folder, tmp_path, monkeypatch
):
    """The pickle streams into a temporary file: a write that fails half-way (ENOSPC) must
    leave neither a cache nor a temporary file, and the content still loads."""
    import errno

    real_dump = cache._Pickler.dump  # noqa: SLF001
    calls = []

    def dump(self, obj):
        calls.append(obj)
        if len(calls) == 2:  # the library: the key is in the file already
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_dump(self, obj)

    monkeypatch.setattr(cache._Pickler, "dump", dump)  # noqa: SLF001
    assert load_library([folder]) == load_library([folder], cache=False)
    assert _cache_files(tmp_path) == []
    assert not list(tmp_path.glob("**/*.tmp"))


def test_large_content_keeps_its_search_index_beside_the_cache(folder, tmp_path):
    from metanav.content import index
    from metanav.content.find import Matches
    from metanav.content.search import ResourceFilter, filter_resources

    first = load_library([folder])
    files = sorted((tmp_path / "cache").glob("*.search.sqlite"))
    assert len(files) == 1
    built = files[0].stat().st_mtime_ns
    second = load_library([folder])
    assert files[0].stat().st_mtime_ns == built  # opened again, not rebuilt
    found = filter_resources(second, ResourceFilter("test line 12"))
    assert isinstance(found, Matches) and [r.id for r in found] == ["R-T-0012"]
    bundled = index.search(load_library(), "test lines").total  # "lines" finds "phone" too
    assert index.search(second, "test lines").total == 40 + bundled
    assert index.search(first, "supprt").note.startswith("Showing matches for support")
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_a_kiosk_load_writes_no_cache_and_no_index(folder, tmp_path):
    from metanav.content import index

    library = load_library([folder], cache=False)
    assert index.search(library, "support line 7").hits[0].key == "R-T-0007"
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())


def test_a_warm_start_reads_resources_from_the_index_file_as_they_are_needed(
    folder, tmp_path, monkeypatch
):
    """At 100,000 resources, unpickling them all before the first frame cost a second and
    ~100 MB. A warm start now unpickles everything but the resources; the home screen's crisis
    lines, the resources list, the filter, one resource and search still show the same."""
    from metanav.content import index
    from metanav.content.resource_table import pick
    from metanav.content.search import ResourceFilter, filter_choices, filter_resources
    from metanav.core import views

    uncached = load_library([folder], cache=False)
    load_library([folder])  # the first start: YAML, then the cache and the index file
    real_read = cache.read

    def head_only(path, key, *, resources=True):
        if resources:
            raise AssertionError("every resource was unpickled before the first frame")
        return real_read(path, key, resources=False)

    with monkeypatch.context() as m:
        _forbid_yaml(m)
        m.setattr(cache, "read", head_only)
        warm = load_library([folder])
    assert [r.name for r in views.crisis_lines(warm)] == [
        r.name for r in views.crisis_lines(uncached)]
    assert warm.summary() == uncached.summary()
    listed = filter_resources(warm, ResourceFilter())
    assert len(listed) == len(uncached.resources)
    assert [r.id for r in listed] == list(uncached.resources)
    assert listed[-1] == uncached.resources["R-T-0039"]
    assert warm.resources["R-T-0007"].name == "Support line 7"
    assert "R-T-0040" not in warm.resources
    assert filter_choices(warm) == filter_choices(uncached)
    found = filter_resources(warm, ResourceFilter("line 12", kind="helpline"))
    assert [r.name for r in found] == ["Support line 12"]
    assert index.search(warm, "support line 12").hits[0].title == "Support line 12"
    for topic in uncached.topics.values():  # a topic page's resources, read in a few queries
        assert pick(warm.resources, topic.resources) == pick(uncached.resources, topic.resources)
    assert pick(warm.resources, ["R-T-0003", "nope", "R-T-0001"]) == [
        uncached.resources["R-T-0003"], uncached.resources["R-T-0001"]]


def test_a_translation_of_large_content_shows_its_words(folder, tmp_path):
    """Spanish over cached content: the translated resources show their Spanish words (the
    crisis lines on the home screen among them), the rest stay as they are."""
    from metanav.content.translation import translate
    from metanav.core import views

    folders = [load_module.bundled_data_dir(), folder]
    expected = translate(load_library([folder], cache=False), folders, "es")
    load_library([folder])
    spanish = translate(load_library([folder]), folders, "es")
    assert [r.name for r in views.crisis_lines(spanish)] == [
        r.name for r in views.crisis_lines(expected)]
    assert dict(spanish.resources) == dict(expected.resources)
    assert spanish.untranslated == expected.untranslated
    assert spanish.topics == expected.topics  # each topic's Spanish resources first, the same
    english = load_library([folder])
    assert [r.description for r in views.crisis_lines(english)] != [
        r.description for r in views.crisis_lines(spanish)]  # the English table is untouched


@pytest.mark.parametrize("words, kind", [("", ""), ("line", ""), ("", "helpline"), ("crisis", "")])
def test_in_spanish_the_spanish_resources_come_first_in_large_content_too(folder, words, kind):
    """The resources list and the filter put resources in Spanish first (issue 16), in the
    same order whether the resources are in memory or read from the index file as needed."""
    from metanav.content.search import ResourceFilter, filter_resources
    from metanav.i18n import set_language

    uncached = load_library([folder], cache=False)
    load_library([folder])
    warm = load_library([folder])
    set_language("es")
    try:
        expected = [r.id for r in filter_resources(uncached, ResourceFilter(words, kind))]
        shown = filter_resources(warm, ResourceFilter(words, kind))
        assert [r.id for r in shown] == expected
        assert [shown[i].id for i in range(len(shown))] == expected
    finally:
        set_language("en")
    languages = [uncached.resources[i].language for i in expected]
    assert "es" in languages and languages == sorted(languages, key=lambda code: code != "es")
