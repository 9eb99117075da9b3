"""A person's own state: bookmarks, the questions checklist, own questions, notes, settings.

One JSON document (its shape: document.py), ``state.json``, in
``platformdirs.user_data_path("metanav")`` or in ``$METANAV_STATE_DIR`` (kept safe on disk by
saved_file.py). Every change is an *operation*: under a lock, the file is read again, the
operation is applied to what is on disk, and the result is written atomically (temp file,
fsync, ``os.replace``). Two copies of metanav open for the same person therefore never lose
each other's changes. Changes that could not be saved (full or read-only disk) are kept in
memory and tried again with the next change.

A memory-only store (``path=None``) is used in kiosk mode: nothing touches the disk.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from metanav.content.text import clean, clean_line
from metanav.i18n import _
from metanav.state import saved_file
from metanav.state.document import (
    MAX_NOTE,
    MAX_OWN_TEXT,
    MAX_TOP,
    SCHEMA,
    Doc,
    checklist_entry,
    count_top,
    empty_doc,
    normalise,
)
from metanav.state.saved_file import STATE_FILE, default_state_dir

# Imported from here by the rest of metanav (this module is the state's front door).
__all__ = ["MAX_NOTE", "MAX_OWN_TEXT", "MAX_TOP", "SCHEMA", "STATE_FILE", "Doc", "Operation",
           "SaveResult", "Store", "default_state_dir", "empty_doc", "normalise"]

Operation = Callable[[Doc], Any]


@dataclass(frozen=True, slots=True)
class SaveResult:
    ok: bool
    message: str = ""


class Store:
    """The person's state, in memory, saved to ``directory/state.json`` unless memory-only."""

    def __init__(self, directory: Path | None):
        self.directory = directory
        self.doc: Doc = empty_doc()
        self.notices: list[str] = []  # things to tell the person (moved a bad file aside…)
        self.last_error: str = ""
        self._pending: list[Operation] = []
        self.changes = 0  # how many changes were made: an undo holds only until the next

    # -- construction ------------------------------------------------------------------------
    @classmethod
    def open(cls, directory: Path | None) -> Store:
        store = cls(directory)
        store.reload()
        return store

    @classmethod
    def memory(cls) -> Store:
        return cls(None)

    @property
    def path(self) -> Path | None:
        return None if self.directory is None else self.directory / STATE_FILE

    @property
    def persistent(self) -> bool:
        return self.directory is not None

    def reload(self) -> None:
        """Read the file again (nothing to do for a memory-only store)."""
        if self.directory is None:
            return
        try:
            with saved_file.locked(self.directory):
                self.doc = saved_file.read(self.path, self.notices)
            return
        except OSError:
            pass
        # The lock could not be taken (a read-only folder, say): the file may still be readable.
        try:
            self.doc = saved_file.read(self.path, self.notices)
        except OSError as exc:
            self.notices.append(_("Your saved lists could not be read ({why}). "
                                  "metanav will carry on without them.")
                                .format(why=saved_file.why(exc)))

    def reset(self) -> None:
        """Forget everything in memory (kiosk: the next person starts clean)."""
        self.doc = empty_doc()
        self._pending.clear()
        self.changes += 1
        self.notices.clear()
        self.last_error = ""

    # -- changes -----------------------------------------------------------------------------
    def apply(self, operation: Operation, to_lists: bool = True) -> SaveResult:
        """Apply one change and save it (re-reading the file first so no change is lost).
        ``to_lists``: False for a setting (language, colours, the last topic read), which
        leaves an undo of the lists standing."""
        operation(self.doc)
        self.changes += to_lists
        if self.directory is None:
            return SaveResult(True)
        self._pending.append(operation)
        try:
            with saved_file.locked(self.directory):
                fresh = saved_file.read(self.path, self.notices)
                for op in self._pending:
                    op(fresh)
                saved_file.remove_leftovers(self.directory)
                saved_file.write(self.path, fresh)
        except OSError as exc:
            self.last_error = _("Saving failed ({why}). Your changes are kept until metanav "
                                "closes.").format(why=saved_file.why(exc))
            return SaveResult(False, self.last_error)
        self._pending.clear()
        self.doc = fresh
        self.last_error = ""
        return SaveResult(True)

    # -- bookmarks ---------------------------------------------------------------------------
    def is_bookmarked(self, kind: str, item_id: str) -> bool:
        return any(b["kind"] == kind and b["id"] == item_id for b in self.doc["bookmarks"])

    def bookmarks(self) -> list[tuple[str, str]]:
        return [(b["kind"], b["id"]) for b in self.doc["bookmarks"]]

    def set_bookmark(self, kind: str, item_id: str, on: bool) -> SaveResult:
        def op(doc: Doc) -> None:
            marks = [b for b in doc["bookmarks"] if not (b["kind"] == kind and b["id"] == item_id)]
            if on:
                marks.append({"kind": kind, "id": item_id})
            doc["bookmarks"] = marks

        return self.apply(op)

    def put_bookmark(self, kind: str, item_id: str, position: int) -> SaveResult:
        """Bookmark again, at ``position`` in the list (undoing a removal)."""
        def op(doc: Doc) -> None:
            marks = [b for b in doc["bookmarks"] if not (b["kind"] == kind and b["id"] == item_id)]
            marks.insert(max(0, position), {"kind": kind, "id": item_id})
            doc["bookmarks"] = marks

        return self.apply(op)

    def toggle_bookmark(self, kind: str, item_id: str) -> tuple[bool, SaveResult]:
        on = not self.is_bookmarked(kind, item_id)
        return on, self.set_bookmark(kind, item_id, on)

    # -- checklist ---------------------------------------------------------------------------
    def entry(self, question_id: str) -> dict[str, Any]:
        return self.doc["checklist"].get(question_id) or checklist_entry({})

    def _set(self, question_id: str, **changes: Any) -> SaveResult:
        def op(doc: Doc) -> None:
            entry = checklist_entry(doc["checklist"].get(question_id))
            entry.update(changes)
            doc["checklist"][question_id] = entry

        return self.apply(op)

    def set_chosen(self, question_id: str, on: bool) -> SaveResult:
        return self._set(question_id, chosen=on) if on else self._set(question_id, chosen=False, top=False)

    def top_count(self) -> int:
        return count_top(self.doc)

    def set_top(self, question_id: str, on: bool) -> SaveResult:
        """Mark as one of the three most important (choosing it too). Refuses a fourth."""
        refusal = SaveResult(False, _("You can mark up to {most} questions as most "
                                      "important.").format(most=MAX_TOP))
        if not on:
            return self._set(question_id, top=False)
        if not self.entry(question_id)["top"] and self.top_count() >= MAX_TOP:
            return refusal

        def op(doc: Doc) -> None:
            # Checked again on the document as saved: another session may have marked some.
            entry = checklist_entry(doc["checklist"].get(question_id))
            entry["chosen"] = True
            if entry["top"] or count_top(doc) < MAX_TOP:
                entry["top"] = True
            doc["checklist"][question_id] = entry

        result = self.apply(op)
        if result.ok and not self.entry(question_id)["top"]:
            return refusal
        return result

    def set_asked(self, question_id: str, on: bool, pick: bool = False) -> SaveResult:
        """Mark as asked or not; ``pick`` also picks it, in the same operation."""
        return self._set(question_id, asked=on, **({"chosen": True} if pick else {}))

    def set_note(self, question_id: str, note: str, pick: bool = False) -> SaveResult:
        """Save the note of the answer; ``pick`` also picks it, in the same operation."""
        return self._set(question_id, note=clean(note).strip()[:MAX_NOTE],
                         **({"chosen": True} if pick else {}))

    def add_own(self, text: str) -> tuple[str, SaveResult]:
        text = clean_line(text)[:MAX_OWN_TEXT]
        own_id = f"own-{uuid.uuid4().hex[:10]}"

        def op(doc: Doc) -> None:
            doc["own_questions"].append({"id": own_id, "text": text})
            entry = checklist_entry(doc["checklist"].get(own_id))
            entry["chosen"] = True
            doc["checklist"][own_id] = entry

        return own_id, self.apply(op)

    def remove_own(self, own_id: str) -> SaveResult:
        def op(doc: Doc) -> None:
            doc["own_questions"] = [q for q in doc["own_questions"] if q["id"] != own_id]
            doc["checklist"].pop(own_id, None)

        return self.apply(op)

    def set_own_text(self, own_id: str, text: str) -> SaveResult:
        """Change the words of a question the person added (its marks and note stay)."""
        text = clean_line(text)[:MAX_OWN_TEXT]

        def op(doc: Doc) -> None:
            for q in doc["own_questions"]:
                if q["id"] == own_id:
                    q["text"] = text

        return self.apply(op)

    def put_own(self, own_id: str, text: str, entry: dict[str, Any], position: int) -> SaveResult:
        """Add a removed question of the person's own back, with its marks and note, at
        ``position`` among their questions (undoing a removal)."""
        def op(doc: Doc) -> None:
            own = [q for q in doc["own_questions"] if q["id"] != own_id]
            own.insert(max(0, position), {"id": own_id, "text": clean_line(text)[:MAX_OWN_TEXT]})
            doc["own_questions"] = own
            doc["checklist"][own_id] = checklist_entry(entry)

        return self.apply(op)

    def own_questions(self) -> list[tuple[str, str]]:
        return [(q["id"], q["text"]) for q in self.doc["own_questions"]]

    # -- settings ----------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        return self.doc["settings"].get(key, default)

    def set_setting(self, key: str, value: Any) -> SaveResult:
        def op(doc: Doc) -> None:
            doc["settings"][key] = value

        return self.apply(op, to_lists=False)

