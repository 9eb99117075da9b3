"""What a screen reader needs from the full-screen face (issue 13), locked with ordinary tests.

A terminal screen reader (Fenrir, the console readers) reads the rows whose text changed, and
the row the terminal cursor moved to. So: a move changes no row's text (the highlight is
attributes only) and puts the cursor on the new item; nothing on the rows it reads is glyph
noise with the screen-reader setting; keys are written in words; Back has a key screen
readers leave alone. The same through a real terminal: test_screen_reader_pty.py; plain mode
and the kiosk: test_screen_reader_plain.py. ``make a11y`` runs the real screen reader
(../shared/tools/screenreader; the last test checks its steps against home); these run in
``make test``.
"""

from __future__ import annotations

import pytest

from metanav.core.commands import key_name, keys_in_words
from metanav.session import Session
from metanav.state.store import Store
from metanav.tui.screens.home import HomeScreen
from metanav.tui.screens.topic import TopicScreen
from metanav.tui.widgets.lean_list import LeanList
from metanav.tui.widgets.reading_view import ReadingView
from tui_helpers import bundled_library, make_app, screen_text, status

SIZE = (80, 24)
NOISE = [chr(c) for c in range(0x2500, 0x25A0)] + ["\u23ce", "\u2026"]  # boxes, blocks, ⏎, …


def rows(app) -> list[str]:
    return screen_text(app).split("\n")


