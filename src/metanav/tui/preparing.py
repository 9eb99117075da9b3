"""Search made ready beside a screen: large content in a translation is indexed in memory on
its first search or filter (about 20 s at 100,000 resources, core/search.preparing). A screen
that needs it shows a line with how far it has come and takes keys meanwhile; this does the
work in a daemon thread (leaving metanav does not wait for it) and calls the screen back on the
app's own thread: ``show(percent)`` every tenth, then ``done()``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.screen import Screen

from metanav.core import search


def prepare_beside(screen: Screen, session, show: Callable[[int], None],
                   done: Callable[[], None]) -> None:
    def back(callback, *args) -> None:
        try:
            screen.app.call_from_thread(callback, *args)
        except Exception:  # noqa: BLE001 - the app has ended meanwhile: nothing to show
            pass

    def work() -> None:
        shown = [0]

        def progress(count: int, total: int) -> None:
            tenth = count * 10 // max(total, 1)
            if tenth > shown[0]:
                shown[0] = tenth
                back(show, tenth * 10)

        search.prepare(session, progress)
        back(done)

    threading.Thread(target=work, daemon=True).start()
