"""The open roadmap: its file, its undo history and the read-only promise.

Kept free of widgets so the rules (what a save stamps, what read-only refuses,
when the roadmap counts as changed) are plain code with plain tests. It says
when it changed (``subscribe``): whoever depends on it (the views, the recovery
journal) is told rather than looking again and again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from pathlib import Path

from ..model import Roadmap
from ..model.operations import UNTITLED, new_roadmap, title_from_file_name
from ..model.text import shown_name
from ..storage import RoadmapFileError, save
from ..storage.files import LoadedRoadmap, digest_of, read_bytes
from ..storage.parse_cache import read_roadmap_cached
from .history import History, State


class ReadOnlyError(Exception):
    """A change was asked of a roadmap opened for review."""


class Disk(Enum):
    """What a save would find at its target, compared with what the roadmap came from."""

    AS_LEFT = "as left"
    """The bytes this document read or last wrote, or nothing where nothing was."""
    CHANGED = "changed"
    """Another program or person wrote the file since (or made it, for a new file)."""
    VANISHED = "vanished"
    """The file this document came from was deleted or moved away."""
    UNREADABLE = "unreadable"
    """Something is there that this app cannot read now (replaced by a file too large,
    its permissions changed): treated as changed, never overwritten without asking."""


@dataclass(frozen=True, slots=True)
class DiskCheck:
    state: Disk
    data: bytes | None = None
    """What is on disk now: the version a save would replace."""
    reason: str = ""
    """Why the file could not be read, when it could not."""


class Change(Enum):
    """What happened to a document, as its listeners are told."""

    EDIT = "edit"
    UNDO = "undo"
    REDO = "redo"
    REPLACE = "replace"
    """A whole other version as one undoable change (recovered work, an earlier version)."""
    RELOAD = "reload"
    """The file's current content, taken as saved."""
    SAVE = "save"
    """Written to its file (or to a new one: ``path`` tells)."""
    READ_ONLY = "read-only"
    """Switched to or from read-only review."""


@dataclass(frozen=True, slots=True)
class DocumentChange:
    """One change of a document, with its state after it: enough to act on without
    asking the document again."""

    kind: Change
    roadmap: Roadmap
    selected_id: str | None
    is_modified: bool
    path: Path | None
    read_only: bool
    description: str = ""
    """The undo step's description (an edit, undo, redo, replace); empty otherwise."""


Listener = Callable[[DocumentChange], object]
RELOAD_DESCRIPTION = "reload from disk"


