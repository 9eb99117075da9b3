"""Support resources, once for both faces: the filter a person sets and what it finds.

A :class:`ResourceFinder` holds the words, kind and language a person has chosen on the
resources screen, and the resources that match them. Both faces make one when the screen
opens and change it only through its actions (``set_words``, ``set_kind``, ``set_language``,
``clear``), so the same answers filter the same way in both. The words each face shows (the
count, the filter in words, a resource's line) come from here too, and so does one
resource's page (:func:`resource_page`). Plain Python: never imports
Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from metanav.content.model import KINDS, Resource
from metanav.content.search import ResourceFilter, count_phrase, filter_choices, filter_resources
from metanav.content.text import clean_typed
from metanav.core.actions import Done
from metanav.core.views import Item, resource_details
from metanav.i18n import N_, _
from metanav.session import Session

CLEARED = N_("Filters cleared.")
WORDS_CLEARED = N_("Filter words cleared.")


class ResourceFinder:
    """The resources screen's filter (words, kind, language) and its matches, in the
    library's order (resources in the person's language first)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.filter = ResourceFilter()
        self.matches: Sequence[Resource] = filter_resources(session.library, self.filter)

    # -- actions -------------------------------------------------------------------------------
    def set_words(self, text: str) -> None:
        """Filter by these words (as typed; "" drops the words), keeping kind and language."""
        self._set(ResourceFilter(text, self.filter.kind, self.filter.language))

    def set_kind(self, kind: str) -> None:
        """Only resources of this kind ("helpline"; "" for any kind)."""
        self._set(ResourceFilter(self.filter.text, kind, self.filter.language))

    def set_language(self, language: str) -> None:
        """Only resources in this language ("es"; "" for any language)."""
        self._set(ResourceFilter(self.filter.text, self.filter.kind, language))

    def clear(self) -> Done:
        """No words, any kind, any language: every resource again."""
        self._set(ResourceFilter())
        return Done(_(CLEARED), more=self.count())

    def _set(self, flt: ResourceFilter) -> None:
        self.filter = flt
        if flt.text.strip() or flt.kind or flt.language:
            from metanav.core.search import ready_here

            ready_here(self.session)  # large content in a translation: a line while it waits
        self.matches = filter_resources(self.session.library, flt)

    # -- what the faces show -------------------------------------------------------------------
    @property
    def filtering(self) -> bool:
        """True when words, a kind or a language narrow the list."""
        return bool(self.filter.has_words or self.filter.kind or self.filter.language)

    def count(self) -> str:
        """'No resources match.', '1 resource matches.', '4 resources match.'"""
        return count_phrase(len(self.matches))

    def described(self) -> str:
        """'Filter: kind Helpline, language Spanish (Español).' or 'Filter: no filter.'"""
        return _("Filter: {filter}.").format(filter=self.filter.describe())

    def count_and_filter(self) -> str:
        """The count, then the filter when there is one: '4 resources match. Filter: ...';
        then, when what was typed has no words (only quotes, say), that it has none."""
        phrase = f"{self.count()} {self.described()}" if self.filtering else self.count()
        if self.filter.text.strip() and not self.filter.has_words:
            typed = clean_typed(self.filter.text, limit=60)
            phrase += " " + _("No words to filter by in {typed}.").format(typed=typed)
        return phrase

    def kinds(self) -> list[tuple[str, str]]:
        """What the kind can be, as (value, words): "Any kind" first, then the kinds the
        resources use, in their usual order."""
        return [("", _("Any kind")), *filter_choices(self.session.library)[0]]

    def languages(self) -> list[tuple[str, str]]:
        """What the language can be, as (code, words): "Any language" first, then the
        languages the resources use, most used first."""
        return [("", _("Any language")), *filter_choices(self.session.library)[1]]

    def bookmarked(self, resource: Resource) -> bool:
        return self.session.store.is_bookmarked("resource", resource.id)


def resource_fields(resource: Resource, bookmarked: bool = False) -> tuple[tuple[str, ...], ...]:
    """A resource's row in a list, in order of need: its name (after "[Bookmarked]" when it
    is), kind, language, phone, then the organisation when it is not the name again. Each
    field is its forms, longest first (all its kinds, then the first). The full screen shows
    what fits on one line (content/text.fit_fields); plain mode shows the name, and the
    rest whole on the line under it (``resource_details_line``)."""
    mark = _("[Bookmarked] ") if bookmarked else ""
    kinds = [_(KINDS.get(k, k)) for k in resource.kinds]
    fields = [(f"{mark}{resource.name}",), (", ".join(kinds), kinds[0] if kinds else ""),
              (resource.language_name,)]
    if resource.phone:
        fields.append((_("Phone: {number}").format(number=resource.phone),))
    if resource.organisation.casefold() not in resource.name.casefold():
        fields.append((resource.organisation,))
    return tuple(fields)


def resource_details_line(fields: tuple[tuple[str, ...], ...]) -> str:
    """Every field after the name, whole: "Helpline, Emotional support; English; Phone: 988"."""
    return "; ".join(forms[0] for forms in fields[1:] if forms and forms[0])


# -- one resource -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ResourcePage:
    """One resource's page: its details as (label, value), whether it is bookmarked, the
    topics about it ("topic:<id>", title) and how to reach it, in words."""

    resource: Resource
    details: tuple[tuple[str, str], ...]
    bookmarked: bool
    topics: tuple[Item, ...]

    def reach(self) -> str:
        """'metanav does not open web pages. Type the web address into a browser, or call
        the number.' (a shared screen never starts a browser, and neither does metanav)."""
        res = self.resource
        if res.url and res.phone:
            how = _("Type the web address into a browser, or call the number.")
        elif res.url:
            how = _("Type the web address into a browser.")
        else:
            how = _("Call the number.")
        return _("metanav does not open web pages.") + " " + how


def resource_page(session: Session, resource: Resource) -> ResourcePage:
    topics = session.library.topics
    return ResourcePage(
        resource, tuple(resource_details(resource)),
        session.store.is_bookmarked("resource", resource.id),
        tuple(Item(f"topic:{t}", topics[t].title) for t in resource.topics if t in topics))
