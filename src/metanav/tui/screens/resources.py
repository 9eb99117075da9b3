"""Support resources: filter by words, kind and language; open one for its details.

The filter and what it finds are the core's (core/resources.py), the same as plain mode's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from metanav.content.model import Resource
from metanav.content.text import READING_WIDTH, fit_fields, label_lines, wrap
from metanav.core import search
from metanav.core.commands import COMMANDS
from metanav.core.resources import WORDS_CLEARED, ResourceFinder, resource_fields, resource_page
from metanav.i18n import N_, _
from metanav.state.store import Store
from metanav.tui import bindings
from metanav.tui.preparing import prepare_beside
from metanav.tui.screens.base import BaseScreen, ListScreen, focus_now, plain
from metanav.tui.screens.topic import WIDE_HINT
from metanav.tui.widgets.choice import Choice
from metanav.tui.widgets.lean_list import LeanList, Row
from metanav.tui.widgets.quiet_input import QuietInput
from metanav.tui.widgets.reading_view import ReadingView


def resource_row(resource: Resource, bookmarked: bool) -> Row:
    """Name, kind, language and phone, as many as fit (core/resources.resource_fields)."""
    fields = resource_fields(resource, bookmarked)
    return Row(fit_fields(fields), key=resource.id, fields=fields)


class ResourceRows(Sequence):
    """Rows made on demand, so a list of 100,000 resources costs nothing until drawn."""

    def __init__(self, resources: list[Resource], store: Store) -> None:
        self.resources = resources
        self.store = store

    def __len__(self) -> int:
        return len(self.resources)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        r = self.resources[index]
        return resource_row(r, self.store.is_bookmarked("resource", r.id))


class FilterBox(QuietInput):
    """The filter's words. "/" here opens the search over everything, as on every screen: a
    filter's words are words, and "/" is never part of one."""

    BINDINGS = [replace(bindings.binding(COMMANDS["search"]), action="screen.search",
                        priority=True, show=False)]


