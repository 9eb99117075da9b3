"""The full screen turns its screen-reader setting on when a screen reader is found, and says
so once, in words, on the status line the reader reads (metanav/screen_reader_found.py).

The last tests start metanav for real under a parent process called fenrir, in a pty, as
Fenrir's terminal mode does, and read the emulated screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pyte
import pytest

from metanav import screen_reader_found as found_module
from metanav.kiosk import KioskConfig
from metanav.screen_reader_found import FOUND
from metanav.tui.app import MetanavApp
from test_kiosk_tui import PIN, wait_for
from tui_helpers import make_app, make_session, screen_text, status

SIZE = (80, 24)


@pytest.fixture
def reader_running(monkeypatch):
    monkeypatch.setattr(found_module, "screen_reader_found", lambda: "Fenrir")


async def test_found_turns_it_on_and_says_so_once(tmp_path, reader_running):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen_reader
        assert status(app) == FOUND
        assert "█" not in screen_text(app)
        await pilot.press("enter")  # a group of topics
        await pilot.pause()
        assert status(app) != FOUND
        await pilot.press("backspace")  # home again: not said again
        await pilot.pause()
        assert FOUND not in screen_text(app)
    assert app.session.store.setting("screen_reader") is None  # not saved as the person's


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_all_of_it_fits_at_40_columns(tmp_path, reader_running, lang):
    """The status line has two rows: "Ctrl+S turns it off" must not be the part cut off."""
    from metanav.i18n import _, set_language

    set_language(lang)
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        assert "Ctrl+S" in _(FOUND)
        assert " ".join(_(FOUND).split()) in " ".join(screen_text(app).split())


async def test_turned_off_with_ctrl_s_stays_off_next_time(tmp_path, reader_running):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not app.screen_reader
    assert app.session.store.setting("screen_reader") is False
    again = make_app(tmp_path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not again.screen_reader
        assert FOUND not in screen_text(again)


async def test_said_or_saved_settings_are_not_announced(tmp_path, reader_running):
    for app in (make_app(tmp_path, screen_reader=True), make_app(None, screen_reader=False)):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert FOUND not in screen_text(app)


async def test_nothing_found_nothing_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(found_module, "screen_reader_found", lambda: "")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen_reader
        assert FOUND not in screen_text(app)


async def test_a_first_run_says_it_on_the_language_choice(tmp_path, reader_running):
    from metanav.content.load import bundled_data_dir

    app = make_app(tmp_path, folders=(bundled_data_dir(),), ask_language=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "English" in screen_text(app) and status(app) == FOUND
        await pilot.press("e")
        await pilot.pause(0.3)
        assert app.screen_reader and FOUND not in screen_text(app)


async def test_a_kiosk_keeps_it_through_every_reset(reader_running):
    config = KioskConfig(pin_hash=f"plain${PIN}", idle_seconds=60, countdown_seconds=10)
    session = make_session(None, kiosk=True, kiosk_config=config, policy=config.policy())
    app = MetanavApp(session, kiosk_tick=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen_reader and status(app) == FOUND
        await pilot.press("ctrl+s")  # a visitor turns it off...
        await pilot.pause()
        assert not app.screen_reader
        await pilot.press("f10", "y")  # ...and the next person has it again
        await wait_for(pilot, lambda: app.kiosk.resets == 1)
        await pilot.pause()
        assert app.screen_reader


# -- for real: metanav in the terminal of a program called fenrir ------------------------------
FAKE_FENRIR = """\
#!{python}
# Stands in for Fenrir's terminal mode: metanav in a pty of its own, the bytes kept.
import fcntl, os, pty, select, signal, struct, sys, termios, time
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.execv(sys.executable, [sys.executable, "-m", "metanav"])
# Until the key bar (the last row: "q Quit") has come and a second passed with nothing more.
got, last, end = b"", time.monotonic(), time.monotonic() + 40
while time.monotonic() < end and (b"Quit" not in got or time.monotonic() - last < 1.0):
    if select.select([fd], [], [], 0.1)[0]:
        try:
            got += os.read(fd, 65536)
        except OSError:
            break
        last = time.monotonic()
os.kill(pid, signal.SIGKILL)
os.waitpid(pid, 0)
sys.stdout.buffer.write(got)
"""


def screen_under(tmp_path: Path, name: str) -> str:
    """The first screen of metanav started by a program at <tmp>/bin/<name>."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    program = bin_dir / name
    program.write_text(textwrap.dedent(FAKE_FENRIR).format(python=sys.executable))
    program.chmod(0o755)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color",
           "METANAV_STATE_DIR": str(tmp_path / name), "METANAV_LANG": "en",
           "TEXTUAL_ANIMATIONS": "none", "HOME": str(tmp_path)}
    out = subprocess.run([str(program)], env=env, capture_output=True, timeout=60, check=False)
    screen = pyte.Screen(80, 24)
    pyte.ByteStream(screen).feed(out.stdout)
    return "\n".join(screen.display)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("env"),
                    reason="reads /proc")
def test_under_a_program_called_fenrir_the_screen_reads_well(tmp_path):
    heard = screen_under(tmp_path, "fenrir")
    assert FOUND in " ".join(heard.split())  # (at 80 columns on one or two lines)
    assert "█" not in heard
    other = screen_under(tmp_path, "terminal")  # the same program by another name
    assert FOUND not in " ".join(other.split())
    assert "█" in other  # the focus bar a reader hears as noise
