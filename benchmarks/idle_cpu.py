"""How much processor time idle sessions use: many metanavs on their home screen, nobody typing.

A clinic's server may hold dozens of SSH sessions that sit on a screen for hours. An idle
session should cost nothing: no timer, no polling. This starts ``sessions`` copies of the
command in their own pseudo-terminals, waits until each shows its first screen and has been
quiet for a moment, then reads each process's processor time (``utime + stime`` from
``/proc/PID/stat``, all its threads) at the start and the end of ``seconds``. The result is
in per cent of one core, for all the sessions together. This is process time, not wall-clock
load, so other work on a busy machine does not change it much.

    python benchmarks/idle_cpu.py --sessions 60 --seconds 60            # metanav
    python benchmarks/idle_cpu.py --sessions 10 --seconds 30 -- lynx URL  # any command
"""

from __future__ import annotations

import argparse
import os
import select
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pty_harness import PtyApp, Screen  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid: int) -> int | None:
    """utime + stime of a process (all its threads), in clock ticks; None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)


@dataclass
class IdleResult:
    sessions: int  # that started and stayed alive
    seconds: float
    core_percent: float  # all sessions together, in per cent of one core
    bytes_written: int  # by all sessions while idle
    wakeups: str = ""  # a note, e.g. why some sessions did not count


def measure(argv: Sequence[str], env: dict[str, str], *, sessions: int, seconds: float,
            ready: Callable[[Screen], bool] | None, cols: int = 80, rows: int = 24,
            settle: float = 2.0, log: Callable[[str], None] = print) -> IdleResult:
    apps: list[PtyApp] = []
    try:
        for n in range(sessions):
            app = PtyApp(argv, cols=cols, rows=rows, env=env, settle=0.3)
            apps.append(app)
            step = app.start(until=ready, timeout=60.0)
            if step.timed_out:
                log(f"idle: session {n + 1} showed no first screen; not counted")
            if (n + 1) % 10 == 0:
                log(f"idle: {n + 1}/{sessions} sessions started")
        live = [a for a in apps if a.alive()]
        # After the first frame each session still finishes its start-up (see tui/start_up.py).
        time.sleep(settle)
        for app in live:
            app.drain_quiet(quiet=0.01, limit=0.2)
        before = {app.pid: cpu_ticks(app.pid) for app in live}
        start = time.monotonic()
        written = 0
        fds = {app.fd: app for app in live}
        while (left := start + seconds - time.monotonic()) > 0:
            ready_fds, _, _ = select.select(list(fds), [], [], left)
            for fd in ready_fds:
                try:
                    written += len(os.read(fd, 65536))
                except OSError:
                    fds.pop(fd, None)
        elapsed = time.monotonic() - start
        used = 0
        counted = 0
        for app in live:
            end = cpu_ticks(app.pid)
            if end is not None and before.get(app.pid) is not None:
                used += end - before[app.pid]
                counted += 1
        percent = 100.0 * used / TICKS / elapsed
        note = "" if counted == sessions else f"{sessions - counted} of {sessions} not counted"
        return IdleResult(counted, elapsed, percent, written, note)
    finally:
        for app in apps:
            app.close()


def main(argv: list[str] | None = None) -> int:
    import driving  # the metanav command and its environment, as the other benchmarks use them

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("command", nargs="*", help="another command to measure instead")
    args = parser.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
        env = driving.app_env(state, driving.RESULTS / "cache")
        command = args.command or driving.metanav_argv()
        result = measure(command, env, sessions=args.sessions, seconds=args.seconds,
                         ready=None if args.command else driving.is_home)
    print(f"{result.sessions} idle sessions for {result.seconds:.0f} s: "
          f"{result.core_percent:.2f}% of one core, {result.bytes_written} bytes written"
          f"{'; ' + result.wakeups if result.wakeups else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
