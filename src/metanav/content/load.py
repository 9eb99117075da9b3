"""Load and validate content from YAML.

Every problem is collected, never raised one at a time, and reported as
``file:line: field: what is wrong`` (content/problems.py). Loading never shows a traceback for
bad content: :class:`ContentError` carries the list of problems.

Layout of a content folder (the bundled ``data/`` or a clinic's ``--data DIR``)::

    topics/*.yaml      one topic per file
    questions.yaml     question groups and questions
    resources.yaml     resources

Later folders add items or replace items with the same id. The parts: content/yaml_file.py
reads a file, content/fields.py checks its fields, content/items.py makes topics, questions and
resources of them, and this module reads folders and checks what refers to what.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from metanav.content.fields import FileCheck, did_you_mean
from metanav.content.items import (
    NO_SUCH,
    Collected,
    Item,
    load_questions,
    load_resources,
    load_topic,
)
from metanav.content.model import CLINIC_TOPICS, OTHER_TOPICS, Library, Topic
from metanav.content.problems import (
    KINDS_OF_PATH,
    NOT_A_FILE,
    ContentError,
    Problem,
    display,
    listing,
    what_is,
)
from metanav.content.yaml_file import USING_LIBYAML, read_yaml
from metanav.i18n import N_, _

NOT_READ = N_("is not read")  # a file or folder in a content folder that metanav never reads

__all__ = ["USING_LIBYAML", "ContentError", "Problem", "bundled_data_dir", "check_folder",
           "content_files", "load_library"]


def bundled_data_dir() -> Path:
    """The content shipped with metanav: inside the wheel, or ``data/`` in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "data"



CONTENT_NAMES = ("topics", "questions.yaml", "resources.yaml", "synonyms.yaml")


def content_files(folder: Path) -> list[Path]:
    """The files the loader reads from one content folder, in the order it reads them."""
    topic_dir = folder / "topics"
    names = listing(topic_dir, [], "topics") if what_is(topic_dir) == "folder" else None
    files = [topic_dir / n for n in names or () if n.endswith(".yaml")]
    return files + [folder / name for name in CONTENT_NAMES[1:]
                    if what_is(folder / name) not in ("missing",)]



