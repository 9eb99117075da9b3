"""Helpers for driving the full-screen app with Textual's Pilot."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from metanav.content.load import load_library
from metanav.content.model import Library
from metanav.session import Policy, Session
from metanav.state.store import Store


@lru_cache(maxsize=1)
def bundled_library() -> Library:
    return load_library()


def make_session(state_dir: Path | None, library: Library | None = None, **kwargs) -> Session:
    store = Store.open(state_dir) if state_dir is not None else Store.memory()
    return Session(
        library=library or bundled_library(), store=store, policy=kwargs.pop("policy", Policy()), **kwargs
    )


def make_app(state_dir: Path | None, library: Library | None = None, **kwargs):
    from metanav.tui.app import MetanavApp

    return MetanavApp(make_session(state_dir, library, **kwargs))


def screen_text(app) -> str:
    """Everything on the screen now, as plain text lines (what a person sees)."""
    from metanav.tui.textual_internals import screen_lines

    return "\n".join(screen_lines(app.screen))


def status(app) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#status", Static).render()).strip()


def home_keys(name: str, library: Library | None = None) -> list[str]:
    """The keys that open a home item (its number, then Enter), from the content's groups:
    "questions", "resources", "bookmarks", "help", or a topic id (its group, then the topic)."""
    from plain_helpers import home_numbers

    keys: list[str] = []
    for number in str(home_numbers(library or bundled_library())[name]).split("\n"):
        keys += [*number, "enter"]
    return keys


async def open_from_home(pilot, name: str, library: Library | None = None) -> None:
    """Open a home item by its number, as a person would (waiting out the two-digit timer)."""
    keys = home_keys(name, library)
    for key in keys:
        if key == "enter":
            await pilot.pause(0.9)
        await pilot.press(key)


async def open_my_list(app, pilot) -> None:
    """The questions screen, then s: My list."""
    app.open_questions()
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()


async def wait_for(pilot, condition, seconds: float = 3.0) -> None:
    """Let the app's timers run until ``condition()`` holds (bounded)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    assert condition()
