"""The open roadmap: its file, its undo history and the read-only promise.

Kept free of widgets so the rules (what a save stamps, what read-only refuses,
when the roadmap counts as changed) are plain code with plain tests.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from ..model import Roadmap
from ..model.operations import UNTITLED, new_roadmap, title_from_file_name
from ..storage import RoadmapFileError, save
from ..storage.files import LoadedRoadmap, read_roadmap
from .history import History, State


class ReadOnlyError(Exception):
    """A change was asked of a roadmap opened for review."""


class Document:
    def __init__(self, roadmap: Roadmap, path: Path | None, *, read_only: bool = False,
                 on_disk: bool = True, warnings: tuple[str, ...] = ()) -> None:
        first = roadmap.signposts[0].id if roadmap.signposts else None
        self.history = History(roadmap, first)
        self.path = path
        self.read_only = read_only
        self.warnings = warnings
        self.on_disk = on_disk
        """False until the roadmap has been written somewhere (untitled, the demo's copy,
        a FILE that does not exist yet). Quitting one unchanged loses nothing, so it
        does not count as unsaved."""

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> Document:
        """The roadmap in ``path``; a missing file is a new roadmap saved there later."""
        if not path.exists() and not path.is_symlink():
            if read_only:
                raise RoadmapFileError(f"{path}: no such file", path=path)
            roadmap = new_roadmap(title_from_file_name(path.stem), created=now())
            return cls(roadmap, path, on_disk=False)
        loaded: LoadedRoadmap = read_roadmap(path)
        return cls(loaded.roadmap, path, read_only=read_only,
                   warnings=tuple(str(w) for w in loaded.warnings))

    @classmethod
    def untitled(cls) -> Document:
        return cls(new_roadmap(UNTITLED, created=now()), None, on_disk=False)

    @classmethod
    def from_text(cls, roadmap: Roadmap) -> Document:
        """A roadmap that is not any file's yet (the demo copy)."""
        return cls(roadmap, None, on_disk=False)

    # -- state -----------------------------------------------------------------------

    @property
    def roadmap(self) -> Roadmap:
        return self.history.roadmap

    @property
    def selected_id(self) -> str | None:
        return self.history.current.selected_id

    @property
    def is_modified(self) -> bool:
        return self.history.is_modified

    @property
    def name(self) -> str:
        return "untitled" if self.path is None else self.path.name

    def apply(self, roadmap: Roadmap, selected_id: str | None, description: str) -> bool:
        """Record an edit; False when it changed nothing. Raises ReadOnlyError."""
        if self.read_only:
            raise ReadOnlyError("Read-only: this roadmap cannot be changed")
        if roadmap is self.roadmap:
            return False
        self.history.push(roadmap, selected_id, description)
        return True

    def undo(self) -> tuple[State, State] | None:
        if self.read_only:
            raise ReadOnlyError("Read-only: nothing to undo")
        return self.history.undo()

    def redo(self) -> State | None:
        if self.read_only:
            raise ReadOnlyError("Read-only: nothing to redo")
        return self.history.redo()

    # -- saving ----------------------------------------------------------------------

    def save(self, path: Path | None = None, *, at: datetime | None = None) -> Path:
        """Write the roadmap to ``path`` (or its own file); returns where it went.

        ``updated`` is stamped only when the content differs from what was last
        saved, so saving an unchanged roadmap leaves the file's history honest.
        """
        if self.read_only:
            raise ReadOnlyError("Read-only: nothing is written")
        target = path or self.path
        if target is None:
            raise ValueError("an untitled roadmap needs a path to save to")
        roadmap = self.roadmap
        if self.is_modified or target != self.path:
            stamp = at or now()
            roadmap = replace(roadmap, updated=stamp, created=roadmap.created or stamp)
        save(roadmap, target)
        self.path = target
        self.on_disk = True
        self.history.mark_saved(roadmap)
        return target


def now() -> datetime:
    """The local time with its offset, to the second, as the file format keeps it."""
    return datetime.now().astimezone().replace(microsecond=0)
