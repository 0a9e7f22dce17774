"""Compare what is open with another roadmap file or an earlier version of this one;
Enter on a difference jumps to its signpost."""

from __future__ import annotations

from pathlib import Path

from ...model.compare import comparison
from ...session.versions import labelled_versions, local_history
from ...storage import RoadmapFileError
from ...storage.files import read_roadmap
from ..dialogs import ChoiceDialog, DifferencesDialog, PathDialog, VersionsDialog
from .view import MainView


class Comparing:
    def __init__(self, view: MainView) -> None:
        self.view = view

    async def compare(self) -> None:
        """Ask what to compare with: a file, or (for a saved file) an earlier version."""
        app = self.view.app
        path = self.view.document.path
        choices = [("File", "file")]
        if path is not None and local_history(path).versions():
            choices.append(("Earlier version", "version"))
        answer = await app.push_screen_wait(
            ChoiceDialog("Compare what is open with another roadmap file, or with an "
                         "earlier version of this one?", [*choices, ("Cancel", "cancel")],
                         title="Compare with\u2026", id="compare-dialog"))
        if answer == "file":
            folder = path.parent if path is not None else Path.cwd()
            file = await app.push_screen_wait(
                PathDialog("Compare with the roadmap in", f"{folder}/", action="Compare"))
            if file is not None:
                await self._compare_with(file, file.name)
        elif answer == "version" and path is not None:
            history = local_history(path)
            versions = history.versions()
            file = await app.push_screen_wait(
                VersionsDialog(path.name, labelled_versions(versions),
                               intro="Choose the version to compare what is open with."))
            if file is None:
                return
            version = next((v for v in versions if v.file == file), None)
            when = f"{version.saved:%Y-%m-%d %H:%M}" if version else "an earlier save"
            await self._compare_with(file, f"the version replaced {when}")

    async def _compare_with(self, file: Path, name: str) -> None:
        app = self.view.app
        try:
            other = read_roadmap(file).roadmap
        except RoadmapFileError as error:
            app.notify(str(error), title="Not compared", severity="error", markup=False,
                       timeout=15)
            return
        rows = [(d.line, d.signpost_id) for d in comparison(other, self.view.document.roadmap)]
        signpost_id = await app.push_screen_wait(
            DifferencesDialog(f"Compared with {name}",
                              f"What changes from {name} to what is open. Enter on a "
                              "signpost's line jumps to it.", rows))
        if signpost_id and self.view.document.roadmap.signpost_with_id(signpost_id):
            self.view.select_signpost(signpost_id)
