"""Filtering resources: by words, kind and language, combined."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from metanav.content.model import KINDS, LANGUAGES, Resource
from metanav.content.text import clean_line


@dataclass(frozen=True, slots=True)
class ResourceFilter:
    """What a person has asked for. Empty fields match everything."""

    text: str = ""
    kind: str = ""
    language: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(clean_line(self.text).casefold().split())

    def describe(self) -> str:
        """The filter in words, for confirmations such as '4 resources match: kind Helpline'."""
        parts = []
        if self.text.strip():
            parts.append(f'words "{clean_line(self.text)}"')
        if self.kind:
            parts.append(f"kind {KINDS.get(self.kind, self.kind)}")
        if self.language:
            parts.append(f"language {LANGUAGES.get(self.language, self.language)}")
        return ", ".join(parts) if parts else "no filter"


def filter_resources(resources: Iterable[Resource], flt: ResourceFilter) -> list[Resource]:
    words = flt.words
    kind, language = flt.kind, flt.language
    return [
        r
        for r in resources
        if (not kind or kind in r.kinds)
        and (not language or r.language == language)
        and all(w in r.haystack for w in words)
    ]


def count_phrase(count: int) -> str:
    """'No resources match.', '1 resource matches.', '4 resources match.'"""
    if count == 0:
        return "No resources match."
    if count == 1:
        return "1 resource matches."
    return f"{count} resources match."
