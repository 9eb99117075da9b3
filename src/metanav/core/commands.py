"""Every command of metanav, named once: the one table both faces are made from.

A ``Command`` says what a person can do, in words, and how each face offers it:

- ``key``: the full-screen key(s), Textual names, comma-separated ("delete,r"); "" when the
  full screen has no key for it. ``tui/bindings.py`` makes Textual ``Binding``s from it and
  the key bar reads those; both help screens are made from this table (core/help.py).
- ``letter``: plain mode's letter ("t", typed alone or with a number: "t 2"); "" when plain
  mode has no letter for it. Plain mode's prompt, dispatcher and help read it.
- ``action``: the method both faces call: ``action_<action>`` on a full screen,
  ``<action>(rest_of_answer)`` on a plain screen.
- ``words`` (key bar, full-screen help) and ``help`` (plain help, a sentence).
- ``only``: for a command one face alone has, why (the parity test reads it).

Which commands each screen offers is listed per face below (``FULL_SCREEN``, ``PLAIN``), in
the order help lists them. To add a command: add it to ``COMMANDS``, list it on a screen of
each face (or say in ``only`` why not), write its ``action`` in both faces, and add its case
to ``tests/test_parity.py``. Plain Python: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from metanav.i18n import N_, _

# The topic the "get help now" command opens (data/topics/get-help-now.yaml).
GET_HELP_NOW = "get-help-now"
# The saved setting that remembers the last topic a person opened (never in kiosk mode), so
# home can offer "Go on reading" after a restart.
LAST_TOPIC = "last_topic"


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    action: str
    words: str
    help: str = ""
    key: str = ""
    letter: str = ""
    prompt: str = ""  # plain mode's prompt words ("t for top three"); "" keeps it out of the prompt
    key_display: str = ""
    show: bool = True  # on the full screen's key bar
    priority: bool = False  # full screen: works even while typing in a box
    takes_number: bool = False  # plain mode: "t 2" acts on item 2
    needs: str = ""  # the policy switch it needs (core/policy.py), "" for none
    only: str = ""  # why only one face has it

    @property
    def plain_help(self) -> str:
        """The line plain mode's help shows after the letter."""
        lead = _("with a number ({example}): ").format(example=f"{self.letter} 2")
        return (lead if self.takes_number else "") + _(self.help or self.words)


