"""The kiosk's keyboard in plain mode: a ``readline()`` that reads the keys itself (``select`` +
``os.read``), so it can notice a quiet spell, see the staff exit key, and never block forever.
It answers by raising what the kiosk's loop (kiosk_shell.py) acts on: ``IdleReset`` after the
countdown, ``StillHere`` when someone answers it, ``StaffKey`` for the staff exit key. It also
reads the staff PIN without echo, and forgets what the last person half typed.
"""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable

from metanav import kiosk
from metanav.i18n import _, ngettext
from metanav.kiosk import IdleWatch, KioskConfig
from metanav.plain.kiosk_typing import LineTyping, without_keys
from metanav.plain.term import EndOfInput, Term

try:
    import termios
except ImportError:  # pragma: no cover - not POSIX
    termios = None  # type: ignore[assignment]

# What the terminal calls may raise on something that is not a terminal (a pipe, a closed pty).
NOT_A_TTY = (OSError, ValueError) + ((termios.error,) if termios is not None else ())


# What F keys put in a typed line: xterm and most terminals, rxvt, the Linux console.
_F_KEYS = {
    "f1": ("\x1bOP", "\x1b[11~", "\x1b[[A"), "f2": ("\x1bOQ", "\x1b[12~", "\x1b[[B"),
    "f3": ("\x1bOR", "\x1b[13~", "\x1b[[C"), "f4": ("\x1bOS", "\x1b[14~", "\x1b[[D"),
    "f5": ("\x1b[15~", "\x1b[[E"), "f6": ("\x1b[17~",), "f7": ("\x1b[18~",),
    "f8": ("\x1b[19~",), "f9": ("\x1b[20~",), "f10": ("\x1b[21~",), "f11": ("\x1b[23~",),
    "f12": ("\x1b[24~",),
}


class IdleReset(Exception):
    """Nobody answered through the quiet spell and the countdown."""


class StillHere(Exception):
    """Someone answered the countdown: show the screen again."""


class StaffKey(Exception):
    """The staff exit key was typed."""


def key_sequences(exit_key: str) -> tuple[str, ...]:
    """What the staff exit key puts in a typed line: Ctrl+X is "\\x18", F12 "\\x1b[24~"."""
    if exit_key.startswith("ctrl+") and len(exit_key) == 6 and exit_key[5].isalpha():
        return (chr(ord(exit_key[5]) - ord("a") + 1),)
    return _F_KEYS.get(exit_key, ())


