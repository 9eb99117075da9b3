"""The other scenarios: load (content loading in-process), plain (plain mode over a pty), lynx
(the same content in lynx, beside metanav) and idle (processor time of idle sessions).
"""

from __future__ import annotations

import gc
import os
import re
import tempfile
import time
from pathlib import Path

from driving import (
    LIBRARY,
    RESULTS,
    Driver,
    app_env,
    is_home,
    large_folder,
    metanav_argv,
    run_part,
    warm_cache,
)
from pty_harness import PtyApp, Screen
from recording import Recorder, Unmeasurable


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


