"""What a screen reader needs (issue 13), locked with ordinary tests.

A terminal screen reader (Fenrir, the console readers) reads the rows whose text changed, and
the row the terminal cursor moved to. So: a move changes no row's text (the highlight is
attributes only) and puts the cursor on the new item; nothing on the rows it reads is glyph
noise with the screen-reader setting; keys are written in words; Back has a key screen
readers leave alone. Plain mode: coming back to a screen is short, and q at "more" still
lists the choices. A kiosk nobody uses stays quiet after a reset.
``make a11y`` runs the real screen reader (../shared/tools/screenreader); these run in
``make test``.
"""

from __future__ import annotations

import io
import os
import pty
import select
import signal
import struct
import sys
import time

import pyte
import pytest

from metanav.content.search import ResourceFilter, filter_resources
from metanav.core.commands import key_name, keys_in_words
from metanav.kiosk import IdleWatch
from metanav.plain.shell import READ_ALL, Shell
from metanav.plain.term import ANSWER_ROOM, MORE, Term
from metanav.session import Session
from metanav.state.store import Store
from metanav.tui.screens.home import HomeScreen
from metanav.tui.screens.topic import TopicScreen
from metanav.tui.widgets.lean_list import LeanList
from metanav.tui.widgets.reading_view import ReadingView
from tui_helpers import bundled_library, make_app, screen_text, status

SIZE = (80, 24)
NOISE = [chr(c) for c in range(0x2500, 0x25A0)] + ["\u23ce", "\u2026"]  # boxes, blocks, ⏎, …


def rows(app) -> list[str]:
    return screen_text(app).split("\n")


