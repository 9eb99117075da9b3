"""Kiosk mode: settings, the staff PIN, the idle clock and hardening of the process.

This module is plain Python (no Textual) so both faces share it and plain mode starts fast.

The settings file is a small INI file (``configparser``: no new dependency, the same on every
Python version)::

    [kiosk]
    # The key that asks for the staff PIN: ctrl+x (default), ctrl+a/b/e/f/g/n/p, f3-f9, f11, f12.
    exit_key = ctrl+x
    # Made with:  python -m metanav.kiosk hash-pin
    pin_hash = pbkdf2_sha256$600000$<salt hex>$<hash hex>
    # A plain PIN also works (pin = 4711), but anyone who can read the file then knows it.
    idle_seconds = 180
    countdown_seconds = 30
    printer = waitingroom          # the CUPS printer for [allow] print = yes
    cache_dir = /var/cache/metanav # where `metanav build-cache` writes (default: by the content)

    [allow]
    # Everything is off in kiosk mode unless switched on here.
    export = no
    print = no
    own_notes = no
    open_links = no   # accepted, but a shared screen never starts a browser

Where it is looked for: ``--kiosk-config FILE``, else ``/etc/metanav/kiosk.ini``, else
``kiosk.ini`` in the platformdirs site config folder. No file: kiosk defaults and no staff exit
(the screen then stays open until the machine or the SSH session ends).
"""

from __future__ import annotations

import configparser
import hashlib
import hmac
import os
import re
import signal
import sys
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

from metanav.i18n import N_, _, ngettext
from metanav.pin_tries import LOCKOUT_SECONDS, MAX_WRONG_PINS, WrongPins  # noqa: F401 - kiosk.MAX_WRONG_PINS

DEFAULT_EXIT_KEY = "ctrl+x"
DEFAULT_IDLE_SECONDS = 180
DEFAULT_COUNTDOWN_SECONDS = 30
PBKDF2_ITERATIONS = 600_000
HASH_SCHEME = "pbkdf2_sha256"
SYSTEM_CONFIG = Path("/etc/metanav/kiosk.ini")

# What kiosk mode says. Both faces use these words.
STAYS_OPEN = N_("This screen stays open for the next person.")
WRONG_PIN = N_("That PIN is not right.")
NO_STAFF_EXIT = N_("Staff exit is not set up on this screen.")
LOCKED_OUT = N_("Too many wrong PINs. Try again later: the wait grows with each wrong PIN.")
NOT_HERE = N_("That is not available here.")
LINKS_NOT_OPENED = N_(
    "metanav does not open web pages here. Write the address down, or press c on a "
    "resource for a QR code your phone camera can read."
)
CLEARED = N_("Your session was cleared. Nothing you looked at is kept.")

# Wrong PINs before the staff key stops listening for LOCKOUT_SECONDS (then twice as long after
# each further wrong one, up to an hour; counted across processes: metanav.pin_tries).

_TRUE = {"1", "yes", "true", "on"}
_FALSE = {"0", "no", "false", "off"}

# Staff exit keys that work the same in the full-screen app and in plain mode. Left out: keys
# everyone needs or that mean "stay" (Ctrl+C/D/Q/Z/\\, F1 help, F2 colours, F10 done), keys the
# terminal's line editing or flow control eats in plain mode (Ctrl+H/J/M/I/U/W/V/S/O/R/T/Y),
# and keys metanav's screens use (Ctrl+K/L/R, F5 redraw).
EXIT_KEYS = tuple(f"ctrl+{c}" for c in "abefgnpx") + tuple(f"f{n}" for n in (3, 4, 6, 7, 8, 9, 11, 12))


class KioskConfigError(Exception):
    """The settings file is wrong; the message says where and what, in words."""


@dataclass(frozen=True, slots=True)
class KioskConfig:
    exit_key: str = DEFAULT_EXIT_KEY
    pin_hash: str = ""  # "pbkdf2_sha256$iterations$salt_hex$hash_hex", or "plain$PIN"
    idle_seconds: float = DEFAULT_IDLE_SECONDS
    countdown_seconds: float = DEFAULT_COUNTDOWN_SECONDS
    allow_export: bool = False
    allow_print: bool = False
    allow_own_notes: bool = False
    allow_open_links: bool = False  # recorded, never honoured: no browser on a shared screen
    cache_dir: str = ""  # where `metanav build-cache` puts the prebuilt content cache
    printer: str = ""  # the CUPS printer `p` prints on, when [allow] print = yes
    language: str = ""  # the clinic's language ("es", "en"): each person starts in it
    source: str = ""  # the file it came from ("" for built-in defaults)

    @property
    def staff_exit(self) -> bool:
        return bool(self.pin_hash)

    def policy(self):
        from metanav.core.policy import Policy

        return Policy(
            export=self.allow_export,
            print=self.allow_print,
            open_links=False,
            own_notes=self.allow_own_notes,
            quit=False,
        )

    def check_pin(self, pin: str) -> bool:
        return check_pin(pin, self.pin_hash)


