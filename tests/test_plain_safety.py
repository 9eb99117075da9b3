"""Plain mode under stress: hostile text, bad answers, end of input, Ctrl+C, a real terminal,
refusals and failed saves, and a start that never imports Textual."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from metanav.core.views import topic_groups
from metanav.plain.shell import Shell
from metanav.plain.term import MORE, Term
from metanav.session import Policy, Session
from metanav.state.store import Store
from plain_helpers import (
    assert_no_control_bytes,
    home_count,
    home_numbers,
    library,
    plain_env,
    run_plain,
)
from state_helpers import on_disk

LIB = library()
HOME = home_numbers(LIB)

HOSTILE_RESOURCES = r"""
resources:
  - id: R-HOSTILE-01
    name: "[@click=app.quit] Evil \e]0;x\a name \x9b31m"
    organisation: "[link=https://x]y[/link] \e[2J Org"
    kinds: [helpline]
    language: en
    url: https://example.org/help
    phone: 1-800-555-0100
    phone_note: "Call \e[5m now \x07"
    description: "\x1b[2J\x1b[H Clears your screen \x9b2J [bold]not bold[/bold]"
    topics: [what-is-metastatic-cancer]
"""


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "resources.yaml").write_text(HOSTILE_RESOURCES, "utf-8")
    return folder


def test_hostile_data_folder_is_shown_literally_and_harmlessly(state_dir, hostile_data):
    lib = library(hostile_data)
    numbers = home_numbers(lib)
    run = run_plain(
        state_dir,
        [str(numbers["resources"]), "evil", "1", "b", "", "", str(numbers["bookmarks"]), "1", "q"],
        "--data", str(hostile_data),
    )
    for byte in (b"\x1b", b"\x07", b"\x9b", b"\xc2\x9b"):
        assert byte not in run.raw
    assert "1 resource matches." in run.out
    assert "Name: [@click=app.quit] Evil ]0;x name 31m" in run.out
    assert "Organisation: [link=https://x]y[/link] [2J Org" in run.out
    assert "[bold]not bold[/bold]" in run.out
    assert "Bookmarked: [@click=app.quit] Evil" in run.out
    assert run.out.endswith("Goodbye.\n")  # it kept running to the end of the script


def test_hostile_typed_input_and_saved_state_are_cleaned(state_dir):
    (state_dir / "state.json").write_text(json.dumps({
        "schema": 1,
        "own_questions": [{"id": "own-1", "text": "Old \u001b]0;pwned\u0007 question"}],
        "checklist": {"own-1": {"chosen": True, "note": "\u009b2J [@click=app.quit] \u001b[31m"}},
    }), "utf-8")
    script = (f"{HOME['questions']}\n"
              "a \x1b[2J[@click=app.quit] mine \x9b\x07\n"
              "s\nn 1\nnote \x1b]0;x\x07 \xc2\x9b done\n\n\n"
              f"{HOME['resources']}\nf \x1b[31mcancer\x1b[0m\nq\n")
    run = run_plain(state_dir, script)
    assert "[@click=app.quit] mine" in run.out
    assert "Old ]0;pwned question" in run.out
    assert 'Filter: words "[31mcancer[0m".' in run.out
    texts = [q["text"] for q in on_disk(state_dir)["own_questions"]]
    assert all("\x1b" not in t and "\x9b" not in t for t in texts)


def test_bad_answers_repeat_the_prompt_with_a_hint(state_dir):
    prompt = f"Choose 1 to {home_count(LIB)}, g to get help now, h for help, / to search, q to quit, i for Español [default: 1]:"
    run = run_plain(state_dir, ["99", "zz", "x", "\u00b2", "9" * 5000, "back"])
    assert f"There is no number 99 here. Type a number from 1 to {home_count(LIB)}." in run.out
    assert '"zz" is not one of the choices.' in run.out
    assert '"x" is not one of the choices.' in run.out
    assert '"\u00b2" is not one of the choices.' in run.out
    assert " ".join(run.out.split()).count(prompt) == 6
    assert run.out.endswith("Goodbye.\n")  # "back" at home leaves
    run = run_plain(state_dir, [str(HOME["questions"]), "1", "t 99", "1", "q"])
    assert '"99" is not one of the numbers.' in run.out
    assert "Which question? Type its number" in run.out


@pytest.mark.parametrize("script", [
    "",
    "q",
    "1\n",
    "{questions}\n1\nn 1\n",
    "{questions}\na\n",
    "{resources}\nk\n",
    "{resources}\nb\n",
    "{questions}\n10\nd\n",
])
def test_end_of_input_ends_the_session_cleanly(state_dir, script):
    run = run_plain(state_dir, script.format(**HOME))
    assert run.out.endswith("Goodbye.\n")


def read_until(fd: int, marker: bytes, timeout: float = 10) -> bytes:
    buf = b""
    deadline = time.monotonic() + timeout
    while marker not in buf:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"waited for {marker!r}; got {buf[-600:]!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal closed: the program ended
            break
        if not chunk:
            break
        buf += chunk
    return buf


def test_ctrl_c_on_a_pipe_says_goodbye(state_dir):
    proc = subprocess.Popen([sys.executable, "-m", "metanav", "--plain"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=plain_env(state_dir))
    seen = read_until(proc.stdout.fileno(), b"[default: 1]: ")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert (seen + out).endswith(b"\nGoodbye.\n")
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert_no_control_bytes(seen + out)


class Pty:
    """metanav --plain on a real terminal (a pty) of the given size."""

    def __init__(self, state_dir: Path, rows: int = 24, cols: int = 80):
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

        def controlling_terminal() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "metanav", "--plain"], stdin=slave, stdout=slave, stderr=slave,
            env=plain_env(state_dir), preexec_fn=controlling_terminal, close_fds=True,
        )
        os.close(slave)
        self.seen = b""

    def expect(self, marker: str) -> str:
        got = read_until(self.master, marker.encode())
        self.seen += got
        return got.replace(b"\r\n", b"\n").decode("utf-8", "replace")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def finish(self) -> str:
        rest = self.expect("Goodbye.")
        assert self.proc.wait(timeout=10) == 0
        os.close(self.master)
        text = self.seen.replace(b"\r\n", b"\n")
        assert b"Traceback" not in text
        assert_no_control_bytes(text)
        return rest


def test_terminal_ctrl_d_goes_back_then_quits_at_home(state_dir):
    term = Pty(state_dir)
    group = int(HOME[next(iter(topic_groups(LIB).values()))[0].id].split("\n")[0])
    term.expect("[default: 1]: ")
    term.send(f"{group}\n".encode())  # the first group of topics
    term.expect("[default: 1]: ")
    term.send(b"1\n")
    term.expect(MORE)  # the topic is longer than the terminal
    term.send(b"\x04")  # Ctrl+D at "more": skip to the prompt
    term.expect("[default: back]: ")
    term.send(b"\x04")  # Ctrl+D: back to the group, which now offers the next topic
    term.expect("[default: 2]: ")
    term.send(b"\x04")  # Ctrl+D: back to home, which now offers the next group
    assert "metanav: Home" in term.expect(f"[default: {group + 1}]: ")
    term.send(b"\x04")  # Ctrl+D at home: quit
    term.finish()


def test_terminal_ctrl_c_says_goodbye(state_dir):
    term = Pty(state_dir)
    term.expect("[default: 1]: ")
    term.send(b"\x03")
    term.finish()


def test_terminal_pages_long_text_with_a_more_prompt(state_dir):
    term = Pty(state_dir, rows=8)
    # Home does not fit 8 lines: it pages too. Enter shows the next page, q skips the rest.
    first = term.expect(MORE)
    assert len(first.strip("\n").split("\n")) <= 8
    term.send(b"\n")
    term.expect(MORE)
    term.send(b"q\n")
    term.expect("[default: 1]: ")
    _resources_then_quit(term)


def _resources_then_quit(term) -> None:
    """At home's prompt: open Support resources (it pages too), skip the rest, quit."""
    term.send(f"{HOME['resources']}\n".encode())
    assert "Support resources" in term.expect(MORE)
    term.send(b"q\n")
    term.expect("[default: back]: ")
    term.send(b"q\n")
    term.finish()


