"""q at plain mode's "More" prompt names the items it skipped: "Not read out: 20 to 31.", and
for one item "Not read out: 31." (it said "31 to 31"), in English and Spanish."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from kiosk_pty import PYTHON, Kiosk, clean_env
from metanav.content.load import bundled_data_dir
from metanav.content.translation import translate
from metanav.plain.shell import Shell
from metanav.plain.term import Term
from metanav.session import Session
from metanav.state.store import Store
from plain_helpers import home_numbers
from tui_helpers import bundled_library

LIB = bundled_library()
RESOURCES = str(home_numbers(LIB)["resources"])
LAST = len(LIB.resources)
SKIPPED = re.compile(r"(Not read out|No se leyó): [^\n]*")


def skipped_at(height: int, lang: str = "en") -> str:
    """What q at the first "More" on the resources list says, on a terminal this tall."""
    from metanav import i18n

    class Paged(Term):
        width = 80

        def __init__(self) -> None:
            super().__init__(io.StringIO(f"{RESOURCES}\nq\nq\nq\n"), io.StringIO())
            self.paging, self.typing = True, False

    Paged.height = height  # type: ignore[misc]  # Term's is a property: the terminal's

    term = Paged()
    lib = LIB if lang == "en" else translate(LIB, (bundled_data_dir(),), lang)
    i18n.set_language(lang)
    try:
        Shell(Session(library=lib, store=Store.memory()), term).run()
    finally:
        i18n.set_language("en")
    found = SKIPPED.search(term.stdout.getvalue())
    return found.group(0) if found else ""


def one_left_height(lang: str = "en") -> int:
    for height in range(10, LAST + 20):
        if re.match(rf"[^:]+: (el |del )?{LAST}( to {LAST}| al {LAST})?\.",
                    skipped_at(height, lang)):
            return height
    raise AssertionError("no height leaves exactly one resource unread")


def test_one_item_skipped_is_named_alone_and_a_range_as_a_range():
    height = one_left_height()
    assert skipped_at(height) == f"Not read out: {LAST}. r reads it all."
    assert skipped_at(height - 1) == f"Not read out: {LAST - 1} to {LAST}. r reads it all."


@pytest.mark.parametrize(("lang", "said"), [
    ("en", f"Not read out: {LAST}. r reads it all."),
    ("es", f"No se leyó: el {LAST}. r lo lee todo."),
])
def test_in_a_real_terminal_in_both_languages(tmp_path: Path, lang, said):
    home, state = tmp_path / "home", tmp_path / "state"
    home.mkdir()
    state.mkdir()
    child = Kiosk([PYTHON, "-I", "-m", "metanav", "--plain", "--lang", lang],
                  clean_env(home, METANAV_STATE_DIR=str(state)), tmp_path,
                  rows=one_left_height(lang))
    try:
        assert child.wait_for("q", 20)
        child.send(f"{RESOURCES}\r".encode(), settle=1.5)
        child.send(b"q", settle=0.3)
        child.send(b"\r", settle=1.5)
        text = " ".join(child.text().split())
        assert said in text, child.text()
    finally:
        child.close()
