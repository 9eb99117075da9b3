"""The commands that run once and end: check-data, build-cache, export and search.

Also how the content is loaded for them and for the faces (load_content, kiosk_content).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from metanav.i18n import _

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_CONTENT = 2


def content_folders(args: argparse.Namespace) -> tuple[Path, ...]:
    from metanav.content.load import bundled_data_dir

    return (bundled_data_dir(), *args.data)


def run_language(args: argparse.Namespace, store=None, config=None):
    """The language of this run, decided once, here (metanav.language.decide): --lang,
    METANAV_LANG, the person's saved choice (``store``; a kiosk's is in memory and empty), a
    kiosk's kiosk.ini (``config``), the locale."""
    from metanav import language
    from metanav.core.actions import LANGUAGE

    saved = store.setting(LANGUAGE) if store is not None and store.persistent else None
    return language.decide(getattr(args, "lang", None), saved,
                           getattr(config, "language", None) or None)


def load_content(args: argparse.Namespace, lang: str = "en", cache: bool = True):
    """The content in ``lang`` (run_language), with the interface's words; None if broken
    (every problem, in a translation too, is said as file:line)."""
    from metanav.content.load import ContentError, load_library

    try:
        return _in_language(load_library(args.data, cache=cache), args, lang)
    except ContentError as exc:
        _cannot_start(exc)
        return None


def _in_language(library, args: argparse.Namespace, lang: str):
    from metanav.content.translation import translate
    from metanav.i18n import set_language

    library = translate(library, content_folders(args), lang)  # raises ContentError
    set_language(lang)  # the interface's words too
    return library


def _cannot_start(exc) -> None:
    print(exc.report(), file=sys.stderr)
    print(_("metanav cannot start until the content is fixed."), file=sys.stderr)


NOTE_NAMES = 10  # items named in check-data's note of what is not yet translated


def cmd_check_data(args: argparse.Namespace) -> int:
    from metanav.content.load import (
        ContentError,
        bundled_data_dir,
        check_folder,
        content_files,
        load_library,
    )
    from metanav.content.text import clean
    from metanav.content.translation import LANGUAGE_NAMES, missing, translate
    from metanav.core.views import HOME_LINE, crisis_too_long
    from metanav.language import SUPPORTED

    folder = args.dir
    # DIR is checked exactly as `--data DIR` uses it: on top of the bundled content (so its
    # references to bundled topics count), with every file metanav would not read named, and
    # an error when it holds no content at all. The bundled folder itself is checked alone.
    bundled = folder is not None and folder.resolve() == bundled_data_dir().resolve()
    folders = [bundled_data_dir(), *args.data, *([folder] if folder else [])]
    translated = {}
    try:
        if bundled:
            library = check_folder(folder)
        else:
            library = load_library(folders[1:], cache=False)
        for lang in SUPPORTED[1:]:  # each translation is checked too
            translated[lang] = translate(library, folders, lang)
    except ContentError as exc:
        print(exc.report())
        return EXIT_BAD_CONTENT
    if folder is not None and not bundled:
        print(_("Content is valid (with the bundled content): {summary}.").format(
            summary=library.summary()))
    else:
        print(_("Content is valid: {summary}.").format(summary=library.summary()))
    for lang, words in [("en", library), *translated.items()]:
        for key, item in crisis_too_long(words):  # a warning: the content still works
            print(_("Warning: resource {id} ({code}): this crisis line is long on home "
                    "({count} characters; at most {most}): an arrow key onto it sends more "
                    "over a slow connection. A shorter name or phone_note, with the rest in "
                    "the description: {item}").format(
                        id=key, code=lang, count=len(item), most=HOME_LINE, item=item),
                  file=sys.stderr)
    for key, address, modules in qr_addresses_too_big(library):  # a warning too
        print(_("Warning: resource {id}: the QR code of its qr_address {address} is too big for "
                "an 80x24 console ({n}x{n} modules; 21x21 fit). An address of up to 25 "
                "characters with nothing after the host fits.").format(
                    id=key, address=address, n=modules), file=sys.stderr)
    for lang, words in translated.items():
        left = missing(words)
        if left:
            # The first few by name: a clinic's 10,000 resources made one line of 250 KB.
            items = ", ".join(left[:NOTE_NAMES])
            if len(left) > NOTE_NAMES:
                items += _(" and {count} more").format(count=len(left) - NOTE_NAMES)
            print(_("Note: not yet in {language} ({code}), so shown in English: {count}: "
                    "{items}.").format(language=LANGUAGE_NAMES[lang], code=lang,
                                       count=len(left), items=items), file=sys.stderr)
    if folder is not None and not bundled:
        read = [clean(str(p.relative_to(folder))) for p in content_files(folder)]
        print(_("Read from {folder}: {files}.").format(folder=clean(str(folder)),
                                                       files=", ".join(read)))
    return EXIT_OK


