"""The local history's versions as a dialog lists them: when each was replaced, how many
signposts it holds and its size, read without parsing the files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...session.document import KEPT_BYTES
from ...storage import RoadmapFileError
from ...storage.files import read_bytes
from ...storage.versions import Version


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

