"""The guarded key reader in-process: any input is parsed or dropped, and the next key arrives."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from metanav.tui import input_guard
from metanav.tui import textual_internals as internals

pytestmark = pytest.mark.skipif(input_guard.driver_class() is None,
                                reason="Textual's input internals are not the expected ones")


def _keys(parser, text: str) -> list[str]:
    return [m.key for m in parser.feed(text) if isinstance(m, events.Key)]


def _settled(parser) -> list[object]:
    """What the parser still holds once the escape delay is over (a lone ESC, a half sequence)."""
    with patch("textual._parser.get_time", lambda: 1e12):
        return list(parser.tick())


def test_the_guarded_driver_is_the_one_the_app_uses():
    from metanav.session import Policy, Session
    from metanav.state.store import Store
    from metanav.tui.app import MetanavApp

    class _Library:
        pass

    app = MetanavApp(Session(library=_Library(), store=Store.memory(), policy=Policy()))
    assert app.driver_class is internals.GuardedDriver


@pytest.mark.parametrize("sequence", [
    "\x1b[99999999999u", "\x1b[99999999999~", "\x1b[999999999999;1H", "\x1b[5555555;1u",
    "\x1b[55296u",  # a lone surrogate: not text a terminal can show
])
def test_a_sequence_textual_chokes_on_is_dropped_and_the_next_key_arrives(sequence):
    parser = internals.GuardedParser()
    assert _keys(parser, sequence + "a") == ["a"]
    assert _keys(parser, "b") == ["b"]


def test_absurd_window_sizes_and_far_off_clicks_are_dropped():
    parser = internals.GuardedParser()
    made = list(parser.feed("\x1b[48;0;0;0;0t\x1b[48;99999999;99999999;1;1t"
                            "\x1b[<0;99999999999;99999999999Mz"))
    assert [type(m) for m in made] == [events.Key]
    ok = list(parser.feed("\x1b[48;24;80;480;800t"))
    assert [m.size for m in ok if isinstance(m, events.Resize)] == [(80, 24)]


_NUMBER = st.one_of(st.integers(0, 300), st.integers(0, 10**20)).map(str)
_CSI = st.builds(
    lambda lead, nums, sep, final: f"\x1b[{lead}{sep.join(nums)}{final}",
    st.sampled_from(["", "<", "?", ">", "="]), st.lists(_NUMBER, max_size=6),
    st.sampled_from([";", ":"]), st.sampled_from(list("u~ABCDEFHPQRSMmtRIOhly$") + ["$y", ""]),
)
_TEXT = st.text(max_size=20)
_INPUT = st.lists(st.one_of(
    _CSI,
    st.builds(lambda t: "\x1bO" + t, st.text(max_size=2)),
    st.builds(lambda t, end: f"\x1b]{t}{end}", _TEXT, st.sampled_from(["\x07", "\x1b\\", ""])),
    st.builds(lambda t, end: f"\x1bP{t}{end}", _TEXT, st.sampled_from(["\x1b\\", ""])),
    st.sampled_from(["\x1b[200~", "\x1b[201~", "\x1b", "\x1b\x1b", "\x00"]),
    _TEXT,
), max_size=8)


@settings(max_examples=800, deadline=None)
@given(_INPUT)
def test_fuzzed_input_never_breaks_the_parser(parts):
    parser = internals.GuardedParser()
    for part in filter(None, parts):  # "" means end of input; the reader never feeds it
        for message in parser.feed(part):
            assert input_guard.acceptable(message)
    for message in _settled(parser):
        assert input_guard.acceptable(message)
    # Out of any paste, then a plain key: it still arrives as that key.
    list(parser.feed("\x1b[201~"))
    _settled(parser)
    assert _keys(parser, "\x1b[99999999999uz")[-1:] == ["z"]


def test_a_paste_that_never_ends_is_ended_after_a_quiet_second(monkeypatch):
    """ESC[200~ alone would make every later key (the staff key too) pasted text, for ever."""
    import metanav.tui.textual_internals as internals

    now = [1000.0]
    monkeypatch.setattr(internals.key_reader.time, "monotonic", lambda: now[0])
    parser = internals.GuardedParser()
    assert list(parser.feed("\x1b[200~hello")) == []
    assert _keys(parser, "\x18") == []  # still inside the paste
    now[0] += 2
    ended = [m for m in parser.tick()]
    assert [m.text for m in ended if isinstance(m, events.Paste)] == ["hello\x18"]
    assert _keys(parser, "\x18") == ["ctrl+x"]
