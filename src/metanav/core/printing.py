"""Taking my list away: a large-print "show your doctor" view, and printing through CUPS.

- **Show your doctor**: the picked questions one at a time, big and bold on an empty screen,
  with the note of the answer under each: a person turns the screen to the doctor, or reads it
  out. :func:`doctor_pages` gives the pages; each face draws them.
- **Printing** sends the plain-text list (``state/mylist.render_lines``, what "save to file"
  writes) to a CUPS printer with ``lp``, in large type (10 characters an inch, 5 lines an inch:
  about 14 point). metanav starts no other program for it.
  - At home, ``p`` prints to the default printer (``lpstat -d``), and says so plainly when there
    is none.
  - In a kiosk only when kiosk.ini allows it (``[allow] print = yes``) and names the printer
    (``[kiosk] printer = NAME``); the person never chooses another.

Plain Python: never imports Textual.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from metanav.content.text import clean_line
from metanav.i18n import N_, _
from metanav.state.mylist import ListItem

# Where lp and lpstat may come from: never a PATH the person set.
TOOL_PATH = "/usr/bin:/bin:/usr/local/bin"
LARGE_TYPE = ("-o", "cpi=10", "-o", "lpi=5")
TITLE = N_("Questions for my doctor")
TIMEOUT = 30

NO_CUPS = N_("Printing is not set up on this computer (no CUPS), so nothing was printed.")
NO_PRINTER = N_("There is no default printer on this computer, so nothing was printed. "
                "Set one up, or save the list to a file with e.")
NO_KIOSK_PRINTER = N_("No printer is set up for this screen, so nothing was printed.")
EMPTY = N_("Your list is empty, so there is nothing to print. Pick questions first.")


@dataclass(frozen=True, slots=True)
class DoctorPage:
    heading: str  # "Question 2 of 5 (most important)"
    text: str
    note: str  # the answer noted, or ""


def doctor_pages(items: list[ListItem]) -> list[DoctorPage]:
    """My list as the "show your doctor" view: one question a page."""
    pages = []
    for n, item in enumerate(items, start=1):
        marks = [m for m, on in ((_("most important"), item.top), (_("asked"), item.asked)) if on]
        more = f" ({', '.join(marks)})" if marks else ""
        heading = _("Question {n} of {count}").format(n=n, count=len(items))
        pages.append(DoctorPage(heading + more, item.text, item.note))
    return pages


def doctor_lines(items: list[ListItem]) -> list[str]:
    """The same view as lines, for plain mode: each question set apart."""
    lines = [_("Show your doctor: my questions, one at a time."), ""]
    for page in doctor_pages(items) or [DoctorPage("", _("No questions chosen yet."), "")]:
        if page.heading:
            lines.append(page.heading + ":")
        lines.append(page.text)
        if page.note:
            lines.append(_("Answer noted: {note}").format(note=page.note))
        lines.append("")
    return lines


def _tool(name: str) -> str | None:
    for folder in TOOL_PATH.split(":"):
        path = Path(folder) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return None


def _env() -> dict[str, str]:
    """lp's environment: the locale and CUPS' own settings, nothing else of ours."""
    keep = ("LANG", "LC_ALL", "HOME", "CUPS_SERVER", "CUPS_USER", "IPP_PORT")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env["PATH"] = TOOL_PATH
    return env


def has_cups() -> bool:
    return _tool("lp") is not None and _tool("lpstat") is not None


def default_printer() -> str | None:
    """The system's default printer (``lpstat -d``), or None when there is none or no CUPS."""
    lpstat = _tool("lpstat")
    if lpstat is None:
        return None
    try:
        done = subprocess.run([lpstat, "-d"], capture_output=True, text=True, timeout=TIMEOUT,
                              env=_env(), stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"destination:\s*(\S+)", done.stdout)
    return match.group(1) if done.returncode == 0 and match else None


def send(printer: str, text: str) -> str:
    """Print ``text`` on ``printer`` with lp; "" when CUPS took it, else what went wrong."""
    lp = _tool("lp")
    if lp is None:
        return NO_CUPS
    try:
        done = subprocess.run([lp, "-d", printer, "-t", _(TITLE), *LARGE_TYPE, "--"],
                              input=text, capture_output=True, text=True, timeout=TIMEOUT,
                              env=_env())
    except (OSError, subprocess.SubprocessError) as exc:
        return _("The printer did not answer ({why}), so nothing was printed.").format(
            why=exc.__class__.__name__)
    if done.returncode != 0:
        why = clean_line(" ".join(done.stderr.split()))[:200] or f"lp ended with {done.returncode}"
        return _("The printer {printer} did not take the list ({why}). Nothing was printed.").format(
            printer=printer, why=why)
    return ""
