"""A person's own state: bookmarks, the questions checklist, own questions, notes, settings.

One JSON document, ``state.json``, in ``platformdirs.user_data_path("metanav")`` or in
``$METANAV_STATE_DIR``. Every change is an *operation*: under a lock, the file is read again,
the operation is applied to what is on disk, and the result is written atomically (temp file,
fsync, ``os.replace``). Two copies of metanav open for the same person therefore never lose
each other's changes. Changes that could not be saved (full or read-only disk) are kept in
memory and tried again with the next change.

A memory-only store (``path=None``) is used in kiosk mode: nothing touches the disk.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from metanav.content.text import clean, clean_line
from metanav.i18n import _

try:  # POSIX advisory locks; elsewhere two copies may race (documented).
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

SCHEMA = 1
MAX_TOP = 3
MAX_NOTE = 2000
MAX_OWN_TEXT = 500
STATE_FILE = "state.json"
MAX_STATE_BYTES = 20_000_000  # thousands of notes fit in far less

Doc = dict[str, Any]
Operation = Callable[[Doc], Any]


def default_state_dir() -> Path:
    explicit = os.environ.get("METANAV_STATE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return platformdirs.user_data_path("metanav", appauthor=False)


def empty_doc() -> Doc:
    return {"schema": SCHEMA, "bookmarks": [], "checklist": {}, "own_questions": [], "settings": {}}


def _entry(value: Any) -> dict[str, Any]:
    value = value if isinstance(value, dict) else {}
    return {
        # Only a real JSON true counts: a wrong type (the text "false", 1) becomes False.
        "chosen": value.get("chosen") is True,
        "top": value.get("top") is True,
        "asked": value.get("asked") is True,
        "note": clean(value.get("note", ""))[:MAX_NOTE] if isinstance(value.get("note"), str) else "",
        **{k: v for k, v in value.items() if k not in {"chosen", "top", "asked", "note"}},
    }


def normalise(doc: Any) -> Doc:
    """Repair a document's shape quietly: wrong types become empty, unknown keys are kept.

    Ids that no longer exist in the content are kept too: a clinic may bring them back.
    """
    if not isinstance(doc, dict):
        raise ValueError("the saved state is not a JSON object")
    out = dict(doc)
    out["schema"] = doc.get("schema", SCHEMA) if isinstance(doc.get("schema"), int) else SCHEMA
    bookmarks = []
    for b in doc.get("bookmarks", []) if isinstance(doc.get("bookmarks"), list) else []:
        if isinstance(b, dict) and b.get("kind") in ("topic", "resource") and isinstance(b.get("id"), str):
            if not any(x["kind"] == b["kind"] and x["id"] == b["id"] for x in bookmarks):
                bookmarks.append({"kind": b["kind"], "id": b["id"]})
    out["bookmarks"] = bookmarks
    checklist = doc.get("checklist") if isinstance(doc.get("checklist"), dict) else {}
    out["checklist"] = {str(k): _entry(v) for k, v in checklist.items()}
    own = []
    for q in doc.get("own_questions", []) if isinstance(doc.get("own_questions"), list) else []:
        if isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("text"), str):
            own.append({"id": q["id"], "text": clean_line(q["text"])[:MAX_OWN_TEXT]})
    out["own_questions"] = own
    out["settings"] = doc.get("settings") if isinstance(doc.get("settings"), dict) else {}
    return out


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
            with self._locked():
                self.doc = self._read_disk()
            return
        except OSError:
            pass
        # The lock could not be taken (a read-only folder, say): the file may still be readable.
        try:
            self.doc = self._read_disk()
        except OSError as exc:
            self.notices.append(_("Your saved lists could not be read ({why}). "
                                  "metanav will carry on without them.").format(why=_why(exc)))

    def reset(self) -> None:
        """Forget everything in memory (kiosk: the next person starts clean)."""
        self.doc = empty_doc()
        self._pending.clear()
        self.changes += 1
        self.notices.clear()
        self.last_error = ""

    # -- disk --------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        assert self.directory is not None
        self.directory.mkdir(parents=True, exist_ok=True)
        if fcntl is None:
            yield
            return
        with open(self.directory / "state.lock", "a+") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _read_disk(self) -> Doc:
        path = self.path
        assert path is not None
        try:
            info = path.stat()
        except FileNotFoundError:
            return empty_doc()
        # A FIFO or a device would hang the start (or never end): never open one. A file far
        # bigger than any person's lists is not read into memory either.
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_STATE_BYTES:
            return self._start_fresh(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return empty_doc()
        try:
            # utf-8-sig: a file saved once by a Windows editor starts with a BOM; it is not lost.
            return normalise(json.loads(raw.decode("utf-8-sig")))
        except (ValueError, UnicodeDecodeError, RecursionError, MemoryError):
            # RecursionError: [[[[...]]]] nested 100,000 deep stopped every start.
            return self._start_fresh(path)

    def _start_fresh(self, path: Path) -> Doc:
        """Move a state file that cannot be read aside (never over an earlier one), say so."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{STATE_FILE}.corrupt-{stamp}")
        n = 2
        while aside.exists() or aside.is_symlink():  # never replace an earlier damaged copy
            aside = path.with_name(f"{STATE_FILE}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(path, aside)
            where = " " + _("It was moved to {path}.").format(path=aside)
        except OSError:
            where = ""
        self.notices.append(
            _("Your saved lists were damaged and could not be read, so metanav started "
              "fresh.") + where
        )
        return empty_doc()

    def _remove_leftovers(self) -> None:
        """Temporary files of a save that was killed half-way (full copies of the lists).
        Called under the lock, when no other copy of metanav can be writing one."""
        assert self.directory is not None
        if fcntl is None:
            return  # no lock: another copy's temporary file may be in use
        for leftover in self.directory.glob(f".{STATE_FILE}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()

    def _write_disk(self, doc: Doc) -> None:
        path = self.path
        assert path is not None
        tmp = path.with_name(f".{STATE_FILE}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        data = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        with contextlib.suppress(OSError):  # make the rename itself durable
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    # -- changes -----------------------------------------------------------------------------
    def apply(self, operation: Operation) -> SaveResult:
        """Apply one change and save it (re-reading the file first so no change is lost)."""
        operation(self.doc)
        self.changes += 1
        if self.directory is None:
            return SaveResult(True)
        self._pending.append(operation)
        try:
            with self._locked():
                fresh = self._read_disk()
                for op in self._pending:
                    op(fresh)
                self._remove_leftovers()
                self._write_disk(fresh)
        except OSError as exc:
            self.last_error = _("Saving failed ({why}). Your changes are kept until metanav "
                                "closes.").format(why=_why(exc))
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
        return self.doc["checklist"].get(question_id) or _entry({})

    def _set(self, question_id: str, **changes: Any) -> SaveResult:
        def op(doc: Doc) -> None:
            entry = _entry(doc["checklist"].get(question_id))
            entry.update(changes)
            doc["checklist"][question_id] = entry

        return self.apply(op)

    def set_chosen(self, question_id: str, on: bool) -> SaveResult:
        return self._set(question_id, chosen=on) if on else self._set(question_id, chosen=False, top=False)

    def top_count(self) -> int:
        return _top_count(self.doc)

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
            entry = _entry(doc["checklist"].get(question_id))
            entry["chosen"] = True
            if entry["top"] or _top_count(doc) < MAX_TOP:
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
            entry = _entry(doc["checklist"].get(own_id))
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
            doc["checklist"][own_id] = _entry(entry)

        return self.apply(op)

    def own_questions(self) -> list[tuple[str, str]]:
        return [(q["id"], q["text"]) for q in self.doc["own_questions"]]

    # -- settings ----------------------------------------------------------------------------
    def setting(self, key: str, default: Any = None) -> Any:
        return self.doc["settings"].get(key, default)

    def set_setting(self, key: str, value: Any) -> SaveResult:
        def op(doc: Doc) -> None:
            doc["settings"][key] = value

        return self.apply(op)


def _top_count(doc: Doc) -> int:
    return sum(1 for e in doc["checklist"].values() if e["chosen"] and e["top"])


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return _("the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("metanav is not allowed to write there")
    return exc.strerror or str(exc)
