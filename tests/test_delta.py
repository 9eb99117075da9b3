"""Sending only changed cells: unit tests of the shadow, checked through a terminal emulator
(pyte): scrolling, text moved sideways, random frames in every colour system. The same in a
real pty, next to full redraws: test_delta_pty.py."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len as get_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip

from emulated_terminal import Terminal, visible, xterm_stream
from metanav.tui.delta import Shadow, cells_of
from metanav.tui.textual_internals import LayoutUpdate

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
    screen = Terminal(width, len(frames[0]))
    stream = xterm_stream(screen)
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


def test_after_a_scroll_the_whole_screen_is_the_region_again_said_in_full():
    """A bare ESC[r is read by pyte 0.8.0 (Debian 12's, under the Fenrir screen reader) as
    "top 1, same bottom": its cursor then stopped at the old bottom, and the next rows were
    written over the wrong ones in what the reader reads."""
    shadow = Shadow()
    shadow.resize(30, 12)
    before = ["title"] + numbered(1, 10) + ["keys"]
    after = ["title"] + numbered(2, 10) + ["keys"]
    sent = through_terminal(shadow, [before, after], 30)[1]
    assert "\x1b[1;12r" in sent[1] and "\x1b[r" not in sent[1]


def test_blank_rows_alone_never_cause_a_scroll():
    shadow = Shadow()
    shadow.resize(10, 10)
    before = ["x"] + [""] * 8 + ["y"]
    after = [""] * 8 + ["x", "y"]
    shown, sent = through_terminal(shadow, [before, after], 10)
    assert shown == [line.rstrip() for line in after]
    # no scroll region, so nothing scrolls (an RI, ESC M, may still move the cursor up a line)
    assert not re.search(r"\x1b\[[0-9;]*r", sent[1]) and "\x1bD" not in sent[1]


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


# -- text moved sideways ----------------------------------------------------------------------
KEY = Style(color="yellow", bgcolor="grey15", bold=True)
LABEL = Style(color="white", bgcolor="grey15")


def key_bar(keys: list[tuple[str, str]], width: int) -> list[Segment]:
    segments = [Segment(" ", LABEL)]
    for n, (key, label) in enumerate(keys):
        # Textual tags each key with where it is (for the mouse): the same look all the same
        segments += [Segment(key + " ", KEY + Style(meta={"offset": (n, 0)})),
                     Segment(label + "  ", LABEL)]
    used = sum(len(s.text) for s in segments)
    return segments + [Segment(" " * (width - used), LABEL)]


HOME_KEYS = [("q", "Quit"), ("/", "Search"), ("g", "Get help now"), ("Backspace", "Back"),
             ("?", "Help")]
TOPIC_KEYS = [("b", "Bookmark"), ("r", "Related"), *HOME_KEYS[1:]]


def test_a_key_bar_whose_keys_move_along_is_moved_by_the_terminal():
    """The next screen's key bar has two more keys in front of the same ones: the terminal
    inserts room for them (ICH), and only they are sent; going back deletes them (DCH)."""
    width = 80
    shadow = Shadow()
    shadow.resize(width, 1)
    screen = Terminal(width, 1)
    stream = xterm_stream(screen)
    full = Terminal(width, 1)
    full_stream = xterm_stream(full)
    sent = []
    for keys in (HOME_KEYS, TOPIC_KEYS, HOME_KEYS):
        update = layout([key_bar(keys, width)])
        sent.append(shadow.diff(update, CONSOLE))
        stream.feed(sent[-1])
        full_stream.feed(full_redraw(update, CONSOLE))
        assert visible(screen) == visible(full)
    assert screen.display[0].startswith(" q Quit  / Search  g Get help now")
    assert "\x1b[15@" in sent[1] and "Search" not in sent[1] and len(sent[1]) < 70
    assert "\x1b[15P" in sent[2] and "Search" not in sent[2] and len(sent[2]) < 60


def test_a_character_drawn_the_same_is_not_sent_again():
    """Textual's styles say where the mouse would be; the terminal does not show that."""
    shadow = Shadow()
    shadow.resize(12, 1)
    here, there = Style(bold=True, meta={"offset": (0, 0)}), Style(bold=True, meta={"offset": (3, 0)})
    shadow.diff(layout([[Segment("same", here), Segment(" " * 8)]]), CONSOLE)
    assert shadow.diff(layout([[Segment("same", there), Segment(" " * 8)]]), CONSOLE) == ""


def shifted_row(rng, row: list[Segment], width: int) -> list[Segment]:
    """The row with something inserted in front of its text, or cut out of it."""
    cells = [(ch, style) for text, style, _ in row for ch in text]
    at = rng.randrange(width)
    if rng.random() < 0.5:
        cut = rng.randint(1, 12)
        cells = cells[:at] + cells[at + cut:]
    else:
        cells = cells[:at] + [(ch, rng.choice(STYLE_POOL)) for ch in rng.choice(TEXTS) or "ab"] + cells[at:]
    segments, used = [], 0
    for ch, style in cells:
        size = get_cell_size(ch)
        if used + size > width:
            break
        segments.append(Segment(ch, style))
        used += size
    return segments + [Segment(" " * (width - used), rng.choice(STYLE_POOL))]


# -- random frames in every colour system: the same cells, colours and attributes ------------
STYLE_POOL = [
    None, Style(), Style(color="red"), Style(bgcolor="blue"), Style(color="#E6E6E6", bgcolor="#16181D"),
    Style(color="#16181D", bgcolor="#7AA2F7", bold=True), Style(color="#E0AF68", bgcolor="#16181D",
    bold=True, underline=True), Style(color="#444444", bgcolor="#16181D", reverse=True),
    Style(color="bright_yellow", bgcolor="black", italic=True), Style(color="default", bgcolor="default"),
    Style(bgcolor="#16181D"), Style(bgcolor="#2A2E38", dim=True), Style(color="green", strike=True),
]
TEXTS = ["", " ", "   ", "hello", "a b", "\u4e2d\u6587", "ñandú", "────", "          ", "x",
         "│┌┐", "─", "Search  g Get help", "Bookmark  r Related  "]


def random_row(rng, width: int) -> list[Segment]:
    segments, used = [], 0
    while used < width:
        text = rng.choice(TEXTS) or " " * rng.randint(1, 12)
        cells = sum(get_cell_size(ch) for ch in text)
        if used + cells > width:
            text, cells = " " * (width - used), width - used
        segments.append(Segment(text, rng.choice(STYLE_POOL)))
        used += cells
    return segments


def full_redraw(update: LayoutUpdate, console: Console) -> str:
    """What Textual writes for an update without the renderer."""
    out = []
    for y, line in enumerate(update.strips, update.region.y):
        out.append(f"\x1b[{y + 1};{update.region.x + 1}H")
        for strip in line:
            out.append(strip.render(console))
    return "".join(out)


@pytest.mark.parametrize("system", ["standard", "256", "truecolor"])
@pytest.mark.parametrize("seed", range(6))
def test_random_frames_look_the_same_as_full_redraws(system, seed):
    """With and without back colour erase, the line-drawing set, and line feeds that the
    terminal driver turns into CR LF (ONLCR) or sends as they are."""
    import random

    rng = random.Random(seed)
    width, height = 30, 10
    console = Console(color_system=system, force_terminal=True, width=width)
    newline = ["", "crlf", "lf"][seed % 3]
    shadow = Shadow(bce=seed % 2 == 0, lines=seed % 2 == 1, newline=newline)
    shadow.resize(width, height)
    delta, full = Terminal(width, height), Terminal(width, height)
    delta_stream, full_stream = xterm_stream(delta), xterm_stream(full)
    rows = [random_row(rng, width) for _ in range(height)]
    for n in range(60):
        kind = rng.random()
        if kind < 0.2:  # a new screen
            rows = [random_row(rng, width) for _ in range(height)]
            top, bottom = 0, height
        elif kind < 0.3:  # text moves sideways in some rows
            top, bottom = 0, height
            for y in range(height):
                if rng.random() < 0.5:
                    rows[y] = shifted_row(rng, rows[y], width)
        elif kind < 0.4:  # a scroll
            shift = rng.choice([-2, -1, 1, 3])
            rows = rows[shift:] + [random_row(rng, width) for _ in range(shift)] if shift > 0 else (
                [random_row(rng, width) for _ in range(-shift)] + rows[:shift])
            top, bottom = 0, height
        else:  # a few rows change
            top = rng.randrange(height)
            bottom = min(height, top + rng.randint(1, 3))
            for y in range(top, bottom):
                rows[y] = random_row(rng, width)
        update = LayoutUpdate([[Strip(rows[y])] for y in range(top, bottom)],
                              Region(0, top, width, bottom - top))
        data = shadow.diff(update, console)
        delta_stream.feed(data.replace("\n", "\r\n") if newline == "crlf" else data)
        # as the app does: Textual ends each frame by moving the cursor
        x, y = rng.randrange(width), rng.randrange(height)
        delta_stream.feed(f"\x1b[{y + 1};{x + 1}H")
        shadow.cursor = (x, y)
        full_stream.feed(full_redraw(update, console))
        assert visible(delta) == visible(full), (n, repr(data))
