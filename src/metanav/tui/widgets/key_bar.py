"""KeyBar: the keys that work now, on the bottom line, drawn as one piece of text.

Textual's Footer builds a widget for every key and rebuilds them all whenever focus moves,
which costs about half of the time it takes to open a screen, and draws the keys a frame
later than the rest of it. KeyBar reads the same active bindings when it is painted, so the
keys arrive in the same frame as the screen and a focus change repaints one line.

- Keys are written in words (`Backspace Back  ? Help`, `Ctrl+K Kind`, core/commands.py), so a
  screen reader says them as they are meant; with the screen-reader setting, `?` and `/`
  are written out too (a reader drops one and says "slash" for the other).
- Disabled keys (``check_action`` returns None) are shown dimmed and in brackets, so the
  difference does not rest on colour alone; hidden ones (False) are left out.
- The keys of this screen come first, then Get help now, then Back, Help (and Done in a
  kiosk), always in that order. When the line is too narrow, keys are dropped from the right
  (Get help now first, so a screen's own keys keep their place), but Back, Help and Done
  always stay: Help lists every key.
- A screen may let some of those go last (``KEY_BAR_SPARE``): the language choice, whose
  words are in both languages, keeps Help and Done at 40 columns and lets Back go.
- A click on a key presses it.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

from metanav.core.commands import first_key_in_words
from metanav.i18n import _

# Actions that stay on the bar however narrow the screen is, in this order at its end.
STICKY = ("back", "help", "done")
# Shown just before them when there is room (issue 11: one key from every screen).
BEFORE_STICKY = ("get_help_now",)
# Keys of every screen shown after the screen's own, so a full line drops them first (the
# other language before Search: "i Español" is how someone who reads only Spanish finds it).
LATE = ("switch_language", "search")
_DIM = Style(dim=True)
_PLAIN = Style()


class KeyBar(Widget, can_focus=False):
    """One line of the keys that work on this screen now."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each key drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def shown_bindings(self) -> list[tuple[Binding, bool]]:
        """(binding, enabled) for each action to show, first key of each action only."""
        seen: set[str] = set()
        shown: list[tuple[Binding, bool]] = []
        for binding, enabled in self._bindings_now():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled))
        sticky = [b for name in STICKY for b in shown if _action_name(b[0]) == name]
        before = [b for name in BEFORE_STICKY for b in shown if _action_name(b[0]) == name]
        late = [b for name in LATE for b in shown
                if _action_name(b[0]) == name and b not in sticky + before]
        rest = [b for b in shown if b not in sticky and b not in before and b not in late]
        return rest + late + before + sticky

    def _bindings_now(self):
        """The keys that work now: those of the part with focus first, then the screen's.

        With the screen-reader setting, the screen's own keys whatever has focus: a line that
        changed as focus moved was read out instead of the item focus moved to.
        """
        screen = self.screen
        if not getattr(self.app, "screen_reader", False):
            for _namespace, binding, enabled, _tooltip in screen.active_bindings.values():
                yield binding, enabled
            return
        for node in (screen, self.app):
            for key_bindings in node._bindings.key_to_bindings.values():  # noqa: SLF001
                for binding in key_bindings:
                    if not binding.show:
                        continue
                    allowed = node.check_action(binding.action, ())
                    if allowed is not False:
                        yield binding, bool(allowed)

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        words_style = self.get_component_rich_style("key-bar--description")
        pieces: list[tuple[str, str, str, bool, bool]] = []  # key shown, words, key, on, sticky
        spoken = bool(getattr(self.app, "screen_reader", False))
        names: list[str] = []
        for binding, enabled in self.shown_bindings():
            names.append(_action_name(binding))
            says = getattr(self.screen, "binding_words", None)  # words that follow the state
            words = (says(binding) if says else None) or _(binding.description)
            words = words if enabled else f"({words})"
            other = getattr(self.screen, "binding_key", None)  # a key that works here
            shown_key = first_key_in_words((other and other(binding)) or binding.key,
                                           binding.key_display or "", spoken)
            pieces.append((shown_key, words, binding.key, enabled,
                           _action_name(binding) in STICKY))
        width = self.size.width or 80

        # Keys in words take room: when they do not fit, the gaps close up first (one space
        # after each description instead of two), and only then are keys dropped.
        gap = " "

        def length(items) -> int:
            return sum(cell_len(f" {k} {w}{gap}") for k, w, *_ in items)

        if length(pieces) > width:
            gap = ""
        lost = False  # a key of the screen's own did not fit (not only Search or Get help now)
        while length(pieces) > width and any(not p[4] for p in pieces):
            drop = max(i for i, p in enumerate(pieces) if not p[4])
            lost = lost or names[drop] not in LATE + BEFORE_STICKY
            del pieces[drop], names[drop]
        spare = getattr(self.screen, "KEY_BAR_SPARE", ())
        while length(pieces) > width and any(name in spare for name in names):
            drop = max(i for i, name in enumerate(names) if name in spare)
            del pieces[drop], names[drop]
        if lost:  # "? More" (as long as "? Help") says that help lists the keys not shown
            pieces = [(k, _("More") if name == "help" else w, key, on, sticky)
                      for (k, w, key, on, sticky), name in zip(pieces, names, strict=True)]

        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for shown_key, words, key, enabled, _sticky in pieces:
            start = text.cell_len
            dim = _DIM if not enabled else _PLAIN
            text.append(f" {shown_key} ", key_style + dim)
            text.append(f"{words}{gap}", words_style + dim)
            if enabled:
                self._spans.append((start, text.cell_len, key))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return


def _action_name(binding: Binding) -> str:
    return binding.action.rsplit(".", 1)[-1]