def _misnamed(folder: Path, problems: list[Problem]) -> None:
    """Files and folders a clinic meant as content but named so that metanav never reads them."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name in CONTENT_NAMES:
            continue
        if entry.is_dir():
            message = _(NOT_READ) + did_you_mean(name, ["topics"])
        elif name.endswith((".yml", ".yaml")):
            as_yaml = name.removesuffix(".yml").removesuffix(".yaml") + ".yaml"
            if as_yaml in CONTENT_NAMES:
                message = _("is not read: name it {name}").format(name=as_yaml)
            else:
                message = _(NOT_READ) + did_you_mean(as_yaml, CONTENT_NAMES[1:])
        else:
            continue
        if message != _(NOT_READ):
            problems.append(Problem(display(entry), 0, "file", message))
    topic_dir = folder / "topics"
    if topic_dir.is_dir():
        for entry in sorted(topic_dir.glob("*.yml")):
            problems.append(Problem(display(entry), 0, "file", _(
                "is not read: name it {name}").format(name=f"{entry.stem}.yaml")))


def _nothing_found(folder: Path) -> Problem:
    """An add-on folder with no content: say so, and where content is if it is one level down."""
    where = display(folder)
    below = []
    try:
        below = [d for d in sorted(folder.iterdir()) if d.is_dir() and content_files(d)]
    except OSError:
        pass
    if below:
        return Problem(where, 0, "folder", _(
            "no content files found in {folder}; {below} has some: give that folder instead"
        ).format(folder=where, below=display(below[0])))
    return Problem(where, 0, "folder", _("no content files found in {folder}").format(
        folder=where))


def _load_folder(folder: Path, out: Collected, problems: list[Problem], *, required: bool) -> None:
    if what_is(folder) != "folder":
        problems.append(Problem(display(folder), 0, "folder",
                                _("is not a folder that can be read")))
        return
    if listing(folder, problems, "folder") is None:  # chmod 000 or 111: nothing can be checked
        return
    topic_dir = folder / "topics"
    seen: dict[str, dict] = {}
    topic_files: list[Path] = []
    what = what_is(topic_dir)
    if what == "folder":
        names = listing(topic_dir, problems, "topics")
        topic_files = [topic_dir / n for n in names or () if n.endswith(".yaml")]
    elif what != "missing":
        problems.append(Problem(display(topic_dir), 0, "topics",
                                what if what not in KINDS_OF_PATH
                                else _("is not a folder of topic files")))
    if required and not topic_files:
        problems.append(Problem(display(topic_dir), 0, "topics",
                                _("no topic files (*.yaml) found")))
    if not required:
        _misnamed(folder, problems)
        if not content_files(folder):
            problems.append(_nothing_found(folder))
    seen_topics = seen.setdefault("topics", {})
    for path in topic_files:
        data = read_yaml(path, problems)
        if data is not None:
            load_topic(path, data, FileCheck(path, problems), out, seen_topics,
                        OTHER_TOPICS if required else CLINIC_TOPICS)
    for name, loader in (("questions.yaml", load_questions), ("resources.yaml", load_resources)):
        path = folder / name
        if what_is(path) == "missing":
            if required:
                problems.append(Problem(display(path), 0, "file", _(NOT_A_FILE["missing"])))
            continue
        data = read_yaml(path, problems)
        if data is not None:
            loader(data, FileCheck(path, problems), out, seen)


_TABLE_FOR = {"topic": "topics", "question": "questions", "resource": "resources", "group": "groups"}


def load_library(
    extra_dirs: Iterable[Path] = (), *, bundled: Path | None = None, cache: bool = True
) -> Library:
    """Load the bundled content plus each extra folder, validating everything.

    Large folders are loaded from a cache when unchanged (see :mod:`metanav.content.cache`);
    ``cache=False`` always reads the YAML. Raises :class:`ContentError` listing every problem.
    """
    folders = [Path(bundled or bundled_data_dir()), *(Path(f) for f in extra_dirs)]
    if cache:
        from metanav.content.cache import cached

        return cached(folders, lambda: load_library(folders[1:], bundled=folders[0], cache=False))
    problems: list[Problem] = []
    out = Collected()
    _load_folder(folders[0], out, problems, required=True)
    for folder in folders[1:]:
        _load_folder(folder, out, problems, required=False)
    return _with_synonyms(folders, out, problems)


def _with_resources_naming_it(topic: Topic, resources: Iterable[Item]) -> Topic:
    """The topic with every resource whose ``topics`` names it: the topic's own list first,
    in its order, then the others in file order. So a clinic's resource with
    ``topics: [coping-and-support]`` shows on that topic without editing the topic."""
    extra = tuple(
        i.obj.id for i in resources if topic.id in i.obj.topics and i.obj.id not in topic.resources
    )
    return dataclasses.replace(topic, resources=topic.resources + extra) if extra else topic


def check_folder(folder: Path) -> Library:
    """Validate one complete content folder on its own (for ``metanav check-data DIR``)."""
    problems: list[Problem] = []
    out = Collected()
    _load_folder(Path(folder), out, problems, required=True)
    return _with_synonyms([Path(folder)], out, problems)


def _with_synonyms(folders: list[Path], out: Collected, problems: list[Problem]) -> Library:
    """The library with the search synonyms of its folders (``synonyms.yaml``, optional)."""
    from metanav.content.words import load_synonyms

    synonyms, found = load_synonyms(folders)
    problems.extend(found)
    return dataclasses.replace(_finish(out, problems), synonyms=synonyms)


def _finish(out: Collected, problems: list[Problem]) -> Library:
    # Cross-references, checked only for items that made it into the final tables (so an
    # override's references are the ones that count).
    for (owner_kind, owner_id), refs in out.refs.items():
        owner_table = getattr(out, _TABLE_FOR[owner_kind])
        if owner_id not in owner_table:
            continue
        for ref in refs:
            if ref.file != owner_table[owner_id].file:
                continue  # an overridden item's references no longer count
            if ref.target not in getattr(out, _TABLE_FOR[ref.kind]):
                problems.append(
                    Problem(ref.file, ref.line, ref.field,
                            _(NO_SUCH[ref.kind]).format(id=ref.target))
                )
    if problems:
        problems.sort(key=lambda p: (p.file, p.line))
        raise ContentError(problems)
    topics = sorted(
        (_with_resources_naming_it(i.obj, out.resources.values()) for i in out.topics.values()),
        key=lambda t: (t.order, t.title.casefold()),
    )
    group_order = {g: n for n, g in enumerate(out.groups)}
    questions = sorted(
        (i.obj for i in out.questions.values()), key=lambda q: group_order.get(q.group, 1 << 30)
    )
    return Library(
        topics={t.id: t for t in topics},
        groups={g: i.obj for g, i in out.groups.items()},
        questions={q.id: q for q in questions},
        resources={r: i.obj for r, i in out.resources.items()},
    )
