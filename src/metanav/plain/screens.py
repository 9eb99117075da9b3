"""Plain-mode screens: home, topics, questions, my list, resources, bookmarks and help.

Each screen declares its letter keys in ``KEYS`` and what its numbers do in ``NUMBERS``; the
help screen is generated from those tables (see ``SCREENS`` at the end).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from metanav.content.model import CARE_TEAM_NOTE, Resource, checked_words
from metanav.content.search import ResourceFilter, count_phrase, filter_choices, filter_resources
from metanav.content.text import block_lines
from metanav.core import actions, commands, views
from metanav.plain.base import Action, Page, Screen, numbers
from metanav.plain.shell import GLOBAL_KEYS
from metanav.state.mylist import my_list, render_lines


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def sentence(text: str) -> str:
    """End with a full stop, unless the text already ends a sentence ("What is it?")."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


# --------------------------------------------------------------------------------------------
# Home
# --------------------------------------------------------------------------------------------
class ViewScreen(Screen):
    """A screen that is one core view (core/views.py): its lines, then its sections as
    headed, numbered choices. Enter alone opens the item after the one opened last."""

    def __init__(self, shell):
        super().__init__(shell)
        self.next = 1

    def view(self) -> views.View:
        raise NotImplementedError

    def build(self, page: Page) -> None:
        view = self.view()
        for line in view.lines:
            page.add(line)
        for section in view.sections:
            if section.heading:
                page.add(f"{section.heading}:")
            for item in section.items:
                page.choice(item.text, self._go(len(page.choices) + 1, item.key))

    def _go(self, number: int, key: str) -> Action:
        def go() -> None:
            self.next = number + 1 if number < self.count else 1
            self.shell.open(self.opener(key))

        return go

    def opener(self, key: str) -> Screen:
        """The screen a view's item opens ("topic:<id>", "questions", ...)."""
        kind, _, item_id = key.partition(":")
        if kind == "group":
            return TopicGroup(self.shell, item_id)
        if kind == "topic":
            return TopicScreen(self.shell, item_id)
        if kind == "resource":
            return ResourceScreen(self.shell, item_id)
        screens = {"questions": QuestionsScreen, "resources": ResourcesScreen,
                   "bookmarks": BookmarksScreen, "help": Help}
        return screens[kind](self.shell)

    def default(self) -> tuple[str, Action]:
        number = min(self.next, self.count) or 1
        return str(number), lambda: self.page.choices[number - 1]()


class Home(ViewScreen):
    NAME = "Home"
    NUMBERS = "open a group of topics, or one of the parts listed after them"

    def title(self) -> str:
        return "metanav: Home"

    def view(self) -> views.View:
        # Kept short, with no blank lines, so home fits a 24-line terminal.
        return views.home(self.session)


class TopicGroup(ViewScreen):
    NAME = "A group of topics"
    NUMBERS = "open a topic"
    KEYS = commands.plain("topic_group")

    def __init__(self, shell, name: str = ""):
        super().__init__(shell)
        self.name = name

    def title(self) -> str:
        return self.name

    def view(self) -> views.View:
        return views.topic_group(self.session, self.name)

    def default(self) -> tuple[str, Action]:
        if self.next > self.count:
            return super(ViewScreen, self).default()  # read them all: Enter goes back
        return super().default()

    def _go(self, number: int, key: str) -> Action:
        def go() -> None:
            self.next = number + 1
            self.shell.open(self.opener(key))

        return go


# --------------------------------------------------------------------------------------------
# Questions: shared actions
# --------------------------------------------------------------------------------------------
def question_line(text: str, entry: dict) -> str:
    """'[x] Is curing my cancer the goal? (most important, asked)'"""
    tags = [word for word, on in (("most important", entry["top"]), ("asked", entry["asked"])) if on]
    suffix = f" ({', '.join(tags)})" if tags else ""
    return f"{'[x]' if entry['chosen'] else '[ ]'} {text}{suffix}"


