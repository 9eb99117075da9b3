"""A terminal emulated with pyte, as the renderer's tests see the screen: every cell's text,
colours and attributes, and metanav run in a real pty through it (``run_in_pty``)."""

from __future__ import annotations

import os
import pty
import select
import signal
import struct
import sys
import time

import pyte

from plain_helpers import home_numbers, library


class Terminal(pyte.Screen):
    """pyte, with an erase of the display that erases every cell as terminals do (pyte's
    skips the cells nothing was ever written to)."""

    def erase_in_display(self, how: int = 0, *args, **kwargs) -> None:
        interval = {0: range(self.cursor.y + 1, self.lines), 1: range(self.cursor.y)}.get(
            how, range(self.lines))
        self.dirty.update(interval)
        for y in interval:
            line = self.buffer[y]
            for x in range(self.columns):
                line[x] = self.cursor.attrs
        if how in (0, 1):
            self.erase_in_line(how)


def xterm_stream(screen: pyte.Screen) -> pyte.Stream:
    """A stream that keeps the VT100 line-drawing set in UTF-8, as xterm does (pyte drops it,
    as the Linux console does: metanav uses it only where TERM starts with xterm)."""
    stream = pyte.Stream(screen)
    stream.use_utf8 = False  # only decides whether ESC ( 0 counts: text comes in decoded
    return stream


class XtermByteStream:
    def __init__(self, screen: pyte.Screen) -> None:
        import codecs

        self.stream = xterm_stream(screen)
        self.decode = codecs.getincrementaldecoder("utf-8")("replace").decode

    def feed(self, data: bytes) -> None:
        self.stream.feed(self.decode(data))


def visible(screen: pyte.Screen) -> list[list[tuple]]:
    """What a person sees in each cell: a blank shows only its background (and a line or
    swapped colours, if it has them). Reversed colours are the colours swapped (not the
    terminal's own colours, nor in bold, which may brighten the text colour)."""
    out = []
    for y in range(screen.lines):
        row = []
        for x in range(screen.columns):
            c = screen.buffer[y][x]
            fg, bg, reverse = c.fg, c.bg, c.reverse
            if reverse and not c.bold and not c.blink and fg != "default" and (
                    bg != "default" or c.data == " "):
                fg, bg, reverse = bg, fg, False
            if c.data == " " and not (c.underscore or c.strikethrough or reverse):
                row.append((" ", bg))
            else:
                row.append((c.data, fg, bg, c.bold, c.italics, c.underscore,
                            c.strikethrough, reverse))
        out.append(row)
    return out


# -- a real terminal ---------------------------------------------------------------------------
# The numbers of home's items come from the content (plain_helpers.home_numbers).
RESOURCES = [bytes([c]) for c in str(home_numbers(library())["resources"]).encode()]
# Group 3, its first topic, a page down, the related list, back home, the resources.
KEYS = [b"\x1b[B", b"\x1b[B", b"\r", b"\r", b"\x1b[6~", b"\t", b"\x1b[B", b"\r", b"b", b"\x1b",
        b"\x1b", *RESOURCES, b"WAIT", b"\r", b"help", b"\x1b[B", b"\x1b[B", b"\x1b"]


def run_in_pty(tmp_path, env_extra: dict, keys=KEYS, args=(), quiet: float = 0.7) -> tuple[str, int]:
    """Run metanav at 80x24 through KEYS; return the emulated screen (text and colours) and
    bytes received. Each key waits for ``quiet`` seconds without output: on a busy machine a
    shorter wait let the next key reach a screen that had not opened yet, and two runs that
    were meant to be alike were not."""
    screen = Terminal(80, 24)
    stream = XtermByteStream(screen)
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "METANAV_STATE_DIR": str(tmp_path),
            "TEXTUAL_ANIMATIONS": "none",
            "METANAV_LANG": "en",  # home first, not the language choice of a first run
            **env_extra,
        }
        os.execve(sys.executable, [sys.executable, "-m", "metanav", *args], env)
    import fcntl
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    total = 0

    def drain(quiet: float = 0.4, limit: float = 15.0) -> None:
        nonlocal total
        end = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    return
                total += len(data)
                stream.feed(data)
                last = time.monotonic()
            elif time.monotonic() - last > quiet:
                return

    try:
        drain(quiet=1.0)
        for key in keys:
            if key == b"WAIT":
                time.sleep(1.0)
                continue
            os.write(fd, key)
            drain(quiet)
        drain(quiet=1.0)
        # and where the real cursor is: screen readers follow it
        shown = "\n".join(screen.display) + "\n" + repr(visible(screen)) + repr(
            (screen.cursor.x, screen.cursor.y))
        if "METANAV_FULL_REDRAW" not in env_extra:
            # Whatever the keys did, the screen sent change by change must be the screen sent
            # whole: F5 forgets what the terminal shows and sends everything again.
            os.write(fd, b"\x1b[15~")
            drain(quiet=1.0)
            again = "\n".join(screen.display) + "\n" + repr(visible(screen)) + repr(
                (screen.cursor.x, screen.cursor.y))
            assert shown == again, "the changes sent left the screen unlike the whole screen"
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    # The text, then every cell's colours and attributes as a person sees them.
    return shown, total
