"""Kiosk mode: the words it says, the staff exit, the quiet-spell clock, and ``python -m
metanav.kiosk`` (hash-pin, check).

The settings file and the PIN hashing are in kiosk_settings.py, the hold on the process
(signals, environment, the way out) in kiosk_lockdown.py; their names are also reachable from
here (``from metanav.kiosk import KioskConfig``). Plain Python (no Textual), so both faces share
it and plain mode starts fast.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from metanav.i18n import N_, _, ngettext
from metanav.kiosk_lockdown import (
    dangerous_variables,
    harden_process,
    ignore_keyboard_signals,
    leave,
    low_bandwidth,
    scrub_environment,
    textual_already_tainted,
)
from metanav.kiosk_settings import (
    DEFAULT_COUNTDOWN_SECONDS,
    DEFAULT_EXIT_KEY,
    DEFAULT_IDLE_SECONDS,
    EXIT_KEYS,
    HASH_SCHEME,
    PBKDF2_ITERATIONS,
    SYSTEM_CONFIG,
    KioskConfig,
    KioskConfigError,
    check_pin,
    default_config_paths,
    find_config,
    hash_pin,
    load_config,
    parse_config,
)
from metanav.pin_tries import LOCKOUT_SECONDS, MAX_WRONG_PINS, WrongPins

__all__ = [
    "CLEARED", "DEFAULT_COUNTDOWN_SECONDS", "DEFAULT_EXIT_KEY", "DEFAULT_IDLE_SECONDS",
    "EXIT_KEYS", "HASH_SCHEME", "LINKS_NOT_OPENED", "LOCKED_OUT", "LOCKOUT_SECONDS",
    "MAX_WRONG_PINS", "NOT_HERE", "NO_STAFF_EXIT", "PBKDF2_ITERATIONS", "STAYS_OPEN",
    "SYSTEM_CONFIG", "WRONG_PIN", "IdleWatch", "KioskConfig", "KioskConfigError", "StaffGate",
    "check_pin", "dangerous_variables", "default_config_paths", "find_config", "harden_process",
    "hash_pin", "ignore_keyboard_signals", "leave", "load_config", "low_bandwidth", "main",
    "parse_config", "scrub_environment", "STILL_THERE", "clearing_in", "still_there", "textual_already_tainted",
]

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


# The full screen's countdown: two lines, so a screen reader, which reads a line when it
# changes, hears "Clearing in 9 seconds." each second, not the whole question again.
STILL_THERE = N_("Still there? Press any key to keep going.")


def clearing_in(seconds: int) -> str:
    return ngettext("Clearing in {n} second.", "Clearing in {n} seconds.",
                    seconds).format(n=seconds)


def still_there(seconds: int) -> str:
    return f"{_(STILL_THERE)} {clearing_in(seconds)}"


# -- python -m metanav.kiosk hash-pin --------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    import argparse
    import getpass

    from metanav import language
    from metanav.i18n import set_language

    set_language(language.decide(None).lang)  # METANAV_LANG, else the locale
    parser = argparse.ArgumentParser(
        prog="python -m metanav.kiosk",
        description=_("Kiosk helpers. hash-pin asks for a staff PIN and prints the line to put "
                      "in the [kiosk] section of kiosk.ini."),
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("hash-pin", help=_("make a pin_hash line from a PIN typed twice"))
    check = sub.add_parser("check", help=_("check a kiosk.ini file and say what it sets"))
    check.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        try:
            config = load_config(args.file)
        except KioskConfigError as exc:
            print(exc)
            return 2
        staff = (_("{key} then the PIN").format(key=config.exit_key) if config.staff_exit
                 else _("off (no PIN set)"))
        printing = (_("on {printer}").format(printer=config.printer) if config.allow_print
                    else _("off"))
        print(_("{file}: valid. Staff exit: {staff}; clears after {idle} + {countdown} seconds. "
                "Printing: {printing}.").format(
                    file=args.file, staff=staff, idle=f"{config.idle_seconds:g}",
                    countdown=f"{config.countdown_seconds:g}", printing=printing))
        return 0
    pin = getpass.getpass(_("Staff PIN (at least 4 characters): "))
    if len(pin) < 4:
        print(_("Use at least 4 characters. Nothing was made."), file=sys.stderr)
        return 1
    again = getpass.getpass(_("Same PIN again: "))
    if pin != again:
        print(_("The two PINs differ. Nothing was made."), file=sys.stderr)
        return 1
    print(f"pin_hash = {hash_pin(pin)}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
