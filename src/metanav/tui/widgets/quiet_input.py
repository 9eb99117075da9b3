"""An Input whose cursor does not blink: nothing on screen blinks, and an idle screen sends
no bytes over a slow link."""

from __future__ import annotations

import time

from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.widgets import Input

from metanav.content.text import clean_box


class QuietInput(Input):
    """Also keeps its text when it gets focus (no select-all), so a character typed on the
    way in, or an edit of an old note, does not replace everything."""

    cursor_blink = reactive(False, init=False)
    # Input sets its virtual size to its text's width on every keystroke, and a virtual size
    # asks for a layout of the whole screen: which put what the keystroke changed elsewhere
    # (the filtered list) a frame later. A one-line box never changes size with its text.
    virtual_size = Reactive(Size(0, 0), layout=False)

    # back_when_empty: Backspace in the empty box goes back a screen (the search and filter
    # boxes). Screen readers keep Escape (Fenrir's "stop speech"), and in these boxes
    # Backspace was only "delete": a reader in an empty search box had no key to leave by.
    # Held down to clear the words, Backspace repeats every few hundredths of a second: it
    # goes back only after a pause (BACK_PAUSE), so clearing the words never leaves the screen.
    BACK_PAUSE = 0.6
    clock = staticmethod(time.monotonic)

    def __init__(self, *args, back_when_empty: bool = False, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.back_when_empty = back_when_empty
        self._last_delete = float("-inf")

    def action_delete_left(self) -> None:
        now = self.clock()
        paused = now - self._last_delete > self.BACK_PAUSE
        self._last_delete = now
        if self.back_when_empty and not self.value and paused:
            self.call_next(self.screen.run_action, "back")  # as the key bar's Back does
            return
        super().action_delete_left()

    def replace(self, text: str, start: int, end: int) -> None:
        """Every insert (a key, a paste) passes here: pasted text is cleaned as typed text is,
        so no escape, control or invisible character ever reaches the screen."""
        super().replace(clean_box(text), start, end)

    def render_line(self, y: int) -> Strip:
        # Input puts the terminal cursor in the box when it gets focus, which on a screen's
        # opening is before the box has a place: the cursor stayed on the title row. Drawing
        # the box puts it there, in the same frame (a screen reader reads from the cursor).
        if y == 0 and self.has_focus and self.content_region.width:
            self.app.cursor_position = self.cursor_screen_offset
        return super().render_line(y)
