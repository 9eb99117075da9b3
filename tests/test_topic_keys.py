"""q and Left on a topic, a group of topics, the questions and Bookmarks go back, as
Backspace does (issue 17, newcomer-qa 17: they did nothing and said nothing). Help lists them; on a kiosk they go back and end nothing."""

from __future__ import annotations

import pytest

from metanav.core import views
from metanav.core.views import topic_groups
from metanav.tui.screens.bookmarks import BookmarksScreen
from metanav.tui.screens.help import HelpScreen
from metanav.tui.screens.home import HomeScreen, TopicGroupScreen
from metanav.tui.screens.questions import MyListScreen, QuestionsScreen
from metanav.tui.screens.resources import ResourceScreen, ResourcesScreen
from metanav.tui.screens.topic import TopicScreen
from test_kiosk_tui import kiosk_app
from tui_helpers import bundled_library, make_app, open_from_home, open_my_list, screen_text

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


# The same keys on the lists a topic is reached from (newcomer QA, second round: on a group of
# topics, the questions and Bookmarks, q and Left did nothing and said nothing).
LISTS = {
    "group": (TopicGroupScreen, "group:" + next(
        name for name, topics in topic_groups(bundled_library()).items()
        if any(t.id == TOPIC for t in topics))),
    "questions": (QuestionsScreen, "questions"),
    "bookmarks": (BookmarksScreen, "bookmarks"),
}


async def _open_from_home(pilot, key: str) -> None:
    """The list's number on the home menu, then Enter, as a person would."""
    for n, item in enumerate(views.home(pilot.app.session).items(), 1):
        if item.key == key:
            for digit in str(n):
                await pilot.press(digit)
            await pilot.pause(0.9)
            await pilot.press("enter")
            await pilot.pause()
            return
    raise AssertionError(f"{key} is not on the home menu")


@pytest.mark.parametrize("key", ["q", "left"])
@pytest.mark.parametrize("where", sorted(LISTS))
async def test_q_and_left_go_back_from_a_list(state_dir, key, where):
    kind, home_key = LISTS[where]
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_from_home(pilot, home_key)
        assert isinstance(app.screen, kind)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running


@pytest.mark.parametrize("key", ["q", "left"])
@pytest.mark.parametrize("where", sorted(LISTS))
async def test_on_a_kiosk_q_and_left_go_back_from_a_list_and_end_nothing(key, where):
    kind, home_key = LISTS[where]
    app = kiosk_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_key(home_key)
        await pilot.pause()
        assert isinstance(app.screen, kind)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press(key)  # again on home: nothing ends
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_help_says_q_and_left_go_back_from_the_lists(state_dir):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 300)) as pilot:
        app.open_help()
        await pilot.pause()
        text = screen_text(app)
    for section, after in (("A group of topics", "A topic"),
                           ("Questions for your doctor", "Show your doctor"),
                           ("My list:", "Show your doctor:"),
                           ("One resource", "A QR code"),
                           ("Bookmarks", "Typing a question")):
        part = text.split(section, 1)[1].split(after, 1)[0]
        assert "q or Left" in part, section


RESOURCE = next(r for r in bundled_library().resources.values() if len(r.url) > 36)


@pytest.mark.parametrize("key", ["q", "left"])
@pytest.mark.parametrize("kiosk", [False, True])
async def test_q_and_left_go_back_from_a_resource_page(state_dir, key, kiosk):
    app = kiosk_app() if kiosk else make_app(state_dir)
    async with app.run_test(size=(40, 20)) as pilot:
        app.open_resources()
        await pilot.pause()
        app.open_resource(RESOURCE.id)
        await pilot.pause()
        assert isinstance(app.screen, ResourceScreen)
        if key == "left":  # an address wider than 40 columns: Left scrolls back first
            body = app.screen.query_one("#resource-body")
            assert body.max_scroll_x > 0
            await pilot.press("right")
            await pilot.pause()
            assert body.scroll_x > 0
            while body.scroll_x > 0:
                await pilot.press("left")
                await pilot.pause()
            assert isinstance(app.screen, ResourceScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        assert app.is_running and app.return_code is None


@pytest.mark.parametrize("key", ["q", "left"])
async def test_q_and_left_close_help(state_dir, key):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_help()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("key", ["q", "left"])
@pytest.mark.parametrize("kiosk", [False, True])
async def test_q_and_left_go_back_from_my_list(state_dir, key, kiosk):
    app = kiosk_app() if kiosk else make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_my_list(app, pilot)
        assert isinstance(app.screen, MyListScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        assert app.is_running and app.return_code is None


async def test_q_on_home_asks_before_leaving_and_enter_stays(tmp_path):
    """Newcomer QA: q goes back on every screen now, so q pressed once too often on the way
    home closed metanav at once. Home's q asks; Enter stays, y leaves; Ctrl+Q leaves at once."""
    from tui_helpers import make_app, screen_text

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert "Leave metanav?" in screen_text(app)
        assert app.return_code is None
        await pilot.press("enter")
        await pilot.pause()
        assert "Leave metanav?" not in screen_text(app)
        assert "Still here." in screen_text(app)
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    quick = make_app(tmp_path)
    async with quick.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert quick.return_code == 0


# The QR code and "show your doctor" (newcomer QA: the only screens where q did nothing). Left
# goes back from the QR code too; in "show your doctor" Left is the question before.
@pytest.mark.parametrize("key", ["q", "left"])
@pytest.mark.parametrize("kiosk", [False, True])
async def test_q_and_left_go_back_from_a_qr_code(state_dir, key, kiosk):
    from metanav.tui.screens.qr import QrScreen

    app = kiosk_app() if kiosk else make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_resources()
        await pilot.pause()
        app.open_resource(RESOURCE.id)
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, QrScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, ResourceScreen)
        assert app.is_running and app.return_code is None


@pytest.mark.parametrize("kiosk", [False, True])
async def test_q_goes_back_from_show_your_doctor_and_left_is_the_question_before(state_dir,
                                                                                kiosk):
    from metanav.tui.screens.doctor import DoctorScreen

    app = kiosk_app() if kiosk else make_app(state_dir)
    for question in list(bundled_library().questions)[:2]:
        app.session.store.set_chosen(question, True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_my_list(app, pilot)
        await pilot.press("l")  # l: show your doctor
        await pilot.pause()
        assert isinstance(app.screen, DoctorScreen)
        await pilot.press("right", "left")
        await pilot.pause()
        assert isinstance(app.screen, DoctorScreen)  # Left: the question before, as before
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, MyListScreen)
        assert app.is_running and app.return_code is None


async def test_help_says_q_goes_back_from_a_qr_code_and_show_your_doctor(state_dir):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 300)) as pilot:
        app.open_help()
        await pilot.pause()
        text = screen_text(app)
    qr_part = text.split("A QR code", 1)[1].split("Bookmarks", 1)[0]
    assert "q or Left" in qr_part
    doctor_part = text.split("Show your doctor:", 1)[1].split("Support resources", 1)[0]
    assert "q: Back" in " ".join(doctor_part.split()), doctor_part
