"""Bookmarks (open or remove them) and Help (generated from the key tables)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from metanav.core import actions
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, ListScreen, plain
from metanav.tui.widgets.lean_list import LeanList, Row


class BookmarksScreen(ListScreen):
    BINDINGS = bindings.BOOKMARKS
    TITLE_TEXT = "Bookmarks"

    def compose_body(self) -> ComposeResult:
        yield LeanList(
            self._rows(),
            id="bookmark-list",
            empty_text="No bookmarks yet. Press b on a topic or a resource to keep it here.",
        )

    AUTO_FOCUS = "#bookmark-list"

    def _rows(self) -> list[Row]:
        library = self.session.library
        rows = []
        number = 0
        for kind, item_id in self.session.store.bookmarks():
            # Bookmarks of items no longer in the content are kept in the file, not shown.
            if kind == "topic" and item_id in library.topics:
                title = f"Topic: {library.topics[item_id].title}"
            elif kind == "resource" and item_id in library.resources:
                title = f"Resource: {library.resources[item_id].name}"
            else:
                continue
            number += 1
            rows.append(Row(f"{number}. {title}", key=f"{kind}:{item_id}"))
        return rows

    def refresh_view(self) -> None:
        lst = self.main_list()
        keep = lst.highlighted_row.key if lst.highlighted_row else None
        lst.set_rows(self._rows(), keep=keep)

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.main_list().highlighted_row
        if row is None:
            return
        kind, _, item_id = row.key.partition(":")
        if kind == "topic":
            self.metanav.open_topic(item_id)
        else:
            self.metanav.open_resource(item_id)

    def action_remove(self) -> None:
        row = self.main_list().highlighted_row
        if row is None:
            self.say("There is nothing to remove.")
            return
        kind, _, item_id = row.key.partition(":")
        done = actions.remove_bookmark(self.session, kind, item_id)
        self.refresh_view()
        self.tell(done)


def help_text(kiosk: bool = False) -> str:
    """Every key on every screen, from the same tables the screens use.

    On a kiosk the quit keys are left out (they do nothing there) and the Done key is added.
    """
    lines = [
        "metanav works with the keyboard alone. The bottom line shows the main keys of each screen.",
        "",
        "In any list:",
    ]
    lines += [f"  {keys}: {what}" for keys, what in bindings.LIST_KEYS]
    sections = list(bindings.HELP_SECTIONS)
    if kiosk:
        sections.append(("This shared screen", [b for b in bindings.KIOSK if b.show]))
    for title, table in sections:
        lines += ["", f"{title}:"]
        for b in table:
            if kiosk and b.action == "quit":
                continue
            lines.append(f"  {bindings.key_words(b)}: {b.description}")
    if kiosk:
        lines += ["", "Done - clear (F10) forgets everything you did here, so the next person "
                  "starts fresh. It also happens by itself after a few quiet minutes."]
    lines += [
        "",
        "Tab moves between the parts of a screen (text, filters, lists).",
        "For a screen reader or braille display, plain mode may suit you better: metanav --plain",
    ]
    return "\n".join(lines)


class HelpScreen(BaseScreen):
    TITLE_TEXT = "Help: keys and how to use metanav"

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static(plain(help_text(self.session.kiosk)), id="help-text", markup=False)

    AUTO_FOCUS = "#help-body"
