"""Topics, questions and resources read from their YAML data into the content model.

Each item is checked field by field (:class:`metanav.content.fields.FileCheck`); its
cross-references are kept to be checked once every folder is read (content/load.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from metanav.content.fields import PHONE, FileCheck, only_a_host
from metanav.content.model import (
    KINDS,
    LANGUAGES,
    OTHER_TOPICS,
    Question,
    QuestionGroup,
    Resource,
    Section,
    Source,
    Topic,
)
from metanav.content.text import clean_line, parse_blocks
from metanav.i18n import N_, _

# Content problems about ids, a whole sentence for each kind of item (so each language agrees).
DUPLICATE = {
    "topic": N_("duplicate topic id '{id}' (also at {where})"),
    "question": N_("duplicate question id '{id}' (also at {where})"),
    "resource": N_("duplicate resource id '{id}' (also at {where})"),
}
NO_SUCH = {
    "topic": N_("no topic has the id '{id}'"),
    "question": N_("no question has the id '{id}'"),
    "resource": N_("no resource has the id '{id}'"),
    "group": N_("no group has the id '{id}'"),
}


@dataclass
class Ref:
    """A cross-reference to check once every folder is read."""

    kind: str  # "topic", "question", "resource" or "group"
    target: str
    file: str
    line: int
    field: str


@dataclass
class Item:
    obj: Any
    file: str
    line: int


class Collected:
    def __init__(self) -> None:
        self.topics: dict[str, Item] = {}
        self.groups: dict[str, Item] = {}
        self.questions: dict[str, Item] = {}
        self.resources: dict[str, Item] = {}
        self.refs: dict[tuple[str, str], list[Ref]] = {}


def put(
    table: dict[str, Item],
    seen_here: dict[str, Item],
    item: Item,
    what: str,
    field: str,
    check: FileCheck,
) -> bool:
    """Add an item; within one folder an id may appear once, a later folder overrides.

    Returns False for a duplicate, whose references must then not replace the first one's.
    """
    item_id = item.obj.id
    if item_id in seen_here:
        first = seen_here[item_id]
        check.error(item.line, field, _(DUPLICATE[what]).format(
            id=item_id, where=f"{first.file}:{first.line}"))
        return False
    seen_here[item_id] = item
    table[item_id] = item
    return True


def load_topic(path: Path, data: Any, check: FileCheck, out: Collected, seen: dict,
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
        Ref(kind, target, check.name, line, field)
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
    if put(out.topics, seen, Item(topic, check.name, d.line), "topic", "id", check):
        out.refs[("topic", topic_id)] = topic_refs


def load_questions(data: Any, check: FileCheck, out: Collected, seen: dict) -> None:
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
            item = Item(QuestionGroup(group_id, title), check.name, g.line)
            put(out.groups, seen_groups, item, "group", f"{field}.id", check)
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
        refs = [Ref("topic", t, check.name, ln, f) for t, ln, f in topics]
        if group:
            refs.append(Ref("group", group, check.name, q.key_lines.get("group", q.line), f"{field}.group"))
        question = Question(question_id, group, text, why, tuple(t[0] for t in topics), applies)
        item = Item(question, check.name, q.line)
        if put(out.questions, seen_questions, item, "question", f"{field}.id", check):
            out.refs[("question", question_id)] = refs


def load_resources(data: Any, check: FileCheck, out: Collected, seen: dict) -> None:
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
            ("id", "name", "organisation", "kinds", "language", "url", "qr_address", "phone",
             "phone_note", "description", "topics", "crisis"),
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
                    _("'{value}' is not a kind (use one of: {kinds})").format(
                        value=clean_line(kind), kinds=", ".join(KINDS)),
                )
            else:
                kinds.append(kind)
        language = check.text(r, "language", field, one_line=True)
        if language and language not in LANGUAGES:
            check.error(
                r.key_lines.get("language", r.line),
                f"{field}.language",
                _("'{value}' is not a language code we know (use a two-letter ISO 639-1 "
                  "code such as en or es)").format(value=language),
            )
        url = check.url(r, "url", field)
        phone = check.text(r, "phone", field, required=False, one_line=True)
        if phone and (not PHONE.match(phone) or sum(c.isdigit() for c in phone) < 3):
            check.error(
                r.key_lines.get("phone", r.line),
                f"{field}.phone",
                _("'{value}' is not a phone number (digits, spaces, ( ) - + . and letters)"
                  ).format(value=phone),
            )
            phone = ""
        if "url" not in r and "phone" not in r:
            check.error(r.line, field, _("needs a web address (url) or a phone number (phone)"))
        phone_note = check.text(r, "phone_note", field, required=False, one_line=True)
        qr_address = check.url(r, "qr_address", field)
        if qr_address and not only_a_host(qr_address):
            check.error(r.key_lines.get("qr_address", r.line), f"{field}.qr_address",
                        _("must be a web address with nothing after the host, such as "
                          "https://www.cancer.org (the screen says it opens a home page)"))
            qr_address = ""
        if qr_address and not url:
            check.error(r.key_lines.get("qr_address", r.line), f"{field}.qr_address",
                        _("is a shorter address for the QR code of url, but there is no url"))
            qr_address = ""
        crisis = r.get("crisis", False)
        if not isinstance(crisis, bool):
            check.error(r.key_lines.get("crisis", r.line), f"{field}.crisis",
                        _("must be true or false"))
            crisis = False
        topics = check.id_refs(r, "topics", field)
        if not resource_id:
            continue
        resource_refs = [Ref("topic", t, check.name, ln, f) for t, ln, f in topics]
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
            qr_address=qr_address,
        )
        item = Item(resource, check.name, r.line)
        if put(out.resources, seen_resources, item, "resource", f"{field}.id", check):
            out.refs[("resource", resource_id)] = resource_refs
