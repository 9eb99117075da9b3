"""Processor time per keystroke in search and in the resources filter, in a real pty.

The wall-clock times of run.py move with the machine's load (other test suites on the same two
cores tripled them on 7 December 2026); the processor time the app itself spends on a key
moves much less. For each run this starts metanav (optionally with ``--data``), opens search
with ``/``, types ``pai``, deletes it, types ``hospis`` and deletes it, then does the same in
the resources filter, and divides the app's user + system time (``/proc/PID/stat``) by the
number of keys. The clock ticks in 10 ms steps, so only the mean over many keys means much.
It also prints the processor time the app took to show its home screen (compare a run with
``--data`` to one without for the start-up ratio), and each run's median wall clock a key to
the last byte of its redraw (as run.py times it; this moves with the load).

    .venv/bin/python benchmarks/key_cpu.py --runs 3                                  # bundled
    .venv/bin/python benchmarks/key_cpu.py --runs 3 --data benchmarks/results/data/resources-100000

With ``--data``, warm the content cache first (any ``make bench`` run of that size does, or
start metanav once): the first start after a change builds it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from driving import (  # noqa: E402
    RESULTS,
    app_env,
    arrow_to,
    cpu_ms,
    is_home,
    is_resources,
    is_search,
    metanav_argv,
)
from pty_harness import PtyApp  # noqa: E402

KEYS = [*"pai", *["backspace"] * 3, *"hospis", *["backspace"] * 6]


def one_run(data: Path | None, cache: Path) -> dict[str, float]:
    argv = metanav_argv() + (["--data", str(data)] if data else [])
    per_key: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
        app = PtyApp(argv, cols=80, rows=24, env=app_env(state, cache), settle=0.25)
        try:
            app.start(until=is_home, timeout=120)
            per_key["first frame"] = cpu_ms(app.pid) or 0.0  # processor time to get there
            for what in ("search", "filter"):
                if what == "search":
                    app.press("/", until=is_search, timeout=30)
                else:
                    app.press("escape", until=is_home, timeout=5)
                    arrow_to(app, "Support resources")
                    app.press("enter", until=is_resources, timeout=30)
                app.idle(1.0)
                before = cpu_ms(app.pid)
                walls = [app.press(key).seconds * 1000 for key in KEYS]
                after = cpu_ms(app.pid)
                if before is not None and after is not None:
                    per_key[what] = (after - before) / len(KEYS)
                per_key[f"{what} (wall clock)"] = statistics.median(walls)
        finally:
            app.close()
    return per_key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=RESULTS / "cache")
    args = parser.parse_args(argv)
    samples: dict[str, list[float]] = {}
    for _ in range(args.runs):
        for what, ms in one_run(args.data, args.cache).items():
            samples.setdefault(what, []).append(ms)
    for what, values in samples.items():
        shown = ", ".join(f"{v:.1f}" for v in values)
        unit = "to the home screen" if what == "first frame" else "a key"
        kind = "to the last byte" if "wall" in what else "of processor time"
        print(f"{what}: {statistics.median(values):.1f} ms {kind} {unit} "
              f"(median of {len(values)} runs: {shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
