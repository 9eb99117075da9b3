"""Plain mode's questions for your doctor: the groups, one group, my own questions, my list.

Every letter here finds the question a person means and calls the core's action for it
(core/actions.py); what is shown comes from the core's views (core/questions.py).
"""

from __future__ import annotations

from metanav.core import actions, commands, questions, views
from metanav.i18n import N_, _, ngettext
from metanav.plain.base import Page, Screen


class QuestionActions(Screen):
    """Letters that act on the questions a screen numbers (``ids``), and on my list. Each
    finds the question the person means and calls the core's action (core/actions.py)."""

    def ids(self) -> list[str]:
        return []

    def _which(self, arg: str) -> str | None:
        index = self.which(arg, len(self.ids()), "question")
        return None if index is None else self.ids()[index]

    def pick(self, qid: str) -> None:
        self.tell(actions.toggle_pick(self.session, qid))

    def top(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        done = actions.toggle_top(self.session, qid)
        self.tell(done)
        if not done.ok:
            self.say(_("s shows my list, where t and its number unmarks one."))
        return done.ok and isinstance(self, MyListScreen)

    def asked(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        self.tell(actions.toggle_asked(self.session, qid))
        return isinstance(self, MyListScreen)

    def note(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        self.say(_("Note for: {question}").format(
            question=actions.question_text(self.session, qid)))
        old = self.store.entry(qid)["note"]
        if old:
            self.say(_("The note now: {note}").format(note=old))
        hint = (_("Enter alone keeps it; a single - removes it") if old
                else _("Enter alone to cancel"))
        text = self.shell.ask(_("Type a short note of the answer, then Enter ({hint}):").format(
            hint=hint))
        if not text or (text == "-" and not old):
            self.say(_(actions.NOTE_UNCHANGED))
            return None
        self.tell(actions.write_note(self.session, qid, "" if text == "-" else text))
        return isinstance(self, MyListScreen)

    def add(self, arg: str) -> bool | None:
        text = arg or self.shell.ask(_("Type your question, then Enter (Enter alone to cancel):"))
        _own_id, done = actions.add_own(self.session, text or "")
        self.tell(done)
        return done.ok and isinstance(self, (OwnQuestionsScreen, MyListScreen))

    def why(self, arg: str) -> None:
        """w 2: why question 2 may be worth asking (core/questions.why)."""
        qid = self._which(arg)
        if qid is not None:
            self.say(questions.why(self.session, qid)[0])

    def show_list(self, _arg: str) -> None:
        self.shell.open(MyListScreen(self.shell))

    def export(self, _arg: str) -> None:
        self.tell(actions.export_list(self.session))


class QuestionsScreen(QuestionActions):
    NAME = N_("Questions for your doctor")
    NUMBERS = N_("open a group of questions")
    KEYS = commands.plain("questions")

    def build(self, page: Page) -> None:
        # Short on purpose: this menu is heard often, and every line costs time by ear.
        page.add(_("Open a group to pick questions for your care team."))
        view = questions.questions(self.session)
        if view.picked:
            page.add(view.picked_words())
        page.blank()
        # Only what the person has done is counted: how many questions a group holds is
        # heard when it is opened, and saying it nine times here made the menu twice as long.
        for group in view.groups:
            page.choice(group.title + (_(" ({n} picked)").format(n=group.picked)
                                       if group.picked else ""),
                        lambda g=group.id: self.shell.open(GroupScreen(self.shell, g)))
        page.choice(f"{view.own.title} ({view.own_tally()})",
                    lambda: self.shell.open(OwnQuestionsScreen(self.shell)))

    def summary(self) -> str:
        picked = questions.questions(self.session).picked
        said = _("You have picked {questions}.").format(
            questions=views.question_count(picked)) + " " if picked else ""
        return said + ngettext("{count} group of questions.", "{count} groups of questions.",
                               self.count).format(count=self.count)


# How to hear why to ask a question, on the screen and in its one line on coming back.
WHY_HOW = N_("w and a number: why ask it.")


class GroupScreen(QuestionActions):
    NAME = N_("A group of questions")
    NUMBERS = N_("pick a question for your list, or take it off")
    KEYS = commands.plain("group")

    def summary(self) -> str:
        return (f"{views.question_count(self.count)}, {self.group().picked} picked. "
                + _(WHY_HOW))

    def __init__(self, shell, group_id: str = ""):
        super().__init__(shell)
        self.group_id = group_id

    def title(self) -> str:
        return _("Questions: {group}").format(group=self.library.groups[self.group_id].title)

    def group(self) -> questions.QuestionGroup:
        return questions.questions(self.session).group(self.group_id)

    def ids(self) -> list[str]:
        return self.group().ids()

    def build(self, page: Page) -> None:
        page.add(_("A number picks a question or takes it off your list.")
                 + ("" if self.group_id == questions.OWN else " " + _(WHY_HOW)))
        page.blank()
        for q in self.group().questions:
            # A question not picked is its text alone: "Not picked" on every line of a list
            # read out whole was heard as often as the questions. The note is its own line.
            # Why to ask it is not: w and its number says it, as the full screen's w does
            # (every "Why ask" read out made this screen the longest of plain mode).
            page.choice(q.line(say_unpicked=False, with_note=False), lambda q=q.id: self.pick(q),
                        [q.note_words()] if q.note else [])
        if not page.choices:
            page.add(_("You have not added any questions of your own yet. Type a to add one."))


class OwnQuestionsScreen(GroupScreen):
    NAME = N_("My own questions")
    KEYS = commands.plain("own")

    def __init__(self, shell):
        super().__init__(shell, questions.OWN)

    def title(self) -> str:
        return _(self.NAME)

    def summary(self) -> str:
        return f"{views.question_count(self.count)}, {self.group().picked} picked."

    def edit(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        self.say(_("Now: {question}").format(question=actions.question_text(self.session, qid)))
        text = self.shell.ask(_("Type the new words, then Enter (Enter alone keeps it):"))
        done = actions.edit_own(self.session, qid, text or "")
        self.tell(done)
        return done.ok

    def remove(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        text = actions.question_text(self.session, qid)
        sure = self.shell.ask(_('Delete your question "{question}"? Type y for yes '
                                "[default: no]:").format(question=text))
        if (sure or "").lower() not in ("y", "yes", "s", "sí", "si"):
            self.say(_(actions.KEPT))
            return None
        self.tell(actions.remove_own(self.session, qid))
        return True


class MyListScreen(QuestionActions):
    NAME = N_("My list")
    KEYS = commands.plain("mylist")

    def ids(self) -> list[str]:
        return questions.my_list(self.session).ids()

    def build(self, page: Page) -> None:
        page.lines.extend(questions.my_list(self.session).lines(page.width))
        page.blank()
        page.add(_("The numbers above work with the letters: k 1 marks question 1 as asked."))

    def doctor(self, _arg: str) -> None:
        for line in questions.my_list(self.session).doctor_lines():
            self.say(line)

    def print_list(self, _arg: str) -> None:
        self.tell(actions.print_list(self.session))
