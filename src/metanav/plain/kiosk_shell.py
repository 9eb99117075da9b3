"""Kiosk mode for plain mode: nobody leaves, the next person starts fresh, staff exit with a PIN.

Built around plain mode's shell without changing it: a ``KioskShell`` whose quit means "Done -
clear my session", and a ``KioskInput`` that reads the keyboard itself (``select`` + ``os.read``)
so it can notice a quiet spell, see the staff key, and never block forever.

- Ctrl+C, Ctrl+Z and Ctrl+\\ reach metanav as keys, not signals, and are answered in words: "This
  screen stays open for the next person." (not "^C", which a screen reader says as "C"). On a
  terminal, metanav shows what is typed itself (plain.kiosk_typing); the signals stay ignored
  too (:func:`metanav.kiosk.harden_process` set SIG_IGN).
- Ctrl+D and q ask "Done? Clear my session" instead of leaving; yes clears it at once.
- After ``idle_seconds`` without an answer: "Still there? Press Enter to keep going. Clearing in
  30 seconds."; then the session is cleared, and when output is a terminal its scrollback too
  (``ESC[H ESC[2J ESC[3J``, the one escape sequence plain mode ever writes, and only here).
- The staff exit key (Ctrl+X by default, or another of kiosk.EXIT_KEYS set in kiosk.ini), then Enter, asks for
  the PIN without echo. The right PIN ends metanav; a wrong one says so and nothing else happens.
- When input really ends (no terminal, the connection closed), the session ends.
- One of metanav's own bugs clears the session (and the screen) as the countdown does, and home
  says "Something went wrong. metanav started again."; the error goes to a log for staff, and
  errors in a tight loop end metanav with exit code 70 (see metanav.kiosk_errors).
"""

from __future__ import annotations

import os
import select
import sys
import time
from collections.abc import Callable

from metanav import kiosk, kiosk_errors
from metanav.core import actions
from metanav.i18n import _, ngettext
from metanav.kiosk import IdleWatch, KioskConfig, StaffGate
from metanav.plain.kiosk_typing import LineTyping, keys_untouched, without_keys
from metanav.plain.shell import Shell
from metanav.plain.term import EndOfInput, Term
from metanav.session import Session

try:
    import termios
except ImportError:  # pragma: no cover - not POSIX
    termios = None  # type: ignore[assignment]

# What the terminal calls may raise on something that is not a terminal (a pipe, a closed pty).
_NOT_A_TTY = (OSError, ValueError) + ((termios.error,) if termios is not None else ())

# Home, screen, then scrollback, as ncurses' ``clear`` does: terminals that push an erased screen
# into their history (tmux, PuTTY, VTE) would keep the last person's screen if the history went
# first. Kiosk plain mode only.
CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"


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


class SessionDone(Exception):
    """The person chose "Done - clear my session"."""


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
            except _NOT_A_TTY:
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
                except _NOT_A_TTY:
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
            except _NOT_A_TTY:
                pass


class KioskShell(Shell):
    """Plain mode's shell where leaving means "Done - clear my session"."""

    def leave(self) -> None:
        if not self.stack:
            from metanav.plain.screens import Home

            self.stack.append(Home(self))
        answer = self.term.ask(_("Done? Clear my session, so the next person starts fresh. Type y "
                                 "to clear it now, or press Enter to keep going."))
        if answer and answer.strip().lower().startswith(("y", "s")):  # yes, sí
            raise SessionDone
        self.term.say(_("Nothing was cleared.") + " " + _(kiosk.STAYS_OPEN))

    def prompt(self, screen, brief: bool = False, short: bool = False) -> tuple[str, str]:
        words, tail = super().prompt(screen, brief, short)
        return words.replace(_("q to quit"), _("q when you are done")), tail


