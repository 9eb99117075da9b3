"""QR codes drawn as text (metanav/qr.py): segno's matrix cell for cell in half blocks, phone
numbers as tel: addresses, and read back by a real decoder."""

from __future__ import annotations

import pytest

from metanav import qr
from qr_helpers import segno_grid, zbar_lines


@pytest.mark.parametrize(
    "data",
    [
        "https://www.cancer.gov/types/metastatic-cancer",
        "https://www.cancer.net/coping-with-cancer/managing-emotions/coping-with-metastatic-cancer",
        "tel:18002272345",
    ],
)
@pytest.mark.parametrize("border", [2, 4])
def test_drawn_code_is_segnos_matrix_cell_for_cell(data, border):
    lines = qr.draw(data, border)
    expected = segno_grid(data, border)
    drawn = qr.read_back(lines)
    # An odd number of rows leaves one light padding row under the quiet zone.
    assert drawn[: len(expected)] == expected
    assert all(not any(row) for row in drawn[len(expected):])
    assert len({len(line) for line in lines}) == 1
    assert (len(lines[0]), len(lines)) == qr.drawn_size(data, border)
    # The quiet zone is light on every side.
    assert not any(expected[0]) and not any(row[0] for row in expected)


def test_drawing_uses_only_half_blocks():
    text = "".join(qr.draw("https://example.org"))
    assert set(text) <= {" ", "\u2580", "\u2584", "\u2588"}


@pytest.mark.parametrize(
    "phone, uri",
    [
        ("1-800-227-2345", "tel:18002272345"),
        ("+44 20 7946 0000", "tel:+442079460000"),
        ("1-800-4-CANCER", "tel:18004226237"),
        ("(555) 010-0199 ext. 12", "tel:5550100199"),
        ("555.010.0199 x12", "tel:5550100199"),
        ("--", ""),
    ],
)
def test_phone_numbers_become_tel_addresses(phone, uri):
    assert qr.phone_uri(phone) == uri


@pytest.mark.skipif(__import__("shutil").which("zbarimg") is None, reason="zbarimg (zbar-tools) not installed")
@pytest.mark.parametrize("data", ["https://www.cancer.org", "tel:18004226237",
                                  "https://www.cancer.net/coping-with-cancer/managing-emotions/coping-with-metastatic-cancer"])
def test_drawn_code_decodes_with_a_real_decoder(data, tmp_path):
    assert zbar_lines(qr.draw(data, 2), tmp_path) == data
