"""The terminal's own cursor, shown or hidden. Part of ``textual_internals`` (see its
``__init__.py``): Textual hides the cursor when it starts and has no public way to show it,
so this writes the escape with the app's ``_driver``, as Textual's own drivers do.

It needs nothing else of Textual's, so it does not wait on ``AVAILABLE``: a Textual that
renamed some other internal still shows the screen-reader setting's cursor. Without a
``_driver`` that can ``write``, nothing is sent and the cursor stays as Textual left it.
"""

from __future__ import annotations

SHOW = "\x1b[?25h"
HIDE = "\x1b[?25l"


def show_terminal_cursor(app, shown: bool) -> bool:
    """Show (``shown``) or hide the terminal's cursor; True when it was sent. Never sent
    headless (tests) or before the app has a terminal."""
    if getattr(app, "is_headless", True):
        return False
    write = getattr(getattr(app, "_driver", None), "write", None)
    if not callable(write):
        return False
    write(SHOW if shown else HIDE)
    return True
