"""What each screen shows, once, for both faces to draw.

A ``View`` is a title, a few lines of text and headed sections of numbered ``Item``s. An item's
``key`` says what choosing it opens, the same in both faces:

    "group:<heading>"   a group of topics          "topic:<id>"     a topic
    "resource:<id>"     one support resource      "questions"      Questions for your doctor
    "resources"         Support resources         "bookmarks"      Bookmarks
    "help"              Help

The full screen draws a view as a list (headings, then "1. text" rows); plain mode as lines
with numbered choices. Numbers run through all sections in order. Plain Python: never imports
Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from metanav.content import resource_table
from metanav.content.model import (
    CARE_TEAM_NOTE,
    CLINIC_TOPICS,
    OTHER_TOPICS,
    Block,
    Library,
    Resource,
    Topic,
    checked_words,
)
from metanav.core.commands import GET_HELP_NOW, LAST_TOPIC
from metanav.i18n import N_, _, ngettext
from metanav.session import Session

INTRO = N_("Plain words about metastatic cancer, questions for your doctor, and support. "
           "metanav informs; your care team advises.")
HELP_ITEM = N_("Help: keys and how to use metanav")
GET_HELP_HEADING = N_("Get help now")
GET_HELP_ITEM = N_("When to call 911 or your care team right away")


@dataclass(frozen=True, slots=True)
class Item:
    key: str  # what choosing it opens (see the module's docstring)
    text: str


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class View:
    title: str
    lines: tuple[str, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def items(self) -> list[Item]:
        """Every item, in number order (item 1 first)."""
        return [item for section in self.sections for item in section.items]


def topic_count(count: int) -> str:
    return ngettext("{n} topic", "{n} topics", count).format(n=count)


def question_count(count: int) -> str:
    return ngettext("{n} question", "{n} questions", count).format(n=count)


def bookmark_count(count: int) -> str:
    return ngettext("{n} bookmark", "{n} bookmarks", count).format(n=count)


# -- home ---------------------------------------------------------------------------------------
def topic_groups(library: Library) -> dict[str, list[Topic]]:
    """Topics under their home headings; a group comes where its first topic does. "Get help
    now" is not among them: home lists it first, on its own (issue 11)."""
    groups: dict[str, list[Topic]] = {}
    for topic in library.topics.values():  # already in the content's order
        if topic.id != GET_HELP_NOW:
            groups.setdefault(topic.group, []).append(topic)
    return groups


def crisis_lines(library: Library) -> list[Resource]:
    # Large content knows them without reading every resource (content/resource_table.py).
    lines = resource_table.crisis_lines(library.resources)
    if library.lang == "en":
        return lines
    # In Spanish, "988 Lifeline en español" comes first (issue 16); otherwise the same order.
    return sorted(lines, key=lambda r: r.language != library.lang)


# The longest crisis item home should show, in characters. An arrow key onto a crisis item or
# off it sends both items' rows again, every character ("  2. " and the words), with about
# 41 bytes of cursor moves and colours (issue 15: an arrow at most 136 bytes over SSH). Its
# neighbour may be "When to call 911 or your care team right away" (50 bytes as a row), so
# 41 characters keep such an arrow at 136 bytes. check-data warns past it (crisis_too_long);
# the rest goes on the line's own page (its description). BENCHMARKS.md, "Fourth pass".
HOME_LINE = 41


def crisis_words(resource: Resource) -> str:
    """'988 Lifeline: call or text 988, any time'"""
    how = resource.phone_note or resource.phone or resource.url
    return f"{resource.name}: {how}" if how else resource.name


def crisis_too_long(library: Library) -> list[tuple[str, str]]:
    """Home's crisis items longer than HOME_LINE, as (resource id, the item's words), for
    check-data."""
    items = ((r.id, crisis_words(r)) for r in crisis_lines(library))
    return [(key, words) for key, words in items if len(words) > HOME_LINE]


