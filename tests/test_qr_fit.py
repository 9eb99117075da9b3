"""Every bundled resource's QR codes fit an 80x24 screen whole, and a real decoder reads them.

The codes are drawn as the QR screen draws them at 80x24 (21 rows below and above its title,
status line and key bar), then turned into a picture of a terminal: each character cell 8 pixels
wide and 16 high, a half block lighting its half, inside a dark surround (a dark colour theme),
and read with zbarimg as a phone camera would. Without zbarimg, the drawing is compared with
segno's own matrix module for module.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from metanav import qr
from metanav.tui.screens.qr import resource_codes
from tui_helpers import bundled_library

COLS, ROWS = 80, 24
CODE_ROWS = ROWS - 3  # title, status line, key bar
CELL_W, CELL_H = 8, 16
_PIXELS = {" ": (0, 0), "\u2580": (1, 0), "\u2584": (0, 1), "\u2588": (1, 1)}


def every_code() -> list[tuple[str, str]]:
    return [(f"{r.id} {code.label}", code.data)
            for r in bundled_library().resources.values()
            for code in resource_codes(r)]


def drawn_at_80x24(data: str) -> list[str]:
    modules = qr.matrix(data)
    return qr.half_block_lines(modules, qr.border_for(len(modules), CODE_ROWS))


def terminal_picture(lines: list[str], path: Path, surround: int = 3) -> Path:
    """A PGM of the cells as a terminal shows them: black ink on white paper, dark around."""
    width = (len(lines[0]) + 2 * surround) * CELL_W
    dark_rows = [bytes(width)] * (surround * CELL_H)
    rows: list[bytes] = list(dark_rows)
    for line in lines:
        for half in (0, 1):
            row = bytearray(surround * CELL_W)
            for char in line:
                ink = _PIXELS[char][half]
                row += bytes([0 if ink else 255]) * CELL_W
            row += bytes(surround * CELL_W)
            rows += [bytes(row)] * (CELL_H // 2)
    rows += dark_rows
    path.write_bytes(f"P5\n{width} {len(rows)}\n255\n".encode() + b"".join(rows))
    return path


@pytest.mark.parametrize("name, data", every_code(), ids=[n for n, _ in every_code()])
def test_code_fits_80x24_and_is_segnos_matrix(name, data):
    lines = drawn_at_80x24(data)
    assert len(lines) <= CODE_ROWS, f"{name}: {len(lines)} rows ({len(data)} characters)"
    assert max(map(len, lines)) <= COLS
    grid = qr.read_back(lines)
    border = (len(grid[0]) - len(qr.matrix(data))) // 2
    assert border >= 2
    code = segno.make(data, error="l", micro=False)
    expected = [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=border)]
    assert grid[: len(expected)] == expected


@pytest.mark.skipif(shutil.which("zbarimg") is None,
                    reason="zbarimg is not installed (apt-get install zbar-tools)")
@pytest.mark.parametrize("name, data", every_code(), ids=[n for n, _ in every_code()])
def test_code_drawn_at_80x24_scans(name, data, tmp_path):
    picture = terminal_picture(drawn_at_80x24(data), tmp_path / "screen.pgm")
    done = subprocess.run(["zbarimg", "-q", "--raw", str(picture)], capture_output=True,
                          text=True, timeout=60)
    assert done.stdout.strip() == data, f"{name}: {done.stderr.strip()}"


def test_a_code_that_cannot_fit_is_told_apart():
    """The test above can fail: the old 152-character address needed 25 rows."""
    old = ("https://www.cancer.net/es/desplazarse-por-atenci%C3%B3n-del-c%C3%A1ncer/conceptos-"
           "b%C3%A1sicos-sobre-el-c%C3%A1ncer/%C2%BFqu%C3%A9-es-la-met%C3%A1stasis")
    assert len(drawn_at_80x24(old)) > CODE_ROWS
