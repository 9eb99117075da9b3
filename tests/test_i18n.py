"""The interface's words in Spanish: every marked string is in the catalogue, compiled, shown.

Strings are marked in the code with ``_()``, ``N_()`` or ``ngettext()`` (metanav/i18n.py);
Babel reads them out of the source here exactly as ``make messages`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from metanav import i18n

SRC = Path(i18n.__file__).resolve().parent
LANGS = ("es",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def marked() -> dict[str, str]:
    """Every marked message in the source (its first form), with where it stands."""
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message[0] if isinstance(message, tuple) else message
        found.setdefault(key, f"{filename}:{lineno}")
    return found


def catalogue(lang: str):
    with (SRC / "locale" / lang / "LC_MESSAGES" / "metanav.po").open("rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("lang", LANGS)
def test_every_marked_string_is_translated(lang):
    cat = catalogue(lang)
    missing = []
    for message, where in marked().items():
        entry = cat.get(message)
        strings = entry.string if entry is not None else ""
        texts = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(texts):
            missing.append(f"{where}: {message!r}")
    assert not missing, (
        f"{len(missing)} interface strings have no {lang} translation "
        "(run `make messages` and translate them):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogue_matches_the_po_file(lang):
    """What gettext reads (.mo, made by the build hook) says what the .po file says."""
    mo_path = SRC / "locale" / lang / "LC_MESSAGES" / "metanav.mo"
    assert mo_path.exists(), "the .mo file is made when the package is installed or built"
    with mo_path.open("rb") as fh:
        compiled = read_mo(fh)
    po = catalogue(lang)
    for message in po:
        if message.id and not message.fuzzy:
            assert compiled.get(message.id) is not None, message.id
            strings = compiled[message.id].string
            if isinstance(message.string, tuple):  # plural forms: read_mo gives a list
                strings = tuple(strings)
            assert strings == message.string, message.id


def test_set_language_switches_the_words_and_back():
    try:
        i18n.set_language("es")
        assert i18n._("Goodbye.") == "Adiós."
        assert i18n.language() == "es"
        i18n.set_language("en")
        assert i18n._("Goodbye.") == "Goodbye."
    finally:
        i18n.set_language("en")


def test_plain_mode_in_spanish_says_goodbye_in_spanish(tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "METANAV_STATE_DIR": str(tmp_path),
           "METANAV_CACHE_DIR": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    proc = subprocess.run([sys.executable, "-m", "metanav", "--plain", "--lang", "es"],
                          input="q\n", capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("Adiós.")


def test_kiosk_ini_sets_the_clinics_language_and_each_new_person_starts_in_it():
    from metanav.content.load import bundled_data_dir, load_library
    from metanav.core import actions
    from metanav.kiosk import KioskConfigError, parse_config
    from metanav.session import Session
    from metanav.state.store import Store

    assert parse_config("[kiosk]\nlanguage = es\n").language == "es"
    assert parse_config("[kiosk]\nlanguage = Español\n").language == "es"
    with pytest.raises(KioskConfigError, match="language"):
        parse_config("[kiosk]\nlanguage = klingon\n")
    session = Session(library=load_library(), store=Store.memory(), kiosk=True,
                      folders=(bundled_data_dir(),), start_lang="es")
    try:
        session.use_language("es")
        session.use_language("en")  # the person switched to English
        assert session.lang == "en"
        done = actions.clear_session(session)
        assert session.lang == "es" and i18n.language() == "es"
        assert done.words == "Su sesión se borró. No se guarda nada de lo que miró."
    finally:
        i18n.set_language("en")
