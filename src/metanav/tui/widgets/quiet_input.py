"""An Input whose cursor does not blink: nothing on screen blinks, and an idle screen sends
no bytes over a slow link."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Input


class QuietInput(Input):
    cursor_blink = reactive(False, init=False)
