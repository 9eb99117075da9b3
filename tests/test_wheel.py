"""A new user's install: build the wheel, install it in a fresh venv, run it away from the repo.

The wheel must carry the content (data/ is shipped as metanav/data), so `metanav check-data`
in the new venv validates the installed copy, never the checkout's data/ folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from metanav import __version__
from metanav.content.load import load_library

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run(cmd: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    proc = run([sys.executable, "-m", "build", "--wheel", "--outdir", out, REPO], cwd=out)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheels = list(out.glob("metanav-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("venv") / "venv"
    made = run([sys.executable, "-m", "venv", where], cwd=where.parent)
    assert made.returncode == 0, made.stderr
    installed = run([where / "bin" / "python", "-m", "pip", "install", "-q", wheel], cwd=where.parent)
    assert installed.returncode == 0, installed.stdout[-3000:] + installed.stderr[-3000:]
    return where


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working folder with no data/ in it and nothing of the repo."""
    return tmp_path


def test_wheel_carries_the_content(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    topics = sorted(p.name for p in (REPO / "data" / "topics").glob("*.yaml"))
    assert sorted(
        n.rsplit("/", 1)[1] for n in names if n.startswith("metanav/data/topics/")
    ) == topics
    assert "metanav/data/questions.yaml" in names
    assert "metanav/data/resources.yaml" in names
    assert "metanav/cli.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    # The interface in Spanish: the catalogue compiled by the build hook, and its source.
    assert "metanav/locale/es/LC_MESSAGES/metanav.mo" in names
    assert "metanav/data/es/questions.yaml" in names


def test_installed_metanav_speaks_spanish(venv, elsewhere):
    proc = subprocess.run([str(venv / "bin" / "metanav"), "--plain", "--lang", "es"], cwd=elsewhere,
                          input="q\n", capture_output=True, text=True, timeout=120,
                          env={"PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8",
                               "METANAV_STATE_DIR": str(elsewhere / "state"),
                               "METANAV_CACHE_DIR": str(elsewhere / "cache")})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("Adiós.")


def test_installed_version(venv, elsewhere):
    proc = run([venv / "bin" / "metanav", "--version"], cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"metanav {__version__}\n"


def test_installed_check_data_uses_the_installed_content(venv, elsewhere):
    where = run(
        [venv / "bin" / "python", "-c",
         "import metanav.content.load as l; print(l.bundled_data_dir())"],
        cwd=elsewhere,
    )
    assert where.returncode == 0, where.stderr
    data_dir = Path(where.stdout.strip())
    assert data_dir.is_relative_to(venv), f"installed metanav reads {data_dir}"
    assert (data_dir / "questions.yaml").is_file()

    proc = run([venv / "bin" / "metanav", "check-data"], cwd=elsewhere)
    expected = f"Content is valid: {load_library().summary()}.\n"
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == expected
    assert all(line.startswith("Note: not yet in") for line in proc.stderr.splitlines())


def test_installed_python_dash_m(venv, elsewhere):
    proc = run([venv / "bin" / "python", "-m", "metanav", "--version"], cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"metanav {__version__}\n"
