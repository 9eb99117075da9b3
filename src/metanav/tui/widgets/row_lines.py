"""The rows of a :class:`~metanav.tui.widgets.lean_list.LeanList` and the screen lines they
take: which line shows which row, which row an arrow or Page Down lands on.

Plain Python (no Textual), so the list widget keeps only drawing, scrolling and keys.

- Without wrapping a row is one line: line ``n`` is row ``n``, and nothing is built per row
  (a list can hold 100,000 resources, read from their table only when drawn).
- With wrapping (questions, search results) a long row takes as many lines as its words need
  at the list's width; :meth:`RowLines.wrap_to` works them out again when the width changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from metanav.content.text import wrap
from metanav.tui.widgets.list_row import Row


class RowLines:
    """A list's rows, and the lines they take once wrapped to a width."""

    def __init__(self, wrap: bool) -> None:
        self.wrap = wrap
        self.rows: Sequence[Row] = ()
        self.width = 0  # the width the rows were wrapped to (0: not wrapped yet)
        self._starts: list[int] = []  # first line of each row (wrap mode only)
        self._lines: list[tuple[int, str]] = []  # (row index, text) per line (wrap mode only)

    # -- changing the rows ------------------------------------------------------------------
    def replace_all(self, rows: Sequence[Row], keep: str | None, old: int | None) -> int | None:
        """Take new rows, to be wrapped again. Returns the row to highlight: the one with key
        ``keep`` if given, else the one at position ``old`` (clamped), else the first one that
        can be chosen."""
        self.rows = rows
        self._rewrap()
        target: int | None = None
        if keep is not None:
            target = next((i for i, r in enumerate(rows) if r.key == keep and r.selectable), None)
        if target is None and old is not None and rows:
            target = self.nearest_selectable(min(old, len(rows) - 1))
        if target is None:
            target = self.nearest_selectable(0)
        return target

    def replace(self, index: int, row: Row) -> None:
        """Change one row (to be wrapped again)."""
        if not isinstance(self.rows, list):
            self.rows = list(self.rows)
        self.rows[index] = row
        self._rewrap()

    def _rewrap(self) -> None:
        """Wrap new rows at once, to the width the old ones had: a row's lines are asked for
        (a screen reader's highlight is shown) before the list lays itself out again, and
        lines left from the old rows were an IndexError that ended a kiosk."""
        if self.wrap:
            self.wrap_to(self.width or 76)

    def wrap_to(self, width: int) -> None:
        self.width = width
        self._starts = []
        self._lines = []
        for index, row in enumerate(self.rows):
            self._starts.append(len(self._lines))
            parts = wrap(row.text, max(4, width)) if row.text else [""]
            self._lines.extend((index, part) for part in parts)

    def wrap_beside_bar(self, wide: int, narrow: int, fits: int, bar_now: bool) -> int:
        """Wrap to the width the rows will have once the scroll bar comes or goes with them
        (``narrow``, beside a bar, when they are more lines than ``fits``; else ``wide``), not
        to the width they have now: rows wrapped to the old width were drawn, then wrapped and
        drawn again a frame later (a search keystroke whose results went from a few to a
        page). Returns the width wrapped to."""
        width = narrow if bar_now else wide
        if width != self.width:
            self.wrap_to(width)
        if (self.total > fits) != (width == narrow):  # the bar will not be as guessed
            width = wide if width == narrow else narrow
            self.wrap_to(width)
        return width

    # -- lines and rows ---------------------------------------------------------------------
    @property
    def total(self) -> int:
        """How many lines the rows take."""
        return len(self._lines) if self.wrap else len(self.rows)

    def wrapped_line(self, line: int) -> tuple[int, str]:
        """Line ``line`` once wrapped: the row it belongs to and its words (wrap mode only)."""
        return self._lines[line]

    def row_at(self, line: int) -> int | None:
        """The row line ``line`` belongs to (None below the last)."""
        if self.wrap:
            return self._lines[line][0] if line < len(self._lines) else None
        return line if line < len(self.rows) else None

    def first_line(self, index: int) -> int:
        return self._starts[index] if self.wrap else index

    def line_count(self, index: int) -> int:
        if not self.wrap:
            return 1
        end = self._starts[index + 1] if index + 1 < len(self._starts) else len(self._lines)
        return end - self._starts[index]

    def heading_above(self, index: int) -> bool:
        return index > 0 and self.rows[index - 1].heading

    def span_with_heading(self, index: int) -> tuple[int, int]:
        """First line and number of lines of row ``index``, and of the heading just above it
        if there is one (shown with the first item of its group)."""
        first, height = self.first_line(index), self.line_count(index)
        if self.heading_above(index):
            first -= self.line_count(index - 1)
            height += self.line_count(index - 1)
        return first, height

    def index_of(self, key: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.key == key), None)

    # -- where a key lands ------------------------------------------------------------------
    def nearest_selectable(self, start: int, step: int = 1) -> int | None:
        """The first row from ``start`` on that can be chosen (not a heading), looking in the
        direction of ``step`` first, then the other way."""
        rows = self.rows
        if not rows:
            return None
        start = max(0, min(start, len(rows) - 1))
        for i in range(start, len(rows) if step > 0 else -1, step):
            if rows[i].selectable:
                return i
        for i in range(start, -1 if step > 0 else len(rows), -step):
            if rows[i].selectable:
                return i
        return None

    def next_selectable(self, index: int | None, delta: int) -> int | None:
        """The next row down (``delta`` 1) or up (-1) from ``index`` that can be chosen; None
        at either end."""
        rows = self.rows
        if not rows:
            return None
        start = (index if index is not None else -1) + delta
        step = 1 if delta > 0 else -1
        for i in range(max(0, start) if step > 0 else min(start, len(rows) - 1),
                       len(rows) if step > 0 else -1, step):
            if rows[i].selectable:
                return i
        return None

    def row_lines_away(self, index: int, count: int) -> int:
        """The row ``count`` lines below row ``index``'s first line (above, when negative),
        kept within the list: where Page Down and Page Up land."""
        if self.wrap:
            line = max(0, min(self._starts[index] + count, len(self._lines) - 1))
            return self._lines[line][0]
        return max(0, min(index + count, len(self.rows) - 1))
