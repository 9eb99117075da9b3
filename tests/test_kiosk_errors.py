"""A full-screen kiosk stays up through metanav's own bugs (Pilot): the person's session is
cleared, home says "Something went wrong. metanav started again.", staff find the error in
kiosk-errors.log; errors in a tight loop end it (exit 70) for systemd to restart.

The failures are injected by replacing a real method with one that raises (monkeypatch), on
paths a person reaches with a key: no hook in metanav itself."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from metanav import kiosk_errors
from metanav.core.views import topic_groups
from metanav.kiosk import KioskConfig
from metanav.tui.app import MetanavApp
from metanav.tui.screens.help import HelpScreen
from metanav.tui.screens.home import HomeScreen
from metanav.tui.textual_internals import is_ending
from tui_helpers import bundled_library, make_session, open_from_home, screen_text, status, wait_for

SIZE = (80, 24)
SECRET = "my-private-words-4471"  # in the error's own message: must never reach the log


def kiosk_app() -> MetanavApp:
    config = KioskConfig(pin_hash="plain$4711", idle_seconds=60, countdown_seconds=10)
    session = make_session(None, kiosk=True, kiosk_config=config, policy=config.policy())
    return MetanavApp(session, clock=lambda: 1000.0, kiosk_tick=0.01)


def log_text() -> str:
    path = Path(os.environ["METANAV_RUNTIME_DIR"]) / kiosk_errors.LOG_NAME
    return path.read_text() if path.exists() else ""


def fail(*args, **kwargs):
    raise RuntimeError(SECRET)


async def open_a_topic_and_bookmark_it(app, pilot) -> str:
    topic = next(iter(topic_groups(bundled_library()).values()))[0]
    await open_from_home(pilot, topic.id)
    await pilot.press("b")
    assert app.session.store.is_bookmarked("topic", topic.id)
    assert topic.title in screen_text(app)
    return topic.title


def started_afresh(app, title: str) -> None:
    assert app.is_running and app.return_code is None and not is_ending(app)
    assert isinstance(app.screen, HomeScreen) and len(app.screen_stack) == 1
    assert status(app) == "Something went wrong. metanav started again."
    assert app.session.store.bookmarks() == []
    text = screen_text(app)
    assert title not in text and "Traceback" not in text and SECRET not in text


@pytest.mark.parametrize("where", ["a key's action", "a screen being drawn"])
async def test_an_error_starts_the_person_afresh_at_home(monkeypatch, where):
    if where == "a key's action":  # runs in the app's own handler (MetanavApp.on_event)
        monkeypatch.setattr(MetanavApp, "open_help", fail)
    else:  # runs in the help screen's handler (textual_internals.RecoverableErrors)
        monkeypatch.setattr(HelpScreen, "compose", fail)
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        title = await open_a_topic_and_bookmark_it(app, pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.kiosk.resets == 1 and status(app) != "")
        started_afresh(app, title)
        # Still a working kiosk: keys work, and the idle clock runs again after a key.
        await open_a_topic_and_bookmark_it(app, pilot)
        assert app.kiosk.clock_timer is not None
    logged = log_text()
    assert "kiosk (full screen): unexpected RuntimeError" in logged
    assert ".py:" in logged and SECRET not in logged


async def test_the_sentence_is_in_the_persons_language(monkeypatch):
    monkeypatch.setattr(MetanavApp, "open_help", fail)
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.switch_language()  # the person chose Spanish; the clinic's is English
        await pilot.pause()
        await pilot.press("f1")
        await wait_for(pilot, lambda: app.kiosk.resets == 1)
        await pilot.pause(0.1)
        assert status(app) == "Algo salió mal. metanav volvió a empezar."
        assert isinstance(app.screen, HomeScreen)


async def test_errors_in_a_tight_loop_end_the_kiosk_for_a_restart(monkeypatch):
    monkeypatch.setattr(MetanavApp, "open_help", fail)
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        for n in range(1, kiosk_errors.TOO_MANY):
            await pilot.press("f1")
            await wait_for(pilot, lambda n=n: app.kiosk.resets == n)
            assert app.is_running and not is_ending(app)
        await pilot.press("f1")
        await pilot.pause(0.1)
        assert app.return_code == kiosk_errors.EXIT_TOO_MANY and is_ending(app)
    assert log_text().count("unexpected RuntimeError") == kiosk_errors.TOO_MANY


async def test_outside_a_kiosk_an_error_still_ends_the_app(monkeypatch, state_dir):
    from tui_helpers import make_app

    monkeypatch.setattr(MetanavApp, "open_help", fail)
    app = make_app(state_dir)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause(0.1)
    assert app.return_code == 1
    assert log_text() == ""


async def test_without_textuals_internals_the_app_ends_and_run_starts_a_new_one(monkeypatch):
    """The public fallback: with textual_internals off, Textual's own handler ends the app on
    a screen's error (no traceback shown: the kiosk's error console is not the screen), and
    the kiosk says it ended on an error, so tui.app.run starts a new app."""
    from metanav.tui import textual_internals

    monkeypatch.setenv(textual_internals.OFF, "off")
    monkeypatch.setattr(HelpScreen, "compose", fail)
    app = kiosk_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause(0.2)
    assert app.return_code == 1
    assert app.kiosk.ended_by_error(app.return_code)
    assert "unexpected EndedOnError" in log_text()
    monkeypatch.delenv(textual_internals.OFF)
    textual_internals.check_at_start(app)


def test_run_starts_a_new_app_after_an_error_and_ends_after_too_many(monkeypatch):
    """tui.app.run: an app that ended on an error is followed by a new one with the person's
    session cleared, until errors come too fast (then exit code 70)."""
    from metanav.tui import app as tui_app

    made: list[MetanavApp] = []

    class Crashing(MetanavApp):
        def run(self, **kwargs):
            made.append(self)
            self.kiosk.errors.record(RuntimeError())
            self.kiosk.crashed = True
            return 1

    monkeypatch.setattr(tui_app, "MetanavApp", Crashing)
    config = KioskConfig(pin_hash="plain$4711")
    session = make_session(None, kiosk=True, kiosk_config=config, policy=config.policy())
    session.store.toggle_bookmark("topic", next(iter(bundled_library().topics)))
    assert session.store.bookmarks()
    assert tui_app.run(session) == kiosk_errors.EXIT_TOO_MANY
    assert len(made) == kiosk_errors.TOO_MANY
    assert all(app.kiosk.errors is made[0].kiosk.errors for app in made)
    assert session.store.bookmarks() == []


async def test_an_error_that_comes_back_at_every_fresh_start_ends_the_kiosk(monkeypatch):
    """The home screen itself fails each time the person is started afresh: counted, and
    after five in a minute the kiosk ends (exit 70) instead of spinning."""
    monkeypatch.setattr(MetanavApp, "open_help", fail)
    app = kiosk_app()
    async with app.run_test(size=SIZE):
        monkeypatch.setattr(HomeScreen, "compose", fail)
        app.call_later(app.open_help)  # as F1 does (Pilot's keys wait for the failed screen)
        for _ in range(250):
            if is_ending(app):
                break
            await asyncio.sleep(0.02)
        assert app.return_code == kiosk_errors.EXIT_TOO_MANY
    assert log_text().count("kiosk (full screen): unexpected") == kiosk_errors.TOO_MANY
