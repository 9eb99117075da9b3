"""Plain mode's search: "/" and words at any prompt (core/search.py has the view).

The results are numbered; a number opens one (a topic at the part that matched), and coming
back shows the same results again. Words typed here search again.
"""

from __future__ import annotations

from metanav.core import commands, search
from metanav.i18n import N_, _
from metanav.plain.base import Page, Screen
from metanav.plain.screens import GroupScreen, ResourceScreen, TopicScreen

LIMIT = 15  # a screen reader reads every line: the best 15, then new words narrow it


class SearchScreen(Screen):
    NAME = N_("Search")
    NUMBERS = N_("open a result (a topic opens at the part that matched)")
    KEYS = commands.plain("search")

    def __init__(self, shell, query: str):
        super().__init__(shell)
        self.view = search.find(self.session, query, limit=LIMIT)

    def language_changed(self, before) -> None:
        self.view = search.find(self.session, self.view.results.query, limit=LIMIT)

    def title(self) -> str:
        return self.view.title

    def build(self, page: Page) -> None:
        page.add(self.view.status())
        for hit in self.view.results.hits:  # plain mode is read out: snippets as for a reader
            snippet = self.view.snippet(hit)
            page.choice(f"{hit.title} ({hit.where})", lambda h=hit: self._open(h),
                        [snippet] if snippet else [])
        for line in self.view.nothing_found():
            page.add(line, "", "  ")
        if self.view.results.hits:
            page.add(_("Type other words to search again."))

    def _open(self, hit) -> None:
        where = search.target(self.session, hit)
        if where is None:
            self.say(_("That is no longer here."))
        elif where.kind == "topic":
            self.shell.open(TopicScreen(self.shell, where.key, where.section))
        elif where.kind == "questions":
            self.shell.open(GroupScreen(self.shell, where.key))
        else:
            self.shell.open(ResourceScreen(self.shell, where.key))

    def free_text(self, answer: str) -> bool | None:
        """Words typed here search again."""
        if len(answer) < 2:
            return None
        self.view = search.find(self.session, answer, limit=LIMIT)
        return True
