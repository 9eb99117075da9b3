"""Sending only changed cells, in a real pty through a terminal emulator (pyte): the screen a
person sees is the same as with full redraws, in every theme, and costs fewer bytes."""

from __future__ import annotations

import pytest

from emulated_terminal import RESOURCES, run_in_pty


@pytest.mark.slow
def test_screen_is_the_same_as_with_full_redraws_and_costs_less(tmp_path):
    delta_screen, delta_bytes = run_in_pty(tmp_path / "a", {})
    full_screen, full_bytes = run_in_pty(tmp_path / "b", {"METANAV_FULL_REDRAW": "1"})
    assert "Support resources" in full_screen
    assert delta_screen == full_screen
    assert delta_bytes < full_bytes * 0.6


@pytest.mark.slow
def test_scrolled_lists_and_text_look_the_same_as_with_full_redraws(tmp_path):
    """Arrows past the edge of a list and of a topic's text make the terminal scroll."""
    down, up = b"\x1b[B", b"\x1b[A"
    keys = [down] * 20 + [up] * 19 + [b"\r", b"\r", b"\t"] + [down] * 8
    keys += [b"\x1b[6~", up, up, b"\x1b", b"\x1b", b"WAIT"]
    keys += [*RESOURCES, b"WAIT", b"\r", down] + [down] * 18 + [up] * 17
    delta_screen, delta_bytes = run_in_pty(tmp_path / "a", {}, keys, quiet=0.2)
    full_screen, full_bytes = run_in_pty(tmp_path / "b", {"METANAV_FULL_REDRAW": "1"}, keys,
                                         quiet=0.2)
    assert "Support resources" in full_screen
    assert delta_screen == full_screen
    assert delta_bytes < full_bytes * 0.4


@pytest.mark.slow
def test_kiosk_reset_redraws_the_fresh_home_screen(tmp_path):
    """A kiosk reset switches screens inside a batch, when Textual drops frames: the shadow
    must not take them for sent (the last person's highlight stayed on screen)."""
    keys = [b"3", b"WAIT", b"\r", b"\x1b[B", b"\x1b[21~", b"y"]  # group 3, down, F10, yes
    delta_screen, _ = run_in_pty(tmp_path / "a", {}, keys, ["--kiosk"])
    full_screen, _ = run_in_pty(tmp_path / "b", {"METANAV_FULL_REDRAW": "1"}, keys, ["--kiosk"])
    assert "1. When to call 911 or your care team right away" in full_screen
    assert delta_screen == full_screen


THEME_KEYS = [b"\x1b[B", b"\x1b[B", b"\r", b"\x1b[6~", b"\x1b", *RESOURCES, b"WAIT", b"\r",
              b"\x1b[B", b"\x1b[B", b"\x1b[B", b"p", b"a", b"\x7f"]


@pytest.mark.slow
@pytest.mark.parametrize(("args", "env"), [
    (("--theme", "high-contrast"), {}), (("--theme", "ansi"), {}), ((), {"NO_COLOR": "1"}),
    ((), {"COLORTERM": "truecolor"}),
], ids=["high-contrast", "ansi", "no-color", "truecolor"])
def test_every_theme_looks_the_same_as_with_full_redraws(tmp_path, args, env):
    delta_screen, delta_bytes = run_in_pty(tmp_path / "a", env, THEME_KEYS, args, quiet=0.3)
    full_screen, full_bytes = run_in_pty(tmp_path / "b", {**env, "METANAV_FULL_REDRAW": "1"},
                                         THEME_KEYS, args, quiet=0.3)
    assert "Support resources" in full_screen
    assert delta_screen == full_screen
    assert delta_bytes < full_bytes * 0.5
