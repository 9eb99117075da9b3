"""Content that cannot be loaded always gives ``file:line: field: what`` and exit 2: never a
traceback, a hang or gigabytes of memory. Odd folders (pipes, devices, dangling links, folders
that cannot be listed) and a fuzz of mutated content files, bounded in time."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metanav import cli
from metanav.content.load import ContentError, load_library
from metanav.content.model import Library

HERE = Path(__file__).parent
VALID = HERE / "broken" / "valid"


def addon(tmp_path: Path, resources: str | None = None) -> Path:
    """A clinic's add-on folder with one resource file."""
    folder = tmp_path / "addon"
    folder.mkdir()
    if resources is not None:
        (folder / "resources.yaml").write_text(resources, encoding="utf-8")
    return folder


def check(folder: Path, capsys) -> tuple[int, str]:
    code = cli.main(["check-data", str(folder)])
    out, err = capsys.readouterr()
    return code, out + err


def check_in_child(folder: Path, seconds: float = 30) -> subprocess.CompletedProcess:
    """check-data in its own process: a hang or a memory blow-up fails the test, nothing more."""
    def limit_memory():  # 1.5 GB of address space is plenty for any real content
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    try:
        return subprocess.run([sys.executable, "-I", "-m", "metanav", "check-data", str(folder)],
                              capture_output=True, text=True, timeout=seconds,
                              preexec_fn=limit_memory, cwd=folder.parent)
    except subprocess.TimeoutExpired:
        pytest.fail(f"check-data of {folder} did not end in {seconds} s")


RESOURCE = """resources:
  - id: R-X
    name: A page
    organisation: An organisation
    kinds: {kinds}
    language: en
    url: https://www.example.org/page
    description: A page about it.
"""


@pytest.mark.parametrize("kinds", ["[[information]]", "[{a: 1}]"])
def test_a_list_or_mapping_among_the_kinds_is_a_problem_not_a_traceback(tmp_path, capsys, kinds):
    code, out = check(addon(tmp_path, RESOURCE.format(kinds=kinds)), capsys)
    assert code == 2, out
    assert "resources.yaml:5: resources[0].kinds[0]: " in out and "is not a kind" in out


BOMB = "defs:\n  x0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  x{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]\n" for n in range(1, 8)
) + RESOURCE.format(kinds="[information]").replace("resources:\n", "resources:\n", 1) + \
    "    topics: [*l7]\n"


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    folder = addon(tmp_path, BOMB)
    assert len(BOMB.encode()) < 1200
    proc = check_in_child(folder)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "resources.yaml:3: yaml: a YAML alias (*name) is not allowed" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_pipe_as_a_content_file_is_reported_not_a_hang(tmp_path):
    folder = addon(tmp_path)
    os.mkfifo(folder / "resources.yaml")
    proc = check_in_child(folder)
    assert proc.returncode == 2
    assert "resources.yaml:0: file: is not a plain file" in proc.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_dev_zero_is_reported_not_read(tmp_path):
    folder = addon(tmp_path)
    (folder / "topics").mkdir()
    (folder / "topics" / "endless.yaml").symlink_to("/dev/zero")
    proc = check_in_child(folder)
    assert proc.returncode == 2
    assert "endless.yaml:0: file: is not a plain file" in proc.stdout


def test_a_dangling_link_is_reported_not_skipped(tmp_path, capsys):
    folder = addon(tmp_path)
    (folder / "resources.yaml").symlink_to(tmp_path / "gone.yaml")
    code, out = check(folder, capsys)
    assert code == 2
    assert "resources.yaml:0: file: is a link to a file that does not exist" in out


def test_topics_that_is_a_file_is_reported(tmp_path, capsys):
    folder = addon(tmp_path, RESOURCE.format(kinds="[information]"))
    (folder / "topics").write_text("not a folder", encoding="utf-8")
    code, out = check(folder, capsys)
    assert code == 2
    assert "topics:0: topics: is not a folder of topic files" in out


