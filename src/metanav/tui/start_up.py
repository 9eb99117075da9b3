"""What start-up leaves until after the first frame, so the first screen comes sooner and no
later screen waits for it: the other screens read in, their widgets' CSS parsed, and the
garbage collector settled. ``MetanavApp`` calls :func:`finish_start_up` (tui/app.py).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from metanav.tui import textual_internals

if TYPE_CHECKING:
    from textual.app import App


def finish_start_up(app, settle_gc: bool) -> None:
    """Import the other screens and read their widgets' CSS now, not on the first Enter.
    (Not the QR code screen: it is seldom opened, and its segno costs memory.)"""
    import metanav.tui.screens.bookmarks
    import metanav.tui.screens.help
    import metanav.tui.screens.prompt
    import metanav.tui.screens.questions
    import metanav.tui.screens.resources
    import metanav.tui.screens.topic  # noqa: F401
    from metanav.content.search import filter_choices

    preload_widget_css(app)
    filter_choices(app.session.library)  # the resources screen's kinds and languages
    if settle_gc:
        settle_garbage_collector()


def preload_widget_css(app: App) -> None:
    """Read the built-in CSS of every kind of widget the screens use, once, now.

    Textual reads a widget class's CSS the first time one is mounted, and then parses the
    whole stylesheet again: that happened inside the first opening of the resources screen
    (an Input, the Choice lines) and of every dialog. Done after the first frame, it costs
    nothing a person waits for.
    """
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.screen import ModalScreen
    from textual.scrollbar import ScrollBar, ScrollBarCorner
    from textual.widgets import Static

    from metanav.tui.widgets.choice import Choice
    from metanav.tui.widgets.key_bar import KeyBar
    from metanav.tui.widgets.lean_list import LeanList
    from metanav.tui.widgets.quiet_input import QuietInput

    textual_internals.preload_default_css(app, (
        Static, QuietInput, Horizontal, Vertical, VerticalScroll, ScrollBar, ScrollBarCorner,
        LeanList, KeyBar, Choice, ModalScreen))


def settle_garbage_collector() -> None:
    """After the first frame: what start-up made lives as long as the app, so it is frozen
    out of the collector's sight, and collection is turned back on. Otherwise every full
    collection walks all of it, and opening a screen stalled for ~20 ms when one struck.
    (Only for a real run: tests start many apps in one process, which must be collected.)"""
    gc.freeze()
    gc.enable()
