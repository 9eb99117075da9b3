"""The screen-reader setting turns on by itself when a console screen reader is clearly there
(metanav/screen_reader_found.py), after --screen-reader, METANAV_SCREEN_READER and the saved
setting. The detector reads a fake /proc and /sys here: each process is a folder with its
``stat`` and ``cmdline``, as Linux has them."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from metanav import screen_reader_found as found_module
from metanav.cli import wants_screen_reader
from metanav.screen_reader_found import screen_reader_found
from metanav.session import Session
from metanav.state.store import Store

ME = 4000  # metanav's pid in the fake /proc
PYTHON = "/usr/bin/python3"


def process(proc: Path, pid: int, ppid: int, *argv: str, comm: str = "") -> None:
    folder = proc / str(pid)
    folder.mkdir(parents=True)
    name = comm or Path(argv[0]).name[:15]
    (folder / "stat").write_text(f"{pid} ({name}) S {ppid} {pid} {pid} 34816 0 0 0\n")
    (folder / "cmdline").write_bytes(b"".join(a.encode() + b"\0" for a in argv))


def tree(tmp_path: Path, *ancestors: tuple[str, ...]) -> Path:
    """A /proc where metanav's parent is ancestors[0], its parent ancestors[1], ... up to init."""
    proc = tmp_path / "proc"
    process(proc, 1, 0, "/sbin/init")
    pids = [ME - 10 * (n + 1) for n in range(len(ancestors))]
    for n, argv in enumerate(ancestors):
        process(proc, pids[n], pids[n + 1] if n + 1 < len(pids) else 1, *argv)
    process(proc, ME, pids[0] if pids else 1, PYTHON, "/usr/bin/metanav")
    return proc


def look(tmp_path: Path, proc: Path, terminal: str = "/dev/pts/3", term: str = "xterm-256color",
         synth: str | None = None) -> str:
    sys_dir = tmp_path / "sys"
    if synth is not None:
        speakup = sys_dir / "accessibility" / "speakup"
        speakup.mkdir(parents=True, exist_ok=True)
        (speakup / "synth").write_text(synth + "\n")
    return screen_reader_found(proc, sys_dir, pid=ME, terminal=terminal, term=term)


BASH = ("/bin/bash",)


# -- Fenrir in its terminal mode: an ancestor ------------------------------------------------
@pytest.mark.parametrize("fenrir", [
    (PYTHON, "/usr/bin/fenrir", "-s", "/etc/fenrir.conf"),  # what the kernel makes of #!
    (PYTHON, "-u", "/opt/fenrir/src/fenrir-daemon"),
    ("/usr/local/bin/fenrir",),
])
def test_fenrir_among_the_ancestors_is_found(tmp_path, fenrir):
    proc = tree(tmp_path, BASH, fenrir, ("/usr/sbin/sshd",))
    assert look(tmp_path, proc) == "Fenrir"


@pytest.mark.parametrize("other", [
    ("/usr/bin/vim", "/usr/bin/fenrir"),  # editing Fenrir is not running it
    (PYTHON, "-m", "pytest", "fenrir"),
    (PYTHON, "/home/ana/fenrir-notes.py"),
    ("/usr/bin/tmux",),
])
def test_other_ancestors_are_not_fenrir(tmp_path, other):
    proc = tree(tmp_path, BASH, other)
    assert look(tmp_path, proc) == ""


def test_only_the_cmdline_counts_not_the_short_name(tmp_path):
    proc = tree(tmp_path, BASH)
    process(proc, 3000, 1, "/usr/bin/less", comm="fenrir")
    (proc / str(ME - 10) / "stat").write_text(f"{ME - 10} (bash) S 3000 1 1 0\n")
    assert look(tmp_path, proc) == ""


def test_fenrir_elsewhere_is_not_enough_in_a_terminal_window(tmp_path):
    """Fenrir for the console runs, but metanav is in an X terminal or over SSH (a pts)."""
    proc = tree(tmp_path, BASH)
    process(proc, 700, 1, PYTHON, "/usr/bin/fenrir-daemon")
    assert look(tmp_path, proc, terminal="/dev/pts/0", term="linux") == ""
    assert look(tmp_path, proc, terminal="/dev/pts/0", term="xterm", synth="soft") == ""


