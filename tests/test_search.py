"""Filtering resources, and narrowing the last result when a filter only gets stricter."""

from __future__ import annotations

import random

import pytest

from metanav.content.search import ResourceFilter, filter_resources
from tui_helpers import bundled_library

RESOURCES = list(bundled_library().resources.values())


@pytest.mark.parametrize(
    ("old", "new", "narrower"),
    [
        (ResourceFilter("can"), ResourceFilter("canc"), True),  # a letter typed
        (ResourceFilter("cancer"), ResourceFilter("cancer sp"), True),  # a word added
        (ResourceFilter(""), ResourceFilter("x"), True),
        (ResourceFilter("help"), ResourceFilter("helpline", "helpline"), True),  # and a kind
        (ResourceFilter("", "", "es"), ResourceFilter("a", "", "es"), True),
        (ResourceFilter("canc"), ResourceFilter("can"), False),  # a letter deleted
        (ResourceFilter("cancer"), ResourceFilter("cancel"), False),
        (ResourceFilter("", "video"), ResourceFilter("", "helpline"), False),  # kind changed
        (ResourceFilter("", "", "es"), ResourceFilter("", "", ""), False),  # language cleared
        (ResourceFilter("x y"), ResourceFilter("y"), False),  # a word removed
    ],
)
def test_narrows(old, new, narrower):
    assert new.narrows(old) is narrower


def test_narrowing_the_last_result_finds_exactly_what_a_full_search_finds():
    rng = random.Random(6)
    letters = "aceilnoprst 9"
    kinds = ["", "information", "helpline", "emotional"]
    languages = ["", "en", "es"]
    for _ in range(400):
        old = ResourceFilter(
            "".join(rng.choice(letters) for _ in range(rng.randint(0, 3))),
            rng.choice(kinds), rng.choice(languages),
        )
        new = ResourceFilter(
            old.text + "".join(rng.choice(letters) for _ in range(rng.randint(0, 2))),
            old.kind or rng.choice(kinds), old.language or rng.choice(languages),
        )
        assert new.narrows(old)
        assert filter_resources(filter_resources(RESOURCES, old), new) == filter_resources(
            RESOURCES, new
        )
