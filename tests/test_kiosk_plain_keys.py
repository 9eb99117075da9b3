"""The plain kiosk shows what is typed itself: Ctrl+C, Ctrl+Z and Ctrl+\\ are answered in words,
never echoed as "^C" (Fenrir said "C"); nothing typed can move the cursor or change the screen.

A real ``metanav --kiosk --plain`` on a pty, read through a terminal emulator (pyte), and the
line typing on its own.
"""

from __future__ import annotations

import os
import termios
from pathlib import Path

import pytest

from kiosk_pty import Kiosk, start_plain_kiosk
from metanav import kiosk
from metanav.plain.kiosk_typing import LineTyping, without_keys

PIN = "4711"
PROMPT_END = "[default: 1]:"


def start(tmp_path: Path, term: str, cols: int = 80, rows: int = 24,
          ready: str = "q when you are done") -> Kiosk:
    return start_plain_kiosk(tmp_path, PIN, term, cols, rows, ready)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")
@pytest.mark.parametrize("term", ["xterm-256color", "linux"])
def test_ctrl_c_and_ctrl_z_are_answered_in_words_not_echoed(tmp_path, term):
    child = start(tmp_path, term)
    try:
        # The terminal's own echo and signals are off while the kiosk reads.
        lflag = termios.tcgetattr(child.fd)[3]
        assert not lflag & (termios.ECHO | termios.ICANON | termios.ISIG)
        for key in (b"\x03", b"\x1a", b"\x1c"):
            before = len(child.raw)
            child.send(key, settle=0.6)
            after = bytes(child.raw[before:]).decode()
            assert child.alive(), repr(key)
            assert "^" not in after, f"{key!r} echoed: {after!r}"
            # The sentence, then the question again, with the cursor at its end.
            assert kiosk.STAYS_OPEN in after, repr(key)
            assert after.rstrip().endswith(PROMPT_END), after
            assert child.text().splitlines()[-1].rstrip().endswith(PROMPT_END)
        # Half an answer survives Ctrl+C; Backspace erases; arrows and F keys show nothing.
        child.send(b"12", settle=0.3)
        before = len(child.raw)
        child.send(b"\x03", settle=0.6)
        assert bytes(child.raw[before:]).decode().rstrip().endswith(PROMPT_END + " 12")
        row = child.screen.cursor.y
        child.send(b"\x7f\x1b[A\x1b[24~\x1bOP\x1b[[A", settle=0.4)
        assert child.text().splitlines()[-1].rstrip().endswith(PROMPT_END + " 1")
        assert child.screen.cursor.y == row
        assert "^" not in child.text() and "[A" not in child.text()
        child.send(b"\r", settle=0.6)
        assert "not one of the choices" not in child.text()  # the arrows went whole: "1", Enter
        child.send(b"\x1b[A\x1bOQ\r", settle=0.6)
        assert '"" is not' not in child.text() and "[A" not in child.text()
        assert child.alive()
        # Only the staff key and PIN end it, and the terminal is as it was.
        child.send(b"\x18\r", settle=0.6)
        child.send(PIN.encode() + b"\r", settle=0.2)
        assert child.wait_exit() == 0
    finally:
        child.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty")
def test_the_sentence_wraps_at_words_on_a_narrow_terminal(tmp_path):
    child = start(tmp_path, "linux", cols=40, rows=20, ready="More:")
    try:
        child.send(b"\x03", settle=0.6)  # at "More: Enter to go on, q to stop."
        assert child.text().rstrip().endswith("q to stop.")
        words = child.text().split()
        assert all(word in words for word in kiosk.STAYS_OPEN.split()), child.text()
    finally:
        child.close()


def test_the_terminal_is_put_back_after_the_staff_exit():
    from test_kiosk_plain import PIN as STAFF_PIN
    from test_kiosk_plain import PlainKiosk

    plain = PlainKiosk()
    try:
        assert termios.tcgetattr(plain.slave)[3] & termios.ECHO == 0
        plain.type(b"\x18\n")
        plain.type(STAFF_PIN.encode() + b"\n")
        assert plain.finished() == 0
        lflag = termios.tcgetattr(plain.slave)[3]
        assert lflag & termios.ECHO and lflag & termios.ICANON and lflag & termios.ISIG
    finally:
        plain.close()


def test_typing_shows_letters_and_nothing_else():
    typing = LineTyping()
    typed = typing.feed("12\x7f3 sí\x1b[A\x1b[24~\x07\x18\r".encode())
    assert typed.echo == "12\b \b3 sí\n"
    # The hidden keys stay in the line: the staff exit key (Ctrl+X, F12) is looked for there.
    assert typed.lines == ["13 sí\x1b[A\x1b[24~\x07\x18\n"]
    assert typing.feed(b"\x03\x1a\x1c").refused == ["ctrl+c", "ctrl+z", "ctrl+backslash"]


def test_line_keys_of_the_terminal_still_work():
    typing = LineTyping()
    assert typing.feed(b"\x04").ended  # Ctrl+D on an empty line
    typing.feed(b"hello there")
    assert typing.feed(b"\x17").echo == "\b \b" * 5  # Ctrl+W: the last word
    assert typing.shown == "hello "
    typing.feed(b"\x15")  # Ctrl+U: all of it
    assert typing.shown == ""
    assert typing.feed("中".encode()).echo == "中"
    assert typing.feed(b"\x7f").echo == "\b\b  \b\b"  # a wide character takes two columns
    assert not typing.feed(b"x\x04").ended  # Ctrl+D after a letter does nothing


def test_a_lone_escape_does_not_swallow_what_comes_next():
    typing = LineTyping()
    typing.feed(b"\x1b")  # the Escape key, alone
    assert typing.feed(b"[2\r").echo == "[2\n"


def test_keys_typed_into_an_answer_go_whole():
    line = "1\x1b[A\x1b[24~\x1bOP\x1b[[A\x1b[1;5C\x1bx2"
    assert without_keys(line) == "12"
