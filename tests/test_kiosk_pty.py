"""Kiosk mode in a real terminal: real key bytes for every escape attempt, the staff PIN, nothing
written to disk, and the metanav-kiosk launcher under a hostile environment.

Each child runs on its own pty and is always killed at the end; every wait is bounded.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk_pty import HOME_TITLE, PYTHON, Kiosk, clean_env, files_under
from metanav import kiosk
from plain_helpers import home_numbers, library

HOME = home_numbers(library())

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty"),
]

PIN = "4711"


@pytest.fixture
def place(tmp_path: Path):
    """An empty home, state folder and working folder, and a kiosk.ini with a PIN."""
    home = tmp_path / "home"
    state = tmp_path / "state"
    cwd = tmp_path / "cwd"
    for folder in (home, state, cwd):
        folder.mkdir()
    config = tmp_path / "kiosk.ini"
    config.write_text(f"[kiosk]\npin = {PIN}\n", encoding="utf-8")
    return {"home": home, "state": state, "cwd": cwd, "config": config}


def start(place, *args: str, env: dict[str, str] | None = None, argv: list[str] | None = None) -> Kiosk:
    env = env or clean_env(place["home"], METANAV_STATE_DIR=str(place["state"]))
    argv = argv or [PYTHON, "-I", "-m", "metanav", "--kiosk", "--kiosk-config", str(place["config"]),
                    *args]
    child = Kiosk(argv, env, place["cwd"])
    launcher = any("kiosk_launcher" in word or word.endswith("metanav-kiosk") for word in argv)
    if launcher or "METANAV_LANG" not in env:  # the launcher keeps no METANAV_LANG
        if child.wait_for("Elija un idioma"):  # the first screen: "English / Español"
            child.pump(1.0)
            child.send(b"\r", settle=0.5)  # Enter keeps the clinic's English
    if not child.wait_for(HOME_TITLE):
        child.close()
        pytest.fail(f"metanav did not start:\n{child.text()}\n{bytes(child.raw[-2000:])!r}")
    return child


ESCAPES = [
    ("Ctrl+C", b"\x03"),
    ("Ctrl+Z", b"\x1a"),
    ("Ctrl+\\", b"\x1c"),
    ("Ctrl+Q", b"\x11"),
    ("q", b"q"),
    ("Escape", b"\x1b"),
]


def test_every_escape_key_keeps_the_kiosk_open(place):
    child = start(place)
    try:
        for name, key in ESCAPES:
            child.send(key, settle=0.6)
            assert child.alive(), f"{name} ended the kiosk"
            assert HOME_TITLE in child.text(), name
            if name != "Escape":
                assert kiosk.STAYS_OPEN in child.text(), name
        # Ctrl+D (end of input) asks whether to clear the session; it never leaves.
        child.send(b"\x04", settle=0.6)
        assert child.alive()
        assert "Done? Clear my session" in child.text()
        child.send(b"n", settle=0.6)
        assert child.alive() and HOME_TITLE in child.text()
        # Deeper in the app, the same keys.
        child.send(b"1\r", settle=0.8)
        for name, key in ESCAPES[:4]:
            child.send(key, settle=0.5)
            assert child.alive(), f"{name} ended the kiosk on a topic"
        assert kiosk.STAYS_OPEN in child.text()
        assert child.alive()
    finally:
        child.close()


def test_staff_pin_wrong_stays_right_exits_and_nothing_is_written(place):
    child = start(place)
    try:
        # A person looks around: bookmarks a topic, picks questions, bookmarks a resource.
        child.send(b"1\r", settle=0.8)  # a group of topics
        child.send(b"\r", settle=0.8)  # its first topic
        child.send(b"b", settle=0.5)
        assert "Bookmarked" in child.text()
        child.send(b"\x1b", settle=0.6)
        child.send(b"\x1b", settle=0.6)
        child.send(f"{HOME['questions']}\r".encode(), settle=0.8)
        assert "Questions" in child.text()
        child.send(b" ", settle=0.4)
        child.send(b"\x1b[B ", settle=0.4)
        child.send(b"\x1b", settle=0.6)
        child.send(f"{HOME['resources']}\r".encode(), settle=0.8)
        for _ in range(2):  # the first Enter may only leave the filter box
            child.send(b"\r", settle=0.8)
            if "Web address" in child.text():
                break
        assert "Web address" in child.text()
        child.send(b"b", settle=0.5)
        child.send(b"c", settle=0.8)
        assert "QR code" in child.text()
        child.send(b"\x1b", settle=0.5)
        child.send(b"\x1b", settle=0.5)
        child.send(b"\x1b", settle=0.5)
        # Wrong PIN: nothing happens.
        child.send(b"\x18", settle=0.6)
        assert "Staff exit" in child.text()
        child.send(b"0000\r", settle=0.8)
        assert child.alive()
        assert kiosk.WRONG_PIN in child.text()
        # Right PIN: the kiosk ends with code 0.
        child.send(b"\x18", settle=0.6)
        child.send(PIN.encode() + b"\r", settle=0.2)
        assert child.wait_exit() == 0
    finally:
        child.close()
    assert files_under(place["home"], place["state"], place["cwd"]) == []


def _hostile_env(place, tmp_path: Path) -> dict[str, str]:
    evil = tmp_path / "evil"
    evil.mkdir()
    marker = tmp_path / "evil-ran"
    # A sitecustomize that records every Python that imports it.
    (evil / "sitecustomize.py").write_text(
        "import sys\n"
        f"open({str(marker)!r}, 'a').write(repr(sys.orig_argv) + '\\n')\n",
        encoding="utf-8",
    )
    env = clean_env(place["home"], METANAV_STATE_DIR=str(place["state"]))
    env.update({
        "PYTHONINSPECT": "1",
        "PYTHONPATH": str(evil),
        "PYTHONSTARTUP": str(evil / "sitecustomize.py"),
        "TEXTUAL_ALLOW_SIGNALS": "1",
        "TEXTUAL_PRESS": "ctrl+q",
        "TEXTUAL_SCREENSHOT": "0",
        "TEXTUAL_SCREENSHOT_LOCATION": str(tmp_path / "shots"),
        "TEXTUAL_LOG": str(tmp_path / "textual.log"),
        "TEXTUAL_DRIVER": "evil:Driver",
        "TEXTUAL": "devtools,debug",
        "METANAV_KIOSK_CONFIG": str(evil / "kiosk.ini"),
        "XDG_CONFIG_DIRS": str(evil),
    })
    return env


def _second_hop_ran(marker: Path) -> list[str]:
    if not marker.exists():
        return []
    return [line for line in marker.read_text().splitlines() if "'-I'" in line or "'--kiosk'" in line]


@pytest.mark.parametrize("how", ["console script", "python -I -m metanav.kiosk_launcher"])
def test_launcher_ignores_a_hostile_environment(place, tmp_path, how):
    script = Path(PYTHON).parent / "metanav-kiosk"
    # The wrong-PIN count goes where staff say (--runtime-dir), never where the environment
    # says, and not into the machine's shared /tmp/metanav-UID either.
    run = tmp_path / "run"
    options = ["--kiosk-config", str(place["config"]), "--runtime-dir", str(run)]
    if how == "console script":
        if not script.exists():
            pytest.skip("metanav-kiosk is not installed next to this Python")
        argv = [str(script), *options]
    else:
        argv = [PYTHON, "-I", "-m", "metanav.kiosk_launcher", *options]
    env = _hostile_env(place, tmp_path)
    env["METANAV_RUNTIME_DIR"] = str(tmp_path / "evil-run")
    child = start(place, env=env, argv=argv)
    try:
        child.pump(2.5)  # TEXTUAL_SCREENSHOT=0 would have saved a picture and quit by now
        assert child.alive(), "the kiosk ended on its own"
        assert HOME_TITLE in child.text()
        child.send(b"\x03", settle=0.6)  # with TEXTUAL_ALLOW_SIGNALS this would be SIGINT
        assert child.alive()
        assert kiosk.STAYS_OPEN in child.text()
        child.send(b"\x18", settle=0.6)
        child.send(b"0000\r", settle=0.6)  # a wrong PIN: counted in the staff's folder
        assert (run / "staff-pin-tries.json").exists()
        assert not (tmp_path / "evil-run").exists()
        child.send(b"\x18", settle=0.6)
        child.send(PIN.encode() + b"\r", settle=0.2)
        code = child.wait_exit()
        # PYTHONINSPECT would leave a Python prompt instead of ending.
        assert code == 0, child.text()
        assert b">>>" not in bytes(child.raw)
    finally:
        child.close()
    assert _second_hop_ran(tmp_path / "evil-ran") == [], "PYTHONPATH reached the kiosk's Python"
    assert not (tmp_path / "textual.log").exists()
    assert not (tmp_path / "shots").exists()
    assert files_under(place["cwd"], place["home"], place["state"]) == []


def test_kiosk_refuses_to_start_under_an_interactive_python(place):
    env = clean_env(place["home"])
    child = Kiosk([PYTHON, "-i", "-m", "metanav", "--kiosk"], env, place["cwd"])
    try:
        code = child.wait_exit(20)
        assert code == 1
        assert "interactive Python" in child.text()
        assert b">>>" not in bytes(child.raw)
    finally:
        child.close()


def test_bad_kiosk_settings_stop_the_start(place):
    place["config"].write_text("[kiosk]\nidle_seconds = soon\n", encoding="utf-8")
    env = clean_env(place["home"])
    child = Kiosk([PYTHON, "-I", "-m", "metanav", "--kiosk", "--kiosk-config", str(place["config"])],
                  env, place["cwd"])
    try:
        assert child.wait_exit(20) == 2
        assert "idle_seconds: must be a number" in child.text()
    finally:
        child.close()


def test_kiosk_drops_textual_settings_even_without_the_launcher(place, tmp_path):
    """Started directly (no launcher), metanav --kiosk removes TEXTUAL_* before Textual loads."""
    env = clean_env(place["home"], METANAV_STATE_DIR=str(place["state"]),
                    TEXTUAL_SCREENSHOT="0", TEXTUAL_SCREENSHOT_LOCATION=str(tmp_path / "shots"),
                    TEXTUAL_LOG=str(tmp_path / "textual.log"), TEXTUAL_PRESS="ctrl+d,y",
                    TEXTUAL_ALLOW_SIGNALS="1")
    child = start(place, env=env)
    try:
        child.pump(2.5)
        assert child.alive() and HOME_TITLE in child.text()
        assert "Done? Clear my session" not in child.text(), "TEXTUAL_PRESS typed keys"
        child.send(b"\x03", settle=0.6)
        assert child.alive()
    finally:
        child.close()
    assert not (tmp_path / "textual.log").exists()
    assert not (tmp_path / "shots").exists()


def test_each_refused_key_writes_its_sentence_again(place):
    """Ctrl+C, then Ctrl+Z: the same words, written again for the second key too (emptied, then
    back), so a screen reader, which reads what changed, answers every key (it was silent)."""
    child = start(place)
    try:
        for key in (b"\x03", b"\x1a", b"\x03"):
            before = len(child.raw)
            child.send(key, settle=0.8)
            assert kiosk.STAYS_OPEN.encode() in bytes(child.raw[before:]), repr(key)
            assert kiosk.STAYS_OPEN in child.text()
        assert child.alive()
    finally:
        child.close()
