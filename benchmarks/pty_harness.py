"""Drive a terminal program in a real pseudo-terminal and measure what it writes.

Pure standard library. A :class:`PtyApp` starts a command in a pty of a given size, sends keys
as a terminal would, and records for each step the bytes the program wrote until its output had
been quiet for ``settle`` seconds, the time from the key to the last byte of the redraw, and the
program's peak memory (``VmHWM`` from ``/proc/<pid>/status``; ``wait4`` rusage after exit).

A small terminal emulator (:class:`Screen`) follows the output, so a script can check what is
on screen ("did the resources screen open?") without trusting the program.

Every wait has a timeout and the child is always killed at the end: nothing here can hang.

    with PtyApp(["metanav"], cols=80, rows=24) as app:
        first = app.start(until=lambda s: "Topics" in s.text())
        step = app.press("down")
        print(step.nbytes, step.seconds, app.peak_memory_kb())
"""

from __future__ import annotations

import codecs
import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

KEYS: dict[str, str] = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "backspace": "\x7f",
    "space": " ",
    "ctrl+c": "\x03",
    "ctrl+d": "\x04",
    "ctrl+q": "\x11",
    "f1": "\x1bOP",
}


def key_bytes(key: str) -> bytes:
    """The bytes a terminal sends for a key name ("down", "ctrl+q") or literal text ("a")."""
    return KEYS.get(key, key).encode("utf-8")


# --------------------------------------------------------------------------------------------
# A minimal terminal emulator: enough of xterm to know what text is where.
# --------------------------------------------------------------------------------------------
_CSI = re.compile(r"\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])")
_OSC = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
_DCS = re.compile(r"\x1b[P^_X][^\x1b]*\x1b\\")


