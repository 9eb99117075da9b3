"""metanav in Spanish shows no English: a walk through every screen of both faces.

Plain mode runs as a real subprocess (``metanav --lang es --plain``); the full screen runs under
Pilot with the interface and content in Spanish. What each shows is checked for common English
interface words. Proper names are allowed: the names, organisations and sources of the content
(many Spanish-speaking patients use English-named services), web addresses, "metanav", and
key names (Ctrl, Enter, Escape, Tab, F1...).
"""

from __future__ import annotations

import re

import pytest

from metanav import i18n
from metanav.content.load import bundled_data_dir, load_library
from metanav.content.translation import translate
from plain_helpers import home_numbers, run_plain
from tui_helpers import make_app, make_session, screen_text

# Words of metanav's English interface that Spanish never needs (case matters: "No" is both).
ENGLISH = [
    "Back", "Help", "Quit", "Bookmark", "Bookmarks", "Questions", "Question", "resources match",
    "resource matches", "Press", "Choose", "Type", "Search", "Home", "Topics", "Filter",
    "Support resources", "Related", "Open", "Cancel", "default", "Sources", "picked", "your",
    "you", "the", "with", "Which", "There is", "Nothing", "Print", "Save", "My list", "Done",
    "Staff", "Kind", "Language", "About", "Phone", "Web address", "Why ask", "Note",
    "Get help now", "Main menu", "Everywhere", "Redraw", "Colours", "Next", "Previous",
    "most important", "asked", "Still there", "choice", "choices", "groups of", "Then",
    "Not picked", "back", "Not read out",
]
# The first screen of a first run or a kiosk, in both languages on purpose (core/views.py).
from metanav.core.views import LANGUAGE_HINT_FULL, LANGUAGE_HINT_PLAIN, LANGUAGE_LINES  # noqa: E402

BILINGUAL = ["English / Español", *LANGUAGE_LINES, LANGUAGE_HINT_FULL, LANGUAGE_HINT_PLAIN,
             "1. English", "i English", "i para English", "Oprima i para English."]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


def spanish_library():
    return translate(load_library(), (bundled_data_dir(),), "es")


def proper_names(lib) -> list[str]:
    names = []
    for r in lib.resources.values():
        names += [r.name, r.organisation, r.url]
        english = (lib.english or lib).resources.get(r.id)
        if english is not None:
            names += [english.name, english.organisation]
    for t in lib.topics.values():
        for s in t.sources:
            names += [s.organisation, s.page, s.url]
    return sorted({n for n in names if n}, key=len, reverse=True)


def english_left(text: str, lib) -> list[str]:
    """English interface words left in ``text`` (with what is around them), names taken out.
    Lines are joined first, so a name wrapped over two lines is still found."""
    text = " ".join(text.replace("█", " ").split())
    for name in [*proper_names(lib), *BILINGUAL]:
        text = text.replace(" ".join(name.split()), " ")
    text = re.sub(r"https?://\S+|\S+\.(org|gov|com|net)\S*", " ", text)
    return [text[max(0, m.start() - 50):m.end() + 50] for m in PATTERN.finditer(text)]


@pytest.fixture
def spanish():
    lib = spanish_library()
    yield lib
    i18n.set_language("en")


def test_plain_mode_in_spanish_walks_every_screen_without_english(tmp_path, spanish):
    lib = spanish
    n = home_numbers(lib)
    topic = next(t for t in lib.topics if t != "get-help-now")
    answers = [
        *n["get-help-now"].split("\n"), "m",
        *n[topic].split("\n"), "b", "m",
        str(n["questions"]), "1", "1", "t 1", "k 1", "s", "m",
        str(n["questions"]), "a", "¿Cuánto cuesta?", "m",
        str(n["resources"]), "k", "1", "l", "1", "c", "f dinero", "1", "b", "m",
        str(n["bookmarks"]), "1", "m",
        str(n["help"]), "m",
        "h", "m", "/ dolor", "1", "m", "/ zzzzqqq", "m", "99", "xyz", "q",
    ]
    run = run_plain(tmp_path, answers, "--lang", "es", LANG="C.UTF-8")
    assert "Adiós." in run.out
    left = english_left(run.out, lib)
    assert not left, "English left in Spanish plain mode:\n" + "\n".join(left[:40])


async def _press(pilot, *keys):
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def test_full_screen_in_spanish_walks_every_screen_without_english(tmp_path, spanish):
    i18n.set_language("es")
    app = make_app(tmp_path, library=spanish, folders=(bundled_data_dir(),))
    seen = await walk_full_screen(app, spanish)
    left = english_left("\n".join(seen), spanish)
    assert not left, "English left in the Spanish full screen:\n" + "\n".join(left[:40])


