"""Is a console screen reader listening? Then the full screen turns its screen-reader setting
on by itself (session.py: after --screen-reader / METANAV_SCREEN_READER and the saved setting).

A Fenrir user who had never heard of the setting used to hear the noisy screen first: focus
bars, colours read as "has attribute". Linux only, and only when it is clear:

- Fenrir in its terminal mode (PTY): metanav runs in Fenrir's own terminal, so one of its
  ancestor processes is Fenrir (``python3 /usr/bin/fenrir ...``: the program or the script it
  runs is named ``fenrir`` or ``fenrir-daemon``).
- Fenrir for the whole console, or Speakup: metanav's terminal is a Linux virtual console
  (/dev/ttyN with TERM=linux) and a Fenrir process is running, or Speakup is loaded with a
  synthesizer (/sys/accessibility/speakup/synth is not "none").

Plain Python, no Textual. It reads a few small files under /proc and /sys (the whole process
list only on a virtual console), never raises, and gives up at the first thing it cannot read.
benchmarks/screen_reader_found_bench.py measures it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from metanav.i18n import N_

FOUND = N_("Screen-reader setting on: a screen reader was found. Ctrl+S turns it off.")

FENRIR = "Fenrir"
SPEAKUP = "Speakup"
_FENRIR_NAMES = frozenset({"fenrir", "fenrir-daemon"})
_VIRTUAL_CONSOLE = re.compile(r"/dev/(tty|vc/)[0-9]+")
_MOST_ANCESTORS = 64  # a loop in a (fake or racing) /proc cannot keep us walking


def screen_reader_found(proc: Path | str = "/proc", sys: Path | str = "/sys",
                        pid: int | None = None, terminal: str | None = None,
                        term: str | None = None) -> str:
    """The screen reader found ("Fenrir", "Speakup"), or "" for none (or not sure).

    ``pid`` is the process whose ancestors are looked at (metanav's own by default),
    ``terminal`` the path of its terminal and ``term`` its TERM (the real ones by default):
    tests give a fake /proc and /sys, a pid and a terminal."""
    try:
        return _look(Path(proc), Path(sys), pid, terminal, term)
    except Exception:  # noqa: BLE001 - a guess that fails is no screen reader, never an error
        return ""


def _look(proc: Path, sys: Path, pid: int | None, terminal: str | None, term: str | None) -> str:
    if not proc.is_dir():
        return ""  # not Linux (or no /proc): nothing to go on
    if _under_fenrir(proc, os.getpid() if pid is None else pid):
        return FENRIR
    if terminal is None:
        terminal = _own_terminal()
    if term is None:
        term = os.environ.get("TERM", "")
    if term != "linux" or not _VIRTUAL_CONSOLE.fullmatch(terminal):
        return ""
    if _speakup_speaks(sys):
        return SPEAKUP
    if _fenrir_running(proc):
        return FENRIR
    return ""


def _under_fenrir(proc: Path, pid: int) -> bool:
    """Whether an ancestor of ``pid`` is Fenrir (it runs its shell in a terminal of its own)."""
    seen: set[int] = set()
    pid = _parent(proc, pid)
    while pid > 1 and pid not in seen and len(seen) < _MOST_ANCESTORS:
        seen.add(pid)
        if _runs_fenrir(f"{proc}/{pid}"):
            return True
        pid = _parent(proc, pid)
    return False


def _parent(proc: Path, pid: int) -> int:
    """The parent's pid from /proc/<pid>/stat ("pid (comm) state ppid ..."; comm may hold
    spaces and parentheses, so the fields are read after the last ")"). 0 if unknown."""
    try:
        with open(f"{proc}/{pid}/stat", "rb") as file:
            stat = file.read(4096)
        return int(stat[stat.rindex(b")") + 1:].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _runs_fenrir(process: str) -> bool:
    """Whether the program, or the script its Python runs, is named fenrir or fenrir-daemon."""
    try:
        with open(f"{process}/cmdline", "rb") as file:
            argv = file.read(4096).split(b"\0")
    except OSError:
        return False
    words = [os.fsdecode(arg) for arg in argv[:8] if arg]
    if not words:
        return False
    if _name(words[0]) in _FENRIR_NAMES:
        return True
    if not _name(words[0]).startswith("python"):
        return False
    script = next((word for word in words[1:] if not word.startswith("-")), "")
    return _name(script) in _FENRIR_NAMES


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def _fenrir_running(proc: Path) -> bool:
    """Whether any process runs Fenrir (the console service runs as root, seen by all)."""
    try:
        entries = os.scandir(proc)
    except OSError:
        return False
    with entries:
        return any(entry.name.isdigit() and _runs_fenrir(entry.path) for entry in entries)


def _speakup_speaks(sys: Path) -> bool:
    """Speakup is loaded and has a synthesizer to speak with ("none" when it has none)."""
    try:
        synth = (sys / "accessibility" / "speakup" / "synth").read_text().strip()
    except (OSError, ValueError):
        return False
    return bool(synth) and synth != "none"


def _own_terminal() -> str:
    """The path of metanav's terminal ("" if it has none)."""
    for fd in (0, 1, 2):
        try:
            return os.ttyname(fd)
        except OSError:
            continue
    return ""
