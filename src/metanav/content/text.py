"""Text handling shared by both faces: the one sanitiser, block parsing and wrapping.

Everything shown to a person (content from YAML, a clinic's own files, a person's own notes,
search input) passes through :func:`clean` first. It removes every control character but
newline and tab, so nothing we print can move the cursor, set a window title or start an
escape sequence. Markup characters such as ``[`` are left alone: the faces render text
without markup, so ``[@click=app.quit]`` shows literally.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass

# C0 controls except \t and \n, DEL, and the C1 block (which includes \x9b, the one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Unicode "format" characters that can reorder or hide text: bidi marks and overrides
# (U+061C, U+200E/F, U+202A-E, U+2066-9), zero-width and invisible ones (U+00AD soft hyphen,
# U+180E, U+200B-D, U+2060-2064, U+FEFF), interlinear annotation (U+FFF9-FFFB) and tag
# characters (U+E0000-E007F, which can carry hidden text).
_BIDI = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# Lone surrogates: bytes that were not UTF-8 (a file name, an argument, a pipe) kept by Python's
# surrogateescape. Written back out they are those bytes again: \x9b is the one-byte CSI.
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(value: object) -> str:
    """Return ``value`` as text that is safe to print to a terminal.

    ``\\r\\n`` and lone ``\\r`` become newlines; other control characters (C0 but tab and
    newline, DEL, C1 including ESC and ``\\x9b``) and bidi/zero-width format characters are
    dropped; bytes that were not UTF-8 become U+FFFD. Text is NFC-normalised so the same
    words compare equal.
    """
    if value is None:
        return ""
    text = _SURROGATE.sub("\ufffd", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _BIDI.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_line(value: object) -> str:
    """Like :func:`clean`, but folds all whitespace to single spaces (for one-line fields)."""
    return " ".join(clean(value).split())


# Whole escape sequences: CSI (ESC [ or the one-byte \x9b), OSC/DCS/APC/PM/SOS strings up to
# BEL or ESC \ (or the end), and two-byte ESC sequences.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P_^X]|[\x90\x9d\x9e\x9f\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)


def clean_box(value: object) -> str:
    """Text going into a one-line input box, typed or pasted: whole escape sequences, control
    and invisible characters go, line breaks and tabs become spaces; spaces are kept as typed
    (the box is still being written in)."""
    text = _SEQUENCE.sub("", "" if value is None else str(value))
    return clean(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " "))


def clean_typed(value: object, limit: int = 0) -> str:
    """Typed or pasted text (a search): whole escape sequences go (a pasted colour code leaves
    no ``[31m`` behind), then :func:`clean_line`. ``limit`` cuts it, marking the cut with …"""
    text = clean_line(_SEQUENCE.sub("", "" if value is None else str(value)))
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


@dataclass(frozen=True, slots=True)
class Block:
    """One block of section text: a paragraph, or a bullet list."""

    kind: str  # "paragraph" or "bullets"
    items: tuple[str, ...]


_BULLET = re.compile(r"^\s*[-*\u2022]\s+")


def parse_blocks(text: str) -> tuple[Block, ...]:
    """Split section text into paragraphs and bullet lists.

    Paragraphs are separated by blank lines; a line starting with ``- `` (or ``* ``/``•``)
    begins a bullet, and indented lines after it continue that bullet.
    """
    blocks: list[Block] = []
    para: list[str] = []
    bullets: list[str] = []

    def flush_para() -> None:
        if para:
            blocks.append(Block("paragraph", (" ".join(para),)))
            para.clear()

    def flush_bullets() -> None:
        if bullets:
            blocks.append(Block("bullets", tuple(bullets)))
            bullets.clear()

    for raw in clean(text).split("\n"):
        line = raw.strip()
        if not line:
            flush_para()
            flush_bullets()
            continue
        if _BULLET.match(raw):
            flush_para()
            bullets.append(" ".join(_BULLET.sub("", raw).split()))
        elif bullets and raw[:1].isspace():
            bullets[-1] = f"{bullets[-1]} {' '.join(line.split())}"
        else:
            flush_bullets()
            para.append(" ".join(line.split()))
    flush_para()
    flush_bullets()
    return tuple(blocks)


# The longest line metanav writes for reading: at 120 columns, lines of 116 characters are
# hard to follow back to the start of the next one. Wider terminals keep the text this wide.
READING_WIDTH = 80

# Initials that read as one word are never split across lines: "EE. UU." (the United States,
# in Spanish) read as "EE." at a line's end and "UU." on the next. A no-break space holds them
# together while wrapping (textwrap never breaks at one, nor at one a clinic wrote itself);
# the lines come back with plain spaces.
_INITIALS_GAP = re.compile(r"(?<=\b[A-Z]{2}\.) (?=[A-Z]{2}\.)")
_NO_BREAK = "\u00a0"


def wrap(text: str, width: int = 80, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Wrap one paragraph at word boundaries; long words (web addresses) are never split, nor
    are initials such as "EE. UU."."""
    width = max(20, width)
    lines = textwrap.wrap(
        _INITIALS_GAP.sub(_NO_BREAK, clean_line(text)),
        width=width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]
    return [line.replace(_NO_BREAK, " ") for line in lines]


def fit_fields(fields, width: int = 0, measure=len) -> str:
    """One line of ``fields`` in their order of need: "Name (kind; language; phone)".

    Each field is its forms, longest first ("Helpline, Emotional support", "Helpline"). The
    first field (a name) is always there; the caller cuts it if even it is too long. Then as
    many other fields as fit in ``width`` cells (``measure`` gives a text's width; 0: no
    limit), in their order of need, each in its shortest form; then each, in the same order,
    in its longest form that still fits. A field is whole or absent, never cut."""

    def line(parts: list[str]) -> str:
        return f"{fields[0][0]} ({'; '.join(parts)})" if parts else fields[0][0]

    if not fields:
        return ""
    chosen: list[tuple[tuple[str, ...], int]] = []  # (forms, which form)
    for forms in fields[1:]:
        forms = tuple(f for f in forms if f)
        trial = [*chosen, (forms, len(forms) - 1)]
        if forms and (not width or measure(line([f[i] for f, i in trial])) <= width):
            chosen = trial
    for n, (forms, at) in enumerate(chosen):
        for better in range(at):
            trial = [*chosen[:n], (forms, better), *chosen[n + 1:]]
            if not width or measure(line([f[i] for f, i in trial])) <= width:
                chosen = trial
                break
    return line([f[i] for f, i in chosen])


def label_lines(label: str, value: str, width: int = 80) -> list[str]:
    """``Label: value`` wrapped to ``width`` with a small indent. A value of one word (a web
    address) is never broken: it stays on the label's line when it fits there, else it goes
    whole on a line of its own, however long (a screen scrolls it; copied, it is one line)."""
    value = clean_line(value)
    if value and " " not in value:
        line = clean_line(f"{label}: {value}")
        return [line] if len(line) <= width else [clean_line(f"{label}:"), value]
    return wrap(f"{label}: {value}", width, subsequent="  ")


def block_lines(blocks: tuple[Block, ...], width: int = 80) -> list[str]:
    """Render blocks as plain wrapped lines: bullets as ``- item``, a blank line between blocks."""
    lines: list[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        if block.kind == "paragraph":
            lines.extend(wrap(block.items[0], width))
        else:
            for item in block.items:
                lines.extend(wrap(item, width, indent="- ", subsequent="  "))
    return lines
