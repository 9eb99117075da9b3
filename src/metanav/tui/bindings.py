"""Every key of the full-screen app, made from the one command table (core/commands.py).

Each screen takes its bindings from here and the key bar reads them; help reads the same
commands (core/help.py), so help can never disagree with what a key does. Every binding has the command's id,
so keys can be remapped with ``App.set_keymap``.
"""

from __future__ import annotations

from textual.binding import Binding

from metanav.core.commands import Command, full_screen


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
