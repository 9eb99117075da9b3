"""Filtering resources by words, kind and language, combined; search results as lines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from metanav.content.model import KINDS, LANGUAGES, Library, Resource
from metanav.content.resource_table import choices, in_order
from metanav.content.text import clean_line, clean_typed
from metanav.i18n import _, ngettext


@dataclass(frozen=True, slots=True)
class ResourceFilter:
    """What a person has asked for. Empty fields match everything."""

    text: str = ""
    kind: str = ""
    language: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(clean_line(self.text).casefold().split())

    @property
    def has_words(self) -> bool:
        """Whether the text holds a word to filter by: a letter or a digit (quotes alone have none)."""
        from metanav.content.words import words

        return bool(words(self.text))

    def describe(self) -> str:
        """The filter in words, for confirmations such as '4 resources match: kind Helpline'."""
        parts = []
        if self.has_words:
            parts.append(_('words "{words}"').format(words=clean_typed(self.text, limit=60)))
        if self.kind:
            parts.append(_("kind {kind}").format(kind=_(KINDS.get(self.kind, self.kind))))
        if self.language:
            language = _(LANGUAGES.get(self.language, self.language))
            parts.append(_("language {language}").format(language=language))
        return ", ".join(parts) if parts else _("no filter")


def filter_resources(library: Library, flt: ResourceFilter) -> Sequence[Resource]:
    """The resources that match ``flt``, in the library's order, found by the search engine
    (content/index.py): the words as typed (the last may be unfinished; case, accents, word
    forms and synonyms do not matter), and the kind and the language, all combined."""
    from metanav.i18n import language

    # In Spanish (any language but English), resources in that language come first.
    first = "" if language() == "en" else language()
    if not (flt.text.strip() or flt.kind or flt.language):
        return in_order(library.resources, first)
    from metanav.content.index import index_for

    return index_for(library).filter_resources(flt.text, flt.kind, flt.language, first)


def count_phrase(count: int) -> str:
    """'No resources match.', '1 resource matches.', '4 resources match.', '100,029 resources
    match.' (grouped as the search's count is, so a long number reads as one)."""
    if count == 0:
        return _("No resources match.")
    return ngettext("{n} resource matches.", "{n} resources match.", count).format(
        n=f"{count:,}")


_choices: list[tuple[Library, list[tuple[str, str]], list[tuple[str, str]]]] = []


def filter_choices(library: Library) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The kinds and the languages the resources use, as (value, words) pairs: kinds in
    their usual order, languages most used first. Worked out once per library (10,000
    resources take a few milliseconds, and the resources screen asks each time it opens)."""
    for known, kinds, languages in _choices:
        if known is library:
            return _translated(kinds, languages)
    in_use, counts = choices(library.resources)  # large content: counted when it was cached
    kinds = [(k, words) for k, words in KINDS.items() if k in in_use]
    names = {code: LANGUAGES.get(code, code) for code in counts}
    order = sorted(counts, key=lambda code: (-counts[code], names[code]))
    languages = [(code, names[code]) for code in order]
    _choices[:] = [(library, kinds, languages), *_choices[:3]]
    return _translated(kinds, languages)


def _translated(kinds, languages):
    """The choices' words in the interface's language; that language comes first (in English,
    English, even when the content has more Spanish resources than English ones)."""
    from metanav.i18n import language

    languages = [(code, _(words)) for code, words in languages]
    languages.sort(key=lambda pair: pair[0] != language())
    return [(k, _(words)) for k, words in kinds], languages


def describe_results(results, numbered: bool = True) -> list[str]:
    """Search results as plain lines (``metanav search``, plain mode): a count, then each
    result's title, where it is, and its one-line snippet; or "No matches", the closest words
    in the content, and help lines to call."""
    lines = [results.summary()]
    if results.note:
        lines.append(results.note)
    for n, hit in enumerate(results.hits, start=1):
        lines.append(f"{n}. {hit.title} ({hit.where})" if numbered else f"{hit.title} ({hit.where})")
        lines.append(f"   {hit.snippet}")
    if results.query.strip() and not results.hits:
        if results.closest:
            lines.append(_("Closest words in metanav: {words}.").format(
                words=", ".join(results.closest)))
        if results.help_lines:
            lines.append(_("To talk with someone now, call a help line:"))
            for r in results.help_lines:
                lines.append(f"- {r.name}: {r.phone or r.url}")
        lines.append(_("Your care team can help you find answers too."))
    return lines
