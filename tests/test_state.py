"""The person's saved state (state/store.py): every change survives a new start, two
sessions of the same person lose nothing, a kiosk's memory-only store never touches the disk,
and hostile text is made harmless. The file itself: test_saved_file.py; my list: test_mylist.py."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from metanav.state.store import MAX_TOP, SaveResult, Store, default_state_dir, empty_doc
from state_helpers import STATE, leftovers, on_disk


def test_default_state_dir_honours_the_environment(state_dir):
    assert default_state_dir() == state_dir


# --------------------------------------------------------------------------------------------
# Round trip
# --------------------------------------------------------------------------------------------
def test_everything_survives_a_new_open(state_dir):
    s = Store.open(state_dir)
    assert s.set_bookmark("topic", "pain", True) == SaveResult(True)
    assert s.set_bookmark("resource", "R-HELP-01", True).ok
    for qid in ("Q-1", "Q-2", "Q-3"):
        assert s.set_top(qid, True).ok
    refused = s.set_top("Q-4", True)
    assert refused == SaveResult(False, f"You can mark up to {MAX_TOP} questions as most important.")
    assert s.set_chosen("Q-4", True).ok
    assert s.set_asked("Q-2", True).ok
    assert s.set_note("Q-1", "Take the scan report.\nAsk about the liver.").ok
    own_id, result = s.add_own("Can I still travel in May?")
    assert result.ok
    assert s.set_setting("theme", "high-contrast").ok

    again = Store.open(state_dir)
    assert again.notices == []
    assert again.bookmarks() == [("topic", "pain"), ("resource", "R-HELP-01")]
    assert again.top_count() == 3
    assert [q for q in ("Q-1", "Q-2", "Q-3", "Q-4") if again.entry(q)["chosen"]] == [
        "Q-1", "Q-2", "Q-3", "Q-4",
    ]
    assert again.entry("Q-4")["top"] is False
    assert again.entry("Q-2")["asked"] is True
    assert again.entry("Q-1")["note"] == "Take the scan report.\nAsk about the liver."
    assert again.own_questions() == [(own_id, "Can I still travel in May?")]
    assert again.entry(own_id)["chosen"] is True
    assert again.setting("theme") == "high-contrast"
    assert on_disk(state_dir)["schema"] == 1


def test_unchoosing_clears_top_and_removing_own_question(state_dir):
    s = Store.open(state_dir)
    s.set_top("Q-1", True)
    s.set_chosen("Q-1", False)
    own_id, _ = s.add_own("Mine")
    s.remove_own(own_id)
    again = Store.open(state_dir)
    assert again.entry("Q-1")["chosen"] is False and again.entry("Q-1")["top"] is False
    assert again.own_questions() == []
    assert own_id not in on_disk(state_dir)["checklist"]


def test_bookmark_toggle_on_and_off(state_dir):
    s = Store.open(state_dir)
    assert s.toggle_bookmark("topic", "pain")[0] is True
    assert s.toggle_bookmark("topic", "pain")[0] is False
    assert Store.open(state_dir).bookmarks() == []


# --------------------------------------------------------------------------------------------
# Two sessions of the same person
# --------------------------------------------------------------------------------------------
def test_two_stores_interleaving_lose_nothing(state_dir):
    a = Store.open(state_dir)
    b = Store.open(state_dir)
    a.set_bookmark("topic", "pain", True)
    b.set_bookmark("topic", "hospice", True)
    a.set_chosen("Q-1", True)
    b.set_note("Q-1", "from b")  # b never saw Q-1 chosen: the merge keeps it
    a_own, _ = a.add_own("From a")
    b_own, _ = b.add_own("From b")
    b.set_bookmark("topic", "pain", False)  # b removes what a added
    fresh = Store.open(state_dir)
    assert fresh.bookmarks() == [("topic", "hospice")]
    assert fresh.entry("Q-1")["chosen"] is True
    assert fresh.entry("Q-1")["note"] == "from b"
    assert fresh.own_questions() == [(a_own, "From a"), (b_own, "From b")]
    # Each store sees the other's changes after its own next save.
    assert b.doc == fresh.doc


def test_two_stores_never_exceed_three_most_important(state_dir):
    a = Store.open(state_dir)
    b = Store.open(state_dir)
    a.set_top("Q-1", True)
    a.set_top("Q-2", True)
    b.set_top("Q-3", True)  # b does not know about until it saves
    result = a.set_top("Q-4", True)  # a does not know about Q-3
    fresh = Store.open(state_dir)
    assert fresh.top_count() == MAX_TOP
    assert result.ok is False
    assert "up to 3" in result.message
    assert fresh.entry("Q-4")["chosen"] is True  # chosen, just not marked most important
    assert fresh.entry("Q-4")["top"] is False


def _bookmark_many(folder: str, prefix: str, count: int) -> None:
    s = Store.open(Path(folder))
    for n in range(count):
        assert s.set_bookmark("topic", f"{prefix}-{n}", True).ok


@pytest.mark.slow
def test_two_processes_at_once_lose_nothing(state_dir):
    ctx = multiprocessing.get_context("fork")
    procs = [
        ctx.Process(target=_bookmark_many, args=(str(state_dir), name, 30)) for name in ("a", "b")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    marks = {item for _, item in Store.open(state_dir).bookmarks()}
    assert marks == {f"{name}-{n}" for name in ("a", "b") for n in range(30)}
    assert leftovers(state_dir) == []


# --------------------------------------------------------------------------------------------
# Memory only (kiosk) and hostile text
# --------------------------------------------------------------------------------------------
def test_memory_store_never_touches_disk(state_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Store.memory()
    assert s.persistent is False and s.path is None
    assert s.set_bookmark("topic", "pain", True).ok
    assert s.set_top("Q-1", True).ok
    assert s.add_own("Mine")[1].ok
    assert s.set_note("Q-1", "note").ok
    assert s.set_setting("theme", "ansi").ok
    s.reload()
    assert s.bookmarks() == [("topic", "pain")]
    assert list(state_dir.iterdir()) == []
    assert list(tmp_path.iterdir()) == []
    s.reset()
    assert s.doc == empty_doc()


def test_hostile_note_and_own_question_are_sanitised(state_dir):
    s = Store.open(state_dir)
    s.set_note("Q-1", "\x1b]0;pwned\x07[@click=app.quit]ok\x9b2J\r\nsecond\x1b[31m line")
    own_id, _ = s.add_own("\x1b[2J[link=https://evil.example]Mine\x00\n\x7fagain")
    expected_note = "]0;pwned[@click=app.quit]ok2J\nsecond[31m line"
    assert s.entry("Q-1")["note"] == expected_note
    assert s.own_questions() == [(own_id, "[2J[link=https://evil.example]Mine again")]
    again = Store.open(state_dir)
    assert again.entry("Q-1")["note"] == expected_note


def test_hostile_text_in_the_file_is_sanitised_on_load(state_dir):
    doc = empty_doc()
    doc["checklist"]["Q-1"] = {"chosen": True, "note": "a\x1b[2Jb\x9bc"}
    doc["own_questions"] = [{"id": "own-1", "text": "x\x1b]0;t\x07y"}]
    (state_dir / STATE).write_text(json.dumps(doc), encoding="utf-8")
    s = Store.open(state_dir)
    assert s.entry("Q-1")["note"] == "a[2Jbc"
    assert s.own_questions() == [("own-1", "x]0;ty")]
