"""Pasted text in the app's own boxes (note, own question, resources filter) is cleaned as
typed text is: no escape, C1 control, bidi override or invisible character reaches the screen
or the saved file."""

from __future__ import annotations

import json

import pytest
from textual import events
from textual.widgets import Input

from tui_helpers import make_app, screen_text

SIZE = (100, 30)
HOSTILE = ("x \u009b31m \u009d0;T \u009c \u202e abc \x1b]52;c;SE9TVElMRQ==\x07OSC52"
           "[@click=app.quit]X \u2063\U000e0041\u00ad end")
UNSAFE = set("\x1b\x07\u009b\u009c\u009d\u202e\u2063\U000e0041\u00ad")


async def _paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    await pilot.pause()


def _safe(text: str) -> bool:
    return not (UNSAFE & set(text))


@pytest.mark.parametrize("box", ["note", "own"])
async def test_pasted_text_in_the_note_and_question_boxes_is_cleaned(tmp_path, box):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        await pilot.press("n" if box == "note" else "a")
        await pilot.pause()
        field = app.screen.query_one(Input)
        await _paste(pilot, HOSTILE)
        assert _safe(field.value), repr(field.value)
        assert "[@click=app.quit]X" in field.value and field.value.endswith(" end")
        assert _safe(screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
    saved = (tmp_path / "state.json").read_text(encoding="utf-8")
    assert _safe(json.loads(saved).__repr__()) and "OSC52" in saved


async def test_pasted_text_in_the_resources_filter_is_cleaned(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        box = app.screen.query_one("#filter-text", Input)
        box.focus()
        await pilot.pause()
        await _paste(pilot, HOSTILE)
        assert _safe(box.value), repr(box.value)
        assert _safe(screen_text(app))
