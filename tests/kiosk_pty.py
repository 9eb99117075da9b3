"""A real terminal for kiosk tests: start metanav in a pty, type real bytes, read the screen
through a terminal emulator (pyte), and always end the child."""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pyte

PYTHON = sys.executable
HOME_TITLE = "metanav - information about metastatic cancer"


class Kiosk:
    """One child process on a pty of ``cols`` x ``rows``."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path,
                 cols: int = 80, rows: int = 24) -> None:
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.status: int | None = None
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become metanav
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.chdir(cwd)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd

    # -- reading --------------------------------------------------------------------------------
    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError as exc:  # EIO: the child closed the terminal
                    if exc.errno == errno.EIO:
                        return
                    raise
                if not data:
                    return
                self.raw += data
                self.stream.feed(data)

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, words: str, seconds: float = 20.0) -> bool:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if words in self.text():
                return True
            self.pump(0.1)
            if not self.alive():
                break
        return words in self.text()

    # -- typing ---------------------------------------------------------------------------------
    def send(self, data: bytes, settle: float = 0.4) -> None:
        os.write(self.fd, data)
        self.pump(settle)

    # -- the child ------------------------------------------------------------------------------
    def alive(self) -> bool:
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = status
        return False

    def wait_exit(self, seconds: float = 10.0) -> int | None:
        """The exit code once the child has ended (None if it did not end in time)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.pump(0.1)
            if not self.alive():
                return os.waitstatus_to_exitcode(self.status)  # type: ignore[arg-type]
        return None

    def close(self) -> None:
        if self.alive():
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        # The shared count of wrong staff PINs: this test's own, outside the folders checked
        # for files a kiosk must not write.
        "METANAV_RUNTIME_DIR": str(home.parent / f"run-{home.name}"),
        # Home first, not the "English / Español" choice (test_language_choice.py has that).
        "METANAV_LANG": "en",
    }
    env.update(extra)
    return env


def files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if not p.is_dir()]


def start_plain_kiosk(tmp_path: Path, pin: str, term: str = "xterm-256color", cols: int = 80,
                      rows: int = 24, ready: str = "q when you are done") -> Kiosk:
    """``metanav --kiosk --plain`` in a pty, with its own home, state and working folders
    (tmp_path / "home", "state", "cwd") and a kiosk.ini with this staff PIN; fails the test
    if ``ready`` is not shown."""
    import pytest

    home, state, cwd = tmp_path / "home", tmp_path / "state", tmp_path / "cwd"
    for folder in (home, state, cwd):
        folder.mkdir()
    config = tmp_path / "kiosk.ini"
    config.write_text(f"[kiosk]\npin = {pin}\n", encoding="utf-8")
    child = Kiosk([PYTHON, "-I", "-m", "metanav", "--kiosk", "--plain", "--kiosk-config", str(config)],
                  clean_env(home, METANAV_STATE_DIR=str(state), TERM=term), cwd, cols, rows)
    if not child.wait_for(ready):
        child.close()
        pytest.fail(f"metanav did not start:\n{child.text()}")
    return child
