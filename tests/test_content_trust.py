"""What makes content trustworthy on screen (issue 11): a clinic's resource shows on the
topics it names; questions that apply to one kind of cancer say so in the checklist, on
My list and in the export; a topic says truly when and how it was checked."""

from __future__ import annotations

import re
from pathlib import Path

from clinic_folder import RESOURCE, make_folder
from metanav.content.load import load_library
from metanav.content.model import checked_words, date_words
from metanav.state import mylist
from metanav.state.store import Store
from plain_helpers import home_numbers, library, run_plain

# A topic of the clinic's own, complete but for what each test adds to it.
OUR_TOPIC = """\
id: ours
title: Our clinic
summary: What our clinic offers.
sections:
  - heading: Groups
    text: We run groups.
sources:
  - organisation: Example Clinic
reviewed: 2026-12-01
"""


def _clinic(tmp_path: Path, resources: str = RESOURCE, topic: str = "") -> Path:
    """A clinic's folder: its resources, and its topic ``ours`` if one is given."""
    files = {"resources.yaml": resources, **({"topics/ours.yaml": topic} if topic else {})}
    return make_folder(tmp_path / "clinic", files)


def test_a_clinic_resource_shows_on_the_topic_it_names(tmp_path, state_dir):
    clinic = _clinic(tmp_path)
    lib = library(clinic)
    coping = lib.topics["coping-and-support"]
    assert "CLINIC-GROUP-01" not in load_library().topics["coping-and-support"].resources
    # The topic's own list keeps its order (crisis lines first); the clinic's comes after.
    assert coping.resources[:2] == ("R-HELP-04", "R-HELP-05")
    assert coping.resources[-1] == "CLINIC-GROUP-01"
    number = home_numbers(lib)["coping-and-support"]
    run = run_plain(state_dir, [str(number), "", "q"], "--data", str(clinic))
    resources_part = run.out.split("Support resources:", 1)[1]
    # Plain mode lists a topic's resources by name (issue 13); the clinic's is among them.
    assert re.search(r"^\d+\. Tuesday support group$", resources_part, re.MULTILINE), resources_part


def test_a_resource_the_topic_lists_itself_is_not_shown_twice(tmp_path):
    clinic = _clinic(tmp_path, RESOURCE.replace("[coping-and-support]", "[ours]"),
                     OUR_TOPIC + "resources: [CLINIC-GROUP-01]\n")
    assert library(clinic).topics["ours"].resources == ("CLINIC-GROUP-01",)


def test_breast_cancer_questions_are_labelled_in_the_checklist_my_list_and_export(
    state_dir, export_dir
):
    lib = library()
    q = lib.questions["Q-LOCAL-08"]
    assert q.applies_to == "breast cancer"
    assert q.text.endswith("easier to treat? (breast cancer)")
    assert not lib.questions["Q-GOALS-01"].text.endswith(")")
    assert lib.groups["local-treatment"].title == "Local treatment (from breast cancer sources)"
    labelled = {qid for qid, item in lib.questions.items() if item.applies_to}
    assert labelled == {"Q-NED-01", *(f"Q-LOCAL-{n:02d}" for n in range(1, 14))}

    store = Store(state_dir)
    store.set_chosen("Q-LOCAL-08", True)
    store.set_chosen("Q-GOALS-01", True)
    lines = "\n".join(mylist.render_lines(mylist.my_list(lib, store), width=200))
    assert "low grade? Does that make it easier to treat? (breast cancer)" in lines
    assert "Is curing my cancer the goal of my treatment?\n" in lines + "\n"
    exported = mylist.export(lib, store).read_text(encoding="utf-8")
    assert "(breast cancer)" in exported

    # The checklist in plain mode: the local treatment group.
    groups = list(lib.groups)
    answers = [str(home_numbers(lib)["questions"]), str(groups.index("local-treatment") + 1)]
    run = run_plain(state_dir, [*answers, "", "", "q"], COLUMNS="200")
    assert "(breast cancer)" in run.out
    flat = " ".join(run.out.split())  # lines stop at 80 columns (READING_WIDTH)
    assert "Does that make it easier to treat? (breast cancer)" in flat