_ALL = [
    # -- everywhere ----------------------------------------------------------------------------
    # Backspace first: screen readers keep Escape (Fenrir's "stop speech") and Alt+Left.
    Command("back", "back", N_("Back"), N_("go back one screen"), key="backspace,escape",
            only="plain mode goes back with Enter alone (the default) or Ctrl+D"),
    Command("help", "help", N_("Help"), N_("help: every key on every screen"), key="f1,question_mark",
            key_display="?", letter="h", prompt=N_("h for help")),
    Command("get_help", "get_help_now", N_("Get help now"),
            N_("get help now: when to call 911, 988 or your care team right away"), key="g",
            letter="g", prompt=N_("g to get help now")),
    Command("home", "home", N_("Main menu"), N_("go to the main menu (home)"), letter="m",
            only="the full screen goes back with Escape, a screen at a time"),
    Command("again", "again", N_("Redraw the whole screen"), N_("show this screen again"),
            key="f5,ctrl+g", letter="r", show=False),
    Command("quit", "quit", N_("Quit"), N_("leave metanav"), key="ctrl+q", letter="q", prompt=N_("q to quit"),
            show=False, priority=True),
    Command("quit_ctrl_c", "quit", N_("Quit"), key="ctrl+c", show=False, priority=True,
            only="plain mode: Ctrl+C is the terminal's own interrupt"),
    Command("focus_next", "app.focus_next", N_("Next part of the screen"), key="tab", show=False,
            only="plain mode has one part per screen"),
    Command("focus_previous", "app.focus_previous", N_("Previous part"), key="shift+tab",
            show=False, only="plain mode has one part per screen"),
    Command("theme", "cycle_theme", N_("Change colours"), key="f2,ctrl+t", show=False,
            only="plain mode has no colours"),
    Command("screen_reader", "toggle_screen_reader", N_("Screen-reader setting"),
            N_("turn the screen-reader setting on or off: no bars, scroll bars or symbols"),
            key="ctrl+s", show=False,
            only="plain mode has no decorations to drop: it is the screen-reader face"),
    # The key bar and the prompt name the other language in itself ("i Español", "i English"):
    # words a person who reads only that language can find (tui/screens/base.py, plain/shell.py).
    # Ctrl+O too: on the search and resources screens every letter is typed into the box.
    Command("language", "switch_language", N_("Other language"),
            N_("show metanav in the other language: English or Español"), key="i,ctrl+o",
            letter="i", prompt=N_("i for {language}")),
    Command("search", "search", N_("Search"),
            N_("search everything in your own words: / and the words (/ bone pain), or / alone"),
            key="slash", key_display="/", letter="/", prompt=N_("/ to search")),
    # -- home ----------------------------------------------------------------------------------
    Command("home.open", "open", N_("Open"), key="enter", only="plain mode opens with a number"),
    Command("home.quit", "quit", N_("Quit"), key="q",
            only="plain mode's q is the everywhere key"),
    Command("group.open", "open", N_("Open"), key="enter", only="plain mode opens with a number"),
    # -- search --------------------------------------------------------------------------------
    Command("search.list", "focus_list", N_("Go to the results"), key="down", show=False,
            only="plain mode numbers the results"),
    # -- a topic -------------------------------------------------------------------------------
    Command("topic.bookmark", "bookmark", N_("Bookmark"), N_("bookmark this topic, or remove the bookmark"),
            key="b", letter="b", prompt=N_("b to bookmark")),
    # q and Left go back from a topic, a resource, a QR code, a group of topics, the questions,
    # My list, bookmarks and help, as in lynx and less (Backspace and Escape do too); on a kiosk that is all they
    # do (home's q is its own). On a topic or a resource, Left first scrolls a line that was
    # scrolled sideways back.
    Command("back.q_left", "back", N_("Back"), key="q,left", show=False,
            only="plain mode goes back with Enter alone (the default); its q quits"),
    # In "show your doctor" Left is the question before: there q alone goes back.
    Command("back.q", "back", N_("Back"), key="q", show=False,
            only="plain mode goes back with Enter alone (the default); its q quits"),
    Command("topic.related", "related", N_("Related"), key="r",
            only="plain mode numbers the related items under the text"),
    Command("topic.add", "toggle_question", N_("Add question"), key="space", show=False,
            only="plain mode picks a question with its number"),
    # -- questions -----------------------------------------------------------------------------
    Command("questions.pick", "toggle", N_("Pick"), key="space",
            only="plain mode picks a question with its number"),
    Command("questions.top", "top", N_("Top 3"),
            N_("mark a question as one of your three most important, or unmark it"),
            key="t", letter="t", prompt=N_("t for top three"), takes_number=True),
    Command("questions.asked", "asked", N_("Asked"), N_("mark a question as asked, or not asked"),
            key="k", letter="k", prompt=N_("k to mark asked"), takes_number=True),
    Command("questions.note", "note", N_("Note"), N_("write a short note of the answer"), key="n",
            letter="n", prompt=N_("n for a note"), takes_number=True, needs="own_notes"),
    Command("questions.add", "add", N_("Add own"), N_("add a question of your own (it is picked for you)"),
            key="a", letter="a", prompt=N_("a to add your own"), needs="own_notes"),
    Command("questions.remove", "remove", N_("Remove own"), N_("delete a question you added"),
            key="delete,r", letter="d", prompt=N_("d to delete your question"), show=False,
            takes_number=True),
    Command("questions.edit", "edit", N_("Change own"),
            N_("change the words of a question you added (its marks and note stay)"),
            key="c", letter="c", prompt=N_("c to change your question"), show=False,
            takes_number=True, needs="own_notes"),
    Command("undo", "undo", N_("Undo"),
            N_("undo: bring back the bookmark or your own question just removed"),
            key="u", letter="u", show=False),
    Command("questions.show", "show_list", N_("My list"),
            N_("show my list: only the picked questions, with notes"), key="s",
            letter="s", prompt=N_("s to show my list")),
    Command("questions.why", "why", N_("Why ask this"),
            N_("why it may be worth asking a question"), key="w", letter="w",
            show=False, takes_number=True),
    Command("mylist.export", "export", N_("Save to file"), N_("save my list as a text file and say where"),
            key="e", letter="e", prompt=N_("e to save it to a file"), needs="export"),
    Command("mylist.doctor", "doctor", N_("Show your doctor"),
            N_("show your doctor: one question at a time, in large bold letters"), key="l",
            letter="l", prompt=N_("l to show your doctor")),
    Command("mylist.print", "print_list", N_("Print"), N_("print my list in large type"), key="p",
            letter="p", prompt=N_("p to print it"), needs="print"),
    Command("doctor.next", "step(1)", N_("Next"), key="right,space,pagedown,down",
            key_display="\u2192", only="plain mode lists every question at once"),
    Command("doctor.previous", "step(-1)", N_("Previous"), key="left,pageup,up", key_display="\u2190",
            only="plain mode lists every question at once"),
    # -- support resources ---------------------------------------------------------------------
    # The filter has Ctrl+F (it works from the box, the list and the Kind and Language lines),
    # so / opens the one search over everything here too, as on every screen.
    Command("resources.filter", "filter", N_("Filter"),
            N_("with words (f spanish): show only resources with those words; f alone clears them. "
            "Typing two or more letters without f works too"),
            key="ctrl+f", letter="f", prompt=N_("f to find words"), priority=True),
    Command("resources.list", "focus_list", N_("Go to the list"), key="down", show=False,
            only="plain mode has no focus to move"),
    Command("resources.kind", "kind", N_("Kind"),
            N_("choose a kind: information, helpline, money help and more"), key="ctrl+k",
            letter="k", prompt=N_("k for kind"), priority=True),
    Command("resources.language", "language", N_("Language"), N_("choose a language"), key="ctrl+l",
            letter="l", prompt=N_("l for language"), priority=True),
    Command("resources.bookmark", "bookmark", N_("Bookmark"), N_("bookmark a resource, or remove the bookmark"),
            key="b", letter="b", prompt=N_("b to bookmark"), takes_number=True),
    Command("resources.clear", "clear_filters", N_("Clear filters"), N_("clear the words, kind and language"),
            key="ctrl+r", letter="c", prompt=N_("c to clear filters"), show=False, priority=True),
    # -- the Kind and Language lines (full screen) ---------------------------------------------
    Command("choice.pick", "pick", N_("Choose"), key="enter,space",
            only="plain mode asks for a number"),
    Command("choice.next", "step(1)", N_("Next value"), key="right", show=False,
            only="plain mode asks for a number"),
    Command("choice.previous", "step(-1)", N_("Previous value"), key="left", show=False,
            only="plain mode asks for a number"),
    # -- one resource --------------------------------------------------------------------------
    Command("resource.bookmark", "bookmark", N_("Bookmark"),
            N_("bookmark this resource, or remove the bookmark"), key="b", letter="b",
            prompt=N_("b to bookmark")),
    Command("resource.qr", "qr_code", N_("QR code"), key="c",
            only="a QR code needs a screen that draws blocks; plain mode reads the address"),
    Command("qr.other", "other_code", N_("Other code"), key="c", only="plain mode has no QR codes"),
    # -- bookmarks -----------------------------------------------------------------------------
    Command("bookmarks.open", "open", N_("Open"), key="enter", only="plain mode opens with a number"),
    Command("bookmarks.remove", "remove", N_("Remove"), N_("remove a bookmark"), key="delete,d",
            key_display="d", letter="d", prompt=N_("d to remove a bookmark"), takes_number=True),
    # -- a typing box (full screen) ------------------------------------------------------------
    Command("prompt.cancel", "cancel", N_("Cancel"), key="escape",
            only="plain mode cancels with Enter alone"),
    # -- kiosk (full screen; plain mode's q and Ctrl+D ask the same) ---------------------------
    Command("kiosk.done", "done", N_("Done - clear"), key="f10,ctrl+d", key_display="F10",
            priority=True, only="plain mode's q asks the same in a kiosk"),
    Command("kiosk.staff_exit", "staff_exit", N_("Staff exit"), key="ctrl+x", show=False,
            priority=True, only="plain mode reads the staff key itself (plain/kiosk_keyboard.py)"),
    Command("kiosk.stay", "stay", N_("Stay"), key="ctrl+c,ctrl+q,ctrl+backslash,ctrl+z", show=False,
            priority=True, only="plain mode ignores these signals"),
]

