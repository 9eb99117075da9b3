"""metanav beside lynx: the same content, the same keys, the bytes each sends to the terminal.

lynx is the yardstick for a text-mode program over a slow link (issue 15). This writes the
bundled content as plain HTML pages (the home page and each group of topics as the same
numbered lists, made from the same core views; one page per topic with the same words; the
questions and the support resources), then runs one scripted
session in each program, in the same 80x24 pseudo-terminal, uncompressed:

  first screen; Down x3 and Up x3 in the home list; walk down to the first group of topics,
  open it, then its first topic; Page Down x2; back twice; walk down to "Support resources"
  and open it; back.

Both are run with TERM=xterm-256color and a fresh home folder (lynx with its own defaults,
metanav with its default theme). If lynx is missing, ``apt-get install lynx`` is tried once;
if that fails the comparison is skipped with the reason.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from pty_harness import PtyApp, Screen

STEPS = ("first screen", "arrow key", "open a group of topics", "open a topic",
         "topic: page down", "back", "open resources", "whole session")
# The limits of issue 15: a screen within 1.3x of lynx's, the session within 1.1x, an arrow
# key at most 136 B.
LIMITS = {"first screen": 1.3, "open a topic": 1.3, "back": 1.3, "open resources": 1.3,
          "whole session": 1.1}
ARROW_LIMIT = 136


def find_lynx(log: Callable[[str], None]) -> str | None:
    found = shutil.which("lynx")
    if found:
        return found
    if shutil.which("apt-get") is None:
        return None
    log("lynx is not installed: trying apt-get install lynx")
    try:
        subprocess.run(["apt-get", "install", "-y", "-qq", "lynx"], capture_output=True,
                       timeout=300, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return shutil.which("lynx")


# --------------------------------------------------------------------------------------------
# The content as HTML
# --------------------------------------------------------------------------------------------
def _page(title: str, body: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            f"{html.escape(title)}</title></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def _view_page(view, title: str, hint: str, href: Callable[[str], str]) -> str:
    """A core view (core/views.py) as the TUI draws it: the lines, then numbered links."""
    e = html.escape
    body = [f"<h1>{e(title)}</h1>", f"<p>{e(' '.join((*view.lines, hint)))}</p>"]
    number = 0
    for section in view.sections:
        if section.heading:
            body.append(f"<h2>{e(section.heading)}</h2>")
        body.append(f'<ol start="{number + 1}">')
        for item in section.items:
            number += 1
            body.append(f'<li><a href="{href(item.key)}">{e(item.text)}</a></li>')
        body.append("</ol>")
    return _page(title, body)


def write_site(session, folder: Path, home_title: str, hint: str) -> Path:
    """index.html (the home view), group-N.html, topic-ID.html, questions.html,
    resources.html; returns index.html."""
    from metanav.core import views

    e = html.escape
    library = session.library
    groups = list(views.topic_groups(library))

    def href(key: str) -> str:
        kind, _, name = key.partition(":")
        if kind == "group":
            return f"group-{groups.index(name) + 1}.html"
        if kind == "topic":
            return f"topic-{name}.html"
        if kind == "resource":
            return "resources.html"
        return f"{kind}.html"

    index = folder / "index.html"
    index.write_text(_view_page(views.home(session), home_title, hint, href), encoding="utf-8")
    for n, name in enumerate(groups, 1):
        view = views.topic_group(session, name)
        (folder / f"group-{n}.html").write_text(_view_page(view, name, hint, href),
                                                 encoding="utf-8")
    for topic in library.topics.values():
        body = [f"<h1>{e(topic.title)}</h1>", f"<p>{e(topic.summary)}</p>"]
        for section in topic.sections:
            body.append(f"<h2>{e(section.heading)}</h2>")
            if section.applies_to:
                body.append(f"<p><em>This part is about {e(section.applies_to)}.</em></p>")
            for block in section.blocks:
                if block.kind == "paragraph":
                    body.append(f"<p>{e(block.items[0])}</p>")
                else:
                    body += ["<ul>", *[f"<li>{e(item)}</li>" for item in block.items], "</ul>"]
        body += ["<h2>Where this comes from</h2>", "<ul>"]
        for source in topic.sources:
            body.append(f"<li>{e(source.organisation)}: {e(source.page)} {e(source.url)}</li>")
        body += ["</ul>", f"<p>Last checked: {e(topic.reviewed)}.</p>",
                 "<h2>Questions you could ask</h2>", "<ul>"]
        body += [f"<li>{e(library.questions[q].text)}</li>" for q in topic.questions
                 if q in library.questions]
        body += ["</ul>", "<h2>Support resources</h2>", "<ul>"]
        body += [f'<li><a href="resources.html">{e(r.name)} - {e(r.organisation)}</a></li>'
                 for r in (library.resources.get(i) for i in topic.resources) if r]
        body.append("</ul>")
        (folder / f"topic-{topic.id}.html").write_text(_page(topic.title, body), encoding="utf-8")
    body = ["<h1>Support resources</h1>", f"<p>{len(library.resources)} resources</p>", "<ol>"]
    body += [f"<li>{e(r.name)} - {e(r.organisation)} ({e(r.kind_words)}; {e(r.language_name)})"
             f" {e(r.phone)} <a href=\"{e(r.url)}\">{e(r.url)}</a></li>"
             for r in library.resources.values()]
    body.append("</ol>")
    (folder / "resources.html").write_text(_page("Support resources", body), encoding="utf-8")
    body = ["<h1>Questions for your doctor</h1>", "<ul>"]
    body += [f"<li>{e(q.text)}</li>" for q in library.questions.values()]
    (folder / "questions.html").write_text(_page("Questions", body + ["</ul>"]), encoding="utf-8")
    return index


# --------------------------------------------------------------------------------------------
# One scripted session
# --------------------------------------------------------------------------------------------
class Script:
    """The script, for a program whose keys are ``back`` and whose pages are told apart by
    ``shows``(screen, words)."""

    def __init__(self, app: PtyApp, back: str, shows: Callable[[Screen, str], bool]) -> None:
        self.app, self.back_key, self.shows = app, back, shows
        self.bytes: dict[str, list[int]] = {step: [] for step in STEPS}

    def record(self, step: str, nbytes: int) -> None:
        self.bytes[step].append(nbytes)
        self.bytes["whole session"].append(nbytes)

    def press(self, step: str | None, key: str, words: str = "") -> None:
        until = (lambda s: self.shows(s, words)) if words else None
        result = self.app.press(key, until=until, timeout=10.0, first_timeout=3.0)
        if words and not self.shows(self.app.screen, words):
            raise RuntimeError(f"after {key!r} the screen does not show {words!r}")
        if step:
            self.record(step, result.nbytes)
        else:
            self.bytes["whole session"].append(result.nbytes)

    def walk_to(self, words: str) -> None:
        """Down arrows (each one counted) until the highlighted line has ``words``."""
        for _ in range(40):
            if words.lower() in self.app.screen.cursor_line().lower():
                return
            self.press("arrow key", "down")
        raise RuntimeError(f"could not walk to {words!r}")

    def run(self, home_words: str, group_words: str, topic_words: str,
            resource_words: str) -> None:
        first = self.app.start(until=lambda s: self.shows(s, home_words), timeout=30.0)
        if not self.shows(self.app.screen, home_words):
            raise RuntimeError("no first screen")
        self.record("first screen", first.nbytes)
        for key in ("down", "down", "down", "up", "up", "up"):
            self.press("arrow key", key)
        self.walk_to(group_words)
        self.press("open a group of topics", "enter", group_words)
        self.press("open a topic", "enter", topic_words)
        self.press("topic: page down", "pagedown")
        self.press("topic: page down", "pagedown")
        self.press("back", self.back_key, group_words)
        self.press(None, self.back_key, home_words)
        self.walk_to("Support resources")
        self.press("open resources", "enter", resource_words)
        self.press(None, self.back_key, home_words)


def compare(metanav_argv: list[str], env: dict[str, str], session, runs: int,
            log: Callable[[str], None], cols: int = 80, rows: int = 24,
            settle: float = 0.3) -> dict:
    """{"lynx": {step: [bytes...]}, "metanav": {...}} or {"skipped": why}."""
    lynx = find_lynx(log)
    if lynx is None:
        return {"skipped": "lynx is not installed and apt-get could not install it"}
    from metanav.core import views
    from metanav.tui.screens.home import KEYS_HINT, HomeScreen

    results: dict[str, dict[str, list[int]]] = {"lynx": {}, "metanav": {}}
    first_group, topics = next(iter(views.topic_groups(session.library).items()))
    first_topic = topics[0].title
    with tempfile.TemporaryDirectory(prefix="metanav-vs-lynx-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        index = write_site(session, site, HomeScreen.TITLE_TEXT, KEYS_HINT)
        lynx_home = Path(tmp) / "home"
        lynx_home.mkdir()
        lynx_env = {**env, "HOME": str(lynx_home)}
        for run in range(runs):
            # Each run starts as a first start does: a run after another found its state
            # (home then offered "Go on reading", 51 B more on the first screen).
            fresh = Path(tmp) / f"run-{run}"
            (fresh / "home").mkdir(parents=True)
            for name, argv, run_env, back in (
                ("lynx", [lynx, "-nopause", "-noreferer", str(index)],
                 {**lynx_env, "HOME": str(fresh / "home")}, "left"),
                ("metanav", metanav_argv, {**env, "METANAV_STATE_DIR": str(fresh / "state")},
                 "escape"),
            ):
                log(f"vs lynx: {name}, run {run + 1}/{runs}")
                app = PtyApp(argv, cols=cols, rows=rows, env=run_env, settle=settle)
                script = Script(app, back, lambda s, w: w.lower() in s.text().lower())
                try:
                    script.run(HomeScreen.TITLE_TEXT, first_group, first_topic, "resources")
                finally:
                    app.close()
                for step, values in script.bytes.items():
                    if step == "whole session":
                        values = [sum(values)]
                    results[name].setdefault(step, []).extend(values)
    return results


def table(results: dict) -> str:
    import statistics

    if "skipped" in results:
        return f"lynx comparison skipped: {results['skipped']}"
    lines = ["| step | lynx | metanav | metanav / lynx | target |", "|---|---|---|---|---|"]
    for step in STEPS:
        a, b = results["lynx"].get(step), results["metanav"].get(step)
        if not a or not b:
            continue
        la, lb = statistics.median(a), statistics.median(b)
        ratio = lb / la if la else float("inf")
        if step in LIMITS:
            target = f"<= {LIMITS[step]}x: {'met' if ratio <= LIMITS[step] else 'MISSED'}"
        elif step == "arrow key":
            target = f"<= {ARROW_LIMIT} B: {'met' if lb <= ARROW_LIMIT else 'MISSED'}"
        else:
            target = ""
        spread = f" ({min(b):,}–{max(b):,})" if min(b) != max(b) else ""
        lines.append(f"| {step} | {la:,.0f} | {lb:,.0f}{spread} | {ratio:.2f}x | {target} |")
    return "\n".join(lines)
