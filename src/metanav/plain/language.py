"""Plain mode's first screen on a kiosk (after every reset) and on a first run: the language.

    English / Español
    Choose a language. Elija un idioma.
    1. English
    2. Español
    Type 1 for English. Escriba 2 para español. [default: 1]:

Every word is in both languages, for someone who reads only one (core/views.py). A number, or
the language's name, chooses; Enter alone keeps the language shown now (the clinic's, or the
locale's). The choice is remembered for next time, except on a kiosk (core/actions.py).
"""

from __future__ import annotations

from metanav.core import actions, views
from metanav.plain.base import Page, Screen

# What people may type instead of the number: names of each language, with and without accents.
NAMES = {"en": ("english", "inglés", "ingles", "en", "e"),
         "es": ("español", "espanol", "spanish", "es", "esp", "s")}


class LanguageScreen(Screen):
    NAME = views.LANGUAGE_TITLE  # in both languages, as every word here

    def title(self) -> str:
        return views.LANGUAGE_TITLE

    def build(self, page: Page) -> None:
        view = views.language_choice()
        for line in view.lines:
            page.add(line)
        for item in view.items():
            page.choice(item.text, lambda key=item.key: self.choose(key.partition(":")[2]))

    def summary(self) -> str:
        return views.LANGUAGE_HINT_PLAIN

    def default(self) -> tuple[str, object]:
        keys = [item.key.partition(":")[2] for item in views.language_choice().items()]
        lang = self.session.lang if self.session.lang in keys else keys[0]
        return str(keys.index(lang) + 1), lambda: self.choose(lang)

    def own_prompt(self) -> tuple[str, str]:
        return views.LANGUAGE_HINT_PLAIN, f"[{self.default()[0]}]:"

    def free_text(self, answer: str) -> bool | None:
        word = answer.strip().lower()
        for lang, names in NAMES.items():
            if word in names:
                return self.choose(lang)
        return None

    def choose(self, lang: str) -> bool:
        """Take this screen away, and show home in the language chosen."""
        before = self.session.library
        done = actions.choose_language(self.session, lang)
        if self in self.shell.stack:
            self.shell.stack.remove(self)
        self.shell.language_changed(before)
        if not done.ok:
            self.shell.notices.extend(done.lines())
        return True
