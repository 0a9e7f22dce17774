"""Writing an export to a file: the summary's formats (report) meet the file side (storage).

Kept apart from :mod:`roadmap_tui.report.export`, which knows only the model, so that
the layers stay one-way (see the import contracts in pyproject.toml).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from .model.roadmap import Roadmap
from .report.export import render
from .storage.files import write_text_atomically


def export_to(
    roadmap: Roadmap,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    width: int = 100,
    today: date | None = None,
) -> str:
    """Render and write to ``path`` (UTF-8, line endings as rendered); returns the text.

    Written as the command line writes an export: atomically, and never through
    a symbolic link (a planted ``summary.html -> ~/.bashrc`` is refused with a
    RoadmapFileError).
    """
    text = render(roadmap, fmt, width=width, today=today)
    write_text_atomically(Path(path), text, follow_symlinks=False)
    return text
