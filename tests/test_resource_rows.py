"""A row of the resources list shows the name, kind, language and phone, as many as fit, in
that order of need, each whole (issue 17, newcomer-qa 14: rows were cut with "…" before
the kind and language at 80 columns, the organisation repeated the name, and phone numbers
were never in the list)."""

from __future__ import annotations

import pytest

from metanav.content.text import fit_fields
from metanav.core.resources import resource_fields
from plain_helpers import home_numbers, library, run_plain
from tui_helpers import bundled_library, make_app, screen_text

LIFELINE = next(r for r in bundled_library().resources.values() if r.phone == "988"
                and r.language == "en")


def test_fields_come_in_order_of_need_and_whole():
    fields = (("Name",), ("Helpline, Emotional support", "Helpline"), ("English",),
              ("Phone: 988",))
    assert fit_fields(fields) == "Name (Helpline, Emotional support; English; Phone: 988)"
    # Short of room, the kinds shrink to the first before the phone goes.
    assert fit_fields(fields, 40) == "Name (Helpline; English; Phone: 988)"
    assert fit_fields(fields, 30) == "Name (Helpline; English)"
    assert fit_fields(fields, 18) == "Name (Helpline)"
    assert fit_fields(fields, 10) == "Name"
    # A field that does not fit is left out whole; a later one that fits still comes.
    assert fit_fields((("Name",), ("A very long kind indeed",), ("English",)), 20) == "Name (English)"


def test_the_organisation_is_left_out_when_it_is_the_name_again():
    angels = bundled_library().resources["R-EMO-02"]
    assert angels.organisation == angels.name == "Imerman Angels"
    assert [f[0] for f in resource_fields(angels)] == ["Imerman Angels", "Emotional support",
                                                       "English"]
    # "988 Lifeline" (its common name since issue 15's shorter home lines) is run by the
    # 988 Suicide & Crisis Lifeline: that full name comes last, as the organisation.
    assert [f[0] for f in resource_fields(LIFELINE)] == [
        "988 Lifeline", "Helpline, Emotional support", "English", "Phone: 988",
        "988 Suicide & Crisis Lifeline"]


def rows_on_screen(app) -> list[str]:
    """The list's rows as shown (without the focus bar and the scroll bar)."""
    names = [r.name for r in bundled_library().resources.values()]
    rows = []
    for line in screen_text(app).splitlines():
        text = line.strip("█▁▂▃▄▅▆▇ ")
        if any(text.startswith(name[:15]) for name in names):
            rows.append(text)
    return rows


@pytest.mark.parametrize("size", [(80, 24), (40, 20)])
async def test_full_screen_rows_show_whole_fields_and_the_phone(state_dir, size):
    app = make_app(state_dir)
    async with app.run_test(size=size) as pilot:
        app.open_resources()
        await pilot.pause()
        rows = rows_on_screen(app)
    assert len(rows) >= 8
    for row in rows:
        # Each row is the name, then whole fields in brackets; only a name too long for
        # the line may be cut.
        assert row.endswith(")") or "(" not in row, row
    if size == (80, 24):
        assert (f"{LIFELINE.name} (Helpline; English; Phone: 988; "
                "988 Suicide & Crisis Lifeline)") in rows
        assert not any(row.endswith("…") for row in rows), rows
        # A phone is left out only when even the shortest row with it would not fit.
        for resource in bundled_library().resources.values():
            row = next((r for r in rows if r.startswith(f"{resource.name} (")), None)
            shortest = (f"{resource.name} ({resource.kind_words.split(', ')[0]}; "
                        f"{resource.language_name}; Phone: {resource.phone})")
            if row and resource.phone and len(shortest) <= 76:
                assert f"Phone: {resource.phone}" in row, row
    else:
        assert any(row.startswith(LIFELINE.name) for row in rows)


@pytest.mark.parametrize("columns", ["80", "40"])
def test_plain_rows_are_the_name_and_an_opened_one_has_kind_language_and_phone(state_dir, columns):
    """Plain mode lists names alone (a screen reader heard kind, language, phone and
    organisation for every row, twice over: issue 13); opening one shows them all."""
    numbers = home_numbers(library())
    run = run_plain(state_dir, [str(numbers["resources"]), "1", "q"], COLUMNS=columns)
    listing = run.out.split("resources match.", 1)[1]
    flat = " ".join(listing.split())
    assert f"1. {LIFELINE.name} 2." in flat
    page = " ".join(listing.split(f"\n{LIFELINE.name}\n", 1)[1].split())
    for label, value in (("Kind", LIFELINE.kind_words), ("Language", LIFELINE.language_name),
                         ("Phone", "988")):
        assert f"{label}: {value}" in page


def test_a_topics_resources_use_the_same_row_with_the_phone(state_dir):
    from metanav.core.views import topic_related
    from tui_helpers import make_session

    session = make_session(state_dir)
    with_phone = next(t for t in bundled_library().topics.values()
                      if any(bundled_library().resources[r].phone for r in t.resources
                             if r in bundled_library().resources))
    items = [item for section in topic_related(session, with_phone) for item in section.items
             if item.key.startswith("resource:")]
    for item in items:
        resource = bundled_library().resources[item.key.split(":", 1)[1]]
        # One line of reading width (76), so a topic stays short to hear in plain mode.
        assert item.text.startswith(f"{resource.name} (") and len(item.text) <= 76
        shortest = (f"{resource.name} ({resource.kind_words.split(', ')[0]}; "
                    f"{resource.language_name}; Phone: {resource.phone})")
        if resource.phone and len(shortest) <= 76:
            assert f"Phone: {resource.phone}" in item.text
