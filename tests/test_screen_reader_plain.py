"""What a screen reader needs from plain mode and the kiosk (issue 13).

Plain mode: coming back to a screen is short (r reads it all), q at "more" still lists the
choices, a long topic pauses where a part ends, prompts leave room for the answer and start on
the terminal's last line. A kiosk nobody uses stays quiet after a reset. (The full screen:
test_screen_reader.py and test_screen_reader_pty.py.)
"""

from __future__ import annotations

import io

from metanav.content.search import ResourceFilter, filter_resources
from metanav.kiosk import IdleWatch
from metanav.plain.shell import READ_ALL, Shell
from metanav.plain.term import ANSWER_ROOM, MORE, Term
from metanav.session import Session
from metanav.state.store import Store
from tui_helpers import bundled_library


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


def test_q_at_more_still_lists_the_choices_under_their_headings():
    """q at "more" skips the text, not the choices: each under its heading, so a reader can
    tell a question to pick from a resource or a topic ("3. What is Metastasis?")."""
    topic = next(iter(bundled_library().topics.values()))
    lib = bundled_library()
    out = plain_run([*first_topic_keys(), "q", "q"])
    assert MORE == "More: Enter to go on, q to stop."
    assert MORE in out
    listed = [line for line in out.split(MORE, 1)[1].split("\nChoose 1 to ")[0].splitlines()
              if line.strip()]
    first_question = lib.questions[topic.questions[0]].text
    assert listed[0].strip().startswith("Questions you could ask (a number adds it to your list")
    assert listed[1].startswith(f"1. {first_question.split(' ')[0]}")
    resources = listed.index("Support resources:")
    assert listed[resources + 1] == f"{len(topic.questions) + 1}. {lib.resources[topic.resources[0]].name}"
    related = listed.index("Related topics:")
    assert listed[related + 1].endswith(lib.topics[topic.related_topics[0]].title)
    assert "Not picked" not in out


def test_a_prompt_heard_again_names_only_g_and_h_until_a_wrong_answer():
    """A reader reads the prompt each time, and the answered prompt's line again: the long
    list of letters is said once per full showing of a screen, and after a wrong answer. A
    topic names get help now and help, and no other letter every screen has."""
    out = plain_run([*first_topic_keys(), "q", "b", "b", "zz", "q"])
    prompts = [" ".join(p.split()) for p in
               " ".join(out.split(MORE, 1)[1].split("\n")).split("]: ")[:-1]]
    first, again, again2, after_wrong = prompts[-4:]
    assert first.endswith("b to bookmark, g to get help now, h for help [default: back")
    assert "i for Español" not in first and "q to quit" not in first
    for short in (again, again2):
        assert short.split(". ")[-1].startswith("Choose 1 to ")
        assert short.endswith("g to get help now, h for help [default: back")
        assert "b to bookmark" not in short
    assert "b to bookmark" in after_wrong


def test_away_from_home_a_prompt_names_the_screen_s_letters_and_h_alone():
    """Every word of a prompt is heard after every answer: away from home (and a topic) a
    prompt names the screen's own letters and h for help. Home names every letter, and help
    starts with g."""
    from plain_helpers import home_numbers

    numbers = home_numbers(bundled_library())
    out = plain_run([str(numbers["questions"]), "1", "", "", "m", "r", "q"])
    flat = " ".join(out.split())
    questions = flat.split("Questions for your doctor", 2)[2]
    assert "e to save it to a file, h for help [default: back]:" in questions
    group = flat.split("Questions: ", 1)[1]
    assert "s to show my list, h for help [default: back]:" in group
    for away in (questions.split("[default: back]:")[0], group.split("[default: back]:")[0]):
        assert "g to get help now" not in away and "i for Español" not in away
    home_again = flat.rsplit("metanav: Home", 1)[1]
    assert "g to get help now, h for help, / to search, q to quit, i for Español" in home_again


def test_a_filter_shows_the_count_and_ten_names_with_the_short_prompt():
    """Typing words on resources shows the same screen again: the count, then the names ten
    at a time, and the prompt names only h (its letters were just heard). The language key
    and r name them all again."""
    from plain_helpers import home_numbers

    lib = bundled_library()
    found = len(filter_resources(lib, ResourceFilter(text="spanish")))
    assert found > 10
    out = plain_run([str(home_numbers(lib)["resources"]), "q", "spanish", "", "i", "q", "q"])
    filtered = out.split('Filter: words "spanish".\n', 1)[1].split("[default: back]:", 1)[0]
    first, rest = filtered.split(MORE, 1)
    assert [line.split(". ")[0] for line in first.split("\n") if line] == [
        str(n) for n in range(1, 11)]
    assert " ".join(rest.split()).startswith("11. ")
    assert " ".join(filtered.split()).endswith(f"Choose 1 to {found}, h for help")
    spanish = out.split("Filtro: palabras", 1)[1].split("[predeterminado: atrás]:", 1)[0]
    assert "f para buscar palabras" in spanish  # every letter again, in the new words


