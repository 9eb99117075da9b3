"""The interface's words in Spanish: every marked string is in the catalogue, compiled, shown.

Strings are marked in the code with ``_()``, ``N_()`` or ``ngettext()`` (metanav/i18n.py);
Babel reads them out of the source here exactly as ``make messages`` does.
"""

from __future__ import annotations

import ast
import os
import re
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


# -- strings a person reads that never went through gettext -----------------------------------
# Calls whose string arguments someone reads: printed, said, shown, raised as a content or
# settings problem, argparse's help. A literal (or f-string) in them that is not wrapped in
# _(), N_() or ngettext() is English whatever the language.
SINKS = {"print", "say", "tell", "_say", "ask", "read_secret", "getpass", "add", "label",
         "choice", "Row", "Static", "Done", "Problem", "error", "KioskConfigError",
         "ArgumentTypeError", "add_argument", "add_parser", "ArgumentParser", "Binding",
         "append", "insert", "write", "ContentError", "notify", "update", "exit", "_done",
         "Item", "Section", "View", "HelpSection", "PromptScreen", "Confirm", "page"}
SINK_KEYWORDS = {None, "help", "description", "epilog", "words", "message", "more", "text",
                 "title", "prompt"}
_WORDS = re.compile(r"[A-Za-z]{3,}")
_PROSE = re.compile(r"^[\W\d]*[A-Za-z][a-z]*[\w'\-]*( [\w'(),:;.\-/]+)+")
# Literals the scan finds that no person reads as a sentence, each with why.
NOT_WORDS = {
    ("content/find.py", "{tags} : ("): "an FTS5 query, not words",
    ("kiosk.py", "pin_hash = "): "the kiosk.ini line staff copy, in the file's own syntax",
    ("content/prebuilt.py", "metanav prebuilt 4"): "the prebuilt cache's format mark",
    ("content/resource_table.py", "<ResourceTable of "): "a developer's repr",
    ("core/views.py", "English / Español"): "the first screen: both languages on purpose",
    ("core/views.py", "Press 1 for English. Oprima 2 para español."): "both languages",
    ("core/views.py", "Type 1 for English. Escriba 2 para español."): "both languages",
}


def _name(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _literals(node: ast.AST):
    """The string pieces of an expression that no gettext call wraps."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.JoinedStr):
        yield from (v for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        yield from _literals(node.left)
        yield from _literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.Call) and _name(node.func) not in KEYWORDS:
        if _name(node.func) in ("format", "strip", "rstrip", "replace") and \
                isinstance(node.func, ast.Attribute):
            yield from _literals(node.func.value)


def unmarked() -> list[str]:
    """Every English sentence the scan can find outside gettext: in a call that shows or says
    it (SINKS), returned from a function, or a module's UPPER_CASE constant."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        where = str(path.relative_to(SRC))
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            pieces = []
            if isinstance(node, ast.Call) and _name(node.func) in SINKS:
                args = [*node.args, *(k.value for k in node.keywords if k.arg in SINK_KEYWORDS)]
                pieces = [(c, " " in c.value and _WORDS.search(c.value))
                          for a in args for c in _literals(a)]
            elif isinstance(node, ast.Return) and node.value is not None:
                pieces = [(c, _PROSE.match(c.value.strip()) and len(c.value.split()) >= 2)
                          for c in _literals(node.value)]
            elif isinstance(node, ast.Assign) and all(
                    isinstance(t, ast.Name) and t.id.isupper() for t in node.targets):
                pieces = [(c, _PROSE.match(c.value.strip()) and len(c.value.split()) >= 3)
                          for c in _literals(node.value)]
            found += [f"{where}:{c.lineno}: {c.value!r}" for c, wordy in pieces
                      if wordy and (where, c.value) not in NOT_WORDS]
    return found


def test_no_string_a_person_reads_is_left_out_of_gettext():
    left = unmarked()
    assert not left, (f"{len(left)} strings are shown but not marked with _() or N_() "
                      "(metanav/i18n.py):\n" + "\n".join(left))


def test_the_scan_finds_an_unmarked_string(tmp_path, monkeypatch):
    """The scan itself: an unmarked sentence in each kind of place is found."""
    (tmp_path / "x.py").write_text(
        'def f(term, n):\n    term.say(f"Saved {n} items.")\n    return "Nothing here yet."\n'
        'WORDS = "Press any key to go on"\nOK = _("Marked words are fine.")\n', "utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    assert sorted(line.split(": ", 1)[1] for line in unmarked()) == [
        "' items.'", "'Nothing here yet.'", "'Press any key to go on'", "'Saved '"]
