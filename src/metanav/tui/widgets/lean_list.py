"""LeanList: a keyboard list that draws only visible rows and repaints only rows that change.

Stock Textual lists repaint most of their rows for every arrow key (3-5 KB over the wire).
Over a slow SSH link that is the difference between a snappy and a sluggish app, so this list
uses the Line API: moving the highlight refreshes the old and the new row, nothing else.

- Rows are plain text (never markup). A row may be a heading (not selectable).
- The highlighted row is shown by attributes only (colours; reverse video without colour),
  never by a moving mark: a row's text stays the same when the highlight comes or goes, so a
  screen reader reads only the row it lands on.
- With ``wrap=True`` long rows wrap onto several lines (for questions); otherwise a row is one
  line, cut with an ellipsis (for lists that can hold 100,000 resources). Which line shows
  which row, and where a key lands, is worked out in :mod:`~metanav.tui.widgets.row_lines`.
- The real terminal cursor is moved to the highlighted row, so braille displays and console
  screen readers follow it.
- With the screen-reader setting, a list shows only the rows its highlight has been on since
  the screen was opened (and the heading above each): a console screen reader speaks every
  line of new text, so opening a screen is heard as its title and the focused item, and each
  move as the one new item, not the whole list again.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from metanav.content.text import wrap
from metanav.i18n import N_, _
from metanav.tui.textual_internals import set_content_size
from metanav.tui.widgets.list_row import Row, one_line
from metanav.tui.widgets.row_lines import RowLines


class _ListMessage(Message):
    def __init__(self, lean_list: LeanList, index: int) -> None:
        super().__init__()
        self.lean_list = lean_list
        self.index = index

    @property
    def control(self) -> LeanList:
        return self.lean_list


class LeanList(ScrollView, can_focus=True):
    """A lean, keyboard-driven list of text rows."""

    BINDINGS = [
        Binding("up", "cursor_up", N_("Up"), show=False),
        Binding("down", "cursor_down", N_("Down"), show=False),
        Binding("pageup", "page_up", N_("Page Up"), show=False),
        Binding("pagedown", "page_down", N_("Page Down"), show=False),
        Binding("home", "first", N_("First"), show=False),
        Binding("end", "last", N_("Last"), show=False),
        Binding("enter", "select", N_("Open"), show=False),
    ]

    COMPONENT_CLASSES = {"lean-list--highlight", "lean-list--heading"}

    DEFAULT_CSS = """
    LeanList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    """

    class Highlighted(_ListMessage):
        """The highlight moved to row ``index``."""

    class Selected(_ListMessage):
        """Enter (or a click) on row ``index``."""

    def __init__(
        self,
        rows: Sequence[Row] = (),
        *,
        wrap: bool = False,
        empty_text: str = N_("Nothing here yet."),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.empty_text = empty_text
        self.row_lines = RowLines(wrap)
        self.highlighted: int | None = None
        self._shown: set[int] = set()  # rows shown so far (screen-reader setting)
        self.set_rows(rows)

    # -- data --------------------------------------------------------------------------------
    @property
    def rows(self) -> Sequence[Row]:
        return self.row_lines.rows

    @property
    def highlighted_row(self) -> Row | None:
        if self.highlighted is None or not self.rows:
            return None
        return self.rows[self.highlighted]

    def set_rows(self, rows: Sequence[Row], *, keep: str | None = None) -> None:
        """Replace the rows. The highlight stays on the row with key ``keep`` if given, else
        on the same position (clamped), else on the first selectable row."""
        target = self.row_lines.replace_all(rows, keep, self.highlighted)
        self.highlighted = target
        self._shown = set()
        self._show(target)
        self._relayout()
        self.refresh()
        self._scroll_to_highlight()
        self._place_cursor()

    def update_row(self, index: int, row: Row) -> None:
        """Change one row's text in place, repainting only that row when its height holds."""
        old_lines = self.row_lines.line_count(index)
        self.row_lines.replace(index, row)
        if self.row_lines.wrap:
            self._relayout()
            if self.row_lines.line_count(index) != old_lines:
                self.refresh()
                return
        self._refresh_row(index)

    # -- layout ------------------------------------------------------------------------------
    @property
    def _text_width(self) -> int:
        return max(4, self.scrollable_content_region.width - 2)

    def _relayout(self) -> None:
        width = self._text_width if self.is_mounted else self._likely_text_width()
        if self.row_lines.wrap:
            if self._bar_may_change():
                width = self._wrap_beside_bar()
            elif width != self.row_lines.width:
                self.row_lines.wrap_to(width)
        lines = max(self.row_lines.total, 1)
        size = Size(self.scrollable_content_region.width or width + 2, lines)
        if size == self.virtual_size:
            return
        if self.is_mounted and not self.styles.height.is_auto:
            # The list's own size does not depend on its rows: no need to lay out the whole
            # screen (which put every filter keystroke a frame later), only the scroll bar.
            set_content_size(self, size)
        else:
            self.virtual_size = size

    def _bar_may_change(self) -> bool:
        return (self.is_mounted and self.styles.overflow_y == "auto"
                and not self.styles.height.is_auto and bool(self.styles.scrollbar_size_vertical))

    def _wrap_beside_bar(self) -> int:
        wide = max(4, self.region.shrink(self.styles.gutter).width - 2)  # with no bar
        narrow = max(4, wide - self.styles.scrollbar_size_vertical)
        return self.row_lines.wrap_beside_bar(wide, narrow, self.container_size.height,
                                              self.show_vertical_scrollbar)

    def _likely_text_width(self) -> int:
        """Before the list has a size: the width a full-width list with a scroll bar gets.
        Wrapping to it from the start saves a rewrap (and a frame) once the size is known."""
        try:
            return max(4, self.app.size.width - 4)  # focus column, scroll bar, "> " marker
        except Exception:  # noqa: BLE001 - no app yet (a list made outside one)
            return 76

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_to_highlight()
        self._place_cursor()

    # -- drawing -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_no = y + int(self.scroll_offset.y)
        base = self.rich_style
        rows = self.rows
        if not rows:  # the words for an empty list, wrapped (never cut) to the width
            lines = wrap(_(self.empty_text), max(4, width - 2))
            text = lines[line_no] if line_no < len(lines) else ""
            return Strip([Segment(set_cell_size(f"  {text}", width), base)], width)
        if line_no >= self.row_lines.total:
            return Strip.blank(width, base)
        if self.row_lines.wrap:
            index, text = self.row_lines.wrapped_line(line_no)
        else:
            index = line_no
            text = one_line(rows[index], width - 2, self._reader())
        row = rows[index]
        if index not in self._shown and not self.whole and self._reader():
            return Strip.blank(width, base)
        if row.heading:
            # Underlined under its words, as a topic's own headings are: not across the
            # whole width (up to 75 underlined blanks a heading to send over SSH).
            style = base + self.get_component_rich_style("lean-list--heading")
            words = set_cell_size(text, width).rstrip(" ")
            rest = width - cell_len(words)
            return Strip([Segment(words, style), Segment(" " * rest, base)], width)
        # The highlight is attributes only: a row's text never changes when it is highlighted
        # or left, so a screen reader reads the one row the cursor lands on, and nothing else.
        style = base
        if index == self.highlighted:
            style = base + self.get_component_rich_style("lean-list--highlight")
            if self.row_lines.first_line(index) == line_no:
                self._place_cursor()  # in the frame that draws the row, not one after it
        return Strip([Segment(set_cell_size("  " + text, width), style)], width)

    def _refresh_row(self, index: int | None) -> None:
        if index is None or not self.is_mounted:
            return
        top = self.row_lines.first_line(index) - int(self.scroll_offset.y)
        height = self.row_lines.line_count(index)
        if top + height <= 0 or top >= self.scrollable_content_region.height:
            return
        self.refresh(Region(0, top, self.size.width, height))

    # -- what a screen reader has been shown -----------------------------------------------
    def _reader(self) -> bool:
        return bool(getattr(self.app, "screen_reader", False)) if self.is_attached else False

    def _show(self, index: int | None, focusing: bool = False) -> None:
        """Show row ``index`` and the heading just above it, once the list has focus."""
        if index is None or index in self._shown or not (focusing or self.has_focus):
            return
        self._shown.add(index)
        above = self.row_lines.heading_above(index)
        if above:
            self._shown.add(index - 1)
        if self._reader():  # otherwise every row is on show already
            if above:
                self._refresh_row(index - 1)
            self._refresh_row(index)

    whole = False  # every row on show with the screen-reader setting too (show_all)

    def show_all(self) -> None:
        """Every row on show, with the screen-reader setting too: a short list that is one
        question (the first screen's two languages), to be seen whole."""
        self.whole = True
        self.refresh()

    def start_afresh(self) -> None:
        """The screen is shown again: only the highlighted row, as when it first opened."""
        if self._shown and self._reader():
            self._shown = set()
            self._show(self.highlighted)
            self.refresh()

    # -- the highlight -----------------------------------------------------------------------
    def move_to(self, index: int | None) -> None:
        """Highlight row ``index`` (ignored for headings), repainting only what changed."""
        if index is None or not self.rows or not self.rows[index].selectable:
            return
        old, self.highlighted = self.highlighted, index
        if old != index:
            self._refresh_row(old)
            self._refresh_row(index)
            self.post_message(self.Highlighted(self, index))
        self._show(index)
        self._scroll_to_highlight()
        self._place_cursor()

    def _scroll_to_highlight(self) -> None:
        if self.highlighted is None or not self.is_mounted:
            return
        first, height = self.row_lines.span_with_heading(self.highlighted)
        top = int(self.scroll_offset.y)
        view = self.scrollable_content_region.height
        if top <= first and first + height <= top + view:
            return  # already in view: no scrolling, no repaint
        # Scroll only as far as needed, as lists do: the rows that stay move by one or two
        # lines, which the app's renderer (tui/delta.py) has the terminal do by itself, so an
        # arrow that scrolls sends about one new row. A jump far away is centred instead.
        near = first + height >= top - view and first <= top + 2 * view
        self.scroll_to_region(
            Region(0, max(0, first), 1, height), animate=False, immediate=True, force=True,
            center=not near,
        )

    def _place_cursor(self, focusing: bool = False) -> None:
        if not self.is_mounted or not (focusing or self.has_focus) or self.highlighted is None:
            return
        region = self.scrollable_content_region
        y = self.row_lines.first_line(self.highlighted) - int(self.scroll_offset.y)
        if 0 <= y < region.height:
            self.app.cursor_position = Offset(region.x, region.y + y)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._place_cursor()

    def on_focus(self) -> None:
        self._show(self.highlighted, focusing=True)
        self._place_cursor(focusing=True)

    # -- actions -----------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.move_to(self.row_lines.next_selectable(self.highlighted, 1))

    def action_cursor_up(self) -> None:
        self.move_to(self.row_lines.next_selectable(self.highlighted, -1))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, step: int) -> None:
        """Down (``step`` 1) or up (-1) by the list's height less one line."""
        if self.highlighted is not None:
            lines = step * max(1, self.scrollable_content_region.height - 1)
            target = self.row_lines.row_lines_away(self.highlighted, lines)
            self.move_to(self.row_lines.nearest_selectable(target, step))

    def action_first(self) -> None:
        self.move_to(self.row_lines.nearest_selectable(0, 1))

    def action_last(self) -> None:
        self.move_to(self.row_lines.nearest_selectable(len(self.rows) - 1, -1))

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    def on_click(self, event: events.Click) -> None:
        self.move_to(self.row_lines.row_at(event.y + int(self.scroll_offset.y)))

    def index_of(self, key: str) -> int | None:
        return self.row_lines.index_of(key)

    def first_line_of(self, index: int) -> int:
        return self.row_lines.first_line(index) if self.rows else 0
