"""The plain kiosk's own line typing: what the terminal's line editing did, done here instead.

Left to the terminal, Ctrl+C and Ctrl+Z were echoed as ``^C`` and ``^Z`` (a screen reader said
"C" and "Z") and the key itself never reached metanav, so it could not answer it in words. Here
the terminal passes every key on untouched (no echo, no line editing, no keyboard signals), and
:class:`LineTyping` does what the terminal did: shows what is typed, Backspace, Ctrl+U, Ctrl+W,
Enter, Ctrl+D on an empty line. Keys that show nothing:

- Ctrl+C, Ctrl+Z and Ctrl+\\ are reported as refused, and the kiosk says so in words;
- escape sequences (arrows, F keys, anything pasted) and other control keys are kept in the line,
  where the staff exit key is looked for, but never shown: nothing typed can move the cursor,
  change colours or ring the bell.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

try:
    import termios
except ImportError:  # pragma: no cover - not POSIX
    termios = None  # type: ignore[assignment]

REFUSED_KEYS = {"\x03": "ctrl+c", "\x1a": "ctrl+z", "\x1c": "ctrl+backslash"}
_ERASE = ("\x7f", "\x08")
_KILL_LINE = "\x15"  # Ctrl+U
_KILL_WORD = "\x17"  # Ctrl+W
_END_OF_INPUT = "\x04"  # Ctrl+D

# What arrow, F and Alt keys put in a line: CSI (ESC [ ... final), the Linux console's F1 to F5
# (ESC [ [ A), SS3 (ESC O P), ESC and one character.
_KEY_SEQUENCE = re.compile(r"\x1b(?:\[\[[@-~]|\[[0-?]*[ -/]*[@-~]?|O[ -~]?|[ -~])?")


def without_keys(line: str) -> str:
    """The line without the escape sequences of keys typed into it."""
    return _KEY_SEQUENCE.sub("", line)


def keys_untouched(fd: int) -> bool:
    """Let every key through to metanav: no echo, no line editing, no Ctrl+C/Ctrl+Z signals,
    no flow control. Returns False (nothing changed) if ``fd`` is not a terminal."""
    if termios is None:
        return False
    try:
        mode = termios.tcgetattr(fd)
        mode[0] &= ~(termios.IXON | termios.IXOFF)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSADRAIN, mode)
    except (OSError, ValueError, termios.error):
        return False
    return True


def _columns(text: str) -> int:
    """Columns a terminal gives ``text``: 2 for wide characters, 0 for accents that combine."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _shown(char: str) -> bool:
    return char == " " or (char.isprintable() and char != "\ufffd")


@dataclass
class Typed:
    """What some keys did: ``echo`` to show, finished ``lines`` (each ending in a newline),
    ``refused`` keys (Ctrl+C...), and ``ended`` for Ctrl+D on an empty line."""

    echo: str = ""
    lines: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    ended: bool = False


class LineTyping:
    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.line: list[str] = []  # what was typed; hidden pieces (escape sequences) included
        self._sequence = ""  # an escape sequence not finished yet

    @property
    def shown(self) -> str:
        """The typed line as it shows on the screen."""
        return "".join(piece for piece in self.line if _shown(piece[0]))

    def forget(self) -> None:
        self.line = []
        self._sequence = ""
        self._decoder.reset()

    def feed(self, data: bytes, echo: bool = True) -> Typed:
        typed = Typed()
        for char in self._decoder.decode(data):
            if self._sequence and self._in_sequence(char):
                continue
            if char == "\x1b":
                self._sequence = char
            elif char in ("\n", "\r"):
                typed.lines.append("".join(self.line) + "\n")
                typed.echo += "\n"
                self.line = []
            elif char in REFUSED_KEYS:
                typed.refused.append(REFUSED_KEYS[char])
            elif char == _END_OF_INPUT:
                if not self.line:
                    typed.ended = True
                    break
            elif char in _ERASE:
                self._erase(typed, 1)
            elif char == _KILL_LINE:
                self._erase(typed, len(self.line))
            elif char == _KILL_WORD:
                self._erase(typed, self._last_word())
            else:
                self.line.append(char)
                if _shown(char):
                    typed.echo += char
        if self._sequence == "\x1b":  # Escape alone, at the end of what came: the Escape key
            self._end_sequence()
        if not echo:
            typed.echo = ""
        return typed

    def _in_sequence(self, char: str) -> bool:
        """One more character after Escape: True if it belongs to the escape sequence."""
        sequence = self._sequence
        if len(sequence) == 1 and char >= " ":
            self._sequence += char  # CSI (arrows, F5 and up), SS3 (F1 to F4), or Alt+key
            if char not in "[O":
                self._end_sequence()
            return True
        if sequence == "\x1b[" and char == "[":  # the Linux console's F1 to F5: ESC [ [ A
            self._sequence += char
            return True
        if len(sequence) > 1 and (sequence in ("\x1bO", "\x1b[[") or "@" <= char <= "~"):
            self._sequence += char  # the last character
            self._end_sequence()
            return True
        if sequence.startswith("\x1b[") and " " <= char <= "?" and len(sequence) < 64:
            self._sequence += char  # numbers and marks in between
            return True
        self._end_sequence()  # a control key (or too long): the sequence ends before it
        return False

    def _end_sequence(self) -> None:
        self.line.append(self._sequence)
        self._sequence = ""

    def _last_word(self) -> int:
        """How many typed pieces Ctrl+W erases: spaces at the end, then the word before them."""
        text = [piece if _shown(piece[0]) else "x" for piece in self.line]
        count = 0
        while count < len(text) and text[-1 - count] == " ":
            count += 1
        while count < len(text) and text[-1 - count] != " ":
            count += 1
        return count

    def _erase(self, typed: Typed, pieces: int) -> None:
        for _ in range(min(pieces, len(self.line))):
            piece = self.line.pop()
            if _shown(piece[0]):
                width = _columns(piece)
                typed.echo += "\b" * width + " " * width + "\b" * width
