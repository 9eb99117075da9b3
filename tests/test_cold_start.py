"""The first start after a clinic's large content changes says what it is doing, in both faces.

Reading 100,000 resources and building their search index takes a minute; before issue 12 the
terminal stayed blank while the YAML was read. Here 3,000 resources (1.2 MB of YAML, over the
cache's 1 MB threshold) go through the same path in a real terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk_pty import PYTHON, Kiosk, clean_env
from tui_helpers import bundled_library

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import gen_content  # noqa: E402

PLAIN_PROMPT = "Choose 1 to"
ALT_SCREEN = b"\x1b[?1049h"


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("clinic")
    gen_content.write_folder(3000, folder)
    return folder


def _start(tmp_path: Path, clinic: Path, face: str, cache: Path) -> Kiosk:
    home, state = tmp_path / "home", tmp_path / "state"
    for folder in (home, state):
        folder.mkdir(exist_ok=True)
    argv = [PYTHON, "-I", "-m", "metanav", "--data", str(clinic)]
    if face == "plain":
        argv.append("--plain")
    env = clean_env(home, METANAV_STATE_DIR=str(state), METANAV_CACHE_DIR=str(cache))
    return Kiosk(argv, env, tmp_path)


@pytest.mark.parametrize("face", ["plain", "full screen"])
def test_a_cold_start_shows_progress_before_the_first_screen(tmp_path, clinic, face):
    cache = tmp_path / "cache"
    child = _start(tmp_path, clinic, face, cache)
    try:
        for _ in range(600):  # until the first screen: the plain menu, or the full screen
            if ALT_SCREEN in child.raw or PLAIN_PROMPT.encode() in child.raw:
                break
            child.pump(0.1)
        raw = bytes(child.raw)
    finally:
        child.close()
    before = raw.split(ALT_SCREEN)[0] if face == "full screen" else raw
    shown = before.decode("utf-8", "replace")
    assert "metanav: reading 1 MB of content (only after the content changes)... done." in shown
    count = 3000 + len(bundled_library().resources)  # the clinic's and the bundled ones
    assert f"metanav: preparing search for {count:,} resources (only after the content " \
        "changes): done." in shown
    assert shown.index("reading") < shown.index("preparing search")
    if face == "full screen":
        assert ALT_SCREEN in raw  # the app came up after the lines
    else:
        assert PLAIN_PROMPT in shown
    assert list(cache.glob("*.search.sqlite"))


def test_a_warm_start_says_nothing_before_the_first_screen(tmp_path, clinic):
    cache = tmp_path / "cache"
    for _ in range(2):
        child = _start(tmp_path, clinic, "plain", cache)
        try:
            assert child.wait_for(PLAIN_PROMPT, 60.0), child.text()
            shown = bytes(child.raw).decode("utf-8", "replace")
        finally:
            child.close()
    assert "reading" not in shown and "preparing search" not in shown
