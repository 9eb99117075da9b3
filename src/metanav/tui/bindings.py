"""Every key of the full-screen app, in one place.

Each screen takes its bindings from here, and the help screen is generated from the same
tables, so help can never disagree with what a key does. Every binding has an id so keys can
be remapped with ``App.set_keymap``.
"""

from __future__ import annotations

from textual.binding import Binding

# Keys every screen has.
GLOBAL = [
    Binding("escape", "back", "Back", id="back"),
    Binding("f1,question_mark", "help", "Help", key_display="?", id="help"),
    Binding("tab", "app.focus_next", "Next part of the screen", show=False, id="focus_next"),
    Binding("shift+tab", "app.focus_previous", "Previous part", show=False, id="focus_previous"),
]

APP = [
    Binding("f2", "cycle_theme", "Change colours", show=False, id="theme"),
    Binding("f5", "redraw", "Redraw the whole screen", show=False, id="redraw"),
    Binding("ctrl+q", "quit", "Quit", show=False, id="quit", priority=True),
    Binding("ctrl+c", "quit", "Quit", show=False, id="quit_ctrl_c", priority=True),
]

HOME = [
    Binding("enter", "open", "Open", id="home.open"),
    Binding("q", "quit", "Quit", id="home.quit"),
]

TOPIC = [
    Binding("b", "bookmark", "Bookmark", id="topic.bookmark"),
    Binding("r", "related", "Related", id="topic.related"),
    Binding("space", "toggle_question", "Add question", show=False, id="topic.add"),
]

QUESTIONS = [
    Binding("space", "toggle", "Pick", id="questions.pick"),
    Binding("t", "top", "Top 3", id="questions.top"),
    Binding("k", "asked", "Asked", id="questions.asked"),
    Binding("n", "note", "Note", id="questions.note"),
    Binding("a", "add", "Add own", id="questions.add"),
    Binding("delete,r", "remove", "Remove own", show=False, id="questions.remove"),
    Binding("s", "show_list", "My list", id="questions.show"),
    Binding("w", "why", "Why ask this", show=False, id="questions.why"),
]

MY_LIST = [
    Binding("e", "export", "Save to file", id="mylist.export"),
]

RESOURCES = [
    Binding("slash", "focus_filter", "Filter", key_display="/", id="resources.filter"),
    Binding("down", "focus_list", "Go to the list", show=False, id="resources.list"),
    Binding("ctrl+k", "next_kind", "Kind", key_display="^k", id="resources.kind", priority=True),
    Binding("ctrl+l", "next_language", "Language", key_display="^l", id="resources.language",
            priority=True),
    Binding("b", "bookmark", "Bookmark", id="resources.bookmark"),
    Binding("ctrl+r", "clear_filters", "Clear filters", show=False, id="resources.clear",
            priority=True),
]

# The Kind and Language lines on the resources screen (widgets/choice.py).
CHOICE = [
    Binding("enter,space", "pick", "Choose", id="choice.pick"),
    Binding("right", "step(1)", "Next value", show=False, id="choice.next"),
    Binding("left", "step(-1)", "Previous value", show=False, id="choice.previous"),
]

RESOURCE = [
    Binding("b", "bookmark", "Bookmark", id="resource.bookmark"),
    Binding("c", "qr_code", "QR code", id="resource.qr"),
]

QR = [
    Binding("c", "other_code", "Other code", id="qr.other"),
]

# Kiosk mode only (MetanavApp.check_action hides them elsewhere). The staff key is remapped
# from kiosk.ini with set_keymap({"kiosk.staff_exit": ...}). "stay" answers every key that
# would leave or suspend the app elsewhere; it comes after the quit bindings, which kiosk
# mode disables, so those keys land here.
KIOSK = [
    Binding("f10,ctrl+d", "done", "Done - clear", key_display="F10", id="kiosk.done",
            priority=True),
    Binding("ctrl+x", "staff_exit", "Staff exit", show=False, id="kiosk.staff_exit", priority=True),
    Binding("ctrl+c,ctrl+q,ctrl+backslash,ctrl+z", "stay", "Stay", show=False, id="kiosk.stay",
            priority=True),
]

BOOKMARKS = [
    Binding("enter", "open", "Open", id="bookmarks.open"),
    Binding("delete,d", "remove", "Remove", key_display="d", id="bookmarks.remove"),
]

PROMPT = [
    Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
]

LIST_KEYS = [
    ("Up / Down", "move the highlight"),
    ("Page Up / Page Down", "move a page"),
    ("Home / End", "first / last"),
    ("Enter", "open or pick the highlighted item"),
    ("1-9", "jump to a numbered item (type two digits quickly for 10 and up)"),
]

# What the help screen lists, in order: (section title, bindings).
HELP_SECTIONS: list[tuple[str, list[Binding]]] = [
    ("Everywhere", GLOBAL + APP),
    ("Home", HOME),
    ("A topic", TOPIC),
    ("Questions for your doctor", QUESTIONS),
    ("My list", MY_LIST),
    ("Support resources", RESOURCES),
    ("The Kind and Language lines", CHOICE),
    ("One resource", RESOURCE),
    ("A QR code", QR),
    ("Bookmarks", BOOKMARKS),
    ("Typing a question or note", PROMPT),
]


def key_words(binding: Binding) -> str:
    """How a key is written in help: 'Escape', 'Ctrl+K', 'F1 or ?'."""
    if binding.key_display and "," not in binding.key:
        return _pretty(binding.key_display)
    return " or ".join(_pretty(k) for k in binding.key.split(","))


_NAMES = {
    "escape": "Escape", "enter": "Enter", "space": "Space", "tab": "Tab", "shift+tab": "Shift+Tab", "delete": "Delete",
    "question_mark": "?", "slash": "/", "pageup": "Page Up", "pagedown": "Page Down",
    "up": "Up", "down": "Down", "left": "Left", "right": "Right",
}


def _pretty(key: str) -> str:
    if key in _NAMES:
        return _NAMES[key]
    if key.startswith("^"):
        return f"Ctrl+{key[1:].upper()}"
    if key.startswith("ctrl+"):
        return f"Ctrl+{key[5:].upper()}"
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key