def test_a_choice_typed_at_more_is_acted_on_without_the_prompt_read_again():
    """b typed at "more" bookmarks: the question comes at once, the prompt is not written
    (a reader read it out again: "Choose 1 to 19, h for help, default: back: b")."""
    from plain_helpers import home_numbers

    lib = bundled_library()
    out = plain_run([str(home_numbers(lib)["resources"]), "q", "spanish", "b", "1", "q", "q"])
    after_more = out.split('Filter: words "spanish".\n', 1)[1].split(MORE, 1)[1]
    assert after_more.split("\n", 1)[1].startswith("Which resource? Type its number")
    assert "Bookmarked: " in after_more


def test_a_long_topic_pauses_where_a_part_ends_not_in_a_sentence():
    """A reader hears the first part whole, then "more": the page does not stop in the
    middle of the next part's sentence (it did: "It may appear while they are having")."""
    topic = next(iter(bundled_library().topics.values()))
    out = plain_run([*first_topic_keys(), "", "q", "q"])
    first, rest = out.split(f"\n{topic.title}\n", 1)[1].split(MORE, 1)
    assert first.endswith("\n\n")  # the end of a part, then its blank line
    assert len(first.splitlines()) < PagedTerm.height - 2  # (it would have gone on)
    headings = [section.heading for section in topic.sections]
    next_line = rest.split("\n", 1)[0].strip()  # after "more " (a script's Enter is not echoed)
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


def test_help_starts_with_the_screen_it_was_asked_on_and_get_help_now_then_more():
    """Help's first page is g (get help now) and the screen it was asked on; "more" comes
    before how plain mode works, the letters of every screen and the other screens."""
    from plain_helpers import home_numbers

    out = plain_run([str(home_numbers(bundled_library())["resources"]), "h", *[""] * 6])
    first, *rest = out.split("\nHelp\n", 1)[1].split(MORE)
    assert " ".join(first.split()).startswith(
        "g, on every screen: get help now: when to call 911, 988 or your care team right away"
        " Support resources: a number: open a resource")
    assert " ".join(first.split()).endswith("b: with a number (b 2): bookmark a resource, or "
                                            "remove the bookmark")
    assert "How plain mode works:" not in first
    headings = [line.strip() for line in "".join(rest).splitlines()
                if line.endswith(":") and not line.startswith("-")]
    assert headings[:2] == ["How plain mode works:", "Everywhere:"]
    assert "Home:" in headings and "Bookmarks:" in headings  # the other screens follow
    assert "Support resources:" not in headings  # (said once)


def test_help_from_home_starts_with_home_and_a_script_gets_all_of_help_at_once():
    out = plain_run(["h", *[""] * 6])
    first = out.split("\nHelp\n", 1)[1].split(MORE)[0]
    assert first.lstrip().startswith("g, on every screen:") and "\nHome:\n" in first
    session = Session(library=bundled_library(), store=Store.memory())
    term = Term(io.StringIO("h\nq\nq\n"), io.StringIO())  # piped: no "more"
    Shell(session, term).run()
    text = term.stdout.getvalue().split("\nHelp\n", 1)[1]
    assert MORE not in text and "How plain mode works:" in text and "Everywhere:" in text


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


def test_a_heading_is_never_the_last_line_before_more():
    """At 40x20 a resource's page stopped after "Topics about this:", its list after "more":
    a reader heard a heading, then "More". The heading now starts the next page."""
    from plain_helpers import home_numbers

    class Narrow(PagedTerm):
        height, width = 20, 40

    lib = bundled_library()
    for number in range(1, len(lib.resources) + 1):
        term = Narrow([str(home_numbers(lib)["resources"]), str(number), "", "q", "q", "q"])
        Shell(Session(library=lib, store=Store.memory()), term).run()
        out = term.stdout.getvalue()
        for page in out.split(MORE)[:-1]:
            last = [line for line in page.splitlines() if line.strip()][-1]
            assert last != "Topics about this:", number


def test_a_filter_that_finds_nothing_names_the_way_out():
    """After words that match nothing, the short prompt said only "Type h for help": the way
    back to the list (c) is named again, in both languages."""
    from plain_helpers import home_numbers

    resources = str(home_numbers(bundled_library())["resources"])
    out = plain_run([resources, "q", "zzqx", "c", "q", "q"])
    nothing = " ".join(out.split("zzqx", 2)[2].split())  # the screen after the words
    assert "Type c to clear filters, h for help [default: back]:" in nothing
    assert "31 resources match." in out.split("zzqx", 2)[2]
    filtered = plain_run([resources, "q", "spanish", "q", "q"])
    assert "c to clear filters" not in filtered.split('Filter: words "spanish"', 1)[1]
