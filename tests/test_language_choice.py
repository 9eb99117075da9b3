"""The language: decided once, offered as "English / Español" on the first screen of a first run
and of a kiosk (after every reset), remembered per person (never on a kiosk), and switched with
i from any screen.

Plain mode runs for real on a pty (a first run is only asked at a keyboard); the full screen
under Pilot, and a real kiosk on a pty once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk_pty import PYTHON, Kiosk, clean_env
from metanav import i18n, language
from metanav.content.load import bundled_data_dir, load_library
from metanav.core import actions
from metanav.state.store import Store
from tui_helpers import make_app, make_session, screen_text, status

CHOICE = "English / Español"
PLAIN_HINT = "Type 1 for English. Escriba 2 para español."
HOME_ES = "metanav: Inicio"
HOME_EN = "metanav: Home"
HOME_PROMPT_ES = "Elija del 1 al"  # home's prompt: the last thing written
TUI_HOME_ES = "metanav - información sobre el cáncer metastásico"
TUI_HOME_EN = "metanav - information about metastatic cancer"


def undecided_env(home: Path, state: Path, **extra: str) -> dict[str, str]:
    """A clean environment where nothing decided the language (no --lang, no METANAV_LANG)."""
    env = clean_env(home, METANAV_STATE_DIR=str(state))
    env.pop("METANAV_LANG", None)
    env.update(extra)
    return env


def saved(state: Path) -> dict:
    path = state / "state.json"
    return json.loads(path.read_text("utf-8"))["settings"] if path.exists() else {}


# -- deciding it once --------------------------------------------------------------------------
@pytest.mark.parametrize(("explicit", "saved_lang", "default", "environ", "expected"), [
    ("es", "en", "en", {"METANAV_LANG": "en"}, language.Decision("es", fixed=True)),
    (None, "en", None, {"METANAV_LANG": "es"}, language.Decision("es", fixed=True)),
    (None, "es", "en", {"LANG": "en_US.UTF-8"}, language.Decision("es", saved=True)),
    (None, None, "es", {"LANG": "en_US.UTF-8"}, language.Decision("es")),  # a kiosk's kiosk.ini
    (None, None, None, {"LANG": "es_MX.UTF-8"}, language.Decision("es")),
    (None, "klingon", None, {"METANAV_LANG": "xx"}, language.Decision("en")),
])
def test_the_language_is_decided_in_one_order(explicit, saved_lang, default, environ, expected):
    assert language.decide(explicit, saved_lang, default, environ) == expected


def broken_spanish(folder: Path) -> Path:
    """A content folder whose Spanish translation names a topic the content does not have."""
    (folder / "es" / "topics").mkdir(parents=True)
    (folder / "questions.yaml").write_text("groups: []\nquestions: []\n", encoding="utf-8")
    bad = folder / "es" / "topics" / "dolor.yaml"
    bad.write_text("id: no-such-topic\ntitle: Dolor\nsummary: Algo.\n"
                   "sections:\n  - heading: Uno\n    text: Algo.\n", encoding="utf-8")
    return bad


def test_a_broken_spanish_file_on_the_saved_language_path_is_a_content_problem(tmp_path):
    """A person who chose Spanish, and a clinic folder whose es/ file is broken: metanav says
    where (file:line) and exits 2, as for any content problem; it used to end in a traceback."""
    state = tmp_path / "state"
    Store.open(state).set_setting("language", "es")
    broken_spanish(tmp_path / "clinic")
    env = {k: v for k, v in os.environ.items() if k != "METANAV_LANG"}
    env.update(METANAV_STATE_DIR=str(state), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "metanav", "--plain", "--data",
                           str(tmp_path / "clinic")], input=b"q\n", capture_output=True,
                          timeout=60, env=env)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    assert "dolor.yaml:1:" in err and "no-such-topic" in err


def test_a_broken_spanish_file_when_switching_is_said_and_the_language_stays(tmp_path):
    broken_spanish(tmp_path / "clinic")
    session = make_session(tmp_path / "state", folders=(bundled_data_dir(), tmp_path / "clinic"))
    done = actions.switch_language(session)
    assert not done.ok and "check-data" in done.words
    assert session.lang == "en" and i18n.language() == "en"
    assert "language" not in saved(tmp_path / "state")


# -- plain mode --------------------------------------------------------------------------------
def test_plain_first_run_at_a_keyboard_asks_once_and_remembers(tmp_path):
    state = tmp_path / "state"
    env = undecided_env(tmp_path, state)
    child = Kiosk([PYTHON, "-m", "metanav", "--plain"], env, tmp_path)
    try:
        assert child.wait_for(PLAIN_HINT), child.text()
        assert "1. English" in child.text() and "2. Español" in child.text()
        child.send(b"2\r")
        assert child.wait_for(HOME_PROMPT_ES), child.text()
        assert HOME_ES in child.text()  # still on the 80x24 screen: where you are, in words
        child.send(b"q\r")
        assert child.wait_exit(20) == 0
    finally:
        child.close()
    assert saved(state)["language"] == "es"
    child = Kiosk([PYTHON, "-m", "metanav", "--plain"], env, tmp_path)  # the next run
    try:
        assert child.wait_for(HOME_ES), child.text()
        assert CHOICE not in child.text()
    finally:
        child.close()


def test_plain_is_not_asked_of_someone_who_used_metanav_before(tmp_path):
    """Saved lists from before the choice existed, no language in them: home, as before."""
    state = tmp_path / "state"
    Store.open(state).set_bookmark("topic", next(iter(load_library().topics)), True)
    child = Kiosk([PYTHON, "-m", "metanav", "--plain"], undecided_env(tmp_path, state), tmp_path)
    try:
        assert child.wait_for(HOME_EN), child.text()
        assert CHOICE not in child.text()
    finally:
        child.close()


def test_plain_is_not_asked_when_METANAV_LANG_decides_nor_when_a_script_answers(tmp_path):
    env = undecided_env(tmp_path, tmp_path / "state", METANAV_LANG="es")
    child = Kiosk([PYTHON, "-m", "metanav", "--plain"], env, tmp_path)
    try:
        assert child.wait_for(HOME_ES), child.text()
        assert CHOICE not in child.text()
    finally:
        child.close()
    piped = subprocess.run([PYTHON, "-m", "metanav", "--plain"], input=b"q\n",
                           capture_output=True, timeout=60,
                           env=undecided_env(tmp_path, tmp_path / "state2"))
    assert piped.stdout.decode().startswith(HOME_EN)  # a script's answers: nobody to ask


def test_plain_kiosk_asks_after_every_reset_in_the_clinics_language_and_keeps_nothing(tmp_path):
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\npin = 4711\nlanguage = en\n", encoding="utf-8")
    state = tmp_path / "state"
    child = Kiosk([PYTHON, "-I", "-m", "metanav", "--kiosk", "--plain", "--kiosk-config",
                   str(config)], undecided_env(tmp_path, state), tmp_path)
    try:
        assert child.wait_for(PLAIN_HINT), child.text()
        assert "[1]:" in child.text()  # Enter alone: the clinic's English
        child.send(b"2\r")
        assert child.wait_for(HOME_PROMPT_ES), child.text()
        assert HOME_ES in child.text()  # still on the 80x24 screen: where you are, in words
        child.send(b"q\r")  # "¿Terminó? ..." then sí
        child.send(b"s\r")
        assert child.wait_for(PLAIN_HINT), child.text()
        assert "[1]:" in child.text()  # back to the clinic's language for the next person
        child.send(b"\r")
        assert child.wait_for("Choose 1 to"), child.text()
        assert HOME_EN in child.text()
    finally:
        child.close()
    assert not state.exists() or not any(state.iterdir())


# -- the full screen ---------------------------------------------------------------------------
async def test_full_screen_first_run_offers_the_choice_and_remembers_it(tmp_path):
    app = make_app(tmp_path, folders=(bundled_data_dir(),), ask_language=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert shown.splitlines()[0].strip() == CHOICE
        assert "1. English" in shown and "2. Español" in shown
        assert "Press 1 for English. Oprima 2 para español." in " ".join(shown.split())
        assert app.screen.main_list().highlighted_row.text == "1. English"  # Enter keeps it
        await pilot.press("2")
        await pilot.pause(0.3)
        assert screen_text(app).splitlines()[0].strip() == TUI_HOME_ES
        assert "i English" in screen_text(app)  # the key bar: back to English in one key
    assert saved(tmp_path)["language"] == "es"
    assert not app.session.ask_language


@pytest.mark.parametrize(("size", "kiosk_lang"), [((80, 24), None), ((40, 20), None),
                                                 ((80, 24), "es"), ((40, 20), "es")])
async def test_full_screen_choice_key_bar_is_in_both_languages(tmp_path, size, kiosk_lang):
    """Nobody has chosen yet: the key bar's words are in English and Spanish, whatever the
    clinic's language, and Help (and a kiosk's Done) stay whole at 40 columns."""
    from metanav.kiosk import KioskConfig

    extra = {}
    if kiosk_lang:
        i18n.set_language(kiosk_lang)
        config = KioskConfig()
        extra = dict(kiosk=True, kiosk_config=config, policy=config.policy(),
                     start_lang=kiosk_lang)
    app = make_app(None if kiosk_lang else tmp_path, folders=(bundled_data_dir(),),
                   ask_language=True, **extra)
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause(0.3)
            bar = screen_text(app).splitlines()[-1]
            assert "? Help / Ayuda" in bar, bar
            if kiosk_lang:
                assert "F10 Done / Terminé" in bar, bar
            if size[0] == 80:
                assert "Backspace Back / Atrás" in bar, bar
            assert "Obtener" not in bar or "Get help now / Obtener ayuda ya" in bar, bar
    finally:
        i18n.set_language("en")


async def test_full_screen_i_switches_language_where_you_are(tmp_path):
    lib = load_library()
    topic = next(t for t in lib.topics if t != "get-help-now")
    app = make_app(tmp_path, folders=(bundled_data_dir(),))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_topic(topic)
        await pilot.pause()
        assert lib.topics[topic].title in screen_text(app).splitlines()[0]
        await pilot.press("i")
        await pilot.pause(0.3)
        title = app.session.library.topics[topic].title
        assert title != lib.topics[topic].title
        assert title in screen_text(app).splitlines()[0]
        assert status(app) == "Ahora en español. Oprima i para English."
        await pilot.press("backspace")
        await pilot.pause(0.3)
        assert screen_text(app).splitlines()[0].strip() == TUI_HOME_ES
    assert saved(tmp_path)["language"] == "es"


async def test_full_screen_kiosk_asks_again_after_a_reset_in_the_clinics_language(tmp_path):
    from metanav.kiosk import KioskConfig

    config = KioskConfig()
    app = make_app(None, folders=(bundled_data_dir(),), kiosk=True, kiosk_config=config,
                   policy=config.policy(), start_lang="en", ask_language=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen_text(app).splitlines()[0].strip() == CHOICE
        await pilot.press("s")  # the first letter of "Español"
        await pilot.pause(0.3)
        assert screen_text(app).splitlines()[0].strip() == TUI_HOME_ES
        await app.kiosk.reset()
        await pilot.pause(0.3)
        assert screen_text(app).splitlines()[0].strip() == CHOICE
        assert app.session.lang == "en" and i18n.language() == "en"
        assert app.screen.main_list().highlighted_row.text == "1. English"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert screen_text(app).splitlines()[0].strip() == TUI_HOME_EN
    assert app.session.store.setting("language") is None  # nothing remembered


@pytest.mark.slow
def test_real_full_screen_kiosk_opens_on_the_choice(tmp_path):
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\npin = 4711\n", encoding="utf-8")
    child = Kiosk([PYTHON, "-I", "-m", "metanav", "--kiosk", "--kiosk-config", str(config)],
                  undecided_env(tmp_path, tmp_path / "state", TEXTUAL_ANIMATIONS="none"), tmp_path)
    try:
        assert child.wait_for("Elija un idioma"), child.text()
        child.pump(1.0)  # a loaded machine: the app reads keys once its first frame is out
        child.send(b"2", settle=1.0)
        assert child.wait_for(TUI_HOME_ES), child.text()
    finally:
        child.close()


PLACES = ["group", "topic", "questions", "mylist", "doctor", "resources", "resource", "qr",
          "bookmarks", "help", "search"]


@pytest.mark.parametrize("place", PLACES)
async def test_i_on_every_full_screen_redraws_it_in_the_other_language(tmp_path, place):
    """Each kind of screen, then i: the same screen, its title and key bar in Spanish, and
    Backspace goes back to a Spanish screen too."""
    from metanav.core.views import topic_groups

    lib = load_library()
    store = Store.open(tmp_path)
    question = next(iter(lib.questions))
    store.set_chosen(question, True)
    store.set_bookmark("topic", next(iter(lib.topics)), True)
    app = make_app(tmp_path, folders=(bundled_data_dir(),))
    resource = next(r for r in lib.resources.values() if r.url)
    async with app.run_test(size=(80, 24)) as pilot:
        opens = {
            "group": lambda: app.open_group(next(iter(topic_groups(lib)))),
            "topic": lambda: app.open_topic(next(iter(lib.topics))),
            "questions": app.open_questions, "resources": app.open_resources,
            "resource": lambda: app.open_resource(resource.id),
            "bookmarks": app.open_bookmarks, "help": app.open_help, "search": app.open_search,
        }
        if place in ("mylist", "doctor"):
            app.open_questions()
            await pilot.pause()
            await pilot.press("s", *(["l"] if place == "doctor" else []))
        elif place == "qr":
            app.open_resource(resource.id)
            await pilot.pause()
            await pilot.press("c")
        else:
            opens[place]()
        await pilot.pause(0.3)
        kind, english = type(app.screen), screen_text(app).splitlines()[0]
        if place in ("search", "resources"):  # every letter is typed here: Ctrl+O, as shown
            assert "Ctrl+O Español" in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+o" if place in ("search", "resources") else "i")
        await pilot.pause(0.5)
        assert type(app.screen) is kind and app.session.lang == "es"
        shown = screen_text(app)
        # (a resource's title is its name, the same in both languages)
        assert shown.splitlines()[0] != english or place in ("resource", "qr"), shown
        assert "Atrás" in shown.splitlines()[-1], shown  # the key bar too
        await pilot.press("backspace")
        await pilot.pause(0.3)
        assert "Atrás" in screen_text(app).splitlines()[-1], screen_text(app)


def test_a_kiosk_translates_once_however_often_its_visitors_switch(tmp_path, monkeypatch):
    from metanav.content import translation

    calls = []
    real = translation.translate
    monkeypatch.setattr(translation, "translate",
                        lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    session = make_session(None, folders=(bundled_data_dir(),), kiosk=True, start_lang="en")
    for _visitor in range(5):
        assert actions.choose_language(session, "es").ok and session.lang == "es"
        actions.clear_session(session)
        assert session.lang == "en"
    assert calls.count("es") == 1



async def test_the_choice_shows_both_languages_with_the_screen_reader_setting(tmp_path):
    """With --screen-reader a list shows the rows the highlight has been on; the first
    screen's two languages are one question, so both are on it from the start."""
    app = make_app(tmp_path, folders=(bundled_data_dir(),), ask_language=True,
                   screen_reader=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        assert "1. English" in screen_text(app) and "2. Español" in screen_text(app)


def test_export_follows_the_language_a_person_chose(tmp_path):
    state = tmp_path / "state"
    store = Store.open(state)
    store.set_setting("language", "es")
    store.set_chosen(next(iter(load_library().questions)), True)
    env = {k: v for k, v in os.environ.items() if k != "METANAV_LANG"}
    env.update(METANAV_STATE_DIR=str(state), PYTHONIOENCODING="utf-8", LANG="C.UTF-8")
    proc = subprocess.run([sys.executable, "-m", "metanav", "export", "-o", "-"],
                          capture_output=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith("Preguntas para mi médico")


def test_metanav_kiosk_lang_skips_the_question_for_everyone(tmp_path):
    """metanav-kiosk --lang es (docs/kiosk.md): Spanish home at once, and again after a reset."""
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\npin = 4711\nlanguage = en\n", encoding="utf-8")
    child = Kiosk([PYTHON, "-I", "-m", "metanav.kiosk_launcher", "--plain", "--lang", "es",
                   "--kiosk-config", str(config)], undecided_env(tmp_path, tmp_path / "state"),
                  tmp_path)
    try:
        assert child.wait_for(HOME_PROMPT_ES), child.text()
        assert HOME_ES in child.text() and CHOICE not in child.text()
        child.send(b"q\r")  # "¿Terminó? ..." then sí: the next person
        child.send(b"s\r")
        assert child.wait_for("Su sesión"), child.text()
        child.pump(1.0)
        assert CHOICE not in child.text() and HOME_PROMPT_ES in child.text()
    finally:
        child.close()