# -- PINs ------------------------------------------------------------------------------------
def hash_pin(pin: str, salt: bytes | None = None, iterations: int = PBKDF2_ITERATIONS) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)
    return f"{HASH_SCHEME}${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """True when ``pin`` matches ``stored`` (a hash from :func:`hash_pin` or ``plain$PIN``)."""
    if not stored or not pin:
        return False
    if stored.startswith("plain$"):
        return hmac.compare_digest(pin.encode("utf-8"), stored[6:].encode("utf-8"))
    try:
        scheme, iterations, salt_hex, hash_hex = stored.split("$")
        if scheme != HASH_SCHEME:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), bytes.fromhex(salt_hex),
                                     int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), hash_hex.lower())


def _valid_hash(stored: str) -> bool:
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != HASH_SCHEME:
        return False
    try:
        return int(parts[1]) >= 1000 and bool(bytes.fromhex(parts[2])) and len(bytes.fromhex(parts[3])) == 32
    except ValueError:
        return False


# -- the settings file -----------------------------------------------------------------------
def default_config_paths() -> list[Path]:
    paths = [SYSTEM_CONFIG]
    try:
        import platformdirs

        site = platformdirs.site_config_path("metanav", appauthor=False, multipath=False)
        paths.append(site / "kiosk.ini")
    except Exception:  # noqa: BLE001 - a missing or odd platformdirs only loses one place
        pass
    return paths


def find_config(explicit: Path | None) -> Path | None:
    if explicit is not None:
        return explicit
    for path in default_config_paths():
        if path.is_file():
            return path
    return None


def load_config(explicit: Path | None = None) -> KioskConfig:
    """Settings from ``explicit`` (must exist), else the first default file, else defaults."""
    path = find_config(explicit)
    if path is None:
        return KioskConfig()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise KioskConfigError(f"{path}: cannot be read ({why}).") from None
    return parse_config(text, str(path))


def parse_config(text: str, source: str = "kiosk.ini") -> KioskConfig:
    parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=("#", ";"))
    try:
        parser.read_string(text, source=source)
    except configparser.Error as exc:
        raise KioskConfigError(f"{source}: {_one_line(str(exc))}") from None
    problems: list[str] = []
    known = {"kiosk": {"exit_key", "pin_hash", "pin", "idle_seconds", "countdown_seconds",
                       "cache_dir", "printer", "language"},
             "allow": {"export", "print", "own_notes", "open_links"}}
    for section in parser.sections():
        if section not in known:
            problems.append(f"{source}: [{section}]: unknown section (use [kiosk] and [allow])")
            continue
        for key in parser[section]:
            if key not in known[section]:
                problems.append(f"{source}: [{section}] {key}: unknown setting")
    kiosk = parser["kiosk"] if parser.has_section("kiosk") else {}
    allow = parser["allow"] if parser.has_section("allow") else {}

    def number(name: str, default: float, low: float) -> float:
        raw = kiosk.get(name, "").strip()
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            problems.append(f"{source}: [kiosk] {name}: must be a number of seconds, not {raw!r}")
            return default
        if value < low:
            problems.append(f"{source}: [kiosk] {name}: must be at least {low:g} seconds")
            return default
        return value

    def switch(name: str) -> bool:
        raw = allow.get(name, "").strip().lower()
        if not raw or raw in _FALSE:
            return False
        if raw in _TRUE:
            return True
        problems.append(f"{source}: [allow] {name}: must be yes or no, not {raw!r}")
        return False

    exit_key = kiosk.get("exit_key", "").strip().lower() or DEFAULT_EXIT_KEY
    if exit_key not in EXIT_KEYS:
        problems.append(f"{source}: [kiosk] exit_key: {exit_key!r} cannot be the staff key; use one "
                        f"of {', '.join(EXIT_KEYS)}")
    pin_hash = kiosk.get("pin_hash", "").strip()
    pin = kiosk.get("pin", "").strip()
    if pin_hash and pin:
        problems.append(f"{source}: [kiosk]: set pin_hash or pin, not both")
    if pin_hash and not _valid_hash(pin_hash):
        problems.append(f"{source}: [kiosk] pin_hash: not a hash made by "
                        "'python -m metanav.kiosk hash-pin'")
    if pin and (len(pin) < 4 or not pin.isprintable()):
        problems.append(f"{source}: [kiosk] pin: use at least 4 characters")
    cache_dir = kiosk.get("cache_dir", "").strip()
    if cache_dir and not os.path.isabs(cache_dir):
        problems.append(f"{source}: [kiosk] cache_dir: must be a full path starting with /")
    printer = kiosk.get("printer", "").strip()
    if printer and not re.fullmatch(r"[A-Za-z0-9._@-]{1,127}", printer):
        problems.append(f"{source}: [kiosk] printer: {printer!r} is not a CUPS printer name "
                        "(letters, digits, '.', '_', '-', '@'; see lpstat -p)")
    from metanav.language import SUPPORTED, code

    language = kiosk.get("language", "").strip()
    if language and not code(language):
        problems.append(f"{source}: [kiosk] language: {language!r} is not one metanav has "
                        f"(use one of: {', '.join(SUPPORTED)})")
    config = KioskConfig(
        exit_key=exit_key,
        language=code(language),
        pin_hash=pin_hash or (f"plain${pin}" if pin else ""),
        idle_seconds=number("idle_seconds", DEFAULT_IDLE_SECONDS, 10),
        countdown_seconds=number("countdown_seconds", DEFAULT_COUNTDOWN_SECONDS, 5),
        allow_export=switch("export"),
        allow_print=switch("print"),
        allow_own_notes=switch("own_notes"),
        allow_open_links=switch("open_links"),
        cache_dir=cache_dir,
        printer=printer,
        source=source,
    )
    if config.allow_print and not printer:
        problems.append(f"{source}: [allow] print = yes needs the printer's name: "
                        "[kiosk] printer = NAME (see lpstat -p)")
    if problems:
        raise KioskConfigError("\n".join(problems))
    return config


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- staff exit ------------------------------------------------------------------------------
@dataclass(slots=True)
class StaffGate:
    """Checks staff PINs; after too many wrong ones the staff key waits, longer each time. The
    count is shared by every kiosk process of this account (see metanav.pin_tries)."""

    config: KioskConfig
    clock: Callable[[], float] = time.monotonic
    tries: WrongPins | None = None

    def __post_init__(self) -> None:
        if self.tries is None:
            self.tries = WrongPins(self.clock)

    def can_ask(self) -> str:
        """"" when a PIN may be asked for now, otherwise what to say instead."""
        if not self.config.staff_exit:
            return _(NO_STAFF_EXIT)
        if self.tries.locked():  # type: ignore[union-attr]
            return _(LOCKED_OUT)
        return ""

    def try_pin(self, pin: str) -> bool:
        if self.can_ask():
            return False
        right = self.config.check_pin(pin)
        self.tries.record(right)  # type: ignore[union-attr]
        return right


# -- the quiet-spell clock -------------------------------------------------------------------
@dataclass(slots=True)
class IdleWatch:
    """How long nobody has pressed a key. ``clock`` is injectable so tests need not wait."""

    idle_seconds: float = DEFAULT_IDLE_SECONDS
    countdown_seconds: float = DEFAULT_COUNTDOWN_SECONDS
    clock: Callable[[], float] = time.monotonic
    last: float = field(default=0.0)
    armed: bool = True  # False after a reset: an empty kiosk stays quiet until a key

    def __post_init__(self) -> None:
        self.last = self.clock()

    def touch(self) -> None:
        """Someone pressed a key: the quiet spell starts again, and is watched."""
        self.last = self.clock()
        self.armed = True

    def restart(self) -> None:
        """Count the quiet spell from now (a new prompt), without arming the watch."""
        self.last = self.clock()

    def rest(self) -> None:
        """After a reset nobody is there: no "Still there?" and no clearing (which spoke and
        cleared the screen every few minutes, forever) until someone presses a key."""
        self.last = self.clock()
        self.armed = False

    def state(self) -> tuple[str, int]:
        """("active", 0), ("warning", whole seconds left) or ("reset", 0)."""
        if not self.armed:
            return "active", 0
        quiet = self.clock() - self.last
        if quiet < self.idle_seconds:
            return "active", 0
        left = self.idle_seconds + self.countdown_seconds - quiet
        if left <= 0:
            return "reset", 0
        return "warning", max(1, int(left + 0.999))


def still_there(seconds: int) -> str:
    return ngettext("Still there? Press any key to keep going. Clearing in {n} second.",
                    "Still there? Press any key to keep going. Clearing in {n} seconds.",
                    seconds).format(n=seconds)


# -- hardening the process -------------------------------------------------------------------
# Environment variables that change what Textual or Python does in ways a kiosk must not allow:
# TEXTUAL_ALLOW_SIGNALS (Ctrl+C kills), TEXTUAL_PRESS (typed keys), TEXTUAL_SCREENSHOT* (writes a
# file, then exits), TEXTUAL_LOG / TEXTUAL_DEVTOOLS* (writes or sends the screen), TEXTUAL_DRIVER
# (imports any class), TEXTUAL (features such as devtools), PYTHONINSPECT (a Python prompt at exit).
def dangerous_variables(environ: MutableMapping[str, str]) -> list[str]:
    return sorted(k for k in environ if k.startswith(("TEXTUAL", "PYTHON")))


def scrub_environment(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Remove every TEXTUAL* and PYTHON* variable; return the names removed."""
    environ = os.environ if environ is None else environ
    removed = dangerous_variables(environ)
    for name in removed:
        del environ[name]
    return removed