# -- the full screen: a move changes only what the reader should read -------------------------
async def test_down_changes_no_text_and_puts_the_cursor_on_the_new_item(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = rows(app)
        home = app.screen.query_one(LeanList)
        await pilot.press("down")
        await pilot.pause()
        assert rows(app) == before  # the row left behind and the new one: same text
        assert home.highlighted_row.text.startswith("2. ")
        y = app.cursor_position.y
        assert home.highlighted_row.text[:40] in rows(app)[y]  # its first line


async def test_screen_reader_setting_leaves_no_glyphs_on_screen(tmp_path):
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for keys in ([], ["enter"], ["enter", "down", "down"], ["backspace", "backspace"],
                     ["resources", "tab", "tab", "tab"], ["question_mark"],
                     ["slash", "p", "a", "i", "n"], ["down"]):
            if keys[:1] == ["resources"]:
                app.open_resources()
                await pilot.pause()
                keys = keys[1:]
            await pilot.press(*keys)
            await pilot.pause(0.3)
            text = screen_text(app)
            found = [g for g in NOISE if g in text]
            assert not found, (keys, found, text)


async def test_with_the_setting_a_screen_opens_as_its_title_and_the_focused_item(tmp_path):
    """A console reader speaks every line of new text: with the setting, a list shows the rows
    its highlight has been on since the screen opened, so opening a screen is heard as its
    title and the focused item, and each move as the one new item."""
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen.query_one(LeanList)
        first, second = [r.text for r in home.rows if r.selectable][:2]
        text = screen_text(app)
        assert text.index("metanav") < text.index(first[:30])  # the title first
        assert second[:30] not in text  # and no other item
        await pilot.press("down")
        await pilot.pause()
        assert second[:30] in screen_text(app)  # the one a move lands on appears
        await pilot.press("up", "enter")  # away (to a topic) and back
        await pilot.pause()
        await pilot.press("backspace")
        await pilot.pause()
        text = screen_text(app)
        assert first[:30] in text and second[:30] not in text  # fresh: the focused item only
        app.open_questions()
        await pilot.pause()
        text = [line.strip() for line in rows(app) if line.strip()]
        assert text[0].startswith("Questions for your doctor")
        items = [line for line in text if "Not picked" in line]
        assert len(items) == 1 and items[0].startswith("1. ")


async def test_the_number_of_the_item_already_highlighted_says_it(tmp_path):
    """Nothing moved, so a screen reader said nothing: the status line says where you are."""
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen.query_one(LeanList)
        await pilot.press("2")
        await pilot.pause(1)  # past the wait for a second digit
        assert "You are on" not in status(app)  # a move: the new item is what is read
        await pilot.press("2")
        await pilot.pause()
        assert status(app) == f"You are on {home.highlighted_row.text}"
        assert home.highlighted_row.text.startswith("2. ")


async def test_the_setting_comes_from_the_option_and_ctrl_s_switches_and_remembers_it(tmp_path):
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen_reader
        await pilot.press("ctrl+s")
        assert not app.screen_reader
        assert "Screen-reader setting off" in status(app)
        await pilot.press("ctrl+s")
        assert app.screen_reader and "Ctrl+S turns it off" in status(app)
    again = make_app(tmp_path)  # nothing said on the command line: the saved setting
    async with again.run_test(size=SIZE):
        assert again.screen_reader


@pytest.mark.parametrize(("term", "queries"), [("linux", []), ("xterm-256color", ["2026", "2048"])])
def test_no_terminal_query_on_the_linux_console(monkeypatch, term, queries):
    """Fenrir's terminal showed a "p" for each of Textual's ``CSI ? n $ p`` queries, and said
    "pp" at start; the Linux console answers neither."""
    from metanav.tui.textual_internals.key_reader import GuardedDriver

    monkeypatch.setenv("TERM", term)
    driver = object.__new__(GuardedDriver)  # only the two methods: nothing else is set up
    written: list[str] = []
    driver.write, driver.flush, driver.input_tty = written.append, lambda: None, True
    driver._request_terminal_sync_mode_support()
    driver._query_in_band_window_resize()
    assert [text[3:7] for text in written] == queries
    assert all(text.endswith("$p") for text in written)


def test_option_and_environment(monkeypatch):
    from metanav.cli import build_parser, wants_screen_reader

    parser = build_parser()
    monkeypatch.delenv("METANAV_SCREEN_READER", raising=False)
    assert wants_screen_reader(parser.parse_args(["--screen-reader"])) is True
    assert wants_screen_reader(parser.parse_args([])) is None
    monkeypatch.setenv("METANAV_SCREEN_READER", "1")
    assert wants_screen_reader(parser.parse_args([])) is True
    monkeypatch.setenv("METANAV_SCREEN_READER", "0")
    assert wants_screen_reader(parser.parse_args([])) is False


async def test_backspace_goes_back_but_edits_a_text_box(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic(next(iter(bundled_library().topics)))
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        await pilot.press("backspace")
        assert isinstance(app.screen, HomeScreen)
        app.open_resources()
        await pilot.pause()
        await pilot.press("a", "b", "backspace")
        assert app.screen.query_one("#filter-text").value == "a"


async def test_opening_resources_puts_the_cursor_in_the_filter_box(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_resources()
        await pilot.pause()
        box = app.screen.query_one("#filter-text").content_region
        assert app.cursor_position.y == box.y
        assert box.x <= app.cursor_position.x < box.right


async def test_the_cursor_follows_a_topic_and_skips_blank_lines_for_a_reader(tmp_path):
    app = make_app(tmp_path, screen_reader=True)
    async with app.run_test(size=SIZE) as pilot:
        app.open_topic(next(iter(bundled_library().topics)))
        await pilot.pause()
        body = app.screen.query_one("#topic-body", ReadingView)
        region = body.scrollable_content_region
        assert app.cursor_position.y == region.y  # the first line when the text opens
        for _ in range(6):
            await pilot.press("down")
            await pilot.pause()
            assert app.cursor_position.y == region.bottom - 1  # the line Down brought in
            assert rows(app)[app.cursor_position.y].strip()  # never a blank line
        await pilot.press("up")
        await pilot.pause()
        assert app.cursor_position.y == region.y


async def test_keys_in_words_in_the_key_bar_and_help(tmp_path):
    assert key_name("ctrl+k") == "Ctrl+K" and key_name("question_mark", spoken=True) == "Question mark"
    assert keys_in_words("backspace,escape") == "Backspace or Escape"
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_resources()
        await pilot.pause()
        await pilot.press("tab", "tab", "tab")  # to the list
        bar = rows(app)[-1]
        assert "Ctrl+K Kind" in bar and "^k" not in bar and "\u23ce" not in bar
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "Backspace or Escape: Back" in text and "F2 or Ctrl+T" in text


def test_the_screen_reader_words_are_in_spanish_too():
    from metanav import i18n
    from metanav.core import actions

    session = Session(library=bundled_library(), store=Store.memory())
    try:
        i18n.set_language("es")
        assert key_name("question_mark", spoken=True) == "Signo de interrogación"
        assert key_name("slash", spoken=True) == "Barra"
        assert "Ctrl+S lo desactiva" in actions.set_screen_reader(session, True).words
        assert "Ctrl+S lo activa" in actions.set_screen_reader(session, False).words
    finally:
        i18n.set_language("en")


async def test_every_f_key_has_a_letter_or_ctrl_key():
    from metanav.core.commands import COMMANDS

    for command in COMMANDS.values():
        keys = command.key.split(",") if command.key else []
        if any(k.startswith("f") and k[1:].isdigit() for k in keys):
            assert [k for k in keys if not (k.startswith("f") and k[1:].isdigit())], command.id


async def test_question_states_are_words(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.open_questions()
        await pilot.pause()
        lst = app.screen.query_one(LeanList)
        assert lst.highlighted_row.text.startswith("1. Not picked: ")
        await pilot.press("space", "k")
        assert lst.highlighted_row.text.startswith("1. Picked, asked: ")
        assert "[x]" not in screen_text(app) and "[ ]" not in screen_text(app)


# -- the full screen through a real terminal: the bytes of a Down -----------------------------
def _run(tmp_path, keys: list[bytes], args: tuple[str, ...] = (), look=None,
         lnm: bool = False, reads: list | None = None,
         ) -> list[tuple[list[str], tuple[int, int], bytes]]:
    """metanav at 80x24 on a pty through pyte: (screen, cursor, bytes) after each key.
    ``look(screen)``, if given, is called after the first frame and after each key. ``lnm``:
    the terminal takes a line feed as a new line, as Fenrir's does. ``reads`` gets, for each
    key, a list of (bytes, cursor row) per read from the terminal, as a screen reader sees
    them arrive."""
    screen = pyte.Screen(80, 24)
    if lnm:
        screen.set_mode(pyte.modes.LNM)
    stream = pyte.ByteStream(screen)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "linux",
               "METANAV_STATE_DIR": str(tmp_path), "TEXTUAL_ANIMATIONS": "none",
               "METANAV_LANG": "en"}  # home first, not a first run's language choice
        os.execve(sys.executable, [sys.executable, "-m", "metanav", *args], env)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def drain(quiet: float) -> bytes:
        got, last, end = b"", time.monotonic(), time.monotonic() + 15
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.05)[0]:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    break
                got += data
                stream.feed(data)
                if reads:
                    reads[-1].append((data, screen.cursor.y))
                last = time.monotonic()
            elif time.monotonic() - last > quiet:
                break
        return got

    shots = []
    try:
        end = time.monotonic() + 20
        while time.monotonic() < end and not any("Help" in line for line in screen.display[-1:]):
            drain(0.5)  # until the first frame, key bar and all, is there
        drain(1.0)
        shots.append((list(screen.display), (screen.cursor.x, screen.cursor.y), b""))
        if look:
            look(screen, None)
        for key in keys:
            if reads is not None:
                reads.append([])
            os.write(fd, key)
            data = drain(0.5)
            shots.append((list(screen.display), (screen.cursor.x, screen.cursor.y), data))
            if look:
                look(screen, key)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return shots


@pytest.mark.slow
def test_a_down_through_the_terminal_rewrites_only_the_highlight(tmp_path):
    down = b"\x1b[B"
    shots = _run(tmp_path, [down, down])
    (start, cursor0, _), (one, cursor1, _), (two, cursor2, sent) = shots
    def row(lines, y):
        return lines[y].strip("\u2588 ")  # the focus bar of the focused list

    assert row(start, cursor0[1]).startswith("1. ")
    assert one == start and two == start  # no row's text changed
    assert cursor0[1] < cursor1[1] < cursor2[1]
    third = row(two, cursor2[1])
    assert third.startswith("3. ")
    # What was sent: the row left and the new row, nothing else with words in it.
    text = sent.decode("utf-8", "replace")
    assert third in text
    for other in (row(start, cursor0[1]), start[0].strip(), start[-1].strip()):
        assert other not in text


DOWN, ENTER, BACK = b"\x1b[B", b"\r", b"\x7f"


@pytest.mark.slow
def test_with_the_setting_no_cell_has_colours_or_bold_for_a_reader_to_announce(tmp_path):
    """Fenrir says "has attribute" whenever the colours under its cursor change (the study
    counted ~10): with the setting, every cell is in the terminal's own colours, so the
    focus is shown by the terminal's cursor alone. Through a terminal that takes a line feed
    as a new line (LNM), as Fenrir's own does, so what it reads is what is on the screen."""
    from plain_helpers import home_numbers

    questions = str(home_numbers(bundled_library())["questions"]).encode()
    seen: list[str] = []

    def look(screen, key):
        styled = {(x, y) for y in range(24) for x, c in screen.buffer[y].items()
                  if (c.fg, c.bg, c.bold, c.reverse, c.underscore) != ("default", "default",
                                                                     False, False, False)}
        assert not styled, (key, sorted(styled)[:5])
        seen.append(screen.display[screen.cursor.y])

    _run(tmp_path, [DOWN, DOWN, DOWN, ENTER, ENTER, DOWN, BACK, BACK, questions, ENTER, DOWN],
         args=("--screen-reader",), look=look, lnm=True)
    assert seen[1].strip().startswith("2. ")  # Down: the cursor's line is the new item
    assert seen[-1].strip().startswith("2. Not picked: ")  # the questions, read right


def test_the_study_steps_for_make_a11y_match_the_home_screen():
    """benchmarks/screenreader/*.py type home numbers: they must open what the study meant."""
    import runpy
    from pathlib import Path

    from metanav.core.views import topic_groups
    from plain_helpers import home_numbers

    lib = bundled_library()
    numbers = home_numbers(lib)
    first_topic = next(iter(topic_groups(lib).values()))[0].id  # the study's "topic 1"
    for face in ("tui", "plain"):
        steps = runpy.run_path(str(Path(__file__).parent.parent / "benchmarks" / "screenreader"
                                   / f"{face}.py"))
        assert steps["QUESTIONS"] == str(numbers["questions"]), face
        assert steps["RESOURCES"] == str(numbers["resources"]), face
        assert numbers[first_topic] == f"{steps['TOPIC_GROUP']}\n1", face


@pytest.mark.slow
def test_opening_a_topic_writes_its_title_first_with_the_cursor_already_on_its_text(tmp_path):
    """A reader speaks a new screen's text in screen order, title first, unless the cursor
    then moves on its own: then it stops and reads the cursor's line. So the cursor goes to
    the text in the same write as the screen, and no write after it moves it alone."""
    reads: list = []
    shots = _run(tmp_path, [ENTER], args=("--screen-reader",), reads=reads)
    screen, (x, y), sent = shots[-1]
    title = screen[0].strip()
    text = sent.decode("utf-8", "replace")
    assert title and text.index(title) < text.index(screen[y].strip()[:30])
    assert y > 0 and screen[y].strip()  # the cursor on the first line of the text
    first = next(i for i, (data, _) in enumerate(reads[0]) if title.encode() in data)
    assert {row for _, row in reads[0][first:]} == {y}


# -- plain mode ---------------------------------------------------------------------------------
class PagedTerm(Term):
    """A terminal that pages at 24 lines, fed from a script."""

    height = 24
    width = 80

    def __init__(self, answers: list[str]):
        super().__init__(io.StringIO("\n".join(answers) + "\n"), io.StringIO())
        self.paging = True
        self.typing = False


def first_topic_keys() -> list[str]:
    """What to type on home to open the first topic (its group, then its number)."""
    from plain_helpers import home_numbers

    lib = bundled_library()
    return str(home_numbers(lib)[next(iter(lib.topics))]).split("\n")


def plain_run(answers: list[str]) -> str:
    session = Session(library=bundled_library(), store=Store.memory())
    term = PagedTerm(answers)
    Shell(session, term).run()
    return term.stdout.getvalue()


def test_coming_back_is_title_summary_and_prompt_and_r_reads_it_all():
    out = plain_run([*first_topic_keys(), "q", "m", "r", "q"])
    homes = out.split("metanav: Home\n")
    assert len(homes) == 4  # the start, coming back, r
    back = homes[2]
    assert "groups of topics. Then Questions for your doctor" in back
    assert "Plain words about" not in back
    assert f", {READ_ALL}," in back
    assert "Plain words about" in homes[3]  # r: all of it again


def test_q_at_more_still_lists_the_choices():
    topic = next(iter(bundled_library().topics.values()))
    out = plain_run([*first_topic_keys(), "q", "q"])
    assert MORE == "More: Enter to go on, q to stop."
    assert MORE in out
    listed = out.split(MORE, 1)[1]
    first_question = bundled_library().questions[topic.questions[0]].text
    assert f"1. Not picked: {first_question.split()[0]}" in listed
    assert "Choose 1 to " in listed


def test_a_prompt_heard_again_names_only_g_and_h_until_a_wrong_answer():
    """A reader reads the prompt each time, and the answered prompt's line again: the long
    list of letters is said once per full showing of a screen, and after a wrong answer."""
    out = plain_run([*first_topic_keys(), "q", "b", "b", "zz", "q"])
    prompts = [" ".join(p.split()) for p in
               " ".join(out.split(MORE, 1)[1].split("\n")).split("]: ")[:-1]]
    first, again, again2, after_wrong = prompts[-4:]
    assert first.endswith("b to bookmark, g to get help now, h for help, i for Español [default: back")
    for short in (again, again2):
        assert short.split(". ")[-1].startswith("Choose 1 to ")
        assert "g to get help now, h for help" in short and "b to bookmark" not in short
    assert "b to bookmark" in after_wrong


def test_a_filter_shows_the_count_and_names_on_one_screen_with_the_short_prompt():
    """Typing words on resources shows the same screen again: the count, then the names, no
    "more" for the bundled list, and the prompt names only g, h and i (its letters were just
    heard). The language key and r name them all again."""
    from plain_helpers import home_numbers

    lib = bundled_library()
    found = len(filter_resources(lib, ResourceFilter(text="spanish")))
    out = plain_run([str(home_numbers(lib)["resources"]), "q", "spanish", "i", "q", "q"])
    filtered = out.split('Filter: words "spanish".\n', 1)[1].split("[default: back]:", 1)[0]
    assert MORE not in filtered and filtered.count("\n") in (found, found + 1)  # (the prompt)
    assert " ".join(filtered.split()).endswith(
        f"Choose 1 to {found}, g to get help now, h for help, i for Español")
    spanish = out.split("Filtro: palabras", 1)[1].split("[predeterminado: atrás]:", 1)[0]
    assert "f para buscar palabras" in spanish  # every letter again, in the new words


def test_a_long_topic_pauses_where_a_part_ends_not_in_a_sentence():
    """A reader hears the first part whole, then "more": the page does not stop in the
    middle of the next part's sentence (it did: "It may appear while they are having")."""
    topic = next(iter(bundled_library().topics.values()))
    out = plain_run([*first_topic_keys(), "", "q", "q"])
    first, rest = out.split(f"\n{topic.title}\n", 1)[1].split(MORE, 1)
    assert first.endswith("\n\n")  # the end of a part, then its blank line
    assert len(first.splitlines()) < PagedTerm.height - 2  # (it would have gone on)
    headings = [section.heading for section in topic.sections]
    next_line = rest.split("\n", 1)[0]  # after "more" (a script's Enter is not echoed)
    assert next_line in headings, next_line


def test_paging_keeps_a_part_whole_when_it_fits_a_page():
    term = PagedTerm([""] * 3)
    lines = [f"line {n}" for n in range(30)]
    term.page(lines, 20, parts=[10, 15])
    pages = term.stdout.getvalue().split(MORE)
    assert pages[0].splitlines()[-1] == "line 14"  # 15-29 would not fit what is left
    assert pages[1].splitlines()[0].endswith("line 15") or pages[1].startswith("line 15")
    term = PagedTerm([""] * 3)
    term.page(lines, 20, parts=[2])  # a part longer than a page starts where it comes
    assert term.stdout.getvalue().split(MORE)[0].splitlines()[-1] == "line 22"


def test_help_starts_with_how_it_works_then_the_screen_it_was_asked_on():
    from plain_helpers import home_numbers

    out = plain_run([str(home_numbers(bundled_library())["resources"]), "h", *[""] * 6])
    headings = [line for line in out.split("\nHelp\n", 1)[1].replace(MORE, "").splitlines()
                if line.endswith(":") and not line.startswith("-")]
    assert headings[:3] == ["How plain mode works:", "Support resources:", "Everywhere:"]
    assert "Home:" in headings and "Bookmarks:" in headings  # the other screens follow


def test_a_prompt_leaves_room_for_the_answer_on_its_line():
    """Typed to the terminal's edge, an answer wrapped ("spa", "nish") and the cursor's new
    line made a reader say the prompt again."""
    from plain_helpers import home_numbers

    out = plain_run([str(home_numbers(bundled_library())["resources"]), "q", "spanish", "b",
                     "1", "q"])
    answered = [line for line in out.splitlines() if line.endswith(("]: spanish", "cancel): 1"))]
    assert len(answered) == 2
    assert all(len(line) - len(line.rsplit(": ", 1)[1]) + ANSWER_ROOM <= PagedTerm.width
               for line in answered)


def test_plain_mode_starts_on_the_terminal_last_line_in_one_write():
    """Blank lines first, sent with the first text: every prompt is then on the last line,
    and a reader's cursor never lands on an empty line when an answer's line feed comes."""
    class Writes(io.StringIO):
        def __init__(self):
            super().__init__()
            self.writes = []

        def write(self, text):
            self.writes.append(text)
            return super().write(text)

    term = Term(io.StringIO(""), Writes())
    term.paging = True
    term.start_at_bottom()
    assert term.stdout.writes == []
    term.say("metanav: Home")
    assert term.stdout.writes[0] == "\n" * (term.height - 1) + "metanav: Home\n"


# -- kiosk: an empty kiosk stays quiet ----------------------------------------------------------
def test_after_a_reset_nothing_counts_down_until_a_key():
    now = [0.0]
    watch = IdleWatch(10, 5, lambda: now[0])
    now[0] = 12
    assert watch.state()[0] == "warning"
    watch.rest()  # the reset
    now[0] = 10_000
    assert watch.state() == ("active", 0)
    watch.touch()  # somebody
    now[0] += 11
    assert watch.state()[0] == "warning"
