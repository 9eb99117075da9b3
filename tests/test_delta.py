"""Sending only changed cells: unit tests of the shadow, and a real pty run through a
terminal emulator (pyte) proving the screen a person sees is the same as with full redraws."""

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
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from metanav.tui.delta import Shadow, cells_of
from metanav.tui.textual_internals import LayoutUpdate
from plain_helpers import home_numbers, library

CONSOLE = Console(color_system="256", force_terminal=True, width=10)
RED = Style(color="red")


def layout(lines: list[list[Segment]], y: int = 0) -> LayoutUpdate:
    width = max(sum(len(s.text) for s in line) for line in lines)
    return LayoutUpdate([[Strip(line)] for line in lines], Region(0, y, width, len(lines)))


def test_first_frame_is_sent_then_identical_frame_costs_nothing():
    shadow = Shadow()
    shadow.resize(10, 2)
    update = layout([[Segment("hello     ")], [Segment("world     ")]])
    first = shadow.diff(update, CONSOLE)
    assert "hello" in first and "world" in first
    assert shadow.diff(update, CONSOLE) == ""


def test_only_the_changed_run_is_sent():
    shadow = Shadow()
    shadow.resize(10, 1)
    shadow.diff(layout([[Segment("aaaaaaaaaa")]]), CONSOLE)
    out = shadow.diff(layout([[Segment("aaaaaXaaaa")]]), CONSOLE)
    assert out.startswith("\x1b[1;6H")
    assert "X" in out and "a" not in out.replace("\x1b[1;6H", "")


def test_style_change_alone_is_sent():
    shadow = Shadow()
    shadow.resize(4, 1)
    shadow.diff(layout([[Segment("abcd")]]), CONSOLE)
    out = shadow.diff(layout([[Segment("ab"), Segment("cd", RED)]]), CONSOLE)
    assert out.startswith("\x1b[1;3H") and "cd" in out


def test_wide_characters_are_never_split():
    cells = cells_of([Segment("a\u4e2db")])
    assert [c[0] for c in cells] == ["a", "\u4e2d", "", "b"]
    shadow = Shadow()
    shadow.resize(4, 1)
    shadow.diff(layout([[Segment("a\u4e2db")]]), CONSOLE)
    out = shadow.diff(layout([[Segment("a\u4e8cb")]]), CONSOLE)
    assert out.startswith("\x1b[1;2H") and "\u4e8c" in out


def test_invalidate_sends_everything_again():
    shadow = Shadow()
    shadow.resize(5, 1)
    update = layout([[Segment("abcde")]])
    shadow.diff(update, CONSOLE)
    shadow.invalidate()
    assert "abcde" in shadow.diff(update, CONSOLE)


# -- scrolling --------------------------------------------------------------------------------
def frame(lines: list[str], width: int) -> LayoutUpdate:
    return layout([[Segment(line.ljust(width))] for line in lines])


def through_terminal(shadow: Shadow, frames: list[list[str]], width: int) -> tuple[list[str], list[str]]:
    """Send each frame through the shadow into pyte; return what pyte shows and the bytes sent."""
    screen = pyte.Screen(width, len(frames[0]))
    stream = pyte.Stream(screen)
    console = Console(color_system="256", force_terminal=True, width=width)
    sent = []
    for lines in frames:
        data = shadow.diff(frame(lines, width), console)
        sent.append(data)
        stream.feed(data)
    return [line.rstrip() for line in screen.display], sent


def numbered(start: int, count: int) -> list[str]:
    return [f"row {n} of a long list" for n in range(start, start + count)]


def test_a_list_moved_up_a_line_is_scrolled_by_the_terminal():
    shadow = Shadow()
    shadow.resize(30, 12)
    before = ["title"] + numbered(1, 10) + ["keys"]
    after = ["title"] + numbered(2, 10) + ["keys"]
    shown, sent = through_terminal(shadow, [before, after], 30)
    assert shown == [line.rstrip() for line in after]
    assert "\x1b[2;11r" in sent[1] and "\x1bD" in sent[1]
    assert "row 11" in sent[1] and "row 5 " not in sent[1]  # only the new row is written
    assert len(sent[1]) < 80


def test_a_list_moved_down_is_scrolled_the_other_way():
    shadow = Shadow()
    shadow.resize(30, 12)
    before = ["title"] + numbered(10, 10) + ["keys"]
    after = ["title"] + numbered(7, 10) + ["keys"]
    shown, sent = through_terminal(shadow, [before, after], 30)
    assert shown == [line.rstrip() for line in after]
    assert sent[1].count("\x1bM") == 3
    assert "row 12" not in sent[1]


def test_blank_rows_alone_never_cause_a_scroll():
    shadow = Shadow()
    shadow.resize(10, 10)
    before = ["x"] + [""] * 8 + ["y"]
    after = [""] * 8 + ["x", "y"]
    shown, sent = through_terminal(shadow, [before, after], 10)
    assert shown == [line.rstrip() for line in after]
    assert "\x1bD" not in sent[1] and "\x1bM" not in sent[1]


