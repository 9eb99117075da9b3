"""`metanav check-data DIR` and the app's start-up refuse broken content in words.

Each folder under tests/broken/ is a minimal complete content folder with one kind of mistake
(``valid`` has none, ``many-problems`` has several). The tests assert the exact lines a person
sees: ``file:line: field: what is wrong``, then a count, and exit code 2.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from metanav import cli
from metanav.content import load
from metanav.content.load import ContentError, check_folder, load_library
from metanav_process import run_module, run_python

BROKEN = Path(__file__).parent / "broken"
VALID = BROKEN / "valid"
# Checked as `--data` uses it: on top of the bundled content, whose counts grow with it.
VALID_SUMMARY = "Content is valid (with the bundled content): "
VALID_READ = f"Read from {VALID}: topics/x.yaml, questions.yaml, resources.yaml."

KINDS_LIST = "information, emotional-support, support-group, helpline, financial, video"
TOPIC_FIELDS = (
    "id, title, order, group, summary, sections, related_topics, questions, resources, sources, "
    "reviewed, clinical_review"
)

# case folder -> every problem line check-data prints for it, in order.
CASES: dict[str, list[str]] = {
    "yaml-syntax": [
        "topics/x.yaml:2: yaml: YAML syntax error at column 12: a ':' that cannot be here: "
        "check the indentation, or put text with ':' in quotes",
    ],
    "yaml-syntax-unclosed": [
        "questions.yaml:10: yaml: YAML syntax error at column 8: a ',' or ']' is missing "
        "(the '[' is on line 9)",
    ],
    "two-documents": [
        "topics/x.yaml:18: yaml: YAML syntax error at column 1: a second document starts here "
        "('---'); "
        "put one document in each file",
    ],
    "bad-tag-value": [
        "topics/x.yaml:3: yaml: YAML syntax error at column 8: 'ten' cannot be read as int"],
    "missing-field": ["topics/x.yaml:1: title: is missing"],
    "missing-resource-name": ["resources.yaml:2: resources[0].name: is missing"],
    "list-for-text": ["topics/x.yaml:2: title: expected text, got a list"],
    "text-for-list": ["topics/x.yaml:10: related_topics: expected a list, got text"],
    "order-not-integer": ["topics/x.yaml:3: order: expected a whole number, got text"],
    "unknown-field": [
        f"topics/x.yaml:3: colour: unknown field (expected one of: {TOPIC_FIELDS})",
    ],
    "field-twice": ["topics/x.yaml:4: summary: this field is given twice"],
    "bad-id": [
        "resources.yaml:2: resources[0].id: 'R ONE!' is not a valid id "
        "(letters, digits, '.', '_' or '-')",
    ],
    "duplicate-topic": ["topics/y.yaml:1: id: duplicate topic id 'x' (also at topics/x.yaml:1)"],
    "duplicate-question": [
        "questions.yaml:10: questions[1].id: duplicate question id 'Q-ONE' "
        "(also at questions.yaml:5)",
    ],
    "duplicate-resource": [
        "resources.yaml:12: resources[1].id: duplicate resource id 'R-ONE' "
        "(also at resources.yaml:2)",
    ],
    "ref-topic-question": ["topics/x.yaml:11: questions[1]: no question has the id 'Q-NONE'"],
    "ref-topic-resource": ["topics/x.yaml:12: resources[0]: no resource has the id 'R-NONE'"],
    "ref-question-topic": [
        "questions.yaml:9: questions[0].topics[0]: no topic has the id 'no-such-topic'",
    ],
    "ref-question-group": [
        "questions.yaml:6: questions[0].group: no group has the id 'no-such-group'",
    ],
    "bad-language": [
        "resources.yaml:6: resources[0].language: 'english' is not a language code we know "
        "(use a two-letter ISO 639-1 code such as en or es)",
    ],
    "http-url": [
        "resources.yaml:7: resources[0].url: web address must use https://, not http://",
    ],
    "qr-address-with-path": [
        "resources.yaml:8: resources[0].qr_address: must be a web address with nothing after "
        "the host, such as https://www.cancer.org (the screen says it opens a home page)",
    ],
    "qr-address-without-url": [
        "resources.yaml:7: resources[0].qr_address: is a shorter address for the QR code of "
        "url, but there is no url",
    ],
    "not-a-url": [
        "topics/x.yaml:16: sources[0].url: 'cancer dot gov' is not a web address "
        "starting with https://",
    ],
    "empty-text": ["topics/x.yaml:3: summary: is empty"],
    # Only escape and control characters: nothing is left once they are removed.
    "empty-text-controls": ["questions.yaml:7: questions[0].text: is empty"],
    "bad-date": ["topics/x.yaml:17: reviewed: 'next week' is not a date written as YYYY-MM-DD"],
    "impossible-date": [
        "topics/x.yaml:17: reviewed: '2026-13-40' is not a date written as YYYY-MM-DD",
    ],
    "bad-kind": [
        f"resources.yaml:5: resources[0].kinds[1]: 'brochure' is not a kind "
        f"(use one of: {KINDS_LIST})",
    ],
    "bad-phone": [
        "resources.yaml:8: resources[0].phone: 'call us!' is not a phone number "
        "(digits, spaces, ( ) - + . and letters)",
    ],
    "no-url-no-phone": [
        "resources.yaml:2: resources[0]: needs a web address (url) or a phone number (phone)",
    ],
    "empty-file": ["resources.yaml:1: file: is empty"],
    "empty-topic-file": ["topics/x.yaml:1: file: is empty"],
    "not-utf8": ["questions.yaml:8: file: is not UTF-8 text"],
    "many-problems": [
        "questions.yaml:6: questions[0].group: no group has the id 'nowhere'",
        "resources.yaml:6: resources[0].language: 'xx' is not a language code we know "
        "(use a two-letter ISO 639-1 code such as en or es)",
        "resources.yaml:7: resources[0].url: web address must use https://, not http://",
        "topics/x.yaml:1: title: is missing",
        "topics/x.yaml:11: resources[0]: no resource has the id 'R-NONE'",
        "topics/x.yaml:16: reviewed: 'soon' is not a date written as YYYY-MM-DD",
    ],
}


def count_line(n: int) -> str:
    return f"{n} {'problem' if n == 1 else 'problems'} found in the content. Nothing was changed."


def run_check(folder: Path, capsys, monkeypatch) -> tuple[int, list[str], str]:
    """Run `metanav check-data FOLDER` in-process from inside FOLDER (so paths are short)."""
    monkeypatch.chdir(folder)
    code = cli.main(["check-data", str(folder)])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_every_fixture_folder_has_a_case():
    folders = {p.name for p in BROKEN.iterdir() if p.is_dir()}
    assert folders == set(CASES) | {"valid"}
    for name in folders:
        for part in ("topics/x.yaml", "questions.yaml", "resources.yaml"):
            assert (BROKEN / name / part).is_file(), f"{name} lacks {part}"


def test_valid_folder_prints_summary_and_exits_0(capsys, monkeypatch):
    code, lines, err = run_check(VALID, capsys, monkeypatch)
    assert code == 0
    assert len(lines) == 2 and lines[0].startswith(VALID_SUMMARY)
    assert lines[1] == VALID_READ
    # Only the note of what is not yet translated (the clinic's topic x, in English only).
    assert err.startswith("Note: not yet in Español (es), so shown in English:")
    assert "topic x" in err and err.count("\n") == 1


def test_the_note_of_what_is_not_translated_names_ten_and_counts_the_rest(tmp_path, capsys,
                                                                           monkeypatch):
    """A clinic's 10,000 resources in English only made a note of 250 KB, every id on one line."""
    entries = "".join(
        f"  - id: CLINIC-{n:02d}\n    name: Group {n}\n    organisation: Riverside\n"
        f"    kinds: [support-group]\n    language: en\n    phone: 555-010-01{n:02d}\n"
        f"    description: A weekly group.\n"
        for n in range(1, 13))
    (tmp_path / "resources.yaml").write_text("resources:\n" + entries, encoding="utf-8")
    code, _, err = run_check(tmp_path, capsys, monkeypatch)
    assert code == 0
    assert err == ("Note: not yet in Español (es), so shown in English: 12: "
                   + ", ".join(f"resource CLINIC-{n:02d}" for n in range(1, 11))
                   + " and 2 more.\n")


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_folder_reports_each_problem(case, capsys, monkeypatch):
    code, lines, err = run_check(BROKEN / case, capsys, monkeypatch)
    expected = CASES[case]
    assert lines == [*expected, count_line(len(expected))]
    assert code == 2
    assert err == ""


