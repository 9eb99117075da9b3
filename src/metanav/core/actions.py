"""Everything a person can do, once, for both faces.

Each action takes the ``Session`` (content, the person's state, the kiosk policy) and what it
acts on, checks the policy, changes the saved state in one store operation (so a crash or a
second copy of metanav never sees half of it), and returns a ``Done`` (done.py): the words
that confirm it. The faces only choose what to act on, call the action and show ``Done``'s
words:

    done = actions.toggle_asked(session, question_id)
    face.say(done.sentence(long=True))   # plain mode: "Marked as asked: Is it curable?"
    face.say(done.sentence())            # full screen: "Marked as asked."

Choosing the language is in language_choice.py, reached from here too. Plain Python: never
imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from metanav.core import language_choice
from metanav.core.commands import GET_HELP_NOW, LAST_TOPIC
from metanav.core.done import Done, saved
from metanav.core.policy import REFUSAL
from metanav.i18n import N_, _
from metanav.session import THEME_NAMES, Session
from metanav.state import mylist
from metanav.state.store import MAX_TOP, SaveResult

NOTE_UNCHANGED = N_("Note not changed.")
NO_QUESTION = N_("No question added.")
KEPT = N_("Your question is kept.")
NOT_CHANGED = N_("Your question is not changed.")
UNDO_HINT = N_("u to undo.")
NOTHING_TO_UNDO = N_("There is nothing to undo.")

# Choosing the language (language_choice.py), reached from here as every other action is.
LANGUAGE = language_choice.LANGUAGE
choose_language = language_choice.choose_language
switch_language = language_choice.switch_language
other_language = language_choice.other_language
other_language_name = language_choice.other_language_name


def refused(session: Session, switch: str) -> Done | None:
    """A refusal when the policy switch is off, else None."""
    if session.policy.allows(switch):
        return None
    return Done(session.policy.refusal() or _(REFUSAL), ok=False)


def question_text(session: Session, question_id: str) -> str:
    question = session.library.questions.get(question_id)
    if question is not None:
        return question.text
    return dict(session.store.own_questions()).get(question_id, "")


# -- questions for your doctor ------------------------------------------------------------------
def toggle_pick(session: Session, question_id: str) -> Done:
    """Pick a question for my list, or take it off (which also unmarks it as most important)."""
    on = not session.store.entry(question_id)["chosen"]
    result = session.store.set_chosen(question_id, on)
    words = _("Picked. It is on your list.") if on else _("Taken off your list.")
    return saved(result, words, question_text(session, question_id))


def toggle_top(session: Session, question_id: str) -> Done:
    """Mark as one of the most important (which picks it too), or unmark. Refuses a fourth."""
    store = session.store
    on = not store.entry(question_id)["top"]
    result = store.set_top(question_id, on)
    if on and not result.ok and not store.entry(question_id)["top"]:
        return Done(f"{result.message} {_('To choose another, first unmark one.')}", ok=False)
    if on:
        words = _("Marked as most important ({count} of {most}).").format(
            count=store.top_count(), most=MAX_TOP)
    else:
        words = _("No longer marked as most important.")
    return saved(result, words, question_text(session, question_id))


def toggle_asked(session: Session, question_id: str) -> Done:
    """Mark as asked (which picks it too, in the same save), or as not asked yet."""
    on = not session.store.entry(question_id)["asked"]
    result = session.store.set_asked(question_id, on, pick=on)
    words = _("Marked as asked.") if on else _("Marked as not asked yet.")
    return saved(result, words, question_text(session, question_id))


def write_note(session: Session, question_id: str, note: str) -> Done:
    """Save a note of the answer (which picks the question too, in the same save); an empty
    note removes it and leaves the question as it was."""
    no = refused(session, "own_notes")
    if no:
        return no
    note = note.strip()
    result = session.store.set_note(question_id, note, pick=bool(note))
    return saved(result, _("Note saved.") if note else _("Note removed."))


def add_own(session: Session, text: str) -> tuple[str, Done]:
    """Add a question of the person's own, picked. Returns its id ("" when nothing was added)."""
    no = refused(session, "own_notes")
    if no:
        return "", no
    if not text.strip():
        return "", Done(_(NO_QUESTION), ok=False)
    own_id, result = session.store.add_own(text)
    return own_id, saved(
        result, _("Your question is added and picked. It is under My own questions."))


