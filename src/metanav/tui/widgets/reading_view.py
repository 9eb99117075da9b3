"""ReadingView: a scrolling text (a topic, help) whose terminal cursor follows the reading.

A screen reader or braille display reads from the terminal cursor. With the cursor left at
the top left, every Down was read as "whatever rows changed", out of order. Here the cursor
sits on the line that scrolling just brought into view: the bottom line after Down, the top
line after Up, the first line when the text opens.

With the screen-reader setting, Down and Up also step over blank lines (between paragraphs),
so every press brings a line with words: a press that brings only a blank line is heard as
nothing at all. That needs the text's lines (``lines``), as the view shows them.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.geometry import Offset


class ReadingView(VerticalScroll, can_focus=True):
    def __init__(self, *children, lines: list[str] | None = None, **kwargs) -> None:
        super().__init__(*children, **kwargs)
        self.lines = lines

    _row = 0  # the row of the view the cursor is on

    def _cursor_to(self, row: int) -> None:
        self._row = row
        region = self.scrollable_content_region
        if self.has_focus and region.height:
            self.app.cursor_position = Offset(region.x, region.y + max(0, min(row, region.height - 1)))

    def render_lines(self, crop):
        # In the frame that first draws the text, not one after it: a cursor that moved on
        # its own a moment later made a screen reader stop reading the new screen (its title
        # first) and read the cursor's line instead.
        self._cursor_to(self._row)
        return super().render_lines(crop)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if new_value > old_value:
            self._cursor_to(self.scrollable_content_region.height - 1)
        elif new_value < old_value:
            self._cursor_to(0)

    def on_focus(self) -> None:
        self._cursor_to(0)

    def on_resize(self) -> None:
        if int(self.scroll_y) == 0:
            self._cursor_to(0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Left scrolls back a text scrolled sideways (a long web address); at the left edge
        it is not used here, so the screen's Left (back, on a topic) answers it."""
        if action == "scroll_left" and self.scroll_x <= 0:
            return False
        return super().check_action(action, parameters)

    def fit_sideways(self, lines: list[str], width: int) -> None:
        """Show the sideways scroll bar if a line (a web address, never broken) is wider than
        ``width``: decided with the text, so the bar comes in its first frame. Left to
        Textual, it comes a frame later, over the last line of text already sent."""
        wide = any(cell_len(line) > width for line in lines)
        self.styles.overflow_x = "scroll" if wide else "auto"

    def _sideways(self) -> int:
        """How far Right and Left scroll a line wider than the view: half the view."""
        return max(4, self.scrollable_content_region.width // 2)

    def action_scroll_right(self) -> None:
        self.scroll_to(x=min(self.max_scroll_x, self.scroll_x + self._sideways()),
                       animate=False, immediate=True)

    def action_scroll_left(self) -> None:
        self.scroll_to(x=max(0, self.scroll_x - self._sideways()), animate=False, immediate=True)

    def _step(self, direction: int) -> int:
        """Lines to scroll so the line brought into view has words (screen-reader setting)."""
        lines = self.lines
        if not lines or not getattr(self.app, "screen_reader", False):
            return 1
        top, view = int(self.scroll_y), self.scrollable_content_region.height
        step = 1
        while True:
            new_top = top + direction * step
            if new_top < 0 or new_top + view > len(lines):
                return max(1, step - 1)
            line = new_top + view - 1 if direction > 0 else new_top
            if 0 <= line < len(lines) and lines[line].strip():
                return step
            step += 1

    def action_scroll_down(self) -> None:
        step = self._step(1)
        if step == 1:
            super().action_scroll_down()
        else:
            self.scroll_to(y=self.scroll_y + step, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        step = self._step(-1)
        if step == 1:
            super().action_scroll_up()
        else:
            self.scroll_to(y=max(0, self.scroll_y - step), animate=False, immediate=True)
