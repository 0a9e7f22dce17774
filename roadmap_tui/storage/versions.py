"""Local history: each save keeps the version it replaced, the newest 20 per file.

The versions are the file's own bytes, so a restored version is exactly what
was on disk, even when it was written by another program.

Each version's name starts with a sequence number, one more than the newest
kept, then the UTC time: the order cannot go backwards when the clock does
(daylight saving, travel, a corrected clock), so the newest version is never
taken for the oldest and pruned. Names from before (a local time alone) sort
before every numbered one.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import RoadmapFileError
from .files import LoadedRoadmap, digest_of, read_bytes, read_roadmap, write_bytes_atomically

MAX_VERSIONS = 20
_STAMP = "%Y%m%dT%H%M%S.%f"
_NUMBERED = re.compile(r"(\d{1,12})-(\d{8}T\d{6}\.\d{6})Z")


@dataclass(frozen=True, slots=True)
class Version:
    file: Path
    saved: datetime
    """When it was replaced by a newer save (local time, naive)."""
    size: int
    number: int = 0
    """Its place in the order kept: the newest has the highest (0 for old names)."""


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
        stamp = (when or datetime.now()).astimezone(UTC).strftime(_STAMP)
        number = (versions[0].number if versions else 0) + 1
        file = self.folder / f"{number:06d}-{stamp}Z.toml"
        write_bytes_atomically(file, data, create_parents=True, private=True)
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
            numbered = _NUMBERED.fullmatch(name[:-5])
            try:
                if numbered is None:
                    number, saved = 0, datetime.strptime(name[:-5], _STAMP)
                else:
                    number = int(numbered.group(1))
                    saved = datetime.strptime(numbered.group(2), _STAMP).replace(
                        tzinfo=UTC).astimezone().replace(tzinfo=None)
                size = entry.stat().st_size
            except (ValueError, OSError, OverflowError):
                continue
            found.append(Version(Path(entry.path), saved, size, number))
        return sorted(found, key=lambda v: (v.number, v.saved), reverse=True)

    @staticmethod
    def read(version: Version) -> LoadedRoadmap:
        return read_roadmap(version.file)


def _same_bytes(file: Path, data: bytes) -> bool:
    try:
        return digest_of(read_bytes(file)) == digest_of(data)
    except RoadmapFileError:  # an unreadable version is simply not the same
        return False
