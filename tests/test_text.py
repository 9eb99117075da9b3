"""The one sanitiser, section text parsing and wrapping (content/text.py)."""

from __future__ import annotations

import re

import pytest

from metanav.content.text import Block, block_lines, clean, clean_line, parse_blocks, wrap

C0_KEPT = {"\t", "\n"}
C0_DROPPED = [chr(c) for c in range(0x20) if chr(c) not in C0_KEPT | {"\r"}]
C1 = [chr(c) for c in range(0x80, 0xA0)]
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# --------------------------------------------------------------------------------------------
# clean()
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("char", C0_DROPPED, ids=lambda c: f"U+{ord(c):04X}")
def test_clean_drops_c0_controls(char):
    assert clean(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", C1, ids=lambda c: f"U+{ord(c):04X}")
def test_clean_drops_c1_controls(char):
    assert clean(f"a{char}b") == "ab"


def test_clean_drops_del_and_one_byte_csi():
    assert clean("a\x7fb") == "ab"
    assert clean("\x9b2Jcleared") == "2Jcleared"


def test_clean_turns_bytes_that_were_not_utf8_into_a_replacement_character():
    # An argument, a file name or a pipe with a raw \x9b byte reaches Python as a lone
    # surrogate; written back out (surrogateescape) it is the byte again: a one-byte CSI.
    assert clean("\udc9b31mred caf\udce9") == "\ufffd31mred caf\ufffd"
    clean("\ud800\udfff").encode("utf-8")  # strict: nothing unencodable is left


def test_clean_keeps_newline_and_tab_and_turns_cr_into_newline():
    assert clean("one\ttwo\nthree") == "one\ttwo\nthree"
    assert clean("one\r\ntwo\rthree") == "one\ntwo\nthree"


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "[31mred[0m"),  # colour: ESC gone, the rest is inert text
        ("\x1b[2J\x1b[Hwiped", "[2J[Hwiped"),  # clear screen, cursor home
        ("\x1b]0;pwned\x07title", "]0;pwnedtitle"),  # set the window title (OSC ... BEL)
        ("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\", "]8;;https://evil.example\\link]8;;\\"),
        ("\x1bPq#0;2;0;0;0\x1b\\", "Pq#0;2;0;0;0\\"),  # DCS (sixel)
        ("\x9b31mred", "31mred"),  # one-byte CSI
        ("\x1bcreset", "creset"),  # full terminal reset
    ],
)
def test_clean_makes_escape_sequences_inert(hostile, shown):
    result = clean(hostile)
    assert result == shown
    assert "\x1b" not in result and not UNSAFE.search(result)


def test_clean_leaves_nothing_unsafe_in_any_code_point():
    every = "".join(chr(c) for c in range(0x3000))
    result = clean(every)
    assert not UNSAFE.search(result)
    assert "\n" in result and "\t" in result
    assert "é" in result and "[" in result


@pytest.mark.parametrize(
    "markup",
    [
        "[@click=app.quit]Quit[/]",
        "[link=https://evil.example]click[/link]",
        "[bold red]loud[/bold red]",
        "<script>alert(1)</script>",
    ],
)
def test_clean_leaves_markup_characters_literally(markup):
    assert clean(markup) == markup
    assert clean_line(markup) == markup


def test_clean_drops_bidi_overrides_and_zero_width():
    assert clean("abc\u202edcba\u2066x\u2069\u200by\ufeff") == "abcdcbaxy"


def test_clean_normalises_to_nfc_and_handles_none_and_numbers():
    assert clean("cafe\u0301") == "caf\u00e9"
    assert clean(None) == ""
    assert clean(42) == "42"


def test_clean_line_folds_whitespace():
    assert clean_line("  one\n\ttwo \r\n three  ") == "one two three"
    assert clean_line("a\x1b[2Jb") == "a[2Jb"


# --------------------------------------------------------------------------------------------
# parse_blocks()
# --------------------------------------------------------------------------------------------
def test_paragraphs_are_split_on_blank_lines_and_lines_joined():
    text = "Cancer cells can\nbreak away.\n\n  They travel\n  in the blood.\n"
    assert parse_blocks(text) == (
        Block("paragraph", ("Cancer cells can break away.",)),
        Block("paragraph", ("They travel in the blood.",)),
    )


def test_bullets_form_one_list():
    assert parse_blocks("- liver\n- lungs\n- bones") == (
        Block("bullets", ("liver", "lungs", "bones")),
    )


def test_indented_lines_continue_a_bullet():
    text = "- first item\n  goes on here\n    and here\n- second"
    assert parse_blocks(text) == (
        Block("bullets", ("first item goes on here and here", "second")),
    )


def test_paragraph_then_bullets_then_paragraph_without_blank_lines():
    text = "Common places:\n- liver\n- lungs\nAsk your team.\n"
    assert parse_blocks(text) == (
        Block("paragraph", ("Common places:",)),
        Block("bullets", ("liver", "lungs")),
        Block("paragraph", ("Ask your team.",)),
    )


def test_other_bullet_marks_and_lookalikes():
    assert parse_blocks("* one\n\u2022 two") == (Block("bullets", ("one", "two")),)
    # No space after the dash: not a bullet.
    assert parse_blocks("-5 degrees") == (Block("paragraph", ("-5 degrees",)),)


