"""The interface's words in the person's language, through the standard library's gettext.

Every word metanav shows that is not content (screens, prompts, key bar, help, confirmations,
errors) is written in English in the code and wrapped: ``_("Saved.")`` where it is shown, or
``N_("Saved.")`` where it is defined at import time (a constant, a command table), and then
``_(CONSTANT)`` where it is shown. ``ngettext`` chooses singular or plural.

The catalogues live in ``locale/<lang>/LC_MESSAGES/metanav.po``. Babel extracts the words
(``make messages``) and compiles ``.mo`` files (``make catalogues``, and the wheel's build hook
in ``hatch_build.py``), which are what gettext reads. A word missing from a catalogue is shown
in English; ``tests/test_i18n.py`` fails when one is missing.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

DOMAIN = "metanav"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_lang = "en"


def set_language(lang: str) -> None:
    """Show the interface in ``lang`` ("en", "es") from now on."""
    global _current, _lang
    _lang = lang
    if lang == "en":
        _current = gettext.NullTranslations()
        return
    _current = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def language() -> str:
    return _lang


def _(message: str) -> str:
    """``message`` in the interface's language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural of a message, for ``n``, in the interface's language."""
    return _current.ngettext(singular, plural, n)


def in_both_languages(message: str) -> str:
    """"Back / Atrás": a message in English and in Spanish, for the screen that asks which
    language to use (someone there may read only one of them)."""
    spanish = _spanish().gettext(message)
    return message if spanish == message else f"{message} / {spanish}"


@functools.cache
def _spanish() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=["es"], fallback=True)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet (import-time text)."""
    return message
