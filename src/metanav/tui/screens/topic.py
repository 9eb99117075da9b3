"""One topic: readable text, its sources, then related questions, resources and topics."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from metanav.content.model import Topic
from metanav.content.text import READING_WIDTH, wrap
from metanav.core import actions, views
from metanav.i18n import N_, _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, focus_now, plain
from metanav.tui.widgets.lean_list import LeanList, Row
from metanav.tui.widgets.reading_view import ReadingView

# Said under text with a web address wider than the screen (shown whole: the view scrolls).
WIDE_HINT = N_("A web address above is wider than the screen: Right shows the rest of it, "
               "Left comes back.")


def topic_content(topic: Topic, width: int = 78) -> Content:
    """The topic as Content wrapped at ``width``: bold headings, hanging-indent bullets."""
    return Content("\n").join(topic_lines(topic, width)[0])


def topic_lines(topic: Topic, width: int = 78) -> tuple[list[Content], list[int]]:
    """The core's topic page (core/views.topic_page) as lines: bold headings, hanging-indent
    bullets; and the line each part's heading is on."""
    width = max(20, width)
    text = views.topic_page(topic)
    lines: list[Content] = [plain(line) for line in wrap(text.summary, width)]
    starts: list[int] = []
    for part in text.parts:
        lines.append(plain(""))
        starts.append(len(lines))
        lines.extend(Content.styled(line, "bold underline") for line in wrap(part.heading, width))
        if part.about:
            lines.extend(Content.styled(line, "italic") for line in wrap(part.about, width))
        for index, block in enumerate(part.blocks):
            if index:
                lines.append(plain(""))
            if block.kind == "paragraph":
                lines.extend(plain(line) for line in wrap(block.items[0], width))
            else:
                for item in block.items:
                    lines.extend(plain(line) for line in wrap(item, width, "  - ", "    "))
    lines.append(plain(""))
    lines.append(Content.styled(text.sources_heading, "bold underline"))
    wide = False
    for source in text.sources:
        parts = wrap(source, width, "  - ", "    ")  # an address is never broken, never folded
        wide = wide or any(cell_len(part) > width for part in parts)
        lines.extend(plain(part) for part in parts)
    if wide:
        lines.extend(plain(line) for line in wrap(_(WIDE_HINT), width))
    for words in text.checked:
        lines.extend(plain(line) for line in wrap(words, width))
    lines.append(plain(""))
    lines.extend(plain(line) for line in wrap(text.care_team, width))
    return lines, starts


class TopicScreen(BaseScreen):
    BINDINGS = bindings.TOPIC

    def __init__(self, topic: Topic, section: int = -1) -> None:
        super().__init__()
        self.topic = topic
        self.section = section  # a search result opens the topic at its section
        self._starts: list[int] = []

    def language_changed(self, before) -> None:
        self.topic = self.session.library.topics.get(self.topic.id, self.topic)
        self.section = -1

    def heading(self) -> str:
        # The mark comes first, so a narrow screen cuts the title, not the mark.
        mark = _("[Bookmarked] ") if self._bookmarked() else ""
        return f"{mark}{self.topic.title}"

    _wrapped_at = 0

    def _text_width(self) -> int:
        """The body's width less padding and scroll bar, and never wider than is easy to read."""
        return min(self.app.size.width, READING_WIDTH) - 4

    _lines: list[str] | None = None

    def _wrapped_text(self) -> Content:
        """The topic wrapped to the body's width (less padding and scrollbar)."""
        self._wrapped_at = self._text_width()
        lines, self._starts = topic_lines(self.topic, self._wrapped_at)
        content = Content("\n").join(lines)
        self._lines = content.plain.split("\n")  # for the reading view (screen readers)
        return content

    def on_mount(self) -> None:
        if 0 <= self.section < len(self.topic.sections):
            heading = self.topic.sections[self.section].heading
            self.say(_('From the part "{heading}". Page Up for the start of the topic.').format(
                heading=heading))
            self.call_after_refresh(self._to_section)

    def _to_section(self) -> None:
        if self.section < len(self._starts):
            body = self.query_one("#topic-body")
            body.scroll_to(y=self._starts[self.section], animate=False, immediate=True)

    def on_resize(self) -> None:
        if self._text_width() != self._wrapped_at:
            self.query_one("#topic-text", Static).update(self._wrapped_text())
            body = self.query_one("#topic-body", ReadingView)
            body.lines = self._lines
            body.fit_sideways(self._lines, self._wrapped_at)

    def _bookmarked(self) -> bool:
        return self.session.store.is_bookmarked("topic", self.topic.id)

    def compose_body(self) -> ComposeResult:
        text = self._wrapped_text()
        with ReadingView(id="topic-body", lines=self._lines) as body:
            body.fit_sideways(self._lines, self._wrapped_at)
            yield Static(text, id="topic-text", markup=False)
        yield Static(plain(_("Related: press Tab, then Enter")), id="related-title",
                     markup=False)
        yield LeanList(self._related_rows(), wrap=True, id="related", empty_text=_("Nothing related."))

    AUTO_FOCUS = "#topic-body"

    def _related_rows(self) -> list[Row]:
        """The core's view of what this topic leads to (core/views.topic_related)."""
        rows: list[Row] = []
        for section in views.topic_related(self.session, self.topic):
            is_questions = section.heading == _(views.QUESTIONS_HEADING)
            hint = _(" (Enter adds to your list)") if is_questions else ""
            rows.append(Row(section.heading + hint, heading=True))
            rows.extend(Row(item.text, key=item.key) for item in section.items)
        return rows

    def refresh_view(self) -> None:
        related = self.query_one("#related", LeanList)
        keep = related.highlighted_row.key if related.highlighted_row else None
        related.set_rows(self._related_rows(), keep=keep)
        self.show_heading()

    def on_lean_list_selected(self, event: LeanList.Selected) -> None:
        key = event.lean_list.rows[event.index].key
        kind, _sep, item_id = key.partition(":")
        if kind == "question":
            self._toggle_question(event.index, item_id)
        else:
            self.metanav.open_key(key)

    def _toggle_question(self, index: int, question_id: str) -> None:
        done = actions.toggle_pick(self.session, question_id)
        text = views.question_line(done.about, self.session.store.entry(question_id))
        row = Row(text, key=f"question:{question_id}")
        self.query_one("#related", LeanList).update_row(index, row)
        self.tell(done)

    def action_toggle_question(self) -> None:
        related = self.query_one("#related", LeanList)
        row = related.highlighted_row
        if related.has_focus and row and row.key.startswith("question:"):
            self._toggle_question(related.highlighted, row.key.partition(":")[2])

    def action_related(self) -> None:
        focus_now(self, self.query_one("#related", LeanList))

    def bookmarked_here(self) -> bool:
        return self._bookmarked()

    def action_bookmark(self) -> None:
        self.toggle_bookmark("topic", self.topic.id)
        self.show_heading()