def test_many_problems_are_all_reported_at_once(capsys, monkeypatch):
    code, lines, _ = run_check(BROKEN / "many-problems", capsys, monkeypatch)
    assert code == 2
    assert len(lines) == 7
    assert lines[-1] == "6 problems found in the content. Nothing was changed."
    # Problems in three different files, sorted by file and line.
    assert {line.split(":", 1)[0] for line in lines[:-1]} == {
        "questions.yaml",
        "resources.yaml",
        "topics/x.yaml",
    }


def test_paths_are_shown_in_full_from_another_folder(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    folder = BROKEN / "missing-field"
    assert cli.main(["check-data", str(folder)]) == 2
    first = capsys.readouterr().out.splitlines()[0]
    assert first == f"{folder / 'topics' / 'x.yaml'}:1: title: is missing"


def test_check_folder_raises_content_error_with_problems():
    with pytest.raises(ContentError) as info:
        check_folder(BROKEN / "many-problems")
    problems = info.value.problems
    assert len(problems) == 6
    assert {p.field for p in problems} >= {"title", "reviewed", "questions[0].group"}


@pytest.mark.parametrize("case", ["many-problems", "yaml-syntax", "not-utf8"])
def test_check_data_as_a_real_process(case):
    folder = BROKEN / case
    proc = run_module("check-data", str(folder), cwd=folder)
    expected = CASES[case]
    assert proc.returncode == 2
    assert proc.stdout.splitlines() == [*expected, count_line(len(expected))]
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ""


def test_valid_folder_as_a_real_process():
    proc = run_module("check-data", str(VALID), cwd=VALID)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    first, second = proc.stdout.splitlines()
    assert first.startswith(VALID_SUMMARY) and second == VALID_READ


# --------------------------------------------------------------------------------------------
# --data DIR: a clinic's folder adds items or replaces them by id
# --------------------------------------------------------------------------------------------
def write(folder: Path, rel: str, text: str) -> None:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    """A clinic folder that replaces topic x and resource R-ONE, and adds one of each."""
    folder = tmp_path / "clinic"
    write(
        folder,
        "topics/x.yaml",
        """\
        id: x
        title: Our clinic's own words
        summary: The clinic wrote this.
        sections:
          - heading: Here
            text: Ask at the front desk.
        questions: [Q-ONE]
        resources: [R-CLINIC]
        sources:
          - organisation: Our Clinic
        reviewed: 2026-02-01
        """,
    )
    write(
        folder,
        "topics/parking.yaml",
        """\
        id: parking
        title: Parking at the clinic
        summary: Where to park.
        sections:
          - heading: Where
            text: Park in lot B.
        related_topics: [x]
        sources:
          - organisation: Our Clinic
        reviewed: 2026-02-01
        """,
    )
    write(
        folder,
        "resources.yaml",
        """\
        resources:
          - id: R-ONE
            name: A page, as the clinic knows it
            organisation: An organisation
            kinds: [information]
            language: en
            phone: 555-0199
            description: The clinic's own line.
          - id: R-CLINIC
            name: Clinic social worker
            organisation: Our Clinic
            kinds: [emotional-support]
            language: es
            phone: 555-0123
            description: Talk with our social worker.
            topics: [parking]
        """,
    )
    return folder


@pytest.fixture
def bundled_is_valid_fixture(monkeypatch):
    """Make the 'bundled' content the small valid fixture, so these tests do not depend on
    the real bundled content."""
    monkeypatch.setattr(load, "bundled_data_dir", lambda: VALID)


def test_data_folder_overrides_by_id_and_adds(clinic):
    library = load_library([clinic], bundled=VALID)
    assert list(library.topics) == ["x", "parking"]  # sorted by order, then title
    assert library.topics["x"].title == "Our clinic's own words"
    assert library.topics["x"].resources == ("R-CLINIC",)
    assert library.topics["parking"].related_topics == ("x",)
    assert library.resources["R-ONE"].name == "A page, as the clinic knows it"
    assert library.resources["R-ONE"].url == ""
    assert library.resources["R-ONE"].phone == "555-0199"
    assert library.resources["R-CLINIC"].language == "es"
    # Bundled items the clinic did not touch stay.
    assert library.questions["Q-ONE"].text == "What is this?"
    assert library.summary() == "2 topics, 1 questions in 1 groups, 2 resources"


def test_data_folder_through_the_command_line(clinic, bundled_is_valid_fixture, capsys):
    assert cli.main(["--data", str(clinic), "check-data"]) == 0
    assert capsys.readouterr().out == (
        "Content is valid: 2 topics, 1 questions in 1 groups, 2 resources.\n"
    )


def test_data_folder_reference_to_missing_id_is_an_error(clinic, monkeypatch):
    monkeypatch.chdir(clinic)
    write(clinic, "questions.yaml", "questions:\n  - id: Q-NEW\n    group: basics\n"
          "    text: New?\n    topics: [gone]\n")
    with pytest.raises(ContentError) as info:
        load_library([clinic], bundled=VALID)
    assert [str(p) for p in info.value.problems] == [
        "questions.yaml:5: questions[0].topics[0]: no topic has the id 'gone'",
    ]


def test_missing_data_folder_is_reported(tmp_path, bundled_is_valid_fixture, capsys):
    missing = tmp_path / "nowhere"
    assert cli.main(["--data", str(missing), "check-data"]) == 2
    assert capsys.readouterr().out.splitlines() == [
        f"{missing}:0: folder: is not a folder that can be read",
        count_line(1),
    ]


@pytest.fixture
def stdin_devnull(monkeypatch):
    with open(os.devnull, encoding="utf-8") as fh:
        monkeypatch.setattr(sys, "stdin", fh)
        yield


def test_app_refuses_to_start_on_broken_data_folder(
    bundled_is_valid_fixture, stdin_devnull, capsys, monkeypatch
):
    folder = BROKEN / "many-problems"
    monkeypatch.chdir(folder)
    code = cli.main(["--data", str(folder), "--plain"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    expected = CASES["many-problems"]
    assert err.splitlines() == [
        *expected,
        count_line(len(expected)),
        "metanav cannot start until the content is fixed.",
    ]
    # The same messages check-data prints for that folder.
    assert cli.main(["check-data", str(folder)]) == 2
    assert capsys.readouterr().out.splitlines() == err.splitlines()[:-1]


def test_app_refuses_to_start_as_a_real_process():
    """The start path in a real process: exit 2, the messages, no traceback."""
    folder = BROKEN / "bad-date"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import metanav.content.load as load\n"
        f"load.bundled_data_dir = lambda: Path({str(VALID)!r})\n"
        "from metanav.cli import main\n"
        f"sys.exit(main(['--data', {str(folder)!r}, '--plain']))\n"
    )
    proc = run_python("-c", script, cwd=folder)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        *CASES["bad-date"],
        count_line(1),
        "metanav cannot start until the content is fixed.",
    ]


def test_a_duplicate_does_not_hide_the_first_items_problems(tmp_path, monkeypatch):
    """Both copies' mistakes are reported at once, not only the duplicate's."""
    folder = tmp_path / "dup"
    for part in ("questions.yaml", "resources.yaml", "topics/x.yaml"):
        write(folder, part, (VALID / part).read_text(encoding="utf-8"))
    write(
        folder,
        "topics/x.yaml",
        (VALID / "topics/x.yaml").read_text(encoding="utf-8").replace(
            "questions: [Q-ONE]", "questions: [Q-NONE]"
        ),
    )
    write(folder, "topics/y.yaml", (VALID / "topics/x.yaml").read_text(encoding="utf-8"))
    write(
        folder,
        "questions.yaml",
        (VALID / "questions.yaml").read_text(encoding="utf-8")
        + "  - id: Q-ONE\n    group: basics\n    text: Twice?\n",
    )
    monkeypatch.chdir(folder)
    with pytest.raises(ContentError) as info:
        check_folder(folder)
    assert [str(p) for p in info.value.problems] == [
        "questions.yaml:10: questions[1].id: duplicate question id 'Q-ONE' "
        "(also at questions.yaml:5)",
        "topics/x.yaml:11: questions[0]: no question has the id 'Q-NONE'",
        "topics/y.yaml:1: id: duplicate topic id 'x' (also at topics/x.yaml:1)",
    ]


# -- PyYAML's words, said in plain words and in Spanish too --------------------------------------
def test_spanish_check_data_says_yaml_mistakes_in_spanish_with_the_column(tmp_path):
    """A Spanish check-data said PyYAML's English inside a Spanish sentence ("found a tab
    character that violates indentation (while scanning a plain scalar: vea la línea 2)")."""
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "parking.yaml").write_text("id: parking\ntitle: Parking\n\tsummary: x\n",
                                                      encoding="utf-8")
    (tmp_path / "questions.yaml").write_text('groups:\n  - id: "open\n', encoding="utf-8")
    proc = run_module("--lang", "es", "check-data", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout.splitlines()[:2] == [
        "questions.yaml:3: yaml: Error de escritura YAML en la columna 1: el archivo "
        "termina antes de cerrar unas comillas o un corchete (el texto entre comillas empezó en "
        "la línea 2)",
        "topics/parking.yaml:3: yaml: Error de escritura YAML en la columna 1: un "
        "tabulador: use espacios para la sangría, no tabuladores",
    ]


@pytest.mark.parametrize("problem", ["found character '\\t' that cannot start any token",
                                     "found a tab character that violates indentation"])
def test_a_tab_is_named_by_either_yaml_reader(problem):
    """libyaml and the pure-Python reader word a tab differently; both become one sentence."""
    from metanav.content.yaml_words import problem_words

    assert problem_words(problem, "\t") == problem_words(problem) == (
        "a tab: indent with spaces, not tabs")
