"""The command line: --version, --help, check-data on the bundled content, export."""

from __future__ import annotations

import argparse
import datetime as _dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_folder import RESOURCE, make_folder
from metanav import __version__, cli
from metanav.content.load import bundled_data_dir, load_library
from metanav.state.mylist import my_list, render_lines
from metanav.state.store import Store
from metanav_process import run_module

REPO = Path(__file__).resolve().parents[1]


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"metanav {__version__}\n"


def test_help_mentions_every_mode_and_command(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert text.startswith("usage: metanav")
    assert "plain-language information about metastatic cancer" in text
    for word in ("--plain", "--kiosk", "--data DIR", "--version", "--theme", "check-data",
                 "export", "METANAV_STATE_DIR", "TERM=dumb"):
        assert word in text, word


def test_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        cli.main(["--no-such-option"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "usage: metanav" in err and "--no-such-option" in err


def test_python_dash_m_metanav_version(tmp_path):
    proc = run_module("--version", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout == f"metanav {__version__}\n"
    assert proc.stderr == ""


def test_plain_mode_is_chosen_for_pipes_and_dumb_terminals(monkeypatch):
    args = argparse.Namespace(plain=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # not a terminal
    assert cli.want_plain(args) is True
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # input not a terminal: plain mode too
    assert cli.want_plain(args) is True
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    assert cli.want_plain(args) is False
    monkeypatch.setenv("TERM", "dumb")
    assert cli.want_plain(args) is True
    monkeypatch.setenv("TERM", "xterm")
    assert cli.want_plain(argparse.Namespace(plain=True)) is True


# --------------------------------------------------------------------------------------------
# check-data on the bundled content
# --------------------------------------------------------------------------------------------
def bundled_summary_line() -> str:
    topics = len(list((bundled_data_dir() / "topics").glob("*.yaml")))
    assert topics >= 15, "the bundled content should have about 15 topics"
    return f"Content is valid: {topics} topics, "


def test_bundled_content_is_where_the_checkout_keeps_it():
    assert bundled_data_dir() == REPO / "data"


def test_check_data_on_bundled_content(capsys):
    code = cli.main(["check-data"])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(bundled_summary_line())
    assert lines[0].endswith(" resources.")


def test_check_data_on_the_data_folder_by_name(capsys):
    assert cli.main(["check-data", str(REPO / "data")]) == 0
    assert capsys.readouterr().out.startswith(bundled_summary_line())


def test_check_data_as_a_real_process(tmp_path):
    proc = run_module("check-data", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith(bundled_summary_line())
    assert proc.stdout.count("\n") == 1
    # At most a note of what is not yet in Spanish; never an error.
    assert all(line.startswith("Note: not yet in") for line in proc.stderr.splitlines())


# --------------------------------------------------------------------------------------------
# export
# --------------------------------------------------------------------------------------------
@pytest.fixture
def chosen(state_dir) -> list[str]:
    """Two bundled questions chosen (the second marked asked, with a note), saved to disk."""
    library = load_library()
    first, second = list(library.questions)[:2]
    store = Store.open(state_dir)
    store.set_chosen(first, True)
    store.set_top(second, True)
    store.set_asked(second, True)
    store.set_note(second, "Ask again next visit.")
    return [library.questions[second].text, library.questions[first].text]


def expected_list(state_dir: Path) -> list[str]:
    return render_lines(my_list(load_library(), Store.open(state_dir)))


def test_export_to_the_screen(chosen, state_dir, export_dir, capsys):
    assert cli.main(["export", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines == expected_list(state_dir)
    assert lines[0] == "Questions for my doctor"
    flat = " ".join(out.split())  # long questions wrap at 80 columns
    assert f"Most important: 1. Asked: {chosen[0]} Answer: Ask again next visit." in flat
    assert f"Other questions: 2. {chosen[1]}" in flat
    assert all(len(line) <= 80 for line in lines)
    assert err == ""
    assert list(export_dir.iterdir()) == []


def test_export_to_a_file_says_where(chosen, state_dir, export_dir, capsys):
    assert cli.main(["export"]) == 0
    out = capsys.readouterr().out
    path = export_dir / f"metanav-questions-{_dt.date.today().isoformat()}.txt"
    assert out == f"Saved your questions list to {path}\n"
    assert path.read_text(encoding="utf-8").splitlines() == expected_list(state_dir)
    # A second export does not overwrite the first.
    assert cli.main(["export"]) == 0
    assert capsys.readouterr().out.endswith("-2.txt\n")
    assert len(list(export_dir.iterdir())) == 2


def test_export_to_a_named_file(chosen, state_dir, tmp_path, capsys):
    target = tmp_path / "for-dr-lee.txt"
    assert cli.main(["export", "--output", str(target)]) == 0
    assert capsys.readouterr().out == f"Saved your questions list to {target}\n"
    assert target.read_text(encoding="utf-8").splitlines() == expected_list(state_dir)


def test_export_never_replaces_a_file_unless_asked(chosen, state_dir, tmp_path, capsys):
    target = tmp_path / "for-dr-lee.txt"
    target.write_text("my own notes\n", encoding="utf-8")
    assert cli.main(["export", "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "already exists, so nothing was written" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    assert cli.main(["export", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").splitlines() == expected_list(state_dir)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="this system has no /dev/full")
@pytest.mark.parametrize("args", [["--plain"], ["export", "-o", "-"], ["check-data"]])
def test_a_full_standard_output_is_said_in_words(args, state_dir, tmp_path):
    env = {**os.environ, "METANAV_STATE_DIR": str(state_dir)}
    env.pop("PYTHONPATH", None)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "metanav", *args], cwd=tmp_path, env=env,
                              stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr == ("metanav: could not write to standard output: "
                           "No space left on device.\n")


def test_export_to_a_folder_that_does_not_exist(chosen, tmp_path, capsys):
    target = tmp_path / "no" / "such" / "folder" / "list.txt"
    assert cli.main(["export", "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "Could not write the list: No such file or directory.\n"
    assert not target.parent.exists()


def test_export_with_damaged_state_tells_and_carries_on(state_dir, capsys):
    (state_dir / "state.json").write_bytes(b"\x00\x01 not json")
    assert cli.main(["export", "-o", "-"]) == 0
    out, err = capsys.readouterr()
    assert "No questions chosen yet." in out.splitlines()
    assert "Your saved lists were damaged and could not be read" in err
    assert len(list(state_dir.glob("state.json.corrupt-*"))) == 1


def test_export_as_a_real_process(chosen, state_dir, tmp_path):
    proc = run_module("export", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == expected_list(state_dir)
    assert "\x1b" not in proc.stdout


def test_check_data_on_a_clinic_add_on_folder(tmp_path, capsys):
    """A folder with only resources.yaml is checked the way --data uses it."""
    clinic = make_folder(tmp_path / "clinic", {"resources.yaml": RESOURCE})
    assert cli.main(["check-data", str(clinic)]) == 0
    out = capsys.readouterr().out
    assert "Content is valid (with the bundled content)" in out
    (clinic / "resources.yaml").write_text(
        (clinic / "resources.yaml").read_text().replace("coping-and-support", "no-such-topic"),
        encoding="utf-8",
    )
    assert cli.main(["check-data", str(clinic)]) == 2
    out = capsys.readouterr().out
    assert "resources.yaml:9: resources[0].topics[0]: no topic has the id 'no-such-topic'" in out
