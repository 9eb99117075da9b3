"""The one command table (core/commands.py): every command is offered where the table says,
and each face really has the method its action names."""

from __future__ import annotations

import importlib

from metanav.core.commands import COMMANDS, FULL_SCREEN, PLAIN, both_faces
from metanav.core.help import full_screen_sections
from metanav.plain import screens as plain_screens
from metanav.plain.shell import Shell
from metanav.tui import bindings

ON_FULL = {cid for _, ids in FULL_SCREEN.values() for cid in ids}
ON_PLAIN = {cid for ids in PLAIN.values() for cid in ids}


def test_every_command_is_in_both_faces_or_says_why_not():
    for command in COMMANDS.values():
        assert command.id in ON_FULL or command.id in ON_PLAIN, command.id
        if command.id not in ON_FULL or command.id not in ON_PLAIN:
            assert command.only, f"{command.id} is in one face only and does not say why"
        else:
            assert not command.only, f"{command.id} is in both faces but says {command.only!r}"
        assert bool(command.key) == (command.id in ON_FULL), command.id
        assert bool(command.letter) == (command.id in ON_PLAIN), command.id


def test_plain_letters_are_unique_on_every_screen():
    for screen, ids in PLAIN.items():  # (a screen's own letter may stand in for a global one)
        letters = [COMMANDS[i].letter for i in ids]
        assert len(letters) == len(set(letters)), screen


def _tui_classes():
    from metanav.tui.app import MetanavApp

    found = [MetanavApp]
    for module in ("home", "topic", "questions", "resources", "bookmarks", "qr", "prompt"):
        mod = importlib.import_module(f"metanav.tui.screens.{module}")
        found += [v for v in vars(mod).values() if isinstance(v, type)]
    from metanav.tui.widgets.choice import Choice

    return [*found, Choice]


def test_every_full_screen_binding_has_a_method():
    classes = _tui_classes()
    tables = [[bindings.binding(c) for c in table] for _, table in full_screen_sections()]
    for table in [*tables, bindings.KIOSK]:
        for binding in table:
            name = binding.action.split("(")[0].rsplit(".", 1)[-1]
            assert any(hasattr(cls, f"action_{name}") for cls in classes), binding.id


def test_every_plain_letter_has_a_method():
    classes = [Shell, *(v for v in vars(plain_screens).values() if isinstance(v, type))]
    for ids in PLAIN.values():
        for cid in ids:
            assert any(callable(getattr(cls, COMMANDS[cid].action, None)) for cls in classes), cid


def test_the_parity_list_is_what_both_faces_offer():
    ids = {c.id for c in both_faces()}
    assert "questions.top" in ids and "resources.kind" in ids
    assert ids == ON_FULL & ON_PLAIN
