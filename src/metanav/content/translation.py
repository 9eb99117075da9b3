"""Content in another language, laid over the English content item by item.

A content folder may hold a folder per language (``data/es/``) with the same layout as the
English content, but only the words:

- ``es/topics/<any>.yaml``: ``id`` (an English topic's), ``title``, ``summary``, ``sections``
  (``heading``, optional ``applies_to``, ``text``), optional ``group`` (its home heading in that
  language; topics that shared an English group should share its translation) and optional
  ``sources`` (pages in that language; without them the English sources are shown). Order,
  dates and links stay the English topic's.
- ``es/questions.yaml``: ``groups`` (``id``, ``title``) and ``questions`` (``id``, ``text``,
  optional ``why``, and ``applies_to`` in that language for a question whose English has
  one, shown after it as the English label is: "(cáncer de mama)").
- ``es/resources.yaml``: ``resources`` (``id``, ``description``, optional ``name`` and
  ``phone_note``).

An item without its translation is shown in English, and its id is listed in
``Library.untranslated`` so a face can say so and ``check-data`` can list what is missing. A
translation of an id the English content does not have is an error, reported as
``file:line: field: what is wrong`` like every other content problem.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

from metanav.content import resource_table
from metanav.content.fields import FileCheck
from metanav.content.model import Library, Section, Source, Topic
from metanav.content.problems import ContentError, Problem
from metanav.content.text import clean_line, parse_blocks
from metanav.content.yaml_file import read_yaml
from metanav.i18n import N_, _

# A translation of an item the English content does not have (whole sentences per kind).
NOT_IN_ENGLISH = {
    "topic": N_("no topic has the id '{id}' in the English content"),
    "question group": N_("no question group has the id '{id}' in the English content"),
    "question": N_("no question has the id '{id}' in the English content"),
    "resource": N_("no resource has the id '{id}' in the English content"),
}

# The languages metanav's content and interface come in; English is the original.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}


def translate(library: Library, folders: Iterable[Path], lang: str) -> Library:
    """The library in ``lang``: each item's words from ``<folder>/<lang>/`` where given.

    Raises :class:`ContentError` with every problem found in the translation files.
    """
    library = library.english or library  # always laid over the English words
    if lang == "en":
        return library
    problems: list[Problem] = []
    topics = dict(library.topics)
    groups = dict(library.groups)
    questions = dict(library.questions)
    resources = library.resources.copy()  # a dict, or a table read as needed
    done: set[str] = set()
    for folder in folders:
        base = Path(folder) / lang
        if not base.is_dir():
            continue
        topic_dir = base / "topics"
        for path in sorted(topic_dir.glob("*.yaml")) if topic_dir.is_dir() else []:
            data = read_yaml(path, problems)
            if data is not None:
                _topic(data, FileCheck(path, problems), topics, done)
        for name, reader in (("questions.yaml", _questions), ("resources.yaml", _resources)):
            path = base / name
            if path.is_file():
                data = read_yaml(path, problems)
                if data is not None:
                    tables = (groups, questions) if name == "questions.yaml" else (resources,)
                    reader(data, FileCheck(path, problems), *tables, done=done)
    if problems:
        problems.sort(key=lambda p: (p.file, p.line))
        raise ContentError(problems)
    orders = resource_table.topic_orders(resources, lang)  # large content: the index file's
    if orders is not None and orders.keys() == topics.keys():
        topics = {tid: topic if orders[tid] == topic.resources else
                  dataclasses.replace(topic, resources=orders[tid])
                  for tid, topic in topics.items()}
    else:
        leading = resource_table.leading(resources, lang)  # large content: one pass, no objects
        topics = {tid: _own_language_first(topic, leading, lang) for tid, topic in topics.items()}
    if isinstance(resources, resource_table.ResourceTable):  # 100,000 ids not read at start
        untranslated: AbstractSet[str] = NotTranslated(library, frozenset(done))
    else:
        every = [*library.topics, *library.questions, *library.resources]
        untranslated = frozenset(i for i in every if i not in done)
    return dataclasses.replace(
        library,
        topics=topics,
        groups=groups,
        questions=questions,
        resources=resources,
        lang=lang,
        untranslated=untranslated,
        english=library,
    )


class NotTranslated(AbstractSet):
    """The ids of a large library's items with no translation, as a set read as asked: making
    a frozenset of 100,000 resource ids took ~50 ms and ~10 MB at every start in Spanish, for
    check-data's list (which loads the YAML, not this)."""

    def __init__(self, library: Library, done: frozenset[str]) -> None:
        self._library, self._done = library, done

    def __contains__(self, item: object) -> bool:
        lib = self._library
        return item not in self._done and any(
            item in table for table in (lib.topics, lib.questions, lib.resources))

    def __iter__(self) -> Iterator[str]:
        lib = self._library
        for table in (lib.topics, lib.questions, lib.resources):
            yield from (i for i in table if i not in self._done)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def missing(library: Library) -> list[str]:
    """What is still shown in English, as lines for ``check-data`` ("topic pain", ...)."""
    lines = []
    for kind, table in ((N_("topic {id}"), library.topics),
                        (N_("question {id}"), library.questions),
                        (N_("resource {id}"), library.resources)):
        lines += [_(kind).format(id=item_id) for item_id in table
                  if item_id in library.untranslated]
    return lines


