"""Painting cells onto the terminal in as few bytes as it takes, as curses does.

A terminal remembers its "pen" (the colours and attributes such as bold that the next text is
written in) and its cursor between writes. Rich and Textual start every run of text afresh:
``ESC[0m``, then every attribute and both colours. Here a run says only what differs from the
pen, the cursor takes the shortest way to the next run, and runs of blank cells are erased
(ECH, EL, ED: VT220, which every terminal emulator and the Linux console have) instead of
being filled with spaces. An erase paints the cells in the pen's background colour ("back
colour erase", as curses assumes when the terminal's description says ``bce``). What a pen
is, and the shortest change from one to another, is in pens.py. At the end: what this
terminal does (erases in colour, draws lines, turns a line feed into CR LF), asked at start.
"""

from __future__ import annotations

import re

from metanav.tui.pens import DEFAULT, SHOWS_ON_BLANK, Pen, change

END_LINK = "\x1b]8;;\x1b\\"  # closes a hyperlink (OSC 8)

# Box-drawing characters in the VT100 line-drawing set: one byte each instead of three.
LINE_DRAWING = {"─": "q", "│": "x", "┌": "l", "┐": "k", "└": "m", "┘": "j", "├": "t",
                "┤": "u", "┬": "w", "┴": "v", "┼": "n"}
_LINE_RUN = re.compile(f"[{''.join(LINE_DRAWING)}]{{3,}}")  # shorter runs do not pay


def _line_drawing(match: re.Match) -> str:
    return "\x1b(0" + "".join(LINE_DRAWING[ch] for ch in match.group()) + "\x1b(B"


class Painter:
    """Writes to a terminal whose pen and cursor it knows (None: not known)."""

    def __init__(self, width: int, pen: Pen | None, cursor: tuple[int, int] | None,
                 lines: bool = False, newline: str = "") -> None:
        self.width = width
        self.lines = lines  # box-drawing lines in the terminal's line-drawing set
        # What "\n" does: "crlf" (the terminal driver adds a carriage return: ONLCR, as it
        # does unless told otherwise), "lf" (a line feed only), "" (not used).
        self.newline = newline
        self.pen = pen
        self.x, self.y = cursor if cursor is not None else (None, None)
        self.out: list[str] = []

    def text(self) -> str:
        return "".join(self.out)

    def size(self) -> int:
        """Bytes on the wire."""
        text = self.text()
        crlf = text.count("\n") if self.newline == "crlf" else 0  # the driver adds a CR
        return len(text.encode("utf-8", "replace")) + crlf

    # -- the cursor ----------------------------------------------------------------------------
    def move(self, x: int, y: int) -> None:
        if self.x == x and self.y == y:
            return
        self.out.append(self.move_code(x, y))
        self.x, self.y = x, y

    def move_code(self, x: int, y: int) -> str:
        best = f"\x1b[{y + 1}H" if x == 0 else f"\x1b[{y + 1};{x + 1}H"
        if self.y is None:
            return best
        dy = y - self.y
        # One line up: RI (reverse index, VT100), two bytes; it would scroll only at the top
        # of a scroll region, and the region is the whole screen again after every scroll.
        vertical = "" if dy == 0 else (
            ("\x1b[B" if dy == 1 else f"\x1b[{dy}B") if dy > 0 else
            ("\x1bM" if dy == -1 else f"\x1b[{-dy}A"))
        if self.newline and 0 < dy <= 3:
            # A vertical tab is a line feed that no terminal driver turns into CR LF: one byte
            # down, the column kept (never from the last row, so nothing scrolls).
            vertical = "\v" * dy
        if x == 0:
            horizontal = "" if self.x == 0 else "\r"
        elif self.x is None:  # after the last column: only an absolute column is sure
            horizontal = f"\x1b[{x + 1}G"
        else:
            dx = x - self.x
            if dx == 0:
                horizontal = ""
            elif -3 <= dx < 0:
                horizontal = "\b" * -dx
            elif dx > 0:
                horizontal = "\x1b[C" if dx == 1 else f"\x1b[{dx}C"
            else:
                horizontal = f"\x1b[{-dx}D"
            if len(horizontal) > 4:
                column = f"\x1b[{x + 1}G"
                horizontal = column if len(column) < len(horizontal) else horizontal
        relative = vertical + horizontal
        if len(relative) >= len(best):
            relative = best
        if self.newline and 0 < dy <= 2:  # line feeds: never on the last row, so no scroll
            if self.newline == "crlf":  # two bytes on the wire, and back to the first column
                feeds = "\n" * dy + ("" if x == 0 else "\x1b[C" if x == 1 else f"\x1b[{x}C")
                cost = len(feeds) + dy
            else:
                feeds = "\n" * dy + horizontal
                cost = len(feeds)
            if cost < len(relative):
                return feeds
        return relative

    # -- the pen -------------------------------------------------------------------------------
    def use(self, pen: Pen) -> None:
        if self.pen is not None and self.pen.link and self.pen.link != pen.link:
            self.out.append(END_LINK)
        sequence = change(self.pen, pen)
        if sequence:
            self.out.append(sequence)
        if pen.link and (self.pen is None or self.pen.link != pen.link):
            self.out.append(pen.link)
        self.pen = pen

    def use_background(self, bg: str) -> None:
        """Any pen that erases in background ``bg`` (colours and bold of text do not matter)."""
        pen = self.pen
        if pen is not None and pen.bg == bg and pen.erases:
            return
        if pen is None:
            self.use(Pen(bg=bg))
        else:
            self.use(Pen(pen.fg, bg, pen.attrs - SHOWS_ON_BLANK))

    def finish(self, reset: bool = True) -> None:
        """Close a hyperlink; with ``reset``, leave the pen as the terminal starts, so that
        whatever else writes to the terminal does not inherit our colours. (Without, the next
        frame starts from this pen: who else writes must reset it first.)"""
        if self.pen is not None and self.pen.link:
            self.out.append(END_LINK)
            self.pen = self.pen._replace(link="")
        if reset and self.pen != DEFAULT:
            self.out.append("\x1b[m")
            self.pen = DEFAULT

    # -- writing -------------------------------------------------------------------------------
    def write(self, text: str, cells: int) -> None:
        if self.lines and _LINE_RUN.search(text):
            text = _LINE_RUN.sub(_line_drawing, text)
        self.out.append(text)
        x = (self.x or 0) + cells
        self.x = x if x < self.width and self.x is not None else None

    def erase_cells(self, count: int) -> None:
        self.out.append("\x1b[X" if count == 1 else f"\x1b[{count}X")

    def erase_line(self) -> None:
        self.out.append("\x1b[K")

    def erase_screen(self) -> None:
        self.out.append("\x1b[2J")


