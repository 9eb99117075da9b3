"""Kiosk mode in plain mode: signals ignored, Ctrl+D and q clear the session instead of quitting,
the idle countdown and reset (fake clock), the staff PIN, and the scrollback cleared on a terminal.

In-process tests read the keyboard from a pty pair and write to a buffer; the last tests run
``metanav --kiosk --plain`` as a real process on a pty.
"""

from __future__ import annotations

import io
import os
import threading
import time
from pathlib import Path

import pytest

from kiosk_pty import files_under, start_plain_kiosk
from metanav import kiosk
from metanav.core.views import topic_groups
from metanav.kiosk import KioskConfig
from metanav.plain import kiosk_shell as plain_kiosk
from metanav.plain.kiosk_keyboard import key_sequences
from plain_helpers import home_numbers
from tui_helpers import bundled_library, make_session

PIN = "4711"
HOME = "metanav: Home"
# The first group of topics on home, and its first topic (numbers from the content).
FIRST_TOPIC = next(iter(topic_groups(bundled_library()).values()))[0].id
FIRST_GROUP = home_numbers(bundled_library())[FIRST_TOPIC].split("\n")[0].encode()


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Buffer(io.StringIO):
    """stdout for the shell under test; readable from the test thread."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()

    def write(self, text: str) -> int:
        with self.lock:
            return super().write(text)

    def text(self) -> str:
        with self.lock:
            return self.getvalue()


class PlainKiosk:
    """plain.kiosk_shell.run in a thread, typing through a pty, reading what it writes."""

    def __init__(self, config: KioskConfig | None = None) -> None:
        self.config = config or KioskConfig(pin_hash=f"plain${PIN}", idle_seconds=60,
                                            countdown_seconds=10)
        self.session = make_session(None, kiosk=True, kiosk_config=self.config,
                                    policy=self.config.policy())
        self.clock = FakeClock()
        self.out = Buffer()
        self.master, self.slave = os.openpty()
        self.result: list[int] = []
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.expect(HOME)

    def _run(self) -> None:
        self.result.append(plain_kiosk.run(self.session, stdin_fd=self.slave, stdout=self.out,
                                           clock=self.clock, poll=0.01))

    def type(self, data: bytes, settle: float = 0.15) -> None:
        mark = len(self.out.text())
        os.write(self.master, data)
        self._drain()
        end = time.monotonic() + settle
        while time.monotonic() < end:
            self._drain()
            time.sleep(0.01)
        self.mark = mark

    def _drain(self) -> None:
        import select

        while select.select([self.master], [], [], 0)[0]:
            try:
                os.read(self.master, 4096)  # the terminal's echo
            except OSError:
                return

    def since(self, mark: int) -> str:
        return self.out.text()[mark:]

    def expect(self, words: str, after: int = 0, seconds: float = 5.0) -> str:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._drain()
            if words in self.out.text()[after:]:
                return self.out.text()[after:]
            time.sleep(0.01)
        raise AssertionError(f"{words!r} never came:\n{self.out.text()[after:][-2000:]}")

    def finished(self, seconds: float = 5.0) -> int | None:
        self.thread.join(seconds)
        return self.result[0] if self.result else None

    def close(self) -> None:
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass
        self.thread.join(2)


@pytest.fixture
def plain():
    shell = PlainKiosk()
    yield shell
    shell.close()


def test_prompt_says_done_not_quit(plain):
    assert "q when you are done" in plain.out.text()
    assert "q to quit" not in plain.out.text()


def test_q_and_ctrl_d_ask_before_clearing_and_never_quit(plain):
    topic_id = FIRST_TOPIC
    plain.type(FIRST_GROUP + b"\n")  # a group of topics
    plain.type(b"1\n")  # its first topic
    plain.type(b"b\n")
    assert plain.session.store.is_bookmarked("topic", topic_id)
    plain.type(b"\x04")  # Ctrl+D: back to the group
    plain.type(b"\x04")  # Ctrl+D: back to home
    mark = len(plain.out.text())
    plain.type(b"\x04")  # Ctrl+D at home: not goodbye, a question
    plain.expect("Done? Clear my session", mark)
    plain.type(b"\n")
    plain.expect("Nothing was cleared.", mark)
    assert plain.session.store.is_bookmarked("topic", topic_id)
    mark = len(plain.out.text())
    plain.type(b"q\n")
    plain.expect("Done? Clear my session", mark)
    plain.type(b"y\n")
    after = plain.expect(kiosk.CLEARED, mark)
    assert plain.session.store.bookmarks() == []
    assert HOME in after
    assert "Goodbye" not in plain.out.text()
    assert plain.thread.is_alive()
    # Without a terminal for output, no escape byte is written, even here.
    assert "\x1b" not in plain.out.text()


def test_idle_countdown_then_reset(plain):
    plain.type(FIRST_GROUP + b"\n")  # a group of topics
    plain.type(b"1\n")  # its first topic
    plain.type(b"b\n")
    assert plain.session.store.bookmarks()
    mark = len(plain.out.text())
    plain.clock.now += 59
    time.sleep(0.1)
    assert "Still there?" not in plain.since(mark)
    plain.clock.now += 2
    plain.expect("Still there? Press Enter to keep going. Clearing in 9 seconds.", mark)
    # Someone is there: Enter keeps everything and shows the screen again.
    mark = len(plain.out.text())
    plain.type(b"\n")
    plain.expect("Welcome back.", mark)
    assert plain.session.store.bookmarks()
    # Nobody: the countdown runs out.
    mark = len(plain.out.text())
    plain.clock.now += 61
    plain.expect("Clearing in 9 seconds.", mark)
    plain.clock.now += 6
    plain.expect("Clearing in 3 seconds.", mark)
    plain.clock.now += 5
    after = plain.expect(kiosk.CLEARED, mark)
    assert HOME in after
    assert plain.session.store.bookmarks() == []
    assert plain.thread.is_alive()


def test_half_typed_answer_is_forgotten_at_reset(plain):
    mark = len(plain.out.text())
    plain.type(b"secret words")  # no Enter (read before the clock moves: a key is someone there)
    plain.clock.now += 61
    plain.expect("Still there?", mark)
    plain.clock.now += 10
    plain.expect(kiosk.CLEARED, mark)
    mark = len(plain.out.text())
    plain.type(b"h\n")
    assert "secret" not in plain.since(mark)
    plain.expect("Help", mark)


def test_staff_exit_wrong_pin_stays_right_pin_leaves(plain):
    mark = len(plain.out.text())
    plain.type(b"\x18\n")
    plain.expect("Staff PIN", mark)
    plain.type(b"1234\n")
    plain.expect(kiosk.WRONG_PIN, mark)
    assert plain.thread.is_alive()
    assert "1234" not in plain.out.text()
    plain.type(b"\x18\n")
    plain.type(PIN.encode() + b"\n")
    assert plain.finished() == 0


def test_no_pin_means_no_staff_exit():
    shell = PlainKiosk(KioskConfig())
    try:
        mark = len(shell.out.text())
        shell.type(b"\x18\n")
        shell.expect(kiosk.NO_STAFF_EXIT, mark)
        assert shell.thread.is_alive()
    finally:
        shell.close()


def test_f12_as_staff_key():
    shell = PlainKiosk(KioskConfig(exit_key="f12", pin_hash=f"plain${PIN}"))
    try:
        mark = len(shell.out.text())
        shell.type(b"\x18\n")
        assert "Staff PIN" not in shell.since(mark)
        shell.type(b"\x1b[24~\n")
        shell.expect("Staff PIN", mark)
        shell.type(PIN.encode() + b"\n")
        assert shell.finished() == 0
    finally:
        shell.close()


def test_end_of_input_without_a_terminal_ends_the_session():
    config = KioskConfig()
    session = make_session(None, kiosk=True, kiosk_config=config, policy=config.policy())
    read, write = os.pipe()
    os.write(write, b"1\nb\nq\ny\nh\n")
    os.close(write)
    out = Buffer()
    try:
        assert plain_kiosk.run(session, stdin_fd=read, stdout=out, poll=0.01) == 0
    finally:
        os.close(read)
    assert "Done? Clear my session" in out.getvalue()
    assert kiosk.CLEARED in out.getvalue()  # a pipe cannot be flushed like a terminal: no error
    assert session.store.bookmarks() == []
    assert "How plain mode works" in out.getvalue(), "the lines after the clear are still read"
    assert "\x1b" not in out.getvalue()


def test_every_allowed_staff_key_works_in_plain_mode():
    for key in kiosk.EXIT_KEYS:
        assert key_sequences(key), key


def test_key_sequences():
    assert key_sequences("ctrl+x") == ("\x18",)
    assert key_sequences("f12") == ("\x1b[24~",)
    assert "\x1bOP" in key_sequences("f1")
    assert key_sequences("alt+x") == ()


# -- a real process on a real terminal ---------------------------------------------------------
@pytest.mark.slow
def test_real_plain_kiosk_ignores_signals_clears_scrollback_and_writes_nothing(tmp_path: Path):
    home, state, cwd = tmp_path / "home", tmp_path / "state", tmp_path / "cwd"
    child = start_plain_kiosk(tmp_path, PIN)  # waits for "q when you are done"
    try:
        # Every prompt on the last line, at the start and after the clear below: an answer's
        # line feed then never lands a reader's cursor on an empty line (Fenrir: "blank").
        assert child.screen.cursor.y == child.screen.lines - 1
        for key in (b"\x03", b"\x1a", b"\x1c"):
            child.send(key, settle=0.5)
            assert child.alive(), repr(key)
        child.send(FIRST_GROUP + b"\r", settle=0.6)  # a group of topics
        child.send(b"1\r", settle=0.6)  # its first topic
        child.send(b"q\r", settle=0.4)  # at the "more" prompt: stop paging
        child.send(b"b\r", settle=0.5)
        child.send(b"\x04", settle=0.5)
        child.send(b"\x04", settle=0.5)
        child.send(b"\x04", settle=0.5)
        assert "Done? Clear my session" in child.text()
        assert "Bookmarks (1)" in child.text()
        assert child.alive()
        before = len(child.raw)
        child.send(b"y\r", settle=0.8)
        after = bytes(child.raw[before:])
        assert after.count(plain_kiosk.CLEAR_SCREEN.encode()) == 1
        # After the clear, from the last line: the fresh home screen, then what happened,
        # just above the prompt (the last thing a reader says).
        cleared = after.split(plain_kiosk.CLEAR_SCREEN.encode(), 1)[1].decode()
        assert cleared.lstrip("\r\n").startswith("metanav: Home")
        assert cleared.split(kiosk.CLEARED, 1)[1].lstrip().startswith("Choose 1 to ")
        assert "metanav: Home" in child.text() and "Bookmarks (" not in child.text()
        assert child.screen.cursor.y == child.screen.lines - 1
        # The clear is the only escape sequence plain mode wrote.
        assert bytes(child.raw).count(b"\x1b") == 3
        child.send(b"\x18\r", settle=0.5)
        child.send(PIN.encode() + b"\r", settle=0.2)
        assert child.wait_exit() == 0
    finally:
        child.close()
    assert files_under(home, state, cwd) == []


def test_an_empty_kiosk_stays_quiet_after_a_reset(plain):
    """After a reset nobody is there: no "Still there?" and no clearing again (it spoke and
    cleared the screen every few minutes, forever) until someone presses a key."""
    mark = len(plain.out.text())
    plain.clock.now += 61
    plain.expect("Still there?", mark)
    plain.clock.now += 10
    plain.expect(kiosk.CLEARED, mark)
    mark = len(plain.out.text())
    for _ in range(5):
        plain.clock.now += 1000
        time.sleep(0.05)
    assert "Still there?" not in plain.since(mark)
    assert kiosk.CLEARED not in plain.since(mark)
    plain.type(b"h\n")  # somebody: the watch starts again
    plain.clock.now += 61
    plain.expect("Still there?", mark)
