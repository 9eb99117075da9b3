"""Reading one content file as YAML, with the line of every key and item.

A file is read only when it is a plain file of at most :data:`MAX_FILE_BYTES` of UTF-8
text; YAML aliases are refused (a few aliases of aliases expand to gigabytes). Mistakes become
:class:`metanav.content.problems.Problem` lines, never exceptions. Plain files go through the
event-driven reader (:mod:`metanav.content.fastyaml`); anything unusual through PyYAML's loader,
which also words every syntax error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from metanav.content.fastyaml import FALLBACK, load_fast
from metanav.content.problems import CANNOT_READ, NOT_A_FILE, Problem, display, what_is
from metanav.content.text import clean_line
from metanav.content.yaml_words import began_words, char_at, problem_words
from metanav.i18n import _

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
USING_LIBYAML = _BaseLoader is not yaml.SafeLoader

# A clinic's 100,000 resources are 39 MB of YAML (issues 6 and 14 measure them); a bigger file
# is refused unread. /dev/zero, pipes and devices are never read at all (what_is).
MAX_FILE_BYTES = 64_000_000


class LDict(dict):
    """A mapping that remembers the line of each key (1-based) and any duplicate keys."""

    line: int = 0
    key_lines: dict[Any, int]
    duplicates: list[tuple[Any, int]]


class LList(list):
    """A sequence that remembers the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    def construct_object(self, node: Any, deep: bool = False) -> Any:
        # PyYAML's own constructors raise plain Python errors for values that do not fit
        # their tag (``!!int abc``, ``!!bool maybe``): turn those into a YAML error with
        # the value's line, so they are reported like any other mistake.
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            tag = str(node.tag).rsplit(":", 1)[-1]
            value = node.value if isinstance(node.value, str) else "this value"
            raise yaml.constructor.ConstructorError(
                None, None, f"'{value}' cannot be read as {tag}", node.start_mark
            ) from exc


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> str:
    # Dates stay text; the date check reports impossible ones (2026-13-40) in words
    # instead of PyYAML raising ValueError.
    return loader.construct_scalar(node)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    result = LDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    result.duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result:
            result.duplicates.append((key, line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LList:
    result = LList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    name = display(path)
    what = what_is(path)
    if what != "file":  # a FIFO would hang the start, /dev/zero fill the memory
        problems.append(Problem(name, 0, "file", _(NOT_A_FILE[what]) if what in NOT_A_FILE
                                else what))
        return None
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, 0, "file", _("is too big (over {size} bytes)").format(
                size=f"{MAX_FILE_BYTES:,}")))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 0, "file", _(CANNOT_READ).format(why=exc.strerror or exc)))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, "file", _("is not UTF-8 text")))
        return None
    try:
        data = load_fast(text, _BaseLoader, LDict, LList)
        if data is FALLBACK:  # anchors, tags, errors…: the full loader, which words errors
            alias = _first_alias(text)
            if alias:
                # A few aliases of aliases expand to gigabytes ("billion laughs").
                problems.append(Problem(name, alias, "yaml", _(
                    "a YAML alias (*name) is not allowed in content: write the value out in "
                    "full")))
                return None
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        # PyYAML's words, in plain words and the person's language where we know them.
        char = char_at(text, mark.line, mark.column) if mark else ""
        what = problem_words(exc.problem, char) if exc.problem else clean_line(
            exc.context or _("is not valid YAML"))
        start = exc.context_mark
        if "expected a single document" in str(exc.context):
            what = _("a second document starts here ('---'); put one document in each file")
        elif exc.problem and exc.context and start and mark and start.line != mark.line:
            # The mistake is often where the unclosed thing began, not where PyYAML noticed.
            what = " ".join(filter(None, (what, began_words(exc.context, start.line + 1))))
        if mark:
            said = _("YAML syntax error at column {column}: {what}").format(
                column=mark.column + 1, what=what)
        else:
            said = _("YAML syntax error: {what}").format(what=what)
        problems.append(Problem(name, line, "yaml", said))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(name, 0, "yaml", _("YAML error: {what}").format(
            what=clean_line(exc))))
        return None
    except RecursionError:
        problems.append(Problem(name, 0, "yaml", _("YAML error: nested too deeply to read")))
        return None
    if data is None:
        problems.append(Problem(name, 1, "file", _("is empty")))
    return data


def _first_alias(text: str) -> int:
    """The line of the first YAML alias in ``text`` (0: none, or not YAML the parser reads:
    the loader then words the error)."""
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 1
    except yaml.YAMLError:
        return 0
    return 0
