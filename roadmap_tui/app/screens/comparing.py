"""Compare with...: what is open against another roadmap file or an earlier version.

The lines come from the model (``model.compare.comparison``, the engine behind
``roadmap-tui diff``); this only asks which version, loads it, shows the lines
and jumps to the signpost of the line chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...model.compare import comparison
from ...session.document import Document
from ...storage import RoadmapFileError
from ...storage.files import read_roadmap
from ...storage.versions import LocalHistory
from .dialogs import ChoiceDialog, DifferencesDialog, PathDialog, VersionsDialog
from .keeping import labelled_versions

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


class Comparing(_Base):
    document: Document

    if TYPE_CHECKING:
        def local_history(self, path: Path) -> LocalHistory: ...
        def select_signpost(self, signpost_id: str) -> None: ...

    def action_compare(self) -> None:
        """Ask what to compare with: a file, or (for a saved file) an earlier version."""
        path = self.document.path
        choices = [("File", "file")]
        if path is not None and self.local_history(path).versions():
            choices.append(("Earlier version", "version"))
        self.app.push_screen(
            ChoiceDialog("Compare what is open with another roadmap file, or with an "
                         "earlier version of this one?", [*choices, ("Cancel", "cancel")],
                         title="Compare with\u2026", id="compare-dialog"),
            self._compare_chosen)

    def _compare_chosen(self, answer: str | None) -> None:
        path = self.document.path
        if answer == "file":
            folder = path.parent if path is not None else Path.cwd()
            self.app.push_screen(PathDialog("Compare with the roadmap in", f"{folder}/",
                                            action="Compare"), self._compare_with_file)
        elif answer == "version" and path is not None:
            history = self.local_history(path)
            self.app.push_screen(
                VersionsDialog(path.name, labelled_versions(history.versions()),
                               intro="Choose the version to compare what is open with."),
                self._compare_with_version)

    def _compare_with_file(self, file: Path | None) -> None:
        if file is not None:
            self._compare_with(file, file.name)

    def _compare_with_version(self, file: Path | None) -> None:
        path = self.document.path
        if file is None or path is None:
            return
        version = next((v for v in self.local_history(path).versions() if v.file == file), None)
        when = f"{version.saved:%Y-%m-%d %H:%M}" if version else "an earlier save"
        self._compare_with(file, f"the version replaced {when}")

    def _compare_with(self, file: Path, name: str) -> None:
        try:
            other = read_roadmap(file).roadmap
        except RoadmapFileError as error:
            self.app.notify(str(error), title="Not compared", severity="error",
                            markup=False, timeout=15)
            return
        rows = [(d.line, d.signpost_id) for d in comparison(other, self.document.roadmap)]
        self.app.push_screen(
            DifferencesDialog(f"Compared with {name}",
                              f"What changes from {name} to what is open. Enter on a "
                              "signpost's line jumps to it.", rows),
            self._difference_chosen)

    def _difference_chosen(self, signpost_id: str | None) -> None:
        if signpost_id and self.document.roadmap.signpost_with_id(signpost_id) is not None:
            self.select_signpost(signpost_id)
