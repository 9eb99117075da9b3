"""Frames: the changed-cells renderer's hook into Textual, same-frame painting, CSS read early,
and what a screen shows (for tests and tools). Part of ``textual_internals`` (see its
``__init__.py``): these work only while its start-up check found everything (``AVAILABLE``).
"""

from __future__ import annotations

from typing import Any

try:
    from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate

    HAS_COMPOSITOR = True
except ImportError:  # pragma: no cover - a Textual that moved its compositor

    class CompositorUpdate:  # type: ignore[no-redef]
        """Stands in for the missing class: nothing is ever one, so no frame is changed."""

    ChopsUpdate = LayoutUpdate = CompositorUpdate  # type: ignore[misc]
    HAS_COMPOSITOR = False

from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from metanav.tui import textual_internals as internals  # AVAILABLE: set by its start-up check


class ChangedCellsDisplay:
    """Mixed into the app: frames go through ``self.shadow`` (delta.Shadow), which sends only
    the cells that changed, written here as Textual's ``_display`` writes a frame, and ending
    with the real cursor moved the shortest way (screen readers follow it). With ``shadow``
    None, or the internals not there, Textual's own whole frames go out. Without mouse
    reporting (``mouse`` False) Textual's pointer-shape escape is not sent either."""

    shadow: Any = None
    mouse = False
    _shown_cursor: Any = None

    def _display(self, screen, renderable) -> None:  # type: ignore[override]
        app: Any = self
        shadow = self.shadow
        driver = app._driver
        if (
            internals.AVAILABLE
            and shadow is not None
            and isinstance(renderable, CompositorUpdate)
            and driver is not None
            and not driver.is_inline
            and not app.is_headless
            # Only frames Textual will really write may change the shadow: during a batch
            # (a mode switch, say) it drops them, and the terminal keeps the old cells.
            and not app._batch_count
            and app._running
            and not app._closed
        ):
            width, height = app.size
            if (shadow.width, shadow.height) != (width, height):
                shadow.resize(width, height)
            data = shadow.diff(renderable, app.console)
            cursor = app.screen.outer_size.clamp_offset(app.cursor_position)
            if data is not None:
                if not data and cursor == self._shown_cursor:
                    return  # nothing changed on screen: send nothing at all
                self._shown_cursor = cursor
                self._send(data + shadow.move_cursor(cursor.x, cursor.y))
                return
            self._shown_cursor = cursor
            shadow.cursor = (cursor.x, cursor.y)  # Textual ends every frame with this move
            driver.write("\x1b[m")  # Textual's frame starts from the terminal's own pen
        super()._display(screen, renderable)  # type: ignore[misc]

    def _send(self, data: str) -> None:
        """Write one frame as Textual's ``_display`` does: in a synchronized update."""
        app: Any = self
        try:
            app._begin_update()
            try:
                app._driver.write(data)
            finally:
                app._end_update()
            app._driver.flush()
        finally:
            app.post_display_hook()

    def _set_pointer_shape(self, shape: str) -> None:
        if self.mouse:  # without mouse reporting the pointer is the terminal's (13 B a screen)
            super()._set_pointer_shape(shape)  # type: ignore[misc]


def paint_now(screen: Screen, widgets) -> None:
    """Hand ``widgets``' repaint to ``screen`` now, so it goes out in the same frame as what
    caused it (a filter keystroke's echo) and not one frame (17 ms; over SSH 50 ms) later.
    Without the internals, the repaint simply comes a frame later."""
    if not internals.AVAILABLE:
        return
    for widget in widgets:
        # With its scroll bar, and a new layout too (the bar comes or goes, a line grows to
        # two): in this frame, as Widget._check_refresh would ask for it in the next one;
        # else the frame drew the old layout, and the next one (30-40 ms later) corrected it.
        for part in (widget, getattr(widget, "_vertical_scrollbar", None)):
            if part is None or not part.is_mounted:
                continue
            if part._repaint_required and (part is widget or part.display):
                part._repaint_required = False  # the screen has it now
                screen._dirty_widgets.add(part)
            if part._layout_required:
                part._layout_required = False
                below = part
                for ancestor in part.ancestors:  # as _check_refresh and Screen._on_layout
                    if not isinstance(ancestor, Widget):
                        break
                    ancestor._clear_arrangement_cache()
                    ancestor._layout_updates += 1
                    screen._layout_widgets.setdefault(ancestor, set()).add(below)
                    if not ancestor.styles.auto_dimensions:
                        break
                    below = ancestor
                screen._layout_required = True
    screen.check_idle()


def set_content_size(widget: Widget, size: Size) -> None:
    """Tell a scrolling widget how long its content is now (a list's rows came or went).
    Setting ``virtual_size`` asks for a layout of the whole screen, which put every filter
    keystroke a frame later; a widget whose own size does not depend on its content needs
    only its scroll bar updated (``Widget._scroll_update``) and a repaint. Without the
    internals, the public way: the same screen, a frame later."""
    if not internals.AVAILABLE:
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


def preload_default_css(app: App, classes) -> None:
    """Read the built-in CSS of each widget class now (Textual reads it when the first one is
    mounted, and then parses the whole stylesheet again). Skipped without the internals."""
    if not internals.AVAILABLE:
        return
    stylesheet = app.stylesheet
    for cls in classes:
        node = cls.__new__(cls)  # only its class is looked at: nothing is set up or mounted
        for read_from, css, tie_breaker, scope in node._get_default_css():
            stylesheet.add_source(css, read_from=read_from, is_default_css=True,
                                  tie_breaker=tie_breaker, scope=scope)
    stylesheet.rules_map  # noqa: B018 - parse now, not when a screen opens


def screen_strips(screen: Screen) -> list:
    """What the screen shows now, as Textual strips (for tests and tools)."""
    return screen._compositor.render_strips()


def screen_lines(screen: Screen) -> list[str]:
    """What the screen shows now, as text lines (for tests and tools)."""
    return [strip.text.rstrip() for strip in screen_strips(screen)]
