"""A kiosk in a real terminal stays up through metanav's own bugs, in both faces: help is made
to fail (the test's own start-up replaces core/help's functions with ones that raise; metanav
has no hook for it, so nothing typed can do it), and the person is started afresh at home with
"Something went wrong. metanav started again.", nothing of theirs on the screen or in the
scrollback, no traceback; staff find the error in kiosk-errors.log. Five errors in a minute
end the process with exit code 70, for systemd to start a new one."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from kiosk_pty import HOME_TITLE, PYTHON, Kiosk, clean_env
from metanav import kiosk_errors
from plain_helpers import home_numbers, library

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX pty"),
]

RESTARTED = "Something went wrong. metanav started again."
SECRET = "private-words-9341"
INJECT = textwrap.dedent(f"""
    import sys
    import metanav.core.help as core_help

    def fail(*args, **kwargs):
        raise RuntimeError({SECRET!r})

    core_help.full_screen_help = core_help.plain_help = fail
    from metanav.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def start(tmp_path: Path, *args: str, ready: str) -> tuple[Kiosk, Path]:
    home, state, cwd = tmp_path / "home", tmp_path / "state", tmp_path / "cwd"
    for folder in (home, state, cwd):
        folder.mkdir()
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\npin = 4711\n", encoding="utf-8")
    env = clean_env(home, METANAV_STATE_DIR=str(state))
    argv = [PYTHON, "-I", "-c", INJECT, "--kiosk", "--kiosk-config", str(config), *args]
    child = Kiosk(argv, env, cwd)
    if not child.wait_for(ready):
        child.close()
        pytest.fail(f"metanav did not start:\n{child.text()}")
    return child, Path(env["METANAV_RUNTIME_DIR"]) / kiosk_errors.LOG_NAME


def check_log(log: Path, face: str, count: int) -> None:
    text = log.read_text()
    assert text.count(f"kiosk ({face}): unexpected RuntimeError") == count
    assert "metanav/core/help.py" not in text or SECRET not in text
    assert SECRET not in text


def test_plain_kiosk_starts_afresh_after_an_error(tmp_path):
    child, log = start(tmp_path, "--plain", ready="q when you are done")
    try:
        numbers = home_numbers(library())
        topic_id = next(k for k, v in numbers.items() if "\n" in str(v))  # one in a group
        topic = library().topics[topic_id]
        number = str(numbers[topic_id]).split("\n")
        for step in number:
            child.send(step.encode() + b"\r", settle=0.8)
        assert topic.title in child.text()
        cleared_at = len(child.raw)
        child.send(b"h\r", settle=0.5)
        assert child.wait_for(RESTARTED), child.text()
        assert child.alive()
        after = bytes(child.raw[cleared_at:]).decode("utf-8", "replace")
        assert "\x1b[3J" in after, "the scrollback was not cleared"
        shown = after.rpartition("\x1b[3J")[2]
        assert topic.title not in shown and "Traceback" not in after and SECRET not in after
        assert child.text().rstrip().endswith("[default: 1]:")  # home asks again
        check_log(log, "plain", 1)
        # Five in a minute: the process ends, for systemd to start a new one.
        for _ in range(kiosk_errors.TOO_MANY - 1):
            child.send(b"h\r", settle=0.5)
        assert child.wait_exit() == kiosk_errors.EXIT_TOO_MANY
        assert "Traceback" not in child.raw.decode("utf-8", "replace")
        check_log(log, "plain", kiosk_errors.TOO_MANY)
    finally:
        child.close()


def test_full_screen_kiosk_starts_afresh_after_an_error(tmp_path):
    child, log = start(tmp_path, ready=HOME_TITLE)
    try:
        child.send(b"\x1bOP", settle=0.2)  # F1: help, which fails
        assert child.wait_for(RESTARTED), child.text()
        assert child.alive() and HOME_TITLE in child.text()
        assert "Traceback" not in child.raw.decode("utf-8", "replace")
        check_log(log, "full screen", 1)
        for _ in range(kiosk_errors.TOO_MANY - 1):
            child.send(b"\x1bOP", settle=0.8)
        assert child.wait_exit() == kiosk_errors.EXIT_TOO_MANY
        assert "Traceback" not in child.raw.decode("utf-8", "replace")
        check_log(log, "full screen", kiosk_errors.TOO_MANY)
    finally:
        child.close()


def test_full_screen_kiosk_starts_a_new_app_when_its_own_loop_fails(tmp_path, monkeypatch):
    """An error the app cannot stay up through (here in the kiosk's idle clock, which runs
    after a key) ends that app; the kiosk starts a new one (tui.app.run) at home; five in a
    minute end it."""
    import test_kiosk_errors_pty as this

    monkeypatch.setattr(this, "INJECT", INJECT.replace(
        "core_help.full_screen_help = core_help.plain_help = fail",
        "import metanav.kiosk\nmetanav.kiosk.IdleWatch.state = fail"))
    child, log = start(tmp_path, ready=HOME_TITLE)
    try:
        group = "Understanding metastatic cancer"
        child.send(b"4", settle=1.2)  # the group opens; then the clock's first tick fails
        assert child.wait_for(RESTARTED), child.text()
        assert child.alive() and HOME_TITLE in child.text()
        assert child.text().count(group) == 1, "only home's line for it"
        check_log(log, "full screen", 1)
        for n in range(2, kiosk_errors.TOO_MANY + 1):
            child.send(b"4", settle=1.5)
            if n < kiosk_errors.TOO_MANY:
                assert child.wait_for(RESTARTED) and child.alive()
        assert child.wait_exit(20) == kiosk_errors.EXIT_TOO_MANY
        assert "Traceback" not in child.raw.decode("utf-8", "replace")
        check_log(log, "full screen", kiosk_errors.TOO_MANY)
    finally:
        child.close()
