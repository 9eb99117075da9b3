"""What every screen shares: a title line, a status line that speaks in words, the footer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from metanav.content.text import clean_line
from metanav.core import actions
from metanav.core.actions import Done
from metanav.core.commands import COMMANDS, Command
from metanav.i18n import _
from metanav.screen_reader_found import FOUND
from metanav.tui import bindings, textual_internals
from metanav.tui.widgets.key_bar import KeyBar
from metanav.tui.widgets.lean_list import LeanList

DIGITS = frozenset("0123456789")  # not "²" or "٣": str.isdigit() says yes, int() says no

if TYPE_CHECKING:
    from metanav.session import Session
    from metanav.tui.app import MetanavApp


def plain(text: str) -> Content:
    """Untrusted text as Content that is never parsed as markup."""
    return Content(text)


class BaseScreen(Screen):
    """A titled screen with a status line. Subclasses fill ``compose_body``."""

    BINDINGS = bindings.GLOBAL
    TITLE_TEXT = "metanav"

    def compose(self) -> ComposeResult:
        yield Static(plain(self.heading()), id="title", markup=False)
        yield from self.compose_body()
        yield Static("", id="status", markup=False)
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def heading(self) -> str:
        return _(self.TITLE_TEXT)

    @property
    def session(self) -> Session:
        return self.metanav.session

    @property
    def metanav(self) -> MetanavApp:
        return self.app  # type: ignore[return-value]

    _said = ""  # what the status line shows now

    def say(self, message: str, again: bool = False) -> None:
        """Show a message in words on the status line (and keep it until the next one).
        ``again``: a key answered with the words already shown (Ctrl+C, then Ctrl+Z, in a kiosk)
        empties the line and shows them a moment later, so a screen reader, which reads only
        what changed, says them again (it was silent)."""
        try:
            status = self.query_one("#status", Static)
        except NoMatches:  # a screen already taken down (a kiosk reset): nobody to tell
            return
        text = clean_line(message)
        if text == self._said:
            if again and text:
                status.update("")
                self.set_timer(0.3, lambda: self._said == text and status.update(plain(text)))
            return  # the same words again cost bytes and a screen reader's attention
        self._said = text
        status.update(plain(text))

    def say_reader_found(self) -> None:
        """Once a run, on the first screen: the screen-reader setting is on because a screen
        reader was found running (metanav/screen_reader_found.py), and Ctrl+S turns it off."""
        session = self.session
        if session.told_reader_found or not self.metanav.screen_reader:
            return
        if session.screen_reader_setting()[1]:
            session.told_reader_found = True
            self.say(_(FOUND))

    def tell(self, done: Done) -> None:
        """Say what a core action did (core/actions.py), and why saving failed if it did."""
        self.say(done.sentence())

    def toggle_bookmark(self, kind: str, item_id: str) -> bool:
        """Bookmark or unbookmark, say so in words, and return whether it is bookmarked now."""
        self.tell(actions.toggle_bookmark(self.session, kind, item_id))
        self.refresh_bindings()  # the key bar's "b Bookmark" becomes "b Remove bookmark"
        return self.session.store.is_bookmarked(kind, item_id)

    def action_undo(self) -> None:
        """u: take back the last removal (core/actions.undo), and show it back."""
        done = actions.undo(self.session)
        self.refresh_view()
        if done.key:  # the highlight goes to what came back, so the next key acts on it
            for lst in self.query(LeanList):
                lst.move_to(lst.index_of(done.key))
        self.tell(done)

    def bookmarked_here(self) -> bool:
        """Whether the one item this screen is about is bookmarked (a topic, a resource)."""
        return False

    def binding_words(self, binding) -> str | None:
        """The key bar's words for a key when they depend on the state (else None)."""
        action = binding.action.rsplit(".", 1)[-1]
        if action == "bookmark" and self.bookmarked_here():
            return _("Remove bookmark")
        if action == "switch_language":  # "i Español": the other language, in itself
            return actions.other_language_name(self.session)
        return None

    TYPES_LETTERS = False  # every letter goes into a text box here (search, resources)

    def binding_key(self, binding) -> str | None:
        """The key the key bar shows for a binding, when its first key does not work here:
        on a screen that types every letter, the language key's Ctrl+O, not i."""
        if self.TYPES_LETTERS and binding.action.rsplit(".", 1)[-1] == "switch_language":
            return binding.key.split(",")[-1]
        return None

    def show_heading(self) -> None:
        self.query_one("#title", Static).update(plain(self.heading()))

    _shown = False

    def on_screen_resume(self) -> None:
        for listed in self.query(LeanList):
            listed.start_afresh()  # a reader hears the focused item, not the whole list again
        # The first resume is the first showing: everything is fresh already.
        if self._shown:
            self.refresh_view()
        self._shown = True

    def on_screen_suspend(self) -> None:
        # Leaving for another screen: an old message may no longer be true when we come back
        # (a bookmark removed there, say). A dialog on top keeps it: its answer lands here.
        if not isinstance(self.app.screen, ModalScreen):
            self.say("")

    def paint_in_this_frame(self, *widgets) -> None:
        """Send ``widgets``' repaint in the same frame as what caused it (a filter keystroke's
        echo in the text box), not one frame later (see textual_internals.paint_now)."""
        textual_internals.paint_now(self, widgets)

    def refresh_view(self) -> None:
        """Bring what is shown up to date with the person's state (after coming back)."""

    def language_changed(self, before) -> None:
        """The content is now in another language: take what this screen keeps (a topic, a
        resource) from it. ``before`` is the content as it was. The app recomposes it next."""

    def on_descendant_focus(self, event) -> None:
        """Put the real terminal cursor where focus is, for braille and screen readers.

        Lists and text boxes place it on their own item; other parts get it at their top left.
        """
        widget = event.widget
        if not isinstance(widget, (LeanList, Input)):
            self.app.cursor_position = widget.content_region.offset

    # -- the kiosk policy, from the command table ----------------------------------------------
    def command_for(self, action: str) -> Command | None:
        """The command (core/commands.py) that this screen's binding for ``action`` carries."""
        for binding in type(self).BINDINGS:
            if binding.action == action and binding.id in COMMANDS:
                return COMMANDS[binding.id]
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A command the policy switches off is left off the key bar..."""
        command = self.command_for(action)
        if command is not None and not self.session.policy.allows(command.needs):
            return False
        return True

    def on_key(self, event) -> None:
        """...but its key still says why nothing happens."""
        for binding in type(self).BINDINGS:
            command = COMMANDS.get(binding.id or "")
            if (command is not None and event.key in binding.key.split(",")
                    and not self.session.policy.allows(command.needs)):
                self.say(self.session.policy.refusal())
                return

    # Actions every screen has.
    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_help(self) -> None:
        self.metanav.open_help()

    def action_get_help_now(self) -> None:
        self.metanav.open_get_help_now()

    def action_search(self) -> None:
        self.metanav.open_search()

    async def action_switch_language(self) -> None:
        # Awaited here, so no key is handled while the screens are being redrawn (a key
        # meeting a screen half rebuilt found no list, and ended a fuzzed kiosk).
        await self.metanav.switch_language()


def focus_now(screen: Screen, widget) -> None:
    """Focus ``widget`` before the next key is handled. ``Widget.focus()`` waits its turn
    behind the keys already queued, so Down Down Enter arriving together (over SSH, or typed
    fast) moved into the results once and lost the rest."""
    screen.set_focus(widget)


class ListScreen(BaseScreen):
    """A screen whose main part is one LeanList; number keys jump to numbered rows."""

    _digits = ""
    _digit_timer = None

    def main_list(self) -> LeanList:
        return self.query_one(LeanList)

    def numbered_keys(self) -> list[str]:
        """Row keys in number order (1, 2, ...). By default every selectable row."""
        return [r.key for r in self.main_list().rows if r.selectable]

    def on_key(self, event) -> None:
        if event.character and event.character in DIGITS and not _typing(self):
            event.stop()
            if not self.query(LeanList):
                return  # being drawn again (the language key): no list to move in yet
            self._digits = (self._digits + event.character)[-3:]
            if self._digit_timer is not None:
                self._digit_timer.stop()
            self._digit_timer = self.set_timer(0.8, self._clear_digits)
            keys = self.numbered_keys()
            number = int(self._digits)
            if not 1 <= number <= len(keys):
                number = int(event.character)
                self._digits = event.character
            if 1 <= number <= len(keys):
                lst = self.main_list()
                focus_now(self, lst)
                index = lst.index_of(keys[number - 1])
                if index is not None and index == lst.highlighted and lst.highlighted_row:
                    # Nothing moves, so a screen reader said nothing: say where you are.
                    self.say(_("You are on {item}").format(item=lst.highlighted_row.text))
                lst.move_to(index)

    def _clear_digits(self) -> None:
        self._digits = ""


def _typing(screen: Screen) -> bool:
    return isinstance(screen.focused, Input)
