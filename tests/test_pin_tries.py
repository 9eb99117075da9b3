"""Guessing the staff PIN is slow across processes: every kiosk process of the account shares
one count of wrong PINs, and the wait after them grows with each one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from metanav import kiosk, pin_tries
from metanav.kiosk import KioskConfig, StaffGate
from metanav.pin_tries import LOCKOUT_SECONDS, MAX_WRONG_PINS, WrongPins, wait_after

CONFIG = KioskConfig(pin_hash="plain$4711")


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def test_the_wait_grows_with_each_wrong_pin_up_to_an_hour():
    assert [wait_after(n) for n in range(1, MAX_WRONG_PINS)] == [0.0] * (MAX_WRONG_PINS - 1)
    waits = [wait_after(n) for n in range(MAX_WRONG_PINS, MAX_WRONG_PINS + 8)]
    assert waits == [60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 3600.0, 3600.0]
    assert wait_after(10_000) == 3600.0


def test_two_kiosk_processes_share_one_count(tmp_path):
    clock = FakeClock()
    screen = StaffGate(CONFIG, clock, WrongPins(clock, tmp_path))
    ssh = StaffGate(CONFIG, clock, WrongPins(clock, tmp_path))
    for _ in range(3):
        assert not screen.try_pin("0000")
    for _ in range(MAX_WRONG_PINS - 3):
        assert not ssh.try_pin("1111")
    # A fresh connection starts with the same count: it waits too, the right PIN included.
    fresh = StaffGate(CONFIG, clock, WrongPins(clock, tmp_path))
    assert screen.can_ask() == ssh.can_ask() == fresh.can_ask() == kiosk.LOCKED_OUT
    assert not fresh.try_pin("4711")
    clock.now += LOCKOUT_SECONDS + 1
    assert not fresh.try_pin("2222")  # the sixth: twice as long now
    clock.now += LOCKOUT_SECONDS + 1
    assert screen.can_ask() == kiosk.LOCKED_OUT
    clock.now += LOCKOUT_SECONDS
    assert screen.try_pin("4711"), "the right PIN, once the wait is over"
    # ...and the count starts again for everyone.
    assert json.loads((tmp_path / pin_tries.FILE_NAME).read_text())["wrong"] == 0
    assert not ssh.try_pin("0000") and ssh.can_ask() == ""


def test_an_hour_without_wrong_pins_forgets_them(tmp_path):
    clock = FakeClock()
    gate = StaffGate(CONFIG, clock, WrongPins(clock, tmp_path))
    for _ in range(MAX_WRONG_PINS - 1):
        gate.try_pin("0000")
    clock.now += pin_tries.FORGET_AFTER + 1
    gate.try_pin("0000")
    assert gate.can_ask() == "", "one wrong PIN after an hour is the first, not the fifth"


def test_a_damaged_count_file_is_ignored(tmp_path):
    (tmp_path / pin_tries.FILE_NAME).write_text("{not json", encoding="ascii")
    clock = FakeClock()
    gate = StaffGate(CONFIG, clock, WrongPins(clock, tmp_path))
    assert gate.can_ask() == ""
    assert gate.try_pin("4711")


def test_a_runtime_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("METANAV_RUNTIME_DIR", str(shared))
    assert pin_tries.runtime_folder() is None
    # Then the count is this process's own, as before, and nothing is written.
    clock = FakeClock()
    gate = StaffGate(CONFIG, clock)
    for _ in range(MAX_WRONG_PINS):
        gate.try_pin("0000")
    assert gate.can_ask() == kiosk.LOCKED_OUT
    assert list(shared.iterdir()) == []


def test_a_kiosk_nobody_tried_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("METANAV_RUNTIME_DIR", str(tmp_path / "run"))
    gate = StaffGate(CONFIG)
    assert gate.can_ask() == ""
    assert not (tmp_path / "run").exists()


def test_wrong_pins_in_separate_processes_add_up(tmp_path):
    """Real processes (as separate SSH connections would be), one wrong PIN each."""
    env = {**os.environ, "METANAV_RUNTIME_DIR": str(tmp_path / "run")}
    script = ("from metanav.kiosk import KioskConfig, StaffGate; "
              "g = StaffGate(KioskConfig(pin_hash='plain$4711')); "
              "print(g.can_ask() or 'asked', g.try_pin('0000'))")
    said = []
    for _ in range(MAX_WRONG_PINS + 1):
        proc = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=60, cwd=Path(__file__).parent)
        assert proc.returncode == 0, proc.stderr
        said.append(proc.stdout.strip())
    assert said[:MAX_WRONG_PINS] == ["asked False"] * MAX_WRONG_PINS
    assert said[-1] == f"{kiosk.LOCKED_OUT} False", said
    count = json.loads((tmp_path / "run" / pin_tries.FILE_NAME).read_text())
    assert count["wrong"] == MAX_WRONG_PINS
    assert oct((tmp_path / "run").stat().st_mode & 0o777) == "0o700"


def test_the_right_pin_first_time_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("METANAV_RUNTIME_DIR", str(tmp_path / "run"))
    gate = StaffGate(CONFIG)
    assert gate.try_pin("4711")
    assert not (tmp_path / "run").exists()