def home(session: Session) -> View:
    """Every group of topics, the other parts, and the crisis lines: short enough for one
    screen (80x24, and 24 lines in plain mode) however many topics there are."""
    library = session.library
    groups = tuple(
        Item(f"group:{name}", f"{group_title(name)} ({topic_count(len(topics))})")
        for name, topics in topic_groups(library).items()
    )
    marks = len(session.store.bookmarks())
    parts = (
        Item("questions", _("Questions for your doctor")),
        Item("resources", _("Support resources")),
        Item("bookmarks", _("Bookmarks ({count})").format(count=marks) if marks
             else _("Bookmarks")),
        Item("help", _(HELP_ITEM)),
    )
    last = "" if session.kiosk else session.store.setting(LAST_TOPIC, "")
    if last in library.topics and last != GET_HELP_NOW:  # after a restart: go on where you were
        title = library.topics[last].title
        parts += (Item(f"topic:{last}", _("Go on reading: {title}").format(title=title)),)
    urgent = ([Item(f"topic:{GET_HELP_NOW}", _(GET_HELP_ITEM))]
              if GET_HELP_NOW in library.topics else [])
    urgent += [Item(f"resource:{r.id}", crisis_words(r)) for r in crisis_lines(library)]
    sections = [Section(_("Topics"), groups), Section(_("More"), parts)]
    if urgent:  # first, in both faces and on a kiosk
        sections.insert(0, Section(_(GET_HELP_HEADING), tuple(urgent)))
    return View(_("Home"), (_(INTRO),), tuple(sections))


def group_title(name: str) -> str:
    """A home heading as shown: the content's own words, or (for topics without a group)
    "More topics" and "From your clinic" in the person's language."""
    return _(name) if name in (OTHER_TOPICS, CLINIC_TOPICS) else name


def same_group(before: Library, now: Library, name: str) -> str:
    """The heading a group of topics has in ``now`` (another language) that it had as
    ``name`` in ``before``: the group of its first topic."""
    first = next(iter(topic_groups(before).get(name, [])), None)
    topic = now.topics.get(first.id) if first is not None else None
    return topic.group if topic is not None else name


def topic_group(session: Session, name: str) -> View:
    """The topics under one home heading."""
    topics = topic_groups(session.library).get(name, [])
    items = tuple(Item(f"topic:{t.id}", t.title) for t in topics)
    return View(group_title(name), (_("{topics}. Choose one to read it.").format(topics=topic_count(len(items))),),
                (Section("", items),))


# -- the first screen's choice of language -----------------------------------------------------
# Shown before anything else, to someone who may read only one of the two languages: so every
# word is in both, and each language is named in itself. (Deliberately not through gettext.)
LANGUAGE_TITLE = "English / Español"
LANGUAGE_LINES = ("Choose a language. Elija un idioma.",)
LANGUAGE_HINT_FULL = "Press 1 for English. Oprima 2 para español."
LANGUAGE_HINT_PLAIN = "Type 1 for English. Escriba 2 para español."
LANGUAGE_ITEMS = (Item("language:en", "English"), Item("language:es", "Español"))


def language_choice() -> View:
    """The first screen of a kiosk (after every reset) and of a first run: one key chooses."""
    return View(LANGUAGE_TITLE, LANGUAGE_LINES, (Section("", LANGUAGE_ITEMS),))


# -- questions and bookmarks --------------------------------------------------------------------
def question_line(text: str, entry: dict, say_unpicked: bool = True) -> str:
    """'Picked, most important, asked: Is curing my cancer the goal?': every state in words,
    first (a screen reader says nothing for "[ ]" and "x" for "[x]", and a long question
    wraps: what comes first is what a reader reads on the line). ``say_unpicked``: "Not
    picked:" before a question not picked (the full screen, read one row at a time)."""
    if not entry["chosen"]:
        not_picked = _("Not picked")
        return f"{not_picked}: {text}" if say_unpicked else text
    words = [_("Picked")] + [word for word, on in (
        (_("most important"), entry["top"]), (_("asked"), entry["asked"]),
        (_("has a note"), bool(entry["note"]))) if on]
    return f"{', '.join(words)}: {text}"


def bookmark_items(session: Session) -> list[Item]:
    """The person's bookmarks ("topic:<id>", "Topic: Pain"). Bookmarks of items no longer in
    the content are kept in the file (a clinic may bring them back) but not listed."""
    library = session.library
    items = []
    for kind, item_id in session.store.bookmarks():
        if kind == "topic" and item_id in library.topics:
            items.append(Item(f"topic:{item_id}",
                              _("Topic: {title}").format(title=library.topics[item_id].title)))
        elif kind == "resource" and item_id in library.resources:
            items.append(Item(f"resource:{item_id}",
                              _("Resource: {name}").format(name=library.resources[item_id].name)))
    return items


