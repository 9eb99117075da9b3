"""Every key of the full-screen app, made from the one command table (core/commands.py).

Each screen takes its bindings from here, and the help screen and the key bar read the same
bindings, so help can never disagree with what a key does. Every binding has the command's id,
so keys can be remapped with ``App.set_keymap``.
"""

from __future__ import annotations

from textual.binding import Binding

from metanav.core.commands import FULL_SCREEN, Command, full_screen, keys_in_words
from metanav.i18n import N_


def binding(command: Command) -> Binding:
    return Binding(command.key, command.action, command.words, show=command.show,
                   key_display=command.key_display or None, priority=command.priority,
                   id=command.id)


def bindings_of(screen: str) -> list[Binding]:
    return [binding(c) for c in full_screen(screen)]


GLOBAL = bindings_of("global")
APP = bindings_of("app")
HOME = bindings_of("home")
TOPIC = bindings_of("topic")
QUESTIONS = bindings_of("questions")
MY_LIST = bindings_of("mylist")
DOCTOR = bindings_of("doctor")  # the "show your doctor" view of my list
RESOURCES = bindings_of("resources")
CHOICE = bindings_of("choice")  # the Kind and Language lines on the resources screen
RESOURCE = bindings_of("resource")
QR = bindings_of("qr")
BOOKMARKS = bindings_of("bookmarks")
PROMPT = bindings_of("prompt")
SEARCH = bindings_of("search")
# Kiosk mode only (MetanavApp.check_action hides them elsewhere). The staff key is remapped
# from kiosk.ini with set_keymap({"kiosk.staff_exit": ...}). "stay" answers every key that
# would leave or suspend the app elsewhere; it comes after the quit bindings, which kiosk
# mode disables, so those keys land here.
KIOSK = bindings_of("kiosk")

LIST_KEYS = [
    (N_("Up / Down"), N_("move the highlight")),
    (N_("Page Up / Page Down"), N_("move a page")),
    (N_("Home / End"), N_("first / last")),
    ("Enter", N_("open or pick the highlighted item")),
    ("1-9", N_("jump to a numbered item (type two digits quickly for 10 and up)")),
]

# What the help screen lists, in order: (section title, bindings). The kiosk's own section is
# added by the help screen on a kiosk.
HELP_SECTIONS: list[tuple[str, list[Binding]]] = [(N_("Everywhere"), GLOBAL + APP)] + [
    (title, bindings_of(screen)) for screen, (title, _ids) in FULL_SCREEN.items()
    if screen not in ("global", "app", "kiosk")
]


def key_words(binding: Binding, spoken: bool = False) -> str:
    """How a key is written in help: 'Backspace or Escape', 'Ctrl+K', 'F1 or ?'."""
    return keys_in_words(binding.key, binding.key_display or "", spoken)
