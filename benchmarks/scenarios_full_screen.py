"""Full-screen scenarios: tui (bundled content), large (synthetic --data of many resources) and
kiosk (--kiosk from a prebuilt cache and from YAML). See run.py and BENCHMARKS.md.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from driving import (
    LIBRARY,
    RESULTS,
    Driver,
    app_env,
    cpu_ms,
    is_home,
    is_resources,
    is_search,
    large_folder,
    metanav_argv,
    pss_mib,
    run_part,
    title,
    title_has,
    warm_cache,
)
from pty_harness import PtyApp
from recording import PAIRED_BUNDLED, Recorder, Row, Unmeasurable


def tui_session(
    rec: Recorder, args, prefix: str, data: Path | None, cache_dir: Path, *, full: bool,
    first_frame_label: str = "first frame", only_start: bool = False, start_timeout: float = 30.0,
) -> None:
    argv = metanav_argv() + (["--data", str(data)] if data else [])
    with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
        app = PtyApp(argv, cols=args.cols, rows=args.rows, env=app_env(state, cache_dir),
                     settle=args.settle)
        d = Driver(rec, prefix, app)
        try:
            first = app.start(until=is_home, timeout=start_timeout)
            if first.timed_out or not is_home(app.screen):
                shown = title(app.screen) or "(nothing on screen)"
                rec.skip(prefix + first_frame_label, f"no home screen after start-up; shows {shown!r}")
                return
            rec.step(prefix + first_frame_label, first)
            if only_start:
                return
            if full:
                rec.step(prefix + "idle: home screen, 2 s", app.idle(2.0))

            def home_list() -> None:
                d.app.press("home")
                d.arrows("home list", "down", 3)
                d.arrows("home list", "up", 1)
                d.measure("home list: number key (jump to 5)", "5")

            ok = run_part(rec, prefix + "home list: arrow down", home_list)

            def topic() -> None:
                from metanav.core import views

                group, topics = next(iter(views.topic_groups(LIBRARY()).items()))
                d.go_to(re.escape(group))
                d.measure("open a group of topics", "enter", until=title_has(group),
                          why="Enter on the first home item did not open its group")
                d.measure("open a topic", "enter", until=title_has(topics[0].title),
                          why="Enter on the first item of the group did not open its topic")
                d.measure("topic: page down", "pagedown")
                d.measure("topic: page down", "pagedown")
                d.back_home()

            def questions() -> None:
                d.go_to(r"Questions for your doctor")
                d.measure("open questions", "enter", until=title_has("Questions for your doctor"))
                d.arrows("questions list", "down", 3)
                d.back_home()

            if full:
                ok = ok and run_part(rec, prefix + "open a topic", topic)
                ok = ok and run_part(rec, prefix + "open questions", questions)

            def resources() -> None:
                d.go_to(r"Support resources")
                d.measure("open resources", "enter", until=is_resources, timeout=30.0)
                if full:
                    rec.step(prefix + "idle: resources screen, 2 s", app.idle(2.0))
                for char in "pai":
                    step = d.measure("resources: type a filter character", char)
                    if step.nbytes == 0:
                        raise Unmeasurable("typing on the resources screen changed nothing")
                for _ in range(3):
                    d.measure("resources: delete a filter character", "backspace")
                d.measure("resources: Down from the filter to the list", "down")
                d.arrows("resources list", "down", 3)
                d.measure("resources list: page down", "pagedown")
                d.back_home()

            if ok:
                run_part(rec, prefix + "open resources", resources)

            def search() -> None:
                d.back_home(label=None)
                d.measure("open search (/)", "/", until=is_search, timeout=30.0)
                for char in "pai":
                    step = d.measure("search: type a character", char)
                    if step.nbytes == 0:
                        raise Unmeasurable("typing on the search screen changed nothing")
                for _ in range(3):
                    d.measure("search: delete a character", "backspace")
                for char in "hospis":
                    d.measure("search: type a character", char)
                d.back_home(label=None)

            if ok:
                run_part(rec, prefix + "open search (/)", search)
        finally:
            app.close()
            peak = app.peak_memory_kb()
            if peak and (rec.rows.get(prefix + first_frame_label) or Row("")).samples:
                memory_label = first_frame_label.replace("first frame", "peak memory")
                rec.value(prefix + memory_label, MB=peak / 1024.0)


def scenario_tui(rec: Recorder, args) -> None:
    cache = RESULTS / "cache"
    for run in range(args.runs):
        rec.log(f"tui: run {run + 1}/{args.runs}")
        tui_session(rec, args, "tui: ", None, cache, full=True)


def scenario_large(rec: Recorder, args) -> None:
    cache = RESULTS / "cache"
    for count in args.resources:
        prefix = f"{count // 1000}k: "
        folder = large_folder(count)
        warm_cache(folder, cache)
        runs = args.runs if count <= 20000 else max(1, min(args.runs, 2))
        for run in range(runs):
            rec.log(f"large {count}: run {run + 1}/{runs}")
            # The bundled start-up right before, so the ratio compares like with like even
            # when the machine's load changes between scenarios.
            tui_session(rec, args, prefix, None, cache, full=False, only_start=True,
                        first_frame_label=PAIRED_BUNDLED)
            tui_session(rec, args, prefix, folder, cache, full=False,
                        first_frame_label="first frame (content cache warm)",
                        start_timeout=30.0 + count / 2000)
            with tempfile.TemporaryDirectory(prefix="metanav-bench-cache-") as cold:
                tui_session(rec, args, prefix, folder, Path(cold), full=False,
                            first_frame_label="first frame (no content cache yet)",
                            only_start=True, start_timeout=30.0 + count / 1000)

# --------------------------------------------------------------------------------------------
# Kiosk: a prebuilt read-only cache
# --------------------------------------------------------------------------------------------
KIOSK_BUNDLED = "kiosk first frame, bundled content only (same runs)"
KIOSK_PREBUILT = "kiosk first frame (prebuilt cache)"


def kiosk_start(rec: Recorder, args, label: str, ini: Path, data: Path | None,
                timeout: float) -> None:
    argv = metanav_argv() + ["--kiosk", "--kiosk-config", str(ini)]
    argv += ["--data", str(data)] if data else []
    with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
        # An empty user cache folder: a kiosk must not use (or write) the user's cache.
        app = PtyApp(argv, cols=args.cols, rows=args.rows, env=app_env(state, Path(state)),
                     settle=args.settle)
        try:
            first = app.start(until=is_home, timeout=timeout)
            if first.timed_out or not is_home(app.screen):
                rec.skip(label, f"no home screen; shows {title(app.screen) or '(nothing)'!r}")
                return
            rec.step(label, first)
            cpu = cpu_ms(app.pid)  # steadier than the wall clock on a shared machine
            if cpu is not None:
                rec.value(label.replace("first frame", "CPU to first frame"), ms=cpu)
            app.idle(2.0)
            pss = pss_mib(app.pid)
            if pss is not None:
                rec.value(label.replace("first frame", "idle session PSS") + " (MiB)", MB=pss)
            if list(Path(state).iterdir()):
                rec.log(f"{label}: the kiosk wrote into {state}!")
        finally:
            app.close()


def scenario_kiosk(rec: Recorder, args) -> None:
    from metanav.content import prebuilt

    with tempfile.TemporaryDirectory(prefix="metanav-bench-kiosk-") as tmp:
        plain_ini = Path(tmp) / "plain.ini"
        plain_ini.write_text("[kiosk]\npin = 4711\n", encoding="utf-8")
        for count in args.resources:
            prefix = f"{count // 1000}k: "
            folder = large_folder(count)
            built = Path(tmp) / f"cache-{count}"
            prebuilt.build([folder], built)
            os.chmod(built, 0o755)
            ini = Path(tmp) / f"kiosk-{count}.ini"
            ini.write_text(f"[kiosk]\npin = 4711\ncache_dir = {built}\n", encoding="utf-8")
            runs = args.runs if count <= 20000 else max(1, min(args.runs, 2))
            for run in range(runs):
                rec.log(f"kiosk {count}: run {run + 1}/{runs}")
                kiosk_start(rec, args, prefix + KIOSK_BUNDLED, plain_ini, None, 30.0)
                kiosk_start(rec, args, prefix + KIOSK_PREBUILT, ini, folder, 30.0 + count / 2000)
                kiosk_start(rec, args, prefix + "kiosk first frame (YAML, no prebuilt cache)",
                            plain_ini, folder, 30.0 + count / 500)


