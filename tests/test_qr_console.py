"""QR codes on an 80x24 Linux console: shown only when the whole screen, as the console draws
it, scans; otherwise said in words with the address written out.

The console has no half blocks (glyphs.py), so a module takes a whole line and only the
smallest codes (21x21 modules) fit 24 lines. The screen is turned into the picture a console
shows: each cell 8x16 pixels drawn with Lat15-Fixed16's own glyph for its character, in its own
ink and paper colours, with the words beside the code. zbarimg reads that picture, and a copy
shrunk to half size (grey where pixels mix), as a phone camera would.
"""

from __future__ import annotations

import gzip
import shutil
import struct
from functools import lru_cache
from pathlib import Path

import pytest
import segno

from metanav import qr
from metanav.tui.screens.qr import QrScreen, resource_codes
from metanav.tui.textual_internals import screen_strips
from qr_helpers import segno_grid, zbar
from tui_helpers import bundled_library, make_app, screen_text, status

FONT_FILE = Path("/usr/share/consolefonts/Lat15-Fixed16.psf.gz")
SIZE = (80, 24)


def every_code() -> list[tuple[str, int, str]]:
    return [(r.id, index, code.data)
            for r in bundled_library().resources.values()
            for index, code in enumerate(resource_codes(r))]


def smallest(data: str) -> bool:
    """Whether ``data``'s code is the smallest, 21x21 modules: the only size an 80x24 console
    shows (one module a line, 24 lines)."""
    return bool(data) and len(qr.matrix(data)) == 21


# What docs/kiosk.md's table says an 80x24 console shows of the bundled codes.
SHOWN_AT_80X24 = 19
ALL_CODES = 44


FONTS = Path("/usr/share/consolefonts")


@lru_cache(maxsize=4)
def glyph_bitmaps(path: Path = FONT_FILE) -> tuple[int, int, dict[str, list[int]]]:
    """(width, height, each character's rows of pixels) of a PSF1 or PSF2 console font."""
    data = gzip.decompress(path.read_bytes())
    if data[:2] == b"\x36\x04":  # PSF1: 8 pixels wide, 256 or 512 glyphs, UCS-2 table
        count, height, width, start = (512 if data[2] & 1 else 256), data[3], 8, 4
        table = [chr(v) for (v,) in struct.iter_unpack("<H", data[start + count * height:])]
        end, seq = "\uffff", "\ufffe"
    else:  # PSF2: any size, UTF-8 table
        _, _, start, _, count, size, height, width = struct.unpack("<8I", data[:32])
        table = list(data[start + count * size:].decode("utf-8", "surrogateescape")
                     .replace("\udcff", "\uffff").replace("\udcfe", "\ufffe"))
        end, seq = "\uffff", "\ufffe"
    row_bytes = (width + 7) // 8
    size = row_bytes * height
    glyphs: dict[str, list[int]] = {}
    index, in_sequence = 0, False
    for char in table:
        if char == end:
            index, in_sequence = index + 1, False
        elif char == seq:
            in_sequence = True
        elif not in_sequence and index < count:
            bitmap = data[start + index * size: start + (index + 1) * size]
            rows = [int.from_bytes(bitmap[y * row_bytes:(y + 1) * row_bytes], "big")
                    >> (row_bytes * 8 - width) for y in range(height)]
            glyphs.setdefault(char, rows)
    return width, height, glyphs


def _dark(color) -> bool:
    red, green, blue = color.get_truecolor()
    return 0.299 * red + 0.587 * green + 0.114 * blue < 128


def console_picture(app, path: Path, font: Path = FONT_FILE, pad: int = 16) -> Path:
    """A PGM of the whole screen as the console draws it in ``font``, black around it."""
    width, height, glyphs = glyph_bitmaps(font)
    cells: list[list[tuple[list[int], bool, bool]]] = []
    for strip in screen_strips(app.screen):
        row = []
        for segment in strip:
            style = segment.style
            ink = _dark(style.color) if style and style.color else False
            paper = _dark(style.bgcolor) if style and style.bgcolor else True
            if style and style.reverse:
                ink, paper = paper, ink
            for char in segment.text:
                row.append((glyphs.get(char, glyphs["\ufffd"]), ink, paper))
        cells.append(row)
    picture_width = len(cells[0]) * width + 2 * pad
    rows = [bytes(picture_width)] * pad
    for line in cells:
        for y in range(height):
            pixels = bytearray(pad)
            for bitmap, ink, paper in line:
                for x in range(width):
                    dark = ink if bitmap[y] >> (width - 1 - x) & 1 else paper
                    pixels.append(0 if dark else 255)
            rows.append(bytes(pixels + bytes(pad)))
    rows += [bytes(picture_width)] * pad
    path.write_bytes(f"P5\n{picture_width} {len(rows)}\n255\n".encode() + b"".join(rows))
    return path


def half_size(picture: Path, path: Path) -> Path:
    """The picture at half the size, each pixel the mean of four (a camera further away)."""
    header, pixels = picture.read_bytes().split(b"\n255\n", 1)
    width, height = map(int, header.split(b"\n")[1].split())
    out = bytearray()
    for y in range(0, height - 1, 2):
        top, bottom = pixels[y * width:(y + 1) * width], pixels[(y + 1) * width:(y + 2) * width]
        out += bytes((top[x] + top[x + 1] + bottom[x] + bottom[x + 1]) // 4
                     for x in range(0, width - 1, 2))
    path.write_bytes(f"P5\n{width // 2} {height // 2}\n255\n".encode() + bytes(out))
    return path