def edit_own(session: Session, own_id: str, text: str) -> Done:
    """Change the words of a question the person added; its marks and note stay. Empty (or
    the same) words change nothing."""
    no = refused(session, "own_notes")
    if no:
        return no
    old = dict(session.store.own_questions()).get(own_id)
    if old is None:
        return Done(_("Only questions you added yourself can be changed."), ok=False)
    text = " ".join(text.split())
    if not text or text == old:
        return Done(_(NOT_CHANGED), old, ok=False)
    return saved(session.store.set_own_text(own_id, text), _("Your question is changed."), text)


def remove_own(session: Session, own_id: str) -> Done:
    """Delete a question the person added; u (``undo``) brings it back, marks and note too."""
    store = session.store
    text = question_text(session, own_id)
    ids = [qid for qid, _text in store.own_questions()]
    position = ids.index(own_id) if own_id in ids else len(ids)
    entry = dict(store.entry(own_id))
    result = store.remove_own(own_id)
    _offer_undo(session, N_("Your question is back."), lambda: text, own_id,
                lambda: store.put_own(own_id, text, entry, position))
    return Done(_("Your question is deleted."), text, "" if result.ok else result.message,
                more=_(UNDO_HINT))


# -- undo ---------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Undo:
    """The last removal, which ``undo`` can take back until anything else changes."""

    # Both are made when undoing, in the language shown then (i may come in between).
    words: str  # what undoing says, untranslated (N_("Bookmark put back."))
    about: Callable[[], str]  # what was put back, in words
    put_back: Callable[[], SaveResult]  # one store operation
    changes: int  # the store's change count just after the removal
    key: str  # the item's key in its list ("topic:pain", "own-…"): a face shows it there


def _offer_undo(session: Session, words: str, about: Callable[[], str], key: str,
                put_back: Callable[[], SaveResult]) -> None:
    session.undo = Undo(words, about, put_back, session.store.changes, key)


def undo(session: Session) -> Done:
    """Take back the last removal (a bookmark, or a question of the person's own), if nothing
    else changed since."""
    pending, session.undo = session.undo, None
    if not isinstance(pending, Undo) or pending.changes != session.store.changes:
        return Done(_(NOTHING_TO_UNDO), ok=False)
    result = pending.put_back()
    return Done(_(pending.words), pending.about(), "" if result.ok else result.message,
                key=pending.key)


def export_list(session: Session, path: Path | None = None) -> Done:
    """Write my list to a new text file and say where."""
    no = refused(session, "export")
    if no:
        return no
    try:
        written = mylist.export(session.library, session.store, path)
    except OSError as exc:
        return Done(_("Could not save the file ({why}). Nothing was written.").format(
            why=exc.strerror or exc), ok=False)
    return Done(_("Saved your list to {path}").format(path=written))


def print_list(session: Session) -> Done:
    """Print my list in large type: on the kiosk's printer, or at home on the default one."""
    from metanav.core import printing

    no = refused(session, "print")
    if no:
        return no
    items = mylist.my_list(session.library, session.store)
    if not items:
        return Done(_(printing.EMPTY), ok=False)
    if session.kiosk:
        printer = session.kiosk_config.printer if session.kiosk_config else ""
        if not printer:
            return Done(_(printing.NO_KIOSK_PRINTER), ok=False)
    else:
        printer = printing.default_printer() or ""
        if not printer:
            return Done(_(printing.NO_PRINTER if printing.has_cups() else printing.NO_CUPS),
                        ok=False)
    problem = printing.send(printer, "\n".join(mylist.render_lines(items)) + "\n")
    if problem:
        return Done(problem, ok=False)
    return Done(_("Sent your list to the printer {printer}.").format(printer=printer),
                more=_("Collect it there."))


