"""The grouped home: topics under the headings their files name, so home stays one screen
(80x24 full screen, 24 lines in plain mode) however many topics a clinic adds."""

from __future__ import annotations

from pathlib import Path

import pytest

from metanav.content.load import load_library
from metanav.content.model import CLINIC_TOPICS, OTHER_TOPICS
from metanav.core.views import topic_groups
from plain_helpers import home_count, run_plain
from tui_helpers import make_app, screen_text

TOPIC = """id: {id}
title: Clinic topic {n}
{group}summary: A short note from the clinic.
sections:
  - heading: What to know
    text: |
      The clinic can tell you more.
sources:
  - organisation: The clinic
reviewed: 2026-11-24
"""


def clinic_folder(root: Path, count: int, joins: str = "") -> Path:
    """A clinic's --data folder with ``count`` topics of its own; the first joins ``joins``."""
    topics = root / "clinic" / "topics"
    topics.mkdir(parents=True)
    for n in range(count):
        group = f"group: {joins}\n" if joins and n == 0 else ""
        (topics / f"clinic-{n}.yaml").write_text(
            TOPIC.format(id=f"clinic-{n}", n=n, group=group), encoding="utf-8")
    return root / "clinic"


@pytest.fixture
def sixty(tmp_path) -> Path:
    """A clinic folder that brings the total to 60 topics, one joining a bundled group."""
    bundled = len(load_library().topics)
    return clinic_folder(tmp_path, 60 - bundled, joins=next(iter(topic_groups(load_library()))))


def test_every_topic_has_a_group_and_a_clinic_topic_gets_one_too(sixty):
    library = load_library([sixty])
    assert len(library.topics) == 60
    groups = topic_groups(library)
    assert CLINIC_TOPICS in groups  # the clinic's topics that name no group
    first_group = next(iter(groups))
    assert library.topics["clinic-0"].group == first_group  # joined a bundled group
    assert all(t.group for t in library.topics.values())
    # Bundled topics all name their group: none falls to the catch-all heading.
    assert OTHER_TOPICS not in topic_groups(load_library())


def test_plain_home_fits_24_lines_with_60_topics(state_dir, sixty):
    run = run_plain(state_dir, ["q"], "--data", str(sixty), COLUMNS="80")
    screen = run.out.split("Goodbye.")[0].splitlines()
    assert len(screen) <= 24, "\n".join(screen)
    assert f"Choose 1 to {home_count(load_library([sixty]))}," in run.out
    assert any(f". {CLINIC_TOPICS} (" in line for line in screen)


async def test_full_screen_home_shows_everything_at_80x24_with_60_topics(tmp_path, sixty):
    library = load_library([sixty])
    app = make_app(tmp_path, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for name in topic_groups(library):
            assert f". {name} (" in text, name
        assert "Questions for your doctor" in text and "Support resources" in text
        for resource in library.resources.values():
            if resource.crisis:
                assert resource.name in text
