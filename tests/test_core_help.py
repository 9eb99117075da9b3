"""Help comes from the core (core/help.py): the same rules for both faces' help."""

from __future__ import annotations

from metanav.core import help as core_help
from metanav.core.commands import COMMANDS, plain
from metanav.kiosk import KioskConfig

KIOSK_POLICY = KioskConfig().policy()  # notes, save to file and print are off


def words(view: core_help.HelpView) -> str:
    return "\n".join(line for s in view.sections for line in (s.heading, *s.lines))


def test_both_helps_leave_out_keys_a_kiosk_switched_off():
    screens = [("My list", "", plain("mylist"))]
    for switched_off in ("mylist.export", "mylist.print", "questions.note"):
        command = COMMANDS[switched_off]
        at_home_full = words(core_help.full_screen_help())
        shared_full = words(core_help.full_screen_help(kiosk=True, policy=KIOSK_POLICY))
        assert command.words in at_home_full and command.words not in shared_full
        at_home = words(core_help.plain_help(screens))
        shared = words(core_help.plain_help(screens, kiosk=True, policy=KIOSK_POLICY))
        if command.letter and command.id in [c.id for c in plain("mylist")]:
            line = f"{command.letter}: {command.plain_help}"
            assert line in at_home and line not in shared


def test_a_kiosk_is_told_how_to_clear_and_never_how_to_quit():
    shared = core_help.full_screen_help(kiosk=True, policy=KIOSK_POLICY)
    assert "Quit" not in words(shared) and "Done - clear" in words(shared)
    plain_shared = words(core_help.plain_help([], kiosk=True, policy=KIOSK_POLICY))
    assert "clear your session for the next person" in plain_shared
    assert "Ctrl+C quits" in words(core_help.plain_help([]))


def test_plain_help_says_what_numbers_and_letters_do_on_each_screen():
    view = core_help.plain_help([("Bookmarks", "open a bookmarked topic or resource",
                                  plain("bookmarks"))], paging=True)
    bookmarks = next(s for s in view.sections if s.heading == "Bookmarks:")
    assert bookmarks.lines[0] == "a number: open a bookmarked topic or resource"
    assert "d: with a number (d 2): remove a bookmark" in bookmarks.lines
    assert len(bookmarks.lines) == 1 + len(plain("bookmarks"))  # every letter of the screen
    assert view.sections[-1].heading == "Everywhere:"
    assert "Long text stops at a line saying more" in words(view)
