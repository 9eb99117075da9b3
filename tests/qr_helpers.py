"""What a drawn QR code must be: segno's own matrix, module for module, and what a real
decoder (zbarimg, as a phone camera would) reads from a picture of it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import segno

from metanav import qr


def segno_grid(data: str, border: int) -> list[list[bool]]:
    """segno's matrix for ``data`` (dark: True), with a light quiet zone ``border`` wide."""
    code = segno.make(data, error="l", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=border)]


def zbar(picture: Path) -> str:
    """What zbarimg reads from a picture (PBM/PGM): the code's text, or "" for nothing."""
    done = subprocess.run(["zbarimg", "-q", "--raw", str(picture)], capture_output=True,
                          text=True, timeout=60)
    return done.stdout.strip()


def zbar_lines(lines: list[str], tmp_path: Path) -> str:
    """Decode drawn QR lines (half blocks) with zbarimg, each module six pixels square."""
    grid = qr.read_back(lines)
    scale = 6
    rows = []
    for row in grid:
        rows += ["".join(("1 " if dark else "0 ") * scale for dark in row)] * scale
    image = tmp_path / "code.pbm"
    image.write_text(f"P1\n{len(grid[0]) * scale} {len(grid) * scale}\n" + "\n".join(rows) + "\n")
    return zbar(image)
