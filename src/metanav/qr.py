"""QR codes drawn with text, so a person can take a web address or phone number with their phone.

metanav never opens links. Instead a resource's address or number is shown as a QR code made
with segno (pure Python) and drawn with Unicode half blocks: one character cell holds two
modules, one above the other, so a module is about square on a terminal. A Linux console font
has no half blocks (see :mod:`metanav.glyphs`): there one module is two full blocks side by
side ("double"), square on its 8x16 cells, and a code takes twice the lines. The code is meant to
be drawn dark-on-light (the TUI paints it black on white whatever the theme); the quiet zone
around it is part of the drawing.

A web address with nothing after its host (``https://www.cancer.org``) goes into the code in
capitals (``HTTPS://WWW.CANCER.ORG``): scheme and host do not care about case, and capitals fit
QR's alphanumeric mode, 25 characters in the smallest code (21x21 modules) against 17 in
lower case. An address with a path keeps its case: a web server may care.

Plain Python, no Textual: plain mode can draw the same lines.
"""

from __future__ import annotations

import re

# (top dark, bottom dark) -> character, drawn in black ink on white paper.
_CELLS = {
    (False, False): " ",
    (True, False): "\u2580",  # ▀ upper half block
    (False, True): "\u2584",  # ▄ lower half block
    (True, True): "\u2588",  # █ full block
}
_DECODE = {char: pair for pair, char in _CELLS.items()}
DEFAULT_BORDER = 2


_KEYPAD = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999"
)


def phone_uri(phone: str) -> str:
    """``tel:`` address for a phone number as written in the content: "1-800-227-2345",
    "+44 20 7946 0000", "1-800-4-CANCER" (letters as on a phone's keypad). An extension
    ("ext. 12", "x12") is left out: the phone cannot dial it."""
    number = re.sub(r"(?i)\s*(ext\.?|extension|x)\s*\d+\s*$", "", phone.strip())
    digits = re.sub(r"[^0-9+]", "", number.upper().translate(_KEYPAD))
    plus = "+" if digits.startswith("+") else ""
    digits = digits.replace("+", "")
    return f"tel:{plus}{digits}" if digits else ""


_ALPHANUMERIC = re.compile(r"[0-9A-Z $%*+\-./:]*")


def url_data(url: str) -> str:
    """What a web address's code holds: in capitals when it is only a scheme and a host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    if (parts.scheme.lower() in ("http", "https") and parts.path in ("", "/")
            and not (parts.query or parts.fragment or "@" in parts.netloc)):
        upper = url.strip().upper()
        if _ALPHANUMERIC.fullmatch(upper):
            return upper
    return url


def host_of(url: str) -> str:
    """The host a web address opens, as a person reads it: ``HTTPS://CANCERCARE.ORG`` is
    ``cancercare.org``."""
    from urllib.parse import urlsplit

    try:
        return urlsplit(url.strip()).hostname or url
    except ValueError:
        return url


def matrix(data: str) -> list[list[bool]]:
    """segno's module matrix for ``data``, without a border: True is a dark module."""
    import segno

    code = segno.make(data, error="l", micro=False)  # boosted when it costs no size
    return [[bool(v) for v in row] for row in code.matrix]


def with_border(modules: list[list[bool]], border: int) -> list[list[bool]]:
    size = len(modules[0]) if modules else 0
    blank = [False] * (size + 2 * border)
    return (
        [list(blank) for _ in range(border)]
        + [[False] * border + list(row) + [False] * border for row in modules]
        + [list(blank) for _ in range(border)]
    )


def half_block_lines(modules: list[list[bool]], border: int = DEFAULT_BORDER) -> list[str]:
    """Draw a module matrix (quiet zone added) as text, two module rows per line."""
    grid = with_border(modules, border)
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return [
        "".join(_CELLS[(top, bottom)] for top, bottom in zip(grid[y], grid[y + 1], strict=True))
        for y in range(0, len(grid), 2)
    ]