def textual_already_tainted() -> str:
    """If Textual was imported before the scrub, the names of settings it took from outside."""
    constants = sys.modules.get("textual.constants")
    if constants is None:
        return ""
    bad = []
    if getattr(constants, "PRESS", ""):
        bad.append("TEXTUAL_PRESS")
    if getattr(constants, "SCREENSHOT_DELAY", -1) >= 0:
        bad.append("TEXTUAL_SCREENSHOT")
    if getattr(constants, "LOG_FILE", None):
        bad.append("TEXTUAL_LOG")
    if getattr(constants, "DRIVER", None):
        bad.append("TEXTUAL_DRIVER")
    if getattr(constants, "DEBUG", False):
        bad.append("TEXTUAL_DEBUG")
    return ", ".join(bad)


def harden_process() -> str:
    """Prepare this process for kiosk mode. Returns "" or why kiosk mode must not start.

    Signals from the keyboard are ignored from the very start (Textual also turns them off in
    the terminal while it runs). A Python started with -i or PYTHONINSPECT would give a prompt
    when metanav ends: refuse.
    """
    if sys.flags.inspect or sys.flags.interactive:
        return "Kiosk mode cannot start inside an interactive Python (python -i, PYTHONINSPECT)."
    scrub_environment()
    tainted = textual_already_tainted()
    if tainted:
        return f"Kiosk mode cannot start: Textual was already set up from outside ({tainted})."
    ignore_keyboard_signals()
    return ""


