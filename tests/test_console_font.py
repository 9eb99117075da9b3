"""Under TERM=linux every character metanav draws is in Debian's default console font.

The font is Lat15-Fixed16 (package console-setup-linux), what an English Debian text console
uses. Its Unicode table is read from the font file when it is installed, and otherwise from
tests/data/Lat15-Fixed16.unicode.txt (kept from that file). Every screen is driven with Pilot
under TERM=linux and each character on it is looked up; so is every character of the content.
"""

from __future__ import annotations

import dataclasses
import gzip
import shutil
import struct
from functools import lru_cache
from pathlib import Path

import pytest

from metanav import glyphs, qr
from metanav.kiosk import KioskConfig
from qr_helpers import segno_grid, zbar
from tui_helpers import bundled_library, make_app, make_session, screen_text

FONT_FILE = Path("/usr/share/consolefonts/Lat15-Fixed16.psf.gz")
KEPT_TABLE = Path(__file__).parent / "data" / "Lat15-Fixed16.unicode.txt"


def psf_unicode(data: bytes) -> set[str]:
    """The characters a PSF1 or PSF2 console font has a glyph for (its Unicode table)."""
    chars: set[str] = set()
    if data[:2] == b"\x36\x04":  # PSF1: 256 or 512 glyphs, then UCS-2 entries
        mode, size = data[2], data[3]
        table = data[4 + (512 if mode & 1 else 256) * size:]
        in_sequence = False
        for (value,) in struct.iter_unpack("<H", table[: len(table) // 2 * 2]):
            if value == 0xFFFF:
                in_sequence = False
            elif value == 0xFFFE:
                in_sequence = True
            elif not in_sequence:
                chars.add(chr(value))
        return chars
    _, _, header, _, count, size, _, _ = struct.unpack("<8I", data[:32])  # PSF2: UTF-8 entries
    for entry in data[header + count * size:].split(b"\xff"):
        chars.update(entry.split(b"\xfe")[0].decode("utf-8"))
    return chars


@lru_cache(maxsize=1)
def font() -> frozenset[str]:
    if FONT_FILE.exists():
        return frozenset(psf_unicode(gzip.decompress(FONT_FILE.read_bytes())))
    lines = KEPT_TABLE.read_text(encoding="ascii").splitlines()
    return frozenset(chr(int(line, 16)) for line in lines if line and not line.startswith("#"))


def test_kept_table_is_the_fonts():
    if not FONT_FILE.exists():
        pytest.skip("console-setup-linux is not installed: the kept table is used")
    kept = {chr(int(x, 16)) for x in KEPT_TABLE.read_text().splitlines() if not x.startswith("#")}
    assert kept == font()


def test_the_large_print_font_has_the_same_characters():
    """docs/kiosk.md offers Lat15-TerminusBold32x16 (letters twice as large): same table."""
    big = FONT_FILE.with_name("Lat15-TerminusBold32x16.psf.gz")
    if not big.exists():
        pytest.skip("console-setup-linux is not installed")
    assert psf_unicode(gzip.decompress(big.read_bytes())) == set(font())


def test_the_font_really_lacks_what_other_terminals_get():
    """What this test file guards against: the half and eighth blocks are not in the font."""
    assert "\u2588" in font() and "\u2500" in font() and "\u2026" in font()
    for char in "\u2580\u2584\u2581\u2582\u2587\u258a\u258e\u2594\u23ce":
        assert char not in font(), hex(ord(char))


def test_glyph_set_is_chosen_by_term():
    assert glyphs.for_term("linux") is glyphs.CONSOLE
    assert glyphs.for_term("linux-16color") is glyphs.CONSOLE
    for term in ("xterm-256color", "tmux-256color", "screen", "vt100", "", None):
        assert glyphs.for_term(term) is glyphs.FULL


# -- every screen --------------------------------------------------------------------------------
KIOSK = KioskConfig(pin_hash="plain$4711", idle_seconds=60, countdown_seconds=10)
# name -> (kiosk mode, the screen to open first, then the keys typed there)
SCREENS: dict[str, tuple[bool, str, list[str]]] = {
    "home": (False, "", []),
    "home scrolled": (False, "", ["end"]),
    "topic": (False, "topic", []),
    "topic paged": (False, "topic", ["pagedown", "pagedown"]),
    "questions": (False, "questions", ["space", "down", "space"]),
    "own question box": (False, "questions", ["a", "h", "i"]),
    "note box": (False, "questions", ["space", "n"]),
    "my list": (False, "questions", ["space", "s"]),
    "show your doctor": (False, "questions", ["space", "down", "space", "s", "l"]),
    "resources": (False, "resources", []),
    "resources filtered": (False, "resources", ["ctrl+f", "h", "e"]),
    "resource": (False, "resource", []),
    "qr code": (False, "resource", ["c"]),
    "qr code phone": (False, "resource", ["c", "c"]),  # a 21x21 code: drawn whole at 80x24
    "bookmarks": (False, "bookmarks", []),
    "help": (False, "help", []),
    "kiosk home": (True, "", []),
    "kiosk staff PIN": (True, "", ["ctrl+x", "1", "2"]),
    "kiosk done?": (True, "", ["f10"]),
    "kiosk qr code": (True, "resource", ["c"]),
}


def _app(kiosk: bool, tmp_path: Path):
    if kiosk:
        from metanav.tui.app import MetanavApp

        return MetanavApp(make_session(None, kiosk=True, kiosk_config=KIOSK, policy=KIOSK.policy()))
    return make_app(tmp_path)


def _with_codes() -> str:
    """A resource with both a web address and a phone number (two QR codes)."""
    resources = bundled_library().resources.values()
    return next(r.id for r in resources if r.url and r.phone)


async def open_screen(app, pilot, opener: str, keys: list[str]) -> None:
    if opener == "topic":
        app.open_topic(next(iter(bundled_library().topics)))
    elif opener == "resource":
        app.open_resource(_with_codes())
    elif opener:
        getattr(app, f"open_{opener}")()
    await pilot.pause()
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (40, 20)], ids=["80x24", "40x20"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_character_drawn_is_in_the_console_font(name, size, tmp_path, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    kiosk, opener, keys = SCREENS[name]
    app = _app(kiosk, tmp_path)
    async with app.run_test(size=size) as pilot:
        await open_screen(app, pilot, opener, keys)
        await pilot.pause(0.1)
        text = screen_text(app)
        shown = type(app.screen).__name__
    assert text.strip(), "nothing drawn"
    if "qr code" in name:
        assert shown == "QrScreen"
    if name == "qr code phone" and size == (80, 24):
        assert "\u2588" * 14 in text, "the code is drawn"
    missing = sorted(set(text) - font() - {"\n"})
    assert not missing, f"{name}: not in Lat15-Fixed16: {[f'U+{ord(c):04X} {c}' for c in missing]}"


async def test_other_terminals_keep_half_blocks(tmp_path, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(app, pilot, "resource", ["c"])
        assert set("".join(app.screen.lines)) & {"\u2580", "\u2584"}
        assert not app.has_class("-console-glyphs")


# -- QR codes on the console ----------------------------------------------------------------------
def console_picture(lines: list[str], path: Path) -> Path:
    """A PGM of a console drawing: 8x16-pixel cells, a full block black, dark all around."""
    cell_w, cell_h, pad = 8, 16, 24
    width = len(lines[0]) * cell_w + 2 * pad
    rows = [bytes(width)] * pad
    for line in lines:
        row = bytes(pad) + b"".join(bytes([0 if c == "\u2588" else 255]) * cell_w for c in line)
        rows += [row + bytes(pad)] * cell_h
    rows += [bytes(width)] * pad
    path.write_bytes(f"P5\n{width} {len(rows)}\n255\n".encode() + b"".join(rows))
    return path


async def test_console_qr_code_is_square_full_blocks_and_segnos_matrix(tmp_path, monkeypatch):
    """On a 1024x768 console (128x48 cells) a code is drawn whole, two cells a module."""
    monkeypatch.setenv("TERM", "linux")
    app = make_app(tmp_path)
    async with app.run_test(size=(128, 48)) as pilot:
        await open_screen(app, pilot, "resource", ["c"])
        lines = app.screen.lines
        data = app.screen.current[2]
    assert set("".join(lines)) <= {" ", "\u2588"}
    assert len(lines[0]) == 2 * len(lines)
    grid = qr.read_back(lines, "double")
    border = (len(grid) - len(qr.matrix(data))) // 2
    assert grid == segno_grid(data, border)
    if shutil.which("zbarimg"):
        assert zbar(console_picture(lines, tmp_path / "console.pgm")) == data


def test_every_bundled_code_fits_a_1024x768_console():
    """128x48 cells, the words beside the code (tests/test_qr_console.py: 80x24)."""
    for resource in bundled_library().resources.values():
        for data in filter(None, (resource.url, resource.phone and qr.phone_uri(resource.phone))):
            border = qr.console_border(len(qr.matrix(data)), 128, 48)
            assert border is not None and border >= 2, (resource.id, data)
            lines = qr.lines_for(qr.matrix(data), border, "double")
            assert len(lines) <= 48 and len(lines[0]) + qr.SIDE_COLUMNS <= 128, (resource.id, data)


# -- the content -----------------------------------------------------------------------------------
def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif dataclasses.is_dataclass(obj):
        for field in dataclasses.fields(obj):
            yield from _strings(getattr(obj, field.name))
    elif isinstance(obj, list | tuple):
        for item in obj:
            yield from _strings(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _strings(item)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_character_of_the_content_is_in_the_console_font(lang):
    library = bundled_library()
    if lang != "en":
        from metanav.content.load import bundled_data_dir
        from metanav.content.translation import translate

        library = translate(library, [bundled_data_dir()], lang)
    missing: dict[str, str] = {}
    for table in (library.topics, library.groups, library.questions, library.resources):
        for item_id, item in table.items():
            for text in _strings(item):
                for char in set(text) - font() - {"\n"}:
                    missing.setdefault(f"U+{ord(char):04X} {char}", item_id)
    assert not missing, missing