def qr_addresses_too_big(library) -> list[tuple[str, str, int]]:
    """(id, qr_address, modules) of each shorter address whose code is not the smallest, 21x21:
    an 80x24 Linux console shows no other (docs/kiosk.md)."""
    from metanav import qr

    found = []
    for resource in library.resources.values():
        if resource.qr_address:
            modules = len(qr.matrix(qr.url_data(resource.qr_address)))
            if modules > 21:
                found.append((resource.id, resource.qr_address, modules))
    return found


def cmd_build_cache(args: argparse.Namespace) -> int:
    """Staff: write the read-only content cache a kiosk starts from (see content/prebuilt.py)."""
    from metanav import kiosk
    from metanav.content import prebuilt
    from metanav.content.load import ContentError

    folders = [*args.data, *args.build_data]
    try:
        config = kiosk.load_config(args.build_config or args.kiosk_config)
    except kiosk.KioskConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_CONTENT
    target = prebuilt.cache_folder(folders, config.cache_dir)
    if args.check:
        why = prebuilt.why_not(folders, target)
        slow = "" if why else prebuilt.index_why_not(folders, target)
        if why:
            print(_("A kiosk would load the content from YAML: {why}.").format(why=why))
        elif slow:  # e.g. a search index from an older metanav: it works, with more memory
            print(_("A kiosk starts from the prebuilt cache in {folder}, but reads every "
                    "resource into memory and makes its search index there: {why}.").format(
                        folder=target, why=slow))
        else:
            print(_("A kiosk starts from the prebuilt cache in {folder}.").format(folder=target))
        return EXIT_ERROR if why or slow else EXIT_OK
    try:
        library, written = prebuilt.build(folders, target)
    except ContentError as exc:
        print(exc.report())
        return EXIT_BAD_CONTENT
    except OSError as exc:
        print(_("Could not write the cache in {folder}: {why}.").format(
            folder=target, why=exc.strerror or exc), file=sys.stderr)
        return EXIT_ERROR
    print(_("Built the kiosk's content cache for {summary}:").format(summary=library.summary()))
    for path in written:
        print(f"  {path}")
    print(_("A kiosk reads it while the content is unchanged; run build-cache again after "
            "changes."))
    return EXIT_OK


def kiosk_content(args: argparse.Namespace, config, lang: str = "en"):
    """A kiosk's content in ``lang``: the prebuilt cache when it matches, else the YAML.
    Writes nothing."""
    from metanav.content import prebuilt
    from metanav.content.load import ContentError

    library = prebuilt.load(args.data, prebuilt.cache_folder(args.data, config.cache_dir))
    if library is None:
        return load_content(args, lang, cache=False)
    if lang == "en":
        from metanav.i18n import set_language

        set_language(lang)
        return library  # its resources are read after the first frame
    try:
        return _in_language(library, args, lang)
    except ContentError as exc:
        _cannot_start(exc)
        return None


def cmd_export(args: argparse.Namespace) -> int:
    from metanav.content.text import clean
    from metanav.state.mylist import export, my_list, render_lines
    from metanav.state.store import Store, default_state_dir

    store = Store.open(default_state_dir())
    library = load_content(args, run_language(args, store).lang)  # the list in the person's
    if library is None:
        return EXIT_BAD_CONTENT
    for notice in store.notices:
        print(notice, file=sys.stderr)
    if args.output == "-":
        print("\n".join(render_lines(my_list(library, store))))
        return EXIT_OK
    target = Path(args.output) if args.output else None
    if target is not None and not args.force and (target.exists() or target.is_symlink()):
        print(_("{path} already exists, so nothing was written. Give another name, or add "
                "--force to replace it.").format(path=clean(str(target))), file=sys.stderr)
        return EXIT_ERROR
    try:
        path = export(library, store, target)
    except OSError as exc:
        print(_("Could not write the list: {why}.").format(why=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_ERROR
    print(_("Saved your questions list to {path}").format(path=path))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """Ranked results for scripts and people; exit 1 when nothing matched (as grep does)."""
    import json

    from metanav.content.index import search

    library = load_content(args, run_language(args).lang)
    if library is None:
        return EXIT_BAD_CONTENT
    results = search(library, " ".join(args.words), limit=max(1, min(args.limit, 1000)))
    if args.json:
        for hit in results.hits:
            print(json.dumps(hit.as_dict(), ensure_ascii=False))
        if not results.hits:
            print(json.dumps({"kind": "none", "query": results.query, "message":
                              results.summary(), "closest": results.closest,
                              "help_lines": [r.id for r in results.help_lines]},
                             ensure_ascii=False))
        return EXIT_OK if results.hits else EXIT_ERROR
    from metanav.content.search import describe_results

    print("\n".join(describe_results(results)))
    return EXIT_OK if results.hits else EXIT_ERROR
