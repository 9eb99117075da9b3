"""The command line's options: what `metanav --help` lists, in the person's language.

cli.py reads them with build_parser() and then picks the face or runs a command.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from metanav import __version__
from metanav.i18n import N_, _
from metanav.session import THEME_NAMES

DESCRIPTION = N_(
    "metanav: plain-language information about metastatic cancer, "
    "a questions-for-your-doctor checklist and support resources, in a terminal."
)


# argparse's own words (usage, its headings, its errors), kept in metanav's catalogue: argparse
# asks its module's gettext for them, which interface_language points at metanav's.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"), N_("expected one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def interface_language(argv: list[str]) -> None:
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
    from metanav import i18n

    # argparse looks these two names up in its own module each time it makes a message.
    setattr(argparse, "_", i18n._)  # noqa: B010 - a module's gettext, not an attribute
    setattr(argparse, "ngettext", i18n.ngettext)  # noqa: B010


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="metanav",
        description=_(DESCRIPTION),
        epilog=(
            _("Plain mode is chosen on its own when output is not a terminal or TERM=dumb. "
            "Saved lists live in METANAV_STATE_DIR, or your user data folder.")
        ),
    )
    parser.add_argument("--version", action="version", version=f"metanav {__version__}",
                        help=_("show program's version number and exit"))
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
        help=_("full-screen app for a screen reader or braille display: no focus bars, scroll "
               "bars or symbols, keys in words (also METANAV_SCREEN_READER=1; Ctrl+S switches "
               "it and is remembered). On by itself when Fenrir or Speakup is found; "
               "METANAV_SCREEN_READER=0 keeps it off"),
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
        raise argparse.ArgumentTypeError(_("choose one of: {languages}").format(
            languages=", ".join(SUPPORTED)))
    return code(value)
