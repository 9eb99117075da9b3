"""Search, once for both faces: the view of a search, and where each result leads.

Both faces draw a :class:`SearchView` (the full screen as a box, a count line and a list; plain
mode as numbered lines) and open a result with :func:`target`. The words, the ranking and the
snippets come from the search engine (content/find.py). Plain Python: never imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from metanav.content.cache import progress_line
from metanav.content.find import Results
from metanav.content.index import index_for, ready, search
from metanav.content.snippet import Hit
from metanav.content.text import clean_typed
from metanav.i18n import N_, _
from metanav.session import Session

PROMPT = N_("Search for (words in your own words; Enter alone to cancel):")
PLACEHOLDER = N_("Type words to search topics, questions and resources")
# Under the box before anything is typed: words that find something, not the box's words again.
EXAMPLES = N_("For example: bone pain, hospice, money help.")


@dataclass(frozen=True)
class Target:
    """Where a result leads: a topic (at one of its sections), a question's group, or a
    resource."""

    kind: str  # "topic", "questions" or "resource"
    key: str  # topic id, question group id, resource id
    section: int = -1  # the topic's section to start at; -1 for its top
    question: str = ""  # the question's id, for a face that can point at it


@dataclass(frozen=True)
class SearchView:
    query: str
    results: Results

    @property
    def title(self) -> str:
        if self.results.query:
            return _("Search: {words}").format(words=self.results.query)
        return _("Search")

    def status(self) -> str:
        """The count line: '12 matches for "spread".', and the note about typos if any."""
        return " ".join(part for part in (self.results.summary(), self.results.note) if part)

    def row(self, hit: Hit, reader: bool = False) -> str:
        """One result on one (wrapped) line: title, where it is, and the snippet (for a
        screen reader as ``snippet`` gives it)."""
        snippet = self.snippet(hit) if reader else hit.snippet
        return f"{hit.title} ({hit.where})" + (f": {snippet}" if snippet else "")

    @staticmethod
    def snippet(hit: Hit) -> str:
        """The snippet as a screen reader should hear it: without the "…" that marks a cut
        (a reader says it as noise), and nothing when it only repeats the title (a question
        found by its own words was heard twice)."""
        snippet = hit.snippet.strip("…")
        words = snippet.replace("[", "").replace("]", "").strip()
        return "" if words and words in hit.title else snippet

    def rows(self, reader: bool = False) -> list[str]:
        return [self.row(hit, reader) for hit in self.results.hits]

    def nothing_found(self) -> list[str]:
        """When nothing matched: the closest words, and help lines to call."""
        r = self.results
        if r.hits or not r.query.strip():
            return []
        lines = []
        if r.closest:
            lines.append(_("Closest words in metanav: {words}.").format(words=", ".join(r.closest)))
        if r.help_lines:
            lines.append(_("To talk with someone now, call a help line:"))
            lines += [f"- {h.name}: {h.phone or h.url}" for h in r.help_lines]
        lines.append(_("Your care team can help you find answers too."))
        return lines


def find(session: Session, query: str, *, as_typed: bool = False, limit: int = 50) -> SearchView:
    """Search the session's content (never raises, whatever the query)."""
    ready_here(session)
    return SearchView(query, search(session.library, query, as_typed=as_typed, limit=limit))


def ready_here(session: Session) -> None:
    """Make search ready now if it is not (large content in a translation, in plain mode: the
    full screen does it beside its screen), with a line on a terminal while it waits."""
    if not ready(session.library):
        prepare(session, progress_line("metanav: " + preparing(session)))


def prepare(session: Session, progress: Callable[[int, int], None] | None = None) -> None:
    """Get search ready for words with typos (a screen calls this once it shows); made
    first if need be (``progress`` is told how far that has come)."""
    index_for(session.library, progress).prepare()


def preparing(session: Session) -> str:
    """'' when search can start at once; else what to show while its index is made in memory
    (large content in a translation: about 20 s at 100,000 resources, the first time)."""
    if ready(session.library):
        return ""
    count = f"{len(session.library.resources):,}"
    return _("Preparing search for {count} resources (only the first time in this "
             "language):").format(count=count)


def waiting(query: str) -> SearchView:
    """The view while search is being prepared: the words typed so far, no results yet."""
    return SearchView(query, Results(clean_typed(query, limit=60)))


def target(session: Session, hit: Hit) -> Target | None:
    """Where opening ``hit`` leads (None if its item is gone)."""
    library = session.library
    if hit.kind == "topic" and hit.key in library.topics:
        return Target("topic", hit.key, hit.section)
    if hit.kind == "question" and hit.key in library.questions:
        return Target("questions", library.questions[hit.key].group, question=hit.key)
    if hit.kind == "resource" and hit.key in library.resources:
        return Target("resource", hit.key)
    return None
