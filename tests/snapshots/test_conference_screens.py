"""Snapshot of the combined plenary roadmap's list grouped by breakout group (look at any
change before accepting it)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from .test_screens import ROOT, PinnedApp


class QuietApp(PinnedApp):
    """Without the passing notice that explains ``g``: it fades, the screen stays."""

    def notify(self, message: str, **options: Any) -> None:
        if options.get("severity", "information") != "information":
            super().notify(message, **options)


def test_plenary_grouped_by_group(tmp_path: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plenary.toml"
    shutil.copyfile(ROOT / "examples" / "plenary.toml", path)
    assert snap_compare(QuietApp(path), press=["g", "down"], terminal_size=(100, 30))
