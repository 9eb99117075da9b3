"""An Input whose cursor does not blink: nothing on screen blinks, and an idle screen sends
no bytes over a slow link."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input


class QuietInput(Input):
    """Also keeps its text when it gets focus (no select-all), so a character typed on the
    way in, or an edit of an old note, does not replace everything."""

    cursor_blink = reactive(False, init=False)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
