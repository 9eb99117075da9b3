"""Choice: one setting and its value on one line, such as "Kind: Any kind".

It stands in for Textual's Select, which is five widgets with a hidden option list each and
made the resources screen slow to open. Left and Right step through the values; Enter,
Space or a click opens a dialog listing all of them (ChoicePicker).
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from metanav.i18n import _
from metanav.tui import bindings


class Choice(Widget, can_focus=True):
    """A label and the chosen value; ``options`` are (words shown, value) pairs."""

    BINDINGS = bindings.CHOICE

    DEFAULT_CSS = """
    Choice {
        width: 1fr;
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    class Changed(Message):
        """The value changed (by a key, a click or the list)."""

        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(self, label: str, options: list[tuple[str, str]], value: str = "", *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.options = list(options)
        self._value = value if value in self.values else self.values[0]

    @property
    def values(self) -> list[str]:
        return [value for _, value in self.options]

    @property
    def value(self) -> str:
        return self._value

    @value.setter
    def value(self, value: str) -> None:
        if value not in self.values or value == self._value:
            return
        self._value = value
        self.refresh()
        self.post_message(self.Changed(self, value))

    @property
    def words(self) -> str:
        return next(words for words, value in self.options if value == self._value)

    def render(self) -> Content:
        return Content(f"{self.label}: {self.words}")

    def action_step(self, delta: int) -> None:
        values = self.values
        self.value = values[(values.index(self._value) + delta) % len(values)]

    def action_pick(self) -> None:
        from metanav.tui.screens.prompt import ChoicePicker

        def chosen(value: str | None) -> None:
            if value is not None:
                self.value = value

        title = _("Choose a {what}").format(what=self.label.lower())
        self.app.push_screen(ChoicePicker(title, self.options, self._value), chosen)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_pick()
