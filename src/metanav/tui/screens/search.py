"""Search everything: a box for words, a count line, and the results (core/search.py).

"/" on any screen opens it. Results follow each keystroke; Enter in the box goes to the list,
Enter on a result opens it (a topic at the matching part), and Escape from there comes back
here with the same words and the same result highlighted. Typing on the results starts a new
search; "/" there goes back to the words to change them.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Input, Static

from metanav.core import search
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.preparing import prepare_beside
from metanav.tui.screens.base import ListScreen, focus_now, plain
from metanav.tui.widgets.lean_list import LeanList, Row
from metanav.tui.widgets.quiet_input import QuietInput

LIMIT = 25  # rows a person scrolls through; more words narrow them (each costs a snippet)


class SearchScreen(ListScreen):
    BINDINGS = bindings.SEARCH
    TITLE_TEXT = N_("Search")
    TYPES_LETTERS = True

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.view: search.SearchView | None = None
        self.preparing = ""  # while search is being made ready: the line that says so

    def compose_body(self) -> ComposeResult:
        self.preparing = search.preparing(self.session)
        if self.preparing:  # large content in a translation: its index is made first
            self.view = search.waiting(self.query_text)
        else:
            self.view = search.find(self.session, self.query_text, as_typed=True, limit=LIMIT)
        status = self.preparing or self._status()
        yield QuietInput(value=self.query_text, placeholder=_(search.PLACEHOLDER), id="search-text",
                         back_when_empty=True)
        yield Static(plain(status), id="search-count", markup=False)
        yield LeanList(self._rows(), wrap=True, id="search-list", empty_text=self._empty())

    AUTO_FOCUS = "#search-text"

    def on_mount(self) -> None:
        if not self.preparing:
            self.call_after_refresh(search.prepare, self.session)
            return
        # About 20 s at 100,000 resources: made beside the screen, which says how far it has
        # come and takes the words meanwhile; they are searched once it is ready.
        prepare_beside(self, self.session, self._show_progress, self._prepared)

    def _show_progress(self, percent: int) -> None:
        if self.preparing and self.is_attached:
            self.query_one("#search-count", Static).update(plain(f"{self.preparing} {percent}%"))

    def _prepared(self) -> None:
        self.preparing = ""
        if self.is_attached:
            self._search_now()

    def numbered_keys(self) -> list[str]:
        return []  # numbers are typed into the box here

    def _rows(self) -> list[Row]:
        """The results; when nothing matched, the closest words and the help lines (Enter on
        a help line opens it). 'No matches for ...' is the count line's, under the box: said
        once, where a screen reader hears it as the words are typed."""
        assert self.view is not None
        if self.view.results.hits or not self.view.results.query.strip():
            reader = bool(getattr(self.app, "screen_reader", False))
            return [Row(text, key=str(n)) for n, text in enumerate(self.view.rows(reader))]
        results = self.view.results
        rows = []
        if results.closest:
            rows.append(Row(_("Closest words in metanav: {words}.").format(words=", ".join(results.closest)),
                            heading=True))
        if results.help_lines:
            rows.append(Row(_("To talk with someone now, call a help line:"), heading=True))
            rows += [Row(f"{r.name}: {r.phone or r.url}", key=f"r:{r.id}")
                     for r in results.help_lines]
        rows.append(Row(_("Your care team can help you find answers too."), heading=True))
        return rows

    def _status(self) -> str:
        """The count line; blank before a word is typed (the box says what to do, and a
        screen reader heard 'Type words to search ...' three times: the box, here, the list)."""
        assert self.view is not None
        return self.view.status() if self.view.results.query.strip() else ""

    def _empty(self) -> str:
        assert self.view is not None
        return " ".join(self.view.nothing_found()) or _(search.EXAMPLES)

    _pending = False

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search again once the keys already waiting are typed: a paste or a burst of keys
        searches once, not once per key (a kiosk's fuzzed input showed the difference)."""
        if event.input.id != "search-text":
            return
        self.query_text = event.value
        if not self._pending:
            self._pending = True
            self.call_later(self._search_now)

    def _search_now(self) -> None:
        self._pending = False
        if self.preparing:
            return  # searched once search is ready (_prepared)
        self.view = search.find(self.session, self.query_text, as_typed=True, limit=LIMIT)
        count = self.query_one("#search-count", Static)
        status = self._status()
        fits = cell_len(status) <= count.content_region.width
        count.update(plain(status), layout=not fits or count.content_region.height != 1)
        lst = self.main_list()
        lst.empty_text = self._empty()
        lst.set_rows(self._rows(), keep="0")  # new words: the best result first
        self.paint_in_this_frame(count, lst)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if any(row.selectable for row in self.main_list().rows):
            focus_now(self, self.main_list())

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        key = event.lean_list.rows[event.index].key
        if key.startswith("r:"):  # a help line, offered when nothing matched
            self.metanav.open_resource(key[2:])
            return
        if self.view is None or not 0 <= event.index < len(self.view.results.hits):
            return
        where = search.target(self.session, self.view.results.hits[event.index])
        if where is None:
            return
        if where.kind == "topic":
            self.metanav.open_topic(where.key, section=where.section)
        elif where.kind == "questions":
            self.metanav.open_questions(question=where.question)
        else:
            self.metanav.open_resource(where.key)

    def on_key(self, event) -> None:
        """Typing on the results starts a new search in the box: back from a result, the
        words typed were added to the old ones ("bonesfatigue"). "/" goes back to the box
        with the old words, to change them. (Plain mode's results prompt does the same.)"""
        char = event.character
        if (isinstance(self.focused, LeanList) and char and char.isprintable()
                and not char.isspace() and event.key not in ("question_mark", "slash")):
            event.stop()
            event.prevent_default()
            box = self.query_one("#search-text", Input)
            focus_now(self, box)
            box.replace(char, 0, len(box.value))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and isinstance(self.focused, Input):
            return False  # typing in the box: "/" is just a character there
        return super().check_action(action, parameters)

    def action_search(self) -> None:
        focus_now(self, self.query_one("#search-text", Input))

    def action_focus_list(self) -> None:
        if not isinstance(self.focused, LeanList) and any(r.selectable for r in self.main_list().rows):
            focus_now(self, self.main_list())

    def action_back(self) -> None:
        """Escape in the box with words clears the words first."""
        box = self.query_one("#search-text", Input)
        if self.focused is box and box.value:
            box.value = ""
            self.say(_("Search words cleared."))
            return
        super().action_back()
