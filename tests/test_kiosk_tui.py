"""Kiosk mode of the full-screen app, driven with Pilot: nobody leaves, nothing runs, the idle
countdown and full reset (with a fake clock), "Done - clear my session", the staff PIN, QR codes."""

from __future__ import annotations

import os
import signal
import subprocess
import webbrowser

import pytest
from textual.widgets import Input, Static

from metanav import kiosk
from metanav.core.views import topic_groups
from metanav.kiosk import KioskConfig
from metanav.qr import url_data as qr_data
from metanav.tui.app import MetanavApp
from metanav.tui.screens.home import HomeScreen
from metanav.tui.screens.kiosk_dialogs import ConfirmClear, PinPrompt, StillThere
from metanav.tui.screens.qr import QR_STYLE, QrScreen
from metanav.tui.screens.questions import QuestionsScreen
from metanav.tui.screens.resources import ResourceScreen, ResourcesScreen
from metanav.tui.textual_internals import is_ending, screen_strips
from metanav.tui.widgets.lean_list import LeanList
from qr_helpers import segno_grid
from tui_helpers import (
    bundled_library,
    make_app,
    make_session,
    open_from_home,
    screen_text,
    status,
    wait_for,
)

SIZE = (80, 24)
PIN = "4711"


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _nothing_may_start(monkeypatch):
    """A browser, an editor or any other program starting is a failure."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"metanav tried to start something: {args!r}")

    monkeypatch.setattr(webbrowser, "open", refuse)
    monkeypatch.setattr(webbrowser, "open_new", refuse)
    monkeypatch.setattr(webbrowser, "open_new_tab", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "execv", refuse)
    monkeypatch.setattr(os, "execvp", refuse)


def kiosk_app(config: KioskConfig | None = None, clock=None) -> MetanavApp:
    config = config or KioskConfig(pin_hash=f"plain${PIN}", idle_seconds=60, countdown_seconds=10)
    session = make_session(None, kiosk=True, kiosk_config=config, policy=config.policy())
    return MetanavApp(session, clock=clock, kiosk_tick=0.01)


def alive(app: MetanavApp) -> bool:
    return app.is_running and app.return_code is None and not is_ending(app)


async def test_no_key_leaves_the_kiosk():
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        for key in ("ctrl+c", "ctrl+q", "ctrl+backslash", "ctrl+z", "q"):
            app.screen.say("")
            await pilot.press(key)
            await pilot.pause()
            assert alive(app), key
            assert status(app) == kiosk.STAYS_OPEN, key
        await pilot.press("escape")
        assert alive(app) and isinstance(app.screen, HomeScreen)
        # Deeper in, the same.
        await pilot.press("1", "enter", "ctrl+c", "ctrl+q")
        await pilot.pause(0.5)  # the second key's words are emptied, then back (a reader hears them)
        assert alive(app) and status(app) == kiosk.STAYS_OPEN
    # Signals are left alone under Pilot: the test process (and what it starts) keeps Ctrl+C.
    assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN


async def test_quit_keys_still_quit_outside_kiosk_mode(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_footer_shows_done_and_hides_quit_only_in_kiosk_mode(tmp_path):
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        actions = {b.binding.action for b in app.screen.active_bindings.values()
                   if b.binding.show and b.enabled}
        assert "done" in actions
        assert "F10 Done - clear" in screen_text(app)
        assert app.screen.active_bindings["ctrl+q"].binding.action == "stay"
    normal = make_app(tmp_path)
    async with normal.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Done - clear" not in screen_text(normal)
        await pilot.press("f10", "ctrl+x")
        await pilot.pause()
        assert not isinstance(normal.screen, (ConfirmClear, PinPrompt))


async def test_no_palette_no_screenshot_no_suspend_no_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await app.run_action("screenshot")
        assert status(app) == kiosk.NOT_HERE
        assert app.deliver_screenshot() is None
        with pytest.raises(PermissionError):
            app.save_screenshot(path=str(tmp_path))
        app.screen.say("")
        app.action_suspend_process()
        assert status(app) == kiosk.STAYS_OPEN
        from textual.app import SuspendNotSupported

        with pytest.raises(SuspendNotSupported), app.suspend():
            pass
        app.open_url("https://example.org/")
        assert status(app) == kiosk.LINKS_NOT_OPENED
        await pilot.pause()
        assert alive(app)
    assert list(tmp_path.iterdir()) == []


async def test_links_are_never_opened_outside_kiosk_mode_either(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_url("https://example.org/")
        await pilot.pause()
        assert "does not open web pages" in status(app)


async def test_idle_countdown_then_full_reset():
    clock = FakeClock()
    app = kiosk_app(clock=clock)
    library = bundled_library()
    async with app.run_test(size=SIZE) as pilot:
        # A person bookmarks a topic, picks a question, filters the resources.
        topic_id = next(iter(topic_groups(library).values()))[0].id  # in the first group
        await open_from_home(pilot, topic_id)
        await pilot.press("b")
        assert app.session.store.is_bookmarked("topic", topic_id)
        app.open_questions()
        await pilot.pause()
        await pilot.press("space")
        assert any(e["chosen"] for e in app.session.store.doc["checklist"].values())
        app.open_resources()
        await pilot.pause()
        await pilot.press("ctrl+f", *"help")
        typed = app.screen.query_one("#filter-text", Input).value
        assert typed.endswith("help")
        app.theme = "high-contrast"
        depth = len(app.screen_stack)
        assert depth == 5  # home, a group, a topic, questions, resources

        # Not yet.
        clock.now += 59
        await pilot.pause(0.05)
        assert not isinstance(app.screen, StillThere)

        # The visible countdown.
        clock.now += 2
        await wait_for(pilot, lambda: isinstance(app.screen, StillThere))
        # The fake clock stands still, so waiting for the first draw cannot change the count.
        await wait_for(pilot, lambda: "Clearing in 9 seconds." in screen_text(app))
        shown = screen_text(app)
        # The question and the count on lines of their own: a screen reader reads a line
        # when it changes, and hears "Clearing in 5 seconds.", not all of it again each second.
        rows = shown.splitlines()
        at = next(n for n, row in enumerate(rows) if "Clearing in 9 seconds." in row)
        assert rows[at - 1].strip() == "Still there? Press any key to keep going."
        clock.now += 4
        await wait_for(pilot, lambda: "Clearing in 5 seconds." in screen_text(app))
        changed = [row for row, was in zip(screen_text(app).splitlines(), shown.splitlines(),
                                           strict=True) if row != was]
        assert [row.strip() for row in changed] == ["Clearing in 5 seconds."]

        # A key means someone is there: the countdown goes, nothing else happens.
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        assert app.screen.query_one("#filter-text", Input).value == typed, "the key was swallowed"
        assert app.session.store.is_bookmarked("topic", topic_id)

        # Nobody there: the countdown runs out and everything is forgotten.
        clock.now += 61
        await pilot.pause(0.05)
        assert isinstance(app.screen, StillThere)
        clock.now += 10
        await wait_for(pilot, lambda: app.kiosk.resets == 1 and status(app) == kiosk.CLEARED)
        assert len(app.screen_stack) == 1
        assert isinstance(app.screen, HomeScreen)
        assert app.session.store.bookmarks() == []
        assert app.session.store.doc["checklist"] == {}
        assert app.theme == "default"
        assert status(app) == kiosk.CLEARED
        lst = app.screen.query_one(LeanList)
        assert lst.highlighted_row.text.startswith("1. ")
        # Filters are gone with their screen: a new resources screen starts unfiltered.
        app.open_resources()
        await pilot.pause()
        assert app.screen.query_one("#filter-text", Input).value == ""
        assert alive(app)

        # Nobody there after a reset: no clock runs, nothing is counted down or cleared.
        clock.now += 1000
        await pilot.pause(0.05)
        assert app.kiosk.resets == 1 and not isinstance(app.screen, StillThere)

        # And it keeps working after a second reset: the next person's key starts the clock.
        await pilot.press("down")
        clock.now += 100
        await wait_for(pilot, lambda: app.kiosk.resets == 2)
        assert len(app.screen_stack) == 1 and isinstance(app.screen, HomeScreen)


async def test_done_clears_at_once_after_asking():
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "1", "enter", "b")
        assert app.session.store.bookmarks()
        await pilot.press("f10")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmClear)
        assert "Done? Clear my session" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.session.store.bookmarks() and status(app) == "Nothing was cleared."
        await pilot.press("f10", "enter")  # Enter is the safe answer: a stray one clears nothing
        await pilot.pause()
        assert app.session.store.bookmarks() and status(app) == "Nothing was cleared."
        await pilot.press("ctrl+d")  # EOF key: the same question, never an exit
        await pilot.pause()
        assert isinstance(app.screen, ConfirmClear)
        await pilot.press("y")
        await wait_for(pilot, lambda: app.kiosk.resets == 1 and status(app) == kiosk.CLEARED)
        assert len(app.screen_stack) == 1 and isinstance(app.screen, HomeScreen)
        assert app.session.store.bookmarks() == []
        assert status(app) == kiosk.CLEARED
        assert alive(app)


async def test_wrong_pin_stays_right_pin_exits():
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        pin_box = app.screen.query_one("#pin-input", Input)
        assert pin_box.password
        await pilot.press(*"1234", "enter")
        await pilot.pause()
        assert alive(app) and isinstance(app.screen, HomeScreen)
        assert status(app) == kiosk.WRONG_PIN
        await pilot.press("ctrl+x")
        await pilot.pause()
        below = app.screen_stack[-2].query_one("#status").render()
        assert str(below).strip() == "", "the last try's 'not right' is gone while the next is typed"
        await pilot.press("escape")
        await pilot.pause()
        assert alive(app) and isinstance(app.screen, HomeScreen)
        assert status(app) == "Staff exit closed.", "Escape was silent under a screen reader"
        await pilot.press("ctrl+x")
        await pilot.pause()
        await pilot.press(*PIN)
        assert PIN not in screen_text(app), "the PIN is never shown"
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("term", ["xterm-256color", "linux"])
async def test_kiosk_boxes_hold_their_words_only_on_the_rows_they_cover(monkeypatch, term):
    """A screen reader reads every row a box changes: the staff PIN, "Still there?" and
    "Done?" span the screen with no side lines, so those rows are the box's words only, not
    the list beside it and box glyphs (Fenrir read 26 glyphs at Ctrl+X)."""
    monkeypatch.setenv("TERM", term)
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        for key, title in (("ctrl+x", "Staff exit"), ("f10", "Done? Clear my session")):
            home_rows = screen_text(app).splitlines()
            await pilot.press(key)
            await pilot.pause()
            rows = screen_text(app).splitlines()
            changed = [row for row, was in zip(rows, home_rows, strict=True) if row != was]
            assert changed[0].strip("─ ") == "" and changed[-1].strip("─ ") == ""
            words = [row.strip() for row in changed if row.strip("─ ")]
            assert words[0] == title, words
            assert not any(set(row) & set("│█▌┃╭╮╰╯┌┐└┘") for row in changed), changed
            await pilot.press("escape")
            await pilot.pause()


async def test_staff_key_comes_from_the_settings_and_locks_out():
    config = KioskConfig(exit_key="f12", pin_hash=f"plain${PIN}")
    app = kiosk_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert not isinstance(app.screen, PinPrompt)
        for _ in range(kiosk.MAX_WRONG_PINS):
            await pilot.press("f12")
            await pilot.pause()
            assert isinstance(app.screen, PinPrompt)
            await pilot.press("0", "0", "0", "0", "enter")
            await pilot.pause()
        assert status(app) == kiosk.LOCKED_OUT
        await pilot.press("f12")
        await pilot.pause()
        assert not isinstance(app.screen, PinPrompt)
        assert alive(app)


async def test_no_pin_no_staff_exit():
    app = kiosk_app(KioskConfig())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert status(app) == kiosk.NO_STAFF_EXIT and alive(app)


async def test_restrictions_say_not_available_here():
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert status(app) == "That is not available here."
        await pilot.press("n")
        await pilot.pause()
        assert status(app) == "That is not available here."


# -- QR codes -----------------------------------------------------------------------------------
def _resource_with(url: bool, phone: bool):
    for resource in bundled_library().resources.values():
        if bool(resource.url) == url and bool(resource.phone) == phone:
            return resource
    pytest.skip("no such resource in the bundled content")


def _cells_match_segno(lines: list[str], data: str) -> None:
    from metanav import qr

    grid = qr.read_back(lines)
    border = (len(grid[0]) - len(segno_grid(data, 0))) // 2
    expected = segno_grid(data, border)
    assert grid[: len(expected)] == expected
    assert border >= 2, "a quiet zone of at least two modules"


@pytest.mark.parametrize("kiosk_mode", [True, False])
async def test_qr_code_of_a_resource_matches_segno(kiosk_mode, tmp_path):
    resource = _resource_with(url=True, phone=True)
    app = kiosk_app() if kiosk_mode else make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resource(resource.id)
        await pilot.pause()
        assert isinstance(app.screen, ResourceScreen)
        text = str(app.screen.query_one("#resource-text").render())
        assert resource.url in text and "QR code" in text
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QrScreen)
        _cells_match_segno(screen.lines, qr_data(resource.url))
        # What is on the screen is those very lines, cell for cell, black on white.
        region = screen.query_one("#qr-code").region
        strips = screen_strips(app.screen)
        on_screen = [strip.text[region.x:region.right] for strip in strips[region.y:region.bottom]]
        assert on_screen == screen.lines
        code = screen.query_one("#qr-code", Static)
        visual = code.render()
        assert "\u2588" in str(visual)
        assert QR_STYLE.color.name == "#000000" and QR_STYLE.bgcolor.name == "#ffffff"
        # It fits an 80x24 screen whole.
        assert len(screen.lines) <= SIZE[1] - 3
        assert "Point your phone camera" in status(app)
        # The phone number's code.
        await pilot.press("c")
        await pilot.pause()
        from metanav.qr import phone_uri

        _cells_match_segno(screen.lines, phone_uri(resource.phone))
        assert resource.phone in str(screen.query_one("#qr-caption", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ResourceScreen)


async def test_qr_code_keeps_its_colours_in_every_theme():
    resource = _resource_with(url=True, phone=True)
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        for theme in ("default", "high-contrast", "ansi"):
            app.theme = theme
            app.open_resource(resource.id)
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            strips = screen_strips(app.screen)
            styles = {
                (seg.style.color.triplet.hex if seg.style.color and seg.style.color.triplet else None,
                 seg.style.bgcolor.triplet.hex if seg.style.bgcolor and seg.style.bgcolor.triplet else None)
                for strip in strips for seg in strip if set(seg.text) & {"\u2580", "\u2584", "\u2588"}
            }
            assert styles == {("#000000", "#ffffff")}, theme
            await pilot.press("escape", "escape")
            await pilot.pause()


async def test_a_staff_key_on_ctrl_f_still_works_on_resources_where_ctrl_f_filters():
    """Ctrl+F is the resources filter's key and may also be a kiosk's staff exit key: the
    staff key wins there (the kiosk's binding is the app's, checked first)."""
    app = kiosk_app(KioskConfig(exit_key="ctrl+f", pin_hash=f"plain${PIN}"))
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press("down", "ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
