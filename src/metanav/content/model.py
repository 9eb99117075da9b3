"""The content model: topics, questions and resources, as plain immutable data."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from metanav.content.text import Block
from metanav.i18n import N_, _

# The home screen's heading for topics whose file names no group (``group:``): bundled topics,
# and a clinic's own topics (``--data``), which people then find together.
# Home headings of topics without a group: kept in English in the content, shown through
# gettext (core/views.group_title).
OTHER_TOPICS = N_("More topics")
CLINIC_TOPICS = N_("From your clinic")

CARE_TEAM_NOTE = N_(
    "metanav gives information, not advice. "
    "Your care team can tell you what fits your own care."
)
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))

# Resource kinds, in the order people see them, with the words shown for each.
KINDS: dict[str, str] = {
    "information": N_("Information"),
    "emotional-support": N_("Emotional support"),
    "support-group": N_("Support group"),
    "helpline": N_("Helpline"),
    "financial": N_("Money help"),
    "video": N_("Video"),
}

# ISO 639-1 codes accepted for resources, with the name shown (in English and the language).
LANGUAGES: dict[str, str] = {
    "am": N_("Amharic"), "ar": N_("Arabic"), "bn": N_("Bengali"), "de": N_("German"), "el": N_("Greek"),
    "en": N_("English"), "es": N_("Spanish (Español)"), "fa": N_("Persian (Farsi)"), "fr": N_("French"),
    "gu": N_("Gujarati"), "he": N_("Hebrew"), "hi": N_("Hindi"), "hmn": N_("Hmong"), "ht": N_("Haitian Creole"),
    "hy": N_("Armenian"), "it": N_("Italian"), "ja": N_("Japanese"), "km": N_("Khmer"), "ko": N_("Korean"),
    "lo": N_("Lao"), "ne": N_("Nepali"), "nl": N_("Dutch"), "pa": N_("Punjabi"), "pl": N_("Polish"),
    "pt": N_("Portuguese"), "ro": N_("Romanian"), "ru": N_("Russian"), "so": N_("Somali"), "sw": N_("Swahili"),
    "ta": N_("Tamil"), "te": N_("Telugu"), "th": N_("Thai"), "tl": N_("Tagalog"), "tr": N_("Turkish"),
    "uk": N_("Ukrainian"), "ur": N_("Urdu"), "vi": N_("Vietnamese"), "yi": N_("Yiddish"), "zh": N_("Chinese"),
}


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    applies_to: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    organisation: str
    page: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: str
    summary: str
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    reviewed: str  # the day the text was checked against its sources (YYYY-MM-DD)
    order: int = 1000
    group: str = OTHER_TOPICS  # the heading it is under on the home screen
    related_topics: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()
    # Only when a clinician or clinic has read the text: who, and on what day.
    clinical_review_by: str = ""
    clinical_review_date: str = ""


def date_words(iso: str) -> str:
    """2026-12-07 as "7 December 2026", read the same way on screen, aloud and in braille."""
    try:
        day = _dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return _("{day} {month} {year}").format(day=day.day, month=_(MONTHS[day.month - 1]),
                                            year=day.year)


def checked_words(topic: Topic) -> list[str]:
    """What a topic says about who checked it: the day its text was checked against its
    sources, then a clinician's or clinic's review only when there was one."""
    lines = [_("Text checked against these sources on {date}.").format(
        date=date_words(topic.reviewed))]
    if topic.clinical_review_by:
        if topic.clinical_review_date:
            lines.append(_("Reviewed by {who} on {date}.").format(
                who=topic.clinical_review_by, date=date_words(topic.clinical_review_date)))
        else:
            lines.append(_("Reviewed by {who}.").format(who=topic.clinical_review_by))
    return lines


@dataclass(frozen=True, slots=True)
class QuestionGroup:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Question:
    """``text`` is the question as people see, pick and export it: a question that applies to
    one kind of cancer ends with that label, "(breast cancer)", wherever it is shown."""

    id: str
    group: str
    text: str
    why: str = ""
    topics: tuple[str, ...] = ()
    applies_to: str = ""


@dataclass(frozen=True, slots=True)
class Resource:
    id: str
    name: str
    organisation: str
    kinds: tuple[str, ...]
    language: str
    description: str
    url: str = ""
    phone: str = ""
    phone_note: str = ""
    topics: tuple[str, ...] = ()
    crisis: bool = False  # a crisis line: shown on the home screen, where nobody scrolls to it
    # A shorter address of the same organisation (https, nothing after the host), put in the
    # QR code when ``url``'s code does not fit the screen (qr.py): ``url`` stays written out.
    qr_address: str = ""

    @property
    def kind_words(self) -> str:
        return ", ".join(_(KINDS.get(k, k)) for k in self.kinds)

    @property
    def language_name(self) -> str:
        return _(LANGUAGES.get(self.language, self.language))


@dataclass(frozen=True)
class Synonyms:
    """From synonyms.yaml: everyday phrases (folded word tuples), each with the phrases of
    ours it also finds ("hotline" also finds "helpline")."""

    finds: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = field(default_factory=dict)

    @property
    def longest(self) -> int:
        return max((len(k) for k in self.finds), default=1)

    def merged(self, other: Synonyms) -> Synonyms:
        combined = dict(self.finds)
        for key, targets in other.finds.items():
            combined[key] = tuple(dict.fromkeys(combined.get(key, ()) + targets))
        return Synonyms(combined)


@dataclass(frozen=True, slots=True)
class Library:
    """All content, validated and cross-referenced. Dicts keep the order people see."""

    topics: dict[str, Topic]
    groups: dict[str, QuestionGroup]
    questions: dict[str, Question]
    resources: dict[str, Resource]
    synonyms: Synonyms = field(default_factory=Synonyms, compare=False)
    # The language of the words ("en", "es": content/translation.py), and the ids of the
    # items that have no words in it yet, so they are shown in English.
    lang: str = "en"
    untranslated: frozenset[str] = frozenset()
    english: Library | None = field(default=None, compare=False, repr=False)

    def questions_in(self, group_id: str) -> list[Question]:
        return [q for q in self.questions.values() if q.group == group_id]

    def summary(self) -> str:
        return _("{topics} topics, {questions} questions in {groups} groups, {resources} "
                 "resources").format(topics=len(self.topics), questions=len(self.questions),
                                     groups=len(self.groups), resources=len(self.resources))
