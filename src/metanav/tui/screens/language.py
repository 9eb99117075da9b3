"""The first screen of a kiosk (after every reset) and of a first run: "English / Español".

Every word is in both languages, for someone who reads only one (core/views.py), the key
bar's too. One key
chooses: 1 or 2 (or e, s); the arrow keys and Enter work too, and Enter alone keeps the
language shown now, which is highlighted. Escape or Backspace keeps it as well. The choice is
remembered for next time, except on a kiosk (core/actions.py).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from metanav.core import views
from metanav.i18n import N_, in_both_languages
from metanav.tui.screens.base import ListScreen, plain
from metanav.tui.widgets.lean_list import LeanList, Row

# Nothing to clear yet, and "Done / Terminé" fits 40 columns beside Help.
SHORTER = {"done": N_("Done")}
# One letter each, as well as the numbers: the first letter of the language's own name.
LETTERS = {"e": "en", "s": "es"}


class LanguageScreen(ListScreen):
    AUTO_FOCUS = "#language-list"
    # The key bar in both languages too ("Back / Atrás"): nobody has chosen one yet. Where
    # the line is too short for all of it, Back goes (Enter keeps the language shown too).
    KEY_BAR_SPARE = ("back",)
    # (app.tcss gives the list two rows: no empty rows with a focus bar to read out.)

    def heading(self) -> str:
        return views.LANGUAGE_TITLE

    def compose_body(self) -> ComposeResult:
        view = views.language_choice()
        yield Static(plain(" ".join((*view.lines, views.LANGUAGE_HINT_FULL))), id="intro",
                     markup=False)
        rows = [Row(f"{n}. {item.text}", key=item.key.partition(":")[2])
                for n, item in enumerate(view.items(), 1)]
        yield LeanList(rows, wrap=True, id="language-list")

    def binding_words(self, binding) -> str | None:
        action = binding.action.rsplit(".", 1)[-1]
        return in_both_languages(SHORTER.get(action, binding.description))

    def on_mount(self) -> None:
        listed = self.main_list()
        listed.move_to(listed.index_of(self.session.lang) or 0)
        listed.show_all()  # both languages, with the screen-reader setting too
        self.say_reader_found()  # in the language shown now (the locale's)

    def on_key(self, event) -> None:
        keys = self.numbered_keys()
        if event.character and event.character.isdigit() and event.character in "123456789":
            number = int(event.character)
            if number <= len(keys):
                event.stop()
                self.choose(keys[number - 1])
            return
        if event.character and event.character.lower() in LETTERS:
            event.stop()
            self.choose(LETTERS[event.character.lower()])

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.choose(event.lean_list.rows[event.index].key)

    def choose(self, lang: str) -> None:
        # The app takes this screen away and redraws the others: not from this screen's own
        # handler, which would wait for itself.
        self.app.call_later(self.metanav.choose_language, lang, self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("switch_language", "search"):
            return False  # this screen is the choice of language, and nothing to search yet
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        """Escape or Backspace: keep the language shown now (asked again next time)."""
        self.app.pop_screen()
