"""Which characters metanav may draw, chosen once by TERM.

A Linux text console (``TERM=linux``: a kiosk box with no desktop) draws with a 512-character
console font. Debian's default for English, Lat15-Fixed16 (console-setup-linux), has box lines,
the full block and Latin letters, but none of the half and eighth blocks (``▀ ▄ ▁ ▂ ▊ ▎ ▔``)
that QR codes, smooth scrollbars and text-box edges are made of elsewhere: the console would
show its replacement glyph instead. So there metanav draws:

- QR codes with one module as two full-block cells side by side (square on an 8x16 font),
  instead of two modules, one above the other, in one half-block cell;
- scrollbars in whole cells;
- text boxes with plain box lines.

Every other terminal keeps the finer drawing. Widgets ask :func:`current`; tests set TERM.
Plain Python: plain mode and the core may ask too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Glyphs:
    name: str
    qr: str  # "half": two modules a cell (▀ ▄ █); "double": one module, two cells (██)
    smooth_scrollbars: bool  # eighth blocks at a scrollbar thumb's ends
    input_border: str  # Textual border type of text boxes


FULL = Glyphs(name="full", qr="half", smooth_scrollbars=True, input_border="tall")
CONSOLE = Glyphs(name="console", qr="double", smooth_scrollbars=False, input_border="solid")


def for_term(term: str | None) -> Glyphs:
    """The Linux console (linux, linux-16color, linux-m...) gets CONSOLE; the rest FULL."""
    return CONSOLE if (term or "").split("-", 1)[0] == "linux" else FULL


def current() -> Glyphs:
    return for_term(os.environ.get("TERM"))
