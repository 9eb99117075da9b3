"""`metanav build-cache` and the kiosk's read-only prebuilt content cache."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from kiosk_pty import PYTHON, Kiosk, clean_env, files_under
from metanav import cli
from metanav.content import load, prebuilt
from metanav.content.load import load_library
from plain_helpers import home_numbers

RESOURCES = """\
resources:
  - id: CLINIC-GROUP-01
    name: Tuesday support group
    organisation: Riverside Cancer Centre
    kinds: [support-group]
    language: en
    phone: 555-010-0199
    description: A weekly group for people living with metastatic cancer.
    topics: [coping-and-support]
"""


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "resources.yaml").write_text(RESOURCES, encoding="utf-8")
    return folder


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
    (clinic / "resources.yaml").write_text(RESOURCES.replace("Tuesday", "Wednesday"), "utf-8")
    assert prebuilt.load([clinic], clinic / "metanav-cache") is None
    code, out = build(capsys, "--check", "--data", str(clinic))
    assert code == 1 and "was built for other content" in out
    # Other content folders do not match either.
    assert prebuilt.load([], clinic / "metanav-cache") is None


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
    (clinic / "resources.yaml").write_text(RESOURCES.replace("coping-and-support", "nope"), "utf-8")
    code, out = build(capsys, "--data", str(clinic))
    assert code == 2
    assert "no topic has the id 'nope'" in out
    assert not (clinic / "metanav-cache" / "library.pickle").exists()


def test_corrupt_resources_part_falls_back_to_the_yaml(clinic, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    path = clinic / "metanav-cache" / "library.pickle"
    library = prebuilt.load([clinic], path.parent)
    assert library is not None
    # Spoil the resources part while the kiosk holds the file open (as a half-copied file).
    with open(path, "r+b") as f:
        f.seek(-20, os.SEEK_END)
        f.write(b"\0" * 20)
    assert library.resources["CLINIC-GROUP-01"].name == "Tuesday support group"


def test_the_resources_are_read_once_when_first_asked_for():
    calls = []

    def fill() -> dict:
        calls.append(1)
        return {"a": 1, "b": 2}

    later = prebuilt.LaterDict(fill)
    assert calls == []
    assert later.get("a") == 1 and "b" in later and later["b"] == 2
    assert list(later) == ["a", "b"] and list(later.values()) == [1, 2]
    assert len(later) == 2 and dict(later) == {"a": 1, "b": 2} and later == {"a": 1, "b": 2}
    assert pickle.loads(pickle.dumps(later)) == {"a": 1, "b": 2}
    assert calls == [1]
    for first_use in (len, list, lambda d: d.items(), lambda d: "a" in d, repr, dict):
        calls.clear()
        assert first_use(prebuilt.LaterDict(fill))
        assert calls == [1]


def test_bundled_data_dir_is_the_loaders():
    assert prebuilt.bundled_data_dir() == load.bundled_data_dir()


@pytest.mark.slow
def test_a_real_kiosk_starts_from_the_prebuilt_cache_and_writes_nothing(clinic, tmp_path, capsys):
    where = tmp_path / "prebuilt"
    ini = tmp_path / "kiosk.ini"
    ini.write_text(f"[kiosk]\npin = 4711\ncache_dir = {where}\n", encoding="utf-8")
    assert build(capsys, "--data", str(clinic), "--kiosk-config", str(ini))[0] == 0
    # Give the cached resource another name (same key): what the kiosk shows says where it read.
    path = where / "library.pickle"
    with open(path, "rb") as f:
        key, head, crisis, resources = (pickle.load(f) for _ in range(4))
    import dataclasses

    resources["CLINIC-GROUP-01"] = dataclasses.replace(
        resources["CLINIC-GROUP-01"], name="Read from the prebuilt cache")
    with open(path, "wb") as f:
        for part in (key, head, crisis, resources):
            pickle.dump(part, f)
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
    assert prebuilt.index_files() == [(library, index_path)]
    before = index_path.stat().st_mtime_ns
    results = index.search(library, "tuesday group")
    assert [hit.title for hit in results.hits][:1] == ["Tuesday support group"]
    assert index_path.stat().st_mtime_ns == before
    assert sorted(p.name for p in index_path.parent.iterdir()) == ["library.pickle", "search.sqlite"]


def test_an_index_for_other_content_is_not_used(clinic, tmp_path, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "resources.yaml").write_text(RESOURCES.replace("Tuesday", "Friday"), "utf-8")
    assert build(capsys, "--data", str(other))[0] == 0
    # The clinic's library with the other folder's index: the index is refused.
    os.replace(other / "metanav-cache" / "search.sqlite", clinic / "metanav-cache" / "search.sqlite")
    library = prebuilt.load([clinic], clinic / "metanav-cache")
    assert library is not None
    assert prebuilt.index_files() == []


def test_a_kiosk_in_spanish_lays_the_translation_over_the_prebuilt_content(clinic, capsys):
    assert build(capsys, "--data", str(clinic))[0] == 0
    args = cli.build_parser().parse_args(["--kiosk", "--data", str(clinic), "--lang", "es"])
    config = kiosk_config()
    library = cli.kiosk_content(args, config)  # the kiosk's loading, alone
    assert library.lang == "es"
    assert "CLINIC-GROUP-01" in library.resources
    args = cli.build_parser().parse_args(["--kiosk", "--data", str(clinic), "--lang", "en"])
    library = cli.kiosk_content(args, config)
    assert isinstance(library.resources, prebuilt.LaterDict)


def test_the_home_screen_reads_no_resource_but_the_crisis_lines(clinic, capsys):
    """The home screen's crisis lines come from the cache's head: the 10,000s of resources are
    read only when something else asks (after the first frame)."""
    from metanav.core import views

    assert build(capsys, "--data", str(clinic))[0] == 0
    library = prebuilt.load([clinic], clinic / "metanav-cache")
    fresh = load_library([clinic], cache=False)
    crisis = views.crisis_lines(library)
    assert crisis == views.crisis_lines(fresh) and crisis
    assert library.resources._fill_from is not None  # noqa: SLF001 - not read yet
    assert len(library.resources) == len(fresh.resources)
    assert views.crisis_lines(library) == crisis


def kiosk_config():
    from metanav.kiosk import KioskConfig

    return KioskConfig()
