"""PyYAML's syntax errors in words a clinic's IT person can act on, in their language.

PyYAML (and libyaml under it) words its errors in English parser terms: "mapping values are
not allowed in this context", "while scanning a plain scalar". A Spanish check-data said them
inside a Spanish sentence. Here the common ones become plain words that gettext translates,
and the column is said as well as the line. A problem not in the table keeps PyYAML's words.
"""

from __future__ import annotations

from metanav.content.text import clean_line
from metanav.i18n import N_, _

# A piece of PyYAML's or libyaml's problem -> what to say instead. First match wins.
PROBLEMS = (
    ("tab character", N_("a tab: indent with spaces, not tabs")),
    ("'\\t'", N_("a tab: indent with spaces, not tabs")),
    ("cannot start any token", N_("{char} cannot start a value: put the value in quotes")),
    ("expected node content", N_("a value is missing here, or a bracket is not closed")),
    ("mapping values are not allowed",
     N_("a ':' that cannot be here: check the indentation, or put text with ':' in quotes")),
    ("could not find expected ':'", N_("a ':' is missing after a name")),
    ("unexpected end of stream", N_("the file ends before a quote or bracket is closed")),
    ("expected ',' or ']'", N_("a ',' or ']' is missing")),
    ("expected ',' or '}'", N_("a ',' or '}' is missing")),
    ("unknown escape character",
     N_("a backslash (\\) in double quotes: use single quotes instead")),
    ("did not find expected key", N_("this line does not line up with the names above it")),
)
# Where the unclosed thing began, said after the problem.
BEGAN = (
    ("plain scalar", ""),  # a value that goes on from the line before: nothing to add
    ("block mapping", N_("(the names began on line {line})")),
    ("quoted scalar", N_("(the quoted text began on line {line})")),
    ("flow sequence", N_("(the '[' is on line {line})")),
    ("flow mapping", N_("(the '{' is on line {line})")),
)
BEGAN_ELSEWHERE = N_("(it began on line {line})")  # the context is not one we know


def problem_words(problem: str, char: str = "") -> str:
    """PyYAML's ``problem`` in plain words; ``char`` is the character where it was found."""
    if char == "\t":
        return _(PROBLEMS[0][1])
    for piece, words in PROBLEMS:
        if piece in problem:
            # replace, not format: "a ',' or '}' is missing" has a brace of its own
            return _(words).replace("{char}", repr(char) if char else _("a character"))
    return clean_line(problem)


def began_words(context: str, line: int) -> str:
    """"(the quoted text began on line 2)": where the thing PyYAML was reading began."""
    for piece, words in BEGAN:
        if piece in context:
            return _(words).replace("{line}", str(line)) if words else ""
    return _(BEGAN_ELSEWHERE).replace("{line}", str(line))


def char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of ``text`` ("" past its end)."""
    lines = text.split("\n")
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else ""