# -- the full screen: a move changes only what the reader should read -------------------------
async def test_down_changes_no_text_and_puts_the_cursor_on_the_new_item(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows(app)
        home = app.screen.query_one(LeanList)
        await pilot.press("down")
        await pilot.pause()
        assert rows(app) == before  # the row left behind and the new one: same text
        assert home.highlighted_row.text.startswith("2. ")
        y = app.cursor_position.y
        assert home.highlighted_row.text[:40] in rows(app)[y]  # its first line


async def test_screen_reader_setting_leaves_no_glyphs_on_screen(tmp_path):
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for keys in ([], ["enter"], ["enter", "down", "down"], ["backspace", "backspace"],
                     ["resources", "tab", "tab", "tab"], ["question_mark"],
                     ["slash", "p", "a", "i", "n"], ["down"]):
            if keys[:1] == ["resources"]:
                app.open_resources()
                await pilot.pause()
                keys = keys[1:]
            await pilot.press(*keys)
            await pilot.pause(0.3)
            text = screen_text(app)
            found = [g for g in NOISE if g in text]
            assert not found, (keys, found, text)


async def test_with_the_setting_a_screen_opens_as_its_title_and_the_focused_item(tmp_path):
    """A console reader speaks every line of new text: with the setting, a list shows the rows
    its highlight has been on since the screen opened, so opening a screen is heard as its
    title and the focused item, and each move as the one new item."""
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen.query_one(LeanList)
        first, second = [r.text for r in home.rows if r.selectable][:2]
        text = screen_text(app)
        assert text.index("metanav") < text.index(first[:30])  # the title first
        assert second[:30] not in text  # and no other item
        await pilot.press("down")
        await pilot.pause()
        assert second[:30] in screen_text(app)  # the one a move lands on appears
        await pilot.press("up", "enter")  # away (to a topic) and back
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        text = screen_text(app)
        assert first[:30] in text and second[:30] not in text  # fresh: the focused item only
        app.open_questions()
        await pilot.pause()
        text = [line.strip() for line in rows(app) if line.strip()]
        assert text[0].startswith("Questions for your doctor")
        items = [line for line in text if "Not picked" in line]
        assert len(items) == 1 and items[0].startswith("1. ")


async def test_the_number_of_the_item_already_highlighted_says_it(tmp_path):
    """Nothing moved, so a screen reader said nothing: the status line says where you are."""
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen.query_one(LeanList)
        await pilot.press("2")
        await pilot.pause(1)  # past the wait for a second digit
        assert "You are on" not in status(app)  # a move: the new item is what is read
        await pilot.press("2")
        await pilot.pause()
        assert status(app) == f"You are on {home.highlighted_row.text}"
        assert home.highlighted_row.text.startswith("2. ")


async def test_the_setting_comes_from_the_option_and_ctrl_s_switches_and_remembers_it(tmp_path):
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen_reader
        await pilot.press("ctrl+s")
        assert not app.screen_reader
        assert "Screen-reader setting off" in status(app)
        await pilot.press("ctrl+s")
        assert app.screen_reader and "Ctrl+S turns it off" in status(app)
    again = make_app(tmp_path)  # nothing said on the command line: the saved setting
    async with again.run_test(size=SIZE):
        assert again.screen_reader


@pytest.mark.parametrize(("term", "queries"), [("linux", []), ("xterm-256color", ["2026", "2048"])])
def test_no_terminal_query_on_the_linux_console(monkeypatch, term, queries):
    """Fenrir's terminal showed a "p" for each of Textual's ``CSI ? n $ p`` queries, and said
    "pp" at start; the Linux console answers neither."""
    from metanav.tui.textual_internals.key_reader import GuardedDriver

    monkeypatch.setenv("TERM", term)
    driver = object.__new__(GuardedDriver)  # only the two methods: nothing else is set up
    written: list[str] = []
    driver.write, driver.flush, driver.input_tty = written.append, lambda: None, True
    driver._request_terminal_sync_mode_support()
    driver._query_in_band_window_resize()
    assert [text[3:7] for text in written] == queries
    assert all(text.endswith("$p") for text in written)


def test_option_and_environment(monkeypatch):
    from metanav.cli import build_parser, wants_screen_reader

    parser = build_parser()
    monkeypatch.delenv("METANAV_SCREEN_READER", raising=False)
    assert wants_screen_reader(parser.parse_args(["--screen-reader"])) is True
    assert wants_screen_reader(parser.parse_args([])) is None
    monkeypatch.setenv("METANAV_SCREEN_READER", "1")
    assert wants_screen_reader(parser.parse_args([])) is True
    monkeypatch.setenv("METANAV_SCREEN_READER", "0")
    assert wants_screen_reader(parser.parse_args([])) is False


async def test_backspace_goes_back_but_edits_a_text_box(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic(next(iter(bundled_library().topics)))
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("backspace")
        assert isinstance(app.screen, HomeScreen)
        app.open_resources()
        await pilot.pause()
        await pilot.press("a", "b", "backspace")
        assert app.screen.query_one("#filter-text").value == "a"


async def test_opening_resources_puts_the_cursor_in_the_filter_box(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_resources()
        await pilot.pause()
        box = app.screen.query_one("#filter-text").content_region
        assert app.cursor_position.y == box.y
        assert box.x <= app.cursor_position.x < box.right


async def test_the_cursor_follows_a_topic_and_skips_blank_lines_for_a_reader(tmp_path):
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic(next(iter(bundled_library().topics)))
        await pilot.pause()
        body = app.screen.query_one("#topic-body", ReadingView)
        region = body.scrollable_content_region
        assert app.cursor_position.y == region.y  # the first line when the text opens
        for _ in range(6):
            await pilot.press("down")
            await pilot.pause()
            assert app.cursor_position.y == region.bottom - 1  # the line Down brought in
            assert rows(app)[app.cursor_position.y].strip()  # never a blank line
        await pilot.press("up")
        await pilot.pause()
        assert app.cursor_position.y == region.y


async def test_keys_in_words_in_the_key_bar_and_help(tmp_path):
    assert key_name("ctrl+k") == "Ctrl+K" and key_name("question_mark", spoken=True) == "Question mark"
    assert keys_in_words("backspace,escape") == "Backspace or Escape"
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # to the list
        bar = rows(app)[-1]
        assert "Ctrl+K Kind" in bar and "^k" not in bar and "\u23ce" not in bar
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Backspace or Escape: Back" in text and "F2 or Ctrl+T" in text


def test_the_screen_reader_words_are_in_spanish_too():
    from metanav import i18n
    from metanav.core import actions

    session = Session(library=bundled_library(), store=Store.memory())
    try:
        i18n.set_language("es")
        assert key_name("question_mark", spoken=True) == "Signo de interrogación"
        assert key_name("slash", spoken=True) == "Barra"
        assert "Ctrl+S lo desactiva" in actions.set_screen_reader(session, True).words
        assert "Ctrl+S lo activa" in actions.set_screen_reader(session, False).words
    finally:
        i18n.set_language("en")


async def test_every_f_key_has_a_letter_or_ctrl_key():
    from metanav.core.commands import COMMANDS

    for command in COMMANDS.values():
        keys = command.key.split(",") if command.key else []
        if any(k.startswith("f") and k[1:].isdigit() for k in keys):
            assert [k for k in keys if not (k.startswith("f") and k[1:].isdigit())], command.id


async def test_question_states_are_words(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        lst = app.screen.query_one(LeanList)
        assert lst.highlighted_row.text.startswith("1. Not picked: ")
        await pilot.press("space", "k")
        assert lst.highlighted_row.text.startswith("1. Picked, asked: ")
        assert "[x]" not in screen_text(app) and "[ ]" not in screen_text(app)


def test_the_study_steps_for_make_a11y_match_the_home_screen():
    """benchmarks/screenreader/*.py type home numbers: they must open what the study meant."""
    import runpy
    from pathlib import Path

    from metanav.core.views import topic_groups
    from plain_helpers import home_numbers

    lib = bundled_library()
    numbers = home_numbers(lib)
    first_topic = next(iter(topic_groups(lib).values()))[0].id  # the study's "topic 1"
    for face in ("tui", "plain"):
        steps = runpy.run_path(str(Path(__file__).parent.parent / "benchmarks" / "screenreader"
                                   / f"{face}.py"))
        assert steps["QUESTIONS"] == str(numbers["questions"]), face
        assert steps["RESOURCES"] == str(numbers["resources"]), face
        assert numbers[first_topic] == f"{steps['TOPIC_GROUP']}\n1", face