def test_a_topic_says_when_its_text_was_checked_and_a_clinical_review_only_if_there_was_one(
    tmp_path, state_dir
):
    bundled = library().topics["hospice"]
    assert checked_words(bundled) == [
        f"Text checked against these sources on {date_words(bundled.reviewed)}."
    ]
    assert date_words("2026-12-07") == "7 December 2026"
    clinic = _clinic(tmp_path, "resources: []\n", OUR_TOPIC + (
        "clinical_review:\n"
        "  by: Dr. Ana Ruiz, oncology nurse educator\n"
        "  date: 2026-12-03\n"))
    topic = library(clinic).topics["ours"]
    assert checked_words(topic) == [
        "Text checked against these sources on 1 December 2026.",
        "Reviewed by Dr. Ana Ruiz, oncology nurse educator on 3 December 2026.",
    ]
    run = run_plain(state_dir, [str(home_numbers(library(clinic))["ours"]), "", "q"],
                    "--data", str(clinic))
    assert "Reviewed by Dr. Ana Ruiz" in run.out
    assert "Last checked" not in run.out
    plain_hospice = run_plain(state_dir, [str(home_numbers(library())["hospice"]), "", "q"])
    assert "Text checked against these sources on" in plain_hospice.out
    assert "Reviewed by" not in plain_hospice.out


def test_a_clinical_review_without_a_date_or_with_a_bad_one_is_reported(tmp_path):
    from metanav.content.load import ContentError

    clinic = _clinic(tmp_path, "resources: []\n", OUR_TOPIC + (
        "clinical_review:\n"
        "  by: Dr. Ana Ruiz\n"
        "  date: soon\n"
        "  when: later\n"))
    try:
        load_library([clinic], cache=False)
    except ContentError as exc:
        report = exc.report()
    else:
        raise AssertionError("a bad clinical_review was accepted")
    assert "clinical_review.date: 'soon' is not a date written as YYYY-MM-DD" in report
    assert "clinical_review.when: unknown field (expected one of: by, date)" in report


def test_a_translated_breast_cancer_question_keeps_its_label(tmp_path):
    from metanav.content.translation import translate

    english = load_library(cache=False)
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "questions.yaml").write_text(
        "questions:\n"
        "  - id: Q-LOCAL-08\n"
        "    text: ¿Mi cáncer es ER+ o de grado bajo?\n"
        "    applies_to: cáncer de mama\n"
        "  - id: Q-LOCAL-11\n"
        "    text: ¿Cómo ha respondido mi cáncer al tratamiento?\n"
        "  - id: Q-GOALS-01\n"
        "    text: ¿El objetivo es curar mi cáncer?\n",
        encoding="utf-8",
    )
    spanish = translate(english, [tmp_path], "es")
    assert spanish.questions["Q-LOCAL-08"].text == "¿Mi cáncer es ER+ o de grado bajo? (cáncer de mama)"
    assert spanish.questions["Q-LOCAL-11"].text.endswith("tratamiento? (breast cancer)")
    assert spanish.questions["Q-GOALS-01"].text == "¿El objetivo es curar mi cáncer?"


def test_every_source_names_its_page_and_address():
    """Issue 11: every topic's sources name the page read (organisation, title, https
    address). The one seed page whose publisher is unknown has no address, and says so."""
    missing = []
    for topic in library().topics.values():
        for source in topic.sources:
            unknown = "publisher unknown" in source.organisation
            if not source.page or not (source.url.startswith("https://") or unknown):
                missing.append(f"{topic.id}: {source.organisation} / {source.page or '(no page)'}")
    assert not missing, "sources without a page title or https address:\n" + "\n".join(missing)
