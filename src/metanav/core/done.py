"""Done: what an action says when it is done, or why it was not (core/actions.py).

Every action returns one; a face shows its words, short on the full screen ("Marked as
asked.") and with what it was about in plain mode ("Marked as asked: Is it curable?").
Plain Python: never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from metanav.state.store import SaveResult


@dataclass(frozen=True, slots=True)
class Done:
    """What an action says. ``ok`` is False when nothing was done (refused or impossible)."""

    words: str  # "Marked as asked."
    about: str = ""  # what it was about (a question's text), for a face with room to say it
    problem: str = ""  # saving failed: the change is kept in memory, and this says why
    ok: bool = True
    more: str = ""  # a sentence after the rest ("Find it under Bookmarks.")
    key: str = ""  # the item it brought back, as its list row's key ("topic:pain", "own-…")

    def sentence(self, long: bool = False) -> str:
        """The words, with what it was about when ``long`` ("Marked as asked: Is it ...?")."""
        return " ".join(self.lines(long))

    def lines(self, long: bool = True) -> list[str]:
        """As separate lines (plain mode): the words, then the problem if any."""
        text = self.words
        if long and self.about:
            about = self.about if self.about.endswith((".", "?", "!")) else f"{self.about}."
            text = f"{text.rstrip('.')}: {about}"
        if self.more:
            text = f"{text} {self.more}"
        return [text, self.problem] if self.problem else [text]


def saved(result: SaveResult, words: str, about: str = "") -> Done:
    """The action's words, and why saving failed if it did (the change is kept in memory)."""
    return Done(words, about, "" if result.ok else result.message)
