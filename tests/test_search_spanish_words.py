"""Everyday Spanish words find the Spanish content's own words (data/synonyms.yaml): the
synonyms' targets were English only ("helpline", "counseling"), so in Spanish "telefono"
found no help line and "hablar con alguien" one English resource."""

from __future__ import annotations

import subprocess
import sys

import pytest

from metanav.content.index import search
from metanav.content.search import ResourceFilter, filter_resources
from metanav.i18n import set_language

HELP_LINES_IN_SPANISH = {"R-HELP-05", "R-HELP-03"}  # 988 en español; Servicio de Información


def resources(library, query: str) -> set[str]:
    set_language("es")
    try:
        return {h.key for h in search(library, query, limit=50).hits if h.kind == "resource"}
    finally:
        set_language("en")


@pytest.mark.parametrize("words", ["telefono", "llamar", "linea"])
def test_phone_words_find_the_help_lines(spanish_indexed, words):
    assert HELP_LINES_IN_SPANISH <= resources(spanish_indexed, words)
    shown = {r.id for r in filter_resources(spanish_indexed, ResourceFilter(words))}
    assert HELP_LINES_IN_SPANISH <= shown


def test_hablar_con_alguien_finds_help_lines_and_emotional_support(spanish_indexed):
    found = resources(spanish_indexed, "hablar con alguien")
    assert HELP_LINES_IN_SPANISH | {"R-HELP-06"} <= found  # CancerCare: consejería
    assert sum("emotional-support" in spanish_indexed.resources[i].kinds for i in found) >= 5


@pytest.mark.parametrize("words", ["facturas", "dinero", "seguro"])
def test_money_words_find_money_help(spanish_indexed, words):
    money_help = {r.id for r in spanish_indexed.resources.values() if "financial" in r.kinds}
    assert money_help and money_help <= resources(spanish_indexed, words)


def test_metanav_search_in_spanish_lists_the_help_lines():
    done = subprocess.run([sys.executable, "-m", "metanav", "--lang", "es", "search", "telefono"],
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "988 Lifeline en español (Recurso: Línea de ayuda" in done.stdout
