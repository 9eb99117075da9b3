"""Cells the terminal already shows, moved instead of sent again (as curses does).

When a list or a text scrolls, most rows come back one or more lines higher or lower: the
terminal moves them itself (a scroll region, DECSTBM, and IND or RI). When a line's text
comes back further right or left (the key bar of the next screen: "b Bookmark  r Related"
before the same "/ Search  g Get help now..."), the terminal moves it sideways (insert or
delete characters, ICH and DCH). Both are VT102, which every terminal emulator, tmux, screen
and the Linux console have. Only the rows or cells that are new are then sent.

Each function changes the shadow's ``rows`` as the terminal's change; cells whose content
the terminal makes up (a row scrolled in, blanks inserted or left at the end of a line)
become None: unknown, so they are always written afterwards.
"""

from __future__ import annotations

from metanav.tui.paint import Painter

Cell = tuple  # (character, style); see delta.py
# Scrolling pays when at least this many rows come back moved: the commands cost ~20 bytes.
MIN_MOVED_ROWS = 3
# Columns at the right edge left out when rows are matched: scroll bars change as rows move.
EDGE = 2
# Moving a line sideways pays when it keeps at least this many printed characters (the
# command and a cursor move cost 4-10 bytes; every character kept saves one).
MIN_KEPT = 12
# Pieces of this many characters of the line's old text (one every PROBE_EVERY columns from
# the first change) are looked for further along in the new one, and the other way round.
PROBE = 6
PROBE_EVERY = 8


def scroll(rows: list[list], wanted: dict[int, list], width: int, out: list[str]) -> None:
    """If rows of the update are rows of the shadow moved up or down, scroll them there.

    The shadow's rows move with the terminal's; every row of the scrolled region is then
    in ``wanted``, so whatever the scroll did not get right is sent as usual.
    """
    if len(wanted) < 2 * MIN_MOVED_ROWS:
        return  # an arrow or a keystroke: too few rows for a scroll (the usual case)
    changed = [y for y, row in wanted.items() if row != rows[y]]
    if len(changed) < 2 * MIN_MOVED_ROWS:
        return
    top, bottom = min(changed), max(changed)
    # Where each distinct old row was (rows that occur twice, blank ones say, prove nothing).
    edge = max(1, width - EDGE)
    seen: dict[tuple, int] = {}
    for y in range(top, bottom + 1):
        if None in rows[y]:
            return  # part of the screen is unknown: no scrolling on guesswork
        key = tuple(rows[y][:edge])
        seen[key] = -1 if key in seen else y
    votes: dict[int, list[int]] = {}
    for y in changed:
        old_y = seen.get(tuple(wanted[y][:edge]), -1)
        if old_y >= 0 and old_y != y:
            votes.setdefault(old_y - y, []).append(y)
    if not votes:
        return
    shift, moved = max(votes.items(), key=lambda item: len(item[1]))
    if len(moved) < MIN_MOVED_ROWS:
        return
    # The region holds the moved rows where they were and where they go.
    first = min(moved) + min(shift, 0)
    last = max(moved) + max(shift, 0)
    first, last = max(first, top), min(last, bottom)
    if last - first < abs(shift):
        return
    out.append(f"\x1b[{first + 1};{last + 1}r")
    if shift > 0:  # content moves up: line feeds (IND) at the bottom of the region
        out.append(f"\x1b[{last + 1}H" + "\x1bD" * shift)
    else:  # content moves down: reverse line feeds (RI) at its top
        out.append(f"\x1b[{first + 1}H" + "\x1bM" * -shift)
    # The whole screen scrolls again, said in full: pyte 0.8.0 (Debian 12's, in the Fenrir
    # screen reader) takes a bare ESC[r as "top 1, same bottom": its cursor then stopped at
    # the old bottom, and what the reader read had rows written in the wrong place.
    out.append(f"\x1b[1;{len(rows)}r")
    before = {y: rows[y] for y in range(first, last + 1)}
    for y in range(first, last + 1):
        source = y + shift
        rows[y] = list(before[source]) if first <= source <= last else [None] * width
        # Rows of the region the update left alone must come back as they were.
        wanted.setdefault(y, list(before[y]))


def shift(rows: list[list], wanted: dict[int, list], painter: Painter) -> None:
    """Rows of the update whose text moved sideways are moved there by the terminal:
    ``painter`` gets the moves and the commands (the cursor stays where each command is).
    What the terminal puts in the room made (blanks, in whatever colour it chooses) is
    unknown, so it is always written afterwards."""
    width = painter.width
    for y in sorted(wanted):
        old, new = rows[y], wanted[y]
        if old == new or None in old or None in new:
            continue
        found = _best_shift(old, new, width)
        if found is None:
            continue
        at, by = found
        painter.move(at, y)
        if by > 0:  # blanks inserted at ``at``: the rest of the line moves right
            painter.out.append("\x1b[@" if by == 1 else f"\x1b[{by}@")
            moved = old[:at] + [None] * by + old[at:width - by]
        else:  # characters deleted at ``at``: the rest moves left, blanks come in at the end
            painter.out.append("\x1b[P" if by == -1 else f"\x1b[{-by}P")
            moved = old[:at] + old[at - by:] + [None] * -by
        if by > 0 and _wide_start(old, width - 1 - by):
            moved[width - 1] = None  # half of a wide character was pushed off the line
        rows[y] = moved


def _wide_start(row: list, x: int) -> bool:
    return x + 1 < len(row) and row[x + 1] is not None and row[x + 1][0] == ""


def _text(row: list) -> str:
    return "".join(cell[0] or "\0" for cell in row)


def _best_shift(old: list, new: list, width: int) -> tuple[int, int] | None:
    """(column, how far right: negative is left) of the sideways move that keeps the most
    printed characters of ``old`` where ``new`` wants them; None if none keeps MIN_KEPT."""
    at = next(x for x in range(width) if old[x] != new[x])
    if old[at][0] == "" or new[at][0] == "":
        return None  # inside a wide character
    old_text, new_text = _text(old), _text(new)
    candidates = set()
    for source, target, sign in ((old_text, new_text, 1), (new_text, old_text, -1)):
        for begin in range(at, width - PROBE, PROBE_EVERY):
            start = len(source) - len(source[begin:].lstrip(" "))  # a printed character
            probe = source[start:start + PROBE]
            if len(probe) < PROBE or " " * 2 in probe:
                continue
            found = target.find(probe, start + 1)
            if found > 0:
                candidates.add(sign * (found - start))
    best, best_kept = None, MIN_KEPT - 1
    for by in candidates:
        if by < 0 and old[at - by][0] == "":
            continue  # the deletion would cut a wide character
        kept = 0
        for x in range(at + max(by, 0), width + min(by, 0)):
            cell = old[x - by]
            if new[x] == cell and new[x] != old[x] and cell[0] not in (" ", ""):
                kept += 1
        if kept > best_kept:
            best, best_kept = by, kept
    return None if best is None else (at, best)
