"""Drive a terminal program in a real pseudo-terminal and measure what it writes.

Pure standard library. A :class:`PtyApp` starts a command in a pty of a given size, sends keys
as a terminal would, and records for each step the bytes the program wrote until its output had
been quiet for ``settle`` seconds, the time from the key to the last byte of the redraw, and the
program's peak memory (``VmHWM`` from ``/proc/<pid>/status``; ``wait4`` rusage after exit).

A small terminal emulator (:class:`Screen`, in pty_screen.py) follows the output, so a script can check what is
on screen ("did the resources screen open?") without trusting the program.

Every wait has a timeout and the child is always killed at the end: nothing here can hang.

    with PtyApp(["metanav"], cols=80, rows=24) as app:
        first = app.start(until=lambda s: "Topics" in s.text())
        step = app.press("down")
        print(step.nbytes, step.seconds, app.peak_memory_kb())
"""

from __future__ import annotations

import errno
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pty_screen import Screen

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