class QuestionActions(Screen):
    """Letters that act on the questions a screen numbers (``ids``), and on my list. Each
    finds the question the person means and calls the core's action (core/actions.py)."""

    def ids(self) -> list[str]:
        return []

    def _which(self, arg: str) -> str | None:
        index = self.which(arg, len(self.ids()), "question")
        return None if index is None else self.ids()[index]

    def pick(self, qid: str) -> None:
        self.tell(actions.toggle_pick(self.session, qid))

    def top(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        done = actions.toggle_top(self.session, qid)
        self.tell(done)
        if not done.ok:
            self.say("s shows my list, where t and its number unmarks one.")
        return done.ok and isinstance(self, MyListScreen)

    def asked(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        self.tell(actions.toggle_asked(self.session, qid))
        return isinstance(self, MyListScreen)

    def note(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        self.say(f"Note for: {actions.question_text(self.session, qid)}")
        old = self.store.entry(qid)["note"]
        if old:
            self.say(f"The note now: {old}")
        hint = "Enter alone keeps it; a single - removes it" if old else "Enter alone to cancel"
        text = self.shell.ask(f"Type a short note of the answer, then Enter ({hint}):")
        if not text or (text == "-" and not old):
            self.say(actions.NOTE_UNCHANGED)
            return None
        self.tell(actions.write_note(self.session, qid, "" if text == "-" else text))
        return isinstance(self, MyListScreen)

    def add(self, arg: str) -> bool | None:
        text = arg or self.shell.ask("Type your question, then Enter (Enter alone to cancel):")
        _own_id, done = actions.add_own(self.session, text or "")
        self.tell(done)
        return done.ok and isinstance(self, (OwnQuestionsScreen, MyListScreen))

    def show_list(self, _arg: str) -> None:
        self.shell.open(MyListScreen(self.shell))

    def export(self, _arg: str) -> None:
        self.tell(actions.export_list(self.session))


# --------------------------------------------------------------------------------------------
# Questions screens
# --------------------------------------------------------------------------------------------
class QuestionsScreen(QuestionActions):
    NAME = "Questions for your doctor"
    NUMBERS = "open a group of questions"
    KEYS = commands.plain("questions")

    def build(self, page: Page) -> None:
        # Short on purpose: this menu is heard often, and every line costs time by ear.
        page.add("Open a group to pick questions for your care team.")
        chosen = my_list(self.library, self.store)
        if chosen:
            top = sum(1 for item in chosen if item.top)
            page.add(f"You have picked {plural(len(chosen), 'question')}; "
                     f"{top} marked most important.")
        page.blank()
        # Only what the person has done is counted: how many questions a group holds is
        # heard when it is opened, and saying it nine times here made the menu twice as long.
        for group in self.library.groups.values():
            questions = self.library.questions_in(group.id)
            if questions:
                picked = sum(1 for q in questions if self.store.entry(q.id)["chosen"])
                page.choice(group.title + (f" ({picked} picked)" if picked else ""),
                            lambda g=group.id: self.shell.open(GroupScreen(self.shell, g)))
        own_ids = [own_id for own_id, _ in self.store.own_questions()]
        picked = sum(1 for own_id in own_ids if self.store.entry(own_id)["chosen"])
        if own_ids:
            tally = plural(len(own_ids), "question") + (f", {picked} picked" if picked else "")
        else:
            tally = "none yet"
        page.choice(f"{OwnQuestionsScreen.NAME} ({tally})",
                    lambda: self.shell.open(OwnQuestionsScreen(self.shell)))


class GroupScreen(QuestionActions):
    NAME = "A group of questions"
    NUMBERS = "pick a question for your list, or take it off"
    KEYS = commands.plain("group")

    def __init__(self, shell, group_id: str = ""):
        super().__init__(shell)
        self.group_id = group_id

    def title(self) -> str:
        return f"Questions: {self.library.groups[self.group_id].title}"

    def items(self) -> list[tuple[str, str, str]]:
        return [(q.id, q.text, q.why) for q in self.library.questions_in(self.group_id)]

    def ids(self) -> list[str]:
        return [qid for qid, _, _ in self.items()]

    def build(self, page: Page) -> None:
        page.add("A number picks a question or takes it off your list. [x] means picked.")
        page.blank()
        for qid, text, why in self.items():
            entry = self.store.entry(qid)
            extra = [f"Why ask: {why}"] if why else []
            if entry["note"]:
                extra.append(f"Note: {entry['note']}")
            page.choice(question_line(text, entry), lambda q=qid: self.pick(q), extra)
        if not page.choices:
            page.add("You have not added any questions of your own yet. Type a to add one.")


class OwnQuestionsScreen(GroupScreen):
    NAME = "My own questions"
    KEYS = commands.plain("own")

    def title(self) -> str:
        return self.NAME

    def items(self) -> list[tuple[str, str, str]]:
        return [(qid, text, "") for qid, text in self.store.own_questions()]

    def remove(self, arg: str) -> bool | None:
        qid = self._which(arg)
        if qid is None:
            return None
        text = actions.question_text(self.session, qid)
        sure = self.shell.ask(f'Delete your question "{text}"? Type y for yes [default: no]:')
        if (sure or "").lower() not in ("y", "yes"):
            self.say(actions.KEPT)
            return None
        self.tell(actions.remove_own(self.session, qid))
        return True


class MyListScreen(QuestionActions):
    NAME = "My list"
    KEYS = commands.plain("mylist")

    def ids(self) -> list[str]:
        return [item.id for item in my_list(self.library, self.store)]

    def build(self, page: Page) -> None:
        page.lines.extend(render_lines(my_list(self.library, self.store), page.width))
        page.blank()
        page.add("The numbers above work with the letters: k 1 marks question 1 as asked.")

    def doctor(self, _arg: str) -> None:
        from metanav.core.printing import doctor_lines

        for line in doctor_lines(my_list(self.library, self.store)):
            self.say(line)

    def print_list(self, _arg: str) -> None:
        self.tell(actions.print_list(self.session))


# --------------------------------------------------------------------------------------------
# Topic
# --------------------------------------------------------------------------------------------
class TopicScreen(QuestionActions):
    NAME = "A topic"
    NUMBERS = "add a question to your list (or take it off), or open a resource or topic"
    KEYS = commands.plain("topic")

    def __init__(self, shell, topic_id: str = ""):
        super().__init__(shell)
        self.topic = self.library.topics[topic_id]

    def title(self) -> str:
        mark = " (bookmarked)" if self.store.is_bookmarked("topic", self.topic.id) else ""
        return f"{self.topic.title}{mark}"

    def build(self, page: Page) -> None:
        topic, library = self.topic, self.library
        page.add(topic.summary)
        for section in topic.sections:
            page.blank()
            page.add(section.heading)
            if section.applies_to:
                page.add(f"This part is about {section.applies_to}.")
            page.lines.extend(block_lines(section.blocks, page.width))
        page.blank()
        page.add("Sources:")
        for source in topic.sources:
            words = source.organisation + (f': "{source.page}"' if source.page else "")
            page.add(words + (f" {source.url}" if source.url else ""), "- ", "  ")
        for words in checked_words(topic):
            page.add(words)
        page.blank()
        page.add(CARE_TEAM_NOTE)
        questions = [q for q in topic.questions if q in library.questions]
        if questions:
            page.blank()
            page.add("Questions you could ask (a number adds it to your list, or takes it off):")
            for qid in questions:
                page.choice(question_line(library.questions[qid].text, self.store.entry(qid)),
                            lambda q=qid: self.pick(q))
        resources = [library.resources[r] for r in topic.resources if r in library.resources]
        if resources:
            page.blank()
            page.add("Support resources:")
            for res in resources:
                page.choice(f"{res.name} - {res.organisation}",
                            lambda r=res.id: self.shell.open(ResourceScreen(self.shell, r)))
        topics = [library.topics[t] for t in topic.related_topics if t in library.topics]
        if topics:
            page.blank()
            page.add("Related topics:")
            for other in topics:
                page.choice(other.title,
                            lambda t=other.id: self.shell.open(TopicScreen(self.shell, t)))

    def bookmark(self, _arg: str) -> None:
        self.tell(actions.toggle_bookmark(self.session, "topic", self.topic.id))


# --------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------
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
        page.label("Name", res.name)
        page.label("Organisation", res.organisation)
        page.label("Kind", res.kind_words)
        page.label("Language", res.language_name)
        if res.url:
            page.label("Web address", res.url)
        if res.phone:
            page.label("Phone", res.phone + (f" ({res.phone_note})" if res.phone_note else ""))
        page.label("About", res.description)
        page.label("Bookmarked", "yes" if self.store.is_bookmarked("resource", res.id) else "no")
        topics = [self.library.topics[t] for t in res.topics if t in self.library.topics]
        if topics:
            page.blank()
            page.add("Topics about this:")
            for topic in topics:
                page.choice(topic.title,
                            lambda t=topic.id: self.shell.open(TopicScreen(self.shell, t)))

    def bookmark(self, _arg: str) -> None:
        bookmark_resource(self, self.resource)


# --------------------------------------------------------------------------------------------
# Bookmarks
# --------------------------------------------------------------------------------------------
class BookmarksScreen(Screen):
    NAME = "Bookmarks"
    NUMBERS = "open a bookmarked topic or resource"
    KEYS = commands.plain("bookmarks")

    def _describe(self, kind: str, item_id: str) -> tuple[str, Callable[[], Screen] | None]:
        if kind == "topic" and item_id in self.library.topics:
            return f"Topic: {self.library.topics[item_id].title}", lambda: TopicScreen(
                self.shell, item_id)
        if kind == "resource" and item_id in self.library.resources:
            return f"Resource: {self.library.resources[item_id].name}", lambda: ResourceScreen(
                self.shell, item_id)
        return f"A {kind} that is no longer in metanav ({item_id})", None

    def build(self, page: Page) -> None:
        marks = self.store.bookmarks()
        if not marks:
            page.add("No bookmarks yet. On a topic or a resource, b bookmarks it.")
            return
        page.add(f"{plural(len(marks), 'bookmark')}.")
        page.blank()
        for kind, item_id in marks:
            words, make = self._describe(kind, item_id)
            page.choice(words, self._opener(make))

    def _opener(self, make: Callable[[], Screen] | None) -> Action:
        def go() -> None:
            if make is None:
                self.say("That is no longer in metanav. d and its number removes the bookmark.")
            else:
                self.shell.open(make())

        return go

    def remove(self, arg: str) -> bool | None:
        marks = self.store.bookmarks()
        index = self.which(arg, len(marks), "bookmark")
        if index is None:
            return None
        kind, item_id = marks[index]
        self.tell(actions.remove_bookmark(self.session, kind, item_id))
        return True


# --------------------------------------------------------------------------------------------
# Help
# --------------------------------------------------------------------------------------------
class Help(Screen):
    NAME = "Help"

    def build(self, page: Page) -> None:
        def item(text: str) -> None:
            page.add(text, "- ", "  ")

        page.add("How plain mode works:")
        item("Type a number or a letter, then press Enter. Enter alone takes the default shown "
             "in [brackets]; on most screens that goes back.")
        item("Letters that act on one item take its number: t 3 marks question 3 as most "
             "important. Without a number, metanav asks which.")
        if self.session.kiosk:  # issue 5: a shared screen never quits
            item("Ctrl+D goes back one screen. On the home screen, Ctrl+D or q asks whether to "
                 "clear your session for the next person. Nothing you do here is kept.")
        else:
            item("Ctrl+D goes back one screen, and quits on the home screen. Ctrl+C quits.")
        if self.shell.term.paging:
            item("Long text stops at a line saying more: Enter goes on, q skips the rest.")
        for screen in SCREENS:
            page.blank()
            page.add(f"{screen.NAME}:")
            if screen.NUMBERS:
                item(f"a number: {screen.NUMBERS}")
            for key in screen.KEYS:
                item(f"{key.letter}: {key.plain_help}")
        page.blank()
        page.add("Everywhere:")
        for key in GLOBAL_KEYS:
            item(f"{key.letter}: {key.plain_help}")


SCREENS: tuple[type[Screen], ...] = (
    Home, TopicGroup, TopicScreen, QuestionsScreen, GroupScreen, OwnQuestionsScreen, MyListScreen,
    ResourcesScreen, ResourceScreen, BookmarksScreen,
)
