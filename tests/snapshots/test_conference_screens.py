"""Snapshot of the combined plenary roadmap's list grouped by breakout group (look at any
change before accepting it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .test_screens import ROOT, PinnedApp, SnapCompare


def test_plenary_grouped_by_group(tmp_path: Path, snap_compare: SnapCompare) -> None:
    path = tmp_path / "plenary.toml"
    shutil.copyfile(ROOT / "examples" / "plenary.toml", path)
    assert snap_compare(PinnedApp(path), press=["g", "down"], terminal_size=(100, 30))
