"""Shared test set-up: no test ever reads or writes the real home folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point METANAV_STATE_DIR, METANAV_EXPORT_DIR, METANAV_CACHE_DIR and METANAV_RUNTIME_DIR
    at fresh empty folders for each test."""
    state = tmp_path_factory.mktemp("state")
    export = tmp_path_factory.mktemp("export")
    monkeypatch.setenv("METANAV_STATE_DIR", str(state))
    monkeypatch.setenv("METANAV_EXPORT_DIR", str(export))
    monkeypatch.setenv("METANAV_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # The kiosk's count of wrong staff PINs (shared by processes): never the real one.
    monkeypatch.setenv("METANAV_RUNTIME_DIR", str(tmp_path_factory.mktemp("run")))
    # The language decided, so a first run (a fresh state folder) or a kiosk opens on home, not
    # on the "English / Español" choice; the tests of that choice take this away.
    monkeypatch.setenv("METANAV_LANG", "en")
    return state, export


@pytest.fixture(autouse=True)
def _no_screen_reader_found(monkeypatch: pytest.MonkeyPatch):
    """The full screen tested in this process finds no screen reader, even when the tests run
    under Fenrir (a blind developer's terminal): test_reader_found*.py say when one is found."""
    from metanav import screen_reader_found

    monkeypatch.setattr(screen_reader_found, "screen_reader_found", lambda *args, **kwargs: "")


@pytest.fixture
def state_dir(_private_dirs) -> Path:
    """The folder METANAV_STATE_DIR points at for this test (empty at the start)."""
    return _private_dirs[0]


@pytest.fixture
def export_dir(_private_dirs) -> Path:
    """The folder METANAV_EXPORT_DIR points at for this test (empty at the start)."""
    return _private_dirs[1]


@pytest.fixture(autouse=True)
def _english_after():
    """A test that switched the interface's words to Spanish leaves them English for the next."""
    yield
    from metanav.i18n import set_language

    set_language("en")


@pytest.fixture(scope="module")
def spanish_indexed():
    """The Spanish face's content and its search index, made in Spanish: kinds are indexed as
    shown ("Línea de ayuda")."""
    from metanav.content.index import search
    from metanav.content.load import bundled_data_dir, load_library
    from metanav.content.translation import translate
    from metanav.i18n import set_language

    set_language("es")
    try:
        library = translate(load_library(cache=False), [bundled_data_dir()], "es")
        search(library, "telefono")  # the index is made now, in Spanish
        yield library
    finally:
        set_language("en")
