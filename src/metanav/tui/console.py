"""The full-screen app drawn only with characters the Linux console font has (see glyphs.py).

Applied per app from its Glyphs: Textual's scrollbar renderer is a class attribute, so each app
sets it either way (tests run several apps in one process). The text-box edges come from
app.tcss rules under the ``-console-glyphs`` class.
"""

from __future__ import annotations

from textual.app import App
from textual.scrollbar import ScrollBar, ScrollBarRender

from metanav.glyphs import Glyphs

CONSOLE_CLASS = "-console-glyphs"


class WholeCellScrollBarRender(ScrollBarRender):
    """A scrollbar whose thumb starts and ends on whole cells: no eighth blocks."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_glyphs(app: App, glyphs: Glyphs) -> None:
    ScrollBar.renderer = ScrollBarRender if glyphs.smooth_scrollbars else WholeCellScrollBarRender
    app.set_class(glyphs.input_border != "tall", CONSOLE_CLASS)