class ResourcesScreen(ListScreen):
    BINDINGS = bindings.RESOURCES
    TITLE_TEXT = N_("Support resources")
    TYPES_LETTERS = True

    finder: ResourceFinder  # the filter and its matches, the same as plain mode's

    def compose_body(self) -> ComposeResult:
        # Made here, not after mounting, so the first frame is the whole screen.
        self.finder = finder = ResourceFinder(self.session)
        kinds = [(words, kind) for kind, words in finder.kinds()]
        languages = [(words, code) for code, words in finder.languages()]
        yield FilterBox(placeholder=_("Type words to filter (name, organisation, description)"),
                         id="filter-text", back_when_empty=True)
        with Horizontal(id="filter-row"):
            yield Choice(_("Kind"), kinds, id="filter-kind")
            yield Choice(_("Language"), languages, id="filter-language")
        yield Static(plain(finder.count_and_filter()), id="match-count", markup=False)
        yield LeanList(ResourceRows(finder.matches, self.session.store), id="resource-list",
                       empty_text=self._empty_text())

    AUTO_FOCUS = "#filter-text"

    def numbered_keys(self) -> list[str]:
        return []  # numbers are typed into the filter here, not used to jump

    def _empty_text(self) -> str:
        if self.finder.filter.words:
            return _("No resources match. Try fewer words, or Ctrl+R to clear the filters.")
        return _("No resources match. Try another kind or language, or Ctrl+R.")

    def show_matches(self) -> None:
        """Draw what the finder matches now: the count line and the list."""
        count = self.query_one("#match-count", Static)
        phrase = self.finder.count_and_filter()
        # A layout of the whole screen only when the line may wrap, so changes its height.
        fits = cell_len(phrase) <= count.content_region.width
        count.update(plain(phrase), layout=not fits or count.content_region.height != 1)
        lst = self.main_list()
        lst.empty_text = self._empty_text()
        lst.set_rows(ResourceRows(self.finder.matches, self.session.store))
        self.paint_in_this_frame(count, lst)

    def refresh_view(self) -> None:
        lst = self.main_list()
        lst.set_rows(ResourceRows(self.finder.matches, self.session.store), keep=None)

    preparing = ""  # while search is made ready for the filter: the line that says so

    def _not_ready(self) -> bool:
        """Large content in a translation: the filter's first words or choice make its index
        in memory (about 20 s at 100,000), beside the screen, which says how far it has come
        and filters by what is chosen meanwhile once it is ready."""
        if not self.preparing:
            self.preparing = search.preparing(self.session)
            if not self.preparing:
                return False
            prepare_beside(self, self.session, self._show_progress, self._prepared)
        self._show_progress(self._percent)
        return True

    _percent = 0

    def _show_progress(self, percent: int) -> None:
        self._percent = percent
        if self.preparing and self.is_attached:
            line = f"{self.preparing} {percent}%" if percent else self.preparing
            self.query_one("#match-count", Static).update(plain(line), layout=True)

    def _prepared(self) -> None:
        self.preparing = ""
        if self.is_attached:
            self.finder.set_words(self.query_one("#filter-text", Input).value)
            self.finder.set_kind(self.query_one("#filter-kind", Choice).value)
            self.finder.set_language(self.query_one("#filter-language", Choice).value)
            self.show_matches()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter-text":
            if self._not_ready():
                return
            self.finder.set_words(event.value)
            self.show_matches()
            if event.value:  # typed words: "Filters cleared. 20 resources match." is old news
                self.say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        focus_now(self, self.main_list())

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if self._not_ready():
            return
        if event.choice.id == "filter-kind":
            self.finder.set_kind(event.value)
        elif event.choice.id == "filter-language":
            self.finder.set_language(event.value)
        self.show_matches()
        self.say("")

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.metanav.open_resource(self.finder.matches[event.index].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and isinstance(self.focused, Input) and not self.metanav.screen_reader:
            # Already typing in the filter: its key has nothing to do. (With the
            # screen-reader setting the key bar stays the same as focus moves.)
            return False
        return super().check_action(action, parameters)

    def action_focus_list(self) -> None:
        """Down from the filter box goes to the list (the list moves its own highlight)."""
        if not isinstance(self.focused, LeanList):
            focus_now(self, self.main_list())

    def action_filter(self) -> None:
        focus_now(self, self.query_one("#filter-text", Input))

    def _cycle(self, choice_id: str) -> None:
        self.query_one(choice_id, Choice).action_step(1)

    def action_kind(self) -> None:
        self._cycle("#filter-kind")

    def action_language(self) -> None:
        self._cycle("#filter-language")

    def action_clear_filters(self) -> None:
        with self.prevent(Input.Changed, Choice.Changed):  # one filtering below, not one per box
            self.query_one("#filter-text", Input).value = ""
            self.query_one("#filter-kind", Choice).value = ""
            self.query_one("#filter-language", Choice).value = ""
        done = self.finder.clear()
        self.show_matches()
        self.tell(done)

    def on_key(self, event) -> None:
        """Typing on the list goes into the filter box: this is a search screen. (b still
        bookmarks the highlighted resource.)"""
        char = event.character
        if (
            isinstance(self.focused, LeanList)
            and char
            and char.isprintable()
            and not char.isspace()
            and event.key not in ("b", "question_mark", "slash")
        ):
            event.stop()
            event.prevent_default()  # not a number-key jump (ListScreen) either
            box = self.query_one("#filter-text", Input)
            focus_now(self, box)
            box.insert_text_at_cursor(char)

    def action_back(self) -> None:
        """Escape in a filter box with words clears the words first."""
        box = self.query_one("#filter-text", Input)
        if self.focused is box and box.value:
            box.value = ""
            self.say(_(WORDS_CLEARED))
            return
        super().action_back()

    def action_bookmark(self) -> None:
        lst = self.main_list()
        matches = self.finder.matches
        if lst.highlighted is None or not matches:
            return
        resource = matches[lst.highlighted]
        on = self.toggle_bookmark("resource", resource.id)
        lst.update_row(lst.highlighted, resource_row(resource, on))


class ResourceScreen(BaseScreen):
    BINDINGS = bindings.RESOURCE

    def __init__(self, resource: Resource) -> None:
        super().__init__()
        self.resource = resource

    def language_changed(self, before) -> None:
        self.resource = self.session.library.resources.get(self.resource.id, self.resource)

    def heading(self) -> str:
        # The mark comes first, so a narrow screen cuts the title, not the mark.
        mark = _("[Bookmarked] ") if self.session.store.is_bookmarked("resource", self.resource.id) else ""
        return f"{mark}{self.resource.name}"

    def _text_width(self) -> int:
        """The body's width less padding and scroll bar, and never wider than is easy to read."""
        return max(20, min(self.app.size.width, READING_WIDTH) - 4)

    def _text(self) -> str:
        """The core's resource page (core/resources.resource_page), wrapped: a web address is
        never broken (content/text.label_lines); one wider than the screen is shown whole,
        and the view scrolls sideways."""
        self._wrapped_at = width = self._text_width()
        page = resource_page(self.session, self.resource)
        lines = [line for label, value in page.details for line in label_lines(label, value, width)]
        if any(cell_len(line) > width for line in lines):
            lines += wrap(_(WIDE_HINT), width)
        reach = page.reach() + _(" Press c for a QR code your phone camera can read.")
        return "\n".join([*lines, "", *wrap(reach, width)])

    _wrapped_at = 0

    def compose_body(self) -> ComposeResult:
        text = self._text()
        with ReadingView(id="resource-body") as body:
            body.fit_sideways(text.split("\n"), self._wrapped_at)
            yield Static(plain(text), id="resource-text", markup=False)

    def on_resize(self) -> None:
        if self._text_width() != self._wrapped_at:
            text = self._text()
            self.query_one("#resource-text", Static).update(plain(text))
            self.query_one("#resource-body", ReadingView).fit_sideways(
                text.split("\n"), self._wrapped_at)

    AUTO_FOCUS = "#resource-body"

    def action_qr_code(self) -> None:
        from metanav.tui.screens.qr import QrScreen, resource_codes

        if resource_codes(self.resource):
            self.app.push_screen(QrScreen(self.resource))
        else:
            self.say(_("This resource has no web address or phone number for a QR code."))

    def bookmarked_here(self) -> bool:
        return self.session.store.is_bookmarked("resource", self.resource.id)

    def action_bookmark(self) -> None:
        self.toggle_bookmark("resource", self.resource.id)
        self.show_heading()
