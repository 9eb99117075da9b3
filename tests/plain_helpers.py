"""Helpers for driving plain mode as a real subprocess on a script of answers."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from metanav.content.load import load_library
from metanav.content.model import Library

# Characters that must never reach the terminal: C0 but tab and newline, DEL, C1.
FORBIDDEN = {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)}


@lru_cache(maxsize=4)
def library(*data: Path) -> Library:
    return load_library(list(data))


def home_numbers(lib: Library) -> dict[str, int | str]:
    """What to type on the home menu to reach each part (its number), each crisis line
    ("resource:<id>"), "Get help now" (its number) and each other topic (the number of its
    group, a new line, its number in the group: "2\n3", two answers), taken from the home
    view (core/views.py), never from fixed positions."""
    from metanav.core.views import home, topic_groups

    groups = topic_groups(lib)
    numbers: dict[str, int | str] = {}
    for n, item in enumerate(_home_view(lib, home).items(), 1):
        kind, _, name = item.key.partition(":")
        if kind == "group":
            for t, topic in enumerate(groups[name], 1):
                numbers[topic.id] = f"{n}\n{t}"
        elif kind == "topic":
            numbers[name] = str(n)
        else:
            numbers[item.key] = n
    return numbers


def _home_view(lib: Library, home):
    from metanav.session import Policy, Session
    from metanav.state.store import Store

    return home(Session(library=lib, store=Store.memory(), policy=Policy()))


def plain_env(state: Path, export: Path | None = None, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(METANAV_STATE_DIR=str(state), METANAV_EXPORT_DIR=str(export or state),
               PYTHONIOENCODING="utf-8", **extra)
    return env


@dataclass
class Run:
    raw: bytes
    err: str
    code: int

    @property
    def out(self) -> str:
        return self.raw.decode("utf-8")


def run_plain(state: Path, answers: list[str] | str, *args: str, export: Path | None = None,
              end: str = "\n", **env: str) -> Run:
    """Run ``python -m metanav --plain`` on answers (one per line) and check it ended well."""
    script = answers if isinstance(answers, str) else "\n".join(answers) + end
    proc = subprocess.run(
        [sys.executable, "-m", "metanav", "--plain", *args],
        input=script.encode("utf-8"), capture_output=True, timeout=30,
        env=plain_env(state, export, **env),
    )
    run = Run(proc.stdout, proc.stderr.decode("utf-8", "replace"), proc.returncode)
    assert "Traceback" not in run.err, run.err
    assert run.code == 0, (run.code, run.err, run.out[-2000:])
    assert_no_control_bytes(run.raw)
    return run


def assert_no_control_bytes(raw: bytes) -> None:
    """Check every byte written: no C0 (but tab and newline), DEL or C1, no ESC.

    Bytes below 0x80 are checked one by one. A byte in 0x80-0x9f is allowed only as a
    continuation byte inside a valid UTF-8 character that is itself not a control (an
    em dash is E2 80 94); strict decoding proves that, and the decoded characters are then
    checked for C1 (U+0080-U+009F, sent as C2 80-C2 9F) too.
    """
    for offset, byte in enumerate(raw):
        if byte < 0x80 and byte in FORBIDDEN:
            raise AssertionError(f"control byte 0x{byte:02x} at {offset}: {raw[max(0, offset - 40):offset + 10]!r}")
    text = raw.decode("utf-8")  # raises on a stray 0x80-0x9f byte
    for offset, char in enumerate(text):
        if ord(char) in FORBIDDEN:
            raise AssertionError(f"control character U+{ord(char):04X} at {offset}")


def after(out: str, marker: str) -> str:
    """The output after the last time ``marker`` was shown."""
    assert marker in out, f"{marker!r} not in output"
    return out.rsplit(marker, 1)[1]


def home_count(lib: Library) -> int:
    """How many numbered items the home menu has: Get help now and the crisis lines, the
    groups, the four parts."""
    from metanav.core.views import home

    return len(_home_view(lib, home).items())
