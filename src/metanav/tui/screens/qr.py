"""A resource's web address or phone number as a QR code a phone camera can read.

metanav never opens links (and never on a shared screen), so this is how a person takes a
resource with them. The code is painted black on white whatever the colour theme, with a white
quiet zone around it, so it scans the same on every theme.

A code is shown only whole: one that does not fit the screen cannot be scanned, so then the
screen says so in words and the address stays written out for the person to copy.

On a Linux console (:mod:`metanav.glyphs`) one module takes a whole line, so there the code
stands on white paper from the top of the screen to the key bar, and the words go in a column
beside it:
an 80x24 console then shows every 21x21 code (phone numbers, and web addresses of up to 25
characters with nothing after the host).

When a web address's code does not fit and the resource names a shorter address of the same
organisation (``qr_address``, a home page), that one goes into the code instead, and the screen
says so: the code opens the home page, and the page itself stays written out.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from metanav import glyphs, qr
from metanav.content.model import Resource
from metanav.i18n import _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain
from metanav.tui.widgets.key_bar import KeyBar

# Dark modules are the characters' ink; light modules and the quiet zone are their paper.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")
# Rows of the screen that are not the code: title, status line, footer.
_CHROME = 3


class Code(NamedTuple):
    label: str  # "Web address" or "Phone"
    shown: str  # written out beside the code
    data: str  # what the code holds
    short: str = ""  # what it holds instead when ``data``'s code does not fit (a home page)


def resource_codes(resource: Resource) -> list[Code]:
    """A code for each way to reach a resource."""
    codes = []
    if resource.url:
        short = qr.url_data(resource.qr_address) if resource.qr_address else ""
        codes.append(Code(_("Web address"), resource.url, qr.url_data(resource.url), short))
    uri = qr.phone_uri(resource.phone) if resource.phone else ""
    if uri:
        codes.append(Code(_("Phone"), resource.phone, uri))
    return codes


class QrScreen(BaseScreen):
    BINDINGS = bindings.QR
    DEFAULT_CSS = """
    #qr-body { height: 1fr; }
    #qr-code { width: auto; height: auto; }
    #qr-caption { width: 100%; height: auto; padding: 0 1; }
    #qr-layout { height: 1fr; }
    #qr-side { width: 1fr; height: 100%; }
    #qr-side #qr-caption { margin: 1 0; }
    #qr-paper { height: 100%; background: #ffffff; align: center middle; }
    """
    AUTO_FOCUS = "#qr-body"

    def __init__(self, resource: Resource) -> None:
        super().__init__()
        self.resource = resource
        self.codes = resource_codes(resource)
        self.index = 0
        self.lines: list[str] = []  # what is drawn now, [] when no code fits (tests read it)
        self.opens = ""  # the home page's host when the code holds the shorter address
        self.style = glyphs.current().qr  # half blocks, or full blocks on a Linux console

    def language_changed(self, before) -> None:
        self.resource = self.session.library.resources.get(self.resource.id, self.resource)
        self.codes = resource_codes(self.resource)
        self.index = min(self.index, max(0, len(self.codes) - 1))

    @property
    def current(self) -> Code:
        return self.codes[self.index]

    def heading(self) -> str:
        label = self.current[0].lower() if self.codes else _("QR code")
        return _("QR code: {label} of {name}").format(label=label, name=self.resource.name)

    def compose(self) -> ComposeResult:
        if self.style != "double":
            yield from super().compose()
            return
        with Horizontal(id="qr-layout"):  # words beside the code: see the module's docstring
            with Vertical(id="qr-side"):
                yield Static(plain(self.heading()), id="title", markup=False)
                with VerticalScroll(id="qr-body", can_focus=True):
                    yield Static("", id="qr-caption", markup=False)
                    yield Static("", id="status", markup=False)
            with Vertical(id="qr-paper"):
                yield Static("", id="qr-code")
        yield KeyBar()  # the whole width under both: "F10 Done - clear my session" fits

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="qr-body", can_focus=True):
            with Center():
                yield Static("", id="qr-code")
            yield Static("", id="qr-caption", markup=False)

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def drawing(self, data: str) -> list[str]:
        """The code's lines for this screen's size, or [] when it cannot be shown whole."""
        modules = qr.matrix(data)
        width, height = self.app.size
        if self.style == "double":
            border = qr.console_border(len(modules), width, height - 1)  # the key bar
            return [] if border is None else qr.lines_for(modules, border, "double")
        lines = qr.lines_for(modules, qr.border_for(len(modules), height - _CHROME))
        return lines if qr.fits(lines, width, height - _CHROME) else []

    def draw(self) -> None:
        if not self.codes:
            return
        label, shown, data, short = self.current
        self.lines, self.opens = self.drawing(data), ""
        if not self.lines and short:  # the organisation's shorter address, said as such below
            self.lines = self.drawing(short)
            self.opens = qr.host_of(short) if self.lines else ""
        code = self.query_one("#qr-code", Static)
        code.update(Text("\n".join(self.lines), style=QR_STYLE, no_wrap=True, end=""))
        code.display = bool(self.lines)
        if self.style == "double":
            paper = self.query_one("#qr-paper")
            paper.display = bool(self.lines)
            if self.lines:
                room = self.app.size.width - len(self.lines[0]) - qr.SIDE_COLUMNS
                paper.styles.width = len(self.lines[0]) + min(qr.CONSOLE_PAPER, max(0, room))
        self.query_one("#qr-caption", Static).update(plain(f"{label}: {shown}"))
        self.show_heading()
        more = _(" Press c for the other code.") if len(self.codes) > 1 else ""
        if self.opens:
            self.say(_("Point your phone camera at the square. It opens {host}, the home "
                       "page. The page for this service is written above.").format(
                           host=self.opens) + more)
        elif self.lines:
            self.say(_("Point your phone camera at the square.") + more)
        elif self.style == "double":
            self.say(_("This code is too big for this screen, so it is not shown. "
                       "Copy the address written above.") + more)
        else:
            # A cut-off code cannot be read: say so rather than invite a scan that fails.
            self.say(_("This code is bigger than the window, so it is not shown. Make the "
                       "window larger, or copy the address written above.") + more)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "other_code":
            return len(self.codes) > 1
        return super().check_action(action, parameters)

    def action_other_code(self) -> None:
        if len(self.codes) > 1:
            self.index = (self.index + 1) % len(self.codes)
            self.draw()
        else:
            self.say(_("This resource has only one code."))
