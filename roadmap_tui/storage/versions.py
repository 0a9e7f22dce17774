"""Local history: each save keeps the version it replaced, the newest 20 per file.

The versions are the file's own bytes, so a restored version is exactly what
was on disk, even when it was written by another program.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import RoadmapFileError
from .files import LoadedRoadmap, digest_of, read_bytes, read_roadmap, write_bytes_atomically

MAX_VERSIONS = 20
_STAMP = "%Y%m%dT%H%M%S.%f"


@dataclass(frozen=True, slots=True)
class Version:
    file: Path
    saved: datetime
    """When it was replaced by a newer save (local time)."""
    size: int


class LocalHistory:
    """The earlier versions of one roadmap file, in ``folder / key``."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder / key

    def keep(self, data: bytes, *, when: datetime | None = None) -> Path | None:
        """Keep ``data`` as the newest version, unless it is already the newest.

        Raises RoadmapFileError when the folder cannot be written.
        """
        versions = self.versions()
        if versions and _same_bytes(versions[0].file, data):
            return None
        stamp = (when or datetime.now()).strftime(_STAMP)
        file = self.folder / f"{stamp}.toml"
        write_bytes_atomically(file, data, create_parents=True)
        for old in self.versions()[MAX_VERSIONS:]:
            with contextlib.suppress(OSError):
                os.unlink(old.file)
        return file

    def versions(self) -> list[Version]:
        """Newest first; files that are not versions are left alone."""
        found: list[Version] = []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        for entry in entries:
            name = entry.name
            if not name.endswith(".toml") or not entry.is_file(follow_symlinks=False):
                continue
            try:
                saved = datetime.strptime(name[:-5], _STAMP)
                size = entry.stat().st_size
            except (ValueError, OSError):
                continue
            found.append(Version(Path(entry.path), saved, size))
        return sorted(found, key=lambda v: v.saved, reverse=True)

    @staticmethod
    def read(version: Version) -> LoadedRoadmap:
        return read_roadmap(version.file)


def _same_bytes(file: Path, data: bytes) -> bool:
    try:
        return digest_of(read_bytes(file)) == digest_of(data)
    except RoadmapFileError:  # an unreadable version is simply not the same
        return False
