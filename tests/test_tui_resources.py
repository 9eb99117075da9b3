"""The full screen's support resources, driven with Pilot: filters, typing in the list, a
resource's page and its QR code."""

from __future__ import annotations

import dataclasses
import json

from metanav.tui.screens.resources import ResourceScreen, ResourcesScreen
from metanav.tui.widgets.lean_list import LeanList
from tui_helpers import bundled_library, make_app, open_from_home, screen_text, status

SIZE = (80, 24)


async def test_resources_filters_combine_and_count_is_shown(tmp_path):
    app = make_app(tmp_path)
    library = bundled_library()
    async with app.run_test(size=SIZE) as pilot:
        await open_from_home(pilot, "resources")
        screen = app.screen
        assert isinstance(screen, ResourcesScreen)
        assert f"{len(library.resources)} resources match." in screen_text(app)
        await pilot.press("ctrl+l")  # next language: the first after "Any language"
        languages = sorted({r.language for r in library.resources.values()})
        want = [r for r in library.resources.values() if r.language == languages[0]]
        assert f"{len(want)} resources match." in screen_text(app)
        await pilot.press("ctrl+k")  # kind: Information
        both = [r for r in want if "information" in r.kinds]
        assert f"{len(both)} resource" in screen_text(app)
        await pilot.press("ctrl+r")
        await pilot.press(*"cancercare")  # the filter box has focus when the screen opens
        expected = [r for r in library.resources.values()
                    if "cancercare" in f"{r.name} {r.organisation}".casefold()]
        assert len(screen.finder.matches) == len(expected) > 0
        await pilot.press("enter")  # leaves the filter box for the list
        await pilot.press("enter")
        assert isinstance(app.screen, ResourceScreen)
        text = screen_text(app)
        assert "Web address:" in text or "Phone:" in text
        await pilot.press("b")
        assert "Bookmarked" in status(app)
        await pilot.press("escape")
        assert "[Bookmarked]" in screen_text(app)


async def test_typing_on_the_resource_list_filters_and_escape_clears_words(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press("down")  # from the filter box to the list
        assert isinstance(app.focused, LeanList)
        await pilot.press(*"helpline")
        screen = app.screen
        assert screen.query_one("#filter-text").value == "helpline"
        assert len(screen.finder.matches) == len(
            [r for r in bundled_library().resources.values() if "helpline" in r.kinds]
        )
        assert json.loads((tmp_path / "state.json").read_text())["bookmarks"] == [] if (
            tmp_path / "state.json"
        ).exists() else True
        await pilot.press("escape")
        assert screen.query_one("#filter-text").value == ""
        assert "Filter words cleared" in status(app)
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press("ctrl+r")
        assert status(app).startswith("Filters cleared.")
        await pilot.press("ctrl+f", "9", "8", "8")  # the count line says 2 match now
        await pilot.pause()
        assert status(app) == "", "'Filters cleared. N resources match.' is old news"


async def test_a_qr_code_too_big_for_the_window_says_so(tmp_path):
    from metanav.tui.screens.qr import QrScreen

    library = bundled_library()
    shortest = min((r for r in library.resources.values() if r.url), key=lambda r: len(r.url))
    # Every bundled code fits 80x24 now (tests/test_qr_fit.py); a clinic's long address may not.
    longest = dataclasses.replace(shortest, url="https://example.org/" + "a-long-page-name/" * 8)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(QrScreen(shortest))
        await pilot.pause()
        assert status(app).startswith("Point your phone camera")
        app.pop_screen()
        app.push_screen(QrScreen(longest))
        await pilot.pause()
        assert app.screen.lines == []  # this one cannot fit at 80x24: no code cut in two
        assert "bigger than the window" in status(app)
        assert "\u2584" not in screen_text(app) and "a-long-page-name/" in screen_text(app)


async def test_typing_narrows_and_deleting_widens_the_matches_again(tmp_path):
    """Each letter typed filters again with the search engine; deleting widens again."""
    from metanav.content.search import ResourceFilter, filter_resources

    app = make_app(tmp_path)
    library = bundled_library()
    resources = list(library.resources.values())
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        screen = app.screen
        counts = []
        for typed in ("c", "ca", "can", "canc"):
            await pilot.press(typed[-1])
            assert screen.finder.matches == filter_resources(library, ResourceFilter(typed))
            counts.append(len(screen.finder.matches))
        assert counts == sorted(counts, reverse=True) and counts[-1] > 0
        assert all("canc" in f"{r.name} {r.organisation} {r.description}".casefold()
                   or r.language == "es" for r in screen.finder.matches)
        await pilot.press("ctrl+k")  # a kind as well: narrower still
        kind = screen.finder.filter.kind
        both = [r for r in filter_resources(library, ResourceFilter("canc")) if kind in r.kinds]
        assert screen.finder.matches == both
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert screen.finder.matches == [r for r in resources if kind in r.kinds]
        await pilot.press("ctrl+r")
        assert screen.finder.matches == resources
        assert f"{len(resources)} resources match." in screen_text(app)


async def test_slash_opens_the_search_from_every_part_of_resources_and_ctrl_f_the_filter(tmp_path):
    """'/' opens the one search on every screen (issue 12): here too, from the filter box,
    the list and the Kind line. The filter has its own key, Ctrl+F, in the key bar and help."""
    from metanav.tui.screens.search import SearchScreen

    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        for way_in in ((), ("down",), ("tab",)):  # the box, the list, the Kind line
            app.open_resources()
            await pilot.pause()
            await pilot.press(*way_in, "slash")
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen), way_in
            assert "Type words to search" in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ResourcesScreen)
            assert app.screen.query_one("#filter-text").value == "", "no '/' typed there"
            await pilot.press("escape")
        app.open_resources()
        await pilot.pause()
        await pilot.press("down")
        assert "Ctrl+F Filter" in screen_text(app).splitlines()[-1]  # the key bar
        await pilot.press("ctrl+f", *"988")
        assert app.screen.query_one("#filter-text").value == "988"
        assert "2 resources match." in screen_text(app)
    from metanav.tui.screens.help import help_text

    assert "Support resources:\n  Ctrl+F: Filter\n" in help_text()
