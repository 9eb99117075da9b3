"""Painting cells onto the terminal in as few bytes as it takes, as curses does.

A terminal remembers its "pen" (the colours and attributes such as bold that the next text is
written in) and its cursor between writes. Rich and Textual start every run of text afresh:
``ESC[0m``, then every attribute and both colours. Here a run says only what differs from the
pen, the cursor takes the shortest way to the next run, and runs of blank cells are erased
(ECH, EL, ED: VT220, which every terminal emulator and the Linux console have) instead of
being filled with spaces. An erase paints the cells in the pen's background colour ("back
colour erase", as curses assumes when the terminal's description says ``bce``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.color import Color, ColorSystem, ColorType
from rich.style import Style

# Attributes that show on a blank cell (a line under it, or its colours swapped): such a cell
# is written as a space, never erased.
SHOWS_ON_BLANK = frozenset({"4", "7", "9", "21", "51", "52", "53"})
# How each attribute is turned off. Bold and dim share one.
OFF = {"1": "22", "2": "22", "3": "23", "4": "24", "21": "24", "5": "25", "6": "25", "7": "27",
       "8": "28", "9": "29", "51": "54", "52": "54", "53": "55"}
_SGR = re.compile(r"\x1b\[([0-9;]*)m")
END_LINK = "\x1b]8;;\x1b\\"


# Box-drawing characters in the VT100 line-drawing set: one byte each instead of three.
LINE_DRAWING = {"─": "q", "│": "x", "┌": "l", "┐": "k", "└": "m", "┘": "j", "├": "t",
                "┤": "u", "┬": "w", "┴": "v", "┼": "n"}
_LINE_RUN = re.compile(f"[{''.join(LINE_DRAWING)}]{{3,}}")  # shorter runs do not pay


def _line_drawing(match: re.Match) -> str:
    return "\x1b(0" + "".join(LINE_DRAWING[ch] for ch in match.group()) + "\x1b(B"


class Pen(NamedTuple):
    fg: str = "39"  # the parameters that set the colour, "39": the terminal's own
    bg: str = "49"
    attrs: frozenset[str] = frozenset()  # "1" bold, "4" underline, "7" reverse...
    link: str = ""  # the OSC 8 sequence that opens a hyperlink

    @property
    def erases(self) -> bool:
        """A blank cell written with this pen looks like an erased one."""
        return not self.link and not (self.attrs & SHOWS_ON_BLANK)


DEFAULT = Pen()
_BLANK_STYLES: dict[Style, Style] = {}


def blank_style(style: Style | None) -> Style | None:
    """The style that stands for a space in ``style``: only its background shows."""
    if style is None:
        return None
    found = _BLANK_STYLES.get(style)
    if found is None:
        if (style.underline or style.underline2 or style.strike or style.overline
                or style.frame or style.encircle or style.link):
            found = style
        elif style.reverse:
            found = _reversed_blank(style)
        else:
            found = Style(bgcolor=_same_colour(style.bgcolor))
        _BLANK_STYLES[style] = found
    return found


def _reversed_blank(style: Style) -> Style:
    """A reversed blank shows its text colour: the same as a blank in that background
    (which the terminal can erase). Not for the terminal's own text colour, the bright
    ones (the Linux console has no bright backgrounds), nor with bold, dim or blink, which
    some terminals draw in the text colour."""
    if not _swappable(style.color) or style.bold or style.dim or style.blink or style.blink2:
        return style
    return Style(bgcolor=_same_colour(style.color))


def _swappable(colour: Color | None) -> bool:
    """A colour that is the same as text and as background: not the terminal's own (those
    differ), nor a bright one (the Linux console has no bright backgrounds)."""
    if colour is None or colour.type == ColorType.DEFAULT:
        return False
    return colour.type == ColorType.TRUECOLOR or (
        colour.number is not None and not 8 <= colour.number < 16)


_SHOWN_STYLES: dict[Style, Style] = {}


def shown_style(style: Style | None) -> Style | None:
    """``style`` without what the terminal never shows (Textual's meta: where the mouse
    is), so that a character drawn the same way is the same cell wherever it comes from."""
    if style is None:
        return None
    found = _SHOWN_STYLES.get(style)
    if found is None:
        if len(_SHOWN_STYLES) > 4096:
            _SHOWN_STYLES.clear()
        found = style if style.link else style.clear_meta_and_links()
        if found.reverse and _swappable(found.color) and _swappable(found.bgcolor) and not (
                found.link or found.bold or found.dim or found.blink or found.blink2 or found.underline
                or found.underline2 or found.strike or found.overline or found.italic):
            # reversed colours are the colours swapped: no reverse to turn on or off
            found = Style(color=_same_colour(found.bgcolor), bgcolor=_same_colour(found.color))
        _SHOWN_STYLES[style] = found
    return found


def _same_colour(colour: Color | None) -> Color | None:
    """One colour object for one colour (Rich's also carry the name they were made from)."""
    if colour is None or colour.type == ColorType.DEFAULT:
        return None
    if colour.type == ColorType.TRUECOLOR and colour.triplet is not None:
        return Color.from_triplet(colour.triplet)
    if colour.number is not None:
        return Color.from_ansi(colour.number)
    return colour


class Palette:
    """Each Rich style as a pen, for one colour system (the same codes Rich would send)."""

    def __init__(self, color_system: ColorSystem | None) -> None:
        # As Textual's Strip.render: a console without a colour system renders true colour.
        self.color_system = color_system or ColorSystem.TRUECOLOR
        self._pens: dict[Style | None, Pen] = {None: DEFAULT}

    def pen(self, style: Style | None) -> Pen:
        pen = self._pens.get(style)
        if pen is None:
            pen = self._pens[style] = self._make(style)  # type: ignore[arg-type]
        return pen

    def _make(self, style: Style) -> Pen:
        match = _SGR.search(style.render("x", color_system=self.color_system))
        params = match.group(1).split(";") if match else []
        fg, bg, attrs = "39", "49", set()
        i = 0
        while i < len(params):
            p = params[i]
            if p in ("38", "48", "58"):
                n = 3 if params[i + 1:i + 2] == ["5"] else 5
                code = ";".join(params[i:i + n])
                if p == "38":
                    fg = code
                elif p == "48":
                    bg = code
                i += n
                continue
            v = int(p or 0)
            if 30 <= v <= 37 or 90 <= v <= 97 or v == 39:
                fg = p
            elif 40 <= v <= 47 or 100 <= v <= 107 or v == 49:
                bg = p
            elif v:
                attrs.add(p)
            i += 1
        link = f"\x1b]8;id={style.link_id};{style.link}\x1b\\" if style.link else ""
        return Pen(fg, bg, frozenset(attrs), link)


def _attr_key(code: str) -> int:
    return int(code)


def change(old: Pen | None, new: Pen) -> str:
    """The shortest SGR sequence that turns pen ``old`` (None: unknown) into ``new``."""
    fresh = ["0", *sorted(new.attrs, key=_attr_key)]
    if new.fg != "39":
        fresh.append(new.fg)
    if new.bg != "49":
        fresh.append(new.bg)
    best = "\x1b[m" if len(fresh) == 1 else f"\x1b[{';'.join(fresh)}m"
    if old is None:
        return best
    if old == new:
        return ""
    offs = {OFF[a] for a in old.attrs - new.attrs}
    ons = new.attrs - old.attrs
    ons |= {a for a in new.attrs & old.attrs if OFF[a] in offs}
    params = sorted(offs, key=_attr_key) + sorted(ons, key=_attr_key)
    if new.fg != old.fg:
        params.append(new.fg)
    if new.bg != old.bg:
        params.append(new.bg)
    if not params:
        return ""
    step = f"\x1b[{';'.join(params)}m"
    return step if len(step) < len(best) else best


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
