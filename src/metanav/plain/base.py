"""The little framework every plain-mode screen is built on.

A screen is a title, some lines, numbered choices and letter keys. Its letters come from the
one command table (``core/commands.py``) into its ``KEYS``: the prompt, the dispatcher and the
help screen all read them, so what help says can never drift from what a key does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from metanav.content.text import label_lines, wrap
from metanav.core import actions
from metanav.core.actions import Done
from metanav.core.commands import Command
from metanav.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from metanav.plain.shell import Shell

# A long list is read out this many items at a time, then "more" (when a person is at a
# terminal): a list heard by ear is easier to follow in short runs, as search pages are.
LIST_RUN = 10

# What an action returns: True to show the screen again (its numbers changed), else nothing.
Action = Callable[[], "bool | None"]


def numbers(count: int) -> str:
    """How to say which numbers may be typed: "1" or "a number from 1 to 5"."""
    return "1" if count == 1 else _("a number from 1 to {count}").format(count=count)


# What ``which`` says, for each kind of item (whole sentences, so each language can agree).
NONE_HERE = {
    "question": N_("There is no question here to choose."),
    "resource": N_("There is no resource here to choose."),
    "bookmark": N_("There is no bookmark here to choose."),
}
WHICH = {
    "question": N_("Which question? Type its number, {span} (Enter alone to cancel):"),
    "resource": N_("Which resource? Type its number, {span} (Enter alone to cancel):"),
    "bookmark": N_("Which bookmark? Type its number, {span} (Enter alone to cancel):"),
}


def as_number(text: str) -> int | None:
    """The number typed, or None (only plain digits, and not absurdly many of them)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None


class Leave(Exception):
    """The person chose to leave metanav."""


class Page:
    """Lines being built for one screen, and what each number does."""

    def __init__(self, width: int):
        self.width = width
        self.lines: list[str] = []
        self.choices: list[Action] = []
        self.choice_lines: list[tuple[int, int]] = []  # (first, end) of each choice's text
        self.parts: list[int] = []  # where each part starts (a topic's section, a help section)
        self.breaks: list[int] = []  # parts that start a new page when the text is paged
        self.headings: list[int] = []  # the first line of each heading over numbered choices

    def add(self, text: str, indent: str = "", subsequent: str | None = None) -> None:
        self.lines.extend(wrap(text, self.width, indent, subsequent))

    def label(self, label: str, value: str) -> None:
        """A ``Label: value`` line, continued with a small indent. A value of one word (a web
        address) is never broken: if it does not fit after the label, it is shown whole on
        its own line (content/text.label_lines)."""
        self.lines.extend(label_lines(label, value, self.width))

    def heading(self, text: str) -> None:
        """A heading over numbered choices ("Related topics:"): said again when the choices
        are listed after q at "more" (Screen.choices_listed)."""
        self.headings.append(len(self.lines))
        self.add(text)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def part(self, new_page: bool = False) -> None:
        """A part starts here: a long screen's "more" comes before it rather than in it,
        if it fits on a page of its own (Term.page). ``new_page``: when the screen is paged,
        "more" always comes before it (help's first page is the screen it was asked on)."""
        self.blank()
        self.parts.append(len(self.lines))
        if new_page:
            self.breaks.append(len(self.lines))

    def choice(self, text: str, action: Action, extra: list[str] | tuple[str, ...] = ()) -> int:
        """A numbered line ("3. text"), with optional indented lines under it."""
        number = len(self.choices) + 1
        lead = f"{number}. "
        pad = " " * len(lead)
        start = len(self.lines)
        self.add(text, lead, pad)
        self.choice_lines.append((start, len(self.lines)))
        for more in extra:
            self.add(more, pad)
        self.choices.append(action)
        return number


