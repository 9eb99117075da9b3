"""Send only the screen cells that changed, like curses and lynx do.

Textual repaints whole regions: opening a screen sends two or three full frames, and a
widget refresh resends every cell of its region even when only a few changed. Over a slow
SSH link every byte counts, so the app keeps a shadow copy of what the terminal shows and
turns each compositor update into the few runs of cells that differ from it. Identical
frames cost nothing. Where a row's runs start and end is in runs.py; how they are written
(only the colours that change, erases for blank runs, short cursor moves) is in paint.py.

When a list or a text scrolls, most rows come back one or more lines higher or lower. As
curses does, the shadow notices that and asks the terminal to move those rows itself (a
scroll region, DECSTBM, and IND or RI: VT100, which every terminal emulator has), then sends
only the rows that are new. One line of scrolling costs about a row instead of a screen.
When most of the screen changes (a new screen opens), it is erased in its most common
background first, and only what is not blank is written.

The shadow is dropped (and the next frame sent in full) when the terminal size changes or
the person asks for a redraw.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console
from rich.segment import Segment
from rich.style import Style

from metanav.tui import moved
from metanav.tui.order import by_pen, nearest
from metanav.tui.paint import Painter
from metanav.tui.pens import Palette, Pen, blank_style, shown_style
from metanav.tui.runs import Run, row_runs, write_run
from metanav.tui.textual_internals import ChopsUpdate, CompositorUpdate, LayoutUpdate

Cell = tuple[str, Style | None]
Row = list[Cell | None]
# Erasing the whole screen first is tried when at least this share of its cells changed.
ERASE_SHARE = 0.3


def cells_of(segments: Iterable[Segment]) -> list[Cell]:
    """One entry per terminal cell; the second cell of a wide character is ("", style).

    A space keeps only what shows of its style (the background, or a line under it), so two
    blanks that look the same are the same and never sent again."""
    cells: list[Cell] = []
    for text, style, control in segments:
        if control or not text:
            continue
        style = shown_style(style)
        if text.isascii():
            if " " in text:
                blank = blank_style(style)
                cells.extend((ch, blank if ch == " " else style) for ch in text)
            else:
                cells.extend((ch, style) for ch in text)
            continue
        for ch in text:
            width = get_character_cell_size(ch)
            if width == 0:
                if cells:  # a combining mark joins the character before it
                    cells[-1] = (cells[-1][0] + ch, cells[-1][1])
                continue
            cells.append((ch, blank_style(style) if ch == " " else style))
            if width == 2:
                cells.append(("", style))
    return cells


class Shadow:
    """What the terminal shows now, cell by cell (None: unknown, must be written), and its
    pen and cursor as the last frame left them (None: unknown)."""

    def __init__(self, bce: bool = True, lines: bool = False, newline: str = "",
                 keep_pen: bool = False) -> None:
        self.width = 0
        self.height = 0
        self.rows: list[Row] = []
        self.bce = bce  # the terminal erases in the pen's background (see paint.py)
        self.lines = lines  # and draws box lines with its line-drawing set
        self.newline = newline  # what a line feed does there (see paint.Painter)
        # Leave the terminal's pen as the last frame left it (the next frame then starts from
        # it): only when whatever else writes to the terminal resets it first.
        self.keep_pen = keep_pen
        self.pen: Pen | None = None
        self.cursor: tuple[int, int] | None = None
        self._palette: Palette | None = None

    def resize(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.invalidate()

    def invalidate(self) -> None:
        self.rows = [[None] * self.width for _ in range(self.height)]
        self.pen = None
        self.cursor = None

    def move_cursor(self, x: int, y: int) -> str:
        """The shortest way from where the last frame left the cursor to ``x``, ``y``."""
        painter = Painter(self.width, self.pen, self.cursor, self.lines, self.newline)
        painter.move(x, y)
        self.cursor = (x, y)
        return painter.text()

    def palette(self, console: Console) -> Palette:
        system = COLOR_SYSTEMS.get(console.color_system or "") or ColorSystem.TRUECOLOR
        if self._palette is None or self._palette.color_system != system:
            self._palette = Palette(system)
        return self._palette

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
        palette = self.palette(console)
        wanted = self._wanted(pieces)
        scrolled: list[str] = []
        moved.scroll(self.rows, wanted, self.width, scrolled)
        if scrolled:
            self.cursor = None  # resetting the region homes it in xterm, not everywhere
        sideways = Painter(self.width, self.pen, self.cursor, self.lines, self.newline)
        moved.shift(self.rows, wanted, sideways)
        if sideways.out:
            scrolled.append(sideways.text())
            self.cursor = (sideways.x, sideways.y)  # type: ignore[assignment]
        changed = sum(sum(1 for a, b in zip(row, self.rows[y], strict=True) if a != b)
                      for y, row in wanted.items())
        if not changed and not scrolled:
            return ""
        plans = [self._plan(wanted, self.rows, palette)]
        if changed >= ERASE_SHARE * self.width * self.height:
            erased = self._erased_plan(wanted, palette)
            if erased is not None:
                plans.append(erased)
        painter, wanted = min(plans, key=lambda plan: plan[0].size())
        painter.finish(reset=not self.keep_pen)
        for y, row in wanted.items():
            self.rows[y] = row
        self.pen = painter.pen
        self.cursor = (painter.x, painter.y) if painter.x is not None else None
        return "".join(scrolled) + painter.text()

    def _wanted(self, pieces: list[tuple[int, int, list[Cell]]]) -> dict[int, Row]:
        """Every row the update touches, as it must look afterwards."""
        width, rows = self.width, self.rows
        wanted: dict[int, Row] = {}
        for y, x, cells in pieces:
            if not 0 <= y < self.height:
                continue
            row = wanted.get(y)
            if row is None:
                row = wanted[y] = list(rows[y])
            lo, hi = max(0, x), min(width, x + len(cells))
            row[lo:hi] = cells[lo - x:hi - x]
        return wanted

    # -- planning the writes -------------------------------------------------------------------
    def _plan(self, wanted: dict[int, Row], before, palette: Palette,
              painter: Painter | None = None) -> tuple[Painter, dict[int, Row]]:
        """Write the runs row by row, or pen by pen (all the text in one colour, then the
        next: fewer colour changes, more cursor moves); erase lines only where the rest is
        blank, or also over cells written again afterwards; whichever is shortest."""
        best: Painter | None = None
        for overlap in (False, True):
            runs: list[Run] = []
            for y in sorted(wanted):
                runs.extend(row_runs(y, wanted[y], None if before is None else before[y],
                                     palette, overlap, self.width, self.bce))
            if overlap and not any(run.follows for run in runs):
                break  # the same runs again
            for order in (runs, by_pen(runs, self.pen if painter is None else painter.pen),
                          None):
                attempt = Painter(self.width, self.pen, self.cursor, self.lines, self.newline)
                if painter is not None:
                    attempt.pen, attempt.x, attempt.y, attempt.out = (
                        painter.pen, painter.x, painter.y, list(painter.out))
                if order is None:
                    order = nearest(attempt, runs)
                for run in order:
                    write_run(attempt, run, wanted[run.y], self.bce)
                if best is None or attempt.size() < best.size():
                    best = attempt
                if len(runs) < 2:
                    break  # one order is as good as the other
        return best, wanted  # type: ignore[return-value]

    def _erased_plan(self, wanted: dict[int, Row],
                     palette: Palette) -> tuple[Painter, dict[int, Row]] | None:
        """Erase the whole screen in its most common blank, then write what is not blank."""
        rows = [wanted.get(y) or self.rows[y] for y in range(self.height)]
        if any(None in row for y, row in enumerate(rows) if y not in wanted):
            return None  # the erase would wipe rows this update does not send again
        counts: Counter = Counter(cell for row in rows for cell in row
                                  if cell is not None and cell[0] == " ")
        for blank, _ in counts.most_common(3):
            pen = palette.pen(blank[1])
            if pen.erases and (self.bce or pen.bg == "49"):
                break
        else:
            return None
        # What nobody knew is blank now.
        full = {y: [blank if cell is None else cell for cell in row] for y, row in enumerate(rows)}
        painter = Painter(self.width, self.pen, self.cursor, self.lines, self.newline)
        painter.use_background(pen.bg)
        painter.erase_screen()
        cleared = [[blank] * self.width for _ in range(self.height)]
        return self._plan(full, cleared, palette, painter)