COMMANDS: dict[str, Command] = {c.id: c for c in _ALL}


def commands(*ids: str) -> tuple[Command, ...]:
    return tuple(COMMANDS[i] for i in ids)


# The full screen: which commands each screen has, and the help screen's sections, in order.
FULL_SCREEN: dict[str, tuple[str, tuple[str, ...]]] = {
    "global": (N_("Everywhere"), ("get_help", "back", "help", "search", "language", "focus_next",
                                  "focus_previous")),
    "app": (N_("Everywhere"), ("theme", "screen_reader", "again", "quit", "quit_ctrl_c")),
    "home": (N_("Home"), ("home.open", "home.quit")),
    "group": (N_("A group of topics"), ("group.open", "back.q_left")),
    "search": (N_("Search"), ("search.list",)),
    "topic": (N_("A topic"), ("topic.bookmark", "back.q_left", "topic.related", "topic.add")),
    "questions": (N_("Questions for your doctor"), (
        "questions.pick", "questions.top", "questions.asked", "questions.note", "questions.add",
        "questions.edit", "questions.remove", "undo", "questions.show", "questions.why",
        "back.q_left")),
    "mylist": (N_("My list"), ("mylist.doctor", "mylist.print", "mylist.export", "back.q_left")),
    "doctor": (N_("Show your doctor"), ("doctor.next", "doctor.previous", "back.q")),
    "resources": (N_("Support resources"), (
        "resources.filter", "resources.list", "resources.kind", "resources.language",
        "resources.bookmark", "resources.clear")),
    "choice": (N_("The Kind and Language lines"), ("choice.pick", "choice.next", "choice.previous")),
    "resource": (N_("One resource"), ("resource.bookmark", "resource.qr", "back.q_left")),
    "qr": (N_("A QR code"), ("qr.other", "back.q_left")),
    "bookmarks": (N_("Bookmarks"), ("bookmarks.open", "bookmarks.remove", "undo", "back.q_left")),
    "prompt": (N_("Typing a question or note"), ("prompt.cancel",)),
    "help": (N_("This help"), ("back.q_left",)),
    "kiosk": (N_("This shared screen"), ("kiosk.done", "kiosk.staff_exit", "kiosk.stay")),
}

