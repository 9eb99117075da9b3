"""The full-screen face of metanav (Textual)."""

from __future__ import annotations

import os

from textual._compositor import CompositorUpdate
from textual.app import App
from textual.geometry import Offset
from textual.theme import Theme

from metanav.session import Session
from metanav.tui import bindings
from metanav.tui.delta import DeltaUpdate, Shadow
from metanav.tui.screens.base import BaseScreen
from metanav.tui.screens.home import HomeScreen

# Colours: a calm default, a high-contrast theme (every text pair >= 7:1, tested) and one that
# uses the terminal's own 16 colours.
DEFAULT_THEME = Theme(
    name="default",
    primary="#7AA2F7",
    secondary="#9ECE6A",
    accent="#E0AF68",
    foreground="#E6E6E6",
    background="#16181D",
    surface="#1E2128",
    panel="#2A2E38",
    warning="#E0AF68",
    error="#F7768E",
    success="#9ECE6A",
    dark=True,
)

HIGH_CONTRAST_THEME = Theme(
    name="high-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#000000",
    warning="#FFFF00",
    error="#FF8080",
    success="#80FF80",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
        "block-cursor-text-style": "bold",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "footer-background": "#000000",
        "input-selection-background": "#FFFF00 100%",
        "border": "#FFFFFF",
        "border-blurred": "#FFFFFF",
    },
)

THEMES = {"default": DEFAULT_THEME, "high-contrast": HIGH_CONTRAST_THEME}
THEME_NAMES = ("default", "high-contrast", "ansi")


def choose_theme(explicit: str, saved: str | None) -> str:
    """--theme, then METANAV_THEME, then the saved setting, then the default."""
    for candidate in (explicit, os.environ.get("METANAV_THEME", ""), saved or ""):
        if candidate in THEME_NAMES:
            return candidate
    return "default"


class MetanavApp(App, inherit_bindings=False):
    """metanav's full-screen app. Everything is reachable with the keyboard alone."""

    CSS_PATH = "app.tcss"
    TITLE = "metanav"
    BINDINGS = bindings.APP
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.animation_level = "none"
        for theme in THEMES.values():
            self.register_theme(theme)
        self.register_theme(_ansi_theme())
        self.theme = choose_theme(session.theme, session.store.setting("theme"))
        # Send only changed cells (see delta.py); METANAV_FULL_REDRAW=1 turns this off.
        self._shadow: Shadow | None = None if os.environ.get("METANAV_FULL_REDRAW") else Shadow()
        self._shown_cursor: Offset | None = None

    def _display(self, screen, renderable) -> None:  # type: ignore[override]
        shadow = self._shadow
        driver = self._driver
        if (
            shadow is not None
            and isinstance(renderable, CompositorUpdate)
            and driver is not None
            and not driver.is_inline
            and not self.is_headless
        ):
            width, height = self.size
            if (shadow.width, shadow.height) != (width, height):
                shadow.resize(width, height)
            data = shadow.diff(renderable, self.console)
            if data is not None:
                cursor = self.screen.outer_size.clamp_offset(self.cursor_position)
                if not data and cursor == self._shown_cursor:
                    return  # nothing changed on screen: send nothing at all
                self._shown_cursor = cursor
                renderable = DeltaUpdate(data)
        super()._display(screen, renderable)

    def action_redraw(self) -> None:
        """Send the whole screen again (if the terminal got garbled)."""
        if self._shadow is not None:
            self._shadow.invalidate()
        self.screen.refresh()

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    # -- navigation used by every screen --------------------------------------------------
    def open_topic(self, topic_id: str) -> None:
        from metanav.tui.screens.topic import TopicScreen

        topic = self.session.library.topics.get(topic_id)
        if topic is not None:
            self.push_screen(TopicScreen(topic))

    def open_resource(self, resource_id: str) -> None:
        from metanav.tui.screens.resources import ResourceScreen

        resource = self.session.library.resources.get(resource_id)
        if resource is not None:
            self.push_screen(ResourceScreen(resource))

    def open_questions(self) -> None:
        from metanav.tui.screens.questions import QuestionsScreen

        self.push_screen(QuestionsScreen())

    def open_resources(self) -> None:
        from metanav.tui.screens.resources import ResourcesScreen

        self.push_screen(ResourcesScreen())

    def open_bookmarks(self) -> None:
        from metanav.tui.screens.bookmarks import BookmarksScreen

        self.push_screen(BookmarksScreen())

    def open_help(self) -> None:
        from metanav.tui.screens.bookmarks import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def request_quit(self) -> None:
        if self.session.policy.quit:
            self.exit(0)
        elif isinstance(self.screen, BaseScreen):
            self.screen.say(self.session.policy.refusal())

    async def action_quit(self) -> None:
        self.request_quit()

    def action_cycle_theme(self) -> None:
        """Next colour theme; remembered for next time (not in kiosk mode)."""
        names = list(THEME_NAMES)
        current = names.index(self.theme) if self.theme in names else 0
        self.theme = names[(current + 1) % len(names)]
        result = self.session.store.set_setting("theme", self.theme)
        if isinstance(self.screen, BaseScreen):
            self.screen.report(result, f"Colours: {self.theme}.")


def _ansi_theme() -> Theme:
    from textual.theme import BUILTIN_THEMES

    base = BUILTIN_THEMES["ansi-dark"]
    return Theme(**{**base.__dict__, "name": "ansi"})


def run(session: Session) -> int:
    app = MetanavApp(session)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
