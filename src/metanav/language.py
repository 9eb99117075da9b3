"""Which language metanav speaks: English or Spanish.

In order: ``--lang``, then ``METANAV_LANG``, then the person's saved choice (never in kiosk
mode, which starts each person in the clinic's language: kiosk.ini's ``language =``), then the
locale, as gettext reads it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else English.

:func:`decide` says it once for a run (cli.py calls it), and whether the first screen should
offer the choice: not when ``--lang`` or ``METANAV_LANG`` decided it, nor once a person chose.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

SUPPORTED = ("en", "es")
DEFAULT = "en"


def code(value: str | None) -> str:
    """"es", "es_MX.UTF-8", "Spanish", "español" -> "es"; "" when it names no language we have."""
    if not value:
        return ""
    word = value.strip().lower().replace("-", "_")
    word = word.split(".")[0].split("@")[0].split("_")[0]
    aliases = {"english": "en", "spanish": "es", "espanol": "es", "español": "es"}
    word = aliases.get(word, word)
    return word if word in SUPPORTED else ""


def from_locale(environ: Mapping[str, str] = os.environ) -> str:
    """The language the locale asks for, the way gettext reads it; "" when none we have."""
    locale = ""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if environ.get(name):
            locale = environ[name]
            break
    if locale.split(".")[0] in ("C", "POSIX"):
        return ""  # the C locale means untranslated, whatever LANGUAGE says
    for part in environ.get("LANGUAGE", "").split(":"):
        if code(part):
            return code(part)
    return code(locale)


def choose(explicit: str | None, saved: str | None = None,
           environ: Mapping[str, str] = os.environ) -> str:
    """The language to use: see the module's docstring for the order."""
    for value in (explicit, environ.get("METANAV_LANG"), saved):
        if code(value):
            return code(value)
    return from_locale(environ) or DEFAULT


@dataclass(frozen=True, slots=True)
class Decision:
    lang: str
    fixed: bool = False  # --lang or METANAV_LANG said it: the first screen never asks
    saved: bool = False  # the person's own saved choice said it: not asked again


def decide(explicit: str | None, saved: str | None = None, default: str | None = None,
           environ: Mapping[str, str] = os.environ) -> Decision:
    """The language of a run: ``explicit`` (--lang), METANAV_LANG, ``saved`` (the person's
    choice; None on a kiosk), ``default`` (a kiosk's kiosk.ini), the locale, else English."""
    for value in (explicit, environ.get("METANAV_LANG")):
        if code(value):
            return Decision(code(value), fixed=True)
    if code(saved):
        return Decision(code(saved), saved=True)
    return Decision(code(default) or from_locale(environ) or DEFAULT)
