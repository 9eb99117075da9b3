"""A clinic's own content folder, as a clinic makes one for ``--data``: a support group of its
own, a topic on parking and a question about it. Shared by the tests of check-data,
build-cache and what a clinic's content shows."""

from __future__ import annotations

from pathlib import Path

RESOURCE = """\
resources:
  - id: CLINIC-GROUP-01
    name: Tuesday support group
    organisation: Riverside Cancer Centre
    kinds: [support-group]
    language: en
    phone: 555-010-0199
    description: A weekly group for people living with metastatic cancer.
    topics: [coping-and-support]
"""

TOPIC = """\
id: parking
title: Parking at the clinic
summary: Where to park and what it costs.
sections:
  - heading: Where
    text: The car park is behind the clinic.
related_topics: [coping-and-support]
questions: [CLINIC-Q-1]
resources: [CLINIC-GROUP-01]
sources:
  - organisation: Riverside Cancer Centre
reviewed: 2026-02-01
"""

QUESTIONS = """\
groups:
  - id: clinic-visits
    title: Visits to our clinic
questions:
  - id: CLINIC-Q-1
    group: clinic-visits
    text: Where do I park?
    topics: [parking]
"""


def make_folder(folder: Path, files: dict[str, str]) -> Path:
    """``folder`` with each file (a path inside it, its text), subfolders made as needed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
