"""Snapshots of the key screens, in colour and with NO_COLOR (every state still shown).

Update after an intended change with: .venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from metanav.state.store import Store
from tui_helpers import home_keys, make_app


def wait_then(keys: list[str]) -> list[str]:
    """Home keys with a pause (four "_") before Enter, so a number's timer has run out."""
    return [k for key in keys for k in ((["_"] * 4 if key == "enter" else []) + [key])]


SCREENS = {
    "home": [],
    "topic": ["enter", "enter"],
    "topic_related": ["enter", "enter", "r", "enter", "down"],
    "questions": [*wait_then(home_keys("questions")), "space", "t", "down", "down", "k"],
    "resources": wait_then(home_keys("resources")),
    "bookmarks": wait_then(home_keys("bookmarks")),
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
