"""The full screen's questions for the doctor and My list, driven with Pilot: pick, most
important, asked, notes, own questions, why to ask, export."""

from __future__ import annotations

from metanav.state.store import Store
from metanav.tui.screens.questions import MyListScreen, QuestionsScreen
from state_helpers import on_disk
from tui_helpers import bundled_library, make_app, open_from_home, screen_text, status

SIZE = (80, 24)


async def test_add_related_question_from_topic(tmp_path):
    app = make_app(tmp_path)
    topic = next(iter(bundled_library().topics.values()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter", "r", "enter")
        assert "Picked. It is on your list." in status(app)
        assert on_disk(tmp_path)["checklist"][topic.questions[0]]["chosen"] is True
        assert "Picked: " in screen_text(app)


async def test_questions_pick_top_asked_note_and_own(tmp_path):
    app = make_app(tmp_path)
    library = bundled_library()
    first, second, third, fourth = list(library.questions)[:4]
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "questions")
        assert isinstance(app.screen, QuestionsScreen)
        await pilot.press("space")
        assert "Picked" in status(app)
        assert "1. Picked: " in screen_text(app)
        await pilot.press("t")
        await pilot.press("down", "t", "down", "t", "down", "t")
        assert "up to 3" in status(app)  # the fourth is refused, in words
        await pilot.press("up", "up", "up", "k")
        assert "Marked as asked" in status(app)
        await pilot.press("n")
        await pilot.press(*"Yes, when I can")
        await pilot.press("enter")
        assert "Note saved" in status(app)
        await pilot.press("a")
        await pilot.press(*"Can I travel?")
        await pilot.press("enter")
        assert "Your question is added" in status(app)
        assert "Can I travel?" in screen_text(app)
    doc = on_disk(tmp_path)
    assert doc["checklist"][first] == {"chosen": True, "top": True, "asked": True,
                                       "note": "Yes, when I can"}
    assert doc["checklist"][second]["top"] and doc["checklist"][third]["top"]
    assert not doc["checklist"].get(fourth, {}).get("top")
    assert [q["text"] for q in doc["own_questions"]] == ["Can I travel?"]


async def test_show_my_list_and_export(tmp_path, monkeypatch):
    export_dir = tmp_path / "docs"
    export_dir.mkdir()
    monkeypatch.setenv("METANAV_EXPORT_DIR", str(export_dir))
    state = tmp_path / "state"
    store = Store.open(state)
    qid = next(iter(bundled_library().questions))
    store.set_top(qid, True)
    store.set_note(qid, "Ask about trials")
    app = make_app(state)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "questions")
        await pilot.press("s")
        assert isinstance(app.screen, MyListScreen)
        text = screen_text(app)
        assert "Most important:" in text
        assert bundled_library().questions[qid].text[:30] in text
        assert "Answer: Ask about trials" in text
        await pilot.press("e")
        assert "Saved your list to" in status(app)
    files = list(export_dir.glob("metanav-questions-*.txt"))
    assert len(files) == 1
    assert "Answer: Ask about trials" in files[0].read_text(encoding="utf-8")


async def test_w_says_why_to_ask_the_highlighted_question(tmp_path):
    app = make_app(tmp_path)
    first = next(iter(bundled_library().questions.values()))
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        await pilot.press("w")
        hint = str(app.screen.query_one("#questions-hint").render())
        assert first.why[:40] in " ".join(hint.split())
        await pilot.press("down")
        hint = str(app.screen.query_one("#questions-hint").render())
        assert "Why ask" not in hint and "w says why" in " ".join(hint.split())


async def test_removing_an_own_question_asks_first(tmp_path):
    store = Store.open(tmp_path)
    store.add_own("Can I travel?")
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        await pilot.press("end", "r")
        await pilot.press("n")
        assert status(app) == "Your question is kept."
        await pilot.press("r", "enter")  # Enter is the safe answer: nothing is removed
        assert status(app) == "Your question is kept."
        assert [q["text"] for q in on_disk(tmp_path)["own_questions"]] == ["Can I travel?"]
        await pilot.press("r", "y")
        assert status(app) == "Your question is deleted. u to undo."
    assert on_disk(tmp_path)["own_questions"] == []
