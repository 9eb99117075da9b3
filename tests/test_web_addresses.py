"""Web addresses are never broken across lines, not even at their own hyphens (issue 17,
newcomer-qa 15). Plain mode shows one that does not fit whole on a line of its own; the
full screen shows it whole and scrolls sideways (Right, Left) instead of folding it."""

from __future__ import annotations

from textual.widgets import Static

from metanav.content.text import wrap
from metanav.core.resources import ResourceFinder
from metanav.state.mylist import export, my_list, render_lines
from metanav.state.store import Store
from metanav.tui.screens.topic import TopicScreen, topic_lines
from plain_helpers import home_numbers, library, run_plain
from tui_helpers import bundled_library, make_app, make_session, open_my_list

LIB = bundled_library()
LONG = max(LIB.resources.values(), key=lambda r: len(r.url))  # about 100 characters
TOPIC = max((t for t in LIB.topics.values()),
            key=lambda t: max((len(s.url) for s in t.sources), default=0))
TOPIC_URLS = [s.url for s in TOPIC.sources if s.url]
HYPHENED = "https://www.cancer.org/cancer/managing-cancer/advanced-cancer/what-is.html"


def test_label_lines_never_break_an_address():
    from metanav.content.text import label_lines

    assert label_lines("Web address", HYPHENED, 80) == ["Web address:", HYPHENED]
    assert label_lines("Web address", "https://988lifeline.org", 80) == [
        "Web address: https://988lifeline.org"]
    assert label_lines("Web address", HYPHENED, 40) == ["Web address:", HYPHENED]
    for width in (20, 40, 60, 80):
        assert HYPHENED in wrap(f"Read more at {HYPHENED} today.", width)


def resource_number(resource_id: str) -> int:
    return [r.id for r in ResourceFinder(make_session(None)).matches].index(resource_id) + 1


def test_plain_resource_page_shows_the_address_whole_on_its_own_line(state_dir):
    numbers = home_numbers(library())
    for columns in ("80", "40"):
        run = run_plain(state_dir, [str(numbers["resources"]), str(resource_number(LONG.id)),
                                    "", "", "q"], COLUMNS=columns)
        lines = run.out.splitlines()
        assert LONG.url in lines, columns  # the address alone on its line, unbroken
        assert lines[lines.index(LONG.url) - 1] == "Web address:"


def test_plain_topic_sources_keep_each_address_whole(state_dir):
    numbers = home_numbers(library())
    run = run_plain(state_dir, [*str(numbers[TOPIC.id]).split("\n"), "", "q"], COLUMNS="40",
                    LINES="1000")
    for url in TOPIC_URLS:
        assert any(line.strip() == url or line.endswith(f" {url}") for line in
                   run.out.splitlines()), url


async def test_full_screen_topic_scrolls_an_address_sideways_and_never_folds_it(state_dir):
    for url in TOPIC_URLS:  # the lines drawn keep every address whole
        assert any(url in line.plain for line in topic_lines(TOPIC, 36)[0])
    app = make_app(state_dir)
    async with app.run_test(size=(40, 20)) as pilot:
        app.open_topic(TOPIC.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TopicScreen)
        text = screen.query_one("#topic-text", Static)
        body = screen.query_one("#topic-body")
        assert text.size.height == len(body.lines)  # not one row more: nothing folded
        assert "wider than the screen: Right shows the rest of it" in " ".join(body.lines)
        assert body.max_scroll_x > 0
        await pilot.press("right")
        await pilot.pause()
        assert body.scroll_x > 0
        while body.scroll_x > 0:  # Left scrolls back first...
            await pilot.press("left")
            await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("left")  # ...then goes back
        await pilot.pause()
        assert not isinstance(app.screen, TopicScreen)


async def test_full_screen_resource_shows_the_address_whole(state_dir):
    app = make_app(state_dir)
    async with app.run_test(size=(40, 20)) as pilot:
        app.open_resource(LONG.id)
        await pilot.pause()
        static = app.screen.query_one("#resource-text", Static)
        lines = str(static.render()).split("\n")
        assert LONG.url in lines
        assert static.size.height == len(lines)
        assert app.screen.query_one("#resource-body").max_scroll_x > 0


async def test_my_list_and_the_saved_file_keep_an_address_whole(state_dir, export_dir):
    store = Store.open(state_dir)
    qid = next(iter(LIB.questions))
    store.set_note(qid, f"See {HYPHENED} for more.", pick=True)
    for width in (40, 80):
        assert any(HYPHENED in line for line in render_lines(my_list(LIB, store), width))
    saved = export(LIB, store).read_text(encoding="utf-8")
    assert any(HYPHENED in line for line in saved.splitlines())
    app = make_app(state_dir)
    async with app.run_test(size=(40, 20)) as pilot:
        await open_my_list(app, pilot)
        static = app.screen.query_one("#mylist-text", Static)
        lines = str(static.render()).split("\n")
        assert any(HYPHENED in line for line in lines)
        assert static.size.height == len(lines)


async def test_the_sideways_scroll_bar_comes_with_the_topic_not_a_frame_later(state_dir):
    """Decided with the text: a bar that Textual adds once it has laid the text out comes
    in a second frame, over the last line of text already sent (80 B more over SSH, and a
    line that flickers)."""
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_topic(TOPIC.id)
        await pilot.pause()
        body = app.screen.query_one("#topic-body")
        assert body.styles.overflow_x == "scroll"
        assert body.show_horizontal_scrollbar
        await pilot.press("escape")
        app.open_resource(LONG.id)  # a resource's page too
        await pilot.pause()
        body = app.screen.query_one("#resource-body")
        assert body.styles.overflow_x == "scroll"
        assert body.show_horizontal_scrollbar