class Screen:
    """Follows cursor moves, text, erases and the alternate screen; ignores colours and modes."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.grid = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self.saved = (0, 0)
        self.pending_wrap = False
        self.top, self.bottom = 0, rows - 1  # the scroll region (DECSTBM)
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._tail = ""  # an escape sequence cut in two by a read

    # -- queries -----------------------------------------------------------------------------
    def lines(self) -> list[str]:
        return ["".join(c for c in row if c is not None).rstrip() for row in self.grid]

    def text(self) -> str:
        return "\n".join(self.lines())

    def contains(self, pattern: str) -> bool:
        return re.search(pattern, self.text(), re.IGNORECASE | re.MULTILINE) is not None

    def cursor_line(self) -> str:
        return self.lines()[self.y]

    # -- feeding -----------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        text = self._tail + self._decoder.decode(data)
        self._tail = ""
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "\x1b":
                end = self._escape(text, i)
                if end is None:  # incomplete: keep for the next read (but never forever)
                    self._tail = text[i:] if n - i < 4096 else ""
                    return
                i = end
                continue
            if ch == "\r":
                self.x, self.pending_wrap = 0, False
            elif ch in "\n\v\f":  # a vertical tab and a form feed are line feeds too
                self._linefeed()
            elif ch == "\b":
                self.x, self.pending_wrap = max(0, self.x - 1), False
            elif ch == "\t":
                self.x = min(self.cols - 1, (self.x // 8 + 1) * 8)
            elif ch >= " " and ch != "\x7f":
                self._put(ch)
            i += 1

    def _escape(self, text: str, i: int) -> int | None:
        if i + 1 >= len(text):
            return None
        kind = text[i + 1]
        if kind == "[":
            m = _CSI.match(text, i)
            if m is None:
                return None if len(text) - i < 64 else i + 2
            self._csi(m.group(1), m.group(3))
            return m.end()
        if kind == "]":
            m = _OSC.match(text, i)
            return m.end() if m else None
        if kind in "P^_X":
            m = _DCS.match(text, i)
            return m.end() if m else None
        if kind == "D":  # IND: down a line, scrolling the region at its bottom
            self._linefeed()
        elif kind == "M":  # RI: up a line, scrolling the region down at its top
            self._reverse_linefeed()
        elif kind == "E":  # NEL
            self.x = 0
            self._linefeed()
        elif kind == "7":
            self.saved = (self.x, self.y)
        elif kind == "8":
            self.x, self.y = self.saved
        elif kind in "()#":
            return i + 3 if i + 2 < len(text) else None
        return i + 2

    def _csi(self, params: str, final: str) -> None:
        private = params.startswith(("?", ">", "<", "="))
        if private:
            if final in "hl" and any(p in params[1:].split(";") for p in ("1049", "47", "1047")):
                self._clear()
            return
        nums = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def arg(k: int, default: int = 1) -> int:
            return nums[k] if len(nums) > k and nums[k] else default

        self.pending_wrap = False
        if final in "Hf":
            self.y = min(self.rows - 1, arg(0) - 1)
            self.x = min(self.cols - 1, arg(1) - 1)
        elif final == "A":
            self.y = max(0, self.y - arg(0))
        elif final == "B":
            self.y = min(self.rows - 1, self.y + arg(0))
        elif final == "C":
            self.x = min(self.cols - 1, self.x + arg(0))
        elif final == "D":
            self.x = max(0, self.x - arg(0))
        elif final == "G":
            self.x = min(self.cols - 1, arg(0) - 1)
        elif final == "d":
            self.y = min(self.rows - 1, arg(0) - 1)
        elif final == "K":
            mode = arg(0, 0)
            row = self.grid[self.y]
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1)}.get(mode, (0, self.cols))
            row[lo:hi] = [" "] * (hi - lo)
        elif final == "J":
            mode = arg(0, 0)
            if mode == 0:
                self.grid[self.y][self.x :] = [" "] * (self.cols - self.x)
                for r in range(self.y + 1, self.rows):
                    self.grid[r] = [" "] * self.cols
            elif mode == 1:
                for r in range(self.y):
                    self.grid[r] = [" "] * self.cols
                self.grid[self.y][: self.x + 1] = [" "] * (self.x + 1)
            else:
                self._clear(home=False)
        elif final == "@":  # ICH: blanks inserted, the rest of the line moves right
            row, count = self.grid[self.y], min(arg(0), self.cols - self.x)
            row[self.x:] = ([" "] * count + row[self.x:])[: self.cols - self.x]
        elif final == "P":  # DCH: characters deleted, the rest moves left
            row, count = self.grid[self.y], min(arg(0), self.cols - self.x)
            row[self.x:] = row[self.x + count:] + [" "] * count
        elif final == "X":
            count = min(arg(0), self.cols - self.x)
            self.grid[self.y][self.x : self.x + count] = [" "] * count
        elif final == "s":
            self.saved = (self.x, self.y)
        elif final == "u":
            self.x, self.y = self.saved
        elif final == "r":
            top, bottom = arg(0) - 1, min(self.rows, arg(1, self.rows)) - 1
            if top < bottom:
                self.top, self.bottom = top, bottom
                self.x = self.y = 0
        elif final == "S":
            for _ in range(arg(0)):
                self._scroll_up()
        elif final == "T":
            for _ in range(arg(0)):
                self._scroll_down()
        # m (colours), h/l modes, n/c queries: nothing to draw

    def _clear(self, home: bool = True) -> None:
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        if home:
            self.x = self.y = 0

    def _linefeed(self) -> None:
        self.pending_wrap = False
        if self.y == self.bottom:
            self._scroll_up()
        elif self.y < self.rows - 1:
            self.y += 1

    def _reverse_linefeed(self) -> None:
        self.pending_wrap = False
        if self.y == self.top:
            self._scroll_down()
        elif self.y > 0:
            self.y -= 1

    def _scroll_up(self) -> None:
        del self.grid[self.top]
        self.grid.insert(self.bottom, [" "] * self.cols)

    def _scroll_down(self) -> None:
        del self.grid[self.bottom]
        self.grid.insert(self.top, [" "] * self.cols)

    def _put(self, ch: str) -> None:
        if unicodedata.combining(ch):
            return
        width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if self.pending_wrap or self.x + width > self.cols:
            self.x = 0
            self._linefeed()
        row = self.grid[self.y]
        row[self.x] = ch
        if width == 2 and self.x + 1 < self.cols:
            row[self.x + 1] = None  # type: ignore[call-overload]
        if self.x + width >= self.cols:
            self.x, self.pending_wrap = self.cols - 1, True
        else:
            self.x += width


# --------------------------------------------------------------------------------------------
# Running a program in a pty
# --------------------------------------------------------------------------------------------
@dataclass
class Step:
    """What one key (or the start-up) made the program write."""

    name: str
    nbytes: int = 0
    seconds: float = 0.0  # from the key (or spawn) to the last byte written
    first_byte: float | None = None  # from the key to the first byte, if any
    timed_out: bool = False  # the ``until`` condition never came true
    output: bytes = field(default=b"", repr=False)

    @property
    def escapes(self) -> int:
        return self.output.count(b"\x1b")


class PtyError(RuntimeError):
    pass


class PtyApp:
    """A program running in a pseudo-terminal of ``cols`` x ``rows``."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        cols: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
        cwd: str | None = None,
        settle: float = 0.25,
        timeout: float = 15.0,
    ) -> None:
        self.argv = list(argv)
        self.cols, self.rows = cols, rows
        self.env = env if env is not None else dict(os.environ)
        self.cwd = cwd
        self.settle = settle
        self.timeout = timeout
        self.pid: int | None = None
        self.fd: int | None = None
        self.screen = Screen(cols, rows)
        self.spawned_at = 0.0
        self.exit_status: int | None = None
        self.rusage_maxrss_kb: int | None = None
        self._hwm_kb: int | None = None
        self.eof = False

    # -- life cycle --------------------------------------------------------------------------
    def __enter__(self) -> PtyApp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def spawn(self) -> None:
        if self.pid is not None:
            raise PtyError("already started")
        winsize = struct.pack("HHHH", self.rows, self.cols, 0, 0)
        self.spawned_at = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, winsize)
                if self.cwd:
                    os.chdir(self.cwd)
                os.execvpe(self.argv[0], self.argv, self.env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        os.set_blocking(fd, False)

    def start(
        self, *, until: Callable[[Screen], bool] | None = None, settle: float | None = None,
        timeout: float | None = None,
    ) -> Step:
        """Spawn the program and collect its start-up output (the first frame)."""
        self.spawn()
        return self._collect(
            "start", self.spawned_at, until=until, settle=settle, timeout=timeout,
            first_timeout=timeout,
        )

    def close(self) -> None:
        """Stop the program (SIGTERM, then SIGKILL) and reap it. Safe to call twice."""
        if self.pid is None:
            return
        self._read_hwm()
        pid, self.pid = self.pid, None
        for sig, grace in ((signal.SIGHUP, 0.5), (signal.SIGTERM, 0.5), (signal.SIGKILL, 2.0)):
            if self._reap(pid, 0.0):
                break
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
            if self._reap(pid, grace):
                break
        if self.fd is not None:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = None

    def _reap(self, pid: int, wait: float) -> bool:
        deadline = time.monotonic() + wait
        while True:
            try:
                got, status, usage = os.wait4(pid, os.WNOHANG)
            except ChildProcessError:
                return True
            if got == pid:
                self.exit_status = status
                self.rusage_maxrss_kb = usage.ru_maxrss
                return True
            if time.monotonic() >= deadline:
                return False
            self._drain(0.02)

    def _drain(self, wait: float) -> None:
        """Read and drop output (keeps a dying program from blocking on a full pty)."""
        if self.fd is None:
            time.sleep(wait)
            return
        try:
            ready, _, _ = select.select([self.fd], [], [], wait)
            if ready:
                os.read(self.fd, 65536)
        except OSError:
            time.sleep(wait)

    # -- memory ------------------------------------------------------------------------------
    def _read_hwm(self) -> None:
        if self.pid is None:
            return
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self._hwm_kb = int(line.split()[1])
        except (OSError, ValueError):
            pass

    def peak_memory_kb(self) -> int | None:
        """Peak resident memory of the program so far (after :meth:`close`: over its life)."""
        self._read_hwm()
        return self._hwm_kb or self.rusage_maxrss_kb

    # -- input and output --------------------------------------------------------------------
    def alive(self) -> bool:
        if self.pid is None:
            return False
        try:
            got, status, usage = os.wait4(self.pid, os.WNOHANG)
        except ChildProcessError:
            return False
        if got == self.pid:
            self.exit_status, self.rusage_maxrss_kb = status, usage.ru_maxrss
            self.pid = None
            return False
        return True

    def write(self, data: bytes) -> None:
        if self.fd is None:
            raise PtyError("not running")
        view = memoryview(data)
        deadline = time.monotonic() + 5.0
        while view:
            try:
                sent = os.write(self.fd, view)
                view = view[sent:]
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise PtyError("the program does not read its input") from None
                select.select([], [self.fd], [], 0.05)

    def press(
        self,
        key: str,
        *,
        name: str | None = None,
        until: Callable[[Screen], bool] | None = None,
        settle: float | None = None,
        timeout: float | None = None,
        first_timeout: float = 2.0,
    ) -> Step:
        """Send one key and collect the redraw it causes."""
        self.drain_quiet()
        sent_at = time.perf_counter()
        self.write(key_bytes(key))
        return self._collect(
            name or key, sent_at, until=until, settle=settle, timeout=timeout,
            first_timeout=first_timeout,
        )

    def type_text(self, text: str, **kwargs) -> Step:
        return self.press(text, name=kwargs.pop("name", f"type {text!r}"), **kwargs)

    def idle(self, seconds: float = 2.0) -> Step:
        """Bytes written while nobody touches a key for ``seconds``."""
        start = time.perf_counter()
        step = Step("idle")
        chunks: list[bytes] = []
        while (left := start + seconds - time.perf_counter()) > 0:
            data = self._read(left)
            if data is None:
                break
            if data:
                chunks.append(data)
                step.seconds = time.perf_counter() - start
        step.output = b"".join(chunks)
        step.nbytes = len(step.output)
        self.screen.feed(step.output)
        return step

    def drain_quiet(self, quiet: float = 0.05, limit: float = 1.0) -> int:
        """Take in anything still being written, so the next step measures only itself."""
        total = 0
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            data = self._read(quiet)
            if not data:
                break
            total += len(data)
            self.screen.feed(data)
        return total

    def _read(self, wait: float) -> bytes | None:
        """Up to 64 KB within ``wait`` seconds: b"" if nothing came, None at end of output."""
        if self.fd is None or self.eof:
            return None
        try:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, wait))
        except InterruptedError:
            return b""
        if not ready:
            return b""
        try:
            return os.read(self.fd, 65536) or None
        except BlockingIOError:
            return b""
        except OSError as exc:
            if exc.errno == errno.EIO:  # the program closed the terminal (it exited)
                self.eof = True
                return None
            raise

    def _collect(
        self,
        name: str,
        t0: float,
        *,
        until: Callable[[Screen], bool] | None,
        settle: float | None,
        timeout: float | None,
        first_timeout: float | None,
    ) -> Step:
        """Read until ``until(screen)`` holds (if given) and output is quiet for ``settle``."""
        settle = self.settle if settle is None else settle
        timeout = self.timeout if timeout is None else timeout
        first_timeout = timeout if first_timeout is None else min(first_timeout, timeout)
        deadline = t0 + timeout
        step = Step(name)
        chunks: list[bytes] = []
        last = None
        satisfied = until is None
        while True:
            now = time.perf_counter()
            if now >= deadline:
                step.timed_out = not satisfied
                break
            if last is None:
                wait = (t0 + first_timeout if satisfied else deadline) - now
            elif satisfied:
                wait = last + settle - now
            else:
                wait = deadline - now
            if wait <= 0:
                break
            data = self._read(min(wait, 0.5))
            if data is None:  # end of output
                step.timed_out = not satisfied
                break
            if not data:
                if not satisfied and until is not None and last is not None and until(self.screen):
                    satisfied = True
                continue
            now = time.perf_counter()
            if last is None:
                step.first_byte = now - t0
            last = now
            chunks.append(data)
            self.screen.feed(data)
            if not satisfied and until is not None and until(self.screen):
                satisfied = True
        step.output = b"".join(chunks)
        step.nbytes = len(step.output)
        step.seconds = (last - t0) if last is not None else 0.0
        return step
