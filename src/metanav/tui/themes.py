"""The full screen's colour themes: a calm default, a high-contrast theme (every text pair at
least 7:1, tested) and "ansi", which uses the terminal's own 16 colours. NO_COLOR draws none
(tui/no_colour.py)."""

from __future__ import annotations

import os

from textual.theme import Theme

from metanav.session import THEME_NAMES

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


def choose_theme(explicit: str, saved: str | None) -> str:
    """--theme, then METANAV_THEME, then the saved setting, then the default."""
    for candidate in (explicit, os.environ.get("METANAV_THEME", ""), saved or ""):
        if candidate in THEME_NAMES:
            return candidate
    return "default"


def ansi_theme() -> Theme:
    """Textual's ansi-dark under the name --theme takes."""
    from textual.theme import BUILTIN_THEMES

    base = BUILTIN_THEMES["ansi-dark"]
    return Theme(**{**base.__dict__, "name": "ansi"})
