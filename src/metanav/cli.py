"""Command line: parse arguments, load content and state, and pick a face.

Textual is imported only when the full-screen app starts, so plain mode, ``check-data`` and
``export`` start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from pathlib import Path

from metanav import __version__
from metanav.i18n import N_, _
from metanav.session import THEME_NAMES

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_BAD_CONTENT = 2

DESCRIPTION = N_(
    "metanav: plain-language information about metastatic cancer, "
    "a questions-for-your-doctor checklist and support resources, in a terminal."
)


def _interface_language(argv: list[str]) -> None:
    """Set the interface's language before the options are read, so --help is in it too."""
    from metanav import language
    from metanav.i18n import set_language

    asked = None
    for n, word in enumerate(argv):
        if word == "--lang" and n + 1 < len(argv):
            asked = argv[n + 1]
        elif word.startswith("--lang="):
            asked = word.split("=", 1)[1]
    set_language(language.choose(asked))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="metanav",
        description=_(DESCRIPTION),
        epilog=(
            _("Plain mode is chosen on its own when output is not a terminal or TERM=dumb. "
            "Saved lists live in METANAV_STATE_DIR, or your user data folder.")
        ),
    )
    parser.add_argument("--version", action="version", version=f"metanav {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help=_("line-by-line mode for screen readers, braille displays and scripts"),
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help=_("shared-screen mode: nothing is saved, nobody can leave the app"),
    )
    parser.add_argument(
        "--data",
        metavar="DIR",
        action="append",
        type=Path,
        default=[],
        help=_("a folder of extra content (topics/, questions.yaml, resources.yaml); may repeat"),
    )
    parser.add_argument(
        "--theme",
        metavar="NAME",
        choices=THEME_NAMES,
        help=_("colours for the full-screen app: default, high-contrast or ansi"),
    )
    parser.add_argument(
        "--screen-reader",
        action="store_true",
        help="full-screen app for a screen reader or braille display: no focus bars, scroll "
        "bars or symbols, keys in words (also METANAV_SCREEN_READER=1; Ctrl+S switches it)",
    )
    parser.add_argument(
        "--mouse",
        action="store_true",
        help=_("let the full-screen app use the mouse (clicks, the wheel); off by default, so "
        "text can be selected and copied as in any terminal program (also METANAV_MOUSE=1)"),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        type=_language,
        help=_("language: en (English) or es (Español); also METANAV_LANG, else the locale",)
    )
    parser.add_argument(
        "--kiosk-config",
        metavar="FILE",
        type=Path,
        help=_("kiosk settings file (staff PIN, idle time, restrictions)"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check-data", help=_("check content files and report every problem"))
    check.add_argument("dir", nargs="?", type=Path, help=_("content folder (default: the bundled one)"))
    export = sub.add_parser("export", help=_("write your questions list to a text file"))
    export.add_argument(
        "-o", "--output", metavar="FILE", help=_("where to write it ('-' for the screen)")
    )
    export.add_argument(
        "--force", action="store_true", help=_("replace FILE if it already exists")
    )
    find = sub.add_parser("search", help=_("search topics, questions and resources for words"))
    find.add_argument("words", nargs="*", help=_("the words to look for"))
    find.add_argument("--json", action="store_true", help=_("one JSON object per result line"))
    find.add_argument("--limit", type=int, default=20, metavar="N",
                      help=_("show at most N results (default 20)"))
    build = sub.add_parser(
        "build-cache", help=_("prebuild the content cache a kiosk reads (staff, after changes)")
    )
    build.add_argument("--data", metavar="DIR", action="append", type=Path, default=[],
                       dest="build_data", help=_("the kiosk's extra content folder; may repeat"))
    build.add_argument("--kiosk-config", metavar="FILE", type=Path, dest="build_config",
                       help=_("the kiosk's settings file (its [kiosk] cache_dir says where)"))
    build.add_argument("--check", action="store_true",
                       help=_("write nothing; say whether a kiosk would start from the cache"))
    return parser


def _language(value: str) -> str:
    from metanav.language import SUPPORTED, code

    if not code(value):
        raise argparse.ArgumentTypeError(f"choose one of: {', '.join(SUPPORTED)}")
    return code(value)


def content_folders(args: argparse.Namespace) -> tuple[Path, ...]:
    from metanav.content.load import bundled_data_dir

    return (bundled_data_dir(), *args.data)


def want_plain(args: argparse.Namespace) -> bool:
    """Plain mode when asked, on a dumb terminal, or when output or input is not a terminal
    (the full-screen app reading /dev/null or a file would read "nothing" for ever)."""
    if args.plain:
        return True
    if os.environ.get("TERM", "") == "dumb":
        return True
    try:
        return not (sys.stdout.isatty() and sys.stdin.isatty())
    except (AttributeError, ValueError, OSError):
        return True


NO_INPUT = N_("metanav: no keyboard input (standard input is closed). Start metanav from a "
            "terminal, or send it answers with: metanav --plain < answers.txt")


def input_closed() -> bool:
    """Started with standard input closed: nothing could ever be typed."""
    if sys.stdin is None:
        return True
    try:
        os.fstat(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):
        return True
    return False


def wants_mouse(args: argparse.Namespace) -> bool:
    """Mouse reporting is off unless asked for: with it on, a terminal hands every drag to the
    app, and selecting text to copy (an address, a phone number) needs Shift-drag."""
    return bool(getattr(args, "mouse", False)) or os.environ.get("METANAV_MOUSE", "") not in ("", "0")


def wants_screen_reader(args: argparse.Namespace) -> bool | None:
    """--screen-reader, else METANAV_SCREEN_READER (1 on, 0 off), else None: the saved setting."""
    if getattr(args, "screen_reader", False):
        return True
    value = os.environ.get("METANAV_SCREEN_READER", "").strip().lower()
    if value in ("", "auto"):
        return None
    return value not in ("0", "no", "off", "false")


def _load(args: argparse.Namespace, cache: bool = True, saved_lang: str | None = None):
    """The content, in the language asked for (see metanav.language), or None if broken."""
    from metanav import language
    from metanav.content.load import ContentError, load_library
    from metanav.content.translation import translate
    from metanav.i18n import set_language

    try:
        library = load_library(args.data, cache=cache)
        lang = language.choose(getattr(args, "lang", None), saved_lang)
        set_language(lang)  # the interface's words too
        return translate(library, content_folders(args), lang)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        print("metanav cannot start until the content is fixed.", file=sys.stderr)
        return None


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
    where = " (with the bundled content)" if folder is not None and not bundled else ""
    print(f"Content is valid{where}: {library.summary()}.")
    for lang, words in translated.items():
        left = missing(words)
        if left:
            print(f"Note: not yet in {LANGUAGE_NAMES[lang]} ({lang}), so shown in English: "
                  f"{len(left)}: {', '.join(left)}.", file=sys.stderr)
    if folder is not None and not bundled:
        read = [clean(str(p.relative_to(folder))) for p in content_files(folder)]
        print(f"Read from {clean(str(folder))}: {', '.join(read)}.")
    return EXIT_OK


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
        print(f"A kiosk would load the content from YAML: {why}." if why else
              f"A kiosk starts from the prebuilt cache in {target}.")
        return EXIT_ERROR if why else EXIT_OK
    try:
        library, written = prebuilt.build(folders, target)
    except ContentError as exc:
        print(exc.report())
        return EXIT_BAD_CONTENT
    except OSError as exc:
        print(f"Could not write the cache in {target}: {exc.strerror or exc}.", file=sys.stderr)
        return EXIT_ERROR
    print(f"Built the kiosk's content cache for {library.summary()}:")
    for path in written:
        print(f"  {path}")
    print("A kiosk reads it while the content is unchanged; run build-cache again after changes.")
    return EXIT_OK


def _kiosk_library(args: argparse.Namespace, config):
    """A kiosk's content: the prebuilt cache when it matches, else the YAML. Writes nothing."""
    from metanav.content import prebuilt

    library = prebuilt.load(args.data, prebuilt.cache_folder(args.data, config.cache_dir))
    if library is None:
        return _load(args, cache=False)
    from metanav import language
    from metanav.content.load import ContentError
    from metanav.content.translation import translate

    lang = language.choose(getattr(args, "lang", None), None)
    if lang == "en":
        return library  # its resources are read after the first frame
    try:
        return translate(library, content_folders(args), lang)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        print("metanav cannot start until the content is fixed.", file=sys.stderr)
        return None


def cmd_export(args: argparse.Namespace) -> int:
    from metanav.content.text import clean
    from metanav.state.mylist import export, my_list, render_lines
    from metanav.state.store import Store, default_state_dir

    library = _load(args)
    if library is None:
        return EXIT_BAD_CONTENT
    store = Store.open(default_state_dir())
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

    library = _load(args)
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


def make_session(args: argparse.Namespace, library, kiosk_config=None):
    from metanav.session import Policy, Session
    from metanav.state.store import Store, default_state_dir

    if args.kiosk:
        from metanav.kiosk import load_config

        # Memory only, and the clinic's switches (everything off unless kiosk.ini allows it).
        kiosk_config = kiosk_config or load_config(args.kiosk_config)
        store = Store.memory()
        policy = kiosk_config.policy()
    else:
        store = Store.open(default_state_dir())
        policy = Policy()
    session = Session(library=library, store=store, policy=policy, kiosk=args.kiosk,
                      theme=args.theme or "", kiosk_config=kiosk_config,
                      folders=content_folders(args),
                      screen_reader=wants_screen_reader(args))
    if args.kiosk:
        session.start_lang = library.lang
    else:  # a person's own choice of language, remembered (never at a kiosk)
        from metanav import language

        lang = language.choose(args.lang, store.setting("language"))
        if lang != library.lang:
            session.use_language(lang)
    return session


def run_kiosk(args: argparse.Namespace) -> int:
    """Kiosk mode: harden the process first, never return to a prompt (see metanav.kiosk)."""
    from metanav import kiosk

    refusal = kiosk.harden_process()  # before Textual is imported: it reads TEXTUAL_* once
    if refusal:
        print(refusal, file=sys.stderr)
        return kiosk.leave(EXIT_ERROR)
    try:
        config = kiosk.load_config(args.kiosk_config)
    except kiosk.KioskConfigError as exc:
        print(exc, file=sys.stderr)
        print("metanav cannot start the kiosk until its settings are fixed.", file=sys.stderr)
        return kiosk.leave(EXIT_BAD_CONTENT)
    if not args.lang and config.language:
        args.lang = config.language  # the clinic's language, unless the command line says
    library = _kiosk_library(args, config)
    if library is None:
        return kiosk.leave(EXIT_BAD_CONTENT)
    session = make_session(args, library, config)
    if input_closed():
        print(_(NO_INPUT), file=sys.stderr)
        return kiosk.leave(EXIT_ERROR)
    if want_plain(args):
        from metanav.plain.kiosk_shell import run as run_plain_kiosk

        return kiosk.leave(run_plain_kiosk(session))
    kiosk.low_bandwidth()
    from metanav.tui.app import run as run_tui

    return kiosk.leave(run_tui(session, mouse=wants_mouse(args)))


class OutputLost(Exception):
    """Standard output could not be written (a full disk, a closed pipe)."""


class _GuardedOutput:
    """Standard output whose write errors are told apart from every other OSError."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as exc:
            raise OutputLost(exc) from exc

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputLost(exc) from exc

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Run metanav; a standard output that cannot be written ends it in words, not a trace."""
    real = sys.stdout
    if real is None:  # started with standard output closed
        return _main(argv)
    sys.stdout = _GuardedOutput(real)
    try:
        code = _main(argv)
        sys.stdout.flush()
        return code
    except OutputLost as lost:
        cause = lost.__cause__
        # What is still buffered goes nowhere, so the interpreter's last flush says nothing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, real.fileno())
        if isinstance(cause, BrokenPipeError):
            return EXIT_OK  # the reader stopped (| head): that is not an error
        reason = getattr(cause, "strerror", None) or type(cause).__name__
        print(f"metanav: could not write to standard output: {reason}.", file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.stdout = real


def _main(argv: list[str] | None = None) -> int:
    _interface_language(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.command == "check-data":
        return cmd_check_data(args)
    if args.command == "export":
        return cmd_export(args)
    if args.command == "search":
        return cmd_search(args)
    if args.command == "build-cache":
        return cmd_build_cache(args)
    if args.kiosk:
        return run_kiosk(args)
    library = _load(args)
    if library is None:
        return EXIT_BAD_CONTENT
    if input_closed():
        print(_(NO_INPUT), file=sys.stderr)
        return EXIT_ERROR
    session = make_session(args, library)
    if want_plain(args):
        from metanav.plain.shell import run as run_plain

        # Ctrl+C must say goodbye even when started by a parent that ignores SIGINT (nohup,
        # some launchers): an ignored signal is inherited across exec.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        return run_plain(session)
    from metanav.kiosk import low_bandwidth

    low_bandwidth()  # over SSH: a lower frame rate, unless TEXTUAL_FPS is set already
    # Start-up makes a great many objects that live as long as the app, and few cycles:
    # hunting cycles among them only delays the first frame. tui.app.run turns the garbage
    # collector back on after the first frame, with those objects frozen out of its sight.
    gc.disable()
    from metanav.tui.app import run as run_tui

    return run_tui(session, mouse=wants_mouse(args))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
