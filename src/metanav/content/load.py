"""Load and validate content from YAML.

Every problem is collected, never raised one at a time, and reported as
``file:line: field: what is wrong``. Loading never shows a traceback for bad content:
:class:`ContentError` carries the list of problems.

Layout of a content folder (the bundled ``data/`` or a clinic's ``--data DIR``)::

    topics/*.yaml      one topic per file
    questions.yaml     question groups and questions
    resources.yaml     resources

Later folders add items or replace items with the same id.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from metanav.content.fastyaml import FALLBACK, load_fast
from metanav.content.model import (
    CLINIC_TOPICS,
    KINDS,
    LANGUAGES,
    OTHER_TOPICS,
    Library,
    Question,
    QuestionGroup,
    Resource,
    Section,
    Source,
    Topic,
)
from metanav.content.text import clean, clean_line, parse_blocks

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
USING_LIBYAML = _BaseLoader is not yaml.SafeLoader

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_PHONE = re.compile(r"^[0-9A-Za-z ()+.\-]{3,40}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A clinic's 100,000 resources are 39 MB of YAML (issues 6 and 14 measure them); a bigger file
# is refused unread. /dev/zero, pipes and devices are never read at all (_what_is).
MAX_FILE_BYTES = 64_000_000
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")


def bundled_data_dir() -> Path:
    """The content shipped with metanav: inside the wheel, or ``data/`` in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"


# --------------------------------------------------------------------------------------------
# YAML with line numbers
# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# Problems
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Content could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} found in the content. Nothing was changed.")
        return "\n".join(lines)


