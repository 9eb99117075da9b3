"""Home's crisis lines fit one line each at 80 columns, in English and Spanish, in both faces.

A two-line crisis item made an arrow key onto it cost 198-274 bytes over SSH (issue 15: at
most 136), since moving the highlight resends every character of both items. So the home
text of each line (its name and phone_note, core/views.crisis_words) is short, and what no
longer fits there (the chat, texting AYUDA) is on the line's own page. check-data warns when
a clinic's crisis line would take two lines.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from metanav import i18n
from metanav.content.load import bundled_data_dir, load_library
from metanav.content.translation import translate
from metanav.core.views import crisis_lines, crisis_words
from plain_helpers import run_plain
from tui_helpers import make_app, screen_text

# What a person needs to know on each line's page, in each language (the sources are the
# comments beside R-HELP-04 and R-HELP-05 in data/resources.yaml).
FACTS = {
    "en": {"R-HELP-04": ["988", "In the US", "call or text 988", "any time",
                         "chat at 988lifeline.org"],
           "R-HELP-05": ["988", "EE. UU.", "oprima 2", "a toda hora", "AYUDA por texto al 988"]},
    "es": {"R-HELP-04": ["988", "EE. UU.", "a toda hora", "enviar un texto al 988",
                         "chatear en 988lifeline.org"],
           "R-HELP-05": ["988", "EE. UU.", "oprima 2", "a toda hora", "AYUDA por texto al 988"]},
}


def library(lang: str):
    english = load_library()
    return english if lang == "en" else translate(english, (bundled_data_dir(),), lang)


@pytest.fixture
def english_after():
    yield
    i18n.set_language("en")


def lines_of(text: str) -> list[str]:
    return [" ".join(line.replace("█", " ").split()) for line in text.splitlines()]


def one_line_each(shown: list[str], lib) -> list[str]:
    """The crisis items that are not whole on one line of ``shown``."""
    items = [crisis_words(r) for r in crisis_lines(lib)]
    assert items, "the bundled content has crisis lines"
    return [item for item in items if not any(item in line for line in shown)]


@pytest.mark.parametrize("lang", ["en", "es"])
async def test_full_screen_home_shows_each_crisis_line_on_one_line(tmp_path, lang, english_after):
    lib = library(lang)
    i18n.set_language(lang)
    app = make_app(tmp_path, library=lib, folders=(bundled_data_dir(),))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = lines_of(screen_text(app))
    assert not one_line_each(shown, lib), "\n".join(shown)
    assert any("988 Lifeline en español" in line for line in shown)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plain_home_shows_each_crisis_line_on_one_line(state_dir, lang):
    lib = library(lang)
    out = run_plain(state_dir, ["q"], "--lang", lang, COLUMNS="80").out
    shown = lines_of(out)
    assert not one_line_each(shown, lib), out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_what_left_the_home_line_is_on_the_lines_page(state_dir, lang):
    """Each crisis line's page, opened from home as a person would (2, back, 3, back)."""
    lib = library(lang)
    lines = crisis_lines(lib)
    answers = []
    for number, _line in enumerate(lines, 2):  # 1 is "Get help now"
        answers += [str(number), ""]
    out = run_plain(state_dir, [*answers, "q"], "--lang", lang, COLUMNS="80").out
    pages = out.split("Elija" if lang == "es" else "Choose")
    for resource in lines:
        pages = [" ".join(p.split()) for p in pages]
        page = next(p for p in pages if f"988 ({resource.phone_note})" in p)  # its phone
        for fact in FACTS[lang][resource.id]:
            assert fact in page, (resource.id, fact, page)


def test_check_data_warns_when_a_crisis_line_takes_two_lines(tmp_path):
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "resources.yaml").write_text(
        "resources:\n"
        "  - id: CLINIC-CRISIS\n"
        "    name: Example Clinic after-hours line\n"
        "    organisation: Example Clinic\n"
        "    kinds: [helpline]\n"
        "    language: en\n"
        "    phone: 555-0100\n"
        "    phone_note: Any time, day or night; ask for the nurse on call for the cancer team\n"
        "    description: The clinic's nurses answer after hours.\n"
        "    crisis: true\n", encoding="utf-8")
    check = [sys.executable, "-m", "metanav", "check-data"]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    run = subprocess.run([*check, str(clinic)], capture_output=True, text=True, env=env,
                         timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr  # a warning: the content still works
    assert "Warning: resource CLINIC-CRISIS (en): home shows this crisis line on two" in run.stderr
    assert "(102 characters; 73 fit)" in run.stderr
    bundled = subprocess.run(check, capture_output=True, text=True, env=env, timeout=60)
    assert bundled.returncode == 0
    assert "Warning" not in bundled.stderr, bundled.stderr