BCE_TERMINALS = ("xterm", "linux", "tmux", "rxvt", "vte", "alacritty", "kitty", "foot", "wezterm")


def erases_in_colour(term: str | None = None) -> bool:
    """Whether the terminal erases in the pen's background ("bce" in its terminfo entry, as
    curses asks). If not, only blanks in the terminal's own background are erased."""
    import os

    term = os.environ.get("TERM", "") if term is None else term
    try:
        import curses

        curses.setupterm(term or None, -1)
        found = curses.tigetflag("bce")
        if found >= 0:
            return found == 1
    except Exception:  # noqa: BLE001 - no terminfo here: go by the name
        pass
    return term.startswith(BCE_TERMINALS)


def draws_lines(term: str | None = None) -> bool:
    """Whether box-drawing lines may use the VT100 line-drawing set. xterm and the terminals
    that call themselves xterm draw it in UTF-8 too; the Linux console, screen and tmux do
    not (their terminfo says U8#1, as ncurses knows)."""
    import os

    term = os.environ.get("TERM", "") if term is None else term
    return term.startswith("xterm")


def newline_mode(stream=None) -> str:
    """What a line feed written to the terminal becomes: "crlf" when the terminal driver adds
    a carriage return (ONLCR), "lf" when it sends it as it is, "" if not known.

    Under TERM=linux, always "" (no line feeds or vertical tabs for moving down): the Fenrir
    screen reader gives its program that TERM and reads from a terminal of its own that takes
    them as new lines (LNM), so the column after one is not sure there. (On the console
    itself, bytes are free.)"""
    import os
    import sys

    if os.environ.get("TERM") == "linux":
        return ""

    try:
        import termios

        oflag = termios.tcgetattr((stream or sys.__stdout__).fileno())[1]
    except Exception:  # noqa: BLE001 - not a terminal, or no termios here
        return ""
    if not oflag & termios.OPOST:
        return "lf"
    if oflag & termios.ONLCR and not oflag & (termios.OCRNL | termios.ONLRET):
        return "crlf"
    return ""
