"""The full-screen app, driven with Textual's Pilot as a person would use it."""

from __future__ import annotations

import errno
import json
import os

import pytest

from metanav.core.views import topic_groups
from metanav.tui.screens.bookmarks import BookmarksScreen
from metanav.tui.screens.help import HelpScreen, help_text
from metanav.tui.screens.home import HomeScreen
from metanav.tui.screens.questions import QuestionsScreen
from metanav.tui.screens.resources import ResourcesScreen
from metanav.tui.screens.topic import TopicScreen
from metanav.tui.widgets.lean_list import LeanList
from state_helpers import on_disk
from tui_helpers import bundled_library, home_keys, make_app, open_from_home, screen_text, status

SIZE = (80, 24)


async def test_home_shows_every_group_the_parts_and_the_crisis_line_at_once(tmp_path):
    app = make_app(tmp_path)
    library = bundled_library()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)  # what is on the 80x24 screen, without scrolling
        assert f"{home_keys('get-help-now')[0]}. When to call 911" in text  # first
        for topic in library.topics.values():
            if topic.id == "get-help-now":
                continue
            number = home_keys(topic.id)[0]
            assert f"{number}. {topic.group} (" in text, topic.id
        for part in ("questions", "resources", "bookmarks"):
            assert f"{home_keys(part)[0]}. " in text
        assert "Questions for your doctor" in text and "Support resources" in text
        for resource in library.resources.values():
            if resource.crisis:
                assert resource.name in text
        assert "  1. When to call 911 or your care team right away" in text
        assert app.screen.query_one(LeanList).highlighted_row.text.startswith("1. When to call 911")


async def test_a_group_opens_its_topics(tmp_path):
    app = make_app(tmp_path)
    topic = list(bundled_library().topics.values())[-1]
    async with app.run_test(size=SIZE) as pilot:
        keys = home_keys(topic.id)
        await open_from_home(pilot, topic.id)
        assert isinstance(app.screen, TopicScreen)
        assert app.screen.topic.id == topic.id
        await pilot.press("escape")
        assert topic.group in screen_text(app)
        assert f"{keys[-2]}. {topic.title}" in screen_text(app)