def run(session: Session, stdin_fd: int | None = None, stdout=None,
        clock: Callable[[], float] = time.monotonic, poll: float = 0.25) -> int:
    """Plain mode in kiosk mode. Returns 0 after the staff exit or when input ends."""
    out = stdout or sys.stdout
    fd = sys.stdin.fileno() if stdin_fd is None else stdin_fd
    saved = no_flow_control(fd)
    try:
        return _run(session, fd, out, clock, poll, typing=saved is not None and keys_untouched(fd))
    finally:
        if saved is not None:
            try:
                termios.tcsetattr(fd, termios.TCSADRAIN, saved)
            except _NOT_A_TTY:
                pass


def no_flow_control(fd: int):
    """Ctrl+S would freeze the screen until someone knew to type Ctrl+Q: turn that off.
    Returns the terminal's settings to put back at the end (None if it is not a terminal)."""
    if termios is None:
        return None
    try:
        saved = termios.tcgetattr(fd)
        changed = termios.tcgetattr(fd)
        changed[0] &= ~(termios.IXON | termios.IXOFF)
        termios.tcsetattr(fd, termios.TCSADRAIN, changed)
    except _NOT_A_TTY:
        return None
    return saved


def still_there(seconds: int) -> str:
    return ngettext("Still there? Press Enter to keep going. Clearing in {n} second.",
                    "Still there? Press Enter to keep going. Clearing in {n} seconds.",
                    seconds).format(n=seconds)


def _run(session: Session, fd: int, out, clock: Callable[[], float], poll: float,
         typing: bool = False) -> int:
    config = session.kiosk_config or KioskConfig()
    keyboard = KioskInput(fd, out, config, clock, poll)
    if typing:
        keyboard.typing = LineTyping()
    term = Term(stdin=keyboard, stdout=out)  # type: ignore[arg-type]
    keyboard.term = term
    term.start_at_bottom()  # every prompt on the last line, as in plain mode (Term)
    gate = StaffGate(config, clock)
    errors = kiosk_errors.ErrorGuard("plain", clock)
    shell = KioskShell(session, term)
    asks_language = session.ask_language
    while True:
        try:
            return shell.run()  # returns only when input has ended for good
        except StillHere:
            term.say(_("Welcome back."))
        except (IdleReset, SessionDone):
            cleared = clear_session(session, keyboard, out, term.height)
            session.ask_language = asks_language
            shell = KioskShell(session, term)
            # Said under the home screen, just above its prompt: the last thing heard. (Above
            # home, the screen after Done could be the one before it scrolled, and Fenrir read
            # only the prompt's last words.)
            shell.notices.append(cleared)
        except StaffKey:
            refusal = gate.can_ask()
            if refusal:
                term.say(refusal)
                continue
            if gate.try_pin(keyboard.read_secret(_("Staff PIN (not shown), then Enter: "))):
                out.write(_("Goodbye.") + "\n")
                out.flush()
                return 0
            term.say(gate.can_ask() or _(kiosk.WRONG_PIN))
        except Exception as error:  # noqa: BLE001 - one of metanav's own bugs: start afresh
            if not kiosk_errors.is_bug(error):
                raise
            lang = session.lang
            clear_session(session, keyboard, out, term.height)  # screen and scrollback too
            if not errors.record(error):
                return kiosk_errors.EXIT_TOO_MANY
            words = kiosk_errors.start_afresh(session, lang)
            shell = KioskShell(session, term)
            shell.notices.append(words)


def clear_session(session: Session, keyboard: KioskInput, out, rows: int = 24) -> str:
    """Clear the session and the screen; return what to say about it."""
    done = actions.clear_session(session)
    keyboard.forget_typing()
    keyboard.watch.rest()
    if _isatty(out):
        # Cleared, then on to the last line (as Term.start_at_bottom): the prompt stays at
        # the bottom, and an answer's line feed never lands a reader's cursor on an empty
        # line ("blank", twice at the staff PIN under Fenrir).
        out.write(CLEAR_SCREEN + "\n" * (rows - 1))
    else:
        out.write("\n")
    out.flush()
    return done.words


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