def _display(path: Path) -> str:
    """A path as a message shows it: relative when it can be, and cleaned like any text (a
    file named with an escape sequence must not set the terminal's title)."""
    try:
        shown = str(path.relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return clean_line(shown)


def _what_is(path: Path) -> str:
    """ "file", "folder", "missing", "dangling" (a link to nothing), "other" (a pipe, a
    device), or why it cannot be looked at. Never raises."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        try:
            return "dangling" if path.is_symlink() else "missing"
        except OSError:
            return "missing"
    except NotADirectoryError:
        return "missing"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "other"


_NOT_A_FILE = {
    "missing": "is missing",
    "dangling": "is a link to a file that does not exist",
    "folder": "is a folder, not a file",
    "other": "is not a plain file (a pipe or a device?)",
}


def _listing(folder: Path, problems: list[Problem], field: str) -> list[str] | None:
    """The names in a folder, sorted; None (and a problem) if it cannot be listed."""
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        problems.append(Problem(_display(folder), 0, field,
                                f"cannot be read ({exc.strerror or exc})"))
        return None


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class _FileCheck:
    """Reads fields out of one YAML file's data, recording a problem for each mistake."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.name = _display(path)
        self.problems = problems

    def error(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.name, line, field, message))

    # -- structure ---------------------------------------------------------------------------
    def mapping(self, value: Any, line: int, field: str, allowed: Iterable[str]) -> LDict | None:
        if not isinstance(value, dict):
            self.error(line, field, f"expected a mapping of fields, got {_kind_of(value)}")
            return None
        allowed = tuple(allowed)
        for key, dup_line in value.duplicates:
            self.error(dup_line, self._join(field, str(key)), "this field is given twice")
        for key, key_line in value.key_lines.items():
            if key not in allowed:
                self.error(
                    key_line,
                    self._join(field, str(key)),
                    f"unknown field{_did_you_mean(str(key), allowed)} "
                    f"(expected one of: {', '.join(allowed)})",
                )
        return value

    def items(self, d: LDict, key: str, field: str, *, required: bool) -> list[tuple[Any, int]]:
        """The items of a list field, each with its line."""
        value = d.get(key)
        line = d.key_lines.get(key, d.line)
        name = self._join(field, key)
        if value is None:
            if required:
                self.error(line, name, "is missing" if key not in d else "is empty")
            return []
        if not isinstance(value, list):
            self.error(line, name, f"expected a list, got {_kind_of(value)}")
            return []
        if required and not value:
            self.error(line, name, "is empty; at least one is needed")
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
                self.error(line, name, "is missing" if key not in d else "is empty")
            return ""
        value = d[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(line, name, f"expected text, got {_kind_of(value)}")
            return ""
        result = clean_line(value) if one_line else clean(value).strip()
        if required and not result:
            self.error(line, name, "is empty")
        return result

    def ident(self, d: LDict, key: str, field: str) -> str:
        value = self.text(d, key, field, one_line=True)
        if value and not _ID.match(value):
            self.error(
                d.key_lines.get(key, d.line),
                self._join(field, key),
                f"'{value}' is not a valid id (letters, digits, '.', '_' or '-')",
            )
            return ""
        return value

    def id_refs(self, d: LDict, key: str, field: str) -> list[tuple[str, int, str]]:
        """A list of ids, each with the line and field name where it stands."""
        refs = []
        for index, (value, line) in enumerate(self.items(d, key, field, required=False)):
            name = f"{self._join(field, key)}[{index}]"
            if not isinstance(value, str) or not _ID.match(value):
                self.error(line, name, f"'{clean_line(value)}' is not a valid id")
                continue
            refs.append((value, line, name))
        return refs

    def url(self, d: LDict, key: str, field: str) -> str:
        value = self.text(d, key, field, required=False, one_line=True)
        if value and not _URL.match(value):
            if value.lower().startswith("http://"):
                why = "web address must use https://, not http://"
            else:
                why = f"'{value}' is not a web address starting with https://"
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
                f"expected a whole number, got {_kind_of(value)}",
            )
            return default
        return value

    def date(self, d: LDict, key: str, field: str) -> str:
        name = self._join(field, key)
        line = d.key_lines.get(key, d.line)
        value = d.get(key)
        if value is None:
            self.error(line, name, "is missing" if key not in d else "is empty")
            return ""
        if isinstance(value, _dt.date):
            return value.isoformat()[:10]
        text = clean_line(value)
        try:
            if not _DATE.match(text):
                raise ValueError
            return _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            self.error(line, name, f"'{text}' is not a date written as YYYY-MM-DD")
            return ""

    @staticmethod
    def _join(field: str, key: str) -> str:
        return f"{field}.{key}" if field else key


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------
def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    name = _display(path)
    what = _what_is(path)
    if what != "file":  # a FIFO would hang the start, /dev/zero fill the memory
        problems.append(Problem(name, 0, "file", _NOT_A_FILE.get(what, what)))
        return None
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, 0, "file", f"is too big (over {MAX_FILE_BYTES:,} bytes)"))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(name, 0, "file", f"cannot be read ({exc.strerror or exc})"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(name, line, "file", "is not UTF-8 text"))
        return None
    try:
        data = load_fast(text, _BaseLoader, LDict, LList)
        if data is FALLBACK:  # anchors, tags, errors…: the full loader, which words errors
            alias = _first_alias(text)
            if alias:
                # A few aliases of aliases expand to gigabytes ("billion laughs").
                problems.append(Problem(name, alias, "yaml", "a YAML alias (*name) is not "
                                        "allowed in content: write the value out in full"))
                return None
            data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = clean_line(exc.problem or exc.context or "is not valid YAML")
        start = exc.context_mark
        if "expected a single document" in str(exc.context):
            what = "a second document starts here ('---'); put one document in each file"
        elif exc.problem and exc.context and start and mark and start.line != mark.line:
            # The mistake is often where the unclosed thing began, not where PyYAML noticed.
            what += f" ({clean_line(exc.context)}: see line {start.line + 1})"
        problems.append(Problem(name, line, "yaml", f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(name, 0, "yaml", f"YAML error: {clean_line(exc)}"))
        return None
    except RecursionError:
        problems.append(Problem(name, 0, "yaml", "YAML error: nested too deeply to read"))
        return None
    if data is None:
        problems.append(Problem(name, 1, "file", "is empty"))
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


@dataclass
class _Ref:
    """A cross-reference to check once every folder is read."""

    kind: str  # "topic", "question", "resource" or "group"
    target: str
    file: str
    line: int
    field: str


@dataclass
class _Item:
    obj: Any
    file: str
    line: int


class _Collected:
    def __init__(self) -> None:
        self.topics: dict[str, _Item] = {}
        self.groups: dict[str, _Item] = {}
        self.questions: dict[str, _Item] = {}
        self.resources: dict[str, _Item] = {}
        self.refs: dict[tuple[str, str], list[_Ref]] = {}


def _put(
    table: dict[str, _Item],
    seen_here: dict[str, _Item],
    item: _Item,
    what: str,
    field: str,
    check: _FileCheck,
) -> bool:
    """Add an item; within one folder an id may appear once, a later folder overrides.

    Returns False for a duplicate, whose references must then not replace the first one's.
    """
    item_id = item.obj.id
    if item_id in seen_here:
        first = seen_here[item_id]
        check.error(item.line, field, f"duplicate {what} id '{item_id}' (also at {first.file}:{first.line})")
        return False
    seen_here[item_id] = item
    table[item_id] = item
    return True


def _load_topic(path: Path, data: Any, check: _FileCheck, out: _Collected, seen: dict,
                group: str = OTHER_TOPICS) -> None:
    """One topic file; ``group`` is its home heading when the file names none."""
    d = check.mapping(
        data,
        1,
        "",
        ("id", "title", "order", "group", "summary", "sections", "related_topics", "questions",
         "resources", "sources", "reviewed", "clinical_review"),
    )
    if d is None:
        return
    topic_id = check.ident(d, "id", "")
    title = check.text(d, "title", "", one_line=True)
    summary = clean_line(check.text(d, "summary", ""))
    order = check.integer(d, "order", "", 1000)
    group = check.text(d, "group", "", required=False, one_line=True) or group
    sections = []
    for index, (raw, line) in enumerate(check.items(d, "sections", "", required=True)):
        field = f"sections[{index}]"
        s = check.mapping(raw, line, field, ("heading", "applies_to", "text"))
        if s is None:
            continue
        heading = check.text(s, "heading", field, one_line=True)
        applies = check.text(s, "applies_to", field, required=False, one_line=True)
        body = check.text(s, "text", field)
        sections.append(Section(heading, parse_blocks(body), applies))
    sources = []
    for index, (raw, line) in enumerate(check.items(d, "sources", "", required=True)):
        field = f"sources[{index}]"
        s = check.mapping(raw, line, field, ("organisation", "page", "url"))
        if s is None:
            continue
        sources.append(
            Source(
                check.text(s, "organisation", field, one_line=True),
                check.text(s, "page", field, required=False, one_line=True),
                check.url(s, "url", field),
            )
        )
    reviewed = check.date(d, "reviewed", "")
    review_by = review_date = ""
    if "clinical_review" in d:
        line = d.key_lines.get("clinical_review", d.line)
        c = check.mapping(d["clinical_review"], line, "clinical_review", ("by", "date"))
        if c is not None:
            review_by = check.text(c, "by", "clinical_review", one_line=True)
            review_date = check.date(c, "date", "clinical_review")
    related = check.id_refs(d, "related_topics", "")
    questions = check.id_refs(d, "questions", "")
    resources = check.id_refs(d, "resources", "")
    if not topic_id:
        return
    topic_refs = [
        _Ref(kind, target, check.name, line, field)
        for kind, refs in (("topic", related), ("question", questions), ("resource", resources))
        for target, line, field in refs
    ]
    topic = Topic(
        id=topic_id,
        title=title,
        summary=summary,
        sections=tuple(sections),
        sources=tuple(sources),
        reviewed=reviewed,
        order=order,
        group=group,
        related_topics=tuple(r[0] for r in related),
        questions=tuple(r[0] for r in questions),
        resources=tuple(r[0] for r in resources),
        clinical_review_by=review_by,
        clinical_review_date=review_date,
    )
    if _put(out.topics, seen, _Item(topic, check.name, d.line), "topic", "id", check):
        out.refs[("topic", topic_id)] = topic_refs


def _load_questions(data: Any, check: _FileCheck, out: _Collected, seen: dict) -> None:
    d = check.mapping(data, 1, "", ("groups", "questions"))
    if d is None:
        return
    seen_groups = seen.setdefault("groups", {})
    seen_questions = seen.setdefault("questions", {})
    for index, (raw, line) in enumerate(check.items(d, "groups", "", required=False)):
        field = f"groups[{index}]"
        g = check.mapping(raw, line, field, ("id", "title"))
        if g is None:
            continue
        group_id = check.ident(g, "id", field)
        title = check.text(g, "title", field, one_line=True)
        if group_id:
            item = _Item(QuestionGroup(group_id, title), check.name, g.line)
            _put(out.groups, seen_groups, item, "group", f"{field}.id", check)
    for index, (raw, line) in enumerate(check.items(d, "questions", "", required=False)):
        field = f"questions[{index}]"
        q = check.mapping(raw, line, field, ("id", "group", "text", "why", "topics", "applies_to"))
        if q is None:
            continue
        question_id = check.ident(q, "id", field)
        group = check.ident(q, "group", field)
        text = check.text(q, "text", field, one_line=True)
        why = check.text(q, "why", field, required=False, one_line=True)
        applies = check.text(q, "applies_to", field, required=False, one_line=True)
        if applies:
            text = f"{text} ({applies})"
        topics = check.id_refs(q, "topics", field)
        if not question_id:
            continue
        refs = [_Ref("topic", t, check.name, ln, f) for t, ln, f in topics]
        if group:
            refs.append(_Ref("group", group, check.name, q.key_lines.get("group", q.line), f"{field}.group"))
        question = Question(question_id, group, text, why, tuple(t[0] for t in topics), applies)
        item = _Item(question, check.name, q.line)
        if _put(out.questions, seen_questions, item, "question", f"{field}.id", check):
            out.refs[("question", question_id)] = refs


def _load_resources(data: Any, check: _FileCheck, out: _Collected, seen: dict) -> None:
    d = check.mapping(data, 1, "", ("resources",))
    if d is None:
        return
    seen_resources = seen.setdefault("resources", {})
    for index, (raw, line) in enumerate(check.items(d, "resources", "", required=False)):
        field = f"resources[{index}]"
        r = check.mapping(
            raw,
            line,
            field,
            ("id", "name", "organisation", "kinds", "language", "url", "phone", "phone_note",
             "description", "topics", "crisis"),
        )
        if r is None:
            continue
        resource_id = check.ident(r, "id", field)
        name = check.text(r, "name", field, one_line=True)
        organisation = check.text(r, "organisation", field, one_line=True)
        description = check.text(r, "description", field, one_line=True)
        kinds = []
        for k_index, (kind, k_line) in enumerate(check.items(r, "kinds", field, required=True)):
            if not isinstance(kind, str) or kind not in KINDS:  # [[information]] is a list
                check.error(
                    k_line,
                    f"{field}.kinds[{k_index}]",
                    f"'{clean_line(kind)}' is not a kind (use one of: {', '.join(KINDS)})",
                )
            else:
                kinds.append(kind)
        language = check.text(r, "language", field, one_line=True)
        if language and language not in LANGUAGES:
            check.error(
                r.key_lines.get("language", r.line),
                f"{field}.language",
                f"'{language}' is not a language code we know (use a two-letter ISO 639-1 "
                "code such as en or es)",
            )
        url = check.url(r, "url", field)
        phone = check.text(r, "phone", field, required=False, one_line=True)
        if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3):
            check.error(
                r.key_lines.get("phone", r.line),
                f"{field}.phone",
                f"'{phone}' is not a phone number (digits, spaces, ( ) - + . and letters)",
            )
            phone = ""
        if "url" not in r and "phone" not in r:
            check.error(r.line, field, "needs a web address (url) or a phone number (phone)")
        phone_note = check.text(r, "phone_note", field, required=False, one_line=True)
        crisis = r.get("crisis", False)
        if not isinstance(crisis, bool):
            check.error(r.key_lines.get("crisis", r.line), f"{field}.crisis", "must be true or false")
            crisis = False
        topics = check.id_refs(r, "topics", field)
        if not resource_id:
            continue
        resource_refs = [_Ref("topic", t, check.name, ln, f) for t, ln, f in topics]
        resource = Resource(
            id=resource_id,
            name=name,
            organisation=organisation,
            kinds=tuple(kinds),
            language=language,
            description=description,
            url=url,
            phone=phone,
            phone_note=phone_note,
            topics=tuple(t[0] for t in topics),
            crisis=crisis,
        )
        item = _Item(resource, check.name, r.line)
        if _put(out.resources, seen_resources, item, "resource", f"{field}.id", check):
            out.refs[("resource", resource_id)] = resource_refs


