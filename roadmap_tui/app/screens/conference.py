"""The main screen's conference exports: commitment cards, country tables, group summaries.

The same as ``roadmap-tui export FILE --by owner|country|group -o DIR``, from
the command palette: a folder and a format are asked, the files are written in
a worker thread (by :mod:`roadmap_tui.report.export_by`, which keeps every file inside
the folder and never writes through a symlink), and a notice says how many
were written and where, or what was refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from ...model import Roadmap
from .dialogs import FormDialog, FormField

if TYPE_CHECKING:
    from ...session.document import Document

WHAT = {"owner": "Commitment cards: one file per owner",
        "country": "Country tables: one file per country",
        "group": "Group summaries: one file per group"}
FOLDER = {"owner": "cards", "country": "countries", "group": "groups"}


class ConferenceActions:
    """Mixed into the main screen (which provides ``document``, ``app``, ``commit_editor``)."""

    if TYPE_CHECKING:
        from textual.app import App

        document: Document
        app: App[None]

        def commit_editor(self) -> None: ...

    def action_export_by(self, kind: str) -> None:
        from ...report.export_by import FORMATS

        self.commit_editor()
        if self.document.read_only:
            self.app.notify("Read-only: nothing is written here. The command line can: "
                            f"roadmap-tui export FILE --by {kind} -o DIR",
                            severity="warning", markup=False)
            return
        path = self.document.path
        stem = path.stem if path is not None else "roadmap"
        folder = (path.parent if path is not None else Path.cwd()) / f"{stem}-{FOLDER[kind]}"

        def chosen(values: dict[str, str] | None) -> None:
            if values is None:
                return
            fmt = values["format"].strip().lower() or "md"
            where = values["folder"].strip()
            if fmt not in FORMATS:
                self.app.notify(f"The format is one of {', '.join(FORMATS)}.",
                                severity="error", markup=False)
            elif not where:
                self.app.notify("Type the folder to write into.", severity="error",
                                markup=False)
            else:
                self._export_by(self.document.roadmap, kind, Path(where).expanduser(), fmt)

        self.app.push_screen(FormDialog(WHAT[kind], [
            FormField("folder", "Folder", str(folder)),
            FormField("format", "Format", "md", placeholder=", ".join(FORMATS))]), chosen)

    @work(thread=True, exclusive=True, group="export-by")
    def _export_by(self, roadmap: Roadmap, kind: str, folder: Path, fmt: str) -> None:
        from ...report.export_by import ExportByError, export_by

        try:
            results = list(export_by(roadmap, kind, folder, fmt))
        except ExportByError as error:
            self.app.call_from_thread(self.app.notify, str(error), title="Not exported",
                                      severity="error", timeout=15, markup=False)
            return
        written = [r for r in results if not r.problem]
        for refused in (r for r in results if r.problem):
            self.app.call_from_thread(self.app.notify, f"{refused.path}: {refused.problem}",
                                      title="Not written", severity="error", timeout=15,
                                      markup=False)
        noun = {"owner": "commitment card", "country": "country table",
                "group": "group summary"}[kind]
        plural = "group summaries" if kind == "group" else f"{noun}s"
        message = (f"Wrote {len(written)} {noun if len(written) == 1 else plural} "
                   f"to {folder.resolve()}" if written else f"No {kind} to write a file for.")
        self.app.call_from_thread(self.app.notify, message, markup=False, timeout=8)
