"""Keys that arrive together (one read: a paste, a stalling SSH link) are handled one at a time,
in order, by the screen they belong to. Real bytes on a real pty, one write each."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from kiosk_pty import HOME_TITLE, PYTHON, Kiosk, clean_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty"),
]

PIN = "4711"


def _folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    home, state, cwd = tmp_path / "home", tmp_path / "state", tmp_path / "cwd"
    for folder in (home, state, cwd):
        folder.mkdir(exist_ok=True)
    return home, state, cwd


def _start(tmp_path: Path, *args: str) -> tuple[Kiosk, Path]:
    home, state, cwd = _folders(tmp_path)
    config = tmp_path / "kiosk.ini"
    config.write_text(f"[kiosk]\npin = {PIN}\n", encoding="utf-8")
    argv = [PYTHON, "-I", "-m", "metanav", *args]
    if "--kiosk" in args:
        argv += ["--kiosk-config", str(config)]
    child = Kiosk(argv, clean_env(home, METANAV_STATE_DIR=str(state)), cwd, rows=30)
    if not child.wait_for(HOME_TITLE):
        child.close()
        pytest.fail(f"metanav did not start:\n{child.text()}")
    return child, state


def _number_of(child: Kiosk, words: str) -> bytes:
    found = re.search(r"(\d+)\. " + re.escape(words), child.text())
    assert found, child.text()
    return found.group(1).encode()


@pytest.mark.parametrize("burst", [b"\x18\r\r", b"\x18\r" + PIN.encode() + b"\r\r"])
def test_two_enters_in_the_staff_pin_box_close_it_once(tmp_path, burst):
    child, _ = _start(tmp_path, "--kiosk")
    try:
        child.send(burst, settle=1.5)
        assert child.alive(), f"{burst!r} ended the kiosk:\n{bytes(child.raw[-4000:])!r}"
        assert b"Traceback" not in bytes(child.raw)
        child.send(b"\x1b", settle=0.5)
        child.send(b"\x18", settle=0.8)
        assert "Staff exit" in child.text()
        child.send(PIN.encode() + b"\r", settle=0.2)
        assert child.wait_exit(15) == 0
    finally:
        child.close()


def test_the_pin_and_its_enter_typed_with_the_staff_key_end_the_kiosk(tmp_path):
    child, _ = _start(tmp_path, "--kiosk")
    try:
        child.send(b"\x18" + PIN.encode() + b"\r", settle=0.2)
        assert child.wait_exit(15) == 0, child.text()
    finally:
        child.close()


def test_a_key_typed_with_enter_in_the_question_box_is_not_saved_with_it(tmp_path):
    child, state = _start(tmp_path)
    try:
        child.send(_number_of(child, "Questions for your doctor") + b"\r", settle=1.0)
        assert "Add own" in child.text(), child.text()
        child.send(b"a", settle=0.8)
        assert "Add your own question" in child.text()
        child.send(b"hello", settle=0.5)
        # Enter saves "hello"; the "a" after it belongs to the questions screen: a new box.
        child.send(b"\ra", settle=1.2)
        assert "Add your own question" in child.text(), child.text()
        child.send(b"\x1b", settle=0.6)
        child.send(b"\x11", settle=0.2)  # Ctrl+Q
        assert child.wait_exit(15) == 0
    finally:
        child.close()
    saved = (state / "state.json").read_text(encoding="utf-8")
    texts = [v for v in _strings(json.loads(saved)) if v.startswith("hello")]
    assert texts == ["hello"], saved


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
