"""Hostile bytes on a real terminal never end or stall a kiosk, in either face.

Each sequence arrives in one write (one read for the app), the way an SSH link, a terminal's
"send string" key or a keyboard-emulating device delivers it. Afterwards the kiosk must still be
running, show no traceback, and still end only with the staff PIN.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from kiosk_pty import HOME_TITLE, PYTHON, Kiosk, clean_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty"),
]

PIN = "4711"
PLAIN_HOME = "q when you are done"

# Each of these ended the full-screen app (exit 0, a traceback on the screen) before the input
# guard, or (Ctrl+S, flow control) froze the plain kiosk's screen until someone typed Ctrl+Q.
HOSTILE = [
    b"\x1b[99999999999u",
    b"\x1b[99999999999~",
    b"\x1b[999999999999;1H",
    b"\x1b[5555555;1u",
    b"\x1b[1;99999999999A",
    b"\x1b[65;1;99999999999u",
    b"\x1b[48;0;0;0;0t",
    b"\x1b[48;99999999;99999999;1;1t",
    b"\x1b[<0;99999999999;99999999999M",
    b"\xff\xfe\xc3",  # not UTF-8
    b"\x13",  # Ctrl+S
    "\u00b2\u0663".encode(),  # digits to str.isdigit(), not to int()
]


def _start(tmp_path: Path, face: str) -> Kiosk:
    home, state, cwd = tmp_path / "home", tmp_path / "state", tmp_path / "cwd"
    for folder in (home, state, cwd):
        folder.mkdir(exist_ok=True)
    config = tmp_path / "kiosk.ini"
    config.write_text(f"[kiosk]\npin = {PIN}\n", encoding="utf-8")
    argv = [PYTHON, "-I", "-m", "metanav", "--kiosk", "--kiosk-config", str(config)]
    if face == "plain":
        argv.append("--plain")
    child = Kiosk(argv, clean_env(home, METANAV_STATE_DIR=str(state)), cwd)
    if not child.wait_for(PLAIN_HOME if face == "plain" else HOME_TITLE):
        child.close()
        pytest.fail(f"metanav did not start:\n{child.text()}")
    return child


def _still_a_kiosk(child: Kiosk, face: str, what: str) -> None:
    """Alive, no traceback, and the staff PIN (and only it) ends it with code 0."""
    assert child.alive(), f"{what} ended the kiosk:\n{bytes(child.raw[-6000:])!r}"
    seen = bytes(child.raw)
    assert b"Traceback" not in seen, f"{what}:\n{child.text()}"
    child.send(b"\x1b" if face == "tui" else b"\r", settle=0.6)  # close anything half-typed
    child.send(b"\x18\r" if face == "plain" else b"\x18", settle=0.8)
    child.send(PIN.encode() + b"\r", settle=0.2)
    assert child.wait_exit(15) == 0, f"the PIN no longer ends the kiosk after {what}:\n{child.text()}"


@pytest.mark.parametrize("face", ["tui", "plain"])
def test_each_malformed_sequence_is_dropped_and_the_kiosk_goes_on(tmp_path, face):
    child = _start(tmp_path, face)
    try:
        for sequence in HOSTILE:
            child.send(sequence + (b"\r" if face == "plain" else b""), settle=0.8)
            assert child.alive(), f"{sequence!r} ended the kiosk:\n{bytes(child.raw[-6000:])!r}"
            assert b"Traceback" not in bytes(child.raw), f"{sequence!r}:\n{child.text()}"
            if face == "tui":
                child.send(b"\x1b", settle=0.4)
        _still_a_kiosk(child, face, "the malformed sequences")
    finally:
        child.close()


# -- fuzzing: random escape sequences, many per process, bounded in time -------------------------
_NUMBER = st.one_of(st.integers(0, 20), st.integers(0, 10**15)).map(str)
_PARAMS = st.lists(_NUMBER, max_size=5).flatmap(
    lambda nums: st.sampled_from([";", ":"]).map(lambda sep: sep.join(nums))
)
_FINAL = st.sampled_from(list("u~ABCDEFHPQRSMmtRIO$yhl") + ["", "$y", "~~"])
_TEXT = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=12)

SEQUENCES = st.one_of(
    st.builds(lambda p, f, lead: f"\x1b[{lead}{p}{f}", _PARAMS, _FINAL, st.sampled_from(["", "<", "?", ">"])),
    st.builds(lambda f: f"\x1bO{f}", _FINAL),
    st.builds(lambda t, end: f"\x1b]{t}{end}", _TEXT, st.sampled_from(["\x07", "\x1b\\", ""])),
    st.builds(lambda t, end: f"\x1bP{t}{end}", _TEXT, st.sampled_from(["\x1b\\", ""])),
    st.binary(max_size=16).map(lambda b: b.decode("latin-1")),
)
FUZZ_SECONDS = 12.0


def _quiet(child: Kiosk, limit: float = 60.0) -> None:
    """Wait until the child has answered everything sent (no output for a second)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        before = len(child.raw)
        child.pump(1.0)
        if len(child.raw) == before:
            return


def _caught_up(child: Kiosk, limit: float = 60.0) -> None:
    """Wait until the app has handled every burst: keys are handled in order, so once Help
    (F1, sent after them all) is on the screen, the bursts are done with. On a busy machine a
    few hundred bursts that each start a search can take the app a while."""
    child.send(b"\x1b[201~\x1b", settle=0.5)  # out of any paste the fuzz began, out of any box
    child.send(b"\x1bOP", settle=0.5)  # F1
    # The fuzz may have switched the language (i): Help's title in either one will do.
    titles = ("Help: keys and how to use metanav", "Ayuda: teclas y cómo usar metanav")
    end = time.monotonic() + limit
    while not any(title in child.text() for title in titles) and time.monotonic() < end:
        child.pump(0.2)
    assert any(title in child.text() for title in titles), child.text()
    child.send(b"\x1b", settle=0.6)


@pytest.mark.parametrize("face", ["tui", "plain"])
def test_fuzzed_escape_sequences_never_end_the_kiosk(tmp_path, face):
    child = _start(tmp_path, face)
    sent: list[bytes] = []
    deadline = time.monotonic() + FUZZ_SECONDS

    # Only generation: one process takes every burst, so shrinking could not replay a failure.
    @settings(max_examples=400, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.lists(SEQUENCES, min_size=1, max_size=6))
    def burst(parts: list[str]) -> None:
        if time.monotonic() > deadline:
            return
        data = "".join(parts).encode("utf-8", "surrogateescape")
        # Never the staff key (Ctrl+X) or the plain kiosk's "y" that clears: only escapes.
        data = data.replace(b"\x18", b"")
        if face == "plain":
            data += b"\n"  # a line a time: a terminal holds at most 4 KB of an unfinished line
        sent.append(data)
        os.write(child.fd, data)
        child.pump(0.02)
        assert child.alive(), f"ended after {sent[-5:]!r}:\n{child.text()}\n{bytes(child.raw[-3000:])!r}"

    try:
        burst()
        _quiet(child)
        if face == "tui":
            _caught_up(child)
        assert len(sent) >= 20, "the fuzz ran too few bursts to mean anything"
        _still_a_kiosk(child, face, f"{len(sent)} fuzzed bursts")
    finally:
        child.close()