class KioskInput:
    """A ``readline()`` for plain mode's Term that watches the clock and the staff key."""

    def __init__(self, fd: int, out, config: KioskConfig, clock: Callable[[], float] = time.monotonic,
                 poll: float = 0.25) -> None:
        self.fd = fd
        self.out = out
        self.config = config
        self.clock = clock
        self.poll = poll
        self.watch = IdleWatch(config.idle_seconds, config.countdown_seconds, clock)
        self.staff = key_sequences(config.exit_key)
        self.buffer = b""
        self.warned = 0  # seconds left when the countdown was last shown (0: not shown)
        # On a terminal whose own line editing is off (keys_untouched): what is typed, shown here.
        self.typing: LineTyping | None = None
        self.term: Term | None = None  # plain mode's terminal: its width, the question it asks

    def isatty(self) -> bool:
        try:
            return os.isatty(self.fd)
        except OSError:
            return False

    def _say(self, text: str) -> None:
        from metanav.content.text import clean, wrap

        lines = wrap(text, self.term.width) if self.term is not None else [clean(text)]
        self.out.write("\n" + "\n".join(lines) + "\n")
        self.out.flush()

    def _wait(self) -> bytes | None:
        """Bytes from the keyboard (b"" at end of input), or None after one poll."""
        try:
            ready, _, _ = select.select([self.fd], [], [], self.poll)
        except (OSError, ValueError):  # the terminal is gone
            raise EndOfInput from None
        if not ready:
            return None
        try:
            return os.read(self.fd, 4096)
        except OSError:  # the terminal went away (EIO): nobody can type any more
            raise EndOfInput from None

    def readline(self) -> str:
        self.watch.restart()
        while b"\n" not in self.buffer:
            data = self._wait()
            if data is None:
                self._tick()
                continue
            self.watch.touch()  # a key: someone is there
            if self.typing is not None and data:
                typed = self.typing.feed(data)
                self._echo(typed.echo)
                if typed.refused:
                    self._refuse()
                self.buffer += "".join(typed.lines).encode("utf-8")
                if not typed.ended or self.buffer:
                    continue
                data = b""
            if data == b"":  # Ctrl+D on an empty line, or the end of input
                line, self.buffer = self.buffer, b""
                return self._done(line.decode("utf-8", "replace"), countdown=self.warned > 0)
            self.buffer += data
        line, _, self.buffer = self.buffer.partition(b"\n")
        return self._done(line.decode("utf-8", "replace") + "\n", countdown=self.warned > 0)

    def _echo(self, text: str) -> None:
        """Show typed keys where the terminal showed them (its own echo is off)."""
        if not text:
            return
        self.out.flush()
        try:
            os.write(self.fd, text.encode("utf-8"))
        except OSError:  # a terminal opened for reading only
            self.out.write(text)
            self.out.flush()

    def _refuse(self) -> None:
        """Ctrl+C, Ctrl+Z, Ctrl+\\: said in words, then the question and what was typed, again."""
        self._say(_(kiosk.STAYS_OPEN))
        self.out.write(self.term.asking if self.term is not None else "")
        self.out.flush()
        if self.typing is not None:
            self._echo(self.typing.shown)

    def _done(self, line: str, countdown: bool) -> str:
        self.warned = 0
        self.watch.touch()
        if any(seq in line for seq in self.staff):
            raise StaffKey
        if countdown:
            raise StillHere
        # Arrow and F keys typed into the answer go whole: not '"[A" is not one of the choices'.
        from metanav.content.text import clean_typed

        text = line.rstrip("\n")
        return clean_typed(without_keys(text)) + line[len(text):]

    def _tick(self) -> None:
        state, seconds = self.watch.state()
        if state == "reset":
            self.warned = 0
            raise IdleReset
        # Said when the countdown starts, and again at 10 and 5 seconds (no cursor movement
        # in plain mode, so no ticking clock).
        if state == "warning" and (not self.warned or any(seconds <= t < self.warned for t in (10, 5))):
            self.warned = seconds
            self._say(still_there(seconds))

    def read_secret(self, prompt: str) -> str:
        """A line typed without echo (the staff PIN); "" after a quiet spell."""
        self.out.write(prompt)
        self.out.flush()
        saved = None
        if termios is not None:
            try:
                saved = termios.tcgetattr(self.fd)
                quiet = termios.tcgetattr(self.fd)
                quiet[3] &= ~termios.ECHO
                termios.tcsetattr(self.fd, termios.TCSAFLUSH, quiet)
            except NOT_A_TTY:
                saved = None
        try:
            deadline = self.clock() + 30
            while b"\n" not in self.buffer:
                if self.clock() > deadline:
                    self.buffer = b""
                    return ""
                data = self._wait()
                if data == b"":
                    break
                if data and self.typing is not None:
                    typed = self.typing.feed(data, echo=False)
                    self.buffer += "".join(typed.lines).encode("utf-8")
                    if typed.ended and not self.buffer:
                        break
                elif data:
                    self.buffer += data
            line, _, self.buffer = self.buffer.partition(b"\n")
            return line.decode("utf-8", "replace").strip()
        finally:
            if saved is not None:
                try:
                    termios.tcsetattr(self.fd, termios.TCSAFLUSH, saved)
                except NOT_A_TTY:
                    pass
            self.out.write("\n")
            self.out.flush()

    def forget_typing(self) -> None:
        """Drop anything typed but not yet read (the last person's half-typed answer).
        Without a terminal (a script, ssh -T) the lines already sent are kept."""
        if not self.isatty():
            return
        self.buffer = b""
        if self.typing is not None:
            self.typing.forget()
        if termios is not None:
            try:
                termios.tcflush(self.fd, termios.TCIFLUSH)
            except NOT_A_TTY:
                pass


def still_there(seconds: int) -> str:
    return ngettext("Still there? Press Enter to keep going. Clearing in {n} second.",
                    "Still there? Press Enter to keep going. Clearing in {n} seconds.",
                    seconds).format(n=seconds)
