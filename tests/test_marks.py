"""One word for each state, everywhere (issue 17, newcomer-qa 7): "[x]" once meant "picked"
on the questions screen and "asked" on My list, the saved file and the printed page. Now no
screen, file or page uses a mark: an asked question says "Asked" in words, as the questions
screens do, and a picked one is simply on the list."""

from __future__ import annotations

from metanav import cli
from metanav.core.printing import doctor_lines
from metanav.state.mylist import my_list, render_lines
from metanav.state.store import Store
from plain_helpers import home_numbers, library, run_plain
from tui_helpers import bundled_library, make_app, open_my_list, screen_text

MARKS = ("[x]", "[ ]", "[X]")


def seed(state_dir) -> tuple[str, str]:
    """Two picked questions, the first asked: (asked text, not asked text)."""
    first, second = list(bundled_library().questions)[:2]
    store = Store.open(state_dir)
    store.set_chosen(first, True)
    store.set_asked(first, True)
    store.set_chosen(second, True)
    questions = bundled_library().questions
    return questions[first].text, questions[second].text


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_saved_and_printed_list_says_asked_in_words(state_dir, capsys):
    asked, not_asked = seed(state_dir)
    assert cli.main(["export", "-o", "-"]) == 0
    out = capsys.readouterr().out
    for mark in MARKS:
        assert mark not in out
    assert f"1. Asked: {asked}" in flat(out)
    assert f"2. {not_asked}" in flat(out)
    assert "means asked" not in out
    # What the printer gets is the same text (core/actions.print_list sends render_lines).
    store = Store.open(state_dir)
    printed = "\n".join(render_lines(my_list(bundled_library(), store)))
    assert printed.splitlines()[3:] == out.splitlines()[3:]
    # The "show your doctor" view says it in the same word.
    assert "Question 1 of 2 (asked):" in doctor_lines(my_list(bundled_library(), store))


def test_plain_my_list_uses_the_same_words_as_the_questions_screen(state_dir):
    asked, _not_asked = seed(state_dir)
    numbers = home_numbers(library())
    run = run_plain(state_dir, [str(numbers["questions"]), "1", "", "s", "", "q"])
    for mark in MARKS:
        assert mark not in run.out
    assert f"Picked, asked: {asked}" in flat(run.out)  # the questions in a group
    assert f"1. Asked: {asked}" in flat(run.out)  # My list


async def test_full_screen_my_list_has_no_marks(state_dir):
    asked, _not_asked = seed(state_dir)
    app = make_app(state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_my_list(app, pilot)
        text = screen_text(app)
    for mark in MARKS:
        assert mark not in text
    assert f"1. Asked: {asked[:40]}" in flat(text)
