"""Parity: every command both faces offer (core/commands.py) works in both, with the same effect.

The test walks the command table. For each command it opens the same place in each face, gives
the command as a person would (the full-screen key through Pilot, plain mode's letter to a real
subprocess), and checks the same words and the same saved state. A command added to both faces
without a case here fails ``test_every_shared_command_has_a_case``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from metanav.content.search import ResourceFilter, count_phrase, filter_choices, filter_resources
from metanav.core.commands import COMMANDS, both_faces
from metanav.state.store import Store
from plain_helpers import home_numbers, library, run_plain
from tui_helpers import make_app, screen_text, status

LIB = library()
HOME = home_numbers(LIB)
FIRST_TOPIC = next(iter(LIB.topics))
FIRST_GROUP = next(g for g in LIB.groups if LIB.questions_in(g))
FIRST_QUESTION = LIB.questions_in(FIRST_GROUP)[0].id
FIRST_RESOURCE = next(iter(LIB.resources))
OWN_GROUP = sum(1 for g in LIB.groups if LIB.questions_in(g)) + 1  # plain: after the groups
OWN_TEXT = "Can I travel in May?"
FIRST_KIND, FIRST_LANGUAGE = (pairs[0] for pairs in filter_choices(LIB))


def resources_found(**asked: str) -> str:
    """What both faces must count for a filter: '2 resources match.'"""
    return count_phrase(len(filter_resources(LIB, ResourceFilter(**asked))))


@dataclass
class Case:
    place: str  # where the command is given (see PLAIN_WAY and open_place)
    words: str  # what both faces must say or show afterwards
    then: tuple[str, ...] = ()  # follow-up answers: typed text, "y" to confirm
    state: Callable[[dict], bool] = lambda doc: True  # the saved state both must leave
    seed: Callable[[Store], None] = lambda store: None
    tui_keys: tuple[str, ...] = field(default=())  # keys before the command's own (full screen)
    plain_arg: str = ""  # plain mode: typed after the letter ("f 988")
    also: tuple[str, ...] = ()  # more words both must show (anywhere)


def chosen(qid: str, key: str) -> Callable[[dict], bool]:
    return lambda doc: doc["checklist"].get(qid, {}).get(key) is True


def pick_first(store: Store) -> None:
    store.set_chosen(FIRST_QUESTION, True)


CASES: dict[str, Case] = {
    "get_help": Case("home", "If a life is in danger, call 911."),
    "help": Case("home", "Everywhere:"),
    "search": Case("topic", 'matches for "hospice"', plain_arg="hospice", then=("hospice",)),
    "again": Case("home", "Support resources"),
    "language": Case("home", "Ahora en español.",
                     state=lambda d: d.get("settings", {}).get("language") == "es"),
    "quit": Case("home", ""),
    "topic.bookmark": Case("topic", "Bookmarked",
                           state=lambda d: {"kind": "topic", "id": FIRST_TOPIC} in d["bookmarks"]),
    "questions.top": Case("group", "Marked as most important (1 of 3)",
                          state=chosen(FIRST_QUESTION, "top")),
    "questions.asked": Case("group", "Marked as asked",
                            state=lambda d: chosen(FIRST_QUESTION, "asked")(d)
                            and chosen(FIRST_QUESTION, "chosen")(d)),
    "questions.note": Case("group", "Note saved.", then=("Soon.",),
                           state=lambda d: d["checklist"][FIRST_QUESTION]["note"] == "Soon."
                           and chosen(FIRST_QUESTION, "chosen")(d)),
    "questions.add": Case("group", "Your question is added and picked.", then=(OWN_TEXT,),
                          state=lambda d: [q["text"] for q in d["own_questions"]] == [OWN_TEXT]),
    "questions.remove": Case("own", "Your question is deleted", then=("y",),
                             state=lambda d: d["own_questions"] == [],
                             seed=lambda store: store.add_own(OWN_TEXT)),
    "questions.show": Case("group", "Questions for my doctor"),
    "questions.why": Case("group", "Why ask:",
                          also=(" ".join(LIB.questions[FIRST_QUESTION].why.split())[:40],)),
    "mylist.export": Case("mylist", "Saved your list to", seed=pick_first),
    "mylist.doctor": Case("mylist", LIB.questions[FIRST_QUESTION].text.split()[0], seed=pick_first),
    "mylist.print": Case("mylist", "", seed=pick_first),  # words depend on a printer: see below
    # The same filter finds the same resources in both faces (core/resources.py).
    # (The full screen opens in the filter box; its key, Ctrl+F, is tried from the list.)
    "resources.filter": Case("resources", resources_found(text="988"), plain_arg="988",
                             then=("988",), tui_keys=("down",), also=('Filter: words "988".',)),
    "resources.kind": Case("resources", resources_found(kind=FIRST_KIND[0]), plain_arg="2",
                           also=(f"Filter: kind {FIRST_KIND[1]}.",)),
    "resources.language": Case("resources", resources_found(language=FIRST_LANGUAGE[0]),
                               plain_arg="2", also=(f"Filter: language {FIRST_LANGUAGE[1]}.",)),
    "resources.bookmark": Case("resources", "Bookmarked", plain_arg="1", tui_keys=("down",),
                               state=lambda d: len(d["bookmarks"]) == 1),
    "resources.clear": Case("resources", "Filters cleared.", tui_keys=("ctrl+f", "9", "8", "8"),
                            plain_arg=""),
    "resource.bookmark": Case("resource", "Bookmarked",
                              state=lambda d: {"kind": "resource", "id": FIRST_RESOURCE}
                              in d["bookmarks"]),
    "questions.edit": Case("own", "Your question is changed", then=("Can I go in June?",),
                           state=lambda d: [q["text"] for q in d["own_questions"]]
                           == ["Can I go in June?"],
                           seed=lambda store: store.add_own(OWN_TEXT)),
    # u after d: the bookmark is back (plain mode types "d 1" first, see test_plain_mode).
    "undo": Case("bookmarks", "Bookmark put back", tui_keys=("d",),
                 state=lambda d: d["bookmarks"] == [{"kind": "topic", "id": FIRST_TOPIC}],
                 seed=lambda store: store.set_bookmark("topic", FIRST_TOPIC, True)),
    "bookmarks.remove": Case("bookmarks", "Bookmark removed", plain_arg="1",
                             state=lambda d: d["bookmarks"] == [],
                             seed=lambda store: store.set_bookmark("topic", FIRST_TOPIC, True)),
}

PLAIN_WAY = {
    "home": [],
    "topic": [HOME[FIRST_TOPIC]],
    "group": [str(HOME["questions"]), "1"],
    "own": [str(HOME["questions"]), str(OWN_GROUP)],
    "mylist": [str(HOME["questions"]), "s"],
    "resources": [str(HOME["resources"])],
    "resource": [str(HOME["resources"]), str(list(LIB.resources).index(FIRST_RESOURCE) + 1)],
    "bookmarks": [str(HOME["bookmarks"])],
}


async def open_place(app, pilot, place: str) -> None:
    if place == "topic":
        app.open_topic(FIRST_TOPIC)
    elif place in ("group", "own", "mylist"):
        app.open_questions()
        await pilot.pause()
        if place == "own":
            lst = app.screen.main_list()
            own_id = app.session.store.own_questions()[0][0]
            lst.move_to(lst.index_of(own_id))
        if place == "mylist":
            await pilot.press("s")
    elif place == "resources":
        app.open_resources()
    elif place == "resource":
        app.open_resource(FIRST_RESOURCE)
    elif place == "bookmarks":
        app.open_bookmarks()
    await pilot.pause()


def saved(folder: Path) -> dict:
    path = folder / "state.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {
        "bookmarks": [], "checklist": {}, "own_questions": []}


def test_every_shared_command_has_a_case():
    assert {c.id for c in both_faces()} == set(CASES)


SHARED = sorted(CASES)


@pytest.mark.parametrize("command_id", SHARED)
def test_plain_mode(command_id, tmp_path):
    command, case = COMMANDS[command_id], CASES[command_id]
    case.seed(Store.open(tmp_path))
    typed = command.letter
    if case.plain_arg or command.takes_number:
        typed = f"{command.letter} {case.plain_arg or '1'}"
    if command_id == "resources.clear":
        typed = "f 988\nc"
    if command_id == "undo":
        typed = "d 1\nu"
    then = [] if command_id == "resources.filter" else list(case.then)
    run = run_plain(tmp_path, [*PLAIN_WAY[case.place], typed, *then, "q"], export=tmp_path)
    said = run.out.rsplit(f": {typed.splitlines()[-1]}\n", 1)[-1]
    assert case.words in said, said[-1500:]
    for words in case.also:
        assert words in said, said[-1500:]
    if command_id == "quit":
        assert run.out.endswith("Goodbye.\n")
    assert case.state(saved(tmp_path))
    if command_id == "mylist.export":
        assert list(tmp_path.glob("metanav-questions-*.txt"))


@pytest.mark.parametrize("command_id", SHARED)
async def test_full_screen(command_id, tmp_path, monkeypatch):
    monkeypatch.setenv("METANAV_EXPORT_DIR", str(tmp_path))
    command, case = COMMANDS[command_id], CASES[command_id]
    case.seed(Store.open(tmp_path))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_place(app, pilot, case.place)
        await pilot.press(*case.tui_keys, command.key.split(",")[0])
        if command_id == "questions.edit":
            await pilot.pause()
            await pilot.press("ctrl+u")  # the box holds the question's words: clear them first
        for answer in case.then:
            await pilot.pause()
            await pilot.press(*(["y"] if answer == "y" else [*answer, "enter"]))
        await pilot.pause()
        if command_id == "quit":
            assert app.return_code == 0
            return
        shown = f"{status(app)}\n{screen_text(app)}"
        assert case.words in shown, shown
        for words in case.also:
            assert words in " ".join(shown.split()), shown
    assert case.state(saved(tmp_path))
    if command_id == "mylist.export":
        assert list(tmp_path.glob("metanav-questions-*.txt"))


# -- the same view in both faces (core/questions.py, core/resources.py) --------------------------
def plain_choices(out: str, after: str) -> list[str]:
    """The first line of each numbered choice shown after ``after``: "1. text" -> "text"."""
    shown = out.split(after, 1)[1].split("Choose 1 to", 1)[0]
    return [m.group(1) for m in re.finditer(r"^\d+\. (.*)$", shown, re.MULTILINE)]


async def test_both_faces_list_the_same_resources_for_the_same_words(tmp_path):
    run = run_plain(tmp_path, [str(HOME["resources"]), "f cancer", "q"])
    plain_names = plain_choices(run.out, 'Filter: words "cancer".')
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press(*"cancer")
        await pilot.pause()
        rows = app.screen.main_list().rows
        full_rows = [rows[i].text for i in range(len(rows))]
    assert plain_names and len(full_rows) == len(plain_names)
    for row, name in zip(full_rows, plain_names, strict=True):
        assert row.startswith(name.split(" - ")[0][:30]), (row, name)


async def test_both_faces_show_a_question_with_the_same_state_in_words(tmp_path):
    store = Store.open(tmp_path)
    store.set_top(FIRST_QUESTION, True)
    store.set_asked(FIRST_QUESTION, True, pick=True)
    text = LIB.questions[FIRST_QUESTION].text
    words = f"Picked, most important, asked: {text}"
    run = run_plain(tmp_path, [*PLAIN_WAY["group"], "q"])
    assert " ".join(words.split()) in " ".join(run.out.split())
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_questions()
        await pilot.pause()
        lst = app.screen.main_list()
        row = lst.rows[lst.index_of(FIRST_QUESTION)]
    assert row.text.endswith(words)


async def test_both_faces_show_a_topic_with_the_same_parts_and_sources(tmp_path):
    from metanav.core.views import topic_page

    page = topic_page(LIB.topics[FIRST_TOPIC])
    run = run_plain(tmp_path, [*PLAIN_WAY["topic"], "q"])
    plain_words = " ".join(run.out.split())
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_topic(FIRST_TOPIC)
        await pilot.pause()
        full_words = " ".join(app.screen.query_one("#topic-text").render().plain.split())
    for words in (page.sources_heading, *(p.heading for p in page.parts), *page.sources,
                  *page.checked, page.care_team):
        assert " ".join(words.split()) in plain_words, words
        assert " ".join(words.split()) in full_words, words
