"""Textual's private internals: checked at start, and a Textual without them still works
(whole redraws instead of changed cells)."""

from __future__ import annotations

import importlib.metadata
from types import SimpleNamespace

import pytest

from metanav.tui import textual_internals
from tui_helpers import make_app, screen_text, status


def test_the_declared_textual_is_the_one_tested():
    pins = [r for r in importlib.metadata.requires("metanav") or [] if r.startswith("textual")]
    assert pins == [f"textual=={importlib.metadata.version('textual')}"]


async def test_every_internal_is_there_in_the_pinned_textual(tmp_path):
    app = make_app(tmp_path)
    assert textual_internals.check(app) == []
    assert textual_internals.AVAILABLE and app.shadow is not None


@pytest.fixture
def without_internals(monkeypatch):
    """A Textual that has renamed one of the internals metanav uses."""
    needed = dict(textual_internals.NEEDED)
    needed["screen"] = (*needed["screen"], "_renamed_in_a_new_textual")
    monkeypatch.setattr(textual_internals, "NEEDED", needed)
    yield
    monkeypatch.undo()
    textual_internals.check_at_start(make_app(None))


async def test_without_the_internals_the_app_falls_back_to_whole_redraws(tmp_path,
                                                                         without_internals):
    from metanav.tui.screens.resources import ResourcesScreen

    app = make_app(tmp_path)
    assert textual_internals.MISSING == ["screen._renamed_in_a_new_textual"]
    assert not textual_internals.AVAILABLE
    assert app.shadow is None  # every frame is Textual's own
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "b")  # a group, its first topic, bookmark it
        assert "Bookmarked" in status(app)
        await pilot.press("escape", "escape")
        app.open_resources()
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press(*"988")  # the filter's same-frame painting is skipped, not broken
        await pilot.pause()
        assert "988" in screen_text(app)
        assert "resource" in screen_text(app)


@pytest.mark.slow
def test_switched_off_the_terminal_shows_the_same_screen(tmp_path):
    """METANAV_TEXTUAL_INTERNALS=off in a real terminal: the same screen as with the
    changed-cells renderer, drawn with whole frames."""
    from emulated_terminal import run_in_pty

    delta_screen, delta_bytes = run_in_pty(tmp_path / "a", {})
    off_screen, off_bytes = run_in_pty(tmp_path / "b", {textual_internals.OFF: "off"})
    assert "Support resources" in off_screen
    assert off_screen == delta_screen
    assert off_bytes > delta_bytes  # whole redraws cost more: the renderer was really off


@pytest.fixture
def scroll_update_missing(monkeypatch):
    """A Textual whose Widget._scroll_update (a list's scroll bar updated without laying out
    the whole screen) is gone: the start-up check reports it missing."""
    real_check = textual_internals.check
    monkeypatch.setattr(textual_internals, "check",
                        lambda app: [*real_check(app), "widget._scroll_update"])
    yield
    monkeypatch.undo()
    textual_internals.check_at_start(make_app(None))


async def _long_list_then_short_then_long() -> tuple[list[str], list[str]]:
    """A list of 60 rows cut to 3 (a filter) and back to 60, then End: what the screen shows
    after the cut and at the end."""
    from textual.app import App

    from metanav.tui.textual_internals import screen_lines
    from metanav.tui.widgets.lean_list import LeanList, Row

    many = [Row(f"Row number {n}", key=str(n)) for n in range(60)]

    class OneList(App):
        def compose(self):
            yield LeanList(many, id="rows")

    app = OneList()
    textual_internals.check_at_start(app)
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(LeanList)
        rows.focus()
        await pilot.pause()
        rows.set_rows(many[:3])
        await pilot.pause()
        short = screen_lines(app.screen)
        rows.set_rows(many)
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        return short, screen_lines(app.screen)


async def test_a_list_without_scroll_update_still_scrolls_to_its_last_row(scroll_update_missing):
    short, end = await _long_list_then_short_then_long()
    assert "widget._scroll_update" in textual_internals.MISSING
    assert not textual_internals.AVAILABLE
    assert [line.strip() for line in short if line.strip()] == [
        "Row number 0", "Row number 1", "Row number 2"]  # no scroll bar left over
    assert "Row number 59" in end[-1]  # the whole list is scrollable to its end
    assert "Row number 48" in end[0]


async def test_a_list_shows_the_same_with_and_without_scroll_update(scroll_update_missing,
                                                                   monkeypatch):
    without = await _long_list_then_short_then_long()
    monkeypatch.setattr(textual_internals, "check", lambda app: [])  # everything there
    assert await _long_list_then_short_then_long() == without
    assert textual_internals.AVAILABLE


# -- the terminal's own cursor (the screen-reader setting): through the app's driver ---------
class _Terminal:
    """Stands in for Textual's driver: what it was given to write."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


def test_the_screen_reader_cursor_is_shown_and_hidden_through_the_apps_driver():
    terminal = _Terminal()
    app = SimpleNamespace(is_headless=False, _driver=terminal)
    assert textual_internals.show_terminal_cursor(app, True)
    assert textual_internals.show_terminal_cursor(app, False)
    assert terminal.written == ["\x1b[?25h", "\x1b[?25l"]


@pytest.mark.parametrize("app", [
    SimpleNamespace(is_headless=False),  # a Textual that renamed the app's _driver
    SimpleNamespace(is_headless=False, _driver=None),  # no terminal yet
    SimpleNamespace(is_headless=False, _driver=object()),  # a driver that cannot write
    SimpleNamespace(is_headless=True, _driver=_Terminal()),  # headless: no terminal to show
], ids=["no _driver", "no terminal yet", "no write()", "headless"])
def test_without_a_driver_to_write_with_the_cursor_is_left_alone(app):
    assert textual_internals.show_terminal_cursor(app, True) is False
    assert getattr(getattr(app, "_driver", None), "written", []) == []


async def test_the_real_app_sends_no_cursor_without_a_terminal(tmp_path):
    """metanav's own app takes the same way out before it runs (no terminal yet) and headless,
    and Ctrl+S still turns the setting on, said on the status line."""
    app = make_app(tmp_path)
    assert textual_internals.show_terminal_cursor(app, True) is False
    app.show_cursor()  # what the app calls at start and on Ctrl+S: no error
    async with app.run_test(size=(80, 24)) as pilot:
        assert textual_internals.show_terminal_cursor(app, True) is False
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen_reader
        assert "Screen-reader setting on" in status(app)