# Plain mode: the letters of each screen (its own first, then GLOBAL's).
PLAIN: dict[str, tuple[str, ...]] = {
    "global": ("get_help", "help", "search", "home", "again", "quit", "language"),
    "home": (),
    "topic_group": (),
    "topic": ("topic.bookmark",),
    "questions": ("questions.add", "questions.show", "mylist.export"),
    "group": ("questions.why", "questions.top", "questions.asked", "questions.note",
              "questions.add", "questions.show"),
    "own": ("questions.top", "questions.asked", "questions.note", "questions.add",
            "questions.show", "questions.edit", "questions.remove", "undo"),
    "mylist": ("questions.top", "questions.asked", "questions.note", "questions.add",
               "mylist.doctor", "mylist.print", "mylist.export"),
    "resources": ("resources.filter", "resources.kind", "resources.language",
                  "resources.clear", "resources.bookmark"),
    "resource": ("resource.bookmark",),
    "bookmarks": ("bookmarks.remove", "undo"),
    "help": (),
    "search": (),
}


# -- keys in words: the key bar and both help screens ------------------------------------------
_KEY_NAMES = {
    "escape": "Escape", "enter": "Enter", "space": N_("Space"), "tab": "Tab",
    "shift+tab": "Shift+Tab", "delete": N_("Delete"), "backspace": "Backspace",
    "question_mark": "?", "slash": "/", "pageup": N_("Page Up"), "pagedown": N_("Page Down"),
    "up": N_("Up"), "down": N_("Down"), "left": N_("Left"), "right": N_("Right"),
    "home": "Home", "end": "End", "backslash": "\\",
}
# Read aloud, a screen reader drops "?" and says "/" as "slash": with the screen-reader
# setting, these are written out.
_SPOKEN = {"?": N_("Question mark"), "/": N_("Slash")}


def key_name(key: str, spoken: bool = False) -> str:
    """One key in words: 'ctrl+k' -> 'Ctrl+K', 'f1' -> 'F1', 'question_mark' -> '?'."""
    key = key.strip()
    if key in _KEY_NAMES:
        name = _(_KEY_NAMES[key])
    elif key.startswith("ctrl+"):
        rest = key[5:]
        name = "Ctrl+" + (rest.upper() if len(rest) == 1 else key_name(rest))
    elif key.startswith("^") and len(key) == 2:
        name = f"Ctrl+{key[1].upper()}"
    elif key[:1] == "f" and key[1:].isdigit():
        name = key.upper()
    else:
        name = key
    return _(_SPOKEN[name]) if spoken and name in _SPOKEN else name


def keys_in_words(key: str, key_display: str = "", spoken: bool = False) -> str:
    """Every key of a command for help: 'Backspace or Escape', 'Ctrl+K'."""
    if key_display and "," not in key:
        return key_name(key_display, spoken)
    return _(" or ").join(key_name(k, spoken) for k in key.split(","))


def first_key_in_words(key: str, key_display: str = "", spoken: bool = False) -> str:
    """The key the key bar shows: the display name, else the first key."""
    return key_name(key_display or key.split(",")[0], spoken)


def full_screen(screen: str) -> tuple[Command, ...]:
    return commands(*FULL_SCREEN[screen][1])


def plain(screen: str) -> tuple[Command, ...]:
    return commands(*PLAIN[screen])


def both_faces() -> list[Command]:
    """Commands each face offers: the ones a parity test must walk."""
    on_full = {cid for _, ids in FULL_SCREEN.values() for cid in ids}
    on_plain = {cid for ids in PLAIN.values() for cid in ids}
    return [c for c in _ALL if c.id in on_full and c.id in on_plain]
