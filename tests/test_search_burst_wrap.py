"""Words whole in search results after a burst of keys (a paste, or keys arriving together
over SSH) turns an empty list into one with a scroll bar: the rows are wrapped to the width
beside the bar. They were wrapped to the width without it and cut by the bar ('someone to
tal', '...symptoms suc'; at 40 columns 'or' became 'o') until the next key or a resize."""

from __future__ import annotations

import pytest
from textual import events

from tui_helpers import make_app, screen_text


async def burst(pilot, text: str) -> None:
    """Every key of ``text`` in the app's queue before any is handled."""
    box = pilot.app.screen.query_one("#search-text")
    for char in text:
        box.post_message(events.Key(char, char))
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (40, 20)])
@pytest.mark.parametrize("words", ["symptoms", "talk to someone", "pain"])
async def test_a_burst_of_keys_wraps_results_beside_the_scroll_bar(tmp_path, size, words):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await burst(pilot, words)
        shown = screen_text(app)
        assert f'for "{words}"' in shown
        await pilot.resize_terminal(size[0] + 1, size[1])  # a resize wraps again, as it should
        await pilot.pause()
        await pilot.resize_terminal(*size)
        await pilot.pause()
        await pilot.pause()
        assert screen_text(app) == shown


async def test_down_down_enter_arriving_together_open_the_second_result(tmp_path):
    # Over SSH keys arrive together: the first Down moved into the results, but the focus
    # came after the other keys were handled (in the box), so the second Down and Enter were lost.
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await burst(pilot, "hospice")
        await pilot.pause()
        for key, char in (("down", None), ("down", None), ("enter", "\r")):
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ != "SearchScreen", screen_text(app)
