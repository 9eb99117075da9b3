"""`metanav check-data DIR` agrees with the app (`metanav --data DIR`) on every folder shape a
clinic really makes: complete, add-on, `.yml`, files one level down, empty, misspelt names."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic_folder import QUESTIONS, RESOURCE, TOPIC, make_folder
from metanav import cli
from metanav.content.load import ContentError, load_library


def check(folder: Path, capsys) -> tuple[int, list[str]]:
    code = cli.main(["check-data", str(folder)])
    return code, capsys.readouterr().out.splitlines()


def app_accepts(folder: Path) -> bool:
    try:
        load_library([folder], cache=False)
    except ContentError:
        return False
    return True


SHAPES: dict[str, dict[str, str]] = {
    "complete": {"topics/parking.yaml": TOPIC, "questions.yaml": QUESTIONS,
                 "resources.yaml": RESOURCE},
    "add-on": {"resources.yaml": RESOURCE},
    "yml": {"resources.yml": RESOURCE},
    "topic-yml": {"topics/parking.yml": TOPIC.replace("questions: [CLINIC-Q-1]\n", "")
                  .replace("resources: [CLINIC-GROUP-01]\n", "")},
    "one-level-down": {"clinic/resources.yaml": RESOURCE},
    "empty": {},
    "misspelt-file": {"resource.yaml": RESOURCE},
    "misspelt-field": {"resources.yaml": RESOURCE.replace("organisation:", "organization:")},
}

# shape -> (exit code, the lines check-data prints that matter)
EXPECTED: dict[str, tuple[int, list[str]]] = {
    "complete": (0, ["Read from {dir}: topics/parking.yaml, questions.yaml, resources.yaml."]),
    "add-on": (0, ["Read from {dir}: resources.yaml."]),
    "yml": (2, ["{dir}/resources.yml:0: file: is not read: name it resources.yaml",
                "{dir}:0: folder: no content files found in {dir}"]),
    "topic-yml": (2, ["{dir}/topics/parking.yml:0: file: is not read: name it parking.yaml",
                      "{dir}:0: folder: no content files found in {dir}"]),
    "one-level-down": (2, ["{dir}:0: folder: no content files found in {dir}; "
                           "{dir}/clinic has some: give that folder instead"]),
    "empty": (2, ["{dir}:0: folder: no content files found in {dir}"]),
    "misspelt-file": (2, ["{dir}/resource.yaml:0: file: is not read; "
                          "did you mean 'resources.yaml'?",
                          "{dir}:0: folder: no content files found in {dir}"]),
    "misspelt-field": (2, ["{dir}/resources.yaml:4: resources[0].organization: unknown field; "
                           "did you mean 'organisation'? (expected one of: "]),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_check_data_says_what_the_app_does(shape, tmp_path, capsys):
    folder = make_folder(tmp_path / "clinicdata", SHAPES[shape])
    code, lines = check(folder, capsys)
    want_code, want_lines = EXPECTED[shape]
    assert code == want_code, lines
    assert (code == 0) == app_accepts(folder)
    for want in want_lines:
        want = want.format(dir=folder)
        assert any(line.startswith(want) for line in lines), (want, lines)
    if code == 0:
        assert lines[0].startswith("Content is valid (with the bundled content): ")
    else:
        assert lines[-1].endswith("found in the content. Nothing was changed.")


def test_a_complete_folder_counts_on_top_of_the_bundled_content(tmp_path, capsys):
    folder = make_folder(tmp_path / "clinic", SHAPES["complete"])
    code, lines = check(folder, capsys)
    assert code == 0
    bundled = load_library(cache=False)
    assert f"{len(bundled.topics) + 1} topics" in lines[0]
    assert f"{len(bundled.resources) + 1} resources" in lines[0]


def test_a_yml_file_next_to_the_yaml_one_is_named(tmp_path, capsys):
    folder = make_folder(tmp_path / "clinic", {"resources.yaml": RESOURCE, "questions.yml": QUESTIONS})
    code, lines = check(folder, capsys)
    assert code == 2
    assert lines[0] == f"{folder}/questions.yml:0: file: is not read: name it questions.yaml"
    assert len(lines) == 2


def test_other_files_in_the_folder_are_left_alone(tmp_path, capsys):
    folder = make_folder(tmp_path / "clinic", {"resources.yaml": RESOURCE, "README.txt": "notes",
                                        "old/backup.yaml": "x: 1", "notes.yaml": "x: 1"})
    code, lines = check(folder, capsys)
    assert code == 0, lines


def test_the_app_refuses_an_empty_folder_in_the_same_words(tmp_path):
    folder = tmp_path / "clinic"
    folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "METANAV"))}
    env["METANAV_STATE_DIR"] = str(tmp_path / "state")
    proc = subprocess.run([sys.executable, "-m", "metanav", "--plain", "--data", str(folder)],
                          input="", capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode != 0
    assert f"{folder}:0: folder: no content files found in {folder}" in proc.stderr
    assert "metanav cannot start until the content is fixed." in proc.stderr
