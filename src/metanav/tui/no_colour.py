"""NO_COLOR, as no-color.org asks: no colour codes at all, and nothing lost by it.

Textual's own answer to NO_COLOR is a grey filter: it still paints a dark grey screen with grey
text, which on a light terminal is a dark block. This filter drops every colour instead, so the
terminal's own colours show, and keeps bold, underline, italic and reverse. A run of text that
colour alone made stand out from its background (the highlighted item, a focused box) is drawn
in reverse video instead, so it still stands out.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

# How far (0-1 brightness) a background must be from the widget's own to count as "standing
# out": panels a shade lighter than the screen do not, the highlight bar does.
STANDS_OUT = 0.12


@lru_cache(maxsize=1024)
def _plain_style(style: Style, background: Color) -> Style:
    reverse = bool(style.reverse)
    if style.bgcolor is not None and not style.bgcolor.is_default:
        shade = Color.from_rich_color(style.bgcolor)
        if abs(shade.brightness - background.brightness) > STANDS_OUT:
            reverse = not reverse
    return Style(
        bold=style.bold,
        dim=style.dim,
        italic=style.italic,
        underline=style.underline,
        strike=style.strike,
        reverse=reverse or None,
        link=style.link,
    )


class NoColour(LineFilter):
    """Every colour removed; what colour picked out is shown in reverse video."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        plain = _plain_style
        return [
            Segment(text, None if style is None else plain(style, background), control)
            for text, style, control in segments
        ]


class NoStyle(LineFilter):
    """The screen-reader setting: every cell in the terminal's own colours, nothing bold or
    underlined. A console screen reader says "has attribute" each time the colours under its
    cursor change (Fenrir does), so the focus is shown by the terminal's cursor instead, at
    the start of the focused line. Links stay links."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None or not style.link else _link_only(style.link),
                    control)
            for text, style, control in segments
        ]


@lru_cache(maxsize=256)
def _link_only(link: str) -> Style:
    return Style(link=link)
