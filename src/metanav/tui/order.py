"""In which order the runs of a frame are written (see delta.py): each order costs other
cursor moves and other pen changes, and the shortest result is sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from metanav.tui.paint import Painter
from metanav.tui.pens import Pen, change

if TYPE_CHECKING:
    from metanav.tui.runs import Run


def by_pen(runs: list[Run], pen: Pen | None) -> list[Run]:
    """The runs grouped by pen: erases first, then each next pen the one that costs least to
    change to. A run that overlaps an erase (Run.follows) must come after it: if its group
    does not, it is written at the very end."""

    def key(run: Run) -> object:
        return run.pen if run.pen is not None else ("blank", run.bg)

    def grouped(some: list[Run], pen: Pen | None) -> list[list[Run]]:
        groups: dict[object, list[Run]] = {}
        for run in some:
            groups.setdefault(key(run), []).append(run)
        ordered = [group for k, group in groups.items() if not isinstance(k, Pen)]
        pens = [k for k in groups if isinstance(k, Pen)]
        if ordered:
            pen = None  # whatever the erases leave
        while pens:
            pen = min(pens, key=lambda p: len(change(pen, p)))
            pens.remove(pen)
            ordered.append(groups[pen])
        return ordered

    groups = grouped(runs, pen)
    place = {id(run): n for n, group in enumerate(groups) for run in group}
    late = [run for run in runs if run.follows is not None
            and place[id(run)] <= place[id(run.follows)]]
    if not late:
        return [run for group in groups for run in group]
    ids = {id(run) for run in late}
    first = [run for group in groups for run in group if id(run) not in ids]
    return first + [run for group in grouped(late, None) for run in group]


def nearest(painter: Painter, runs: list[Run]) -> Iterator[Run]:
    """The runs in the order that, each time, goes on with the one that costs least to get
    to: the cursor move plus the pen change. Only one run of each pen is weighed: the next
    one on from the cursor (a run that overlaps an erase waits for it)."""
    groups: dict[object, list[Run]] = {}
    for run in runs:
        groups.setdefault(run.pen if run.pen is not None else ("blank", run.bg), []).append(run)
    done: set[int] = set()
    changes: dict = {}
    for _ in range(len(runs)):
        here = (painter.y if painter.y is not None else -1, painter.x or 0)
        best, best_cost = None, 0
        for group in groups.values():
            ready = [run for run in group
                     if run.follows is None or id(run.follows) in done]
            if not ready:
                continue
            run = next((r for r in ready if (r.y, r.start) >= here), ready[0])
            pen = painter.pen
            if run.pen is not None:
                cost = changes.get((pen, run.pen))
                if cost is None:
                    cost = changes[pen, run.pen] = len(change(pen, run.pen))
            elif pen is not None and pen.bg == run.bg and pen.erases:
                cost = 0
            else:
                cost = 12
            cost += len(painter.move_code(run.start, run.y))
            if best is None or cost < best_cost:
                best, best_cost = run, cost
        if best is None:  # never: every erase a run waits for is itself ready
            yield from (run for group in groups.values() for run in group)
            return
        for key, group in groups.items():
            if best in group:
                group.remove(best)
                if not group:
                    del groups[key]
                break
        done.add(id(best))
        yield best
