"""Plain mode: metanav line by line, for screen readers, braille displays, dumb terminals and
scripts (``printf '1\\nb\\n\\nq\\n' | metanav --plain``).

A stack of screens; each shows a title line, its lines and numbered choices, then one prompt
that lists its letters. A number + Enter picks, Enter alone takes the default shown, a bad
answer repeats the prompt with a hint. Ctrl+D goes back one screen (and quits at home); when
input ends in a script the session ends; Ctrl+C says goodbye. Textual is never imported.
"""

from __future__ import annotations

import sys

from metanav.core import actions, commands
from metanav.core.commands import Command
from metanav.i18n import N_, _
from metanav.plain.base import Leave, Screen, as_number, numbers
from metanav.plain.term import EndOfInput, StopOutput, Term
from metanav.session import Session

# Letters every screen has, after its own (from the command table, core/commands.py).
GLOBAL_KEYS = commands.plain("global")

# Enter alone's answer on most screens, in the prompt's "[default: back]".
BACK = N_("back")
# Said in the prompt after a screen is shown in brief.
READ_ALL = N_("r to read it all")
# The letters of every screen a prompt names. Home names them all, and help names them at its
# start. Away from home a prompt names the screen's own letters and h for help: a screen
# reader reads the whole prompt after every answer, so each word there is heard again and
# again. A topic also names get help now (what a person reads there may worry them).
# A prompt heard again on the same screen (its letters were just named) keeps only these
# (Screen.short_letters away from home).
SHORT_PROMPT = ("g", "h", "i")

# Whole words people may type instead of a letter.
WORDS = {"help": "h", "?": "h", "menu": "m", "home": "m", "quit": "q", "exit": "q",
         "help now": "g", "get help": "g", "get help now": "g", "911": "g", "988": "g",
         "search": "/", "find": "/",
         # and in Spanish
         "ayuda": "h", "menú": "m", "menu principal": "m", "inicio": "m", "salir": "q",
         "ayuda ya": "g", "obtener ayuda": "g", "buscar": "/", "atrás": "back", "atras": "back"}


