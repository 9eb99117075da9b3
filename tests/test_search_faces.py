"""Search in both faces: "/" on any full screen and at any plain prompt; every example word
of issue 12 finds what it should; a result opens at its section; Back comes back to the same
results with the same one highlighted."""

from __future__ import annotations

import pytest

from plain_helpers import run_plain
from tui_helpers import bundled_library, make_app, screen_text, status

LIB = bundled_library()
SIZE = (80, 24)

# Each example of issue 12, and words that must be among the results it shows first.
EXAMPLES = [
    ("espanol", "988 Lifeline en español"),
    ("cancer metastasico", "Cáncer metastásico"),
    ("phone", "Helpline"),
    ("hotline", "Helpline"),
    ("insurance", "Money"),
    ("bills", "Money"),
    ("dinero", "Money"),
    ("talk to someone", "counsel"),
    ("spread", "Where cancer spreads"),
    ("spreads", "Where cancer spreads"),
    ("spreading", "Where cancer spreads"),
    ("hospis", "Hospice"),
    ("palative", "Palliative"),
]


async def type_search(pilot, words: str) -> None:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*words.replace(" ", "\0").split("\0")[0])
    for word in words.split(" ")[1:]:
        await pilot.press("space", *word)
    await pilot.pause()


@pytest.mark.parametrize(("words", "expect"), EXAMPLES)
async def test_full_screen_search_finds_each_example(tmp_path, words, expect):
    from metanav.tui.screens.search import SearchScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await type_search(pilot, words)
        assert isinstance(app.screen, SearchScreen)
        text = screen_text(app)
        assert f'for "{words}"' in text
        assert expect.lower() in text.lower(), text
        assert "[" in text  # matched words marked without colour
        assert app.screen.main_list().highlighted == 0  # the best result, whatever came before


async def test_slash_opens_search_from_a_topic_and_back_returns_to_the_same_results(tmp_path):
    from metanav.tui.screens.search import SearchScreen
    from metanav.tui.screens.topic import TopicScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic(next(iter(LIB.topics)))
        await pilot.pause()
        await type_search(pilot, "bones")
        search = app.screen
        assert isinstance(search, SearchScreen)
        section_rows = [i for i, h in enumerate(search.view.results.hits)
                        if h.kind == "topic" and h.section >= 0]
        assert section_rows
        await pilot.press("enter")  # from the box to the list
        lst = search.main_list()
        lst.move_to(section_rows[0])
        hit = search.view.results.hits[section_rows[0]]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen) and app.screen.topic.id == hit.key
        heading = LIB.topics[hit.key].sections[hit.section].heading
        assert f'From the part "{heading}"' in status(app)
        assert heading in screen_text(app)  # scrolled to it
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is search
        assert search.query_one("#search-text").value == "bones"
        assert lst.highlighted == section_rows[0]
        assert 'for "bones"' in screen_text(app)


async def test_typing_on_the_results_after_a_result_starts_a_new_search(tmp_path):
    """Back from a result, the results list has the focus: words typed now are a new search
    (as plain mode's results prompt does), not added to the old words ("bonesfatigue")."""
    from metanav.tui.screens.search import SearchScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_search(pilot, "bones")
        search = app.screen
        await pilot.press("enter", "enter")  # to the results, then open the first one
        await pilot.pause()
        assert app.screen is not search
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is search and search.main_list().has_focus
        await pilot.press(*"fatigue")
        await pilot.pause()
        box = search.query_one("#search-text")
        assert isinstance(app.screen, SearchScreen) and box.has_focus
        assert box.value == "fatigue"
        assert 'for "fatigue"' in screen_text(app)
        await pilot.press("space", *"tired")  # and goes on as typing in the box does
        await pilot.pause()
        assert box.value == "fatigue tired"


