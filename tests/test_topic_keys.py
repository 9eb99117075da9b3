"""q and Left on a topic go back, as Backspace does (issue 17, newcomer-qa 17: they did
nothing and said nothing). Help lists them; on a kiosk they go back and end nothing."""

from __future__ import annotations

import pytest

from metanav.tui.screens.home import HomeScreen
from metanav.tui.screens.topic import TopicScreen
from test_kiosk_tui import kiosk_app
from tui_helpers import bundled_library, make_app, open_from_home, screen_text

TOPIC = next(t for t in bundled_library().topics if t != "get-help-now")


@pytest.mark.parametrize("key", ["q", "left"])
@pytest.mark.parametrize("focus", ["text", "related"])
async def test_q_and_left_go_back_from_a_topic(state_dir, key, focus):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_home(pilot, TOPIC)
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        before = len(app.screen_stack)
        if focus == "related":
            await pilot.press("tab")
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, TopicScreen)
        assert len(app.screen_stack) == before - 1
        assert app.is_running


@pytest.mark.parametrize("key", ["q", "left"])
async def test_on_a_kiosk_q_and_left_go_back_and_end_nothing(key):
    app = kiosk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_topic(TOPIC)
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for _ in range(3):  # again on home: nothing ends
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, HomeScreen)


async def test_help_says_q_and_left_go_back_from_a_topic(state_dir):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 200)) as pilot:
        app.open_help()
        await pilot.pause()
        text = screen_text(app)
    topic_part = text.split("A topic", 1)[1]
    assert "q or Left" in topic_part.split("Questions for your doctor", 1)[0]
