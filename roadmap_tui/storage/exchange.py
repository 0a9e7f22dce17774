"""The data formats of ``export``: the roadmap itself for other programs, not its summary.

``json`` (the file's document) and ``csv`` (one row per signpost, for
spreadsheets). Unlike the summary formats they need no Rich, so exporting
them stays as light as ``check``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model.roadmap import Roadmap
from .csv_table import first_appearances, to_csv
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


def left_out(roadmap: Roadmap) -> list[str]:
    """What the roadmap holds that its CSV cannot, worded for a note to the user.

    Empty when importing the CSV (with the roadmap's title) gives the roadmap
    back, but for its ``created`` and ``updated`` stamps: those are the file's
    history, not its content, and import sets ``created`` anew.
    """
    notes = []
    header = [key for key in ("group", "event", "question", "facilitator", "participants",
                              "notes", "strategy", "goals",
                              "outcomes", "assumptions", "learnings", "asks")
              if getattr(roadmap, key)]
    if header:
        notes.append("the roadmap's " + ", ".join(header))
    phases = first_appearances(s.phase for s in roadmap.signposts)
    if any(p.start or p.end or p.description for p in roadmap.phases):
        notes.append("phase dates and descriptions")
    if [p.name for p in roadmap.phases] != phases:
        notes.append("phases no signpost is in, or their order or spelling")
    owners = first_appearances(o for s in roadmap.signposts for o in s.owners)
    if any(o.organisation or o.role or o.country or o.contact for o in roadmap.owners):
        notes.append("owner details")
    if [o.name for o in roadmap.owners] != owners:
        notes.append("owners nobody is given, or their order or spelling")
    comments = sum(len(s.comments) for s in roadmap.signposts)
    if comments:
        notes.append(f"{comments} comment{'s' if comments != 1 else ''}")
    if any(s.group or s.origin for s in roadmap.signposts):
        notes.append("signposts' group and origin")
    return notes