async def test_slash_on_the_results_goes_back_to_the_same_words_to_change_them(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_search(pilot, "bone")
        search = app.screen
        await pilot.press("enter", "slash", "s")  # to the results, back to the box: "bones"
        await pilot.pause()
        assert search.query_one("#search-text").value == "bones"
        assert 'for "bones"' in screen_text(app)


async def test_a_question_result_opens_the_questions_at_it(tmp_path):
    from metanav.tui.screens.questions import QuestionsScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await type_search(pilot, "palliative consultation")
        hits = app.screen.view.results.hits
        index = next(i for i, h in enumerate(hits) if h.kind == "question")
        await pilot.press("enter")
        app.screen.main_list().move_to(index)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        assert app.screen.main_list().highlighted_row.key == hits[index].key


async def test_no_match_offers_closest_words_and_help_lines(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await type_search(pilot, "zzyzx")
        lines = screen_text(app).splitlines()
        text = " ".join(" ".join(lines).split())
        # Said once, on the count line under the box (a screen reader heard it twice).
        assert text.count('No matches for "zzyzx"') == 1, lines
        assert lines[2].strip() == 'No matches for "zzyzx".', lines
        assert "call a help line" in text and "988" in text
        await pilot.press("enter", "enter")  # to the list, then the first help line
        await pilot.pause()
        from metanav.tui.screens.resources import ResourceScreen

        assert isinstance(app.screen, ResourceScreen) and "helpline" in app.screen.resource.kinds


async def test_hostile_words_in_the_search_box_are_shown_safely(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        app.screen.query_one("#search-text").value = '\x1b]0;owned\x07"NEAR( OR *'
        await pilot.pause()
        text = screen_text(app)
        assert "owned" not in text.split("\n")[2] or "\x1b" not in text
        assert 'matches for "' in text or 'No matches for "' in text


# -- plain mode --------------------------------------------------------------------------------
@pytest.mark.parametrize(("words", "expect"), EXAMPLES)
def test_plain_slash_finds_each_example(state_dir, words, expect):
    run = run_plain(state_dir, [f"/{words}", "q"])
    assert f"Search: {words}" in run.out
    assert f'for "{words}"' in run.out
    assert expect.lower() in run.out.lower()


def test_plain_slash_alone_asks_and_a_result_opens_at_its_section(state_dir):
    run = run_plain(state_dir, ["/", "bones", "1", "", "q"])
    assert "Search for (words in your own words" in run.out
    first = run.out.split("Search: bones", 1)[1]
    assert "1. " in first
    # From the home prompt ("/" works at any prompt), a topic section result:
    from metanav.content.index import search

    hits = search(LIB, "bones", limit=15).hits
    n = next(i for i, h in enumerate(hits, start=1) if h.kind == "topic" and h.section >= 0)
    heading = LIB.topics[hits[n - 1].key].sections[hits[n - 1].section].heading
    run = run_plain(state_dir, ["2", "/bones", str(n), "", "q"])  # from a topic's prompt
    assert f'From the part "{heading}" (r reads the whole topic):' in run.out
    after = run.out.split(f'From the part "{heading}"', 1)[1]
    assert "Search: bones" in after  # Back shows the same results again


def test_plain_no_match_offers_help_lines_and_echoes_safely(state_dir):
    run = run_plain(state_dir, ["/\x1b]0;owned\x07zzyzx", "q"])  # no ESC gets out (run_plain)
    assert 'No matches for "' in run.out and 'zzyzx".' in run.out
    assert "call a help line" in run.out


def test_plain_words_on_the_results_search_again(state_dir):
    run = run_plain(state_dir, ["/hospice", "dinero", "q"])
    assert 'for "dinero"' in run.out
    assert "search" in run.out.lower()


# -- the help lines offered when nothing matched, in the person's language first --------------
# The 988 line in English (R-HELP-04) and its Spanish line (R-HELP-05), data/resources.yaml.
FIRST_LINE = {"en": "R-HELP-04", "es": "R-HELP-05"}
OTHER_LINE = {"en": "R-HELP-05", "es": "R-HELP-04"}


def library(lang: str):
    from metanav.content.load import bundled_data_dir
    from metanav.content.translation import translate

    return LIB if lang == "en" else translate(LIB, (bundled_data_dir(),), lang)


def in_order(text: str, lang: str) -> bool:
    """Whether the help line in ``lang`` is listed before the other one."""
    lib = library(lang)
    first, other = (f"{lib.resources[i].name}: 988" for i in (FIRST_LINE[lang], OTHER_LINE[lang]))
    text = " ".join(text.split())
    assert first in text and other in text, text
    return text.index(first) < text.index(other)


@pytest.fixture
def english_after():
    yield
    from metanav import i18n

    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_full_screen_no_match_lists_help_lines_in_the_persons_language_first(
        tmp_path, lang, english_after):
    from metanav import i18n
    from metanav.content.load import bundled_data_dir

    i18n.set_language(lang)
    app = make_app(tmp_path, library=library(lang), folders=(bundled_data_dir(),))
    async with app.run_test(size=(100, 30)) as pilot:
        await type_search(pilot, "zzyzx")
        text = screen_text(app)
    assert ('No hay resultados para "zzyzx"' if lang == "es" else 'No matches for "zzyzx"') in text
    assert in_order(text, lang), text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plain_no_match_lists_help_lines_in_the_persons_language_first(state_dir, lang):
    run = run_plain(state_dir, ["/zzyzx", "q"], "--lang", lang)
    assert in_order(run.out.split("zzyzx", 1)[1], lang), run.out


# -- before a word is typed: what to do, said once, and examples that find something ----------
@pytest.mark.parametrize(("lang", "box", "examples"), [
    ("en", "Type words to search", "For example: bone pain, hospice, money help."),
    ("es", "Escriba palabras para buscar",
     "Por ejemplo: dolor de huesos, hospicio, ayuda con dinero."),
])
async def test_the_empty_search_says_what_to_do_once_and_gives_examples(tmp_path, lang, box,
                                                                        examples, english_after):
    from metanav import i18n
    from metanav.content.index import search
    from metanav.content.load import bundled_data_dir
    from metanav.content.translation import translate

    lib = LIB if lang == "en" else translate(LIB, (bundled_data_dir(),), lang)
    i18n.set_language(lang)
    app = make_app(tmp_path, library=lib, folders=(bundled_data_dir(),))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        opened = screen_text(app)
        await pilot.press("x", "backspace")  # words typed and gone: the same again
        await pilot.pause()
        cleared = screen_text(app)
    for text in (opened, cleared):
        assert text.count(box) == 1, text  # was three times: the box, the count line, the list
        assert examples in " ".join(text.split()), text
    for words in examples.split(":", 1)[1].rstrip(".").split(","):
        assert search(lib, words.strip()).total, words


def test_plain_results_are_read_without_cut_marks_or_the_question_twice(tmp_path):
    """Plain mode is read out: Fenrir counted each "…" as noise (4 on "/bone pain"), and a
    question found by its own words was heard twice, as its title and as its snippet."""
    run = run_plain(tmp_path, ["/bone pain", "q"])
    results = run.out.split("Search: bone pain", 1)[1].split("Type other words", 1)[0]
    assert "…" not in results
    first = results.split("\n1. ", 1)[1].split("\n2. ", 1)[0]
    assert "(Question: " in first
    assert "[" not in first  # no snippet under it: it was the question's own words again
    second = results.split("\n2. ", 1)[1]
    assert "[pain]" in second  # a section's snippet stays, with the words marked
