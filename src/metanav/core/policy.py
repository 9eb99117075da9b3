"""What a person may do here: one named switch per restriction, as lynx's ``-restrictions``.

Everything is allowed at home; kiosk mode (``kiosk.KioskConfig.policy``) turns switches off.
Commands name the switch they need (``Command.needs`` in core/commands.py), and every action
in core/actions.py checks it, so both faces refuse the same things with the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from metanav.i18n import N_

REFUSAL = N_("That is not available here.")


@dataclass(frozen=True, slots=True)
class Policy:
    """Switches for what a person may do. Kiosk mode turns them off."""

    export: bool = True  # write my list to a file
    print: bool = True  # show my list as a printable page
    open_links: bool = False  # metanav never starts a browser; addresses are shown as text
    own_notes: bool = True  # own questions and answer notes
    quit: bool = True  # leave the app with q / Ctrl+C / Ctrl+D

    def allows(self, switch: str) -> bool:
        """Whether the switch a command needs is on ("" needs nothing)."""
        return not switch or bool(getattr(self, switch))

    def refusal(self) -> str:
        return REFUSAL