# -- bookmarks ----------------------------------------------------------------------------------
def bookmark_title(session: Session, kind: str, item_id: str) -> str:
    """'Topic: Pain', 'Resource: 988 Lifeline', or words for one no longer in the content."""
    library = session.library
    if kind == "topic" and item_id in library.topics:
        return _("Topic: {title}").format(title=library.topics[item_id].title)
    if kind == "resource" and item_id in library.resources:
        return _("Resource: {name}").format(name=library.resources[item_id].name)
    if kind == "topic":
        return _("A topic that is no longer in metanav ({id})").format(id=item_id)
    return _("A resource that is no longer in metanav ({id})").format(id=item_id)


def toggle_bookmark(session: Session, kind: str, item_id: str) -> Done:
    on, result = session.store.toggle_bookmark(kind, item_id)
    about = bookmark_title(session, kind, item_id).split(": ", 1)[-1]
    if on:
        return Done(_("Bookmarked."), about, "" if result.ok else result.message,
                    more=_("Find it under Bookmarks."))
    return saved(result, _("Bookmark removed."), about)


def remove_bookmark(session: Session, kind: str, item_id: str) -> Done:
    """Remove a bookmark; u (``undo``) puts it back where it was in the list."""
    store = session.store
    marks = store.bookmarks()
    position = marks.index((kind, item_id)) if (kind, item_id) in marks else len(marks)
    result = store.set_bookmark(kind, item_id, False)
    title = bookmark_title(session, kind, item_id)
    _offer_undo(session, N_("Bookmark put back."),
                lambda: bookmark_title(session, kind, item_id), f"{kind}:{item_id}",
                lambda: store.put_bookmark(kind, item_id, position))
    return Done(_("Bookmark removed."), title, "" if result.ok else result.message,
                more=_(UNDO_HINT))


# -- the session --------------------------------------------------------------------------------
def next_theme(session: Session, current: str) -> tuple[str, Done]:
    """The next colour theme, remembered for next time (in memory only on a kiosk)."""
    names = list(THEME_NAMES)
    theme = names[(names.index(current) + 1) % len(names)] if current in names else names[0]
    return theme, saved(session.store.set_setting("theme", theme),
                        _("Colours: {theme}.").format(theme=theme))


SCREEN_READER_ON = N_("Screen-reader setting on: plain text, no colours, bars or symbols. A list "
                      "shows each item as you reach it. Ctrl+S turns it off.")
SCREEN_READER_OFF = N_("Screen-reader setting off. Ctrl+S turns it on.")


def set_screen_reader(session: Session, on: bool) -> Done:
    """The full screen's screen-reader setting, remembered (in memory only on a kiosk)."""
    result = session.store.set_setting("screen_reader", on)
    return saved(result, _(SCREEN_READER_ON if on else SCREEN_READER_OFF))


def clear_session(session: Session) -> Done:
    """Forget everything the person did (kiosk: the next person starts fresh)."""
    from metanav.kiosk import CLEARED

    session.store.reset()
    session.undo = None  # the next person cannot bring back anything of the last one's
    session.notices.clear()
    if session.start_lang and session.lang != session.start_lang:
        session.use_language(session.start_lang)  # the next person starts in the clinic's
    return Done(_(CLEARED))


def remember_topic(session: Session, topic_id: str) -> None:
    """Remember the topic a person opened, so home can offer to go on reading it after a
    restart. Never in kiosk mode (the next person sees nothing of the last), never Get help
    now; saved only when it changed, and a save that fails is not worth a word."""
    if session.kiosk or topic_id == GET_HELP_NOW:
        return
    if session.store.setting(LAST_TOPIC) != topic_id:
        session.store.set_setting(LAST_TOPIC, topic_id)
