"""The data formats of ``export``: the roadmap itself for other programs, not its summary.

``json`` (the file's document) and ``csv`` (one row per signpost, for
spreadsheets). Unlike the summary formats they need no Rich, so exporting
them stays as light as ``check``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.roadmap import Roadmap
from .csv_table import left_out, to_csv
from .json_form import to_json

FORMATS = ("json", "csv")
SUFFIXES = {".json": "json", ".csv": "csv"}
_UTF8_BOM = "\ufeff"


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The data format a file name asks for by its suffix (any case), if it asks for one."""
    return SUFFIXES.get(Path(path).suffix.lower())


def render(roadmap: Roadmap, fmt: str, *, for_file: bool = False) -> str:
    """The roadmap as ``fmt`` text.

    A CSV written to a file starts with a BOM: without one, Excel reads UTF-8
    as the computer's old code page and Khmer or Thai titles turn to noise.
    Standard output gets none, for the programs it is piped to.
    """
    if fmt == "json":
        return to_json(roadmap)
    if fmt == "csv":
        return (_UTF8_BOM if for_file else "") + to_csv(roadmap)
    raise ValueError(f'unknown format "{fmt}"; choose one of {", ".join(FORMATS)}')


def notes(roadmap: Roadmap, fmt: str) -> list[str]:
    """What the format leaves out of this roadmap (CSV holds signposts only)."""
    if fmt != "csv":
        return []
    missing = left_out(roadmap)
    return [f"the CSV has no place for {'; '.join(missing)}"] if missing else []
