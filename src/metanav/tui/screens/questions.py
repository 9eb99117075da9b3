"""Questions for your doctor: pick, mark the top three, add your own, mark asked, note answers.

The questions and My list are the core's views (core/questions.py), drawn as lists and text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from metanav.content.text import wrap
from metanav.core import actions, questions
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, ListScreen, plain
from metanav.tui.screens.prompt import Confirm, TextPrompt
from metanav.tui.widgets.lean_list import LeanList, Row
from metanav.tui.widgets.reading_view import ReadingView

HINT = N_("Space picks a question or takes it off your list. t marks up to 3 as most "
          "important, w says why to ask it.")


def question_row(number: int, question: questions.Question) -> Row:
    """'3. Picked, most important, asked: Is curing my cancer the goal?'"""
    return Row(f"{number}. {question.line()}", key=question.id)


class QuestionsScreen(ListScreen):
    BINDINGS = bindings.QUESTIONS
    TITLE_TEXT = N_("Questions for your doctor")

    def compose_body(self) -> ComposeResult:
        hint = Static(plain(_(HINT)), id="questions-hint", markup=False)
        hint.styles.height = self._hint_height()  # set now: the first frame is the whole screen
        yield hint
        yield LeanList(self._rows(), wrap=True, id="questions-list")

    def _hint_height(self) -> int:
        """Keep the hint's height fixed while moving (a changing height would shift and
        repaint the whole list on every arrow): tall enough for the longest "why"."""
        width = max(20, self.app.size.width - 2)
        texts = [_(HINT)] + [_("Why ask: {why}").format(why=q.why)
                             for q in self.session.library.questions.values() if q.why]
        return min(max(len(wrap(text, width)) for text in texts), 6)

    def on_resize(self) -> None:
        hint = self.query_one("#questions-hint", Static)
        height = self._hint_height()
        if hint.styles.height is None or hint.styles.height.value != height:
            hint.styles.height = height

    _showing_why = False

    def on_lean_list_highlighted(self, event: LeanList.Highlighted) -> None:
        # Back to the key hint when moving on (a "why" changing on every arrow would cost
        # every arrow several hundred bytes over SSH; w shows it when wanted).
        if self._showing_why:
            self._showing_why = False
            self.query_one("#questions-hint", Static).update(plain(_(HINT)))

    def action_why(self) -> None:
        """Show why the highlighted question may be worth asking, where the content says."""
        row = self.main_list().highlighted_row
        words, found = questions.why(self.session, row.key if row else "")
        if not found:
            self.say(words)
            return
        self._showing_why = True
        self.query_one("#questions-hint", Static).update(plain(words))

    AUTO_FOCUS = "#questions-list"

    def _rows(self) -> list[Row]:
        """The core's view as one list: each group's heading, then its questions numbered."""
        view = questions.questions(self.session)
        rows: list[Row] = []
        number = 0
        for group in view.all_groups():
            rows.append(Row(group.title, heading=True))
            for q in group.questions:
                number += 1
                rows.append(question_row(number, q))
        if not view.own.questions:
            rows.append(Row(_("No questions of your own yet. Press a to add one."), heading=True))
        return rows

    def refresh_view(self) -> None:
        lst = self.main_list()
        keep = lst.highlighted_row.key if lst.highlighted_row else None
        lst.set_rows(self._rows(), keep=keep)

    def _current(self) -> tuple[int, str, str] | None:
        """(row index, question id, text) of the highlighted question."""
        lst = self.main_list()
        row = lst.highlighted_row
        if row is None or not row.key:
            return None
        text = self._text_of(row.key)
        return lst.highlighted, row.key, text

    def _text_of(self, qid: str) -> str:
        return actions.question_text(self.session, qid)

    def _redraw(self, index: int, qid: str) -> None:
        row = self.main_list().rows[index]
        number = int(row.text.split(".", 1)[0])
        new = question_row(number, questions.question(self.session, qid, self._text_of(qid)))
        self.main_list().update_row(index, new)

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.action_toggle()

    def _act(self, action) -> None:
        """Call a core action on the highlighted question, redraw its row, say what it did."""
        current = self._current()
        if current:
            index, qid, _row = current
            done = action(self.session, qid)
            self._redraw(index, qid)
            self.tell(done)

    def action_toggle(self) -> None:
        self._act(actions.toggle_pick)

    def action_top(self) -> None:
        self._act(actions.toggle_top)

    def action_asked(self) -> None:
        self._act(actions.toggle_asked)

    def action_note(self) -> None:
        current = self._current()
        if not current:
            return
        index, qid, text = current

        def done(note: str | None) -> None:
            if note is None:
                self.say(actions.NOTE_UNCHANGED)
                return
            said = actions.write_note(self.session, qid, note)
            self._redraw(index, qid)
            self.tell(said)

        self.app.push_screen(
            TextPrompt(_("Note of the answer"), text, self.session.store.entry(qid)["note"], 2000),
            done,
        )

    def action_add(self) -> None:
        def done(text: str | None) -> None:
            own_id, said = actions.add_own(self.session, text or "")
            if own_id:
                self.main_list().set_rows(self._rows(), keep=own_id)
            self.tell(said)

        self.app.push_screen(TextPrompt(_("Add your own question"), _("Type your question.")), done)

    def action_edit(self) -> None:
        current = self._current()
        if not current or not current[1].startswith("own-"):
            self.say(_("Only questions you added yourself can be changed."))
            return
        index, own_id, text = current

        def done(new: str | None) -> None:
            if new is None:
                self.say(_(actions.NOT_CHANGED))
                return
            said = actions.edit_own(self.session, own_id, new)
            self._redraw(index, own_id)
            self.tell(said)

        self.app.push_screen(TextPrompt(_("Change your question"), _("Type the new words."),
                                        text), done)

    def action_remove(self) -> None:
        current = self._current()
        if not current or not current[1].startswith("own-"):
            self.say(_("Only questions you added yourself can be removed. Space unpicks a question."))
            return
        own_id, text = current[1], current[2]

        def answered(yes: bool | None) -> None:
            if not yes:
                self.say(actions.KEPT)
                return
            said = actions.remove_own(self.session, own_id)
            self.main_list().set_rows(self._rows())
            self.tell(said)

        self.app.push_screen(
            Confirm(_("Remove your question?"), text,
                    _("Press y to remove it. Press Enter, n or Escape to keep it.")),
            answered,
        )

    def action_show_list(self) -> None:
        self.app.push_screen(MyListScreen())


class MyListScreen(BaseScreen):
    """A clean, printable view of only the chosen questions, with notes."""

    BINDINGS = bindings.MY_LIST
    TITLE_TEXT = N_("My list of questions")

    def compose_body(self) -> ComposeResult:
        with ReadingView(id="mylist-body"):  # Left at its edge is the screen's (back)
            yield Static("", id="mylist-text", markup=False)

    AUTO_FOCUS = "#mylist-body"

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        width = max(30, self.size.width - 2) if self.size.width else 78
        lines = questions.my_list(self.session).lines(width)
        self.query_one("#mylist-text", Static).update(plain("\n".join(lines)))

    def action_export(self) -> None:
        self.tell(actions.export_list(self.session))

    def action_print_list(self) -> None:
        self.tell(actions.print_list(self.session))

    def action_doctor(self) -> None:
        from metanav.tui.screens.doctor import DoctorScreen

        self.app.push_screen(DoctorScreen())
