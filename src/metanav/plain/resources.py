"""Plain mode's support resources: the filtered list and one resource's details."""

from __future__ import annotations

from collections.abc import Sequence

from metanav.content.model import Resource
from metanav.content.search import ResourceFilter, count_phrase, filter_choices, filter_resources
from metanav.core import actions, commands, views
from metanav.plain.base import Page, Screen, numbers


def topic_screen(shell, topic_id: str) -> Screen:
    from metanav.plain.screens import TopicScreen  # (screens.py imports this module)

    return TopicScreen(shell, topic_id)


def resource_extra(resource: Resource, bookmarked: bool) -> str:
    return f"{resource.kind_words}; {resource.language_name}" + ("; bookmarked" if bookmarked else "")


def bookmark_resource(screen: Screen, resource: Resource) -> None:
    screen.tell(actions.toggle_bookmark(screen.session, "resource", resource.id))


class ResourcesScreen(Screen):
    NAME = "Support resources"
    NUMBERS = "open a resource to see its web address, phone and description"
    KEYS = commands.plain("resources")

    def __init__(self, shell):
        super().__init__(shell)
        self.filters = ResourceFilter()
        self.shown: Sequence[Resource] = []

    def build(self, page: Page) -> None:
        page.add("Find help by words, kind and language; they combine. Type words to find them.")
        page.add(f"Filter: {self.filters.describe()}.")
        self.shown = filter_resources(self.library, self.filters)
        page.add(count_phrase(len(self.shown)))
        page.blank()
        for res in self.shown:
            page.choice(f"{res.name} - {res.organisation}",
                        lambda r=res.id: self.shell.open(ResourceScreen(self.shell, r)),
                        [resource_extra(res, self.store.is_bookmarked("resource", res.id))])

    def _set(self, **changes: str) -> bool:
        fields = {"text": self.filters.text, "kind": self.filters.kind,
                  "language": self.filters.language, **changes}
        self.filters = ResourceFilter(**fields)
        return True

    def free_text(self, answer: str) -> bool | None:
        return self._set(text=answer) if len(answer) > 1 else None

    def filter(self, arg: str) -> bool:
        return self._set(text=arg)

    def clear_filters(self, _arg: str) -> bool:
        self.say("Filters cleared.")
        self.filters = ResourceFilter()
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
            self.say(f'No {what} matches "{arg}". Choose from the list.')
        self.say(f"Choose a {what}:")
        values = [value for value, _ in options]
        for number, (value, words) in enumerate(options, 1):
            self.say(f"{number}. {words}" + (" (chosen now)" if value == current else ""))
        default = values.index(current) + 1 if current in values else 1
        while True:
            answer = self.shell.ask(f"Choose 1-{len(options)} [default: {default}]:")
            if answer is None:
                self.say("Cancelled.")
                return None
            found = values[default - 1] if not answer else match(answer)
            if found is not None:
                return found
            self.say(f'"{answer}" is not one of the choices. Type {numbers(len(options))}.')

    def kind(self, arg: str) -> bool | None:
        options = [("", "Any kind"), *filter_choices(self.library)[0]]
        value = self._choose("kind", options, self.filters.kind, arg)
        return None if value is None else self._set(kind=value)

    def language(self, arg: str) -> bool | None:
        options = [("", "Any language"), *filter_choices(self.library)[1]]
        value = self._choose("language", options, self.filters.language, arg)
        return None if value is None else self._set(language=value)

    def bookmark(self, arg: str) -> None:
        index = self.which(arg, len(self.shown), "resource")
        if index is not None:
            bookmark_resource(self, self.shown[index])


class ResourceScreen(Screen):
    NAME = "A resource"
    NUMBERS = "open a topic about this resource"
    KEYS = commands.plain("resource")

    def __init__(self, shell, resource_id: str = ""):
        super().__init__(shell)
        self.resource = self.library.resources[resource_id]

    def title(self) -> str:
        mark = " (bookmarked)" if self.store.is_bookmarked("resource", self.resource.id) else ""
        return f"{self.resource.name}{mark}"

    def build(self, page: Page) -> None:
        res = self.resource
        for label, value in views.resource_details(res):
            page.label(label, value)
        page.label("Bookmarked", "yes" if self.store.is_bookmarked("resource", res.id) else "no")
        topics = [self.library.topics[t] for t in res.topics if t in self.library.topics]
        if topics:
            page.blank()
            page.add("Topics about this:")
            for topic in topics:
                page.choice(topic.title,
                            lambda t=topic.id: self.shell.open(topic_screen(self.shell, t)))

    def bookmark(self, _arg: str) -> None:
        bookmark_resource(self, self.resource)
