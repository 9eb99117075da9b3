"""What a screen reader gets from the full-screen face through a real terminal (issue 13): the
bytes of a Down rewrite only the highlight, no cell has colours or bold with the setting, and an
opened topic writes its title first with the cursor on its text. metanav runs on a pty, read
through pyte, as Fenrir's terminal reads it. (In-process tests: test_screen_reader.py.)
"""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import time

import pyte
import pytest

from tui_helpers import bundled_library


# -- the full screen through a real terminal: the bytes of a Down -----------------------------
def _run(tmp_path, keys: list[bytes], args: tuple[str, ...] = (), look=None,
         lnm: bool = False, reads: list | None = None,
         ) -> list[tuple[list[str], tuple[int, int], bytes]]:
    """metanav at 80x24 on a pty through pyte: (screen, cursor, bytes) after each key.
    ``look(screen)``, if given, is called after the first frame and after each key. ``lnm``:
    the terminal takes a line feed as a new line, as Fenrir's does. ``reads`` gets, for each
    key, a list of (bytes, cursor row) per read from the terminal, as a screen reader sees
    them arrive."""
    screen = pyte.Screen(80, 24)
    if lnm:
        screen.set_mode(pyte.modes.LNM)
    stream = pyte.ByteStream(screen)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "linux",
               "METANAV_STATE_DIR": str(tmp_path), "TEXTUAL_ANIMATIONS": "none",
               "METANAV_LANG": "en"}  # home first, not a first run's language choice
        os.execve(sys.executable, [sys.executable, "-m", "metanav", *args], env)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def drain(quiet: float) -> bytes:
        got, last, end = b"", time.monotonic(), time.monotonic() + 15
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                got += data
                stream.feed(data)
                if reads:
                    reads[-1].append((data, screen.cursor.y))
                last = time.monotonic()
            elif time.monotonic() - last > quiet:
                break
        return got

    shots = []
    try:
        end = time.monotonic() + 20
        while time.monotonic() < end and not any("Help" in line for line in screen.display[-1:]):
            drain(0.5)  # until the first frame, key bar and all, is there
        drain(1.0)
        shots.append((list(screen.display), (screen.cursor.x, screen.cursor.y), b""))
        if look:
            look(screen, None)
        for key in keys:
            if reads is not None:
                reads.append([])
            os.write(fd, key)
            data = drain(0.5)
            shots.append((list(screen.display), (screen.cursor.x, screen.cursor.y), data))
            if look:
                look(screen, key)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return shots


@pytest.mark.slow
def test_a_down_through_the_terminal_rewrites_only_the_highlight(tmp_path):
    down = b"\x1b[B"
    shots = _run(tmp_path, [down, down])
    (start, cursor0, _), (one, cursor1, _), (two, cursor2, sent) = shots
    def row(lines, y):
        return lines[y].strip("\u2588 ")  # the focus bar of the focused list

    assert row(start, cursor0[1]).startswith("1. ")
    assert one == start and two == start  # no row's text changed
    assert cursor0[1] < cursor1[1] < cursor2[1]
    third = row(two, cursor2[1])
    assert third.startswith("3. ")
    # What was sent: the row left and the new row, nothing else with words in it.
    text = sent.decode("utf-8", "replace")
    assert third in text
    for other in (row(start, cursor0[1]), start[0].strip(), start[-1].strip()):
        assert other not in text


DOWN, ENTER, BACK = b"\x1b[B", b"\r", b"\x7f"


@pytest.mark.slow
def test_with_the_setting_no_cell_has_colours_or_bold_for_a_reader_to_announce(tmp_path):
    """Fenrir says "has attribute" whenever the colours under its cursor change (the study
    counted ~10): with the setting, every cell is in the terminal's own colours, so the
    focus is shown by the terminal's cursor alone. Through a terminal that takes a line feed
    as a new line (LNM), as Fenrir's own does, so what it reads is what is on the screen."""
    from plain_helpers import home_numbers

    questions = str(home_numbers(bundled_library())["questions"]).encode()
    seen: list[str] = []

    def look(screen, key):
        styled = {(x, y) for y in range(24) for x, c in screen.buffer[y].items()
                  if (c.fg, c.bg, c.bold, c.reverse, c.underscore) != ("default", "default",
                                                                     False, False, False)}
        assert not styled, (key, sorted(styled)[:5])
        seen.append(screen.display[screen.cursor.y])

    _run(tmp_path, [DOWN, DOWN, DOWN, ENTER, ENTER, DOWN, BACK, BACK, questions, ENTER, DOWN],
         args=("--screen-reader",), look=look, lnm=True)
    assert seen[1].strip().startswith("2. ")  # Down: the cursor's line is the new item
    assert seen[-1].strip().startswith("2. Not picked: ")  # the questions, read right


@pytest.mark.slow
def test_opening_a_topic_writes_its_title_first_with_the_cursor_already_on_its_text(tmp_path):
    """A reader speaks a new screen's text in screen order, title first, unless the cursor
    then moves on its own: then it stops and reads the cursor's line. So the cursor goes to
    the text in the same write as the screen, and no write after it moves it alone."""
    reads: list = []
    shots = _run(tmp_path, [ENTER], args=("--screen-reader",), reads=reads)
    screen, (x, y), sent = shots[-1]
    title = screen[0].strip()
    text = sent.decode("utf-8", "replace")
    assert title and text.index(title) < text.index(screen[y].strip()[:30])
    assert y > 0 and screen[y].strip()  # the cursor on the first line of the text
    first = next(i for i, (data, _) in enumerate(reads[0]) if title.encode() in data)
    assert {row for _, row in reads[0][first:]} == {y}
