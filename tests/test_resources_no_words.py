"""Punctuation alone in the resources filter has no words to filter by: every resource is
shown, and the count line says so plainly, not 'Filter: words' and the quotes (issue 12's
bad input), in both faces and in Spanish."""

from __future__ import annotations

import pytest

from metanav.content.load import bundled_data_dir
from metanav.content.translation import translate
from metanav.core.resources import ResourceFinder
from metanav.session import Session
from metanav.state.store import Store
from metanav.tui.screens.resources import ResourcesScreen
from plain_helpers import home_numbers, library, run_plain
from tui_helpers import make_app, screen_text

LIB = library()
ALL = len(LIB.resources)
SAID = {"en": f'{ALL} resources match. No words to filter by in """.',
        "es": f'{ALL} recursos coinciden. No hay palabras para filtrar en """.'}


@pytest.fixture
def english_after():
    yield
    from metanav import i18n

    i18n.set_language("en")


def test_the_core_says_there_are_no_words_and_filters_nothing(tmp_path):
    finder = ResourceFinder(Session(library=LIB, store=Store.open(tmp_path)))
    finder.set_words('"""')
    assert len(finder.matches) == ALL and not finder.filtering
    assert finder.count_and_filter() == SAID["en"]
    finder.set_kind("helpline")  # with a kind: that filter is said, and still the words' note
    phrase = finder.count_and_filter()
    assert "Filter: kind Helpline." in phrase and 'words "' not in phrase
    assert phrase.endswith('No words to filter by in """.')


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_full_screen_says_it_once_in_the_count_line(tmp_path, lang, english_after):
    from metanav import i18n

    lib = LIB if lang == "en" else translate(LIB, (bundled_data_dir(),), lang)
    i18n.set_language(lang)
    app = make_app(tmp_path, library=lib, folders=(bundled_data_dir(),))
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press(*'"""')
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        lines = screen_text(app).splitlines()
    assert [line.strip() for line in lines].count(SAID[lang]) == 1, lines
    assert not any('Filter: words' in line or 'palabras "' in line for line in lines), lines


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plain_mode_says_it_after_the_words_are_typed(state_dir, lang):
    run = run_plain(state_dir, [str(home_numbers(LIB)["resources"]), '"""', "q"], "--lang", lang)
    assert f"\n{SAID[lang]}\n" in run.out, run.out[-1500:]