def ignore_keyboard_signals() -> None:
    for name in ("SIGINT", "SIGQUIT", "SIGTSTP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):  # not the main thread, or not allowed here
                pass


def low_bandwidth(environ: MutableMapping[str, str] | None = None) -> bool:
    """Over SSH: fewer frames per second. Call before Textual is imported. Returns True if set."""
    environ = os.environ if environ is None else environ
    if not environ.get("SSH_CONNECTION") and not environ.get("SSH_CLIENT"):
        return False
    environ.setdefault("TEXTUAL_FPS", "20")
    return True


def leave(code: int) -> int:
    """How kiosk mode ends. If Python would open a prompt after metanav (python -i,
    PYTHONINSPECT), end the process at once instead; otherwise just return ``code``."""
    if sys.flags.inspect or sys.flags.interactive or "PYTHONINSPECT" in os.environ:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code)
    return code


# -- python -m metanav.kiosk hash-pin --------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    import argparse
    import getpass

    parser = argparse.ArgumentParser(
        prog="python -m metanav.kiosk",
        description="Kiosk helpers. hash-pin asks for a staff PIN and prints the line to put in "
                    "the [kiosk] section of kiosk.ini.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("hash-pin", help="make a pin_hash line from a PIN typed twice")
    check = sub.add_parser("check", help="check a kiosk.ini file and say what it sets")
    check.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        try:
            config = load_config(args.file)
        except KioskConfigError as exc:
            print(exc)
            return 2
        print(f"{args.file}: valid. Staff exit: "
              f"{config.exit_key + ' then the PIN' if config.staff_exit else 'off (no PIN set)'}; "
              f"clears after {config.idle_seconds:g} + {config.countdown_seconds:g} seconds. "
              f"Printing: {'on ' + config.printer if config.allow_print else 'off'}.")
        return 0
    pin = getpass.getpass("Staff PIN (at least 4 characters): ")
    if len(pin) < 4:
        print("Use at least 4 characters. Nothing was made.", file=sys.stderr)
        return 1
    again = getpass.getpass("Same PIN again: ")
    if pin != again:
        print("The two PINs differ. Nothing was made.", file=sys.stderr)
        return 1
    print(f"pin_hash = {hash_pin(pin)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
