"""A resource's shorter address (``qr_address``): the code holds it only when the page's own code
does not fit, the screen says truthfully what it opens, and check-data, the prebuilt table and
Spanish keep it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from metanav import qr
from metanav.content import resource_table
from metanav.content.model import Resource
from metanav.tui.screens.qr import resource_codes
from qr_helpers import segno_grid
from test_qr_console import show_code, smallest
from tui_helpers import bundled_library, make_app, status

CANCERCARE = "R-HELP-06"


def test_only_bundled_pages_too_big_for_the_smallest_code_have_a_shorter_address():
    for resource in bundled_library().resources.values():
        if resource.qr_address:
            code = resource_codes(resource)[0]
            assert not smallest(code.data), f"{resource.id}: its own page fits already"
            assert smallest(code.short), f"{resource.id}: {resource.qr_address} does not fit"


async def test_a_terminal_with_room_shows_the_pages_own_code_not_the_home_page(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_code(app, pilot, CANCERCARE, 0)
        said = status(app)
    assert screen.lines and not screen.opens
    assert said.startswith("Point your phone camera") and "home page" not in said
    grid = qr.read_back(screen.lines)
    border = (len(grid[0]) - len(qr.matrix(screen.current.data))) // 2
    assert grid[:len(grid[0])] == segno_grid(screen.current.data, border)


async def test_a_console_code_opens_the_home_page_and_says_so_in_spanish_too(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show_code(app, pilot, CANCERCARE, 0)
        english = status(app)
        await pilot.press("i")  # Español, said on the status line; then the code again
        await pilot.pause(0.05)
        for _ in resource_codes(screen.resource):
            await pilot.press("c")
            await pilot.pause(0.05)
        spanish = status(app)
        still = screen.opens
    assert screen.lines and still == "cancercare.org"
    assert "It opens cancercare.org, the home page." in english
    assert "Abre cancercare.org, la página principal." in spanish
    assert "Point your phone camera" not in spanish


def check_clinic_page(tmp_path, url: str, field: str) -> subprocess.CompletedProcess:
    """``metanav check-data`` on a clinic folder of one resource with ``url`` and ``field``
    (a line such as ``qr_address: ...``)."""
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "resources.yaml").write_text(
        "resources:\n"
        "  - id: CLINIC-PAGE\n"
        "    name: Our support group\n"
        "    organisation: Example Clinic\n"
        "    kinds: [support-group]\n"
        "    language: en\n"
        f"    url: {url}\n"
        f"    {field}\n"
        "    description: A group that meets on Mondays.\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "metanav", "check-data", str(clinic)],
                          capture_output=True, text=True, env=env, timeout=60)


def test_check_data_warns_when_a_shorter_address_is_still_too_long(tmp_path):
    run = check_clinic_page(tmp_path, "https://www.example-cancer-clinic.org/support/groups/monday",
                            "qr_address: https://www.example-cancer-clinic.org")
    assert run.returncode == 0, run.stdout + run.stderr  # a warning: the content still works
    assert ("Warning: resource CLINIC-PAGE: the QR code of its qr_address "
            "https://www.example-cancer-clinic.org is too big for an 80x24 console "
            "(25x25 modules; 21x21 fit).") in run.stderr


def test_a_misspelt_shorter_address_gets_did_you_mean(tmp_path):
    run = check_clinic_page(tmp_path, "https://www.example.org/support/groups",
                            "qr_adress: https://example.org")
    assert run.returncode == 2
    assert "resources.yaml:8: resources[0].qr_adress:" in run.stdout
    assert "unknown field; did you mean 'qr_address'?" in run.stdout


def test_the_prebuilt_resource_table_keeps_the_shorter_address(tmp_path):
    """Large content (a kiosk's prebuilt cache) reads resources from the index file's table."""
    library = bundled_library()
    db = sqlite3.connect(tmp_path / "index.sqlite")
    db.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    resource_table.create(db)
    resource_table.insert(db, library.resources)
    db.commit()
    meta = dict(db.execute("SELECT key, value FROM meta"))
    back: dict[str, Resource] = dict(resource_table.ResourceTable(db, meta))
    assert back == dict(library.resources)
    assert back[CANCERCARE].qr_address == "https://cancercare.org"
