"""The person's saved state (state/store.py, its file in saved_file.py, its shape in
document.py) and "my list" (state/mylist.py): what is on disk."""

from __future__ import annotations

import builtins
import datetime as _dt
import errno
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from metanav.content.model import Library, Question, QuestionGroup
from metanav.state import mylist, saved_file
from metanav.state.mylist import export, my_list, render_lines
from metanav.state.store import MAX_TOP, SaveResult, Store, default_state_dir, empty_doc

STATE = "state.json"


def on_disk(folder: Path) -> dict:
    return json.loads((folder / STATE).read_text(encoding="utf-8"))


def leftovers(folder: Path) -> list[str]:
    """Files other than the state file and its lock (temp files must never be left)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in {STATE, "state.lock"})


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


def test_atomic_write_leaves_no_temp_files(state_dir):
    s = Store.open(state_dir)
    for n in range(20):
        s.set_bookmark("topic", f"t{n}", True)
    assert leftovers(state_dir) == []
    assert len(on_disk(state_dir)["bookmarks"]) == 20


def test_write_goes_through_a_temp_file_and_replace(state_dir, monkeypatch):
    calls = []
    real_replace = os.replace

    def spy(src, dst):
        calls.append((Path(src), Path(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(saved_file.os, "replace", spy)
    Store.open(state_dir).set_bookmark("topic", "pain", True)
    assert len(calls) == 1
    src, dst = calls[0]
    assert dst == state_dir / STATE
    assert src.parent == state_dir and src.name.endswith(".tmp")


# --------------------------------------------------------------------------------------------
# Corrupt files
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [b"{not json at all", b"[1, 2, 3]", b'"just text"', b"null", b"\xff\xfe\x00garbage\x80"],
    ids=["garbage", "list", "string", "null", "not-utf8"],
)
def test_corrupt_state_is_moved_aside_with_a_notice(state_dir, content):
    (state_dir / STATE).write_bytes(content)
    s = Store.open(state_dir)
    assert s.doc == empty_doc()
    aside = sorted(state_dir.glob(f"{STATE}.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == content
    assert not (state_dir / STATE).exists()
    assert len(s.notices) == 1
    notice = s.notices[0]
    assert "damaged" in notice and "started fresh" in notice
    assert str(aside[0]) in notice
    # The next change writes a good file again.
    assert s.set_bookmark("topic", "pain", True).ok
    assert Store.open(state_dir).bookmarks() == [("topic", "pain")]


def _moved_aside_and_told(state_dir: Path, s: Store) -> list[Path]:
    aside = sorted(state_dir.glob(f"{STATE}.corrupt-*"))
    assert len(aside) == 1, leftovers(state_dir)
    assert s.doc == empty_doc()
    assert len(s.notices) == 1 and str(aside[0]) in s.notices[0]
    assert "started fresh" in s.notices[0]
    return aside


@pytest.mark.parametrize("content", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"bookmarks": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
], ids=["nested-arrays", "nested-in-bookmarks"])
def test_deeply_nested_state_is_moved_aside_not_a_crash_on_every_start(state_dir, content):
    (state_dir / STATE).write_bytes(content)
    s = Store.open(state_dir)
    _moved_aside_and_told(state_dir, s)
    assert Store.open(state_dir).notices == []  # the next start is a clean one


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_state_json_is_moved_aside_not_a_hang(state_dir):
    import subprocess
    import sys

    os.mkfifo(state_dir / STATE)
    # In a child process, so a hang fails the test instead of stopping the whole run.
    script = ("import sys; from pathlib import Path; from metanav.state.store import Store; "
              "s = Store.open(Path(sys.argv[1])); print(s.notices); "
              "print(s.set_bookmark('topic', 'pain', True).ok)")
    try:
        proc = subprocess.run([sys.executable, "-c", script, str(state_dir)],
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("opening the saved state hung on a FIFO")
    assert proc.returncode == 0, proc.stderr
    assert "started fresh" in proc.stdout and proc.stdout.rstrip().endswith("True")
    assert len(sorted(state_dir.glob(f"{STATE}.corrupt-*"))) == 1
    assert on_disk(state_dir)["bookmarks"] == [{"kind": "topic", "id": "pain"}]


def test_a_state_file_saved_with_a_bom_is_read_not_lost(state_dir):
    doc = {**empty_doc(), "bookmarks": [{"kind": "topic", "id": "pain"}]}
    (state_dir / STATE).write_bytes(b"\xef\xbb\xbf" + json.dumps(doc).encode("utf-8"))
    s = Store.open(state_dir)
    assert s.notices == []
    assert s.bookmarks() == [("topic", "pain")]
    assert leftovers(state_dir) == []


def test_temp_files_of_a_killed_save_are_removed_by_the_next_save(state_dir):
    # What a save killed between writing its temporary copy and the rename leaves behind.
    for name in (".state.json.4242.0badcafe.tmp", ".state.json.77.12345678.tmp"):
        (state_dir / name).write_text('{"own_questions": [{"text": "private"}]}', encoding="utf-8")
    s = Store.open(state_dir)
    assert s.set_bookmark("topic", "pain", True).ok
    assert leftovers(state_dir) == []


def test_second_corrupt_file_does_not_overwrite_the_first_one(state_dir):
    (state_dir / STATE).write_bytes(b"first damaged copy")
    Store.open(state_dir)
    (state_dir / STATE).write_bytes(b"second damaged copy")
    Store.open(state_dir)
    kept = sorted(p.read_bytes() for p in state_dir.glob(f"{STATE}.corrupt-*"))
    assert kept == [b"first damaged copy", b"second damaged copy"]


def test_wrong_typed_fields_are_repaired_and_unknown_things_kept(state_dir):
    doc = {
        "schema": "one",
        "bookmarks": [
            {"kind": "topic", "id": "pain"},
            {"kind": "topic", "id": "pain"},  # duplicate
            {"kind": "planet", "id": "mars"},  # unknown kind
            "not a bookmark",
            {"kind": "resource", "id": 7},
        ],
        "checklist": {
            "Q-GONE-99": {"chosen": True, "note": "kept for later", "colour": "blue"},
            "Q-1": {"chosen": "false", "top": "yes", "asked": 1, "note": ["x"]},
            "Q-2": "not a mapping",
        },
        "own_questions": [{"id": "own-1", "text": "Mine"}, {"id": 5}, "bad"],
        "settings": 5,
        "future_feature": {"keep": ["me"]},
    }
    (state_dir / STATE).write_text(json.dumps(doc), encoding="utf-8")
    s = Store.open(state_dir)
    assert s.notices == []
    assert s.doc["schema"] == 1
    assert s.bookmarks() == [("topic", "pain")]
    # Unknown question ids and unknown keys are kept: a clinic may bring them back.
    assert s.entry("Q-GONE-99")["chosen"] is True
    assert s.entry("Q-GONE-99")["note"] == "kept for later"
    assert s.entry("Q-GONE-99")["colour"] == "blue"
    # Wrong types become the empty value, never a guess: the text "false" is not True.
    assert s.entry("Q-1")["chosen"] is False
    assert s.entry("Q-1")["top"] is False
    assert s.entry("Q-1")["note"] == ""
    assert s.entry("Q-2")["chosen"] is False
    assert s.own_questions() == [("own-1", "Mine")]
    assert s.doc["settings"] == {}
    assert s.doc["future_feature"] == {"keep": ["me"]}
    # And all of that survives the next save.
    assert s.set_bookmark("topic", "hospice", True).ok
    saved = on_disk(state_dir)
    assert saved["future_feature"] == {"keep": ["me"]}
    assert saved["checklist"]["Q-GONE-99"]["colour"] == "blue"


# --------------------------------------------------------------------------------------------
# Full and read-only disks
# --------------------------------------------------------------------------------------------
def _raise(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


def test_full_disk_keeps_the_change_in_memory_and_saves_it_later(state_dir, monkeypatch):
    s = Store.open(state_dir)
    assert s.set_bookmark("topic", "pain", True).ok
    monkeypatch.setattr(saved_file.os, "replace", _raise(errno.ENOSPC))
    result = s.set_bookmark("topic", "hospice", True)
    assert result.ok is False
    assert "the disk is full" in result.message
    assert "kept" in result.message
    assert s.last_error == result.message
    assert s.is_bookmarked("topic", "hospice")  # memory keeps the change
    assert Store.open(state_dir).bookmarks() == [("topic", "pain")]  # disk has the old file
    assert leftovers(state_dir) == []  # the temp file was removed

    monkeypatch.undo()
    assert s.set_chosen("Q-1", True).ok
    assert s.last_error == ""
    again = Store.open(state_dir)
    assert again.bookmarks() == [("topic", "pain"), ("topic", "hospice")]
    assert again.entry("Q-1")["chosen"] is True


def test_full_disk_while_writing_the_temp_file(state_dir, monkeypatch):
    s = Store.open(state_dir)
    real_open = builtins.open

    def full_open(file, mode="r", *args, **kwargs):
        if str(file).endswith(".tmp"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(saved_file, "open", full_open, raising=False)
    result = s.add_own("Will this be saved?")[1]
    assert result == SaveResult(
        False, "Saving failed (the disk is full). Your changes are kept until metanav closes."
    )
    monkeypatch.setattr(saved_file.os, "fsync", _raise(errno.ENOSPC))
    monkeypatch.setattr(saved_file, "open", real_open, raising=False)
    assert not s.set_asked("Q-1", True).ok  # fsync says the disk is full: temp file removed
    assert leftovers(state_dir) == []
    monkeypatch.undo()
    assert s.set_note("Q-1", "noted").ok
    again = Store.open(state_dir)
    assert [text for _, text in again.own_questions()] == ["Will this be saved?"]
    assert again.entry("Q-1")["asked"] is True
    assert again.entry("Q-1")["note"] == "noted"


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS, errno.EPERM])
def test_read_only_disk_says_so_and_keeps_changes(state_dir, monkeypatch, code):
    Store.open(state_dir).set_bookmark("topic", "pain", True)
    s = Store.open(state_dir)
    monkeypatch.setattr(saved_file.os, "replace", _raise(code))
    result = s.set_bookmark("topic", "hospice", True)
    assert result.ok is False
    assert "metanav is not allowed to write there" in result.message
    assert s.bookmarks() == [("topic", "pain"), ("topic", "hospice")]
    assert Store.open(state_dir).bookmarks() == [("topic", "pain")]


def test_read_only_folder_still_shows_the_saved_lists(state_dir, monkeypatch):
    """A read-only home: the lock file cannot be made, but state.json can still be read."""
    Store.open(state_dir).set_bookmark("topic", "pain", True)
    (state_dir / "state.lock").unlink()
    real_open = builtins.open

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(m in mode for m in "wax+"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(saved_file, "open", read_only_open, raising=False)
    s = Store.open(state_dir)
    assert s.bookmarks() == [("topic", "pain")]
    result = s.set_bookmark("topic", "hospice", True)
    assert result.ok is False
    assert "not allowed to write there" in result.message
    assert s.bookmarks() == [("topic", "pain"), ("topic", "hospice")]


def test_unreadable_state_folder_is_explained(tmp_path, monkeypatch):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / STATE).write_text("{}", encoding="utf-8")
    monkeypatch.setattr(saved_file.Path, "read_bytes", _raise(errno.EACCES))
    s = Store.open(tmp_path / "state")
    assert s.doc == empty_doc()
    assert len(s.notices) == 1
    assert "could not be read" in s.notices[0]
    assert "carry on" in s.notices[0]


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


# --------------------------------------------------------------------------------------------
# My list
# --------------------------------------------------------------------------------------------
TODAY = _dt.date(2026, 3, 5)


@pytest.fixture
def library() -> Library:
    groups = {"g": QuestionGroup("g", "Group")}
    questions = {
        q.id: q
        for q in (
            Question("Q-1", "g", "Where has my cancer spread?"),
            Question("Q-2", "g", "What is the goal of my treatment?"),
            Question("Q-3", "g", "Who do I call at night?"),
            Question("Q-4", "g", "How will we know if it works?"),
        )
    }
    return Library(topics={}, groups=groups, questions=questions, resources={})


def test_render_lines_top_first_numbered_with_asked_and_notes(library):
    s = Store.memory()
    s.set_chosen("Q-1", True)
    s.set_chosen("Q-2", True)
    s.set_top("Q-3", True)
    s.set_asked("Q-2", True)
    s.set_note("Q-1", "Liver and bones.\nAsk again in June.")
    own_id, _ = s.add_own("Can I travel?")
    s.set_chosen("Q-2", True)
    lines = render_lines(my_list(library, s), width=80, today=TODAY)
    assert lines == [
        "Questions for my doctor",
        "Made with metanav on 5 March 2026.",
        "",
        "Most important:",
        "1. Who do I call at night?",
        "",
        "Other questions:",
        "2. Where has my cancer spread?",
        "   Answer: Liver and bones.",
        "   Ask again in June.",
        "3. Asked: What is the goal of my treatment?",
        "4. Can I travel?",
        "",
        "metanav gives information, not advice. Your care team can tell you what fits",
        "your own care.",
    ]
    assert [item.id for item in my_list(library, s)] == ["Q-3", "Q-1", "Q-2", own_id]


def test_render_lines_without_top_and_empty(library):
    s = Store.memory()
    assert render_lines(my_list(library, s), today=TODAY)[3:] == ["No questions chosen yet."]
    s.set_chosen("Q-4", True)
    lines = render_lines(my_list(library, s), today=TODAY)
    assert lines[3:5] == ["My questions:", "1. How will we know if it works?"]
    assert "Most important:" not in lines


def test_render_lines_skips_ids_not_in_the_content(library, state_dir):
    s = Store.open(state_dir)
    s.set_chosen("Q-GONE", True)
    s.set_chosen("Q-1", True)
    assert [i.id for i in my_list(library, s)] == ["Q-1"]
    assert "Q-GONE" in on_disk(state_dir)["checklist"]


def test_render_lines_wraps_long_questions_under_the_number(library):
    s = Store.memory()
    own_id, _ = s.add_own("word " * 30)
    lines = render_lines(my_list(library, s), width=40, today=TODAY)
    start = lines.index("My questions:") + 1
    body = lines[start : lines.index("", start)]
    assert len(body) > 2
    assert body[0].startswith("1. word")
    assert all(len(line) <= 40 for line in body)
    assert all(line.startswith("   word") for line in body[1:])


def test_export_writes_a_file_and_never_overwrites(library, export_dir):
    s = Store.memory()
    s.set_chosen("Q-1", True)
    first = export(library, s)
    today = _dt.date.today().isoformat()
    assert first == export_dir / f"metanav-questions-{today}.txt"
    text = first.read_text(encoding="utf-8")
    assert text == "\n".join(render_lines(my_list(library, s))) + "\n"
    assert "1. Where has my cancer spread?" in text

    s.set_chosen("Q-2", True)
    second = export(library, s)
    third = export(library, s)
    assert second == export_dir / f"metanav-questions-{today}-2.txt"
    assert third == export_dir / f"metanav-questions-{today}-3.txt"
    assert first.read_text(encoding="utf-8") == text  # untouched
    assert "What is the goal of my treatment?" in second.read_text(encoding="utf-8")
    assert sorted(p.name for p in export_dir.iterdir()) == sorted(
        p.name for p in (first, second, third)
    )


def test_export_honours_metanav_export_dir(library, tmp_path, monkeypatch):
    elsewhere = tmp_path / "clinic-printouts"
    elsewhere.mkdir()
    monkeypatch.setenv("METANAV_EXPORT_DIR", str(elsewhere))
    path = export(library, Store.memory())
    assert path.parent == elsewhere
    assert mylist.default_export_path().name.endswith("-2.txt")
