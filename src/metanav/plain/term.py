"""Line-oriented terminal input and output for plain mode.

Every character written goes through :func:`metanav.content.text.clean`, so nothing plain mode
prints can move the cursor, set a title or start an escape sequence. Long text is wrapped at
word boundaries; long output pauses with a "more" prompt only when a person is at a terminal
(stdin and stdout both terminals), never when piped. Input is read with ``readline`` on
``sys.stdin`` (the ``readline`` module is never imported: it can write escape sequences).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Collection
from typing import TextIO

from metanav.content.text import READING_WIDTH, clean, wrap
from metanav.i18n import N_, _

MORE = N_("More: Enter to go on, q to stop.")
ANSWER_ROOM = 12  # columns an answer has after a prompt ("spanish", "f cancer", "b 12")


class EndOfInput(Exception):
    """Input ended and nobody is typing (a script): the session ends cleanly."""


class StopOutput(Exception):
    """The person answered q at a "more" prompt: skip the rest of this output."""


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


class Term:
    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None):
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        # A person typing at a terminal: Ctrl+D means "back". Otherwise end of input ends.
        self.typing = _isatty(self.stdin)
        self.paging = self.typing and _isatty(self.stdout)
        self._shown = 0  # lines written since the last prompt
        self._typed_at_more: str | None = None  # an answer typed at "more" instead of Enter
        self.written = 0  # lines of the last page() written before it stopped (or all)
        self.asking = ""  # the question waiting for an answer, as shown (the kiosk repeats it)

    @property
    def width(self) -> int:
        """The terminal's width, but never wider than is easy to read (READING_WIDTH)."""
        return max(20, min(shutil.get_terminal_size((80, 24)).columns, READING_WIDTH))

    @property
    def height(self) -> int:
        return max(5, shutil.get_terminal_size((80, 24)).lines)

    # -- output ------------------------------------------------------------------------------
    def start_at_bottom(self) -> None:
        """Move to the terminal's last line first (blank lines, sent with the first screen):
        every prompt is then on the last line, and the line feed of an answer scrolls. A
        prompt halfway down a cleared terminal moved a screen reader's cursor onto an empty
        line at each answer, and it said "blank"."""
        if self.paging:
            self._lead = "\n" * (self.height - 1)

    _lead = ""  # written just before the next text, in the same write

    def _write(self, text: str) -> None:
        self.stdout.write(self._lead + clean(text))
        self._lead = ""

    def line(self, text: str = "") -> None:
        """Write one (already wrapped) line, pausing first if a screenful has gone by."""
        if self.paging and self._shown >= self.height - 1:
            self._more()
        self._write(text + "\n")
        self._shown += 1

    def lines(self, lines: list[str]) -> None:
        for text in lines:
            self.line(text)

    def page(self, lines: list[str], room: int, parts: Collection[int] = (),
             breaks: Collection[int] = ()) -> None:
        """Write a screen's lines: all at once if they fit in ``room`` lines, else paged.
        ``parts``: the lines where parts start (a topic's sections). Paged, "more" comes
        before a part that does not fit in what is left of the page but fits on a page of
        its own, so a page ends where a part ends, not in the middle of a sentence.
        ``breaks``: parts that, paged, always start a new page."""
        self.written = 0
        if len(lines) <= room and not (self.paging and breaks):
            for text in lines:
                self._write(text + "\n")
            self._shown += len(lines)
            self.written = len(lines)
            return
        starts = sorted({*parts, *breaks})
        for index, text in enumerate(lines):
            if self.paging and index in starts and self._shown > 1:
                after = [start for start in starts if start > index]
                size = (after[0] if after else len(lines)) - index
                if index in breaks or self.height - 1 - self._shown < size <= self.height - 2:
                    self._more()
            self.line(text)
            self.written += 1

    @property
    def stopped_by_choice(self) -> bool:
        """The last "more" was answered with a choice (acted on next), not q."""
        return self._typed_at_more is not None

    def prompt_lines(self, prompt: str, tail: str = "") -> list[str]:
        """The prompt wrapped; ``tail`` ("[default: back]:") is never split across lines. The
        last line leaves room for a short answer (ANSWER_ROOM): typed to the terminal's edge,
        "spanish" wrapped as "spa" and "nish", and a screen reader read the prompt again."""
        lines = wrap(prompt, self.width)
        room = 1 + ANSWER_ROOM
        if tail:
            if len(lines[-1]) + 1 + len(tail) + room <= self.width:
                lines[-1] = f"{lines[-1]} {tail}"
            else:
                lines.append(tail)
        elif len(lines[-1]) + room > self.width:
            lines[-1:] = wrap(lines[-1], self.width - room)
        return lines

    def say(self, text: str) -> None:
        """Write a message in words, wrapped at the terminal width."""
        self.lines(wrap(text, self.width))

    def _more(self) -> None:
        self.asking = _(MORE) + " "  # a space before what is typed at it
        self._write(self.asking)
        self.stdout.flush()
        self._shown = 1  # the "more" line stays on screen
        answer = self.stdin.readline()
        if answer == "":
            self._write("\n")
            raise StopOutput
        if answer.strip().lower() in ("q", "quit"):
            raise StopOutput
        if answer.strip():
            # A choice typed at "more" (say "17"): stop reading and act on it, not lose it.
            self._typed_at_more = " ".join(clean(answer).split())
            raise StopOutput

    # -- input -------------------------------------------------------------------------------
    def ask(self, prompt: str, tail: str = "") -> str | None:
        """Show a prompt and read one answer, cleaned and stripped.

        Returns None when a person at a terminal presses Ctrl+D; raises :class:`EndOfInput`
        when a script's input has ended. Without a terminal the answer is echoed, so a
        transcript reads like the session did.
        """
        if self._typed_at_more is not None:
            # Typed at "more" (on screen after it): acted on now, without the prompt, which
            # a screen reader would read out again for an answer already given.
            answer, self._typed_at_more = self._typed_at_more, None
            self._write("\n")
            self._shown = 1
            return answer
        parts = self.prompt_lines(prompt, tail)
        for text in parts[:-1]:
            self._write(text + "\n")
        self._write(parts[-1] + " ")
        self.asking = "\n".join(parts) + " "
        self.stdout.flush()
        self._shown = 1  # the answered prompt stays on screen
        raw = self.stdin.readline()
        if raw == "":
            self._write("\n")
            self.stdout.flush()
            if not self.typing:
                raise EndOfInput
            return None
        answer = " ".join(clean(raw).split())
        if not self.typing:
            self._write(answer + "\n")
        return answer
