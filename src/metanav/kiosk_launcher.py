"""``metanav-kiosk``: start metanav's kiosk mode in a clean process.

sshd's ``ForceCommand`` (or a screen's autologin) runs this. It throws away the environment it
was given and replaces itself (``os.execve``, no shell, no child) with::

    <this python> -I -m metanav --kiosk [--plain] [--data DIR]... [--kiosk-config FILE] [--theme NAME]
        [--lang LANG]

``-I`` (isolated mode) makes Python ignore every PYTHON* variable (PYTHONINSPECT, PYTHONPATH,
PYTHONSTARTUP...), the user's site-packages and the current folder. The new environment holds
only what a terminal program needs; no TEXTUAL_* variable (TEXTUAL_ALLOW_SIGNALS, TEXTUAL_PRESS,
TEXTUAL_SCREENSHOT, TEXTUAL_LOG, TEXTUAL_DRIVER...), no LD_PRELOAD, nothing a client could send.

For the strongest setup run the launcher itself isolated too:
``ForceCommand /opt/metanav/bin/python -I -m metanav.kiosk_launcher``.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Mapping, Sequence

from metanav.i18n import _

SAFE_PATH = "/usr/bin:/bin"
DEFAULT_LANG = "C.UTF-8"
_TERM_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")
_LOCALE_RE = re.compile(r"^[A-Za-z]{1,8}(_[A-Za-z]{2,3})?(\.[A-Za-z0-9-]{1,20})?(@[A-Za-z0-9]{1,20})?$")
_SSH_RE = re.compile(r"^[0-9A-Fa-f.:% ]{1,200}$")


def build_parser() -> argparse.ArgumentParser:
    from metanav import language
    from metanav.i18n import set_language

    set_language(language.decide(None).lang)  # METANAV_LANG, else the locale: for --help
    parser = argparse.ArgumentParser(
        prog="metanav-kiosk",
        description=_("Start metanav's kiosk mode with a clean environment (for sshd "
                      "ForceCommand or a screen's autologin)."),
    )
    parser.add_argument("--plain", action="store_true", help=_("line-by-line kiosk"))
    parser.add_argument("--data", metavar="DIR", action="append", default=[],
                        help=_("the clinic's own content folder; may repeat"))
    parser.add_argument("--kiosk-config", metavar="FILE", help=_("kiosk settings file"))
    parser.add_argument("--theme", metavar="NAME", help=_("default, high-contrast or ansi"))
    parser.add_argument("--lang", metavar="LANG", type=_language,
                        help=_("en (English) or es (Español) for everyone: the first screen "
                               "does not ask (kiosk.ini's language = still asks)"))
    parser.add_argument("--screen-reader", action="store_true",
                        help=_("the screen-reader setting for everyone (a kiosk with Fenrir "
                               "or a braille display): no focus bars, scroll bars or box lines"))
    parser.add_argument("--runtime-dir", metavar="DIR",
                        help=_("where the count of wrong staff PINs is kept (default: the "
                               "account's runtime folder, /run/user/UID/metanav)"))
    return parser


def _language(value: str) -> str:
    """--lang es: as metanav's own --lang takes it ("es", "español", "es_MX")."""
    from metanav.language import SUPPORTED, code

    if not code(value):
        raise argparse.ArgumentTypeError(_("choose one of: {languages}").format(
            languages=", ".join(SUPPORTED)))
    return code(value)


def build_argv(args: Sequence[str], executable: str | None = None) -> list[str]:
    """The command line to run: only options the launcher knows, paths made absolute."""
    opts = build_parser().parse_args(list(args))
    python = executable or sys.executable
    argv = [python, "-I", "-m", "metanav", "--kiosk"]
    if opts.plain:
        argv.append("--plain")
    for folder in opts.data:
        argv += ["--data", os.path.abspath(folder)]
    if opts.kiosk_config:
        argv += ["--kiosk-config", os.path.abspath(opts.kiosk_config)]
    if opts.theme:
        argv += ["--theme", opts.theme]
    if opts.lang:
        argv += ["--lang", opts.lang]
    if opts.screen_reader:
        argv.append("--screen-reader")
    return argv


def build_env(environ: Mapping[str, str], runtime_dir: str | None = None) -> dict[str, str]:
    """A minimal environment: a checked TERM and locale, HOME, a fixed PATH, SSH_CONNECTION.

    Nothing else from ``environ`` is kept. ``runtime_dir`` (the launcher's own --runtime-dir,
    chosen by staff in ForceCommand or the autologin, never by whoever connects) becomes
    METANAV_RUNTIME_DIR: where the shared count of wrong PINs is kept (pin_tries.py).
    """
    env = {"PATH": SAFE_PATH}
    if runtime_dir:
        env["METANAV_RUNTIME_DIR"] = os.path.abspath(runtime_dir)
    term = environ.get("TERM", "")
    env["TERM"] = term if _TERM_RE.match(term) else "xterm-256color"
    for name in ("LANG", "LC_ALL"):
        value = environ.get(name, "")
        if value and _LOCALE_RE.match(value):
            env[name] = value
    env.setdefault("LANG", DEFAULT_LANG)
    home = _home()
    if home:
        env["HOME"] = home
    # Set by sshd itself (a client cannot choose it); tells metanav to spare the bandwidth.
    ssh = environ.get("SSH_CONNECTION", "")
    if ssh and _SSH_RE.match(ssh):
        env["SSH_CONNECTION"] = ssh
    if environ.get("NO_COLOR", "") and environ.get("NO_COLOR", "").isprintable():
        env["NO_COLOR"] = "1"
    return env


def _home() -> str:
    """The account's home from the password database, not from the environment."""
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError):
        return ""


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    command = build_argv(args)
    env = build_env(os.environ, build_parser().parse_args(args).runtime_dir)
    try:
        os.execve(command[0], command, env)
    except OSError as exc:  # pragma: no cover - only when Python itself has gone
        print(_("metanav-kiosk could not start {program}: {why}").format(
            program=command[0], why=exc.strerror or exc), file=sys.stderr)
        return 1
    return 0  # pragma: no cover - execve does not return


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
