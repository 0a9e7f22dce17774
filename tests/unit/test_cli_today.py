"""The command line's exports count gaps as the app does: past due from today (--today pins it)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import roadmap_tui
from roadmap_tui.model.overview import gaps, signposts_with_gaps
from roadmap_tui.report.export import render

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "prevention-resilient-communities.toml"
PINNED = date(2021, 3, 15)


def export(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "roadmap_tui", "export", str(EXAMPLE), *args],
                          capture_output=True, text=True, check=False)


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_today_pins_the_export_to_what_the_model_renders(fmt: str) -> None:
    result = export("-f", fmt, "--today", PINNED.isoformat())
    assert result.returncode == 0, result.stderr
    roadmap = roadmap_tui.load(EXAMPLE)
    assert result.stdout == render(roadmap, fmt, width=100, today=PINNED)
    count = signposts_with_gaps(gaps(roadmap, today=PINNED))
    assert f"{count} with gaps" in result.stdout


def test_without_today_past_due_counts_from_the_real_date() -> None:
    result = export("-f", "md")
    roadmap = roadmap_tui.load(EXAMPLE)
    assert result.stdout == render(roadmap, "md", today=date.today())
    assert "### Past due" in result.stdout  # the example's dates are in 2021


def test_a_bad_today_is_a_usage_error() -> None:
    result = export("--today", "15/03/2021")
    assert result.returncode == 2
    assert "invalid date" in result.stderr and "Traceback" not in result.stderr
