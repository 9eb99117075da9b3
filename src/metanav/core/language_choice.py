"""Choosing the language metanav is shown in: the first run's choice, and the key that
switches English and Español on any screen (i), in both faces.

Which language a run starts in is decided in metanav/language.py; these are the actions that
change it afterwards, reached through core/actions.py as every action is. Plain Python:
never imports Textual.
"""

from __future__ import annotations

from metanav.core.done import Done, saved
from metanav.i18n import N_, _
from metanav.session import Session

# The setting that remembers a person's language (never in kiosk mode).
LANGUAGE = "language"
# Said in the language just chosen, so each is written in its own words (not through gettext).
NOW_IN = {"en": "Now in English. Press i for Español.",
          "es": "Ahora en español. Oprima i para English."}
CANNOT_SWITCH = N_("The words for {language} could not be read: a content file has a problem. "
                   "Staff can run metanav check-data to find it.")


def choose_language(session: Session, lang: str) -> Done:
    """Show metanav in ``lang`` ("en", "es") from now on, remembered for next time (never on a
    kiosk: the next person starts in the clinic's language). A broken translation file
    leaves the language as it was and says so, in words, instead of ending metanav."""
    from metanav.content.load import ContentError
    from metanav.content.translation import LANGUAGE_NAMES

    if lang != session.lang:
        try:
            session.use_language(lang)
        except ContentError:
            return Done(_(CANNOT_SWITCH).format(language=LANGUAGE_NAMES.get(lang, lang)),
                        ok=False)
    if session.kiosk:
        return Done(NOW_IN.get(lang, ""))
    session.ask_language = False  # asked once, on a first run
    return saved(session.store.set_setting(LANGUAGE, lang), NOW_IN.get(lang, ""))


def other_language(session: Session) -> str:
    """The language the language key switches to: the next one metanav has."""
    from metanav.language import SUPPORTED

    return SUPPORTED[(SUPPORTED.index(session.lang) + 1) % len(SUPPORTED)] \
        if session.lang in SUPPORTED else SUPPORTED[0]


def other_language_name(session: Session) -> str:
    """The other language, named in itself ("Español", "English"), for the key bar and prompt."""
    from metanav.content.translation import LANGUAGE_NAMES

    return LANGUAGE_NAMES[other_language(session)]


def switch_language(session: Session) -> Done:
    """The language key (i): English to Español and back, from any screen."""
    return choose_language(session, other_language(session))
