"""Kiosk mode for plain mode: nobody leaves, the next person starts fresh, staff exit with a PIN.

Built around plain mode's shell without changing it: a ``KioskShell`` whose quit means "Done -
clear my session", and a ``KioskInput`` (kiosk_keyboard.py) that reads the keyboard itself so
it can notice a quiet spell, see the staff key, and never block forever. This file is the loop
that answers what the keyboard raises: the countdown, the staff PIN, one of metanav's own bugs.

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

import sys
import time
from collections.abc import Callable

from metanav import kiosk, kiosk_errors
from metanav.core import actions
from metanav.i18n import _
from metanav.kiosk import KioskConfig, StaffGate
from metanav.plain.kiosk_keyboard import (
    NOT_A_TTY,
    IdleReset,
    KioskInput,
    StaffKey,
    StillHere,
)
from metanav.plain.kiosk_typing import LineTyping, keys_untouched
from metanav.plain.shell import Shell
from metanav.plain.term import Term
from metanav.session import Session

try:
    import termios
except ImportError:  # pragma: no cover - not POSIX
    termios = None  # type: ignore[assignment]

# Home, screen, then scrollback, as ncurses' ``clear`` does: terminals that push an erased screen
# into their history (tmux, PuTTY, VTE) would keep the last person's screen if the history went
# first. Kiosk plain mode only.
CLEAR_SCREEN = "\x1b[H\x1b[2J\x1b[3J"


class SessionDone(Exception):
    """The person chose "Done - clear my session"."""


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
            except NOT_A_TTY:
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
    except NOT_A_TTY:
        return None
    return saved


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
