"""Undo after removing a bookmark or a question of your own, and changing your own question's
words (issue 17, newcomer-qa 17 and missing feature 8): one core action each
(core/actions.py), the same in both faces."""

from __future__ import annotations

from metanav.content.load import bundled_data_dir
from metanav.core import actions
from metanav.core.policy import Policy
from metanav.state.store import Store
from plain_helpers import home_numbers, library, run_plain
from state_helpers import on_disk
from tui_helpers import bundled_library, make_app, make_session, screen_text, status

LIB = bundled_library()
TOPICS = [t for t in LIB.topics if t != "get-help-now"][:3]


def saved_marks(folder) -> list[str]:
    return [b["id"] for b in on_disk(folder)["bookmarks"]]


# -- the core ----------------------------------------------------------------------------------
def test_undo_puts_a_bookmark_back_where_it_was(state_dir):
    session = make_session(state_dir)
    for topic in TOPICS:
        session.store.set_bookmark("topic", topic, True)
    done = actions.remove_bookmark(session, "topic", TOPICS[1])
    assert done.sentence() == "Bookmark removed. u to undo."
    assert saved_marks(state_dir) == [TOPICS[0], TOPICS[2]]
    back = actions.undo(session)
    assert back.ok and back.sentence().startswith("Bookmark put back.")
    assert saved_marks(state_dir) == TOPICS  # in its place, on disk
    # Once only.
    assert actions.undo(session).sentence() == "There is nothing to undo."
    assert saved_marks(state_dir) == TOPICS


def test_undo_holds_only_until_the_next_change(state_dir):
    session = make_session(state_dir)
    session.store.set_bookmark("topic", TOPICS[0], True)
    actions.remove_bookmark(session, "topic", TOPICS[0])
    actions.toggle_bookmark(session, "topic", TOPICS[1])  # something else changed since
    done = actions.undo(session)
    assert not done.ok and done.words == "There is nothing to undo."
    assert saved_marks(state_dir) == [TOPICS[1]]


def test_undo_outlasts_a_language_switch_and_answers_in_the_new_language(state_dir):
    # Newcomer QA, second round: d, then i, then u said "No hay nada que deshacer": saving
    # the language counted as a change to the lists.
    session = make_session(state_dir, folders=(bundled_data_dir(),))
    session.store.set_bookmark("topic", TOPICS[0], True)
    actions.remove_bookmark(session, "topic", TOPICS[0])
    actions.switch_language(session)
    back = actions.undo(session)
    assert back.ok, back.sentence()
    assert back.words == "Marcador devuelto."
    assert back.about == f"Tema: {session.library.topics[TOPICS[0]].title}"  # Spanish title
    assert session.library.topics[TOPICS[0]].title != LIB.topics[TOPICS[0]].title
    assert saved_marks(state_dir) == [TOPICS[0]]
    assert on_disk(state_dir)["settings"]["language"] == "es"


def test_undo_outlasts_opening_a_topic(state_dir):
    # Opening a topic saves it as the one to go on reading: that is not a change to the lists.
    session = make_session(state_dir)
    session.store.set_bookmark("topic", TOPICS[0], True)
    actions.remove_bookmark(session, "topic", TOPICS[0])
    actions.remember_topic(session, TOPICS[1])
    assert actions.undo(session).ok
    assert saved_marks(state_dir) == [TOPICS[0]]


def test_a_kiosk_clear_forgets_what_could_be_undone():
    session = make_session(None, kiosk=True)
    session.store.set_bookmark("topic", TOPICS[0], True)
    actions.remove_bookmark(session, "topic", TOPICS[0])
    actions.clear_session(session)  # Done - clear, or the idle reset: the next person
    assert actions.undo(session).words == "There is nothing to undo."
    assert session.store.bookmarks() == []


def test_undo_brings_back_an_own_question_with_its_marks_and_note(state_dir):
    session = make_session(state_dir)
    store = session.store
    first, _ = store.add_own("Can I travel?")
    second, _ = store.add_own("Can I work?")
    store.set_top(first, True)
    store.set_asked(first, True)
    store.set_note(first, "Yes, in May.")
    done = actions.remove_own(session, first)
    assert done.sentence(long=True) == "Your question is deleted: Can I travel? u to undo."
    assert [q["id"] for q in on_disk(state_dir)["own_questions"]] == [second]
    assert actions.undo(session).sentence(long=True) == "Your question is back: Can I travel?"
    doc = on_disk(state_dir)
    assert [q["text"] for q in doc["own_questions"]] == ["Can I travel?", "Can I work?"]
    assert doc["checklist"][first] == {"chosen": True, "top": True, "asked": True,
                                       "note": "Yes, in May."}


