"""What both faces share for one run: the content, the person's state and the rules in force."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from metanav.content.model import Library
from metanav.core.policy import Policy
from metanav.kiosk import KioskConfig
from metanav.state.store import Store

# Colour themes of the full-screen app (tui/themes.py defines them; --theme takes these names).
THEME_NAMES = ("default", "high-contrast", "ansi")


@dataclass(slots=True)
class Session:
    library: Library
    store: Store
    policy: Policy = field(default_factory=Policy)
    kiosk: bool = False
    theme: str = ""
    screen_reader: bool | None = None  # --screen-reader / METANAV_SCREEN_READER; None: not said
    reader_found: str | None = None  # the screen reader found running ("" none); None: not looked
    told_reader_found: bool = False  # FOUND said once (screen_reader_found.py)
    notices: list[str] = field(default_factory=list)
    kiosk_config: KioskConfig | None = None  # kiosk mode's settings (staff exit, idle time)
    folders: tuple[Path, ...] = ()  # the content folders, bundled first (for translations)
    start_lang: str = ""  # a kiosk's language: each new person starts in it again
    undo: object | None = None  # the last removal, until the next change (core/actions.Undo)
    # Offer "English / Español" on the first screen: a first run whose language nobody chose
    # (not --lang, not METANAV_LANG, nothing saved), and a kiosk at its start and after every
    # reset (unless --lang or METANAV_LANG decided it). See core/actions.choose_language.
    ask_language: bool = False
    translations: dict[str, Library] = field(default_factory=dict)  # see use_language

    def screen_reader_setting(self) -> tuple[bool, bool]:
        """Whether the screen-reader setting is on, and whether that is only because a screen
        reader was found. --screen-reader or METANAV_SCREEN_READER first, then the saved
        setting (someone who turned it off with Ctrl+S keeps it off), then a console screen
        reader found running (looked for once a run), then off. What was found is never saved
        as the person's setting: only Ctrl+S saves it."""
        if self.screen_reader is not None:
            return self.screen_reader, False
        saved = self.store.setting("screen_reader")
        if saved is not None:
            return bool(saved), False
        if self.reader_found is None:
            from metanav.screen_reader_found import screen_reader_found

            self.reader_found = screen_reader_found()
        return bool(self.reader_found), bool(self.reader_found)

    @property
    def lang(self) -> str:
        return self.library.lang

    def use_language(self, lang: str) -> None:
        """Show the content in ``lang`` ("en", "es") from now on."""
        from metanav.content.translation import translate
        from metanav.i18n import set_language

        # Made once per language and kept: a kiosk's visitors switch at every reset.
        library = self.translations.get(lang)
        if library is None:
            library = self.translations[lang] = translate(self.library, self.folders, lang)
        self.library = library
        set_language(lang)
