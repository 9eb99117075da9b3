"""Pens: the colours and attributes (bold, underline...) a terminal writes the next text in.

A terminal remembers its pen between writes. Each Rich style Textual draws with is turned into
a pen here (``Palette``), with the same codes Rich would send; ``change`` is the shortest code
that turns one pen into another. A blank cell shows only some of its style (its background, a
line under it): ``blank_style`` and ``shown_style`` make two cells that look the same equal,
so a cell is never sent again for a difference nobody can see. Painter (paint.py) writes with
them.
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