# -- on the Linux console: Fenrir as a service, or Speakup --------------------------------------
def test_fenrir_service_on_the_console_is_found(tmp_path):
    proc = tree(tmp_path, BASH, ("/bin/login", "--"))
    process(proc, 700, 1, PYTHON, "/usr/bin/fenrir-daemon")
    assert look(tmp_path, proc, terminal="/dev/tty2", term="linux") == "Fenrir"
    assert look(tmp_path, proc, terminal="/dev/tty2", term="screen") == ""  # tmux on the console


def test_speakup_with_a_synthesizer_is_found(tmp_path):
    proc = tree(tmp_path, BASH)
    assert look(tmp_path, proc, terminal="/dev/tty1", term="linux", synth="soft") == "Speakup"
    assert look(tmp_path, proc, terminal="/dev/tty1", term="linux", synth="none") == ""


def test_the_console_alone_is_no_screen_reader(tmp_path):
    proc = tree(tmp_path, BASH, ("/bin/login",))
    assert look(tmp_path, proc, terminal="/dev/tty1", term="linux") == ""


# -- never raises, never loops -----------------------------------------------------------------
def test_a_loop_of_parents_ends(tmp_path):
    proc = tmp_path / "proc"
    process(proc, ME, 200, PYTHON, "metanav")
    process(proc, 200, 300, "/bin/sh")
    process(proc, 300, 200, "/bin/sh")
    assert look(tmp_path, proc) == ""


@pytest.mark.parametrize("stat", ["", "garbage", "4000 (a) b) S", "4000 (x) S notanumber 1"])
def test_unreadable_stat_is_no_screen_reader(tmp_path, stat):
    proc = tree(tmp_path, BASH, (PYTHON, "/usr/bin/fenrir"))
    (proc / str(ME) / "stat").write_text(stat)
    assert look(tmp_path, proc) == ""


def test_a_parenthesis_in_the_short_name_is_read_past(tmp_path):
    proc = tree(tmp_path, BASH, (PYTHON, "/usr/bin/fenrir"))
    (proc / str(ME) / "stat").write_text(f"{ME} (meta) nav (x)) S {ME - 10} 1 1\n")
    assert look(tmp_path, proc) == "Fenrir"


def test_no_proc_no_sys_no_terminal(tmp_path):
    assert screen_reader_found(tmp_path / "none", tmp_path / "none", pid=ME) == ""
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert screen_reader_found(a_file, a_file, pid=ME, terminal="", term="linux") == ""


def test_the_real_machine_answers_without_raising():
    assert screen_reader_found() in ("", "Fenrir", "Speakup")


# -- which wins: flag, environment, saved, found -----------------------------------------------
@pytest.fixture
def reader_running(monkeypatch):
    monkeypatch.setattr(found_module, "screen_reader_found", lambda: "Fenrir")


def session(store: Store | None = None, said: bool | None = None) -> Session:
    from tui_helpers import bundled_library

    return Session(library=bundled_library(), store=store or Store.memory(), screen_reader=said)


def said(monkeypatch, flag: bool, env: str | None) -> bool | None:
    if env is None:
        monkeypatch.delenv("METANAV_SCREEN_READER", raising=False)
    else:
        monkeypatch.setenv("METANAV_SCREEN_READER", env)
    return wants_screen_reader(argparse.Namespace(screen_reader=flag))


@pytest.mark.parametrize(("flag", "env", "saved", "expected"), [
    (True, None, False, (True, False)),  # --screen-reader over a saved "off"
    (False, "1", False, (True, False)),
    (False, "0", None, (False, False)),  # METANAV_SCREEN_READER=0 over what was found
    (False, "0", True, (False, False)),
    (False, None, False, (False, False)),  # turned off with Ctrl+S: stays off
    (False, None, True, (True, False)),
    (False, None, None, (True, True)),  # nothing said: found, so on
    (False, "", None, (True, True)),
])
def test_precedence(monkeypatch, reader_running, flag, env, saved, expected):
    store = Store.memory()
    if saved is not None:
        store.set_setting("screen_reader", saved)
    assert session(store, said(monkeypatch, flag, env)).screen_reader_setting() == expected
    assert store.setting("screen_reader") == saved  # what was found is never saved


def test_nothing_found_nothing_said_is_off(monkeypatch):
    monkeypatch.setattr(found_module, "screen_reader_found", lambda: "")
    assert session().screen_reader_setting() == (False, False)


def test_looked_for_once_a_run(monkeypatch):
    calls = []
    monkeypatch.setattr(found_module, "screen_reader_found", lambda: calls.append(1) or "Fenrir")
    run = session()
    for _ in range(3):
        assert run.screen_reader_setting() == (True, True)
    assert calls == [1]
