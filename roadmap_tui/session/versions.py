"""Local history as the session uses it: keep what a save replaced, offer the earlier
versions of the open file with labels, and bring one back as an undoable change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..model.text import shown_name
from ..storage import RoadmapFileError
from ..storage.files import read_bytes
from ..storage.versions import LocalHistory, Version
from .document import KEPT_BYTES, Document
from .notes import Note, Restored

RESTORE_DESCRIPTION = "restore an earlier version"


def local_history(path: Path) -> LocalHistory:
    """The earlier versions of the roadmap file at ``path``."""
    return LocalHistory(paths.history_folder(), paths.file_key(path))


@dataclass(frozen=True, slots=True)
class KeptVersion:
    """What became of the bytes a save (or a reload) replaced."""

    file: Path | None
    """Where they are kept; None when they were the newest version already, or lost."""
    problem: str = ""
    """Why they could not be kept."""

    @property
    def note(self) -> Note | None:
        if not self.problem:
            return None
        return Note("Saved, but the version it replaced could not be kept in the local "
                    f"history: {self.problem}", severity="warning", timeout=15)


def keep_version(path: Path, data: bytes) -> KeptVersion:
    """Keep ``data``, just replaced at ``path``, as its newest earlier version."""
    try:
        return KeptVersion(local_history(path).keep(data))
    except RoadmapFileError as error:
        return KeptVersion(None, str(error))


@dataclass(frozen=True, slots=True)
class EarlierVersions:
    """What "Earlier versions" offers: the versions to choose from, or why there are none."""

    name: str
    """The file's name as shown."""
    choices: list[tuple[Path, str]]
    """Each version's file and its label, newest first."""
    refusal: Note | None = None
    """Said instead of offering anything: untitled, read-only, or no version yet."""


def earlier_versions(document: Document) -> EarlierVersions:
    path = document.path
    if path is None:
        return EarlierVersions("", [], Note("An untitled roadmap has no saved versions yet."))
    name = shown_name(path.name)
    if document.read_only:
        return EarlierVersions(name, [], Note("Read-only: no version can be restored here.",
                                              severity="warning"))
    versions = local_history(path).versions()
    if not versions:
        return EarlierVersions(name, [], Note(
            f"No earlier versions of {name} yet: each save keeps the one it replaces.",
            timeout=6))
    return EarlierVersions(name, labelled_versions(versions))


def restore_version(document: Document, file: Path) -> Restored:
    """Make the version kept in ``file`` the open roadmap, as one undoable change."""
    path = document.path
    history = local_history(path) if path is not None else None
    chosen = (None if history is None
              else next((v for v in history.versions() if v.file == file), None))
    try:
        if history is None or chosen is None:
            raise RoadmapFileError(f"{shown_name(file)}: no longer in the local history",
                                   path=file)
        loaded = history.read(chosen)
    except RoadmapFileError as error:
        return Restored(Note(str(error), title="Not restored", severity="error",
                                    timeout=15), restored=False)
    selected = document.replace_all(loaded.roadmap, RESTORE_DESCRIPTION)
    return Restored(Note(f"Restored the version saved before {chosen.saved:%Y-%m-%d %H:%M}"
                                ": ctrl+z takes it back, ctrl+s keeps it.", timeout=8),
                           restored=True, selected_id=selected)


def labelled_versions(versions: Sequence[Version]) -> list[tuple[Path, str]]:
    """Each version with a label: when it was replaced, its signposts, its size."""
    return [(v.file, f"replaced {v.saved:%Y-%m-%d %H:%M:%S}  \u00b7  "
                     f"{_signposts_in(v.file)}  \u00b7  {_size(v.size)}")
            for v in versions]


def _signposts_in(file: Path) -> str:
    """How many signposts a version holds, counted without parsing it."""
    try:
        count = read_bytes(file, KEPT_BYTES, follow_symlinks=False).count(b"\n[[signposts]]")
    except RoadmapFileError:
        return "unreadable"
    return f"{count} signpost{'' if count == 1 else 's'}"


def _size(count: int) -> str:
    return f"{count} bytes" if count < 10_000 else f"{count // 1024} KiB"