NO_BOOKMARKS = N_("No bookmarks yet. On a topic or a resource, b bookmarks it.")


def bookmarks(session: Session) -> View:
    """Bookmarks: how many, then each one to open (or, when there are none, how to add one)."""
    items = tuple(bookmark_items(session))
    if not items:
        return View(_("Bookmarks"), (_(NO_BOOKMARKS),))
    return View(_("Bookmarks"), (f"{bookmark_count(len(items))}.",), (Section("", items),))


# -- a topic ------------------------------------------------------------------------------------
SOURCES_HEADING = N_("Where this comes from")


@dataclass(frozen=True, slots=True)
class TopicPart:
    """One part of a topic: its heading, who it is about ("" for everyone), its blocks."""

    heading: str
    about: str  # "This part is about people who have cancer in the bones."
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class TopicPage:
    """A topic's text as both faces show it: the summary, the parts, where it comes from,
    who checked it, and that the care team advises (the related items: topic_related)."""

    title: str
    summary: str
    parts: tuple[TopicPart, ...]
    sources_heading: str
    sources: tuple[str, ...]  # 'National Cancer Institute: "Metastatic Cancer" https://...'
    checked: tuple[str, ...]
    care_team: str


def topic_page(topic: Topic) -> TopicPage:
    parts = tuple(TopicPart(
        s.heading, _("This part is about {who}.").format(who=s.applies_to) if s.applies_to else "",
        s.blocks) for s in topic.sections)
    sources = tuple(
        s.organisation + (f': "{s.page}"' if s.page else "") + (f" {s.url}" if s.url else "")
        for s in topic.sources)
    return TopicPage(topic.title, topic.summary, parts, _(SOURCES_HEADING), sources,
                     tuple(checked_words(topic)), _(CARE_TEAM_NOTE))


QUESTIONS_HEADING = N_("Questions you could ask")


def topic_related(session: Session, topic: Topic, say_unpicked: bool = True) -> tuple[Section, ...]:
    """What a topic leads to: its questions ("question:<id>", picked or not, in words), support
    resources and related topics. Each face adds how to pick a question with its own keys.
    ``say_unpicked``: as in question_line (plain mode says only "Picked")."""
    library, store = session.library, session.store
    sections = []
    questions = tuple(
        Item(f"question:{qid}",
             question_line(library.questions[qid].text, store.entry(qid), say_unpicked))
        for qid in topic.questions if qid in library.questions)
    from metanav.content.text import READING_WIDTH, fit_fields  # (core/resources imports this)
    from metanav.core.resources import resource_fields

    # The resources list's row: name (kind; language; phone...), as much as fits in a line of
    # reading width, so a topic's list stays short to hear in plain mode.
    resources = tuple(Item(f"resource:{r.id}", fit_fields(resource_fields(r), READING_WIDTH - 4))
                      for r in resource_table.pick(library.resources, topic.resources))
    topics = tuple(Item(f"topic:{t.id}", t.title)
                   for t in (library.topics.get(tid) for tid in topic.related_topics) if t)
    for heading, items in ((_(QUESTIONS_HEADING), questions), (_("Support resources"), resources),
                           (_("Related topics"), topics)):
        if items:
            sections.append(Section(heading, items))
    return tuple(sections)


# -- one resource -------------------------------------------------------------------------------
def resource_details(resource: Resource) -> list[tuple[str, str]]:
    """The details as (label, value) pairs, the same in both faces."""
    pairs = [
        (_("Name"), resource.name),
        (_("Organisation"), resource.organisation),
        (_("Kind"), resource.kind_words),
        (_("Language"), resource.language_name),
    ]
    if resource.url:
        pairs.append((_("Web address"), resource.url))
    if resource.phone:
        phone = resource.phone + (f" ({resource.phone_note})" if resource.phone_note else "")
        pairs.append((_("Phone"), phone))
    pairs.append((_("About"), resource.description))
    return pairs