def test_blank_lines_between_bullets_start_a_new_list():
    assert parse_blocks("- a\n\n- b") == (Block("bullets", ("a",)), Block("bullets", ("b",)))


def test_parse_blocks_sanitises_and_handles_empty():
    assert parse_blocks("") == ()
    assert parse_blocks("\n\n  \n") == ()
    assert parse_blocks("- \x1b[2Jsafe\x07") == (Block("bullets", ("[2Jsafe",)),)


# --------------------------------------------------------------------------------------------
# wrap() and block_lines()
# --------------------------------------------------------------------------------------------
LONG_URL = "https://www.cancer.net/coping-with-cancer/managing-emotions/coping-with-metastatic-cancer"


@pytest.mark.parametrize("width", [20, 30, 40, 60, 80])
def test_wrap_never_splits_a_url(width):
    text = f"Read more at {LONG_URL} or call 1-800-227-2345 any time of day or night."
    lines = wrap(text, width)
    assert sum(LONG_URL in line for line in lines) == 1
    assert " ".join(lines) == text
    for line in lines:
        assert len(line) <= width or line == LONG_URL


def test_wrap_keeps_lines_within_width_and_words_whole():
    text = "Cancer that has spread still has the name of the cancer it started as."
    lines = wrap(text, 24)
    assert lines == ["Cancer that has spread", "still has the name of", "the cancer it started", "as."]


def test_wrap_indents_and_has_a_minimum_width():
    assert wrap("one two three", 5) == ["one two three"]  # width is at least 20
    assert wrap("a b", 80, indent="- ", subsequent="  ") == ["- a b"]
    assert wrap("", 80) == [""]
    assert wrap("x\x1b[2J", 80) == ["x[2J"]


def test_block_lines_renders_bullets_and_blank_lines_between_blocks():
    blocks = parse_blocks("Intro words.\n\n- a long bullet item that must wrap here\n- b")
    assert block_lines(blocks, 24) == [
        "Intro words.",
        "",
        "- a long bullet item",
        "  that must wrap here",
        "- b",
    ]


def test_filter_words_match_the_kind_and_language_shown_on_each_row():
    from metanav.content.load import load_library
    from metanav.content.search import ResourceFilter, filter_resources

    library = load_library(cache=False)
    resources = list(library.resources.values())
    helplines = [r for r in resources if "helpline" in r.kinds]
    assert filter_resources(library, ResourceFilter("helpline")) == helplines
    spanish = filter_resources(library, ResourceFilter("spanish"))
    assert {r.language for r in spanish} == {"es"} or all(
        r.language == "es" or "spanish" in r.description.casefold() for r in spanish
    )
    assert len(spanish) >= len([r for r in resources if r.language == "es"])


@pytest.mark.parametrize("char", ["\u061c", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064",
                                  "\u180e", "\u00ad", "\U000e0000", "\U000e0041", "\U000e007f",
                                  "\ufff9", "\ufffa", "\ufffb"])
def test_clean_drops_invisible_characters_that_hide_or_reorder_text(char):
    assert clean(f"a{char}b") == "ab"
    assert clean_line(f"a{char} b") == "a b"


def test_clean_box_cleans_pasted_text_but_keeps_the_spaces_being_typed():
    from metanav.content.text import clean_box

    assert clean_box("x \u009b31m \u009d0;T \u009c \u202e abc") == "x    abc"
    assert clean_box("\x1b]52;c;SE9TVElMRQ==\x07OSC52[@click=app.quit]X") == "OSC52[@click=app.quit]X"
    assert clean_box("two\nlines\there ") == "two lines here "
    assert clean_box(" ") == " "


# -- "EE. UU." is one word to a reader: never "EE." at a line's end and "UU." on the next --------
def _split_initials(lines: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in zip(lines, lines[1:], strict=False)
            if a.endswith("EE.") and b.lstrip().startswith("UU.")]


@pytest.mark.parametrize("width", range(20, 81))
def test_wrap_keeps_initials_such_as_EE_UU_together(width):
    text = "Con Medicare y la mayoría de los demás seguros de EE. UU., un médico lo dice."
    lines = wrap(text, width)
    assert _split_initials(lines) == []
    assert " ".join(lines) == text  # plain spaces again: nothing else changes
    assert "\u00a0" not in "".join(lines)


def test_every_spanish_text_with_EE_UU_stays_whole_on_a_topic_and_a_resource_page():
    """The lines both faces show for each Spanish topic (the full screen's topic_lines, plain
    mode's wrap) and resource, at every width from 36 to 80 columns."""
    from metanav.content.load import bundled_data_dir, load_library
    from metanav.content.translation import translate
    from metanav.tui.screens.topic import topic_lines

    spanish = translate(load_library(), (bundled_data_dir(),), "es")
    found = 0
    for width in range(36, 81):
        for topic in spanish.topics.values():
            lines = [str(line) for line in topic_lines(topic, width)[0]]
            found += "EE. UU." in " ".join(lines)
            assert _split_initials(lines) == [], (topic.id, width)
        for resource in spanish.resources.values():
            lines = wrap(resource.description, width)
            assert _split_initials(lines) == [], (resource.id, width)
    assert found  # the bundled Spanish topics do say it
