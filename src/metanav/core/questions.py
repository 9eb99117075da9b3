"""Questions for your doctor and My list, once for both faces.

:func:`questions` is the questions screen's content: the content's groups of questions, then
the person's own, each question with its state (picked, most important, asked, a note) and
the counts both faces say. The full screen draws it as one list under the groups' headings;
plain mode as a menu of groups, each opening its questions. :func:`my_list` is My list: the
picked questions, as lines (both faces and the saved file) and as pages to show a doctor.
Plain Python: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from metanav.core.printing import DoctorPage, doctor_lines, doctor_pages
from metanav.core.views import question_count, question_line
from metanav.i18n import N_, _
from metanav.session import Session
from metanav.state.mylist import ListItem, render_lines
from metanav.state.mylist import my_list as picked_questions

OWN = "own"  # the id of the group of the person's own questions
OWN_GROUP = N_("My own questions")


@dataclass(frozen=True, slots=True)
class Question:
    """One question and its state, as both faces show it."""

    id: str
    text: str
    why: str  # why it may be worth asking ("" when the content says nothing)
    picked: bool
    top: bool
    asked: bool
    note: str

    def line(self, say_unpicked: bool = True, with_note: bool = True) -> str:
        """'Picked, most important, asked: Is curing my cancer the goal?' (see
        core/views.question_line). ``with_note``: say "has a note" (False when the note is
        shown on its own line)."""
        state = {"chosen": self.picked, "top": self.top, "asked": self.asked,
                 "note": self.note if with_note else ""}
        return question_line(self.text, state, say_unpicked)

    def note_words(self) -> str:
        return _("Note: {note}").format(note=self.note) if self.note else ""


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    id: str  # the content's group id, or OWN
    title: str
    questions: tuple[Question, ...]

    @property
    def picked(self) -> int:
        return sum(1 for q in self.questions if q.picked)

    def ids(self) -> list[str]:
        return [q.id for q in self.questions]


@dataclass(frozen=True, slots=True)
class QuestionsView:
    groups: tuple[QuestionGroup, ...]  # the content's groups that have questions, in order
    own: QuestionGroup  # the person's own questions (maybe none)
    picked: int  # questions on my list
    top: int  # of them, marked most important

    def all_groups(self) -> tuple[QuestionGroup, ...]:
        return (*self.groups, self.own)

    def group(self, group_id: str) -> QuestionGroup:
        return next((g for g in self.all_groups() if g.id == group_id),
                    QuestionGroup(group_id, "", ()))

    def picked_words(self) -> str:
        """'You have picked 3 questions; 1 marked most important.' ("" when none)."""
        if not self.picked:
            return ""
        return _("You have picked {questions}; {top} marked most important.").format(
            questions=question_count(self.picked), top=self.top)

    def own_tally(self) -> str:
        """How many own questions, and how many picked: '2 questions, 1 picked', 'none yet'."""
        own = self.own
        if not own.questions:
            return _("none yet")
        picked = _(", {n} picked").format(n=own.picked) if own.picked else ""
        return question_count(len(own.questions)) + picked


def question(session: Session, question_id: str, text: str, why: str = "") -> Question:
    entry = session.store.entry(question_id)
    return Question(question_id, text, why, entry["chosen"], entry["top"], entry["asked"],
                    entry["note"])


def why(session: Session, question_id: str) -> tuple[str, bool]:
    """What w says about one question: ("Why ask: ...", True), or why there is nothing to
    show (False). Both faces show it on request, never for every question at once."""
    if question_id.startswith("own-"):  # only the full screen lists them with the others
        # r as well as Delete: a Mac's key marked "delete" is Backspace, which goes back.
        return _("Your own question has no note on why to ask it. c changes its words; "
                 "Delete or r removes it."), False
    found = session.library.questions.get(question_id)
    if found is None or not found.why:
        return _("There is no note on why to ask this one."), False
    return _("Why ask: {why}").format(why=found.why), True


def questions(session: Session) -> QuestionsView:
    """Every question a person can pick, grouped, with its state now."""
    library, store = session.library, session.store
    groups = []
    for group in library.groups.values():
        found = library.questions_in(group.id)
        if found:
            groups.append(QuestionGroup(group.id, group.title, tuple(
                question(session, q.id, q.text, q.why) for q in found)))
    own = QuestionGroup(OWN, _(OWN_GROUP), tuple(
        question(session, own_id, text) for own_id, text in store.own_questions()))
    everything = [q for g in (*groups, own) for q in g.questions]
    picked = [q for q in everything if q.picked]
    return QuestionsView(tuple(groups), own, len(picked), sum(1 for q in picked if q.top))


@dataclass(frozen=True, slots=True)
class MyList:
    """The picked questions: the most important first, then the rest in checklist order."""

    items: tuple[ListItem, ...]

    def ids(self) -> list[str]:
        return [item.id for item in self.items]

    def lines(self, width: int = 80) -> list[str]:
        """As both faces show it, and as it is saved and printed."""
        return render_lines(list(self.items), width)

    def doctor_pages(self) -> list[DoctorPage]:
        """One question a page, large, to show a doctor (the full screen)."""
        return doctor_pages(list(self.items))

    def doctor_lines(self) -> list[str]:
        """The same, as lines (plain mode)."""
        return doctor_lines(list(self.items))


def my_list(session: Session) -> MyList:
    return MyList(tuple(picked_questions(session.library, session.store)))
