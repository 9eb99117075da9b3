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
import json
import re
import shutil
import sys
import time
from pathlib import Path

import driving  # first: it puts metanav's source on the path
from driving import run_part
from recording import Recorder, machine, markdown, summarise
from scenarios_full_screen import scenario_kiosk, scenario_large, scenario_tui
from scenarios_other import scenario_idle, scenario_load, scenario_lynx, scenario_plain

SCENARIOS = ("tui", "large", "load", "plain", "kiosk", "lynx", "idle")


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
    args = parse_args(argv)
    driving.SSH_MODE = args.ssh
    driving.RESULTS.mkdir(parents=True, exist_ok=True)
    rec = Recorder()
    started = time.perf_counter()
    info = machine()
    rec.log(f"machine: {json.dumps(info)}")
    functions = {"tui": scenario_tui, "large": scenario_large, "load": scenario_load,
                 "plain": scenario_plain, "kiosk": scenario_kiosk, "lynx": scenario_lynx,
                 "idle": scenario_idle}
    for name in args.scenarios:
        if name in ("tui", "large", "kiosk", "lynx", "idle") and shutil.which(
                driving.metanav_argv()[0]) is None:
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
