"""Support resources: filter by words, kind and language; open one for its details."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Static

from metanav.content.model import Resource
from metanav.content.search import ResourceFilter, count_phrase, filter_choices, filter_resources
from metanav.core import views
from metanav.i18n import N_, _
from metanav.state.store import Store
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, ListScreen, plain
from metanav.tui.widgets.choice import Choice
from metanav.tui.widgets.lean_list import LeanList, Row
from metanav.tui.widgets.quiet_input import QuietInput


def resource_row_text(resource: Resource, bookmarked: bool) -> str:
    mark = _("[Bookmarked] ") if bookmarked else ""
    return f"{mark}{resource.name} - {resource.organisation} ({resource.kind_words}; {resource.language_name})"


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
        return Row(resource_row_text(r, self.store.is_bookmarked("resource", r.id)), key=r.id)


class ResourcesScreen(ListScreen):
    BINDINGS = bindings.RESOURCES
    TITLE_TEXT = N_("Support resources")

    def __init__(self) -> None:
        super().__init__()
        self.filter = ResourceFilter()
        self.matches: Sequence[Resource] = []

    def compose_body(self) -> ComposeResult:
        library = self.session.library
        kind_pairs, language_pairs = filter_choices(library)
        kinds = [(_("All kinds"), "")] + [(words, k) for k, words in kind_pairs]
        languages = [(_("All languages"), "")] + [(words, code) for code, words in language_pairs]
        yield QuietInput(placeholder=_("Type words to filter (name, organisation, description)"),
                         id="filter-text")
        with Horizontal(id="filter-row"):
            yield Choice(_("Kind"), kinds, id="filter-kind")
            yield Choice(_("Language"), languages, id="filter-language")
        # The list is filled here, not after mounting, so the first frame is the whole screen.
        self.matches = filter_resources(library, self.filter)
        yield Static(plain(self._count_phrase()), id="match-count", markup=False)
        yield LeanList(ResourceRows(self.matches, self.session.store), id="resource-list",
                       empty_text=self._empty_text())

    AUTO_FOCUS = "#filter-text"

    def numbered_keys(self) -> list[str]:
        return []  # numbers are typed into the filter here, not used to jump

    def _count_phrase(self) -> str:
        phrase = count_phrase(len(self.matches))
        if self.filter.text.strip() or self.filter.kind or self.filter.language:
            phrase = f"{phrase} " + _("Filter: {filter}.").format(filter=self.filter.describe())
        return phrase

    def _empty_text(self) -> str:
        if self.filter.words:
            return _("No resources match. Try fewer words, or Ctrl+R to clear the filters.")
        return _("No resources match. Try another kind or language, or Ctrl+R.")

    def apply_filter(self) -> None:
        self.matches = filter_resources(self.session.library, self.filter)
        count = self.query_one("#match-count", Static)
        phrase = self._count_phrase()
        # A layout of the whole screen only when the line may wrap, so changes its height.
        fits = cell_len(phrase) <= count.content_region.width
        count.update(plain(phrase), layout=not fits or count.content_region.height != 1)
        lst = self.main_list()
        lst.empty_text = self._empty_text()
        lst.set_rows(ResourceRows(self.matches, self.session.store))
        self.paint_in_this_frame(count, lst)

    def refresh_view(self) -> None:
        lst = self.main_list()
        lst.set_rows(ResourceRows(self.matches, self.session.store), keep=None)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter-text":
            self.filter = ResourceFilter(event.value, self.filter.kind, self.filter.language)
            self.apply_filter()
            if event.value:  # typed words: "Filters cleared. 20 resources match." is old news
                self.say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.main_list().focus()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        if event.choice.id == "filter-kind":
            self.filter = ResourceFilter(self.filter.text, event.value, self.filter.language)
        elif event.choice.id == "filter-language":
            self.filter = ResourceFilter(self.filter.text, self.filter.kind, event.value)
        self.apply_filter()
        self.say("")

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        self.metanav.open_resource(self.matches[event.index].id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and isinstance(self.focused, Input) and not self.metanav.screen_reader:
            # Already typing in the filter: "/" is just a character there. (With the
            # screen-reader setting the key bar stays the same as focus moves.)
            return False
        return super().check_action(action, parameters)

    def action_focus_list(self) -> None:
        """Down from the filter box goes to the list (the list moves its own highlight)."""
        if not isinstance(self.focused, LeanList):
            self.main_list().focus()

    def action_filter(self) -> None:
        self.query_one("#filter-text", Input).focus()

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
        self.filter = ResourceFilter()
        self.apply_filter()
        self.say(_("Filters cleared.") + " " + count_phrase(len(self.matches)))

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
            box.focus()
            box.insert_text_at_cursor(char)

    def action_back(self) -> None:
        """Escape in a filter box with words clears the words first."""
        box = self.query_one("#filter-text", Input)
        if self.focused is box and box.value:
            box.value = ""
            self.say(_("Filter words cleared."))
            return
        super().action_back()

    def action_bookmark(self) -> None:
        lst = self.main_list()
        if lst.highlighted is None or not self.matches:
            return
        resource = self.matches[lst.highlighted]
        on = self.toggle_bookmark("resource", resource.id)
        lst.update_row(lst.highlighted, Row(resource_row_text(resource, on), key=resource.id))


class ResourceScreen(BaseScreen):
    BINDINGS = bindings.RESOURCE

    def __init__(self, resource: Resource) -> None:
        super().__init__()
        self.resource = resource

    def heading(self) -> str:
        # The mark comes first, so a narrow screen cuts the title, not the mark.
        mark = _("[Bookmarked] ") if self.session.store.is_bookmarked("resource", self.resource.id) else ""
        return f"{mark}{self.resource.name}"

    def compose_body(self) -> ComposeResult:
        text = "\n".join(f"{label}: {value}" for label, value in views.resource_details(self.resource))
        if self.resource.url and self.resource.phone:
            how = _("Type the web address into a browser, or call the number.")
        elif self.resource.url:
            how = _("Type the web address into a browser.")
        else:
            how = _("Call the number.")
        text += "\n\n" + _("metanav does not open web pages.") + " " + how
        text += _(" Press c for a QR code your phone camera can read.")
        with VerticalScroll(id="resource-body", can_focus=True):
            yield Static(plain(text), id="resource-text", markup=False)

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
