"""A resource takes a person to the page it describes, in both languages.

Before, three resources sent people to a site's front page with "search for this title"
(R-INFO-05 "Metastatic Cancer Research", R-ES-02 "Sobrellevar el cáncer metastásico", and the
CancerCare video R-VID-01, which nobody could find). A person at a kiosk scans a QR code or
copies an address; they should land on the page, not on a search box.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from metanav.content.load import bundled_data_dir, load_library
from metanav.content.translation import translate
from plain_helpers import home_numbers, run_plain

# Words that send the reader off to search for the page themselves.
SEARCH_WORDS = ("search it", "search the", "search for", "busque", "buscar este título")

# Resources that are an organisation or a service rather than one page: their front page is
# the right place to land.
WHOLE_SITES = {"R-INFO-06", "R-EMO-02", "R-EMO-03", "R-FIN-01", "R-HELP-01", "R-HELP-04",
               "R-HELP-05"}


@pytest.fixture(scope="module")
def libraries():
    english = load_library(cache=False)
    return english, translate(english, [bundled_data_dir()], "es")


def test_no_resource_asks_the_reader_to_search_for_its_page(libraries):
    said = [f"{lib.lang} {r.id}: {r.description}"
            for lib in libraries for r in lib.resources.values()
            if any(words in r.description.lower() for words in SEARCH_WORDS)]
    assert not said, "\n".join(said)


def test_a_resource_named_for_a_page_points_at_that_page(libraries):
    english, _ = libraries
    front_pages = [f"{r.id} {r.url}" for r in english.resources.values()
                   if r.url and r.id not in WHOLE_SITES
                   and urlsplit(r.url).path.strip("/") in ("", "es", "espanol")]
    assert not front_pages, "resources that land on a site's front page:\n" + "\n".join(front_pages)


def test_the_clinical_trials_resource_is_about_clinical_trials(libraries):
    english, spanish = libraries
    trials = english.resources["R-INFO-05"]
    assert "clinical-trials" in trials.url and "Clinical Trials" in trials.name
    assert "R-ES-05" in spanish.topics["clinical-trials"].resources
    assert "estudio clínico" in spanish.resources["R-ES-05"].name


def test_a_spanish_reader_finds_how_to_look_for_a_trial_in_spanish(tmp_path, libraries):
    _, spanish = libraries
    topic = spanish.topics["clinical-trials"]
    keys = home_numbers(spanish)["clinical-trials"].split("\n")
    where = topic.resources.index("R-ES-05") + 1 + len(topic.questions)
    run = run_plain(tmp_path, [*keys, str(where), "", "q", "q", "q"], "--lang", "es")
    details = run.out.split("Cómo buscar un estudio clínico", 2)[-1]
    assert "https://www.cancer.gov/espanol/investigacion/participe/como-buscar-un-estudio-clinico" \
        in details
    assert "Oprima 2 para español" in details
