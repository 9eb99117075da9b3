"""Problems found in content, and the words that report them.

Every problem is collected, never raised one at a time, and reported as
``file:line: field: what is wrong``. :class:`ContentError` carries the list of problems.
Also here: how a path is shown in a message, and what a path is (a file, a folder, a pipe...)
without ever raising.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from metanav.content.text import clean_line
from metanav.i18n import N_, _, ngettext

CANNOT_READ = N_("cannot be read ({why})")


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class ContentError(Exception):
    """Content could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(ngettext("{count} problem found in the content. Nothing was changed.",
                              "{count} problems found in the content. Nothing was changed.",
                              count).format(count=count))
        return "\n".join(lines)


def display(path: Path) -> str:
    """A path as a message shows it: relative when it can be, and cleaned like any text (a
    file named with an escape sequence must not set the terminal's title)."""
    try:
        shown = str(path.relative_to(Path.cwd()))
    except (ValueError, OSError):
        shown = str(path)
    return clean_line(shown)


def what_is(path: Path) -> str:
    """ "file", "folder", "missing", "dangling" (a link to nothing), "other" (a pipe, a
    device), or why it cannot be looked at. Never raises."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        try:
            return "dangling" if path.is_symlink() else "missing"
        except OSError:
            return "missing"
    except NotADirectoryError:
        return "missing"
    except OSError as exc:
        return _(CANNOT_READ).format(why=exc.strerror or exc)  # said as it is
    if stat.S_ISREG(mode):
        return "file"
    return "folder" if stat.S_ISDIR(mode) else "other"


NOT_A_FILE = {
    "missing": N_("is missing"),
    "dangling": N_("is a link to a file that does not exist"),
    "folder": N_("is a folder, not a file"),
    "other": N_("is not a plain file (a pipe or a device?)"),
}
KINDS_OF_PATH = ("file", "folder", "missing", "dangling", "other")  # else why it cannot be read


def listing(folder: Path, problems: list[Problem], field: str) -> list[str] | None:
    """The names in a folder, sorted; None (and a problem) if it cannot be listed."""
    try:
        return sorted(os.listdir(folder))
    except OSError as exc:
        problems.append(Problem(display(folder), 0, field,
                                _(CANNOT_READ).format(why=exc.strerror or exc)))
        return None