async def show_code(app, pilot, resource_id: str, index: int) -> QrScreen:
    app.open_resource(resource_id)
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    for _ in range(index):
        await pilot.press("c")
        await pilot.pause()
    await pilot.pause(0.05)
    screen = app.screen
    assert isinstance(screen, QrScreen)
    return screen


@pytest.mark.parametrize("resource_id, index, data", every_code(),
                         ids=[f"{r}-{i}" for r, i, _ in every_code()])
async def test_console_code_scans_from_the_whole_screen_or_is_said_in_words(
        resource_id, index, data, tmp_path, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await show_code(app, pilot, resource_id, index)
        lines, shown_text, said = screen.lines, screen_text(app), status(app)
        address, short, opens = screen.current.shown, screen.current.short, screen.opens
        if lines:
            picture = console_picture(app, tmp_path / "console.pgm") if FONT_FILE.exists() else None
            region = screen.query_one("#qr-code").region
            on_screen = [strip.text[region.x:region.right]
                         for strip in screen_strips(screen)[region.y:region.bottom]]
            side = screen.query_one("#qr-side").region
            beside = "".join(strip.text[side.x:side.right]
                             for strip in screen_strips(screen)[side.y:side.bottom])
    expected = data if smallest(data) else short if smallest(short) else ""
    assert bool(lines) == bool(expected), "every 21x21 code is shown at 80x24, and no bigger one"
    if not lines:
        assert "\u2588" not in shown_text, "no piece of a code that cannot scan"
        assert "too big for this screen" in said
        assert address.replace(" ", "") in shown_text.replace("\n", "").replace(" ", "")
        return
    assert said.startswith("Point your phone camera")
    if expected == short:  # the organisation's shorter address: said as such, page written out
        assert opens == qr.host_of(short) and f"It opens {opens}, the home page." in said
        # All of it in the column beside the code: the page's address, and what the code opens.
        assert address in beside.replace(" ", "") and said.replace(" ", "") in beside.replace(" ", "")
    else:
        assert not opens and "home page" not in said
    # The drawing is segno's matrix, module for module, and all of it is on the screen.
    assert len(lines) <= SIZE[1] and len(lines[0]) <= SIZE[0]
    grid = qr.read_back(lines, "double")
    border = (len(grid) - 21) // 2
    assert border >= 1
    assert grid == segno_grid(expected, border)
    assert on_screen == lines
    if picture is None or shutil.which("zbarimg") is None:
        pytest.skip("the console font or zbarimg is not installed (make test-tools)")
    assert zbar(picture) == expected, f"{resource_id}: the screen as the console shows it"
    assert zbar(half_size(picture, tmp_path / "small.pgm")) == expected, "at half the size"


def test_the_count_of_codes_an_80x24_console_shows_is_what_the_kiosk_guide_says():
    codes = [code for r in bundled_library().resources.values() for code in resource_codes(r)]
    shown = [c for c in codes if smallest(c.data) or smallest(c.short)]
    assert (len(shown), len(codes)) == (SHOWN_AT_80X24, ALL_CODES)
    guide = (Path(__file__).parents[1] / "docs" / "kiosk.md").read_text(encoding="utf-8")
    assert f"{SHOWN_AT_80X24} of {ALL_CODES} codes" in " ".join(guide.split())


def test_web_addresses_without_a_path_go_into_the_code_in_capitals():
    assert qr.url_data("https://www.cancer.org") == "HTTPS://WWW.CANCER.ORG"
    assert qr.url_data("https://988lifeline.org/") == "HTTPS://988LIFELINE.ORG/"
    # A path, a query or a fragment may care about case: kept as written.
    for url in ("https://www.cancer.net/es", "https://a.org/?q=1", "https://a.org/#top",
                "https://user@a.org", "mailto:someone@a.org"):
        assert qr.url_data(url) == url
    assert segno.make("HTTPS://WWW.METAVIVOR.ORG", error="l", micro=False).version == 1
    assert segno.make("https://www.metavivor.org", error="l", micro=False).version == 2


async def test_a_console_code_stands_on_white_paper_beside_the_words(tmp_path, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    resource = next(r for r in bundled_library().resources.values()
                    if r.phone and qr.phone_uri(r.phone))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await show_code(app, pilot, resource.id, len(resource_codes(resource)) - 1)
        paper = screen.query_one("#qr-paper").region
        side = screen.query_one("#qr-side").region
        text = screen_text(app)
    assert screen.lines
    assert paper.y == 0 and paper.height == SIZE[1] - 1 and side.right <= paper.x and side.width >= qr.SIDE_COLUMNS
    assert resource.phone in text and "Point your phone camera" in text


BIG_FONT = FONTS / "Lat15-TerminusBold32x16.psf.gz"


@pytest.mark.skipif(not BIG_FONT.exists() or shutil.which("zbarimg") is None,
                    reason="console-setup-linux or zbarimg is not installed (make test-tools)")
async def test_a_large_print_console_still_shows_and_scans_the_smallest_codes(tmp_path, monkeypatch):
    """A 1024x768 console with the 16x32 large-print font (docs/kiosk.md) has 64x24 cells."""
    monkeypatch.setenv("TERM", "linux")
    shown = 0
    for resource_id, index, data in every_code():
        if len(qr.matrix(data)) != 21 or index == 0 and shown:
            continue  # every phone number, and one web address
        app = make_app(tmp_path)
        async with app.run_test(size=(64, 24)) as pilot:
            screen = await show_code(app, pilot, resource_id, index)
            assert screen.lines, f"{resource_id}: {data} not shown at 64x24"
            picture = console_picture(app, tmp_path / "big.pgm", BIG_FONT)
        assert zbar(picture) == data, resource_id
        shown += 1
    assert shown > 10
