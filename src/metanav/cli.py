"""Command line: parse arguments, load content and state, and pick a face.

The options are in cli_options.py, the commands that run once and end (check-data, export,
search, build-cache) in cli_commands.py. Textual is imported only when the full-screen app
starts, so plain mode, ``check-data`` and ``export`` start fast.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys

from metanav.cli_commands import (
    EXIT_BAD_CONTENT,
    EXIT_ERROR,
    EXIT_OK,
    cmd_build_cache,
    cmd_check_data,
    cmd_export,
    cmd_search,
    content_folders,
    kiosk_content,
    load_content,
    run_language,
)
from metanav.cli_options import build_parser, interface_language
from metanav.i18n import N_, _


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


def make_session(args: argparse.Namespace, library, store, decided, kiosk_config=None):
    """The run's session. ``decided`` (cli_commands.run_language) is the language the content
    is in already; the first screen offers the choice on a kiosk, and on a person's first run
    (no saved file) at a keyboard (a script's answers are not a person to ask), unless it
    was decided."""
    from metanav.session import Policy, Session

    policy = kiosk_config.policy() if args.kiosk else Policy()
    session = Session(library=library, store=store, policy=policy, kiosk=args.kiosk,
                      theme=args.theme or "", kiosk_config=kiosk_config,
                      folders=content_folders(args),
                      screen_reader=wants_screen_reader(args))
    if args.kiosk:
        session.start_lang = library.lang  # each new person starts in it again
        session.ask_language = not decided.fixed
    else:
        # A first run: no saved file yet. Someone who used metanav before chose already, if
        # only by using it; i switches language at any time.
        first_run = store.path is not None and not store.path.exists()
        session.ask_language = (first_run and not (decided.fixed or decided.saved)
                                and _at_a_keyboard())
    return session


def _at_a_keyboard() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError, OSError):
        return False


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
        print(_("metanav cannot start the kiosk until its settings are fixed."), file=sys.stderr)
        return kiosk.leave(EXIT_BAD_CONTENT)
    from metanav.state.store import Store

    store = Store.memory()  # memory only: the next person sees nothing of the last
    decided = run_language(args, config=config)  # the clinic's language, unless told
    library = kiosk_content(args, config, decided.lang)
    if library is None:
        return kiosk.leave(EXIT_BAD_CONTENT)
    session = make_session(args, library, store, decided, config)
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
        print(_("metanav: could not write to standard output: {why}.").format(why=reason),
              file=sys.stderr)
        return EXIT_ERROR
    finally:
        sys.stdout = real


def _main(argv: list[str] | None = None) -> int:
    interface_language(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command == "search" and not any(u.startswith("--") for u in unknown):
        args.words += unknown  # `metanav search -pain`: a word that starts with "-", not an error
    elif unknown:
        args = parser.parse_args(argv)  # argparse's own message and exit code
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
    from metanav.state.store import Store, default_state_dir

    store = Store.open(default_state_dir())
    decided = run_language(args, store)  # once: the content and the words in it
    library = load_content(args, decided.lang)
    if library is None:
        return EXIT_BAD_CONTENT
    if input_closed():
        print(_(NO_INPUT), file=sys.stderr)
        return EXIT_ERROR
    session = make_session(args, library, store, decided)
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