async def test_number_keys_jump_and_enter_opens(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        lst = app.screen.query_one(LeanList)
        assert lst.highlighted_row.text.startswith("3. ")
        number = home_keys("questions")[0]
        await pilot.press(number)
        assert lst.highlighted_row.text == f"{number}. Questions for your doctor"
        await pilot.press("enter")
        assert isinstance(app.screen, QuestionsScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_topic_shows_text_sources_and_care_team_note(tmp_path):
    app = make_app(tmp_path)
    topic = next(iter(bundled_library().topics.values()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, TopicScreen)
        text = screen_text(app)
        assert topic.title in text
        assert topic.summary.split()[0] in text
        body = str(app.screen.query_one("#topic-text").render())
        assert "Where this comes from" in body
        assert topic.sources[0].organisation in body
        assert "Your care team can tell you" in body
        assert "Related" in text


async def test_bookmark_topic_survives_restart(tmp_path):
    app = make_app(tmp_path)
    topic_id = next(iter(bundled_library().topics))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "b")
        assert "Bookmarked" in status(app)
        assert "[Bookmarked]" in screen_text(app)
    assert {"kind": "topic", "id": topic_id} in on_disk(tmp_path)["bookmarks"]

    app2 = make_app(tmp_path)
    async with app2.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "bookmarks")
        assert isinstance(app2.screen, BookmarksScreen)
        title = bundled_library().topics[topic_id].title
        assert f"Topic: {title}" in screen_text(app2)
        await pilot.press("enter")
        assert isinstance(app2.screen, TopicScreen)
        await pilot.press("b")
        assert "Bookmark removed" in status(app2)
        await pilot.press("escape")
        assert isinstance(app2.screen, BookmarksScreen)
        assert "No bookmarks yet" in screen_text(app2)
    assert on_disk(tmp_path)["bookmarks"] == []


async def test_help_lists_every_key_from_the_binding_tables(tmp_path):
    from metanav.core.commands import keys_in_words
    from metanav.core.help import full_screen_sections
    from metanav.tui import bindings

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = help_text()
        listed = 0
        for _, table in full_screen_sections():
            for command in table:
                binding = bindings.binding(command)  # what the key really is on its screen
                keys = keys_in_words(binding.key, binding.key_display or "")
                assert f"{keys}: {binding.description}" in text
                listed += 1
        assert listed > 40
        assert "  Enter: open or pick the highlighted item" in text  # the keys of any list
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_escape_goes_back_from_every_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for keys in (("1", "enter"), ("1", "7"), ("1", "8"), ("1", "9"), ("question_mark",)):
            await pilot.pause(0.9)
            await pilot.press(*keys)
            if keys[0] in "1" and len(keys) == 2 and keys[1] != "enter":
                await pilot.pause(0.9)
                await pilot.press("enter")
            assert not isinstance(app.screen, HomeScreen)
            await pilot.press("escape")
            if isinstance(app.screen, ResourcesScreen):  # escape from the filter box first
                await pilot.press("escape")
            assert isinstance(app.screen, HomeScreen)


async def test_corrupt_state_file_is_moved_aside_and_told(tmp_path):
    (tmp_path / "state.json").write_text("{ not json", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "damaged" in status(app)
        assert isinstance(app.screen, HomeScreen)
    assert list(tmp_path.glob("state.json.corrupt-*"))


async def test_full_disk_keeps_working_and_says_saving_failed(tmp_path, monkeypatch):
    app = make_app(tmp_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(os, "replace", full)
        await pilot.press("enter", "enter", "b")
        assert "disk is full" in status(app)
        assert "[Bookmarked]" in screen_text(app)  # the change is kept in memory
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_unknown_ids_in_state_are_kept_quietly(tmp_path):
    (tmp_path / "state.json").write_text(json.dumps({
        "schema": 1,
        "bookmarks": [{"kind": "topic", "id": "gone-topic"}],
        "checklist": {"Q-GONE": {"chosen": True}},
    }), encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "bookmarks")
        assert "No bookmarks yet" in screen_text(app)
        await pilot.press("escape")
        await open_from_home(pilot, "questions")
        await pilot.press("space")
    doc = on_disk(tmp_path)
    assert {"kind": "topic", "id": "gone-topic"} in doc["bookmarks"]
    assert doc["checklist"]["Q-GONE"]["chosen"] is True


@pytest.mark.parametrize("size", [(40, 20), (80, 24)])
async def test_small_terminal_still_usable(tmp_path, size):
    app = make_app(tmp_path)
    first = next(iter(topic_groups(bundled_library()).values()))[0]
    async with app.run_test(size=size) as pilot:
        await open_from_home(pilot, first.id)
        text = screen_text(app)
        assert first.title in text
        assert "Back" in text  # the footer still shows the way back


async def test_arrow_repaints_only_two_rows(tmp_path):
    """Moving the highlight asks Textual to repaint the old and new rows, not the list."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        lst = app.screen.query_one(LeanList)
        await pilot.pause()
        regions = []
        original = lst.refresh

        def spy(*args, **kwargs):
            regions.extend(args)
            return original(*args, **kwargs)

        await pilot.press(*home_keys("questions")[:-1])  # among the one-line items
        await pilot.pause(0.9)
        lst.refresh = spy
        await pilot.press("down")
        assert len(regions) == 2 and all(r.height == 1 for r in regions)


async def test_cursor_follows_the_highlight(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lst = app.screen.query_one(LeanList)
        y0 = app.cursor_position.y
        await pilot.press("down")
        assert app.cursor_position.y == y0 + 1
        assert app.cursor_position.y == lst.content_region.y + lst.highlighted


async def test_cursor_moves_to_the_focused_part(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        body = app.screen.query_one("#topic-body")
        await pilot.pause()
        assert app.cursor_position == body.content_region.offset
        await pilot.press("tab")
        related = app.screen.query_one("#related", LeanList)
        assert related.has_focus
        assert app.cursor_position.y == related.content_region.y + related.first_line_of(
            related.highlighted
        )


def test_help_in_kiosk_mode_has_done_and_no_quit():
    text = help_text(kiosk=True)
    assert "F10 or Ctrl+D: Done - clear" in text
    assert "forgets everything you did here" in text
    assert "Quit" not in text
    assert "Quit" in help_text()


def test_kiosk_help_lists_no_key_that_is_switched_off_and_no_other_mode():
    from metanav.kiosk import KioskConfig

    shared = help_text(kiosk=True, policy=KioskConfig().policy())
    home = help_text()
    for words in ("Save to file", "metanav --plain"):
        assert words in home, words
        assert words not in shared, words


async def test_kiosk_home_footer_has_no_quit(tmp_path):
    from metanav.session import Policy

    app = make_app(None, policy=Policy(quit=False, export=False, own_notes=False), kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Quit" not in text.splitlines()[-1]
        await pilot.press("escape")
        assert status(app) == "You are on the home screen."


async def test_list_scrolls_only_as_far_as_the_highlight_needs(tmp_path):
    """Past the bottom edge each arrow scrolls a line (the terminal moves the rest itself,
    see tui/delta.py), so the highlight stays on the last row and nothing jumps."""
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 12)) as pilot:
        await open_from_home(pilot, "questions")  # a list much longer than the window, one line a row
        lst = app.screen.query_one(LeanList)
        await pilot.pause()
        view = lst.scrollable_content_region.height
        for _ in range(15):
            await pilot.press("down")
            top = int(lst.scroll_offset.y)
            line = lst.first_line_of(lst.highlighted)
            assert top <= line < top + view
            if top > 0:
                assert line == top + view - 1  # on the last row, not moved to the middle
        assert int(lst.scroll_offset.y) > 0


async def test_no_stale_message_after_coming_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press("down", "b")
        assert status(app).startswith("Bookmarked")
        await pilot.press("enter", "enter", "b")
        assert status(app) == "Bookmark removed."
        await pilot.press("escape")
        assert isinstance(app.screen, ResourcesScreen)
        assert status(app) == ""
        assert "[Bookmarked]" not in screen_text(app)


async def test_get_help_now_is_first_and_one_key_from_home_and_every_topic(tmp_path):
    """Issue 11: "Get help now" (911, 988, when to call the care team) is the first item on
    home, and g opens it from home and from any topic; g on it says where you are."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Get help now" in screen_text(app).splitlines()[3]  # the first heading
        await pilot.press("g")
        assert isinstance(app.screen, TopicScreen)
        assert app.screen.topic.id == "get-help-now"
        text = str(app.screen.query_one("#topic-text").render())
        assert "call 911" in text and "988" in text
        await pilot.press("g")
        assert "This is the Get help now page" in status(app)
        assert len(app.screen_stack) == 2  # not opened twice
        await pilot.press("escape")
        await open_from_home(pilot, "hospice")
        assert app.screen.topic.id == "hospice"
        await pilot.press("g")
        assert app.screen.topic.id == "get-help-now"
        await pilot.press("escape")
        assert app.screen.topic.id == "hospice"  # back where the person was


async def test_get_help_now_is_first_on_a_kiosk_too(tmp_path):
    from metanav.session import Policy

    app = make_app(None, policy=Policy(quit=False, export=False, own_notes=False), kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "  1. When to call 911 or your care team right away" in screen_text(app)
        assert app.screen.query_one(LeanList).highlighted_row.text.startswith("1. When to call 911")
        await pilot.press("enter")
        assert app.screen.topic.id == "get-help-now"


async def test_a_wide_screen_keeps_topic_lines_short_enough_to_read(tmp_path):
    """At 120 columns a topic's lines ran to 116 characters; now at most 76 (80 less the
    padding and scroll bar), as at 80 columns."""
    topic = next(t for t in bundled_library().topics.values() if t.id != "get-help-now")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        app.open_topic(topic.id)
        await pilot.pause()
        text = str(app.screen.query_one("#topic-text").render())
        longest = max(len(line) for line in text.splitlines() if " " in line.strip())
        assert 60 < longest <= 76


async def test_the_bookmark_key_says_remove_once_bookmarked(tmp_path):
    from metanav.tui.widgets.key_bar import KeyBar

    topic = next(t for t in bundled_library().topics.values() if t.id != "get-help-now")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic(topic.id)
        await pilot.pause()
        bar = lambda: str(app.screen.query_one(KeyBar).render())  # noqa: E731
        assert "b Bookmark" in bar() and "Remove bookmark" not in bar()
        await pilot.press("b")
        await pilot.pause()
        assert "b Remove bookmark" in bar()
        await pilot.press("b")
        await pilot.pause()
        assert "b Bookmark" in bar() and "Remove bookmark" not in bar()
