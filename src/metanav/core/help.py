"""Help, once for both faces: every key on every screen, from the one command table.

A :class:`HelpView` is a few sections: a heading (or none, for a paragraph) and its lines.
:func:`full_screen` lists the full screen's keys (core/commands.py ``FULL_SCREEN``), plain
mode's :func:`plain` its letters for the screens plain mode passes in. Both leave out what this
place does not allow: keys the kiosk policy switches off (notes, save to file, print), and on a
kiosk the quit keys, which do nothing there. Plain Python: never imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from metanav.core.commands import FULL_SCREEN, Command, commands, full_screen, keys_in_words, plain
from metanav.core.policy import Policy
from metanav.i18n import N_, _

TITLE = N_("Help: keys and how to use metanav")

# The keys every list of the full screen has (lean_list.py), for help.
LIST_KEYS = [
    (N_("Up / Down"), N_("move the highlight")),
    (N_("Page Up / Page Down"), N_("move a page")),
    (N_("Home / End"), N_("first / last")),
    ("Enter", N_("open or pick the highlighted item")),
    ("1-9", N_("jump to a numbered item (type two digits quickly for 10 and up)")),
]


@dataclass(frozen=True, slots=True)
class HelpSection:
    heading: str  # "Everywhere:", as shown; "" for a paragraph of lines
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HelpView:
    title: str
    sections: tuple[HelpSection, ...]


def _offered(table: Iterable[Command], kiosk: bool, policy: Policy) -> list[Command]:
    """The commands this place allows: not one the policy switches off (listing it would
    only invite a refusal), and on a kiosk not quitting."""
    return [c for c in table if policy.allows(c.needs) and not (kiosk and c.action == "quit")]


def full_screen_sections() -> list[tuple[str, tuple[Command, ...]]]:
    """The full screen's help sections in order: (title, commands); not the kiosk's own."""
    everywhere = (N_("Everywhere"), full_screen("global") + full_screen("app"))
    return [everywhere] + [(title, commands(*ids)) for screen, (title, ids) in FULL_SCREEN.items()
                           if screen not in ("global", "app", "kiosk")]


def full_screen_help(kiosk: bool = False, policy: Policy | None = None,
                     spoken: bool = False) -> HelpView:
    """The full screen's help. ``spoken``: keys written out for a screen reader ("Slash")."""
    policy = policy or Policy()
    sections = [
        HelpSection("", (_("metanav works with the keyboard alone. The bottom line shows the "
                           "main keys of each screen."),)),
        HelpSection(_("In any list:"), tuple(f"{_(keys)}: {_(what)}" for keys, what in LIST_KEYS)),
    ]
    tables = full_screen_sections()
    if kiosk:
        tables.append((N_("This shared screen"), tuple(c for c in full_screen("kiosk") if c.show)))
    for title, table in tables:
        sections.append(HelpSection(f"{_(title)}:", tuple(
            f"{keys_in_words(c.key, c.key_display, spoken)}: {_(c.words)}"
            for c in _offered(table, kiosk, policy))))
    if kiosk:
        sections.append(HelpSection("", (_(
            "Done - clear (F10) forgets everything you did here, so the next person starts "
            "fresh. It also happens by itself after a few quiet minutes."),)))
    last = [_("Tab moves between the parts of a screen (text, filters, lists).")]
    if not kiosk:  # a kiosk's visitor cannot start another mode
        last.append(_("For a screen reader or braille display, plain mode may suit you better: "
                      "metanav --plain"))
    last.append(_("With a screen reader: Backspace goes back (screen readers keep Escape), and "
                  "Ctrl+S turns the screen-reader setting on or off."))
    last.append(_("In an empty search or filter box, Backspace goes back too."))
    sections.append(HelpSection("", tuple(last)))
    return HelpView(_(TITLE), tuple(sections))


def plain_help(screens: Sequence[tuple[str, str, Sequence[Command]]], kiosk: bool = False,
               policy: Policy | None = None, paging: bool = False) -> HelpView:
    """Plain mode's help: how it works, then each of ``screens`` (its name, what a number
    does there, its letters), then the letters every screen has. ``paging``: long text
    stops at a "more" line."""
    how = [_("Type a number or a letter, then press Enter. Enter alone takes the default shown "
             "in [brackets]; on most screens that goes back."),
           _("Letters that act on one item take its number: t 3 marks question 3 as most "
             "important. Without a number, metanav asks which.")]
    policy = policy or Policy()
    if kiosk:  # a shared screen never quits
        how.append(_("Ctrl+D goes back one screen. On the home screen, Ctrl+D or q asks whether "
                     "to clear your session for the next person. Nothing you do here is kept."))
    else:
        how.append(_("Ctrl+D goes back one screen, and quits on the home screen. Ctrl+C quits."))
    if paging:
        how.append(_("Long text stops at a line saying more: Enter goes on, q skips the rest."))
    sections = [HelpSection(_("How plain mode works:"), tuple(how))]
    for name, numbers, keys in screens:
        lines = [_("a number: {what}").format(what=_(numbers))] if numbers else []
        lines += [f"{key.letter}: {key.plain_help}" for key in keys
                  if policy.allows(key.needs)]  # not keys a kiosk switched off
        sections.append(HelpSection(f"{_(name)}:", tuple(lines)))
    sections.append(HelpSection(_("Everywhere") + ":", tuple(
        f"{key.letter}: {key.plain_help}" for key in plain("global"))))
    return HelpView(_("Help"), tuple(sections))
