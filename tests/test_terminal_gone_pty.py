"""When the terminal goes away, metanav ends, even if the hang-up signal never comes (a wrapper
that ignores SIGHUP, a closed tmux pane); without a terminal on stdin it never spins.

The terminal is a real pty; "gone" is its other end closed. Times are printed, not asserted
tightly (the machine is shared): the bound is only there so a spinning app fails the test.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

import pytest

from kiosk_pty import HOME_TITLE, PYTHON, Kiosk, clean_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty"),
]

# Started through a Python that ignores SIGHUP: an ignored signal stays ignored across exec.
NO_HANGUP = ["-c", "import os, signal, sys; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
             "os.execv(sys.argv[1], sys.argv[1:])"]
FACES = {
    "tui": ([], HOME_TITLE),
    "tui kiosk": (["--kiosk"], HOME_TITLE),
    "plain": (["--plain"], "q to quit"),
    "plain kiosk": (["--kiosk", "--plain"], "q when you are done"),
}


def _folders(tmp_path: Path):
    home, state, cwd = tmp_path / "home", tmp_path / "state", tmp_path / "cwd"
    for folder in (home, state, cwd):
        folder.mkdir(exist_ok=True)
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\npin = 4711\n", encoding="utf-8")
    return home, state, cwd, config


@pytest.mark.parametrize("face", list(FACES))
def test_the_app_ends_when_its_terminal_goes_away(tmp_path, face):
    home, state, cwd, config = _folders(tmp_path)
    args, ready = FACES[face]
    if "--kiosk" in args:
        args = [*args, "--kiosk-config", str(config)]
    argv = [PYTHON, *NO_HANGUP, PYTHON, "-I", "-m", "metanav", *args]
    child = Kiosk(argv, clean_env(home, METANAV_STATE_DIR=str(state)), cwd)
    try:
        assert child.wait_for(ready), child.text()
        child.pump(0.5)
        os.close(child.fd)  # the window closes; no SIGHUP reaches metanav
        gone = time.monotonic()
        while time.monotonic() - gone < 10 and child.alive():
            time.sleep(0.02)
        took = time.monotonic() - gone
        print(f"{face}: ended {took:.2f} s after the terminal went away")
        assert not child.alive(), f"{face} still running {took:.0f} s after its terminal went away"
    finally:
        child.fd = os.open(os.devnull, os.O_RDONLY)  # close() closes it
        child.close()


def _readable(fd: int) -> bool:
    return bool(select.select([fd], [], [], 0.05)[0])


def _run_without_terminal_input(tmp_path: Path, stdin, *args: str) -> tuple[int, str]:
    """metanav with output on a terminal and ``stdin`` as given: exit code and output (bounded
    to 20 s: an app that spins is killed and fails)."""
    home, state, cwd, _config = _folders(tmp_path)
    master, slave = pty.openpty()
    close_stdin = stdin == "closed"
    proc = subprocess.Popen(
        [PYTHON, "-I", "-m", "metanav", *args],
        stdin=subprocess.DEVNULL if close_stdin else stdin, stdout=slave, stderr=slave,
        env=clean_env(home, METANAV_STATE_DIR=str(state)), cwd=cwd,
        preexec_fn=(lambda: os.close(0)) if close_stdin else None,
    )
    os.close(slave)
    out = bytearray()
    end = time.monotonic() + 20
    while time.monotonic() < end and proc.poll() is None:
        if _readable(master):
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    while _readable(master):
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    os.close(master)
    return proc.returncode, out.decode("utf-8", "replace")


@pytest.mark.parametrize("args", [[], ["--kiosk"]], ids=["app", "kiosk"])
def test_stdin_from_dev_null_gives_plain_mode_not_a_spinning_screen(tmp_path, args):
    with open(os.devnull, "rb") as null:
        code, out = _run_without_terminal_input(tmp_path, null, *args)
    assert code == 0, out
    assert "Traceback" not in out
    assert "metanav: Home" in out  # plain mode's words, not the full-screen app's
    assert "\x1b[?1049h" not in out  # the full-screen app never started


@pytest.mark.parametrize("args", [[], ["--kiosk"]], ids=["app", "kiosk"])
def test_stdin_closed_says_so_in_words(tmp_path, args):
    code, out = _run_without_terminal_input(tmp_path, "closed", *args)
    assert "Traceback" not in out, out
    assert code == 1, out
    assert "no keyboard input" in out, out
