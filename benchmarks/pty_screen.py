"""A minimal terminal emulator for the benchmarks: enough of xterm to know what text is where.

:class:`Screen` follows cursor moves, text, erases, scrolling, inserted and deleted characters
and the alternate screen, so a script can check what is on screen ("did the resources screen
open?") without trusting the program. Pure standard library; pty_harness.py feeds it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

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
