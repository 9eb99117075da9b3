"""Recording benchmark samples, the targets of issue 6, and the results table (Markdown, JSON).

Used by run.py; nothing here drives metanav.
"""

from __future__ import annotations

import os
import platform
import re
import statistics
import sys
from dataclasses import dataclass, field

from pty_harness import Step

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

