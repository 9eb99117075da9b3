"""Send only the screen cells that changed, like curses and lynx do.

Textual repaints whole regions: opening a screen sends two or three full frames, and a
widget refresh resends every cell of its region even when only a few changed. Over a slow
SSH link every byte counts, so the app keeps a shadow copy of what the terminal shows and
turns each compositor update into the few runs of cells that differ from it. Identical
frames cost nothing.

The shadow is dropped (and the next frame sent in full) when the terminal size changes or
the person asks for a redraw.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

Cell = tuple[str, Style | None]
# Rewriting a short unchanged gap is cheaper than a new cursor move (about 8 bytes).
GAP = 6
_move_cache: dict[tuple[int, int], str] = {}


def move_to(x: int, y: int) -> str:
    sequence = _move_cache.get((x, y))
    if sequence is None:
        sequence = _move_cache[(x, y)] = f"\x1b[{y + 1};{x + 1}H"
    return sequence


def cells_of(segments: Iterable[Segment]) -> list[Cell]:
    """One entry per terminal cell; the second cell of a wide character is ("", style)."""
    cells: list[Cell] = []
    for text, style, control in segments:
        if control or not text:
            continue
        if text.isascii():
            cells.extend((ch, style) for ch in text)
            continue
        for ch in text:
            width = get_character_cell_size(ch)
            if width == 0:
                if cells:  # a combining mark joins the character before it
                    cells[-1] = (cells[-1][0] + ch, cells[-1][1])
                continue
            cells.append((ch, style))
            if width == 2:
                cells.append(("", style))
    return cells


class DeltaUpdate(CompositorUpdate):
    """A compositor update reduced to the changed cells, rendered ahead of time."""

    def __init__(self, data: str) -> None:
        self.data = data

    def render_segments(self, console: Console) -> str:
        return self.data


class Shadow:
    """What the terminal shows now, cell by cell (None: unknown, must be written)."""

    def __init__(self) -> None:
        self.width = 0
        self.height = 0
        self.rows: list[list[Cell | None]] = []

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.invalidate()

    def invalidate(self) -> None:
        self.rows = [[None] * self.width for _ in range(self.height)]

    # -- turning updates into (y, x, cells) pieces -------------------------------------------
    @staticmethod
    def pieces(update: CompositorUpdate) -> list[tuple[int, int, list[Cell]]] | None:
        if isinstance(update, LayoutUpdate):
            x = update.region.x
            return [
                (y, x, cells_of(seg for strip in line for seg in strip))
                for y, line in enumerate(update.strips, update.region.y)
            ]
        if isinstance(update, ChopsUpdate):
            out = []
            for y, x1, x2 in update.spans:
                line = update.chops[y]
                ends = update.chop_ends[y]
                for end, (x, strip) in zip(ends, line.items(), strict=False):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    if not (x2 > x >= x1 and end <= x2):
                        strip = strip.crop(0, min(end, x2) - x)
                    out.append((y, x, cells_of(strip)))
            return out
        return None  # something we do not understand: let Textual write it as it is

    def diff(self, update: CompositorUpdate, console: Console) -> str | None:
        """The bytes that bring the terminal from the shadow to ``update``; None if unknown."""
        pieces = self.pieces(update)
        if pieces is None:
            self.invalidate()
            return None
        out: list[str] = []
        for y, x, cells in pieces:
            if not 0 <= y < self.height:
                continue
            row = self.rows[y]
            end = min(self.width, x + len(cells))
            run_start = -1
            last_changed = -1
            for i in range(max(0, x), end):
                cell = cells[i - x]
                if row[i] != cell:
                    if run_start < 0:
                        run_start = i
                    elif i - last_changed > GAP:
                        self._emit(out, y, run_start, last_changed + 1, row, x, cells, console)
                        run_start = i
                    last_changed = i
            if run_start >= 0:
                self._emit(out, y, run_start, last_changed + 1, row, x, cells, console)
        return "".join(out)

    def _emit(
        self,
        out: list[str],
        y: int,
        start: int,
        stop: int,
        row: list[Cell | None],
        x: int,
        cells: list[Cell],
        console: Console,
    ) -> None:
        # Never start on the right half of a wide character, nor end inside one.
        while start > x and cells[start - x][0] == "":
            start -= 1
        while stop - x < len(cells) and stop < self.width and cells[stop - x][0] == "":
            stop += 1
        segments: list[Segment] = []
        text: list[str] = []
        style: Style | None = None
        for i in range(start, stop):
            ch, cell_style = cells[i - x]
            row[i] = (ch, cell_style)
            if cell_style != style and text:
                segments.append(Segment("".join(text), style))
                text = []
            style = cell_style
            text.append(ch)
        if text:
            segments.append(Segment("".join(text), style))
        out.append(move_to(start, y))
        out.append(Strip(segments).render(console))