class Screen:
    NAME = ""  # how help names the screen
    NUMBERS = ""  # what a number does here, for help ("" when numbers do nothing)
    KEYS: tuple[Command, ...] = ()  # its letters; each calls the method named by its action

    def __init__(self, shell: Shell):
        self.shell = shell
        self.session = shell.session
        self.store = shell.session.store
        self.page: Page | None = None
        self._title_lines: list[str] = []
        self.heard = False  # shown in full once: coming back shows it in brief
        self.in_brief = False  # shown in brief now (the prompt then says r reads it all)
        self.keys_told = False  # its prompt has named all its letters since it was shown in full

    @property
    def library(self):
        """The content in the language shown now (the language key may change it)."""
        return self.session.library

    def language_changed(self, before) -> None:
        """The language changed: bring what this screen keeps up to the new words (``before``:
        the content as it was)."""

    def offers(self, command: Command) -> bool:
        """Whether the prompt names this letter now (d to remove, with nothing to remove: no)."""
        return True

    def short_letters(self) -> tuple[str, ...]:
        """The letters a prompt still names when the screen's were just heard (and, of those
        every screen has, the only ones it names away from home: plain/shell.py)."""
        return ("h",)

    def own_prompt(self) -> tuple[str, str] | None:
        """A prompt of the screen's own instead of the usual list of letters (None: usual)."""
        return None

    def title(self) -> str:
        return _(self.NAME)

    def build(self, page: Page) -> None:
        """Fill the page: lines and numbered choices."""

    def default(self) -> tuple[str, Action]:
        """What Enter alone does, and the word shown for it in the prompt."""
        return "back", self.shell.back

    def free_text(self, answer: str) -> bool | None:
        """An answer that is neither a number nor a key. Return None to refuse it."""
        return None

    def summary(self) -> str:
        """One line that says what is here, for coming back to a screen already heard."""
        count = len(self.page.choices) if self.page else 0
        if not count:
            return _("Nothing to choose here.")
        return ngettext("{count} choice.", "{count} choices.", count).format(count=count)

    def render(self) -> list[str]:
        self.page = Page(self.shell.term.width)
        self.build(self.page)
        self._title_lines = wrap(self.title(), self.page.width)
        return [*self._title_lines, *self.page.lines]

    def part_starts(self) -> list[int]:
        """Where each part starts in what render() returned."""
        top = len(self._title_lines)
        return [top + start for start in self.page.parts] if self.page else []

    def page_breaks(self) -> list[int]:
        """Where a paged screen always starts a new page, in what render() returned."""
        top = len(self._title_lines)
        return [top + start for start in self.page.breaks] if self.page else []

    def brief(self) -> list[str]:
        """Coming back: the title and a one-line summary, not the whole screen again (its
        numbers are made afresh, so they are up to date). r reads it all."""
        self.render()
        return [*self._title_lines, *wrap(self.summary(), self.page.width)]

    def choice_count(self, after: int = 0) -> int:
        """How many choices start at or after line ``after`` of what render() returned."""
        top = len(self._title_lines)
        return sum(1 for start, _ in self.page.choice_lines if top + start >= after) if self.page else 0

    def choices_listed(self) -> list[str]:
        """Every numbered choice under its heading, without the text around them: what q at
        "more" lists when it came before the choices."""
        if not self.page:
            return []
        lines, read_to = [], 0
        for start, end in self.page.choice_lines:
            lines += [line for head in self.page.headings if read_to <= head < start
                      for line in self.page.lines[head:start] if line]
            lines += self.page.lines[start:end]
            read_to = end
        return lines

    @property
    def count(self) -> int:
        return len(self.page.choices) if self.page else 0

    def undo(self, _arg: str) -> bool:
        """u: take back the last removal (core/actions.undo); the screen is shown again."""
        self.tell(actions.undo(self.session))
        return True

    # -- helpers for actions -----------------------------------------------------------------
    def say(self, text: str) -> None:
        self.shell.term.say(text)

    def tell(self, done: Done) -> None:
        """Say what an action did, with what it was about; if saving failed, say that too."""
        for line in done.lines(long=True):
            self.say(line)

    def which(self, arg: str, items: int, what: str) -> int | None:
        """The index of the item a person means: from ``arg`` ("t 3"), or asked for."""
        if items == 0:
            self.say(_(NONE_HERE[what]))
            return None
        while True:
            if not arg:
                span = "1" if items == 1 else _("1 to {count}").format(count=items)
                arg = self.shell.ask(_(WHICH[what]).format(span=span))
                if not arg:
                    self.say(_("Cancelled."))
                    return None
            number = as_number(arg)
            if number is not None and 1 <= number <= items:
                return number - 1
            self.say(_('"{typed}" is not one of the numbers. Type {numbers}.').format(
                typed=arg, numbers=numbers(items)))
            arg = ""