async def test_full_screen_chosen_on_the_first_screen_walks_without_english(tmp_path, spanish):
    """A first run: "English / Español", 2, and every screen after it is in Spanish; i goes
    to English and back."""
    app = make_app(tmp_path, folders=(bundled_data_dir(),), ask_language=True)
    first = []
    seen = await walk_full_screen(app, spanish, choose=first)
    assert "2. Español" in first[0] and "Oprima 2 para español" in " ".join(first[0].split())
    left = english_left("\n".join(seen), spanish)
    assert not left, "English after choosing Español:\n" + "\n".join(left[:40])


async def walk_full_screen(app, lib, choose: list[str] | None = None) -> list[str]:
    """Every screen's text, walked as a person would; with ``choose``, the first screen's
    choice first (its text put there), then 2 for Español, and i twice at the end."""
    seen: list[str] = []
    n = home_numbers(lib)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        if choose is not None:
            choose.append(screen_text(app))
            await pilot.press("2")
            await pilot.pause(0.3)
        seen.append(screen_text(app))

        async def visit(*keys):
            await _press(pilot, *keys)
            await pilot.pause(0.3)
            seen.append(screen_text(app))

        await visit(*n["get-help-now"], "enter")
        await visit("b")
        await visit("escape")
        for name in ("questions", "resources", "bookmarks", "help"):
            await visit(*str(n[name]), "enter")
            if name == "questions":
                await visit("space")
                await visit("t")
                await visit("s")
                await visit("l")
                await visit("escape")
                await visit("escape")
            if name == "resources":
                await visit("tab", "tab")
                await visit("enter")
                await visit("escape")
            await visit("escape")
        await visit("question_mark")
        await visit("escape")
        await visit("slash", "d", "o", "l", "o", "r")
        await visit("escape")
        if choose is not None:  # to English and back: Spanish again everywhere
            await _press(pilot, "escape", "escape")  # out of the search box, to home
            await _press(pilot, "i")
            await pilot.pause(0.3)
            assert "Get help now" in screen_text(app)
            await visit("i")
            await visit(*n["get-help-now"], "enter")
    return seen


@pytest.mark.slow
def test_plain_mode_chosen_on_the_first_screen_walks_without_english(tmp_path, spanish):
    """A first run at a keyboard (a pty; nothing decided the language): "English / Español",
    2, and every screen after it is in Spanish; i goes to English and back."""
    from kiosk_pty import PYTHON, Kiosk, clean_env

    lib = spanish
    n = home_numbers(lib)
    env = clean_env(tmp_path, METANAV_STATE_DIR=str(tmp_path / "state"))
    env.pop("METANAV_LANG")
    child = Kiosk([PYTHON, "-m", "metanav", "--plain"], env, tmp_path, rows=400)
    answers = ["2", *n["get-help-now"].split("\n"), "m", str(n["questions"]), "1", "1", "s",
               "m", str(n["resources"]), "f dinero", "1", "m", str(n["help"]), "m",
               "/ dolor", "m", "i", "i", "xyz", "q"]
    try:
        assert child.wait_for("Escriba 2 para español."), child.text()
        for answer in answers:
            child.pump(0.3)
            child.send(answer.encode() + b"\r", settle=0.6)
        assert child.wait_exit(30) == 0, child.text()
    finally:
        child.close()
    out = bytes(child.raw).decode("utf-8", "replace").replace("\r\n", "\n")
    first, _, after = out.partition("Escriba 2 para español. [1]:")
    assert "1. English" in first and "2. Español" in first
    before_i, english, after_i = after.split("]: i\n")  # i: English, then i again: Spanish
    assert "Now in English." in english and "metanav: Home" in english
    spanish_parts = before_i + after_i
    assert "Adiós." in spanish_parts
    left = english_left(spanish_parts, lib)
    assert not left, "English after choosing Español in plain mode:\n" + "\n".join(left[:40])


async def test_spanish_kiosk_at_40_columns_keeps_done_whole_on_the_key_bar(tmp_path, spanish):
    """Newcomer QA: at 40x20 a Spanish kiosk's key bar ended 'F10 Terminé - b', the one key
    that clears a person's session cut short. The three keys that always stay must fit."""
    from metanav.kiosk import KioskConfig
    from metanav.tui.app import MetanavApp

    i18n.set_language("es")
    config = KioskConfig(pin_hash="plain$2468", idle_seconds=60, countdown_seconds=10)
    session = make_session(None, library=spanish, kiosk=True, kiosk_config=config,
                           policy=config.policy())
    app = MetanavApp(session, kiosk_tick=0.01)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
    assert "F10 Terminé" in bar and "Atrás" in bar and "Ayuda" in bar, bar
    assert bar.rstrip().endswith(("Terminé", "Ayuda", "Atrás")), bar
