"""`metanav build-cache` and the kiosk's read-only prebuilt content cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clinic_folder import RESOURCE, make_folder
from kiosk_pty import PYTHON, Kiosk, clean_env, files_under
from metanav import cli
from metanav.content import load, prebuilt
from metanav.content.load import load_library
from metanav.content.resource_table import ResourceTable
from plain_helpers import home_numbers


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return make_folder(tmp_path / "clinic", {"resources.yaml": RESOURCE})


def build(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["build-cache", *args])
    return code, capsys.readouterr().out


def test_build_cache_writes_next_to_the_content_and_a_kiosk_reads_it(clinic, capsys):
    code, out = build(capsys, "--data", str(clinic))
    assert code == 0, out
    path = clinic / "metanav-cache" / "library.pickle"
    assert f"  {path}" in out.splitlines()
    assert path.stat().st_mode & 0o777 == 0o644
    library = prebuilt.load([clinic], clinic / "metanav-cache")
    assert library is not None
    fresh = load_library([clinic], cache=False)
    assert library.topics == fresh.topics and library.questions == fresh.questions
    assert dict(library.resources.items()) == fresh.resources
    assert library.resources["CLINIC-GROUP-01"].name == "Tuesday support group"
    code, out = build(capsys, "--check", "--data", str(clinic))
    assert code == 0 and "A kiosk starts from the prebuilt cache" in out


def test_build_cache_goes_where_kiosk_ini_says(clinic, tmp_path, capsys):
    where = tmp_path / "var-cache-metanav"
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\npin = 4711\ncache_dir = {where}\n", encoding="utf-8")
    code, out = build(capsys, "--data", str(clinic), "--kiosk-config", str(ini))
    assert code == 0, out
    assert (where / "library.pickle").is_file()
    assert not (clinic / "metanav-cache").exists()


def test_kiosk_ini_cache_dir_must_be_a_full_path(tmp_path, capsys):
    ini = tmp_path / "kiosk.ini"
    ini.write_text("[kiosk]\ncache_dir = cache\n", encoding="utf-8")
    assert cli.main(["build-cache", "--kiosk-config", str(ini)]) == 2
    assert "cache_dir: must be a full path" in capsys.readouterr().err


def test_changed_content_is_not_read_from_an_old_cache(clinic, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    (clinic / "resources.yaml").write_text(RESOURCE.replace("Tuesday", "Wednesday"), "utf-8")
    assert prebuilt.load([clinic], clinic / "metanav-cache") is None
    code, out = build(capsys, "--check", "--data", str(clinic))
    assert code == 1 and "was built for other content" in out
    # Other content folders do not match either.
    assert prebuilt.load([], clinic / "metanav-cache") is None


def test_check_says_when_the_search_index_is_from_an_older_metanav(clinic, capsys):
    """After an upgrade the content cache still matches but the index file's format does not:
    the kiosk starts, with every resource in memory. --check says so, and fails."""
    import sqlite3

    assert build(capsys, "--data", str(clinic))[0] == 0
    index_path = clinic / "metanav-cache" / "search.sqlite"
    with sqlite3.connect(index_path) as db:
        db.execute("UPDATE meta SET value = '5' WHERE key = 'schema'")
    db.close()
    code, out = build(capsys, "--check", "--data", str(clinic))
    assert code == 1, out
    assert "reads every resource into memory and makes its search index there" in out
    assert f"{index_path} was built for other content or another metanav" in out
    assert build(capsys, "--data", str(clinic))[0] == 0
    code, out = build(capsys, "--check", "--data", str(clinic))
    assert code == 0 and "A kiosk starts from the prebuilt cache" in out and "but" not in out


def test_a_cache_others_may_change_is_not_unpickled(clinic, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    path = clinic / "metanav-cache" / "library.pickle"
    os.chmod(path, 0o664)
    assert prebuilt.load([clinic], path.parent) is None
    assert "may be changed by others" in prebuilt.why_not([clinic], path.parent)
    os.chmod(path, 0o644)
    os.chmod(path.parent, 0o777)
    assert prebuilt.load([clinic], path.parent) is None
    os.chmod(path.parent, 0o755)
    assert prebuilt.load([clinic], path.parent) is not None


def test_broken_content_builds_nothing(clinic, capsys):
    (clinic / "resources.yaml").write_text(RESOURCE.replace("coping-and-support", "nope"), "utf-8")
    code, out = build(capsys, "--data", str(clinic))
    assert code == 2
    assert "no topic has the id 'nope'" in out
    assert not (clinic / "metanav-cache" / "library.pickle").exists()


@pytest.mark.parametrize("spoil", [b"", b"not a database at all", b"SQLite format 3\0" + b"\1" * 90])
def test_a_spoiled_index_file_falls_back_to_the_cache_file(clinic, capsys, spoil):
    """The resources are read from the index file; a half-copied or foreign index file is not
    used, and the kiosk reads every resource from the cache file instead (search then builds
    its index in memory)."""
    from metanav.content import index

    assert build(capsys, "--data", str(clinic))[0] == 0
    target = clinic / "metanav-cache"
    (target / "search.sqlite").write_bytes(spoil)
    library = prebuilt.load([clinic], target)
    assert library is not None
    assert library.resources["CLINIC-GROUP-01"].name == "Tuesday support group"
    assert index.search(library, "tuesday group").hits[0].title == "Tuesday support group"


def test_bundled_data_dir_is_the_loaders():
    assert prebuilt.bundled_data_dir() == load.bundled_data_dir()


@pytest.mark.slow
def test_a_real_kiosk_starts_from_the_prebuilt_cache_and_writes_nothing(clinic, tmp_path, capsys):
    where = tmp_path / "prebuilt"
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\npin = 4711\ncache_dir = {where}\n", encoding="utf-8")
    assert build(capsys, "--data", str(clinic), "--kiosk-config", str(ini))[0] == 0
    # Give the cached resource another name (same key): what the kiosk shows says where it read.
    import sqlite3

    with sqlite3.connect(where / "search.sqlite") as db:  # the resources' own rows
        db.execute("UPDATE resources SET name = 'Read from the prebuilt cache' "
                   "WHERE id = 'CLINIC-GROUP-01'")
    db.close()
    before = sorted(files_under(tmp_path))
    home, state = tmp_path / "home", tmp_path / "state"
    home.mkdir()
    state.mkdir()
    child = Kiosk([PYTHON, "-I", "-m", "metanav", "--kiosk", "--plain", "--kiosk-config", str(ini),
                   "--data", str(clinic)], clean_env(home, METANAV_STATE_DIR=str(state)), tmp_path)
    try:
        assert child.wait_for("q when you are done")
        resources = home_numbers(load_library([clinic]))["resources"]
        child.send(f"{resources}\r".encode(), settle=1.0)  # Support resources
        child.send(b"q\r", settle=0.5)  # stop paging
        child.send(b"f tuesday\r", settle=1.0)
        assert "Read from the prebuilt cache" in child.text(), child.text()
        child.send(b"\x18\r", settle=0.5)
        child.send(b"4711\r", settle=0.2)
        assert child.wait_exit() == 0
    finally:
        child.close()
    assert sorted(files_under(tmp_path)) == before


def test_build_cache_builds_the_search_index_a_kiosk_opens_read_only(clinic, capsys):
    from metanav.content import index

    code, out = build(capsys, "--data", str(clinic))
    assert code == 0
    index_path = clinic / "metanav-cache" / "search.sqlite"
    assert f"  {index_path}" in out.splitlines()
    assert index_path.stat().st_mode & 0o777 == 0o644
    library = prebuilt.load([clinic], clinic / "metanav-cache")
    assert library.resources.path == index_path  # its resources are read from it
    before = index_path.stat().st_mtime_ns
    results = index.search(library, "tuesday group")
    assert [hit.title for hit in results.hits][:1] == ["Tuesday support group"]
    assert index_path.stat().st_mtime_ns == before
    assert sorted(p.name for p in index_path.parent.iterdir()) == ["library.pickle", "search.sqlite"]


def test_an_index_for_other_content_is_not_used(clinic, tmp_path, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "resources.yaml").write_text(RESOURCE.replace("Tuesday", "Friday"), "utf-8")
    assert build(capsys, "--data", str(other))[0] == 0
    # The clinic's library with the other folder's index: the index is refused.
    os.replace(other / "metanav-cache" / "search.sqlite", clinic / "metanav-cache" / "search.sqlite")
    library = prebuilt.load([clinic], clinic / "metanav-cache")
    assert library is not None
    assert not isinstance(library.resources, ResourceTable)
    assert library.resources["CLINIC-GROUP-01"].name == "Tuesday support group"


def test_a_kiosk_in_spanish_lays_the_translation_over_the_prebuilt_content(clinic, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    args = cli.build_parser().parse_args(["--kiosk", "--data", str(clinic), "--lang", "es"])
    config = kiosk_config()
    library = cli.kiosk_content(args, config, cli.run_language(args, config=config).lang)
    assert library.lang == "es"  # the kiosk's loading, alone
    assert "CLINIC-GROUP-01" in library.resources
    args = cli.build_parser().parse_args(["--kiosk", "--data", str(clinic), "--lang", "en"])
    library = cli.kiosk_content(args, config)
    assert isinstance(library.resources, ResourceTable)


def test_a_kiosk_in_spanish_searches_the_prebuilt_index_with_none_made_in_memory(
        clinic, capsys, monkeypatch):
    """build-cache indexes the Spanish words too: a kiosk in Spanish with large content
    searches at once (it made its index in memory on the first search, ~20 s at 100,000)."""
    import sqlite3

    from metanav.content import index
    from metanav.i18n import set_language

    assert build(capsys, "--data", str(clinic))[0] == 0
    with sqlite3.connect(clinic / "metanav-cache" / "search.sqlite") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    db.close()
    assert {"small_es", "doc_es", "words_es"} <= tables
    monkeypatch.setattr(index, "SLOW_BUILD", 0)  # as if the clinic's folder were large
    set_language("es")
    args = cli.build_parser().parse_args(["--kiosk", "--data", str(clinic), "--lang", "es"])
    config = kiosk_config()
    library = cli.kiosk_content(args, config, cli.run_language(args, config=config).lang)
    assert library.lang == "es" and index.ready(library)

    def in_memory(*args, **kwargs):
        raise AssertionError("a search index was made in memory")

    monkeypatch.setattr(index, "build", in_memory)
    assert index.search(library, "dolor").hits[0].title == "El dolor"
    found = index.search(library, "tuesday grupo")  # its kind as shown in Spanish: Grupo de apoyo
    assert [hit.key for hit in found.hits] == ["CLINIC-GROUP-01"]


def test_the_home_screen_reads_no_resource_but_the_crisis_lines(clinic, capsys, monkeypatch):
    """The home screen's crisis lines and the resource count come from the index file: the
    10,000s of resources are never all unpickled, only read one by one as screens ask."""
    from metanav.content import cache
    from metanav.core import views

    assert build(capsys, "--data", str(clinic))[0] == 0
    real_read = cache.read

    def head_only(path, key, *, resources=True):
        assert not resources, "every resource was unpickled"
        return real_read(path, key, resources=False)

    monkeypatch.setattr(cache, "read", head_only)
    library = prebuilt.load([clinic], clinic / "metanav-cache")
    fresh = load_library([clinic], cache=False)
    crisis = views.crisis_lines(library)
    assert crisis == views.crisis_lines(fresh) and crisis
    assert len(library.resources) == len(fresh.resources)
    assert library.resources["CLINIC-GROUP-01"] == fresh.resources["CLINIC-GROUP-01"]


def kiosk_config():
    from metanav.kiosk import KioskConfig

    return KioskConfig()