def test_textual_is_never_imported(state_dir):
    first = next(iter(LIB.topics))
    script = "\n".join([HOME[first], "b", "", "", str(HOME["questions"]), "1", "1", "s", "", "",
                        str(HOME["resources"]), "k 2", "1", "", "", str(HOME["bookmarks"]), "",
                        "h", "", "q"]) + "\n"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "metanav", "--plain"],
                          input=script.encode(), capture_output=True, timeout=30,
                          env=plain_env(state_dir))
    assert proc.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines()]
    assert not [name for name in imported if name.split(".")[0] in ("textual", "rich")]
    assert "metanav.plain.shell" in imported


# -- in-process: policy switches and saving failures ----------------------------------------
def run_in_process(session: Session, answers: list[str]) -> str:
    stdout = io.StringIO()
    term = Term(io.StringIO("\n".join(answers) + "\n"), stdout)
    assert Shell(session, term).run() == 0
    return stdout.getvalue()


def test_blocked_actions_say_so(state_dir):
    policy = Policy(export=False, print=False, own_notes=False)
    session = Session(library=LIB, store=Store.memory(), policy=policy)
    out = run_in_process(session, [str(HOME["questions"]), "e", "s", "a", "1", "n 1", "q"])
    # Saving, adding your own and notes are refused; showing My list no longer needs the
    # print switch (5e96340: a kiosk always shows it), so "s" shows the list.
    assert out.count(policy.refusal()) == 3
    assert "No questions chosen yet." in out


def test_a_failed_save_is_said_in_words(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = Store.open(blocker / "state")
    session = Session(library=LIB, store=store)
    out = run_in_process(session, [*HOME[next(iter(LIB.topics))].split("\n"), "b", "q"])
    assert "Your saved lists could not be read" in out
    assert "Bookmarked:" in out
    assert "Saving failed" in out


def test_a_damaged_state_file_is_told_once_at_the_start(state_dir):
    (state_dir / "state.json").write_text("{not json", "utf-8")
    run = run_plain(state_dir, ["1", "", "q"])
    assert run.out.count("Your saved lists were damaged") == 1
    assert run.out.index("Your saved lists were damaged") < run.out.index("[default: 1]:")


def test_ctrl_c_works_even_if_the_parent_ignored_sigint(state_dir):
    """An ignored SIGINT is inherited across exec (nohup, kiosk tests in this process…)."""
    import signal as _signal

    old = _signal.signal(_signal.SIGINT, _signal.SIG_IGN)
    try:
        term = Pty(state_dir)
    finally:
        _signal.signal(_signal.SIGINT, old)
    term.expect("[default: 1]: ")
    term.send(b"\x03")
    term.finish()


def test_a_choice_typed_at_more_is_acted_on_not_lost(state_dir):
    term = Pty(state_dir, rows=12)
    term.expect(MORE)  # home does not fit in 12 lines
    _resources_then_quit(term)
