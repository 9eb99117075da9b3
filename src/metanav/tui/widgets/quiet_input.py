"""An Input whose cursor does not blink: nothing on screen blinks, and an idle screen sends
no bytes over a slow link."""

from __future__ import annotations

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

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

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
