"""Spanish search with large content, as a person meets it: `metanav --lang es --data DIR` in a
pty (80x24), the content cache warm. Opens search with ``/``, types ``dolor`` a key at a time,
and waits for its results; then opens the resources and types ``linea`` in the filter.

Printed per run: processor time to the home screen, the wall clock from ``/`` to the first
results (the index made in memory, when the file lacks the Spanish words, is in it), the
app's processor time for search and for the filter (each from opening to the last key's
result), and its peak memory (VmHWM).

    .venv/bin/python benchmarks/spanish_search_pty.py --data benchmarks/results/data/resources-100000
    .venv/bin/python benchmarks/spanish_search_pty.py          # the bundled content, to compare
    PYTHONPATH=/tmp/copy/src .venv/bin/python benchmarks/spanish_search_pty.py --module ...

``--module``: run ``python -m metanav`` (so PYTHONPATH can point at another tree's src, for a
"before" figure). Start metanav on DIR once first: the first start after a change builds the
content cache and the index, and is not what this measures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from driving import RESULTS, app_env, arrow_to, cpu_ms, is_home, metanav_argv, title  # noqa: E402
from pty_harness import PtyApp, Screen  # noqa: E402


def searched(word: str):
    return lambda screen: screen.contains(f'resultados? para "{word}"')


def is_resources(screen: Screen) -> bool:
    return "recursos de apoyo" in title(screen).lower()


def one_run(argv: list[str], cache: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
        env = app_env(state, cache)
        env["METANAV_LANG"] = "es"
        app = PtyApp(argv + ["--lang", "es"], cols=80, rows=24, env=env, settle=0.25)
        try:
            app.start(until=is_home, timeout=120)
            out["first frame (processor)"] = cpu_ms(app.pid) or 0.0
            app.idle(1.0)
            before, started = cpu_ms(app.pid), time.perf_counter()
            app.press("/", timeout=10)
            for key in "dolo":
                app.press(key)
            app.press("r", until=searched("dolor"), timeout=120)
            out["/ to results for dolor (wall)"] = (time.perf_counter() - started) * 1000
            out["search: / and 5 keys (processor)"] = (cpu_ms(app.pid) or 0.0) - (before or 0.0)
            for _ in range(3):  # the first Escape clears the search words, the next goes back
                app.press("escape")
                if is_home(app.screen):
                    break
            arrow_to(app, "Recursos de apoyo")
            app.press("enter", until=is_resources, timeout=30)
            app.idle(1.0)
            before, started = cpu_ms(app.pid), time.perf_counter()
            for key in "line":
                app.press(key)
            app.press("a", until=lambda s: s.contains('palabras "linea"'), timeout=120)
            out["filter: 5 keys to its count (wall)"] = (time.perf_counter() - started) * 1000
            out["filter: 5 keys (processor)"] = (cpu_ms(app.pid) or 0.0) - (before or 0.0)
        finally:
            app.close()
        out["peak memory (MB)"] = (app.peak_memory_kb() or 0) / 1024
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--data", type=Path, default=None, help="none: the bundled content")
    parser.add_argument("--cache", type=Path, default=RESULTS / "cache")
    parser.add_argument("--module", action="store_true", help="run python -m metanav")
    args = parser.parse_args(argv)
    command = [sys.executable, "-m", "metanav"] if args.module else metanav_argv()
    samples: dict[str, list[float]] = {}
    for _ in range(args.runs):
        data = ["--data", str(args.data)] if args.data else []
        for what, value in one_run([*command, *data], args.cache).items():
            samples.setdefault(what, []).append(value)
    for what, values in samples.items():
        shown = ", ".join(f"{v:,.1f}" for v in values)
        print(f"{what}: {statistics.median(values):,.1f} (median of {len(values)}: {shown})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