class Document:
    def __init__(self, roadmap: Roadmap, path: Path | None, *, read_only: bool = False,
                 warnings: tuple[str, ...] = (), digest: str | None = None) -> None:
        first = roadmap.signposts[0].id if roadmap.signposts else None
        self.history = History(roadmap, first)
        self.path = path
        self._read_only = read_only
        self._listeners: list[Listener] = []
        self.warnings = warnings
        self.digest = digest
        """SHA-256 of the file's bytes when read or last written: a save compares the
        disk with it, because a time stamp can stay the same when content changes.
        None until the roadmap has been read from or written to a file."""

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, cache: Path | None = None) -> Document:
        """The roadmap in ``path``; a missing file is a new roadmap saved there later.
        ``cache``: a folder where large files' parses are kept (parse_cache.py)."""
        if not path.exists() and not path.is_symlink():
            if read_only:
                raise RoadmapFileError(f"{shown_name(path)}: no such file", path=path)
            roadmap = new_roadmap(title_from_file_name(path.stem), created=now())
            return cls(roadmap, path)
        # The cache is written a second later: the first frame does not wait for it.
        loaded: LoadedRoadmap = read_roadmap_cached(path, cache, store_after=1.0)
        return cls(loaded.roadmap, path, read_only=read_only,
                   warnings=tuple(str(w) for w in loaded.warnings), digest=loaded.digest)

    @classmethod
    def untitled(cls) -> Document:
        return cls(new_roadmap(UNTITLED, created=now()), None)

    @classmethod
    def from_text(cls, roadmap: Roadmap) -> Document:
        """A roadmap that is not any file's yet (the demo copy)."""
        return cls(roadmap, None)

    # -- who is told --------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every change of the roadmap, the selection, the saved
        state, the path or read-only; returns the function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _announce(self, kind: Change, description: str = "") -> None:
        change = DocumentChange(kind, self.roadmap, self.selected_id, self.is_modified,
                                self.path, self._read_only, description)
        for listener in tuple(self._listeners):  # one may unsubscribe while being told
            listener(change)

    # -- state -----------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Opened for review: every change and every save is refused."""
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        if value != self._read_only:
            self._read_only = value
            self._announce(Change.READ_ONLY)

    @property
    def on_disk(self) -> bool:
        """False until the roadmap has been written somewhere (untitled, the demo's copy,
        a FILE that does not exist yet). Quitting one unchanged loses nothing, so it
        does not count as unsaved."""
        return self.digest is not None

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
        self._announce(Change.EDIT, description)
        return True

    def undo(self) -> tuple[State, State] | None:
        if self.read_only:
            raise ReadOnlyError("Read-only: nothing to undo")
        step = self.history.undo()
        if step is not None:
            self._announce(Change.UNDO, step[0].description)
        return step

    def redo(self) -> State | None:
        if self.read_only:
            raise ReadOnlyError("Read-only: nothing to redo")
        state = self.history.redo()
        if state is not None:
            self._announce(Change.REDO, state.description)
        return state

    # -- the file on disk ----------------------------------------------------------------

    def check_disk(self, target: Path | None = None) -> DiskCheck:
        """Whether saving to ``target`` (default: its own file) would overwrite someone else's
        work. Another file is always "as left" here: replacing it is asked separately."""
        target = target or self.path
        if target is None:
            return DiskCheck(Disk.AS_LEFT)
        try:
            data = read_bytes(target)
        except RoadmapFileError as error:
            if target.exists() or target.is_symlink():
                return DiskCheck(Disk.UNREADABLE, _raw_bytes(target),
                                 error.message.rpartition(": ")[2])
            vanished = target == self.path and self.digest is not None
            return DiskCheck(Disk.VANISHED if vanished else Disk.AS_LEFT)
        if target != self.path:
            return DiskCheck(Disk.AS_LEFT, data)
        if self.digest is None or digest_of(data) != self.digest:
            return DiskCheck(Disk.CHANGED, data)
        return DiskCheck(Disk.AS_LEFT, data)

    def replace_all(self, roadmap: Roadmap, description: str) -> str | None:
        """A whole other version (recovered, restored, reloaded) as one undoable change;
        returns the signpost to select: the same one when it is still there."""
        selected = self._push_whole(roadmap, description)
        self._announce(Change.REPLACE, description)
        return selected

    def _push_whole(self, roadmap: Roadmap, description: str) -> str | None:
        if self.read_only:
            raise ReadOnlyError("Read-only: this roadmap cannot be changed")
        selected = self.selected_id
        if roadmap.signpost_with_id(selected or "") is None:
            selected = roadmap.signposts[0].id if roadmap.signposts else None
        self.history.push(roadmap, selected, description)
        return selected

    def reload(self, loaded: LoadedRoadmap) -> str | None:
        """Take the file's current content as an undoable change that counts as saved:
        ctrl+z brings back what was here before."""
        selected = self._push_whole(loaded.roadmap, RELOAD_DESCRIPTION)
        self.history.mark_saved(loaded.roadmap)
        self.digest = loaded.digest
        self._announce(Change.RELOAD, RELOAD_DESCRIPTION)
        return selected

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
        self.digest = save(roadmap, target)
        self.path = target
        self.history.mark_saved(roadmap)
        self._announce(Change.SAVE)
        return target


KEPT_BYTES = 256 * 1024 * 1024
"""The most of an unreadable-as-a-roadmap file kept in Earlier versions before a save
replaces it: too large for a roadmap, but still someone's work."""


def _raw_bytes(path: Path) -> bytes | None:
    """A file's bytes even when too large to be a roadmap; None when they cannot be read."""
    try:
        return read_bytes(path, KEPT_BYTES)
    except RoadmapFileError:
        return None


def now() -> datetime:
    """The local time with its offset, to the second, as the file format keeps it."""
    return datetime.now().astimezone().replace(microsecond=0)
