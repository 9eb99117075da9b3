"""Snapshots of the key screens, in colour and with NO_COLOR (every state still shown).

Update after an intended change with: .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from metanav.state.store import Store
from tui_helpers import make_app

SCREENS = {
    "home": [],
    "topic": ["enter"],
    "topic_related": ["enter", "r", "enter", "down"],
    "questions": ["1", "7", "_", "_", "_", "_", "enter", "space", "t", "down", "down", "k"],
    "resources": ["1", "8", "_", "_", "_", "_", "enter"],
    "bookmarks": ["1", "9", "_", "_", "_", "_", "enter"],
    "help": ["question_mark"],
}


@pytest.fixture
def seeded_state(tmp_path):
    """A person with one bookmark, so marks show in the snapshots."""
    store = Store.open(tmp_path)
    store.set_bookmark("resource", "R-HELP-01", True)
    return tmp_path


@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("colour", ["colour", "no_color"])
def test_screen_snapshot(name, colour, snap_compare, seeded_state, monkeypatch):
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    if colour == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(seeded_state)
    assert snap_compare(app, press=SCREENS[name], terminal_size=(80, 24))
