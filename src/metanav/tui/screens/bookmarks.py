"""Bookmarks: open or remove them (the core's view, core/views.bookmarks)."""

from __future__ import annotations

from textual.app import ComposeResult

from metanav.core import actions, views
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import ListScreen
from metanav.tui.widgets.lean_list import LeanList, Row


class BookmarksScreen(ListScreen):
    BINDINGS = bindings.BOOKMARKS
    TITLE_TEXT = N_("Bookmarks")

    def compose_body(self) -> ComposeResult:
        yield LeanList(self._rows(), id="bookmark-list", empty_text=_(views.NO_BOOKMARKS))

    AUTO_FOCUS = "#bookmark-list"

    def _rows(self) -> list[Row]:
        items = views.bookmarks(self.session).items()
        return [Row(f"{n}. {item.text}", key=item.key) for n, item in enumerate(items, 1)]

    def refresh_view(self) -> None:
        lst = self.main_list()
        keep = lst.highlighted_row.key if lst.highlighted_row else None
        lst.set_rows(self._rows(), keep=keep)
        self.refresh_bindings()  # d Remove comes and goes with the bookmarks

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No bookmarks: d Remove is left off the key bar (offer only what works)."""
        if action == "remove" and not views.bookmarks(self.session).items():
            return False
        return super().check_action(action, parameters)

    def on_key(self, event) -> None:
        if event.key == "d" and not views.bookmarks(self.session).items():
            self.say(_("There is nothing to remove."))  # d still answers, in words
            return
        super().on_key(event)

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.action_open()

    def action_open(self) -> None:
        row = self.main_list().highlighted_row
        if row is None:
            return
        kind, _sep, item_id = row.key.partition(":")
        if kind == "topic":
            self.metanav.open_topic(item_id)
        else:
            self.metanav.open_resource(item_id)

    def action_remove(self) -> None:
        row = self.main_list().highlighted_row
        if row is None:
            self.say(_("There is nothing to remove."))
            return
        kind, _sep, item_id = row.key.partition(":")
        done = actions.remove_bookmark(self.session, kind, item_id)
        self.refresh_view()
        self.tell(done)
