"""A resource's web address or phone number as a QR code a phone camera can read.

metanav never opens links (and never on a shared screen), so this is how a person takes a
resource with them. The code is painted black on white whatever the colour theme, with a white
quiet zone around it, so it scans the same on every theme.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, VerticalScroll
from textual.widgets import Static

from metanav import glyphs, qr
from metanav.content.model import Resource
from metanav.i18n import _
from metanav.tui import bindings
from metanav.tui.screens.base import BaseScreen, plain

# Dark modules are the characters' ink; light modules and the quiet zone are their paper.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")
# Rows of the screen that are not the code: title, status line, footer.
_CHROME = 3


def resource_codes(resource: Resource) -> list[tuple[str, str, str]]:
    """(label, text shown, data in the code) for each way to reach a resource."""
    codes = []
    if resource.url:
        codes.append((_("Web address"), resource.url, resource.url))
    uri = qr.phone_uri(resource.phone) if resource.phone else ""
    if uri:
        codes.append((_("Phone"), resource.phone, uri))
    return codes


class QrScreen(BaseScreen):
    BINDINGS = bindings.QR
    DEFAULT_CSS = """
    #qr-body { height: 1fr; }
    #qr-code { width: auto; height: auto; }
    #qr-caption { width: 100%; height: auto; padding: 0 1; }
    """
    AUTO_FOCUS = "#qr-body"

    def __init__(self, resource: Resource) -> None:
        super().__init__()
        self.resource = resource
        self.codes = resource_codes(resource)
        self.index = 0
        self.lines: list[str] = []  # what is drawn now (tests compare it with segno's matrix)
        self.style = glyphs.current().qr  # half blocks, or full blocks on a Linux console

    @property
    def current(self) -> tuple[str, str, str]:
        return self.codes[self.index]

    def heading(self) -> str:
        label = self.current[0].lower() if self.codes else _("QR code")
        return _("QR code: {label} of {name}").format(label=label, name=self.resource.name)

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="qr-body", can_focus=True):
            with Center():
                yield Static("", id="qr-code")
            yield Static("", id="qr-caption", markup=False)

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def border_for(self, modules: int) -> int:
        """The widest quiet zone that still fits the screen (too big: it scrolls)."""
        return qr.border_for(modules, max(1, self.app.size.height - _CHROME), self.style)

    def draw(self) -> None:
        if not self.codes:
            return
        label, shown, data = self.current
        modules = qr.matrix(data)
        self.lines = qr.lines_for(modules, self.border_for(len(modules)), self.style)
        self.query_one("#qr-code", Static).update(
            Text("\n".join(self.lines), style=QR_STYLE, no_wrap=True, end="")
        )
        more = _(" Press c for the other code.") if len(self.codes) > 1 else ""
        self.query_one("#qr-caption", Static).update(plain(f"{label}: {shown}"))
        self.query_one("#title", Static).update(plain(self.heading()))
        too_big = (len(self.lines) > self.app.size.height - _CHROME
                   or max(map(len, self.lines)) > self.app.size.width)
        if too_big:
            # A cut-off code cannot be read: say so rather than invite a scan that fails.
            self.say(_("This code is bigger than the window. Make the window larger, or scroll "
                       "with the arrow keys, so the whole square shows.") + more)
        else:
            self.say(_("Point your phone camera at the square.") + more)

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
