"""One row of a :class:`~metanav.tui.widgets.lean_list.LeanList`: its text, what it stands for
and whether it is a heading; and that text fitted to one line of the list."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from metanav.content.text import clean_line, fit_fields


@dataclass(frozen=True, slots=True)
class Row:
    """One entry. ``key`` is what the owner uses to find the thing the row stands for."""

    text: str
    key: str = ""
    heading: bool = False
    # A row of fields in their order of need, each its forms, longest first (a resource:
    # name, kind, language, phone...): one line shows those that fit whole
    # (content/text.fit_fields); ``text`` is all of them.
    fields: tuple[tuple[str, ...], ...] = ()

    @property
    def selectable(self) -> bool:
        return not self.heading


def one_line(row: Row, width: int, screen_reader: bool) -> str:
    """The row's text in ``width`` cells: the fields that fit whole, or the text cut with an
    ellipsis; with the screen-reader setting, without (a reader voices the glyph as noise or
    says nothing for it)."""
    text = clean_line(fit_fields(row.fields, width, measure=cell_len) if row.fields
                      else row.text)
    if cell_len(text) > width:
        if screen_reader:
            text = set_cell_size(text, max(1, width))
        else:
            text = set_cell_size(text, max(1, width - 1)) + "\u2026"
    return text
