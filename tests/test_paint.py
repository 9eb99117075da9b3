"""Painting cells with few bytes: pen changes say only what differs, the cursor takes the
shortest way, and erasing is used only where the terminal erases in colour."""

from __future__ import annotations

from rich.color import ColorSystem
from rich.style import Style

from metanav.tui.paint import Painter, erases_in_colour
from metanav.tui.pens import DEFAULT, Palette, Pen, blank_style, change, shown_style

PALETTE = Palette(ColorSystem.EIGHT_BIT)


def test_a_pen_is_the_codes_rich_would_send():
    pen = PALETTE.pen(Style(color="#E6E6E6", bgcolor="#16181D", bold=True, underline=True))
    assert pen == Pen("38;5;254", "48;5;233", frozenset({"1", "4"}))
    assert PALETTE.pen(None) == DEFAULT
    assert not pen.erases and PALETTE.pen(Style(bgcolor="red", bold=True)).erases


def test_only_what_differs_is_sent():
    text = Pen("38;5;254", "48;5;233")
    highlight = Pen("38;5;233", "48;5;111", frozenset({"1"}))
    assert change(text, text) == ""
    assert change(text, Pen("38;5;111", "48;5;233")) == "\x1b[38;5;111m"
    assert change(text, highlight._replace(fg=text.fg, bg=text.bg)) == "\x1b[1m"
    assert change(highlight, text) in ("\x1b[22;38;5;254;48;5;233m", "\x1b[0;38;5;254;48;5;233m")
    assert change(None, text) == "\x1b[0;38;5;254;48;5;233m"  # unknown: start afresh
    assert change(text, DEFAULT) == "\x1b[m"
    # Turning bold off turns dim off too: dim comes back.
    old, new = Pen("31", attrs=frozenset({"1", "2"})), Pen("31", attrs=frozenset({"2"}))
    assert change(old, new) == "\x1b[22;2m"


def test_the_cursor_takes_the_shortest_way():
    painter = Painter(80, None, (10, 5))
    assert painter.move_code(10, 6) == "\x1b[B"
    assert painter.move_code(0, 6) in ("\x1b[B\r", "\x1b[7H")  # as short
    assert painter.move_code(9, 5) == "\b"
    assert painter.move_code(20, 5) == "\x1b[10C"
    assert painter.move_code(40, 20) == "\x1b[21;41H"
    assert painter.move_code(10, 4) == "\x1bM"  # one up: RI, 2 bytes (never at a region's top)
    assert painter.move_code(10, 3) == "\x1b[2A"
    painter.write("x" * 70, 70)  # to the last column: where the cursor is then differs
    assert painter.x is None and painter.move_code(5, 5) == "\x1b[6G"
    assert Painter(80, None, None).move_code(0, 0) == "\x1b[1H"


def test_down_a_few_rows_is_a_vertical_tab_each():
    """A vertical tab moves down a line and keeps the column (1 byte; ESC [ B is 3); the
    terminal driver never turns it into CR LF. Used where line feeds are (the tty is known)."""
    painter = Painter(80, None, (10, 5), newline="crlf")
    assert painter.move_code(10, 6) == "\v"
    assert painter.move_code(12, 7) == "\v\v\x1b[2C"
    assert painter.move_code(10, 9) == "\x1b[4B"  # four tabs cost as much
    assert Painter(80, None, (10, 5)).move_code(10, 6) == "\x1b[B"  # tty not known


def test_on_the_linux_console_no_line_feeds_or_vertical_tabs_move_the_cursor(monkeypatch):
    """Under TERM=linux (the console, and the Fenrir screen reader, which gives its program
    that TERM and reads from a terminal that takes a line feed or vertical tab as a new line,
    LNM), the cursor moves only with cursor keys: the column after a line feed is not sure,
    and a reader read text written in the wrong columns."""
    import os
    import pty

    from metanav.tui.paint import newline_mode

    master, slave = pty.openpty()
    try:
        with os.fdopen(os.dup(slave), "w") as stream:
            monkeypatch.setenv("TERM", "xterm-256color")
            assert newline_mode(stream) in ("crlf", "lf")
            monkeypatch.setenv("TERM", "linux")
            assert newline_mode(stream) == ""
    finally:
        os.close(master)
        os.close(slave)
    painter = Painter(80, None, (10, 5), newline="")
    assert "\v" not in painter.move_code(10, 6) and "\n" not in painter.move_code(12, 7)


def test_blanks_that_look_the_same_are_the_same():
    a = blank_style(Style(color="red", bgcolor="#16181D", bold=True))
    b = blank_style(Style(color="blue", bgcolor="rgb(22,24,29)"))
    assert a == b
    underlined = Style(underline=True, bgcolor="red")
    assert blank_style(underlined) == underlined  # the line shows on a blank


def test_reversed_colours_are_the_colours_swapped():
    """A scroll bar thumb: no reverse to turn on and off, and its blanks can be erased."""
    thumb = Style(color="#444444", bgcolor="#16181D", reverse=True)
    assert shown_style(thumb) == Style(color="#16181D", bgcolor="#444444")
    assert blank_style(thumb) == Style(bgcolor="#444444")
    # not where it would not look the same, and never losing a link
    for kept in (Style(reverse=True), Style(color="bright_red", bgcolor="black", reverse=True),
                 Style(color="red", bgcolor="black", reverse=True, bold=True)):
        assert shown_style(kept).reverse and blank_style(kept).reverse
    linked = Style(color="red", bgcolor="black", reverse=True, link="https://988lifeline.org")
    assert shown_style(linked).link == "https://988lifeline.org"


def test_back_colour_erase_comes_from_terminfo():
    assert erases_in_colour("xterm-256color")
    assert erases_in_colour("linux")
