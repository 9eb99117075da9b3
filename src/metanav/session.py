"""What both faces share for one run: the content, the person's state and the rules in force."""

from __future__ import annotations

from dataclasses import dataclass, field

from metanav.content.model import Library
from metanav.kiosk import KioskConfig
from metanav.state.store import Store

# Colour themes of the full-screen app (tui/app.py defines them; --theme takes these names).
THEME_NAMES = ("default", "high-contrast", "ansi")


@dataclass(frozen=True, slots=True)
class Policy:
    """Switches for what a person may do (lynx-style restrictions). Kiosk mode turns them off."""

    export: bool = True  # write my list to a file
    print: bool = True  # show my list as a printable page
    open_links: bool = False  # metanav never starts a browser; addresses are shown as text
    own_notes: bool = True  # own questions and answer notes
    quit: bool = True  # leave the app with q / Ctrl+C / Ctrl+D

    def refusal(self) -> str:
        return "That is not available here."


@dataclass(slots=True)
class Session:
    library: Library
    store: Store
    policy: Policy = field(default_factory=Policy)
    kiosk: bool = False
    theme: str = ""
    notices: list[str] = field(default_factory=list)
    kiosk_config: KioskConfig | None = None  # kiosk mode's settings (staff exit, idle time)
