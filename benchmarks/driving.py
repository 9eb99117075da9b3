"""Driving metanav in a pty: the command, its environment, what a screen is, and a Driver
with the steps the scenarios share (arrows, going to an item, back home).

Also what several scenarios measure the same way: the bundled library, synthetic --data
folders of many resources, a process's memory (PSS) and processor time.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "src"))

import gen_content  # noqa: E402
from pty_harness import PtyApp, Screen, Step  # noqa: E402
from recording import Recorder, Unmeasurable  # noqa: E402


def metanav_argv() -> list[str]:
    script = Path(sys.executable).parent / "metanav"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "metanav"]


SSH_VARS = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY")
SSH_MODE = False  # --ssh: run the app as if over SSH (metanav then lowers Textual's frame rate)


def app_env(state_dir: str, cache_dir: Path) -> dict[str, str]:
    drop = ("NO_COLOR", "COLUMNS", "LINES", "TEXTUAL_FPS", *SSH_VARS)
    env = {k: v for k, v in os.environ.items() if k not in drop}
    if SSH_MODE:
        env["SSH_CONNECTION"] = "192.0.2.10 50022 192.0.2.20 22"  # documentation addresses
        env["SSH_CLIENT"] = "192.0.2.10 50022 22"
    env.update(
        TERM="xterm-256color",
        METANAV_STATE_DIR=state_dir,
        METANAV_CACHE_DIR=str(cache_dir),
        TEXTUAL_ANIMATIONS="none",
        LANG=env.get("LANG") or "C.UTF-8",
        # A fresh state folder is a first run: without this it opens on "English / Español"
        # (one more screen before home; the figures here are the home and what follows).
        METANAV_LANG=env.get("METANAV_LANG") or "en",
    )
    return env


def title(screen: Screen) -> str:
    for line in screen.lines():
        if line.strip():
            return line.strip()
    return ""


def is_home(screen: Screen) -> bool:
    return title(screen).lower().startswith("metanav") and screen.contains(r"\b\d+\. \S")


def title_has(words: str) -> Callable[[Screen], bool]:
    return lambda screen: words.lower() in title(screen).lower()


def is_search(screen: Screen) -> bool:
    return title(screen).lower().startswith("search") and screen.contains(
        r"(match(es)? for|No matches for|Type words)")


def is_resources(screen: Screen) -> bool:
    return title_has("Support resources")(screen) and screen.contains(
        r"(\d[\d,]* resources? match|No resources match)"
    )


def arrow_to(app: PtyApp, words: str, limit: int = 40) -> None:
    """Home, then Down until the highlighted line (the real cursor's) holds ``words``; not
    measured (Driver.go_to records the steps)."""
    app.press("home")
    for _ in range(limit):
        if words in app.screen.cursor_line():
            return
        app.press("down")


class Driver:
    """One metanav session in a pty, with the steps the scenarios share."""

    def __init__(self, rec: Recorder, prefix: str, app: PtyApp) -> None:
        self.rec, self.prefix, self.app = rec, prefix, app

    def measure(self, label: str, key: str, *, until=None, timeout: float = 10.0,
                why: str = "") -> Step:
        step = self.app.press(key, until=until, timeout=timeout, first_timeout=min(timeout, 3.0))
        if until is not None and (step.timed_out or not until(self.app.screen)):
            raise Unmeasurable(why or f"after {key!r} the expected screen did not appear")
        self.rec.step(self.prefix + label, step)
        return step

    def arrows(self, label: str, key: str, count: int) -> None:
        for _ in range(count):
            before = (self.app.screen.y, self.app.screen.cursor_line())
            step = self.app.press(key)
            after = (self.app.screen.y, self.app.screen.cursor_line())
            if step.nbytes == 0 or before == after:
                raise Unmeasurable(f"{key} changed nothing on screen")
            scrolled = before[0] == after[0]
            name = f"{label}: arrow {key}" + (" that scrolls the list" if scrolled else "")
            self.rec.step(self.prefix + name, step)

    def go_to(self, pattern: str, *, limit: int = 60) -> None:
        """Move the highlight (the real cursor's row) to the item matching ``pattern``."""
        rx = re.compile(pattern, re.IGNORECASE)
        self.app.press("home")
        for _ in range(limit):
            if rx.search(self.app.screen.cursor_line()):
                return
            before = (self.app.screen.y, self.app.screen.cursor_line())
            step = self.app.press("down")
            after = (self.app.screen.y, self.app.screen.cursor_line())
            if step.nbytes and before[0] == after[0] and before[1] != after[1]:
                self.rec.step(self.prefix + "home list: arrow down that scrolls the list", step)
            elif before == after:
                break
        raise Unmeasurable(f"no list item matching {pattern!r} under the cursor")

    def back_home(self, label: str | None = "back to home (escape)") -> None:
        for attempt in range(4):
            if is_home(self.app.screen):
                return
            step = self.app.press("escape", until=is_home, timeout=3.0)
            if attempt == 0 and label and not step.timed_out:
                self.rec.step(self.prefix + label, step)
        if not is_home(self.app.screen):
            raise Unmeasurable("Escape does not lead back to the home screen")


def run_part(rec: Recorder, label: str, part: Callable[[], None]) -> bool:
    try:
        part()
        return True
    except Unmeasurable as why:
        rec.skip(label, str(why))
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not crash
        rec.skip(label, f"{type(exc).__name__}: {exc}")
        rec.log(traceback.format_exc(limit=3))
    return False



_LIBRARY = None


def LIBRARY():  # noqa: N802 - a lazily loaded constant
    global _LIBRARY
    if _LIBRARY is None:
        from metanav.content.load import load_library

        _LIBRARY = load_library(cache=False)
    return _LIBRARY


def large_folder(count: int) -> Path:
    folder = RESULTS / "data" / f"resources-{count}"
    gen_content.write_folder(count, folder)
    return folder


def warm_cache(folder: Path, cache_dir: Path) -> None:
    from metanav.content.load import load_library

    old = os.environ.get("METANAV_CACHE_DIR")
    os.environ["METANAV_CACHE_DIR"] = str(cache_dir)
    try:
        load_library([folder])
    finally:
        if old is None:
            os.environ.pop("METANAV_CACHE_DIR", None)
        else:
            os.environ["METANAV_CACHE_DIR"] = old



def pss_mib(pid: int | None) -> float | None:
    """Proportional set size: this process's share of the memory it uses, shared pages split."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError, TypeError):
        pass
    return None


def cpu_ms(pid: int | None) -> float | None:
    """CPU time (user + system) the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, TypeError, IndexError):
        return None

