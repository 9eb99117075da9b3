"""Issue 15: quiet on the wire. The mouse is left to the terminal unless asked for (so text can
be selected as in any program), and an idle app wakes for nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk_pty import HOME_TITLE, PYTHON, Kiosk, clean_env

MOUSE_ON = b"\x1b[?1000h"  # button reporting; Textual adds all-motion (1003) and SGR (1006)


def start(tmp_path, *args: str, **env: str) -> Kiosk:
    app = Kiosk([PYTHON, "-m", "metanav", *args],
                clean_env(tmp_path, METANAV_STATE_DIR=str(tmp_path / "state"), **env), tmp_path)
    assert app.wait_for(HOME_TITLE), app.text()
    app.pump(0.5)
    return app


@pytest.mark.slow
def test_the_mouse_is_the_terminals_unless_asked_for(tmp_path):
    app = start(tmp_path)
    try:
        # The terminal is never asked to report clicks or moves: a drag selects text.
        for mode in (b"1000", b"1002", b"1003", b"1006", b"1015"):
            assert b"\x1b[?" + mode + b"h" not in app.raw
    finally:
        app.close()


@pytest.mark.slow
@pytest.mark.parametrize(("args", "env"), [(("--mouse",), {}), ((), {"METANAV_MOUSE": "1"})])
def test_mouse_reporting_when_asked_for(tmp_path, args, env):
    app = start(tmp_path, *args, **env)
    try:
        assert MOUSE_ON in app.raw
    finally:
        app.close()


def wakeups(pid: int) -> int:
    """How many times the process's threads have woken from a wait so far."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            for line in (task / "status").read_text().splitlines():
                if line.startswith("voluntary_ctxt_switches:"):
                    total += int(line.split()[1])
        except OSError:  # a thread that just ended
            pass
    return total


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("args", [(), ("--kiosk",)], ids=["app", "kiosk"])
def test_an_idle_screen_wakes_for_nothing(tmp_path, args):
    """No polling, no timer: Textual's key reader woke ten times a second, and the kiosk's
    clock once a second before anyone had pressed a key."""
    app = start(tmp_path, *args)
    try:
        app.pump(1.0)  # start-up's last work (after the first frame) is done
        before = wakeups(app.pid)
        app.pump(3.0)
        woke = wakeups(app.pid) - before
        assert woke <= 3, f"{woke} wake-ups in 3 s of nothing"
        # Keys still arrive, and a lone Escape still counts as a key when nothing follows.
        app.send(b"\r", settle=1.0)
        assert HOME_TITLE not in app.text()
        app.send(b"\x1b", settle=1.0)
        assert HOME_TITLE in app.text()
    finally:
        app.close()


@pytest.mark.slow
def test_colours_are_reset_when_the_app_ends(tmp_path):
    """Frames leave the terminal's colours set for the next frame; on the way out they are
    reset, so the shell prompt after metanav is in the terminal's own colours."""
    app = start(tmp_path)
    try:
        app.send(b"\x1b[B", settle=0.5)
        app.send(b"q", settle=0.5)  # home's q asks first
        app.send(b"y", settle=0.2)
        assert app.wait_exit() == 0
        before_leaving = bytes(app.raw[:app.raw.rindex(b"\x1b[?1049l")])
        colours = re.findall(rb"\x1b\[[0-9;]*m", before_leaving)
        assert colours[-1] == b"\x1b[m", colours[-3:]
    finally:
        app.close()


@pytest.mark.slow
def test_back_from_a_suspend_the_whole_screen_is_sent_again(tmp_path):
    """Ctrl+Z (SIGTSTP) and fg: the terminal showed the shell meanwhile, so the screen the
    renderer remembers is not what it shows; everything is sent again, and keys still work."""
    import os
    import signal

    app = start(tmp_path)
    try:
        mark = len(app.raw)
        os.kill(app.pid, signal.SIGTSTP)
        app.pump(1.0)
        os.kill(app.pid, signal.SIGCONT)
        app.pump(2.0)
        assert HOME_TITLE.encode() in bytes(app.raw[mark:])
        app.send(b"\r", settle=1.0)
        assert app.alive() and HOME_TITLE not in app.text()
    finally:
        app.close()