def double_width_lines(modules: list[list[bool]], border: int = DEFAULT_BORDER) -> list[str]:
    """Draw a module matrix (quiet zone added) as text, one module as two full blocks."""
    return ["".join("\u2588\u2588" if dark else "  " for dark in row)
            for row in with_border(modules, border)]


def lines_for(modules: list[list[bool]], border: int, style: str = "half") -> list[str]:
    """The drawing in ``style``: "half" (half blocks) or "double" (see glyphs.Glyphs.qr)."""
    if style == "double":
        return double_width_lines(modules, border)
    return half_block_lines(modules, border)


def read_back(lines: list[str], style: str = "half") -> list[list[bool]]:
    """The module grid a drawing shows (inverse of :func:`lines_for`, for tests)."""
    if style == "double":
        return [[line[i] != " " for i in range(0, len(line), 2)] for line in lines]
    grid: list[list[bool]] = []
    for line in lines:
        pairs = [_DECODE[char] for char in line]
        grid.append([top for top, _ in pairs])
        grid.append([bottom for _, bottom in pairs])
    return grid


def border_for(modules: int, rows: int, style: str = "half") -> int:
    """The widest quiet zone (4 modules is the standard, 2 still scans) whose drawing fits in
    ``rows`` lines; 2 when none fits (the caller then shows no code: see :func:`fits`)."""
    for border in (4, 3, 2):
        size = modules + 2 * border
        if (size if style == "double" else (size + 1) // 2) <= rows:
            return border
    return 2


def fits(lines: list[str], width: int, rows: int) -> bool:
    """Whether a drawing shows whole in ``width`` columns and ``rows`` lines."""
    return bool(lines) and len(lines) <= rows and max(map(len, lines)) <= width


# The console layout (one module = two cells, one line per module row: a 21x21 code takes 21 of
# an 80x24 console's 24 lines) puts the code on white paper from the top of the screen to the
# key bar, with the words in a column beside it. The paper is the quiet zone around the code: one
# module above and below (two would not leave room), two beside it. Read back with zbarimg and OpenCV from a
# picture drawn with the font's own glyphs, blurred, shrunk, turned and in perspective
# (tests/test_console_font.py).
#
# Tried and left out (7 December 2026): drawing two module rows a cell with the font's one
# half-height glyph, ■ (its ink in rows 7-13 of 16, not from column 0), and ■ in reverse video
# for a dark top; zbarimg read it, but OpenCV's reader read none of 25 codes even unblurred, so
# it is too fragile for phones. Tried again (the 27 bundled codes bigger than 21x21, OpenCV 5.1:
# QRCodeDetector / QRCodeDetectorAruco; zbarimg read all 27 every time): unblurred 0 / 0, blurred
# 14 / 8, half size 2 / 1, turned 7 degrees 1 / 15. Lat15-Fixed16 has no other glyph with its ink
# mostly in one half of the cell (▮ is ■ again), so no two-rows-a-cell drawing is possible with
# it; one module a line is the most compact that scans. No quiet zone above and below: nothing
# reads. Other Lat15 fonts' ■ differ again. What helps instead is a shorter address
# (Resource.qr_address, tui/screens/qr.py).
SIDE_COLUMNS = 16  # room for the words beside a console code (64 columns: a 16x32 font)
CONSOLE_PAPER = 4  # columns of paper beside the drawing (two modules), when there is room


def console_border(modules: int, width: int, height: int) -> int | None:
    """The widest quiet zone (4 modules down to 1) that a console code can have drawn on a
    ``width`` x ``height`` screen beside the words; None when it cannot fit at all."""
    for border in (4, 3, 2, 1):
        size = modules + 2 * border
        if size <= height and 2 * size + SIDE_COLUMNS <= width:
            return border
    return None


def draw(data: str, border: int = DEFAULT_BORDER) -> list[str]:
    return half_block_lines(matrix(data), border)


def drawn_size(data: str, border: int = DEFAULT_BORDER) -> tuple[int, int]:
    """(columns, lines) the drawing of ``data`` takes."""
    size = len(matrix(data)) + 2 * border
    return size, (size + 1) // 2
