"""The light widgets that stand in for Textual's Footer and Select: KeyBar and Choice."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

from metanav.tui.screens.help import HelpScreen
from metanav.tui.screens.prompt import ChoicePicker
from metanav.tui.screens.questions import QuestionsScreen
from metanav.tui.screens.resources import ResourcesScreen
from metanav.tui.widgets.choice import Choice
from metanav.tui.widgets.key_bar import KeyBar
from metanav.tui.widgets.lean_list import LeanList
from tui_helpers import bundled_library, make_app, screen_text

SIZE = (80, 24)


def last_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def open_resources(app, pilot):
    app.open_resources()
    await pilot.pause()
    assert isinstance(app.screen, ResourcesScreen)


# -- KeyBar --------------------------------------------------------------------------------

async def test_key_bar_lists_the_screen_keys_then_back_and_help(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        line = last_line(app)
        words = ["Pick", "Top 3", "Asked", "Note", "Add own", "My list", "Backspace Back", "? Help"]
        positions = [line.index(w) for w in words]
        assert positions == sorted(positions), line


async def test_key_bar_keeps_back_and_help_on_a_narrow_screen(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 20)) as pilot:
        app.open_questions()
        await pilot.pause()
        line = last_line(app)
        assert "Backspace Back" in line and "Pick" in line  # and the screen's main key
        assert len(line) <= 40
        assert "My list" not in line  # dropped for room; Help lists it...
        assert "? More" in line and "? Help" not in line  # ...and the bar says there is more


async def test_key_bar_follows_focus_in_the_same_frame(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        assert "Choose" not in last_line(app)  # the filter box has focus
        await pilot.press("tab")
        assert isinstance(app.screen.focused, Choice)
        assert "Choose" in last_line(app)
        # b works there too (at 80 columns, keys written in words leave it off the line).
        shown = app.screen.query_one(KeyBar).shown_bindings()
        assert any(b.description == "Bookmark" and on for b, on in shown)


async def test_clicking_a_key_presses_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = last_line(app)
        await pilot.click(KeyBar, offset=(line.index("Help"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


class DisabledKeyApp(App):
    BINDINGS = [
        Binding("x", "explode", "Explode"),
        Binding("y", "fine", "Fine"),
    ]

    def compose(self):
        yield Static("body")
        yield KeyBar()

    def check_action(self, action, parameters):
        return None if action == "explode" else True

    def action_explode(self) -> None:
        self.exit("exploded")


async def test_a_disabled_key_says_so_in_brackets_not_colour_alone_and_cannot_be_clicked():
    app = DisabledKeyApp()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        line = last_line(app)
        assert "x (Explode)" in line and "y Fine" in line
        await pilot.click(KeyBar, offset=(line.index("Explode"), 0))
        await pilot.pause()
        assert app.is_running


# -- Choice and its picker --------------------------------------------------------------------

async def test_right_and_left_step_a_choice_and_filter_the_list(tmp_path):
    app = make_app(tmp_path)
    library = bundled_library()
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        await pilot.press("tab")  # to "Kind"
        await pilot.press("right")
        kind = app.screen.query_one("#filter-kind", Choice)
        assert kind.value != ""
        want = [r for r in library.resources.values() if kind.value in r.kinds]
        text = screen_text(app)
        assert f"Kind: {kind.words}" in text
        assert f"{len(want)} resource" in text
        await pilot.press("left")
        assert kind.value == ""
        assert f"{len(library.resources)} resources match." in screen_text(app)


async def test_enter_on_a_choice_lists_every_value_and_picks_one(tmp_path):
    app = make_app(tmp_path)
    library = bundled_library()
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        await pilot.press("tab", "tab")  # to "Language"
        await pilot.press("enter")
        assert isinstance(app.screen, ChoicePicker)
        text = screen_text(app)
        assert "Choose a language" in text and "Any language" in text and "Spanish" in text
        picker = app.screen.query_one(LeanList)
        for _ in range(len(picker.rows)):
            if picker.highlighted_row.text.startswith("Spanish"):
                break
            await pilot.press("down")
        assert picker.highlighted_row.text.startswith("Spanish")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        spanish = [r for r in library.resources.values() if r.language == "es"]
        text = screen_text(app)
        assert "Language: Spanish" in text
        assert f"{len(spanish)} resource" in text
        assert isinstance(app.screen.focused, Choice)  # back where the person was


async def test_escape_in_the_picker_keeps_the_old_value(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        await pilot.press("tab", "right", "space")
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("down", "escape")
        await pilot.pause()
        kind = app.screen.query_one("#filter-kind", Choice)
        assert kind.value == kind.values[1]


async def test_clicking_a_choice_opens_its_picker(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        await pilot.click("#filter-kind")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        assert "Choose a kind" in screen_text(app)


async def test_clear_filters_resets_both_choices(tmp_path):
    app = make_app(tmp_path)
    library = bundled_library()
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        await pilot.press("ctrl+k", "ctrl+l")
        await pilot.press("ctrl+r")
        await pilot.pause()
        text = screen_text(app)
        assert "Kind: Any kind" in text and "Language: Any language" in text
        assert f"{len(library.resources)} resources match." in text
        assert "Filters cleared." in text


async def test_the_resources_screen_opens_with_rows_count_and_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_resources()
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#resource-list").rows
        text = screen_text(app)
        assert f"{len(bundled_library().resources)} resources match." in text
        assert "Escape Back" in last_line(app)  # Backspace edits the filter box, which has focus


# -- work done after the first frame, not when a screen first opens ---------------------------

async def test_every_screen_opens_without_reading_new_css(tmp_path):
    """Reading a new widget's CSS reparses the whole stylesheet: it is done at start-up."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = set(app.stylesheet.source)
        app.open_resources()
        await pilot.pause()
        await pilot.press("tab", "enter")  # the kind picker, a dialog
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("escape")
        app.open_questions()
        await pilot.press("a")  # the text prompt
        await pilot.pause()
        await pilot.press("escape")
        app.open_topic(next(iter(bundled_library().topics)))
        await pilot.pause()
        app.open_help()
        await pilot.pause()
        assert set(app.stylesheet.source) == before


