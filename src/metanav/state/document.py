"""What the saved document holds, its limits, and a quiet repair of any shape read from disk.

The document (see store.py for how it changes and saved_file.py for how it is kept)::

    {"schema": 1, "bookmarks": [{"kind": "topic", "id": ...}],
     "checklist": {question id: {"chosen", "top", "asked": true/false, "note": "..."}},
     "own_questions": [{"id": "own-...", "text": ...}], "settings": {...}}
"""

from __future__ import annotations

from typing import Any

from metanav.content.text import clean, clean_line

SCHEMA = 1
MAX_TOP = 3
MAX_NOTE = 2000
MAX_OWN_TEXT = 500

Doc = dict[str, Any]


def empty_doc() -> Doc:
    return {"schema": SCHEMA, "bookmarks": [], "checklist": {}, "own_questions": [], "settings": {}}


def checklist_entry(value: Any) -> dict[str, Any]:
    """One question's marks and note, repaired (anything missing or wrong is off or empty)."""
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
    out["checklist"] = {str(k): checklist_entry(v) for k, v in checklist.items()}
    own = []
    for q in doc.get("own_questions", []) if isinstance(doc.get("own_questions"), list) else []:
        if isinstance(q, dict) and isinstance(q.get("id"), str) and isinstance(q.get("text"), str):
            own.append({"id": q["id"], "text": clean_line(q["text"])[:MAX_OWN_TEXT]})
    out["own_questions"] = own
    out["settings"] = doc.get("settings") if isinstance(doc.get("settings"), dict) else {}
    return out


def count_top(doc: Doc) -> int:
    """How many picked questions are marked as one of the most important."""
    return sum(1 for e in doc["checklist"].values() if e["chosen"] and e["top"])
