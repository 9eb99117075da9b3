"""NO_COLOR means no colour codes at all (no-color.org), and the highlight still shows.

Run as a real process in a pty: every SGR sequence the terminal receives is read, and none may
set a colour, not even grey; the highlighted item is in reverse video instead.
"""

from __future__ import annotations

import re
import sys

import pytest

from kiosk_pty import HOME_TITLE, Kiosk, clean_env
from plain_helpers import home_numbers, library

# SGR parameters that set a colour: 30-39, 40-49, 90-97, 100-107 (38/48 start 256/true colour).
COLOUR = {*range(30, 50), *range(90, 98), *range(100, 108)}
SGR = re.compile(rb"\x1b\[([0-9;:]*)m")


def colour_codes(raw: bytes) -> list[bytes]:
    found = []
    for match in SGR.finditer(raw):
        params = [p for p in re.split(rb"[;:]", match.group(1)) if p]
        if any(int(p) in COLOUR for p in params):
            found.append(match.group(0))
    return found


@pytest.mark.slow
def test_no_color_sends_no_colour_and_the_highlight_is_reverse_video(tmp_path):
    env = clean_env(tmp_path, NO_COLOR="1", METANAV_STATE_DIR=str(tmp_path / "state"),
                    TEXTUAL_ANIMATIONS="none")
    app = Kiosk([sys.executable, "-m", "metanav"], env, tmp_path)
    try:
        assert app.wait_for(HOME_TITLE), app.text()
        app.send(b"\x1b[B", settle=0.6)  # Down: the highlight moves to topic 2
        row = next(y for y, line in enumerate(app.screen.display) if "2. " in line)
        cells = [app.screen.buffer[row][x] for x in range(3, 20)]
        assert all(cell.reverse for cell in cells), "the highlighted item stands out"
        app.send(b"\r", settle=1.0)  # open it
        app.send(b"\x1b", settle=1.0)  # and back
        app.send(str(home_numbers(library())["resources"]).encode(), settle=1.0)
        app.send(b"\r", settle=1.0)  # Support resources, with its filter box
        assert "Support resources" in app.text()
        assert colour_codes(bytes(app.raw)) == []
    finally:
        app.close()


def test_the_colour_check_would_see_grey():
    """The check itself: Textual's grey filter sends codes like these."""
    assert colour_codes(b"\x1b[1;38;5;254;48;5;233mx\x1b[0m") != []
    assert colour_codes(b"\x1b[1;7mx\x1b[0m\x1b[4m") == []
