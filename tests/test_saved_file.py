"""The saved file (state/saved_file.py): written atomically, a damaged, odd or unreadable one
moved aside with a sentence for the person, and a full or read-only disk that loses nothing."""

from __future__ import annotations

import builtins
import errno
import json
import os
from pathlib import Path

import pytest

from metanav.state import saved_file
from metanav.state.store import SaveResult, Store, empty_doc
from state_helpers import STATE, leftovers, on_disk


# --------------------------------------------------------------------------------------------
# Atomic writes
# --------------------------------------------------------------------------------------------
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
