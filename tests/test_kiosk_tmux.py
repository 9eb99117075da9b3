"""The plain kiosk's clear, seen by a real terminal that keeps history: tmux.

tmux (like PuTTY and VTE terminals) pushes an erased screen into its scrollback. If the kiosk
cleared the scrollback first and the screen second, the last person's screen would sit in the
history for the next person to scroll up to. This test reads that history.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from plain_helpers import home_numbers, library

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

PICKED = "Picked. It is on your list"


class Tmux:
    """One private tmux server (its own socket) holding one 80x24 window."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"metanav-test-{uuid.uuid4().hex[:8]}"
        line = " ".join(f"'{part}'" for part in command)
        env_words = " ".join(f"'{key}={value}'" for key, value in env.items())
        self.run("new-session", "-d", "-x", "80", "-y", "24", f"env -i {env_words} {line}")

    def run(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=20, check=True)
        return done.stdout

    def type(self, text: str, settle: float = 1.0) -> None:
        self.run("send-keys", "-l", text)
        self.run("send-keys", "Enter")
        time.sleep(settle)

    def screen(self) -> str:
        return self.run("capture-pane", "-p")

    def history_and_screen(self) -> str:
        return self.run("capture-pane", "-p", "-S", "-")

    def wait_for(self, text: str, seconds: float = 20) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if text in self.screen():
                return True
            time.sleep(0.2)
        return False

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


def test_plain_kiosk_reset_leaves_nothing_in_the_terminal_history(tmp_path: Path):
    config = tmp_path / "kiosk.ini"
    config.write_text("[kiosk]\npin = 4711\n", encoding="utf-8")
    (tmp_path / "state").mkdir()
    env = {"TERM": "xterm-256color", "HOME": str(tmp_path), "PATH": os.environ.get("PATH", ""),
           "METANAV_STATE_DIR": str(tmp_path / "state"), "LANG": "C.UTF-8", "METANAV_LANG": "en"}
    tmux = Tmux([sys.executable, "-I", "-m", "metanav", "--kiosk", "--plain",
                 "--kiosk-config", str(config)], env)
    try:
        assert tmux.wait_for("q when you are done")
        tmux.type(str(home_numbers(library())["questions"]))  # Questions for your doctor
        tmux.type("1")   # the first group
        tmux.type("3")   # pick a question
        assert PICKED in tmux.history_and_screen()
        tmux.type("q")
        assert tmux.wait_for("Done? Clear my session")
        tmux.type("y", settle=1.5)
        assert tmux.wait_for("metanav: Home")
        everything = tmux.history_and_screen()
        assert "Your session was cleared" in everything
        # Nothing of the last person: not their pick, not the questions they read, not the prompt.
        assert PICKED not in everything
        assert "full name of my cancer" not in everything
        assert "Done? Clear my session" not in everything
        # The history above the fresh screen holds no more than the new home screen (from
        # blank lines: it is drawn from the terminal's last line), then what happened.
        assert everything.lstrip().startswith("metanav: Home")
        assert everything.index("Your session was cleared") > everything.index("metanav: Home")
    finally:
        tmux.close()
