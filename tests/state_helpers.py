"""Helpers for the tests of a person's saved state: what is in the folder afterwards."""

from __future__ import annotations

import json
from pathlib import Path

STATE = "state.json"


def on_disk(folder: Path) -> dict:
    return json.loads((folder / STATE).read_text(encoding="utf-8"))


def leftovers(folder: Path) -> list[str]:
    """Files other than the state file and its lock (temp files must never be left)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in {STATE, "state.lock"})