def test_edit_changes_the_words_and_keeps_marks_and_note(state_dir):
    session = make_session(state_dir)
    own, _ = session.store.add_own("Can I travel?")
    session.store.set_note(own, "Ask in June.")
    done = actions.edit_own(session, own, "  Can I travel   in May? ")
    assert done.ok and done.sentence(long=True) == "Your question is changed: Can I travel in May?"
    doc = on_disk(state_dir)
    assert doc["own_questions"] == [{"id": own, "text": "Can I travel in May?"}]
    assert doc["checklist"][own]["chosen"] and doc["checklist"][own]["note"] == "Ask in June."
    for same in ("", "   ", "Can I travel in May?"):
        assert actions.edit_own(session, own, same).words == "Your question is not changed."
    assert on_disk(state_dir)["own_questions"][0]["text"] == "Can I travel in May?"
    question = next(iter(LIB.questions))
    assert not actions.edit_own(session, question, "Other words").ok  # not the person's own


def test_edit_is_refused_where_own_questions_are_off():
    session = make_session(None, policy=Policy(own_notes=False))
    own, _ = session.store.add_own("Can I travel?")
    assert not actions.edit_own(session, own, "Changed").ok
    assert session.store.own_questions() == [(own, "Can I travel?")]


# -- the full screen ---------------------------------------------------------------------------
async def test_full_screen_bookmarks_d_then_u(state_dir):
    store = Store.open(state_dir)
    for topic in TOPICS:
        store.set_bookmark("topic", topic, True)
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_bookmarks()
        await pilot.pause()
        await pilot.press("down", "d")
        await pilot.pause()
        assert status(app) == "Bookmark removed. u to undo."
        assert LIB.topics[TOPICS[1]].title not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert status(app).startswith("Bookmark put back.")
        assert f"2. Topic: {LIB.topics[TOPICS[1]].title}" in screen_text(app)
    assert saved_marks(state_dir) == TOPICS


async def test_full_screen_bookmarks_d_then_language_then_u(state_dir):
    store = Store.open(state_dir)
    store.set_bookmark("topic", TOPICS[0], True)
    app = make_app(state_dir, folders=(bundled_data_dir(),))
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_bookmarks()
        await pilot.pause()
        await pilot.press("d", "i")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert status(app).startswith("Marcador devuelto.")
        assert f"1. Tema: {app.session.library.topics[TOPICS[0]].title}" in screen_text(app)
    assert saved_marks(state_dir) == [TOPICS[0]]


async def test_full_screen_change_and_remove_then_undo_an_own_question(state_dir):
    store = Store.open(state_dir)
    own, _ = store.add_own("Can I travel?")
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_questions()
        await pilot.pause()
        lst = app.screen.main_list()
        lst.move_to(lst.index_of(own))
        await pilot.press("w")  # why ask this: on an own question, how to change it
        await pilot.pause()
        assert status(app) == ("Your own question has no note on why to ask it. "
                               "c changes its words; Delete or r removes it.")
        await pilot.press("c")
        await pilot.pause()
        assert "Change your question" in screen_text(app)
        assert app.screen.query_one("#prompt-input").value == "Can I travel?"
        await pilot.press("end", *" In May", "enter")
        await pilot.pause()
        assert status(app) == "Your question is changed."
        assert "Picked: Can I travel? In May" in screen_text(app)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert status(app) == "Your question is deleted. u to undo."
        assert "Can I travel? In May" not in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert status(app) == "Your question is back."
        assert "Picked: Can I travel? In May" in screen_text(app)
        # The highlight is on it again: the next key (k, t, n...) acts on what came back.
        assert app.screen.main_list().highlighted_row.key == own
        await pilot.press("u")
        await pilot.pause()
        assert status(app) == "There is nothing to undo."
    assert on_disk(state_dir)["own_questions"] == [{"id": own, "text": "Can I travel? In May"}]


