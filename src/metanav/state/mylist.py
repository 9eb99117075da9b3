"""'My list': the chosen questions with their notes, as both faces show and export it."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

from metanav.content.model import Library, date_words
from metanav.content.text import clean, wrap
from metanav.i18n import _
from metanav.state.store import Store


@dataclass(frozen=True, slots=True)
class ListItem:
    id: str
    text: str
    top: bool
    asked: bool
    note: str
    own: bool


def all_questions(library: Library, store: Store) -> list[tuple[str, str, bool]]:
    """Every question a person can pick: (id, text, own), library order then own questions."""
    items = [(q.id, q.text, False) for q in library.questions.values()]
    items += [(own_id, text, True) for own_id, text in store.own_questions()]
    return items


def my_list(library: Library, store: Store) -> list[ListItem]:
    """The chosen questions: the most important first, then the rest in checklist order.

    Chosen ids that are no longer in the content are skipped here but kept in the file.
    """
    items = []
    for qid, text, own in all_questions(library, store):
        entry = store.entry(qid)
        if entry["chosen"]:
            items.append(ListItem(qid, text, entry["top"], entry["asked"], entry["note"], own))
    return sorted(items, key=lambda item: not item.top)


def render_lines(items: list[ListItem], width: int = 80, today: _dt.date | None = None) -> list[str]:
    """Plain text, printable and readable by ear: numbered, with words for every state. A
    question asked says "Asked:" first, the word the questions screens use (never a mark
    such as "[x]", which meant "picked" on one screen and "asked" on the next)."""
    today = today or _dt.date.today()
    lines = [_("Questions for my doctor"),
             _("Made with metanav on {date}.").format(date=date_words(today.isoformat())), ""]
    if not items:
        lines.append(_("No questions chosen yet."))
        return lines
    top = [i for i in items if i.top]
    rest = [i for i in items if not i.top]
    number = 0
    others = (_("Other questions"), rest) if top else (_("My questions"), rest)
    for title, group in ((_("Most important"), top), others):
        if not group:
            continue
        lines.append(f"{title}:")
        for item in group:
            number += 1
            lead = f"{number}. "
            text = f"{_('Asked')}: {item.text}" if item.asked else item.text
            lines.extend(wrap(text, width, indent=lead, subsequent=" " * len(lead)))
            if item.note:
                pad = " " * len(lead)
                for n, para in enumerate(clean(item.note).split("\n")):
                    if para.strip():
                        label = _("Answer: ") if n == 0 else ""
                        lines.extend(wrap(label + para, width, indent=pad))
        lines.append("")
    lines.extend(wrap(_("metanav gives information, not advice. Your care team can tell you what "
                        "fits your own care."), width))
    return lines


def default_export_path(today: _dt.date | None = None) -> Path:
    """A new file in the person's Documents folder (or home), never overwriting one."""
    today = today or _dt.date.today()
    import platformdirs

    folder = Path(os.environ.get("METANAV_EXPORT_DIR") or platformdirs.user_documents_path())
    if not folder.is_dir():
        folder = Path.home()
    base = folder / f"metanav-questions-{today.isoformat()}"
    path = base.with_suffix(".txt")
    n = 2
    while path.exists():
        path = Path(f"{base}-{n}.txt")
        n += 1
    return path


def export(library: Library, store: Store, path: Path | None = None) -> Path:
    """Write my list as a UTF-8 text file and return where. Raises OSError on failure."""
    path = path or default_export_path()
    text = "\n".join(render_lines(my_list(library, store))) + "\n"
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path
