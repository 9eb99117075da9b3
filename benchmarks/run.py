"""metanav benchmarks: bytes and time per key over a real pty, start-up, memory, content loading.

    make bench                                  # every scenario, 5 runs, 80x24
    make bench ARGS="--scenario tui --runs 3"
    make bench ARGS="--resources 10000,100000 --json benchmarks/results/big.json"

Scenarios (``--scenario``, may repeat or be comma-separated; default all):
  tui     the full-screen app on the bundled content: first frame, idle, arrow keys in the home,
          questions and resources lists, a number key, open a topic, page down, back (Escape),
          open resources, type and delete filter characters
  large   the same start-up / resources steps with synthetic --data of ``--resources`` sizes
          (first frame with a warm and a cold content cache, peak memory)
  load    in-process content loading: bundled, N resources with libyaml, with the pure-Python
          loader, and from the cache
  plain   plain mode: start-up to the first prompt, one menu choice, opening a topic
  kiosk   full-screen kiosk (--kiosk) with synthetic --data of ``--resources`` sizes: first frame
          from the prebuilt cache (metanav build-cache) and from YAML, against the bundled
          kiosk start-up in the same runs, and memory (PSS) of the idle session
  lynx    the same content as HTML in lynx beside metanav: one scripted session, bytes per step
  idle    processor time of --idle-sessions metanavs (and kiosks) doing nothing for
          --idle-seconds

Nothing here is a pass/fail test: results are compared with the targets of issue 6 and printed
as a table (Markdown with ``--markdown FILE``, every sample with ``--json FILE``). A screen or
key the app does not have yet is reported as "not measurable yet: why", never a crash.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "src"))

import gen_content  # noqa: E402
from pty_harness import PtyApp, Screen, Step  # noqa: E402

SCENARIOS = ("tui", "large", "load", "plain", "kiosk", "lynx", "idle")
PAIRED_BUNDLED = "first frame, bundled content only (same runs)"


# --------------------------------------------------------------------------------------------
# Recording results
# --------------------------------------------------------------------------------------------
@dataclass
class Row:
    label: str
    samples: list[dict] = field(default_factory=list)
    skipped: str = ""
    note: str = ""


class Recorder:
    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}
        self.log_lines: list[str] = []

    def row(self, label: str) -> Row:
        if label not in self.rows:
            self.rows[label] = Row(label)
        return self.rows[label]

    def step(self, label: str, step: Step, **extra: float) -> Step:
        sample = {"bytes": step.nbytes, "ms": step.seconds * 1000.0}
        if step.first_byte is not None:
            sample["first_ms"] = step.first_byte * 1000.0
        if step.timed_out:
            sample["timed_out"] = True
        if step.escapes:
            sample["escapes"] = step.escapes
        sample.update(extra)
        self.row(label).samples.append(sample)
        return step

    def value(self, label: str, **values: float) -> None:
        self.row(label).samples.append(values)

    def skip(self, label: str, why: str) -> None:
        row = self.row(label)
        if not row.samples and not row.skipped:
            row.skipped = why
        self.log(f"not measurable yet: {label}: {why}")

    def log(self, text: str) -> None:
        self.log_lines.append(text)
        print(text, file=sys.stderr, flush=True)


class Unmeasurable(Exception):
    """A screen or key is not there (yet): skip the rest of this part of the scenario."""


# --------------------------------------------------------------------------------------------
# Targets from issue 6
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    pattern: str
    metric: str
    limit: float
    text: str

    def applies(self, label: str) -> bool:
        return re.search(self.pattern, label) is not None


TARGETS = [
    Target(r"arrow (down|up)", "bytes", 500, "<= 500 B"),
    Target(r"^tui: open a topic$", "bytes", 8000, "<= 8 KB"),
    Target(r"idle", "bytes", 0, "0 B"),
    Target(r"^\d+k: open resources$", "ms", 50, "<= 50 ms"),
    Target(r"^\d+k: resources: (type|delete) a filter character$", "ms", 50, "<= 50 ms"),
    Target(r"^(tui|\d+k): search: (type|delete) a character$", "ms", 50, "<= 50 ms"),
    Target(r"^100k: peak memory \(", "MB", 120, "<= 120 MB"),
    Target(r"^10k: peak memory \(", "MB", 90, "<= 90 MB"),
    Target(r"^10k: kiosk idle session PSS \(prebuilt cache\)", "MB", 45, "<= 45 MiB"),
    Target(r"^plain: start-up to first prompt$", "ms", 150, "<= 150 ms"),
    Target(r"^plain: (menu choice|open a topic)", "overhead", 299, "< 300 B beyond content"),
    Target(r"^plain: .*", "escapes", 0, "0 escape bytes"),
    Target(r"^idle: \d+ sessions", "core_percent", 0.5, "< 0.5% of a core"),
]


# --------------------------------------------------------------------------------------------
# Helpers for driving metanav
# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# Full-screen scenarios
# --------------------------------------------------------------------------------------------
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


_LIBRARY = None


def LIBRARY():  # noqa: N802 - a lazily loaded constant
    global _LIBRARY
    if _LIBRARY is None:
        from metanav.content.load import load_library

        _LIBRARY = load_library(cache=False)
    return _LIBRARY


def scenario_tui(rec: Recorder, args) -> None:
    cache = RESULTS / "cache"
    for run in range(args.runs):
        rec.log(f"tui: run {run + 1}/{args.runs}")
        tui_session(rec, args, "tui: ", None, cache, full=True)


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


# --------------------------------------------------------------------------------------------
# Loading content in-process
# --------------------------------------------------------------------------------------------
def _pure_python_loader():
    import yaml

    from metanav.content import yaml_file as load

    class PureLineLoader(yaml.SafeLoader):
        pass

    PureLineLoader.add_constructor("tag:yaml.org,2002:map", load._construct_mapping)
    PureLineLoader.add_constructor("tag:yaml.org,2002:seq", load._construct_sequence)
    return PureLineLoader


def _time_load(loader_cls, fn) -> float:
    from metanav.content import yaml_file as load

    saved = load._LineLoader, load._BaseLoader
    if loader_cls is not None:
        # The full loader and the event-driven fast path both take their parser from here.
        load._LineLoader, load._BaseLoader = loader_cls, loader_cls.__bases__[0]
    gc.collect()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        load._LineLoader, load._BaseLoader = saved


def scenario_load(rec: Recorder, args) -> None:
    from metanav.content import yaml_file as load

    pure = _pure_python_loader()
    libyaml = load._LineLoader if load.USING_LIBYAML else None
    if libyaml is None:
        rec.skip("load: libyaml", "PyYAML has no libyaml (CSafeLoader) here")
    for run in range(args.runs):
        rec.log(f"load: run {run + 1}/{args.runs}")
        if libyaml is not None:
            rec.value("load: bundled content, libyaml",
                      ms=_time_load(libyaml, lambda: load.load_library(cache=False)) * 1000)
        rec.value("load: bundled content, pure-Python loader",
                  ms=_time_load(pure, lambda: load.load_library(cache=False)) * 1000)
    with tempfile.TemporaryDirectory(prefix="metanav-bench-cache-") as cache_dir:
        for count in args.resources:
            prefix = f"load: bundled + {count:,} resources"
            folder = large_folder(count)
            runs = args.runs if count <= 20000 else 1
            pure_runs = min(runs, 2) if count <= 20000 else 0
            warm_cache(folder, Path(cache_dir))
            old = os.environ.get("METANAV_CACHE_DIR")
            os.environ["METANAV_CACHE_DIR"] = cache_dir
            try:
                for run in range(runs):
                    rec.log(f"{prefix}: run {run + 1}/{runs}")
                    if libyaml is not None:
                        rec.value(f"{prefix}, libyaml", ms=_time_load(
                            libyaml, lambda f=folder: load.load_library([f], cache=False)) * 1000)
                    if run < pure_runs:
                        rec.value(f"{prefix}, pure-Python loader", ms=_time_load(
                            pure, lambda f=folder: load.load_library([f], cache=False)) * 1000)
                    rec.value(f"{prefix}, from the cache", ms=_time_load(
                        None, lambda f=folder: load.load_library([f])) * 1000)
            finally:
                if old is None:
                    os.environ.pop("METANAV_CACHE_DIR", None)
                else:
                    os.environ["METANAV_CACHE_DIR"] = old
            if pure_runs == 0:
                rec.skip(f"{prefix}, pure-Python loader", "skipped above 20,000 resources (minutes)")


# --------------------------------------------------------------------------------------------
# Plain mode
# --------------------------------------------------------------------------------------------
_PROMPT = re.compile(r"(\[default[^\]]*\]|[:?>]|--)\s*$")  # a question or "-- more --"


def at_prompt(screen: Screen) -> bool:
    return _PROMPT.search(screen.cursor_line()) is not None


def content_corpus() -> str:
    from metanav.content.model import KINDS, LANGUAGES

    lib = LIBRARY()
    parts: list[str] = list(KINDS.values()) + list(LANGUAGES.values())
    for t in lib.topics.values():
        parts += [t.title, t.summary]
        for s in t.sections:
            parts += [s.heading, s.applies_to]
            for b in s.blocks:
                parts += list(b.items)
        for src in t.sources:
            parts += [src.organisation, src.page, src.url]
    for g in lib.groups.values():
        parts.append(g.title)
    for q in lib.questions.values():
        parts += [q.text, q.why]
    for r in lib.resources.values():
        parts += [r.name, r.organisation, r.description, r.url, r.phone, r.phone_note]
    return "\n".join(" ".join(p.split()) for p in parts if p)


_SPLIT = re.compile(r" - |: |; |, |\"|\(|\)")
_ENUM = re.compile(r"^\s*(\d+[.)]|-|\*)\s+")


def content_bytes(output: bytes, corpus: str) -> int:
    """Bytes of ``output`` that are the content itself (titles, text, names) and their newlines.

    A heuristic: each line is cut at list numbers, " - ", ": ", "; ", ", " and quotes; a piece
    of four or more characters that occurs in the content counts as content. What is left
    (titles of screens, prompts, counts, numbering, hints) is metanav's own overhead.
    """
    text = output.decode("utf-8", "replace").replace("\r", "")
    total = 0
    for line in text.split("\n"):
        body = _ENUM.sub("", line)
        got = 0
        for piece in _SPLIT.split(body):
            piece = " ".join(piece.split())
            if len(piece) >= 4 and piece in corpus:
                got += len(piece.encode("utf-8"))
        if got:
            total += got + 1  # and its newline
    return total


def scenario_plain(rec: Recorder, args) -> None:
    corpus = content_corpus()
    argv = metanav_argv() + ["--plain"]

    def choose(d: Driver, label: str, answer: str) -> None:
        step = d.app.press(answer + "\r", until=at_prompt, timeout=10.0, first_timeout=5.0)
        if step.timed_out:
            raise Unmeasurable(f"no prompt after answering {answer!r}")
        echo = (answer + "\r\n").encode()
        output = step.output[len(echo):] if step.output.startswith(echo) else step.output
        own = len(output) - content_bytes(output, corpus)
        rec.step("plain: " + label, step, overhead=own, content=len(output) - own)

    for run in range(args.runs):
        rec.log(f"plain: run {run + 1}/{args.runs}")
        with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
            app = PtyApp(argv, cols=args.cols, rows=args.rows,
                         env=app_env(state, RESULTS / "cache"), settle=args.settle)
            d = Driver(rec, "plain: ", app)
            try:
                first = app.start(until=at_prompt, timeout=20.0)
                if first.timed_out:
                    rec.skip("plain: start-up to first prompt", "no prompt appeared")
                    continue
                rec.step("plain: start-up to first prompt", first)

                def menu(app: PtyApp = app, d: Driver = d) -> None:
                    lines = app.screen.text()
                    number = re.search(r"^(\d+)\. Questions for your doctor", lines, re.MULTILINE)
                    if not number:
                        raise Unmeasurable("no numbered 'Questions for your doctor' choice")
                    choose(d, "menu choice (Questions for your doctor)", number.group(1))
                    step = app.press("\x04", until=lambda s: s.contains(r"^\d+\. Questions"),
                                     timeout=5.0)
                    if step.timed_out:
                        raise Unmeasurable("Ctrl+D did not go back to the main menu")
                    choose(d, "open a topic (first page)", "1")

                run_part(rec, "plain: menu choice (Questions for your doctor)", menu)
            finally:
                app.close()
                peak = app.peak_memory_kb()
                if peak:
                    rec.value("plain: peak memory", MB=peak / 1024.0)


# --------------------------------------------------------------------------------------------
# Beside lynx, and idle (benchmarks/vs_lynx.py, benchmarks/idle_cpu.py)
# --------------------------------------------------------------------------------------------
def scenario_lynx(rec: Recorder, args) -> None:
    import vs_lynx

    with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
        env = app_env(state, RESULTS / "cache")
        results = vs_lynx.compare(metanav_argv(), env, bench_session(state), args.runs, rec.log,
                                  cols=args.cols, rows=args.rows, settle=args.settle)
    if "skipped" in results:
        rec.skip("beside lynx", results["skipped"])
        return
    for program in ("lynx", "metanav"):
        for step, values in results[program].items():
            for value in values:
                rec.value(f"beside lynx: {program}: {step}", bytes=value)
    rec.lynx_table = vs_lynx.table(results)  # type: ignore[attr-defined]


def bench_session(state: str):
    """A session on the bundled content with empty state, as a first start has."""
    from metanav.session import Session
    from metanav.state.store import Store

    return Session(library=LIBRARY(), store=Store.open(Path(state)))


def scenario_idle(rec: Recorder, args) -> None:
    import idle_cpu

    for label, extra in (("metanav", []), ("metanav --kiosk", ["--kiosk"])):
        with tempfile.TemporaryDirectory(prefix="metanav-bench-state-") as state:
            env = app_env(state, RESULTS / "cache")
            rec.log(f"idle: {args.idle_sessions} x {label}, {args.idle_seconds:.0f} s")
            result = idle_cpu.measure(metanav_argv() + extra, env, sessions=args.idle_sessions,
                                      seconds=args.idle_seconds, ready=is_home,
                                      cols=args.cols, rows=args.rows, log=rec.log)
        rec.value(f"idle: {result.sessions} sessions of {label}, {result.seconds:.0f} s",
                  core_percent=result.core_percent, bytes=result.bytes_written)


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------
METRICS = (("bytes", "bytes", "{:,.0f}"), ("ms", "ms", "{:,.1f}"), ("MB", "MB", "{:,.1f}"),
           ("overhead", "own bytes", "{:,.0f}"))


def summarise(rec: Recorder) -> list[dict]:
    out = []
    for row in rec.rows.values():
        entry: dict = {"label": row.label, "n": len(row.samples)}
        if row.skipped and not row.samples:
            entry["skipped"] = row.skipped
        for key in ("bytes", "ms", "MB", "overhead", "escapes", "core_percent"):
            values = [s[key] for s in row.samples if key in s]
            if key == "escapes" and row.label.startswith("plain"):
                values = [s.get("escapes", 0) for s in row.samples if "bytes" in s]
            if values:
                entry[key] = {"median": statistics.median(values), "min": min(values),
                              "max": max(values)}
        entry["timed_out"] = sum(1 for s in row.samples if s.get("timed_out"))
        verdicts = []
        for target in TARGETS:
            if target.applies(row.label) and target.metric in entry:
                value = entry[target.metric]["median"]
                verdicts.append(f"{target.text}: {'met' if value <= target.limit else 'MISSED'}")
        entry["verdict"] = "; ".join(verdicts)
        out.append(entry)
    # Start-up with many resources within 1.2x of start-up with the bundled content.
    by_label = {e["label"]: e for e in out if "ms" in e}
    for e in list(out):
        m = re.match(r"^(\d+k): first frame \(content cache warm\)$", e["label"])
        base = by_label.get(f"{m.group(1)}: {PAIRED_BUNDLED}") if m else None
        base = base or by_label.get("tui: first frame")
        if base and m and "ms" in e:
            ratio = e["ms"]["median"] / base["ms"]["median"]
            out.append({
                "label": f"{m.group(1)}: start-up / bundled start-up", "n": e["n"],
                "ratio": ratio, "timed_out": 0,
                "verdict": f"<= 1.2x: {'met' if ratio <= 1.2 else 'MISSED'}",
            })
    for e in list(out):
        m = re.match(r"^(\d+)k: kiosk (first frame|CPU to first frame) \(prebuilt cache\)$",
                     e["label"])
        what = m.group(2) if m else ""
        base = by_label.get(f"{m.group(1)}k: kiosk {what}, bundled content only (same runs)"
                            ) if m else None
        if base and "ms" in e:
            ratio = e["ms"]["median"] / base["ms"]["median"]
            limit = 1.2 if int(m.group(1)) <= 10 else 2.0
            name = "start-up" if what == "first frame" else "start-up CPU"
            out.append({
                "label": f"{m.group(1)}k: kiosk {name} / bundled kiosk {name}", "n": e["n"],
                "ratio": ratio, "timed_out": 0,
                "verdict": f"<= {limit}x: {'met' if ratio <= limit else 'MISSED'}",
            })
    return out


def markdown(summary: list[dict]) -> str:
    lines = ["| step | n | bytes | ms to last byte | other | target |", "|---|---|---|---|---|---|"]
    for e in summary:
        if "skipped" in e:
            lines.append(f"| {e['label']} | 0 | | | not measurable yet: {e['skipped']} | |")
            continue
        cols = []
        for key, _, fmt in METRICS[:2]:
            cols.append(_stat_entry(e.get(key), fmt))
        other = []
        if "MB" in e:
            other.append(_stat_entry(e["MB"], "{:,.1f}") + " MB")
        if "overhead" in e:
            other.append(_stat_entry(e["overhead"], "{:,.0f}") + " B own text")
        if "escapes" in e and e["label"].startswith("plain"):
            other.append(f"{e['escapes']['max']:.0f} escape bytes (max)")
        if "ratio" in e:
            other.append(f"{e['ratio']:.2f}x")
        if "core_percent" in e:
            other.append(_stat_entry(e["core_percent"], "{:.3f}") + "% of one core")
        if e.get("timed_out"):
            other.append(f"{e['timed_out']} timed out")
        lines.append(f"| {e['label']} | {e['n']} | {cols[0]} | {cols[1]} | {'; '.join(other)} "
                     f"| {e.get('verdict', '')} |")
    return "\n".join(lines)


def _stat_entry(stat: dict | None, fmt: str) -> str:
    if not stat:
        return ""
    if stat["min"] == stat["max"]:
        return fmt.format(stat["median"])
    return f"{fmt.format(stat['median'])} ({fmt.format(stat['min'])}–{fmt.format(stat['max'])})"


def machine() -> dict:
    info = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        with open("/proc/meminfo") as f:
            kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
        info["memory_gb"] = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    try:
        with open("/proc/cpuinfo") as f:
            info["cpu"] = next(line for line in f if line.startswith("model name")).split(":", 1)[1].strip()
    except (OSError, StopIteration):
        pass
    try:
        import textual
        import yaml

        info["textual"] = textual.__version__
        info["pyyaml"] = yaml.__version__
        info["libyaml"] = bool(getattr(yaml, "__with_libyaml__", False))
    except ImportError:
        pass
    from metanav import __version__

    info["metanav"] = __version__
    return info


# --------------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="metanav benchmarks over a real pty (see BENCHMARKS.md)",
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n")[2],
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each scenario (default 5)")
    parser.add_argument("--scenario", action="append", default=[],
                        help=f"one of {', '.join(SCENARIOS)} or all (may repeat; default all)")
    parser.add_argument("--size", default="80x24", help="terminal size COLSxROWS (default 80x24)")
    parser.add_argument("--resources", default="10000",
                        help="synthetic resource counts for 'large' and 'load', comma-separated "
                             "(default 10000; 100000 works too)")
    parser.add_argument("--settle-ms", type=float, default=250.0,
                        help="output quiet this long ends a step (default 250)")
    parser.add_argument("--ssh", action="store_true",
                        help="set SSH_CONNECTION for the app, as in a real SSH session "
                             "(metanav lowers the frame rate there); by default SSH_* are removed")
    parser.add_argument("--idle-sessions", type=int, default=60,
                        help="idle scenario: metanavs started side by side (default 60)")
    parser.add_argument("--idle-seconds", type=float, default=60.0,
                        help="idle scenario: how long they sit idle (default 60)")
    parser.add_argument("--json", metavar="FILE", help="write every sample and the summary here")
    parser.add_argument("--markdown", metavar="FILE", help="write the results table here")
    args = parser.parse_args(argv)
    wanted = [s for item in args.scenario for s in item.split(",") if s] or ["all"]
    if "all" in wanted:
        wanted = list(SCENARIOS)
    unknown = [s for s in wanted if s not in SCENARIOS]
    if unknown:
        parser.error(f"unknown scenario {', '.join(unknown)} (choose from {', '.join(SCENARIOS)})")
    args.scenarios = wanted
    m = re.fullmatch(r"(\d+)x(\d+)", args.size)
    if not m:
        parser.error("--size must look like 80x24")
    args.cols, args.rows = int(m.group(1)), int(m.group(2))
    args.resources = [int(n.replace("_", "")) for n in args.resources.split(",") if n]
    args.settle = args.settle_ms / 1000.0
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    global SSH_MODE
    args = parse_args(argv)
    SSH_MODE = args.ssh
    RESULTS.mkdir(parents=True, exist_ok=True)
    rec = Recorder()
    started = time.perf_counter()
    info = machine()
    rec.log(f"machine: {json.dumps(info)}")
    functions = {"tui": scenario_tui, "large": scenario_large, "load": scenario_load,
                 "plain": scenario_plain, "kiosk": scenario_kiosk, "lynx": scenario_lynx,
                 "idle": scenario_idle}
    for name in args.scenarios:
        if name in ("tui", "large", "kiosk", "lynx", "idle") and shutil.which(
                metanav_argv()[0]) is None:
            rec.skip(name, "the metanav command is not installed")
            continue
        run_part(rec, name, lambda f=functions[name]: f(rec, args))
    elapsed = time.perf_counter() - started
    summary = summarise(rec)
    table = markdown(summary)
    print(f"\nmetanav benchmarks, {args.cols}x{args.rows}, {args.runs} runs, "
          f"settle {args.settle_ms:.0f} ms{', as over SSH' if args.ssh else ''}, "
          f"took {elapsed:.0f} s")
    lynx_table = getattr(rec, "lynx_table", "")
    if lynx_table:
        table += "\n\nBeside lynx (medians, bytes):\n\n" + lynx_table
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n", encoding="utf-8")
    if args.json:
        payload = {
            "machine": info,
            "options": {"runs": args.runs, "size": args.size, "settle_ms": args.settle_ms,
                        "ssh": args.ssh,
                        "resources": args.resources, "scenarios": args.scenarios},
            "seconds": elapsed,
            "summary": summary,
            "samples": {label: row.samples for label, row in rec.rows.items()},
            "log": rec.log_lines,
        }
        Path(args.json).write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