def _deny(monkeypatch, folder: Path, *, enter: bool = False) -> None:
    """What chmod 000 (or 111, ``enter=True``) does for a user who is not root (the tests may
    run as root): the folder cannot be listed, and without ``enter`` nothing in it can be
    looked at either."""
    real_listdir, real_stat = os.listdir, Path.stat

    def listdir(path="."):
        if str(path) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_listdir(path)

    def stat(self, *args, **kwargs):
        if not enter and str(self.parent) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(Path, "stat", stat)


def test_a_data_folder_that_cannot_be_entered_is_a_problem_not_a_traceback(tmp_path, capsys,
                                                                             monkeypatch):
    folder = addon(tmp_path, RESOURCE.format(kinds="[information]"))
    _deny(monkeypatch, folder)
    code, out = check(folder, capsys)
    assert code == 2, out
    assert "Permission denied" in out and "Traceback" not in out
    # And at start-up with --data, the same words and exit 2.
    code = cli.main(["--data", str(folder), "--plain"])
    assert code == 2
    assert "Permission denied" in capsys.readouterr().err


def test_an_unreadable_topics_folder_is_reported_not_dropped(tmp_path, capsys, monkeypatch):
    folder = addon(tmp_path, RESOURCE.format(kinds="[information]"))
    (folder / "topics").mkdir()
    shutil.copy(VALID / "topics" / "x.yaml", folder / "topics" / "x.yaml")
    _deny(monkeypatch, folder / "topics")
    code, out = check(folder, capsys)
    assert code == 2, out
    assert "topics:0: topics: cannot be read (Permission denied)" in out


def test_a_folder_that_can_be_entered_but_not_listed_is_reported(tmp_path, capsys, monkeypatch):
    folder = addon(tmp_path, RESOURCE.format(kinds="[information]"))
    _deny(monkeypatch, folder, enter=True)  # chmod 111: files open by name, no listing
    code, out = check(folder, capsys)
    assert code == 2, out
    assert "addon:0: folder: cannot be read (Permission denied)" in out


def test_file_names_in_reports_are_cleaned(tmp_path, capsys):
    folder = addon(tmp_path)
    (folder / "topics").mkdir()
    (folder / "topics" / "\x1b]0;PWNED\x07.yaml").write_text("title: [\n", encoding="utf-8")
    code, out = check(folder, capsys)
    assert code == 2
    assert "\x1b" not in out and "\x07" not in out
    assert "PWNED" in out


# -- fuzzing: mutated content files, bounded in time -----------------------------------------
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(),
                    st.text(max_size=30))
_VALUE = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12)
FIELDS = ["id", "name", "organisation", "kinds", "language", "url", "phone", "phone_note",
          "description", "topics", "crisis", "nonsense"]


def _yaml(value) -> str:
    import json

    return json.dumps(value, default=str)  # JSON is YAML (flow style)


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(st.sampled_from(FIELDS), _VALUE, max_size=8),
    st.sampled_from(["resources", "questions", "topic"]),
    st.binary(max_size=8), st.integers(0, 400),
)
def test_fuzzed_content_gives_problems_never_a_traceback(tmp_path_factory, fields, where, noise, at):
    folder = tmp_path_factory.mktemp("fuzz")
    base = (VALID / ("topics/x.yaml" if where == "topic" else f"{where}.yaml")).read_text()
    extra = "".join(f"    {key}: {_yaml(value)}\n" for key, value in fields.items())
    if where == "topic":
        text = base + "".join(f"{key}: {_yaml(value)}\n" for key, value in fields.items())
        (folder / "topics").mkdir()
        target = folder / "topics" / "fuzz.yaml"
    else:
        text = base.rstrip("\n") + "\n" + extra.replace("    ", "    ", 1)
        target = folder / f"{where}.yaml"
    data = text.encode("utf-8", "surrogatepass")
    at = min(at, len(data))
    target.write_bytes(data[:at] + noise + data[at:])
    try:
        result = load_library([folder], cache=False)
    except ContentError as exc:
        assert exc.problems and all(":" in str(p) for p in exc.problems)
    else:
        assert isinstance(result, Library)
