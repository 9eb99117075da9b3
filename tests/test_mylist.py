"""My list (state/mylist.py): the picked questions, most important first, as lines on the
screen and as an exported file that never overwrites another."""

from __future__ import annotations

import datetime as _dt

import pytest

from metanav.content.model import Library, Question, QuestionGroup
from metanav.state import mylist
from metanav.state.mylist import export, my_list, render_lines
from metanav.state.store import Store
from state_helpers import on_disk

TODAY = _dt.date(2026, 3, 5)


@pytest.fixture
def library() -> Library:
    groups = {"g": QuestionGroup("g", "Group")}
    questions = {
        q.id: q
        for q in (
            Question("Q-1", "g", "Where has my cancer spread?"),
            Question("Q-2", "g", "What is the goal of my treatment?"),
            Question("Q-3", "g", "Who do I call at night?"),
            Question("Q-4", "g", "How will we know if it works?"),
        )
    }
    return Library(topics={}, groups=groups, questions=questions, resources={})


def test_render_lines_top_first_numbered_with_asked_and_notes(library):
    s = Store.memory()
    s.set_chosen("Q-1", True)
    s.set_chosen("Q-2", True)
    s.set_top("Q-3", True)
    s.set_asked("Q-2", True)
    s.set_note("Q-1", "Liver and bones.\nAsk again in June.")
    own_id, _ = s.add_own("Can I travel?")
    s.set_chosen("Q-2", True)
    lines = render_lines(my_list(library, s), width=80, today=TODAY)
    assert lines == [
        "Questions for my doctor",
        "Made with metanav on 5 March 2026.",
        "",
        "Most important:",
        "1. Who do I call at night?",
        "",
        "Other questions:",
        "2. Where has my cancer spread?",
        "   Answer: Liver and bones.",
        "   Ask again in June.",
        "3. Asked: What is the goal of my treatment?",
        "4. Can I travel?",
        "",
        "metanav gives information, not advice. Your care team can tell you what fits",
        "your own care.",
    ]
    assert [item.id for item in my_list(library, s)] == ["Q-3", "Q-1", "Q-2", own_id]


def test_render_lines_without_top_and_empty(library):
    s = Store.memory()
    assert render_lines(my_list(library, s), today=TODAY)[3:] == ["No questions chosen yet."]
    s.set_chosen("Q-4", True)
    lines = render_lines(my_list(library, s), today=TODAY)
    assert lines[3:5] == ["My questions:", "1. How will we know if it works?"]
    assert "Most important:" not in lines


def test_render_lines_skips_ids_not_in_the_content(library, state_dir):
    s = Store.open(state_dir)
    s.set_chosen("Q-GONE", True)
    s.set_chosen("Q-1", True)
    assert [i.id for i in my_list(library, s)] == ["Q-1"]
    assert "Q-GONE" in on_disk(state_dir)["checklist"]


def test_render_lines_wraps_long_questions_under_the_number(library):
    s = Store.memory()
    own_id, _ = s.add_own("word " * 30)
    lines = render_lines(my_list(library, s), width=40, today=TODAY)
    start = lines.index("My questions:") + 1
    body = lines[start : lines.index("", start)]
    assert len(body) > 2
    assert body[0].startswith("1. word")
    assert all(len(line) <= 40 for line in body)
    assert all(line.startswith("   word") for line in body[1:])


def test_export_writes_a_file_and_never_overwrites(library, export_dir):
    s = Store.memory()
    s.set_chosen("Q-1", True)
    first = export(library, s)
    today = _dt.date.today().isoformat()
    assert first == export_dir / f"metanav-questions-{today}.txt"
    text = first.read_text(encoding="utf-8")
    assert text == "\n".join(render_lines(my_list(library, s))) + "\n"
    assert "1. Where has my cancer spread?" in text

    s.set_chosen("Q-2", True)
    second = export(library, s)
    third = export(library, s)
    assert second == export_dir / f"metanav-questions-{today}-2.txt"
    assert third == export_dir / f"metanav-questions-{today}-3.txt"
    assert first.read_text(encoding="utf-8") == text  # untouched
    assert "What is the goal of my treatment?" in second.read_text(encoding="utf-8")
    assert sorted(p.name for p in export_dir.iterdir()) == sorted(
        p.name for p in (first, second, third)
    )


def test_export_honours_metanav_export_dir(library, tmp_path, monkeypatch):
    elsewhere = tmp_path / "clinic-printouts"
    elsewhere.mkdir()
    monkeypatch.setenv("METANAV_EXPORT_DIR", str(elsewhere))
    path = export(library, Store.memory())
    assert path.parent == elsewhere
    assert mylist.default_export_path().name.endswith("-2.txt")
