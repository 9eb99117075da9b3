"""Hostile text is shown harmlessly, and the themes keep text readable (WCAG contrast)."""

from __future__ import annotations

import json

import pytest
from textual.color import Color

from metanav.content.load import load_library
from metanav.session import THEME_NAMES
from metanav.tui.app import MetanavApp
from metanav.tui.screens.questions import MyListScreen
from metanav.tui.screens.resources import ResourceScreen, ResourcesScreen
from metanav.tui.themes import HIGH_CONTRAST_THEME, choose_theme
from tui_helpers import make_app, open_my_list, screen_text

HOSTILE = "[@click=app.quit]Q [link=https://evil.example]L[/link] \\e]0;x\\a \\e[2J \\x9b done"
SHOWN = "[@click=app.quit]Q [link=https://evil.example]L[/link]"


@pytest.fixture
def hostile_data(tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    (folder / "resources.yaml").write_text(
        f"""resources:
  - id: R-EVIL
    name: "Evil {HOSTILE}"
    organisation: "Org {HOSTILE}"
    kinds: [information]
    language: en
    url: https://clinic.example.org/help
    phone: 555-0100
    description: "About {HOSTILE}"
    topics: [what-is-metastatic-cancer]
""",
        encoding="utf-8",
    )
    return folder


def assert_harmless(text: str) -> None:
    assert "\x1b" not in text
    assert "\x9b" not in text
    assert "\x07" not in text


async def test_hostile_resource_is_shown_literally_and_app_keeps_running(tmp_path, hostile_data):
    library = load_library([hostile_data])
    app = make_app(tmp_path / "state", library)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_resources()
        await pilot.pause()
        assert isinstance(app.screen, ResourcesScreen)
        await pilot.press(*"evil")
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, ResourceScreen)
        text = screen_text(app)
        assert SHOWN in text
        assert "done" in text
        assert_harmless(text)
        await pilot.click("#resource-text")  # a click on "[@click=app.quit]" does nothing
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ResourceScreen)


async def test_hostile_note_and_own_question_are_shown_literally(tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    (state / "state.json").write_text(json.dumps({
        "schema": 1,
        "own_questions": [{"id": "own-1", "text": "Mine \x1b[2J [@click=app.quit]X"}],
        "checklist": {"own-1": {"chosen": True, "note": "Note \x1b]0;title\x07 \x9b[bold]B[/bold]"}},
    }), encoding="utf-8")
    app = make_app(state)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_my_list(app, pilot)
        assert isinstance(app.screen, MyListScreen)
        text = screen_text(app)
        assert "Mine [2J [@click=app.quit]X" in text  # ESC gone, the rest literal
        assert "[bold]B[/bold]" in text
        assert_harmless(text)
        assert app.is_running


# -- themes ------------------------------------------------------------------------------------
def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        c = Color.parse(colour)
        channels = []
        for v in (c.r, c.g, c.b):
            s = v / 255
            channels.append(s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# (text, background) pairs the stylesheet uses: body text, title, status line, highlighted
# row, blurred highlight, headings, footer keys and words, the block cursor.
PAIRS = [
    ("foreground", "background"),
    ("foreground", "panel"),
    ("foreground", "surface"),
    ("background", "primary"),
    ("foreground", "panel"),
    ("accent", "background"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
]


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p[0]}-on-{p[1]}")
def test_high_contrast_theme_pairs_are_at_least_7_to_1(pair):
    colours = HIGH_CONTRAST_THEME.to_color_system().generate()
    fg, bg = (colours[name] for name in pair)
    assert contrast(fg, bg) >= 7.0, f"{pair}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


def test_contrast_formula_is_right():
    assert round(contrast("#FFFFFF", "#000000"), 1) == 21.0
    assert round(contrast("#777777", "#FFFFFF"), 2) == 4.48


def test_theme_choice_order(monkeypatch):
    monkeypatch.delenv("METANAV_THEME", raising=False)
    assert choose_theme("", None) == "default"
    assert choose_theme("", "ansi") == "ansi"
    monkeypatch.setenv("METANAV_THEME", "high-contrast")
    assert choose_theme("", "ansi") == "high-contrast"
    assert choose_theme("ansi", "default") == "ansi"
    assert choose_theme("no-such-theme", None) == "high-contrast"


async def test_every_theme_starts_and_f2_cycles_and_is_saved(tmp_path):
    for name in THEME_NAMES:
        app = make_app(tmp_path, theme=name)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.theme == name
    app = make_app(tmp_path)
    assert isinstance(app, MetanavApp)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        assert app.theme == "high-contrast"
    saved = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert saved["settings"]["theme"] == "high-contrast"