async def test_full_screen_help_lists_undo_and_change(state_dir):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 200)) as pilot:
        app.open_help()
        await pilot.pause()
        text = " ".join(screen_text(app).split())
    assert "c: Change own" in text
    assert text.count("u: Undo") == 2  # on the questions and the bookmarks screens


# -- plain mode --------------------------------------------------------------------------------
def test_plain_bookmarks_d_then_u(state_dir):
    store = Store.open(state_dir)
    for topic in TOPICS:
        store.set_bookmark("topic", topic, True)
    numbers = home_numbers(library())
    run = run_plain(state_dir, [str(numbers["bookmarks"]), "d 2", "u", "q"])
    title = LIB.topics[TOPICS[1]].title
    assert f"Bookmark removed: Topic: {title}. u to undo." in run.out
    assert f"Bookmark put back: Topic: {title}." in run.out
    assert saved_marks(state_dir) == TOPICS


def test_plain_change_remove_and_undo_an_own_question(state_dir):
    own, _ = Store.open(state_dir).add_own("Can I travel?")
    numbers = home_numbers(library())
    own_group = sum(1 for g in LIB.groups if LIB.questions_in(g)) + 1
    run = run_plain(state_dir, [str(numbers["questions"]), str(own_group), "c 1",
                                "Can I travel in May?", "d 1", "y", "u", "u", "q"])
    assert "Now: Can I travel?" in run.out
    assert "Your question is changed: Can I travel in May?" in run.out
    assert "Your question is deleted: Can I travel in May? u to undo." in run.out
    assert "Your question is back: Can I travel in May?" in run.out
    assert "There is nothing to undo." in run.out
    assert "c to change your question" in run.out
    assert on_disk(state_dir)["own_questions"] == [{"id": own, "text": "Can I travel in May?"}]


# -- offer only what works: no "d to remove" with no bookmarks -------------------------------------
async def test_full_screen_bookmarks_offer_d_only_while_there_are_some(state_dir):
    Store.open(state_dir).set_bookmark("topic", TOPICS[0], True)
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_bookmarks()
        await pilot.pause()
        assert "d Remove" in screen_text(app).splitlines()[-1]
        await pilot.press("d")
        await pilot.pause()
        assert "d Remove" not in screen_text(app).splitlines()[-1]
        await pilot.press("u")  # back again: so is d
        await pilot.pause()
        assert "d Remove" in screen_text(app).splitlines()[-1]


def test_plain_bookmarks_offer_d_only_while_there_are_some(state_dir):
    numbers = home_numbers(library())
    run = run_plain(state_dir, [str(numbers["bookmarks"]), "d", "q"])
    assert "No bookmarks yet." in run.out
    assert "d to remove" not in run.out
    assert "There is no bookmark here to choose." in run.out  # d still answers, in words
    Store.open(state_dir).set_bookmark("topic", TOPICS[0], True)
    run = run_plain(state_dir, [str(numbers["bookmarks"]), "q"])
    assert "d to remove" in run.out


async def test_full_screen_d_with_no_bookmarks_still_answers(state_dir):
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_bookmarks()
        await pilot.pause()
        assert "d Remove" not in screen_text(app).splitlines()[-1]
        await pilot.press("d")
        await pilot.pause()
        assert status(app) == "There is nothing to remove."


async def test_full_screen_why_on_an_own_question_says_keys_that_work(state_dir):
    """w on your own question: no "why" note, and r removes it as Delete does (a Mac's key
    marked "delete" is Backspace, which goes back)."""
    from metanav import i18n

    own, _ = Store.open(state_dir).add_own("Can I travel?")
    i18n.set_language("es")
    app = make_app(state_dir)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.open_questions()
            await pilot.pause()
            lst = app.screen.main_list()
            lst.move_to(lst.index_of(own))
            await pilot.press("w")
            await pilot.pause()
            assert status(app) == ("Su propia pregunta no tiene una nota sobre por qué hacerla. "
                                   "c cambia sus palabras; Supr o r la borra.")
            await pilot.press("r", "y")
            await pilot.pause()
            assert own not in dict(app.session.store.own_questions())
    finally:
        i18n.set_language("en")
