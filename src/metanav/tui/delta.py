"""Send only the screen cells that changed, like curses and lynx do.

Textual repaints whole regions: opening a screen sends two or three full frames, and a
widget refresh resends every cell of its region even when only a few changed. Over a slow
SSH link every byte counts, so the app keeps a shadow copy of what the terminal shows and
turns each compositor update into the few runs of cells that differ from it. Identical
frames cost nothing.

When a list or a text scrolls, most rows come back one or more lines higher or lower. As
curses does, the shadow notices that and asks the terminal to move those rows itself (a
scroll region, DECSTBM, and IND or RI: VT100, which every terminal emulator has), then sends
only the rows that are new. One line of scrolling costs about a row instead of a screen.

The shadow is dropped (and the next frame sent in full) when the terminal size changes or
the person asks for a redraw.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from metanav.tui.textual_internals import ChopsUpdate, CompositorUpdate, LayoutUpdate

Cell = tuple[str, Style | None]
# Rewriting a short unchanged gap is cheaper than a new cursor move (about 8 bytes).
GAP = 6
# Scrolling pays when at least this many rows come back moved: the commands cost ~20 bytes.
MIN_MOVED_ROWS = 3
# Columns at the right edge left out when rows are matched: scroll bars change as rows move.
EDGE = 2
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
        pieces = self._scroll(pieces, out)
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

    # -- scrolling ---------------------------------------------------------------------------
    def _scroll(self, pieces: list[tuple[int, int, list[Cell]]],
                out: list[str]) -> list[tuple[int, int, list[Cell]]]:
        """If rows of the update are rows of the shadow moved up or down, scroll them there.

        Returns the pieces to diff afterwards: every row of the scrolled region is compared
        again in full, so whatever the scroll did not get right is sent as usual.
        """
        if len({y for y, _, _ in pieces}) < 2 * MIN_MOVED_ROWS:
            return pieces  # an arrow or a keystroke: too few rows for a scroll (the usual case)
        width, rows = self.width, self.rows
        wanted: dict[int, list[Cell | None]] = {}
        for y, x, cells in pieces:
            if not 0 <= y < self.height:
                continue
            row = wanted.get(y)
            if row is None:
                row = wanted[y] = list(rows[y])
            lo, hi = max(0, x), min(width, x + len(cells))
            row[lo:hi] = cells[lo - x:hi - x]
        changed = [y for y, row in wanted.items() if row != rows[y]]
        if len(changed) < 2 * MIN_MOVED_ROWS:
            return pieces
        top, bottom = min(changed), max(changed)
        # Where each distinct old row was (rows that occur twice, blank ones say, prove nothing).
        edge = max(1, width - EDGE)
        seen: dict[tuple, int] = {}
        for y in range(top, bottom + 1):
            if None in rows[y]:
                return pieces  # part of the screen is unknown: no scrolling on guesswork
            key = tuple(rows[y][:edge])
            seen[key] = -1 if key in seen else y
        votes: dict[int, list[int]] = {}
        for y in changed:
            old_y = seen.get(tuple(wanted[y][:edge]), -1)
            if old_y >= 0 and old_y != y:
                votes.setdefault(old_y - y, []).append(y)
        if not votes:
            return pieces
        shift, moved = max(votes.items(), key=lambda item: len(item[1]))
        if len(moved) < MIN_MOVED_ROWS:
            return pieces
        # The region holds the moved rows where they were and where they go.
        first = min(moved) + min(shift, 0)
        last = max(moved) + max(shift, 0)
        first, last = max(first, top), min(last, bottom)
        if last - first < abs(shift):
            return pieces
        out.append(f"\x1b[{first + 1};{last + 1}r")
        if shift > 0:  # content moves up: line feeds (IND) at the bottom of the region
            out.append(move_to(0, last) + "\x1bD" * shift)
        else:  # content moves down: reverse line feeds (RI) at its top
            out.append(move_to(0, first) + "\x1bM" * -shift)
        out.append("\x1b[r")  # the whole screen scrolls again (this also homes the cursor)
        before = {y: rows[y] for y in range(first, last + 1)}
        for y in range(first, last + 1):
            source = y + shift
            rows[y] = list(before[source]) if first <= source <= last else [None] * width
        # Every row of the region must end up as the update wants it, or as it was before;
        # rows outside it are diffed as they came.
        region = [(y, 0, wanted[y] if y in wanted else list(before[y]))
                  for y in range(first, last + 1)]
        return [p for p in pieces if not first <= p[0] <= last] + region  # type: ignore[misc]

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
