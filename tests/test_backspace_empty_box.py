"""Backspace in an empty search or filter box goes back a screen (issue 13): screen readers
keep Escape, and in these boxes Backspace only deleted, so a reader in an empty search box
had no key to leave by. Held down to clear the words, it never leaves the screen."""

from __future__ import annotations

from tui_helpers import make_app

SIZE = (80, 24)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def test_backspace_in_the_empty_search_box_goes_back_only_after_a_pause(tmp_path, monkeypatch):
    from metanav.tui.screens.home import HomeScreen
    from metanav.tui.screens.search import SearchScreen
    from metanav.tui.widgets.quiet_input import QuietInput

    clock = Clock()
    monkeypatch.setattr(QuietInput, "clock", staticmethod(clock))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("b", "o", "n", "e")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        for _key in range(6):  # held down: a repeat every 0.03 s, past the last letter
            clock.now += 0.03
            await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-text").value == ""
        clock.now += 1.0  # a new press, after a pause
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_backspace_in_the_empty_filter_box_goes_back_and_words_still_delete(tmp_path, monkeypatch):
    from metanav.tui.screens.home import HomeScreen
    from metanav.tui.screens.resources import ResourcesScreen
    from metanav.tui.widgets.quiet_input import QuietInput

    clock = Clock()
    monkeypatch.setattr(QuietInput, "clock", staticmethod(clock))
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press("x", "y")
        clock.now += 1.0
        await pilot.press("backspace")  # words in the box: a delete, after a pause too
        await pilot.pause()
        assert app.screen.query_one("#filter-text").value == "x"
        clock.now += 1.0
        await pilot.press("backspace")
        clock.now += 1.0
        await pilot.press("backspace")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_other_boxes_keep_backspace_as_delete(tmp_path, monkeypatch):
    """A note or a question of your own: Backspace in the empty box does nothing else."""
    from metanav.tui.widgets.quiet_input import QuietInput

    assert QuietInput().back_when_empty is False
