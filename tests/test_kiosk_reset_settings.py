"""A kiosk reset puts back the clinic's own settings: nothing a visitor switched on stays for
the next person (newcomer QA, second round: Ctrl+S, then Done - clear, and the next person's
key bar still said "Question mark Help", with no colours)."""

from __future__ import annotations

from metanav import kiosk
from metanav.tui.app import MetanavApp
from test_kiosk_tui import PIN, kiosk_app, wait_for
from tui_helpers import make_session, screen_text, status

SIZE = (80, 24)


async def _done_clear(app, pilot) -> None:
    await pilot.press("f10", "y")
    await wait_for(pilot, lambda: app.kiosk.resets == 1 and status(app) == kiosk.CLEARED)


async def test_a_visitors_screen_reader_setting_ends_with_the_reset():
    app = kiosk_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen_reader
        assert "Question mark Help" in screen_text(app).splitlines()[-1]
        await _done_clear(app, pilot)
        assert not app.screen_reader
        last = screen_text(app).splitlines()[-1]
        assert "? Help" in last and "Question mark" not in last


async def test_a_screen_reader_kiosk_keeps_its_setting_through_a_reset():
    # The clinic started it with --screen-reader: that is the kiosk's own setting.
    from metanav.kiosk import KioskConfig

    config = KioskConfig(pin_hash=f"plain${PIN}", idle_seconds=60, countdown_seconds=10)
    session = make_session(None, kiosk=True, kiosk_config=config, policy=config.policy(),
                           screen_reader=True)
    app = MetanavApp(session, kiosk_tick=0.01)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")  # a visitor turns it off...
        await pilot.pause()
        assert not app.screen_reader
        await _done_clear(app, pilot)
        assert app.screen_reader  # ...and the next person has it again
        assert "Question mark Help" in screen_text(app).splitlines()[-1]


