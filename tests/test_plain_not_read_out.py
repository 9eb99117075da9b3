"""q at plain mode's "More" prompt names the items it skipped: "Not read out: 21 to 31.", and
for one item "Not read out: 31." (it said "31 to 31"), in English and Spanish. The resources
list is read ten at a time, so the items left after each "more" do not depend on the height."""

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


def skipped_at(enters: int, lang: str = "en", height: int = 24) -> str:
    """What q says on the resources list after Enter at ``enters`` "More" prompts."""
    from metanav import i18n

    class Paged(Term):
        width = 80

        def __init__(self) -> None:
            super().__init__(io.StringIO(f"{RESOURCES}\n" + "\n" * enters + "q\nq\nq\n"),
                             io.StringIO())
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


# Enter at this many "More" prompts reaches the one before the last run of ten (item 31
# alone, when there are 31).
LAST_RUN = (LAST - 1) // 10 - 1


def test_one_item_skipped_is_named_alone_and_a_range_as_a_range():
    assert LAST % 10 == 1, "the bundled list no longer ends in a run of one: change LAST_RUN"
    assert skipped_at(0) == "Not read out: 11 to 31. r reads it all."
    assert skipped_at(LAST_RUN - 1) == f"Not read out: {LAST - 10} to {LAST}. r reads it all."  # 21
    assert skipped_at(LAST_RUN) == f"Not read out: {LAST}. r reads it all."
    for height in (18, 40, 60):  # ten at a time on any terminal a run fits
        assert skipped_at(0, height=height) == "Not read out: 11 to 31. r reads it all."


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
                  rows=24)
    try:
        assert child.wait_for("q", 20)
        child.send(f"{RESOURCES}\r".encode(), settle=1.5)
        for _more in range(LAST_RUN):
            child.send(b"\r", settle=1.0)
        child.send(b"q", settle=0.3)
        child.send(b"\r", settle=1.5)
        text = " ".join(child.text().split())
        assert said in text, child.text()
    finally:
        child.close()
