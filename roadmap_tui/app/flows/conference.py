"""The conference's exports from the palette: commitment cards, country tables, group
summaries.

The same as ``roadmap-tui export FILE --by owner|country|group -o DIR``: a folder
and a format are asked, the files are written off the UI thread (by
:mod:`roadmap_tui.report.export_by`, which keeps every file inside the folder and
never writes through a symlink), and a notice says how many were written and where,
or what was refused.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from ..dialogs import FormDialog, FormField
from .view import MainView

WHAT = {"owner": "Commitment cards: one file per owner",
        "country": "Country tables: one file per country",
        "group": "Group summaries: one file per group"}
FOLDER = {"owner": "cards", "country": "countries", "group": "groups"}
NOUN = {"owner": ("commitment card", "commitment cards"),
        "country": ("country table", "country tables"),
        "group": ("group summary", "group summaries")}


class ConferenceExports:
    def __init__(self, view: MainView) -> None:
        self.view = view

    async def export_by(self, kind: str) -> None:
        from ...report.export_by import FORMATS, ExportByError, export_by

        view, app = self.view, self.view.app
        view.commit_editor()
        document = view.document
        if document.read_only:
            app.notify("Read-only: nothing is written here. The command line can: "
                       f"roadmap-tui export FILE --by {kind} -o DIR", severity="warning",
                       markup=False)
            return
        path = document.path
        stem = path.stem if path is not None else "roadmap"
        folder = (path.parent if path is not None else Path.cwd()) / f"{stem}-{FOLDER[kind]}"
        values = await app.push_screen_wait(FormDialog(WHAT[kind], [
            FormField("folder", "Folder", str(folder)),
            FormField("format", "Format", "md", placeholder=", ".join(FORMATS))]))
        if values is None:
            return
        fmt = values["format"].strip().lower() or "md"
        where = values["folder"].strip()
        if fmt not in FORMATS:
            app.notify(f"The format is one of {', '.join(FORMATS)}.", severity="error",
                       markup=False)
            return
        if not where:
            app.notify("Type the folder to write into.", severity="error", markup=False)
            return
        target = Path(where).expanduser()
        roadmap = document.roadmap
        try:
            results = await asyncio.to_thread(lambda: list(export_by(roadmap, kind, target,
                                                                     fmt)))
        except ExportByError as error:
            app.notify(str(error), title="Not exported", severity="error", timeout=15,
                       markup=False)
            return
        written = [r for r in results if not r.problem]
        for refused in (r for r in results if r.problem):
            app.notify(f"{refused.path}: {refused.problem}", title="Not written",
                       severity="error", timeout=15, markup=False)
        one, many = NOUN[kind]
        app.notify(f"Wrote {len(written)} {one if len(written) == 1 else many} to "
                   f"{target.resolve()}" if written else f"No {kind} to write a file for.",
                   markup=False, timeout=8)
