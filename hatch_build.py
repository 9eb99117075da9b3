"""Wheel build hook: compile the gettext catalogues (.po -> .mo) so they ship in the wheel."""

from __future__ import annotations

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogues(BuildHookInterface):
    PLUGIN_NAME = "compile-catalogues"

    def initialize(self, version: str, build_data: dict) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "src" / "metanav" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as fh:
                write_mo(fh, catalog)
            # .mo files are not in git (.gitignore), so the wheel is told to take them; an
            # editable install reads them where they are written, in the source tree.
            if version != "editable":
                build_data["force_include"][str(mo)] = str(mo.relative_to(Path(self.root) / "src"))