class Shell:
    def __init__(self, session: Session, term: Term):
        from metanav.plain.screens import Home

        self.session = session
        self.term = term
        self.notices = [*session.notices, *session.store.notices]
        self.stack: list[Screen] = [Home(self)]
        if session.ask_language:  # "English / Español" first (plain/language.py)
            from metanav.plain.language import LanguageScreen

            self.stack.append(LanguageScreen(self))
        self._read_all = False  # r: the next showing is the whole screen, not a summary

    # -- navigation (actions return None: the loop shows whichever screen is on top) ----------
    def open(self, screen: Screen) -> None:
        self.stack.append(screen)

    def back(self) -> None:
        self.stack.pop()
        if not self.stack:
            self.leave()

    def home(self, _arg: str = "") -> None:
        del self.stack[1:]

    def help(self, _arg: str = "") -> None:
        from metanav.plain.screens import Help

        if not isinstance(self.stack[-1], Help):
            self.open(Help(self))

    def get_help_now(self, _arg: str = "") -> None:
        """The "Get help now" topic, one letter from every screen (issue 11)."""
        from metanav.plain.screens import TopicScreen

        top = self.stack[-1]
        if getattr(getattr(top, "topic", None), "id", None) == commands.GET_HELP_NOW:
            self.term.say(_("This is the Get help now page."))
        elif commands.GET_HELP_NOW in self.session.library.topics:
            self.open(TopicScreen(self, commands.GET_HELP_NOW))

    def search(self, arg: str = "") -> None:
        """/ at any prompt: search everything (/ bone pain, or / alone to be asked)."""
        from metanav.core.search import PROMPT
        from metanav.plain.search import SearchScreen

        query = arg or self.ask(_(PROMPT))
        if not query or not query.strip():
            self.term.say(_("Search cancelled."))
            return
        self.open(SearchScreen(self, query))

    def switch_language(self, _arg: str = "") -> bool:
        """i at any prompt: English to Español and back; the screen is shown again in it."""
        before = self.session.library
        done = actions.switch_language(self.session)
        self.stack[-1].keys_told = False  # every letter, in the new words
        self.language_changed(before)
        self.notices.extend(done.lines())
        return True

    def language_changed(self, before) -> None:
        if self.session.library is not before:
            for screen in self.stack:
                screen.language_changed(before)

    def again(self, _arg: str = "") -> bool:
        self._read_all = True
        self.stack[-1].keys_told = False  # r: all of it, every letter too
        return True

    def quit(self, _arg: str = "") -> None:
        self.leave()

    def leave(self) -> None:
        # Where quitting is not allowed, go home instead (a kiosk: plain/kiosk_shell.py asks to clear).
        if not self.session.policy.quit:
            self.term.say(self.session.policy.refusal())
            self.stack[1:] = []
            if not self.stack:
                from metanav.plain.screens import Home

                self.stack.append(Home(self))
            return
        raise Leave

    def ask(self, prompt: str) -> str | None:
        """A follow-up question ("Which question?"); None when the person pressed Ctrl+D."""
        return self.term.ask(prompt)

    # -- the loop ----------------------------------------------------------------------------
    def prompt(self, screen: Screen, brief: bool = False, short: bool = False) -> tuple[str, str]:
        """The prompt: the numbers and letters, and the default (kept on one line). After a
        screen is shown in brief (coming back to it), it says that r reads it all. ``short``
        (the letters were named since the screen was shown in full): only g and h, for a
        prompt heard again and again (a reader reads it, and the answer's line, each time)."""
        # A key the policy switches off (a kiosk's print, export, notes) is not offered.
        own = screen.own_prompt()
        if own:
            return own
        allows = self.session.policy.allows
        other = actions.other_language_name(self.session)  # "i for Español"
        home = screen is self.stack[0]
        named = SHORT_PROMPT if home else screen.short_letters()
        everywhere = GLOBAL_KEYS if home else tuple(k for k in GLOBAL_KEYS if k.letter in named)
        keys = [_(k.prompt).format(language=other) for k in (*screen.KEYS, *everywhere)
                if k.prompt and allows(k.needs) and screen.offers(k)
                and (not short or k.letter in named)]
        if brief:
            keys.insert(0, _(READ_ALL))
        count = screen.count
        if count:
            head = _("Choose 1") if count == 1 else _("Choose 1 to {count}").format(count=count)
            parts = [head, *keys]
        else:
            parts = [_("Type {key}").format(key=keys[0]), *keys[1:]]
        answer = screen.default()[0]
        shown = _(BACK) if answer == "back" else answer  # typed "back" (or "atrás") works too
        return ", ".join(parts), _("[default: {answer}]:").format(answer=shown)

    def keys_of(self, screen: Screen) -> dict[str, tuple[Command, object]]:
        """Letter -> (command, what carries out its action): the screen's own come first."""
        table: dict[str, tuple[Command, object]] = {}
        for key in screen.KEYS:
            table.setdefault(key.letter, (key, screen))
        for key in GLOBAL_KEYS:
            table.setdefault(key.letter, (key, self))
        return table

    def handle(self, screen: Screen, answer: str) -> bool | None:
        answer = WORDS.get(answer.lower(), answer)
        if answer.lower() == "back":
            return self.back()
        if not answer:
            return screen.default()[1]()
        if answer.startswith("/"):
            return self.search(answer[1:].strip())
        count = screen.count
        number = as_number(answer)
        if number is not None:
            if 1 <= number <= count:
                return screen.page.choices[number - 1]()
            screen.keys_told = False  # a wrong answer hears every letter again
            if count:
                self.term.say(_("There is no number {typed} here. Type {numbers}.").format(
                    typed=answer, numbers=numbers(count)))
            else:
                self.term.say(_("There are no numbers to choose here. Type a letter from the list."))
            return None
        letter, rest = answer[0].lower(), answer[1:]
        found = self.keys_of(screen).get(letter)
        if found and (not rest or rest[0] == " " or rest.isdigit()):
            command, target = found
            if not self.session.policy.allows(command.needs):
                self.term.say(self.session.policy.refusal())
                return None
            return getattr(target, command.action)(rest.strip())
        done = screen.free_text(answer)
        if done is not None:
            return done
        span = f"{numbers(count)}, " if count else ""
        screen.keys_told = False
        self.term.say(_('"{typed}" is not one of the choices. Type {numbers}a letter from the '
                        "list, or h for help.").format(typed=answer, numbers=span))
        return None

    def show(self, screen: Screen, after: Screen | None, full: bool) -> None:
        """Write a screen: all of it, or (coming back to it) its title and summary."""
        lines = screen.render() if full else screen.brief()
        if full and screen is not after:
            # A screen opened names every letter again; the same screen shown again after
            # one of its own letters (a filter, a kind) keeps the short prompt: its letters
            # were just heard (r and the language key ask for them again).
            screen.keys_told = False
        room = self.term.height - len(self.term.prompt_lines(
            *self.prompt(screen, not full, screen.keys_told)))
        gap = 0
        if after is not None and (len(lines) < room or not self.term.paging):
            lines.insert(0, "")  # a blank line between screens, if it fits
            gap = 1
        try:
            parts, breaks = (screen.part_starts(), screen.page_breaks()) if full else ((), ())
            self.term.page(lines, room, [gap + start for start in parts],
                           [gap + start for start in breaks])
            if self.notices:
                self.term.line()
                for notice in self.notices:
                    self.term.say(notice)
                self.notices = []
        except StopOutput:
            if full and not self.term.stopped_by_choice:
                self.after_stop(screen, self.term.written - gap, room)

    def after_stop(self, screen: Screen, written: int, room: int) -> None:
        """q at "more" skips the text, not the choices: if it came before them, they are
        listed; if it came in the middle of them, the rest are named by their numbers."""
        left = screen.choice_count(after=written)
        if not left:
            return
        try:
            if left == screen.count:
                self.term.page(screen.choices_listed(), room)
            else:
                first = screen.count - left + 1
                if first == screen.count:  # one left: "11", not "11 to 11"
                    said = _("Not read out: {number}. r reads it all.").format(number=first)
                else:
                    said = _("Not read out: {first} to {last}. r reads it all.").format(
                        first=first, last=screen.count)
                self.term.say(said)
        except StopOutput:
            pass

    def run(self) -> int:
        shown: Screen | None = None
        redraw = True
        try:
            while self.stack:
                screen = self.stack[-1]
                if redraw or screen is not shown:
                    # Coming back to a screen already heard: its title, a summary, the prompt.
                    screen.in_brief = screen.heard and not redraw and not self._read_all
                    self._read_all = False
                    self.show(screen, shown, full=not screen.in_brief)
                    screen.heard = True
                    shown = screen
                answer = self.term.ask(*self.prompt(screen, screen.in_brief, screen.keys_told))
                screen.keys_told = True
                try:
                    redraw = bool(self.back() if answer is None else self.handle(screen, answer))
                except StopOutput:
                    redraw = False
        except (Leave, EndOfInput):
            pass
        self.term.say(_("Goodbye."))
        self.term.stdout.flush()
        return 0


def run(session: Session) -> int:
    """Run plain mode until the person leaves; return the exit code. (Output that cannot be
    written, such as a closed pipe, is handled once for every command in cli.main.)"""
    for stream in (sys.stdin, sys.stdout):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    term = Term()
    term.start_at_bottom()
    try:
        return Shell(session, term).run()
    except KeyboardInterrupt:
        # (A kiosk never gets here: kiosk.harden_process ignores the signal.)
        term.stdout.write("\n" + _("Goodbye.") + "\n")
        term.stdout.flush()
        return 0