def _known(check: FileCheck, d: Any, field: str, table: dict, what: str) -> str:
    item_id = check.ident(d, "id", field)
    if item_id and item_id not in table:
        check.error(d.key_lines.get("id", d.line), f"{field}.id".lstrip("."),
                    _(NOT_IN_ENGLISH[what]).format(id=item_id))
        return ""
    return item_id


def _own_language_first(topic: Topic, leading: Mapping[str, tuple[bool, str]], lang: str) -> Topic:
    """A topic's resources in ``lang`` come first, after the crisis lines, which always lead;
    otherwise the topic's own order stays ("988 Lifeline en español" before the English line,
    then the Spanish pages, then the rest)."""
    # Four groups in order, each in the topic's order: a stable sort without a key per
    # resource (a topic lists up to 12,000 of 100,000; sorting took ~100 ms at each start).
    groups: tuple[list[str], ...] = ([], [], [], [])
    neither = (False, "")
    for resource_id in topic.resources:
        crisis, language = leading.get(resource_id, neither)
        groups[2 * (not crisis) + (language != lang)].append(resource_id)
    ordered = (*groups[0], *groups[1], *groups[2], *groups[3])
    return topic if ordered == topic.resources else dataclasses.replace(topic, resources=ordered)


def _topic(data: Any, check: FileCheck, topics: dict, done: set[str]) -> None:
    d = check.mapping(data, 1, "", ("id", "title", "group", "summary", "sections", "sources"))
    if d is None:
        return
    topic_id = _known(check, d, "", topics, "topic")
    title = check.text(d, "title", "", one_line=True)
    summary = clean_line(check.text(d, "summary", ""))
    group = check.text(d, "group", "", required=False, one_line=True)
    sections = []
    for index, (raw, line) in enumerate(check.items(d, "sections", "", required=True)):
        field = f"sections[{index}]"
        s = check.mapping(raw, line, field, ("heading", "applies_to", "text"))
        if s is not None:
            sections.append(Section(
                check.text(s, "heading", field, one_line=True),
                parse_blocks(check.text(s, "text", field)),
                check.text(s, "applies_to", field, required=False, one_line=True),
            ))
    sources = []
    for index, (raw, line) in enumerate(check.items(d, "sources", "", required=False)):
        field = f"sources[{index}]"
        s = check.mapping(raw, line, field, ("organisation", "page", "url"))
        if s is not None:
            sources.append(Source(check.text(s, "organisation", field, one_line=True),
                                  check.text(s, "page", field, required=False, one_line=True),
                                  check.url(s, "url", field)))
    if not topic_id:
        return
    english = topics[topic_id]
    topics[topic_id] = dataclasses.replace(
        english, title=title, summary=summary, sections=tuple(sections),
        sources=tuple(sources) or english.sources, group=group or english.group,
    )
    done.add(topic_id)


def _questions(data: Any, check: FileCheck, groups: dict, questions: dict, *,
               done: set[str]) -> None:
    d = check.mapping(data, 1, "", ("groups", "questions"))
    if d is None:
        return
    for index, (raw, line) in enumerate(check.items(d, "groups", "", required=False)):
        field = f"groups[{index}]"
        g = check.mapping(raw, line, field, ("id", "title"))
        if g is None:
            continue
        group_id = _known(check, g, field, groups, "question group")
        title = check.text(g, "title", field, one_line=True)
        if group_id:
            groups[group_id] = dataclasses.replace(groups[group_id], title=title)
    for index, (raw, line) in enumerate(check.items(d, "questions", "", required=False)):
        field = f"questions[{index}]"
        q = check.mapping(raw, line, field, ("id", "text", "why", "applies_to"))
        if q is None:
            continue
        question_id = _known(check, q, field, questions, "question")
        text = check.text(q, "text", field, one_line=True)
        why = check.text(q, "why", field, required=False, one_line=True)
        applies = check.text(q, "applies_to", field, required=False, one_line=True)
        if question_id:
            english = questions[question_id]
            if english.applies_to:  # the label stays, in this language when given
                applies = applies or english.applies_to
                text = f"{text} ({applies})"
            questions[question_id] = dataclasses.replace(english, text=text,
                                                         why=why or english.why)
            done.add(question_id)


def _resources(data: Any, check: FileCheck, resources: dict, *, done: set[str]) -> None:
    d = check.mapping(data, 1, "", ("resources",))
    if d is None:
        return
    for index, (raw, line) in enumerate(check.items(d, "resources", "", required=False)):
        field = f"resources[{index}]"
        r = check.mapping(raw, line, field, ("id", "name", "description", "phone_note"))
        if r is None:
            continue
        resource_id = _known(check, r, field, resources, "resource")
        description = clean_line(check.text(r, "description", field))
        name = check.text(r, "name", field, required=False, one_line=True)
        note = check.text(r, "phone_note", field, required=False, one_line=True)
        if resource_id:
            english = resources[resource_id]
            resources[resource_id] = dataclasses.replace(
                english, description=description, name=name or english.name,
                phone_note=note or english.phone_note,
            )
            done.add(resource_id)