async def test_a_real_run_turns_the_garbage_collector_back_on_after_the_first_frame(
    tmp_path, monkeypatch
):
    import gc

    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    app = make_app(tmp_path)
    app.settle_gc_after_start = True  # as tui.app.run() does; cli.main disabled it
    gc.disable()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert frozen == [True]
    finally:
        gc.enable()


async def test_a_long_filter_scrolls_inside_its_one_line_box(tmp_path):
    """The box never changes size with its text (no layout per keystroke), yet the end of a
    long text, where the cursor is, stays in view."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_resources(app, pilot)
        words = "cancer " * 14 + "endword"
        await pilot.press(*words)
        box_line = screen_text(app).splitlines()[1]
        assert "endword" in box_line
        assert app.screen.query_one("#filter-text").value == words


async def test_a_count_line_too_long_for_a_narrow_screen_wraps_whole(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 20)) as pilot:
        await open_resources(app, pilot)
        await pilot.press("ctrl+k", "ctrl+l", *"x")
        text = " ".join(screen_text(app).split())
        assert app.screen.finder.count_and_filter() in text  # every word, wrapped


async def test_key_bar_offers_get_help_now_before_back_and_help(tmp_path):
    """Issue 11: g Get help now is on the bar, just before Back and Help, where there is room
    (home and every topic); a screen's own keys keep their place on a full bar."""
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(2):  # home, then the first topic
            line = last_line(app)
            words = ["g Get help now", "Backspace Back", "? Help"]
            positions = [line.index(w) for w in words]
            assert positions == sorted(positions), line
            await pilot.press("enter")
            await pilot.pause()
        assert "b Bookmark" in line
        app.open_questions()
        await pilot.pause()
        assert "My list" in last_line(app)  # a full bar drops Get help now first


async def test_a_list_heading_is_underlined_under_its_words_only(tmp_path):
    """As a topic's own headings are: a line across the whole screen under "Topics" was 70
    underlined blanks to send over SSH for each heading (issue 15)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen.query_one(LeanList)
        index = next(i for i, row in enumerate(home.rows) if row.heading)
        heading = home.rows[index].text
        strip = home.render_line(home.first_line_of(index) - int(home.scroll_offset.y))
        underlined = "".join(seg.text for seg in strip if seg.style and seg.style.underline)
        assert underlined == heading
        assert strip.cell_length == home.scrollable_content_region.width  # still the whole row


async def test_an_empty_list_says_so_in_whole_lines_at_40_columns(tmp_path):
    # Newcomer QA, second round: at 40x20 Bookmarks said "No bookmarks yet. On a topic or a
    # res" and stopped there.
    from metanav.core.views import NO_BOOKMARKS

    app = make_app(tmp_path)
    async with app.run_test(size=(40, 20)) as pilot:
        app.open_bookmarks()
        await pilot.pause()
        shown = " ".join(line.strip(" █") for line in screen_text(app).splitlines())
    assert " ".join(NO_BOOKMARKS.split()) in " ".join(shown.split())


async def test_a_long_title_wraps_on_a_narrow_screen_instead_of_losing_words(tmp_path):
    # At 40 columns home's title is 45 characters: it was cut to "...about metastatic".
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert lines[0].strip() == "metanav - information about metastatic"
        assert lines[1].strip() == "cancer"
        assert lines[2].strip().startswith("Plain words")


async def test_new_rows_in_a_focused_wrapped_list_with_the_screen_reader_setting():
    # Fuzzed kiosk keys found it: with the setting on and the results list focused, new rows
    # were shown (their first line looked up) before they were wrapped: IndexError, and the
    # kiosk ended. Now the rows are wrapped as they arrive.
    from metanav.tui.widgets.list_row import Row

    class Reader(App):
        screen_reader = True

        def compose(self):
            yield LeanList([], wrap=True, id="results", empty_text="Nothing yet.")

    app = Reader()
    async with app.run_test(size=(40, 12)) as pilot:
        results = app.query_one(LeanList)
        results.focus()
        await pilot.pause()
        results.set_rows([Row("Help lines", heading=True),
                          Row("A long row about talking with someone who listens", key="a"),
                          Row("Cancer helpline", key="b")])
        await pilot.pause()
        results.update_row(2, Row("Cancer helpline, every day from 8 in the morning", key="b"))
        await pilot.pause()
        assert "A long row about talking" in screen_text(app)
        assert results.highlighted == 1
