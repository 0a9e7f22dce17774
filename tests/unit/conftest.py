"""Fixtures for the session's unit tests: a saved roadmap file, its keeper on a fake
clock, and another running process (to hold a lock or a recovery copy)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from session_fakes import Kept, keeper_for, roadmap

from roadmap_tui import save
from roadmap_tui.session import Document


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    save(roadmap(), path)
    return path


@pytest.fixture
def kept(plan_file: Path) -> Kept:
    return keeper_for(Document.open(plan_file))


@pytest.fixture
def other_process() -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process
    process.kill()
    process.wait()
