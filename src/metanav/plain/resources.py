"""Plain mode's support resources: the filtered list and one resource's details, drawn from
the core (core/resources.py: the filter a person sets, what it finds, one resource's page)."""

from __future__ import annotations

from metanav.content.model import Resource
from metanav.core import actions, commands
from metanav.core.resources import (
    ResourceFinder,
    resource_fields,
    resource_page,
)
from metanav.i18n import N_, _
from metanav.plain.base import LIST_RUN, Page, Screen, numbers


def topic_screen(shell, topic_id: str) -> Screen:
    from metanav.plain.screens import TopicScreen  # (screens.py imports this module)

    return TopicScreen(shell, topic_id)


# What choosing a kind or a language says (whole sentences, so each language can agree).
NO_MATCH = {"kind": N_('No kind matches "{typed}". Choose from the list.'),
            "language": N_('No language matches "{typed}". Choose from the list.')}
CHOOSE = {"kind": N_("Choose a kind:"), "language": N_("Choose a language:")}


def bookmark_resource(screen: Screen, resource: Resource) -> None:
    screen.tell(actions.toggle_bookmark(screen.session, "resource", resource.id))


class ResourcesScreen(Screen):
    NAME = N_("Support resources")
    NUMBERS = N_("open a resource to see its web address, phone and description")
    KEYS = commands.plain("resources")

    def __init__(self, shell):
        super().__init__(shell)
        self.finder = ResourceFinder(self.session)  # the filter, the same as the full screen's

    def language_changed(self, before) -> None:
        self.finder.set_words(self.finder.filter.text)  # the same filter, in the new words

    def build(self, page: Page) -> None:
        # The count first, then names alone, one line each: a reader hears a list it can
        # follow, and a whole filtered list fits one screen. A resource's kind, language,
        # phone and the rest are on its own page (a number opens it), as in the full screen.
        finder = self.finder
        page.add(finder.count_and_filter())
        if not finder.filtering:
            page.add(_("Type words to narrow the list. A number opens one: phone, web address "
                       "and more."))
        for number, res in enumerate(finder.matches):
            if number and number % LIST_RUN == 0:  # read out ten at a time
                page.part(new_page=True)
            name = resource_fields(res, finder.bookmarked(res))[0][0]  # "[Bookmarked] " first
            page.choice(name, lambda r=res.id: self.shell.open(ResourceScreen(self.shell, r)))

    def short_letters(self) -> tuple[str, ...]:
        # Nothing matches: the way out (c to clear filters) is named again.
        return ("c", "h") if self.finder.filtering and not self.finder.matches else ("h",)

    def free_text(self, answer: str) -> bool | None:
        if len(answer) < 2:  # one letter is a command's, not words
            return None
        self.finder.set_words(answer)
        return True

    def filter(self, arg: str) -> bool:
        self.finder.set_words(arg)
        return True

    def clear_filters(self, _arg: str) -> bool:
        self.say(self.finder.clear().words)  # the screen shown again says the count
        return True

    def _choose(self, what: str, options: list[tuple[str, str]], current: str, arg: str) -> str | None:
        """Pick one of ``options`` (value, words) by number, code or first words: from ``arg``
        ("l spanish"), or from a numbered list."""

        def match(answer: str) -> str | None:
            for number, (value, words) in enumerate(options, 1):
                if answer.casefold() in (str(number), value.casefold()) or (
                    len(answer) > 1 and words.casefold().startswith(answer.casefold())
                ):
                    return value
            return None

        if arg:
            found = match(arg)
            if found is not None:
                return found
            self.say(_(NO_MATCH[what]).format(typed=arg))
        self.say(_(CHOOSE[what]))
        values = [value for value, _words in options]
        for number, (value, words) in enumerate(options, 1):
            self.say(f"{number}. {words}" + (_(" (chosen now)") if value == current else ""))
        default = values.index(current) + 1 if current in values else 1
        while True:
            answer = self.shell.ask(_("Choose 1 to {count} [default: {default}]:").format(
                count=len(options), default=default))
            if answer is None:
                self.say(_("Cancelled."))
                return None
            found = values[default - 1] if not answer else match(answer)
            if found is not None:
                return found
            self.say(_('"{typed}" is not one of the choices. Type {numbers}.').format(
                typed=answer, numbers=numbers(len(options))))

    def kind(self, arg: str) -> bool | None:
        options = self.finder.kinds()
        value = self._choose("kind", options, self.finder.filter.kind, arg)
        if value is None:
            return None
        self.finder.set_kind(value)
        return True

    def language(self, arg: str) -> bool | None:
        options = self.finder.languages()
        value = self._choose("language", options, self.finder.filter.language, arg)
        if value is None:
            return None
        self.finder.set_language(value)
        return True

    def bookmark(self, arg: str) -> None:
        shown = self.finder.matches
        index = self.which(arg, len(shown), "resource")
        if index is not None:
            bookmark_resource(self, shown[index])


class ResourceScreen(Screen):
    NAME = N_("A resource")
    NUMBERS = N_("open a topic about this resource")
    KEYS = commands.plain("resource")

    def __init__(self, shell, resource_id: str = ""):
        super().__init__(shell)
        self.resource = self.library.resources[resource_id]

    def language_changed(self, before) -> None:
        self.resource = self.library.resources[self.resource.id]

    def title(self) -> str:
        mark = _(" (bookmarked)") if self.store.is_bookmarked("resource", self.resource.id) else ""
        return f"{self.resource.name}{mark}"

    def build(self, page: Page) -> None:
        view = resource_page(self.session, self.resource)
        for label, value in view.details:
            page.label(label, value)
        page.label(_("Bookmarked"), _("yes") if view.bookmarked else _("no"))
        if view.topics:
            page.part()  # paged, "more" comes before the heading, not between it and its list
            page.heading(_("Topics about this:"))
            for item in view.topics:
                topic_id = item.key.partition(":")[2]
                page.choice(item.text,
                            lambda t=topic_id: self.shell.open(topic_screen(self.shell, t)))

    def bookmark(self, _arg: str) -> None:
        bookmark_resource(self, self.resource)
