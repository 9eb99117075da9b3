"""Which screen line shows which row of a list, and where the keys land (row_lines.py, plain
Python: the list widget that draws them is tested with Pilot in test_tui*.py)."""

from metanav.tui.widgets.list_row import Row
from metanav.tui.widgets.row_lines import RowLines

ROWS = [
    Row("Questions", heading=True),
    Row("What is my treatment plan and how long will it take?", key="a"),
    Row("Who do I call at night?", key="b"),
    Row("Help lines", heading=True),
    Row("Cancer helpline", key="c"),
]


def wrapped(width: int) -> RowLines:
    lines = RowLines(wrap=True)
    lines.replace_all(ROWS, keep=None, old=None)
    lines.wrap_to(width)
    return lines


def test_a_long_row_takes_as_many_lines_as_its_words_need():
    lines = wrapped(24)
    texts = [lines.wrapped_line(n)[1] for n in range(lines.total)]
    assert texts[:4] == ["Questions", "What is my treatment", "plan and how long will", "it take?"]
    assert (lines.first_line(1), lines.line_count(1)) == (1, 3)
    assert lines.row_at(3) == 1 and lines.row_at(4) == 2 and lines.row_at(lines.total) is None
    assert lines.span_with_heading(1) == (0, 4)  # the heading comes into view with it


def test_new_rows_keep_the_highlight_on_the_same_question_or_the_first_one():
    lines = RowLines(wrap=False)
    assert lines.replace_all(ROWS, keep="c", old=None) == 4
    assert lines.replace_all(ROWS, keep="gone", old=3) == 4  # a heading: the next question
    assert lines.replace_all(ROWS, keep=None, old=None) == 1


def test_arrows_and_page_keys_skip_headings_and_stop_at_the_ends():
    lines = wrapped(24)
    assert lines.next_selectable(2, 1) == 4
    assert lines.next_selectable(1, -1) is None
    assert lines.next_selectable(4, 1) is None
    assert lines.nearest_selectable(lines.row_lines_away(1, 100), 1) == 4
    assert lines.nearest_selectable(lines.row_lines_away(4, -100), -1) == 1


def test_rows_wrap_beside_the_scroll_bar_only_when_they_need_one():
    lines = RowLines(wrap=True)
    lines.replace_all(ROWS, keep=None, old=None)
    assert lines.wrap_beside_bar(wide=60, narrow=59, fits=20, bar_now=True) == 60
    assert lines.wrap_beside_bar(wide=24, narrow=23, fits=3, bar_now=False) == 23