def test_any_mix_of_scrolls_and_edits_shows_exactly_the_last_frame():
    import random

    rng = random.Random(6)
    width, height = 24, 14
    shadow = Shadow()
    shadow.resize(width, height)
    pool = [f"item {n:03d} " + "abcdefgh"[n % 8] * (n % 9) for n in range(200)]
    top = 0
    frames = []
    for _ in range(120):
        top = max(0, min(len(pool) - height, top + rng.choice([-5, -2, -1, 0, 1, 1, 2, 7])))
        lines = pool[top:top + height]
        lines = [
            (line[:-1] + "*") if rng.random() < 0.1 else ("" if rng.random() < 0.05 else line)
            for line in lines
        ]
        frames.append(lines)
    shown, sent = through_terminal(shadow, frames, width)
    assert shown == [line.rstrip() for line in frames[-1]]
    assert any("\x1bD" in data for data in sent) and any("\x1bM" in data for data in sent)
    # and step by step, not only at the end
    for n in range(1, len(frames)):
        shadow = Shadow()
        shadow.resize(width, height)
        shown, _ = through_terminal(shadow, frames[n - 1:n + 1], width)
        assert shown == [line.rstrip() for line in frames[n]], n


# -- a real terminal ---------------------------------------------------------------------------
# The numbers of home's items come from the content (plain_helpers.home_numbers).
RESOURCES = [bytes([c]) for c in str(home_numbers(library())["resources"]).encode()]
# Group 3, its first topic, a page down, the related list, back home, the resources.
KEYS = [b"\x1b[B", b"\x1b[B", b"\r", b"\r", b"\x1b[6~", b"\t", b"\x1b[B", b"\r", b"b", b"\x1b",
        b"\x1b", *RESOURCES, b"WAIT", b"\r", b"help", b"\x1b[B", b"\x1b[B", b"\x1b"]


def run_in_pty(tmp_path, env_extra: dict, keys=KEYS, args=(), quiet: float = 0.4) -> tuple[str, int]:
    """Run metanav at 80x24 through KEYS; return the emulated screen and bytes received."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "METANAV_STATE_DIR": str(tmp_path),
            "TEXTUAL_ANIMATIONS": "none",
            **env_extra,
        }
        os.execve(sys.executable, [sys.executable, "-m", "metanav", *args], env)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    total = 0

    def drain(quiet: float = 0.4, limit: float = 15.0) -> None:
        nonlocal total
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return
                total += len(data)
                stream.feed(data)
                last = time.monotonic()
            elif time.monotonic() - last > quiet:
                return

    try:
        drain(quiet=1.0)
        for key in keys:
            if key == b"WAIT":
                time.sleep(1.0)
                continue
            os.write(fd, key)
            drain(quiet)
        drain(quiet=1.0)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return "\n".join(screen.display), total


@pytest.mark.slow
def test_screen_is_the_same_as_with_full_redraws_and_costs_less(tmp_path):
    delta_screen, delta_bytes = run_in_pty(tmp_path / "a", {})
    full_screen, full_bytes = run_in_pty(tmp_path / "b", {"METANAV_FULL_REDRAW": "1"})
    assert "Support resources" in full_screen
    assert delta_screen == full_screen
    assert delta_bytes < full_bytes * 0.6


@pytest.mark.slow
def test_scrolled_lists_and_text_look_the_same_as_with_full_redraws(tmp_path):
    """Arrows past the edge of a list and of a topic's text make the terminal scroll."""
    down, up = b"\x1b[B", b"\x1b[A"
    keys = [down] * 20 + [up] * 19 + [b"\r", b"\r", b"\t"] + [down] * 8
    keys += [b"\x1b[6~", up, up, b"\x1b", b"\x1b", b"WAIT"]
    keys += [*RESOURCES, b"WAIT", b"\r", down] + [down] * 18 + [up] * 17
    delta_screen, delta_bytes = run_in_pty(tmp_path / "a", {}, keys, quiet=0.1)
    full_screen, full_bytes = run_in_pty(tmp_path / "b", {"METANAV_FULL_REDRAW": "1"}, keys,
                                         quiet=0.1)
    assert "Support resources" in full_screen
    assert delta_screen == full_screen
    assert delta_bytes < full_bytes * 0.4


@pytest.mark.slow
def test_kiosk_reset_redraws_the_fresh_home_screen(tmp_path):
    """A kiosk reset switches screens inside a batch, when Textual drops frames: the shadow
    must not take them for sent (the last person's highlight stayed on screen)."""
    keys = [b"3", b"WAIT", b"\r", b"\x1b[B", b"\x1b[21~", b"y"]  # group 3, down, F10, yes
    delta_screen, _ = run_in_pty(tmp_path / "a", {}, keys, ["--kiosk"])
    full_screen, _ = run_in_pty(tmp_path / "b", {"METANAV_FULL_REDRAW": "1"}, keys, ["--kiosk"])
    assert "> 1. When to call 911 or your care team right away" in full_screen
    assert delta_screen == full_screen
