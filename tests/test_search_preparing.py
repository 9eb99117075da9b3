"""Large content in Spanish whose index file lacks the Spanish words (no file could be written,
or an older one): the first search makes its index in memory (about 20 s at 100,000
resources). The search screen says so, with how far it has come, takes the words typed
meanwhile, and searches them once it is ready; it does not freeze. With the index file, search
starts at once (tests/test_spanish_index_file.py)."""

from __future__ import annotations

import threading

import pytest

from metanav import i18n
from metanav.content import index
from metanav.content.load import bundled_data_dir, load_library
from metanav.content.translation import translate
from tui_helpers import make_app, screen_text


@pytest.fixture
def english_after():
    yield
    i18n.set_language("en")


def spanish_app_preparing_until_set(tmp_path, monkeypatch):
    """The app in Spanish on the bundled content, treated as large: making its search index
    waits until the returned event is set."""
    from metanav.tui.screens import search as screen

    monkeypatch.setattr(index, "SLOW_BUILD", 0)  # the bundled content, as if it were large
    go_on = threading.Event()
    real = screen.search.prepare

    def slow_prepare(session, progress=None):
        go_on.wait(10)
        real(session, progress)

    monkeypatch.setattr(screen.search, "prepare", slow_prepare)
    lib = translate(load_library(), (bundled_data_dir(),), "es")
    i18n.set_language("es")
    return make_app(tmp_path, library=lib, folders=(bundled_data_dir(),)), go_on


async def test_spanish_search_says_it_is_preparing_then_finds_the_words_typed(
        tmp_path, monkeypatch, english_after):
    app, go_on = spanish_app_preparing_until_set(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"dolor")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Preparando la búsqueda para" in text and "solo la primera vez" in text, text
        assert "dolor" in text and "resultados" not in text
        go_on.set()
        for _ in range(50):
            await pilot.pause(0.05)
            if "resultados para" in screen_text(app):
                break
        text = " ".join(screen_text(app).split())
        assert 'resultados para "dolor"' in text, text
        assert "Preparando" not in text
        assert "[dolor]" in text.lower()


async def test_spanish_resource_filter_says_it_is_preparing_then_filters(
        tmp_path, monkeypatch, english_after):
    app, go_on = spanish_app_preparing_until_set(tmp_path, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_resources()
        await pilot.pause()
        everything = " ".join(screen_text(app).split())
        await pilot.press(*"dinero")
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        assert "Preparando la búsqueda para" in text, text
        assert "dinero" in text
        go_on.set()
        for _ in range(50):
            await pilot.pause(0.05)
            if "Preparando" not in screen_text(app):
                break
        text = " ".join(screen_text(app).split())
        assert "Preparando" not in text, text
        assert 'palabras "dinero"' in text, text  # the count line says what filters
        assert text != everything


@pytest.mark.parametrize("cache", ["writable", "unwritable"])
def test_plain_spanish_search_with_large_content(tmp_path, cache):
    """Plain mode in a real terminal: 5,000 clinic resources (index.SLOW_BUILD), in Spanish.
    The first start builds the index file in both languages, so the first search is at once;
    with no index file (a cache folder that cannot be written), the first search makes its
    index in memory and says so, with its tenths."""
    import sys
    from pathlib import Path

    from kiosk_pty import PYTHON, Kiosk, clean_env

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import gen_content

    clinic, home, state = tmp_path / "clinic", tmp_path / "home", tmp_path / "state"
    for folder in (clinic, home, state):
        folder.mkdir()
    gen_content.write_folder(index.SLOW_BUILD, clinic)
    cache_dir = tmp_path / "c"
    if cache == "unwritable":
        cache_dir.write_text("a file, not a folder")
        cache_dir = cache_dir / "cache"
    env = clean_env(home, METANAV_STATE_DIR=str(state), METANAV_CACHE_DIR=str(cache_dir))
    argv = [PYTHON, "-I", "-m", "metanav", "--plain", "--lang", "es", "--data", str(clinic)]
    child = Kiosk(argv, env, tmp_path)
    try:
        assert child.wait_for("Elija", 120.0), child.text()
        child.send(b"/dolor\r")
        assert child.wait_for('resultados para "dolor"', 60.0), child.text()
        shown = " ".join(bytes(child.raw).decode("utf-8", "replace").split())
    finally:
        child.close()
    count = f"{len(load_library().resources) + index.SLOW_BUILD:,}"
    line = (f"metanav: Preparando la búsqueda para {count} recursos (solo la primera vez en "
            "este idioma):")
    if cache == "writable":
        assert "Preparando la búsqueda" not in shown, shown[-3000:]
        start = shown.split("Elija", 1)[0]  # the first start's own line, before home
        assert (f"metanav: preparando la búsqueda para {count} recursos (solo después de que "
                "cambia el contenido):") in start, start
        assert sorted(p.suffix for p in cache_dir.iterdir()) == [".pickle", ".sqlite"]
        return
    assert line in shown, shown[-3000:]
    after = shown.split(line, 1)[1]
    assert "listo." in after.split('resultados para "dolor"')[0]