CONTENT_NAMES = ("topics", "questions.yaml", "resources.yaml", "synonyms.yaml")


def content_files(folder: Path) -> list[Path]:
    """The files the loader reads from one content folder, in the order it reads them."""
    topic_dir = folder / "topics"
    names = _listing(topic_dir, [], "topics") if _what_is(topic_dir) == "folder" else None
    files = [topic_dir / n for n in names or () if n.endswith(".yaml")]
    return files + [folder / name for name in CONTENT_NAMES[1:]
                    if _what_is(folder / name) not in ("missing",)]


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""


def _misnamed(folder: Path, problems: list[Problem]) -> None:
    """Files and folders a clinic meant as content but named so that metanav never reads them."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name in CONTENT_NAMES:
            continue
        if entry.is_dir():
            message = "is not read" + _did_you_mean(name, ["topics"])
        elif name.endswith((".yml", ".yaml")):
            as_yaml = name.removesuffix(".yml").removesuffix(".yaml") + ".yaml"
            if as_yaml in CONTENT_NAMES:
                message = f"is not read: name it {as_yaml}"
            else:
                message = "is not read" + _did_you_mean(as_yaml, CONTENT_NAMES[1:])
        else:
            continue
        if message != "is not read":
            problems.append(Problem(_display(entry), 0, "file", message))
    topic_dir = folder / "topics"
    if topic_dir.is_dir():
        for entry in sorted(topic_dir.glob("*.yml")):
            problems.append(Problem(_display(entry), 0, "file",
                                    f"is not read: name it {entry.stem}.yaml"))


def _nothing_found(folder: Path) -> Problem:
    """An add-on folder with no content: say so, and where content is if it is one level down."""
    where = _display(folder)
    below = []
    try:
        below = [d for d in sorted(folder.iterdir()) if d.is_dir() and content_files(d)]
    except OSError:
        pass
    hint = f"; {_display(below[0])} has some: give that folder instead" if below else ""
    return Problem(where, 0, "folder", f"no content files found in {where}{hint}")


def _load_folder(folder: Path, out: _Collected, problems: list[Problem], *, required: bool) -> None:
    if _what_is(folder) != "folder":
        problems.append(Problem(_display(folder), 0, "folder", "is not a folder that can be read"))
        return
    if _listing(folder, problems, "folder") is None:  # chmod 000 or 111: nothing can be checked
        return
    topic_dir = folder / "topics"
    seen: dict[str, dict] = {}
    topic_files: list[Path] = []
    what = _what_is(topic_dir)
    if what == "folder":
        names = _listing(topic_dir, problems, "topics")
        topic_files = [topic_dir / n for n in names or () if n.endswith(".yaml")]
    elif what != "missing":
        problems.append(Problem(_display(topic_dir), 0, "topics",
                                what if what.startswith("cannot") else "is not a folder of topic files"))
    if required and not topic_files:
        problems.append(Problem(_display(topic_dir), 0, "topics", "no topic files (*.yaml) found"))
    if not required:
        _misnamed(folder, problems)
        if not content_files(folder):
            problems.append(_nothing_found(folder))
    seen_topics = seen.setdefault("topics", {})
    for path in topic_files:
        data = _read_yaml(path, problems)
        if data is not None:
            _load_topic(path, data, _FileCheck(path, problems), out, seen_topics,
                        OTHER_TOPICS if required else CLINIC_TOPICS)
    for name, loader in (("questions.yaml", _load_questions), ("resources.yaml", _load_resources)):
        path = folder / name
        if _what_is(path) == "missing":
            if required:
                problems.append(Problem(_display(path), 0, "file", "is missing"))
            continue
        data = _read_yaml(path, problems)
        if data is not None:
            loader(data, _FileCheck(path, problems), out, seen)


_TABLE_FOR = {"topic": "topics", "question": "questions", "resource": "resources", "group": "groups"}


def load_library(
    extra_dirs: Iterable[Path] = (), *, bundled: Path | None = None, cache: bool = True
) -> Library:
    """Load the bundled content plus each extra folder, validating everything.

    Large folders are loaded from a cache when unchanged (see :mod:`metanav.content.cache`);
    ``cache=False`` always reads the YAML. Raises :class:`ContentError` listing every problem.
    """
    folders = [Path(bundled or bundled_data_dir()), *(Path(f) for f in extra_dirs)]
    if cache:
        from metanav.content.cache import cached

        return cached(folders, lambda: load_library(folders[1:], bundled=folders[0], cache=False))
    problems: list[Problem] = []
    out = _Collected()
    _load_folder(folders[0], out, problems, required=True)
    for folder in folders[1:]:
        _load_folder(folder, out, problems, required=False)
    return _with_synonyms(folders, out, problems)


def _with_resources_naming_it(topic: Topic, resources: Iterable[_Item]) -> Topic:
    """The topic with every resource whose ``topics`` names it: the topic's own list first,
    in its order, then the others in file order. So a clinic's resource with
    ``topics: [coping-and-support]`` shows on that topic without editing the topic."""
    extra = tuple(
        i.obj.id for i in resources if topic.id in i.obj.topics and i.obj.id not in topic.resources
    )
    return dataclasses.replace(topic, resources=topic.resources + extra) if extra else topic


def check_folder(folder: Path) -> Library:
    """Validate one complete content folder on its own (for ``metanav check-data DIR``)."""
    problems: list[Problem] = []
    out = _Collected()
    _load_folder(Path(folder), out, problems, required=True)
    return _with_synonyms([Path(folder)], out, problems)


def _with_synonyms(folders: list[Path], out: _Collected, problems: list[Problem]) -> Library:
    """The library with the search synonyms of its folders (``synonyms.yaml``, optional)."""
    from metanav.content.words import load_synonyms

    synonyms, found = load_synonyms(folders)
    problems.extend(found)
    return dataclasses.replace(_finish(out, problems), synonyms=synonyms)


def _finish(out: _Collected, problems: list[Problem]) -> Library:
    # Cross-references, checked only for items that made it into the final tables (so an
    # override's references are the ones that count).
    for (owner_kind, owner_id), refs in out.refs.items():
        owner_table = getattr(out, _TABLE_FOR[owner_kind])
        if owner_id not in owner_table:
            continue
        for ref in refs:
            if ref.file != owner_table[owner_id].file:
                continue  # an overridden item's references no longer count
            if ref.target not in getattr(out, _TABLE_FOR[ref.kind]):
                problems.append(
                    Problem(ref.file, ref.line, ref.field, f"no {ref.kind} has the id '{ref.target}'")
                )
    if problems:
        problems.sort(key=lambda p: (p.file, p.line))
        raise ContentError(problems)
    topics = sorted(
        (_with_resources_naming_it(i.obj, out.resources.values()) for i in out.topics.values()),
        key=lambda t: (t.order, t.title.casefold()),
    )
    group_order = {g: n for n, g in enumerate(out.groups)}
    questions = sorted(
        (i.obj for i in out.questions.values()), key=lambda q: group_order.get(q.group, 1 << 30)
    )
    return Library(
        topics={t.id: t for t in topics},
        groups={g: i.obj for g, i in out.groups.items()},
        questions={q.id: q for q in questions},
        resources={r: i.obj for r, i in out.resources.items()},
    )
