"""Runs: the changed cells of one row, in stretches that are each written in one pen.

The shadow (delta.py) knows which cells of a row must change. Here they become runs: the
changed cells and any short unchanged gap between them (rewriting 3 cells is cheaper than a
cursor move), cut where the pen changes. Where the rest of a row is blank, a run ends with an
erase to the end of the line (EL) instead of spaces. order.py decides in which order the
runs are written; ``write_run`` writes one with a Painter (paint.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from metanav.tui.paint import Painter
from metanav.tui.pens import Palette, Pen

if TYPE_CHECKING:
    from metanav.tui.delta import Row

# Rewriting a short unchanged gap is cheaper than a cursor move (3-5 bytes).
GAP = 3
# An erase to the end of a line starts where at least this many blanks do (or the line ends).
ERASE_FROM = 4


class Run:
    """Cells ``start``..``stop`` of row ``y`` written in one pen (None: blanks only, any pen
    with background ``bg``), then perhaps an erase to the end of the line."""

    __slots__ = ("y", "start", "stop", "pen", "bg", "erase_to_end", "follows")

    def __init__(self, y: int, start: int, pen: Pen | None, bg: str) -> None:
        self.y, self.start, self.stop, self.pen, self.bg = y, start, start, pen, bg
        self.erase_to_end = False
        self.follows: Run | None = None  # written after this run's erase, which it overlaps


def row_runs(y: int, want: Row, old: Row | None, palette: Palette, overlap: bool,
             width: int, bce: bool) -> list[Run]:
    """The runs that bring row ``y`` from ``old`` (None: unknown) to ``want``; with
    ``overlap``, an erase may also go over cells that are written again after it."""
    changed = [i for i in range(width) if old is None or want[i] != old[i]]
    if not changed:
        return []
    # Where an erase to the end of the line (EL) may start, and in which background: every
    # cell after it must be blank in that background, or be written again after the erase.
    erase_bg: list[str | None] = [None] * width
    again = set(changed)
    forced = None  # the background of the unchanged blanks the erase would go over
    blanks, blanks_bg = 0, None  # the blanks from here on, in one background
    for i in range(width - 1, -1, -1):
        cell = want[i]
        pen = palette.pen(cell[1]) if cell is not None else None
        blank = pen is not None and cell[0] == " " and pen.erases and (  # type: ignore[index]
            bce or pen.bg == "49")
        bg = pen.bg if pen is not None else None
        blanks = (blanks + 1 if blanks_bg == bg else 1) if blank else 0
        blanks_bg = bg if blank else None
        if i not in again or not overlap:
            if not blank or forced not in (None, bg):
                break
            forced = bg
        # Worth it where a stretch of blanks starts, not at a space between two words.
        if blank and forced in (None, bg) and (blanks >= ERASE_FROM or i + blanks == width):
            erase_bg[i] = bg
    runs = spans(y, want, changed, palette, width, erase_bg)
    if runs and runs[-1].erase_to_end:
        # What the erase did not paint is written after it.
        erased, bg = runs[-1], runs[-1].bg if runs[-1].pen is None else runs[-1].pen.bg
        rest = [i for i in changed if i > erased.stop and not (
            want[i] is not None and want[i][0] == " "  # type: ignore[index]
            and palette.pen(want[i][1]).erases  # type: ignore[index]
            and palette.pen(want[i][1]).bg == bg)]  # type: ignore[index]
        for run in spans(y, want, rest, palette, width, None):
            run.follows = erased
            runs.append(run)
    return runs

def spans(y: int, want: Row, changed: list[int], palette: Palette, width: int,
          erase_bg: list[str | None] | None) -> list[Run]:
    """Runs that write the ``changed`` cells (and short gaps between them); with
    ``erase_bg``, the first blank where an erase may start ends them with the erase."""
    runs: list[Run] = []
    stretches: list[list[int]] = []
    for i in changed:
        if stretches and i - stretches[-1][1] <= GAP:
            stretches[-1][1] = i + 1
        else:
            stretches.append([i, i + 1])
    for start, stop in stretches:
        while start > 0 and want[start] is not None and want[start][0] == "":
            start -= 1
        while stop < width and want[stop] is not None and want[stop][0] == "":
            stop += 1
        if runs and runs[-1].erase_to_end:
            break  # the erase already took care of the rest of the row
        run: Run | None = None
        for i in range(start, stop):
            cell = want[i]
            ch, style = cell if cell is not None else (" ", None)
            pen = palette.pen(style)
            blank = ch == " " and pen.erases
            if run is not None:
                run_bg = run.pen.bg if run.pen is not None else run.bg
                run_erases = run.pen is None or run.pen.erases
                if blank and run_erases and run_bg == pen.bg:
                    pass
                elif not blank and (run.pen == pen or (
                        run.pen is None and run.bg == pen.bg and pen.erases)):
                    run.pen = pen
                else:
                    run.stop = i
                    runs.append(run)
                    run = None
            if run is None:
                run = Run(y, i, None if blank else pen, pen.bg)
            if not blank:
                run.stop = i + 1
            elif (erase_bg is not None and erase_bg[i] == pen.bg
                  and (run.pen is None or run.pen.erases)):
                run.erase_to_end = True  # the rest of the row is blank: erase it
                break
            else:
                run.stop = i + 1
        if run is not None:
            runs.append(run)
    return runs

def write_run(painter: Painter, run: Run, want: Row, bce: bool) -> None:
    """Write one run: its cells, short stretches of blanks erased (ECH) where that is
    shorter, and the erase to the end of the line if it has one."""
    y, i, stop = run.y, run.start, run.stop
    if run.pen is not None:
        painter.move(i, y)
        painter.use(run.pen)
    elif i < stop or run.erase_to_end:
        painter.move(i, y)
        painter.use_background(run.bg)
    text: list[str] = []
    written = 0
    while i < stop:
        cell = want[i]
        ch = cell[0] if cell is not None else " "
        if ch == " ":
            blanks = i + 1
            while blanks < stop and (want[blanks] or (" ",))[0] == " ":
                blanks += 1
            count = blanks - i
            erase = "\x1b[X" if count == 1 else f"\x1b[{count}X"
            after = painter.move_code(blanks, y) if blanks < stop else ""
            if (run.pen is None or run.pen.erases) and len(erase) + len(after) < count and (
                    bce or run.bg == "49"):
                painter.write("".join(text), written)
                text, written = [], 0
                painter.erase_cells(count)
                if blanks < stop:
                    painter.move(blanks, y)
                i = blanks
                continue
            text.append(" " * count)
            written += count
            i = blanks
            continue
        text.append(ch)
        written += 1 if ch else 0
        if ch and i + 1 < len(want) and want[i + 1] is not None and want[i + 1][0] == "":
            written += 1
        i += 1
    if text:
        painter.write("".join(text), written)
    if run.erase_to_end:
        painter.erase_line()
