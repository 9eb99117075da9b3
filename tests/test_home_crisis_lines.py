"""Home's crisis lines are short, one line each at 80 columns, in English and Spanish, in
both faces.

Moving the highlight resends every character of both items, so an arrow key onto a crisis
item or off it cost 161-274 bytes over SSH (issue 15: at most 136). So the home text of each
line (its name and phone_note, core/views.crisis_words) is at most 41 characters, and what no
longer fits there (where it works, the chat, texting AYUDA, "a toda hora" for the Spanish
line, the Lifeline's full name) is on the line's own page. check-data warns when a clinic's
crisis line is longer. The bytes themselves are measured in benchmarks/ (BENCHMARKS.md,
"Fourth pass").
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from metanav import i18n
from metanav.content.load import bundled_data_dir, load_library
from metanav.content.translation import translate
from metanav.core.views import HOME_LINE, crisis_lines, crisis_words
from plain_helpers import run_plain
from tui_helpers import make_app, screen_text

# What a person needs to know on each line's page, in each language (the sources are the
# comments beside R-HELP-04 and R-HELP-05 in data/resources.yaml).
FACTS = {
    "en": {"R-HELP-04": ["988", "In the US", "call or text 988", "any time",
                         "chat at 988lifeline.org", "988 Suicide & Crisis Lifeline"],
           "R-HELP-05": ["988", "EE. UU.", "llame al 988 y oprima 2", "a toda hora",
                         "AYUDA por texto al 988", "Línea 988 de Prevención del Suicidio"]},
    "es": {"R-HELP-04": ["988", "EE. UU.", "a toda hora", "enviar un texto al 988",
                         "chatear en 988lifeline.org", "988 Suicide & Crisis Lifeline"],
           "R-HELP-05": ["988", "EE. UU.", "llame al 988 y oprima 2", "a toda hora",
                         "AYUDA por texto al 988", "Línea 988 de Prevención del Suicidio"]},
}
# What home says of each, in each language: short, but still how to reach the line.
HOME = {
    "en": ["988 Lifeline: call or text 988, any time",
           "988 Lifeline en español: llame y oprima 2"],
    "es": ["988 Lifeline en español: llame y oprima 2",
           "988 Lifeline: llame al 988, a toda hora"],
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
    urgent = [line for line in shown if "988" in line]
    assert urgent == [f"{n}. {words}" for n, words in enumerate(HOME[lang], 2)], urgent


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_crisis_line_on_home_is_at_most_41_characters(lang):
    words = [crisis_words(r) for r in crisis_lines(library(lang))]
    assert words == HOME[lang]
    assert [w for w in words if len(w) > HOME_LINE] == []
    assert HOME_LINE == 41  # an arrow onto one stays at most 136 B (data/SCHEMA.md)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_plain_home_shows_each_crisis_line_on_one_line(state_dir, lang):
    lib = library(lang)
    out = run_plain(state_dir, ["q"], "--lang", lang, COLUMNS="80").out
    shown = lines_of(out)
    assert not one_line_each(shown, lib), out
    for n, words in enumerate(HOME[lang], 2):
        assert f"{n}. {words}" in shown, out


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


def check_data(tmp_path, name: str, note: str) -> subprocess.CompletedProcess:
    clinic = tmp_path / "clinic"
    clinic.mkdir(exist_ok=True)
    (clinic / "resources.yaml").write_text(
        "resources:\n"
        "  - id: CLINIC-CRISIS\n"
        f"    name: {name}\n"
        "    organisation: Example Clinic\n"
        "    kinds: [helpline]\n"
        "    language: en\n"
        "    phone: 555-0100\n"
        f"    phone_note: {note}\n"
        "    description: The clinic's nurses answer after hours.\n"
        "    crisis: true\n", encoding="utf-8")
    check = [sys.executable, "-m", "metanav", "check-data", str(clinic)]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    run = subprocess.run(check, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr  # a warning: the content still works
    return run


def test_check_data_warns_when_a_crisis_line_is_longer_than_41_characters(tmp_path):
    run = check_data(tmp_path, "Example Clinic after-hours line",
                     "Any time, day or night; ask for the nurse on call for the cancer team")
    assert "Warning: resource CLINIC-CRISIS (en): this crisis line is long on home" in run.stderr
    assert "(102 characters; at most 41)" in run.stderr
    # 42 characters warn; 41 do not
    run = check_data(tmp_path, "Clinic nurse line", "call 555-0100, any time")  # 42
    assert "(42 characters; at most 41)" in run.stderr
    run = check_data(tmp_path, "Clinic nurse line", "call 555-0100 any time")  # 41
    assert "Warning" not in run.stderr, run.stderr


def test_check_data_finds_the_bundled_crisis_lines_short_enough():
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    bundled = subprocess.run([sys.executable, "-m", "metanav", "check-data"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert bundled.returncode == 0
    assert "Warning" not in bundled.stderr, bundled.stderr
