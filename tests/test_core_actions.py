"""The core's actions (core/actions.py): one store operation each, the policy checked, words back."""

from __future__ import annotations

from metanav.core import actions, views
from metanav.core.policy import Policy
from metanav.session import Session
from metanav.state.store import Store
from tui_helpers import bundled_library

LIB = bundled_library()
QID = next(iter(LIB.questions))


def session(tmp_path, **policy) -> Session:
    return Session(library=LIB, store=Store.open(tmp_path), policy=Policy(**policy))


def count_operations(store: Store) -> list:
    calls = []
    apply = store.apply

    def counted(operation):
        calls.append(operation)
        return apply(operation)

    store.apply = counted  # type: ignore[method-assign]
    return calls


def test_asked_and_a_note_pick_the_question_in_one_operation(tmp_path):
    s = session(tmp_path)
    calls = count_operations(s.store)
    done = actions.toggle_asked(s, QID)
    assert done.ok and done.words == "Marked as asked." and len(calls) == 1
    assert Store.open(tmp_path).entry(QID)["chosen"] is True  # on disk, from that one write
    other = list(LIB.questions)[1]
    actions.write_note(s, other, "Soon.")
    assert len(calls) == 2 and Store.open(tmp_path).entry(other)["chosen"] is True


def test_removing_a_note_does_not_pick_the_question(tmp_path):
    s = session(tmp_path)
    s.store.set_note(QID, "Old")
    assert not s.store.entry(QID)["chosen"]
    assert actions.write_note(s, QID, "").words == "Note removed."
    assert s.store.entry(QID) == {"chosen": False, "top": False, "asked": False, "note": ""}


def test_the_policy_is_checked_by_the_action_itself(tmp_path):
    s = session(tmp_path, own_notes=False, export=False)
    for done in (actions.write_note(s, QID, "x"), actions.add_own(s, "Mine?")[1],
                 actions.export_list(s)):
        assert not done.ok and done.words == s.policy.refusal()
    assert s.store.own_questions() == [] and s.store.entry(QID)["note"] == ""


def test_a_topics_questions_say_their_state_in_words(tmp_path):
    s = session(tmp_path)
    topic = next(t for t in LIB.topics.values() if t.questions)
    qid = topic.questions[0]
    actions.toggle_top(s, qid)
    actions.toggle_asked(s, qid)
    items = views.topic_related(s, topic)[0].items
    assert items[0].text == f"Picked, most important, asked: {LIB.questions[qid].text}"
