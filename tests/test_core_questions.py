"""Questions for your doctor and My list come from the core (core/questions.py) for both faces."""

from __future__ import annotations

from metanav.core import actions, questions
from metanav.session import Session
from metanav.state.store import Store
from plain_helpers import library

LIB = library()


def session(tmp_path) -> Session:
    return Session(library=LIB, store=Store.open(tmp_path))


def test_the_groups_hold_every_question_in_order_with_its_state_in_words(tmp_path):
    s = session(tmp_path)
    view = questions.questions(s)
    assert [g.id for g in view.groups] == [g for g in LIB.groups if LIB.questions_in(g)]
    assert [q.id for g in view.groups for q in g.questions] == [
        q.id for g in LIB.groups for q in LIB.questions_in(g)]
    assert view.picked == 0 and view.picked_words() == "" and view.own_tally() == "none yet"
    first = view.groups[0].questions[0]
    assert first.line() == f"Not picked: {first.text}"
    assert first.line(say_unpicked=False) == first.text
    actions.toggle_top(s, first.id)
    actions.write_note(s, first.id, "Soon.")
    view = questions.questions(s)
    first = view.groups[0].questions[0]
    assert first.line() == f"Picked, most important, has a note: {first.text}"
    assert first.line(with_note=False) == f"Picked, most important: {first.text}"
    assert first.note_words() == "Note: Soon."
    assert view.groups[0].picked == 1
    assert view.picked_words() == "You have picked 1 question; 1 marked most important."


def test_own_questions_are_their_own_group_and_counted(tmp_path):
    s = session(tmp_path)
    own_id, _done = actions.add_own(s, "Can I travel in May?")
    view = questions.questions(s)
    assert view.own.title == "My own questions"
    assert [q.text for q in view.own.questions] == ["Can I travel in May?"]
    assert view.group(questions.OWN).ids() == [own_id]
    assert view.own_tally() == "1 question, 1 picked"  # added questions are picked


def test_my_list_is_the_picked_questions_most_important_first(tmp_path):
    s = session(tmp_path)
    first, second = [q.id for q in LIB.questions_in(next(iter(LIB.groups)))][:2]
    actions.toggle_pick(s, first)
    actions.toggle_top(s, second)
    mine = questions.my_list(s)
    assert mine.ids() == [second, first]
    lines = mine.lines(80)
    assert lines[0] == "Questions for my doctor" and "Most important:" in lines
    assert len(mine.doctor_pages()) == 2
    assert LIB.questions[second].text in "\n".join(mine.doctor_lines())
