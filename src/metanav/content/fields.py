"""Reading the fields of one content file's YAML data, recording a problem for each mistake."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from metanav.content.problems import Problem, display
from metanav.content.text import clean, clean_line
from metanav.content.yaml_file import LDict
from metanav.i18n import N_, _

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
PHONE = re.compile(r"^[0-9A-Za-z ()+.\-]{3,40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")
_HOST_ONLY = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}/?$")


def only_a_host(url: str) -> bool:
    """Whether an https address is a site's home page: nothing after the host."""
    return bool(_HOST_ONLY.match(url))


MISSING = N_("is missing")
EMPTY = N_("is empty")


def _kind_of(value: Any) -> str:
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def _absent(d: Any, key: str) -> str:
    """"is missing" (no such field) or "is empty" (the field is there, with nothing)."""
    return _(MISSING) if key not in d else _(EMPTY)


class FileCheck:
    """Reads fields out of one YAML file's data, recording a problem for each mistake."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.name = display(path)
        self.problems = problems

    def error(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, field, message))

    # -- structure ---------------------------------------------------------------------------
    def mapping(self, value: Any, line: int, field: str, allowed: Iterable[str]) -> LDict | None:
        if not isinstance(value, dict):
            self.error(line, field, _("expected a mapping of fields, got {kind}").format(
                kind=_kind_of(value)))
            return None
        allowed = tuple(allowed)
        for key, dup_line in value.duplicates:
            self.error(dup_line, self._join(field, str(key)), _("this field is given twice"))
        for key, key_line in value.key_lines.items():
            if key not in allowed:
                self.error(
                    key_line,
                    self._join(field, str(key)),
                    _("unknown field{did_you_mean} (expected one of: {fields})").format(
                        did_you_mean=did_you_mean(str(key), allowed), fields=", ".join(allowed)),
                )
        return value

    def items(self, d: LDict, key: str, field: str, *, required: bool) -> list[tuple[Any, int]]:
        """The items of a list field, each with its line."""
        value = d.get(key)
        line = d.key_lines.get(key, d.line)
        name = self._join(field, key)
        if value is None:
            if required:
                self.error(line, name, _absent(d, key))
            return []
        if not isinstance(value, list):
            self.error(line, name, _("expected a list, got {kind}").format(kind=_kind_of(value)))
            return []
        if required and not value:
            self.error(line, name, _("is empty; at least one is needed"))
        lines = getattr(value, "item_lines", [line] * len(value))
        return list(zip(value, lines, strict=True))

    # -- scalars -----------------------------------------------------------------------------
    def text(
        self, d: LDict, key: str, field: str, *, required: bool = True, one_line: bool = False
    ) -> str:
        name = self._join(field, key)
        line = d.key_lines.get(key, d.line)
        if key not in d or d[key] is None:
            if required:
                self.error(line, name, _absent(d, key))
            return ""
        value = d[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(line, name, _("expected text, got {kind}").format(kind=_kind_of(value)))
            return ""
        result = clean_line(value) if one_line else clean(value).strip()
        if required and not result:
            self.error(line, name, _(EMPTY))
        return result

    def ident(self, d: LDict, key: str, field: str) -> str:
        value = self.text(d, key, field, one_line=True)
        if value and not _ID.match(value):
            self.error(
                d.key_lines.get(key, d.line),
                self._join(field, key),
                _("'{value}' is not a valid id (letters, digits, '.', '_' or '-')").format(
                    value=value),
            )
            return ""
        return value

    def id_refs(self, d: LDict, key: str, field: str) -> list[tuple[str, int, str]]:
        """A list of ids, each with the line and field name where it stands."""
        refs = []
        for index, (value, line) in enumerate(self.items(d, key, field, required=False)):
            name = f"{self._join(field, key)}[{index}]"
            if not isinstance(value, str) or not _ID.match(value):
                self.error(line, name, _("'{value}' is not a valid id").format(
                    value=clean_line(value)))
                continue
            refs.append((value, line, name))
        return refs

    def url(self, d: LDict, key: str, field: str) -> str:
        value = self.text(d, key, field, required=False, one_line=True)
        if value and not _URL.match(value):
            if value.lower().startswith("http://"):
                why = _("web address must use https://, not http://")
            else:
                why = _("'{value}' is not a web address starting with https://").format(
                    value=value)
            self.error(d.key_lines.get(key, d.line), self._join(field, key), why)
            return ""
        return value

    def integer(self, d: LDict, key: str, field: str, default: int) -> int:
        if key not in d:
            return default
        value = d[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                d.key_lines.get(key, d.line),
                self._join(field, key),
                _("expected a whole number, got {kind}").format(kind=_kind_of(value)),
            )
            return default
        return value

    def date(self, d: LDict, key: str, field: str) -> str:
        name = self._join(field, key)
        line = d.key_lines.get(key, d.line)
        value = d.get(key)
        if value is None:
            self.error(line, name, _absent(d, key))
            return ""
        if isinstance(value, _dt.date):
            return value.isoformat()[:10]
        text = clean_line(value)
        try:
            if not _DATE.match(text):
                raise ValueError
            return _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            self.error(line, name, _("'{value}' is not a date written as YYYY-MM-DD").format(
                value=text))
            return ""

    @staticmethod
    def _join(field: str, key: str) -> str:
        return f"{field}.{key}" if field else key



def did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75)
    return _("; did you mean '{name}'?").format(name=close[0]) if close else ""
