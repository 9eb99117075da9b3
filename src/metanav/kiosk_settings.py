"""Kiosk mode's settings file (kiosk.ini) and the staff PIN kept in it.

Plain Python (no Textual), so both faces share it and plain mode starts fast.

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
from dataclasses import dataclass
from pathlib import Path

from metanav.i18n import _

DEFAULT_EXIT_KEY = "ctrl+x"
DEFAULT_IDLE_SECONDS = 180
DEFAULT_COUNTDOWN_SECONDS = 30
PBKDF2_ITERATIONS = 600_000
HASH_SCHEME = "pbkdf2_sha256"
SYSTEM_CONFIG = Path("/etc/metanav/kiosk.ini")

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
        raise KioskConfigError(_("{file}: cannot be read ({why}).").format(file=path, why=why)
                               ) from None
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
            problems.append(_("{file}: [{section}]: unknown section (use [kiosk] and [allow])"
                              ).format(file=source, section=section))
            continue
        for key in parser[section]:
            if key not in known[section]:
                problems.append(_("{file}: [{section}] {key}: unknown setting").format(
                    file=source, section=section, key=key))
    kiosk = parser["kiosk"] if parser.has_section("kiosk") else {}
    allow = parser["allow"] if parser.has_section("allow") else {}

    def number(name: str, default: float, low: float) -> float:
        raw = kiosk.get(name, "").strip()
        if not raw:
            return default
        try:
            value = float(raw)
        except ValueError:
            problems.append(_("{file}: [kiosk] {key}: must be a number of seconds, not {value}"
                              ).format(file=source, key=name, value=repr(raw)))
            return default
        if value < low:
            problems.append(_("{file}: [kiosk] {key}: must be at least {low} seconds").format(
                file=source, key=name, low=f"{low:g}"))
            return default
        return value

    def switch(name: str) -> bool:
        raw = allow.get(name, "").strip().lower()
        if not raw or raw in _FALSE:
            return False
        if raw in _TRUE:
            return True
        problems.append(_("{file}: [allow] {key}: must be yes or no, not {value}").format(
            file=source, key=name, value=repr(raw)))
        return False

    exit_key = kiosk.get("exit_key", "").strip().lower() or DEFAULT_EXIT_KEY
    if exit_key not in EXIT_KEYS:
        problems.append(_("{file}: [kiosk] exit_key: {value} cannot be the staff key; use one "
                          "of {keys}").format(file=source, value=repr(exit_key),
                                              keys=", ".join(EXIT_KEYS)))
    pin_hash = kiosk.get("pin_hash", "").strip()
    pin = kiosk.get("pin", "").strip()
    if pin_hash and pin:
        problems.append(_("{file}: [kiosk]: set pin_hash or pin, not both").format(file=source))
    if pin_hash and not _valid_hash(pin_hash):
        problems.append(_("{file}: [kiosk] pin_hash: not a hash made by "
                          "'python -m metanav.kiosk hash-pin'").format(file=source))
    if pin and (len(pin) < 4 or not pin.isprintable()):
        problems.append(_("{file}: [kiosk] pin: use at least 4 characters").format(file=source))
    cache_dir = kiosk.get("cache_dir", "").strip()
    if cache_dir and not os.path.isabs(cache_dir):
        problems.append(_("{file}: [kiosk] cache_dir: must be a full path starting with /"
                          ).format(file=source))
    printer = kiosk.get("printer", "").strip()
    if printer and not re.fullmatch(r"[A-Za-z0-9._@-]{1,127}", printer):
        problems.append(_("{file}: [kiosk] printer: {value} is not a CUPS printer name "
                          "(letters, digits, '.', '_', '-', '@'; see lpstat -p)").format(
                              file=source, value=repr(printer)))
    from metanav.language import SUPPORTED, code

    language = kiosk.get("language", "").strip()
    if language and not code(language):
        problems.append(_("{file}: [kiosk] language: {value} is not one metanav has "
                          "(use one of: {languages})").format(
                              file=source, value=repr(language), languages=", ".join(SUPPORTED)))
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
        problems.append(_("{file}: [allow] print = yes needs the printer's name: "
                          "[kiosk] printer = NAME (see lpstat -p)").format(file=source))
    if problems:
        raise KioskConfigError("\n".join(problems))
    return config


def _one_line(text: str) -> str:
    return " ".join(text.split())

