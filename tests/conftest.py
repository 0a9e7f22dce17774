"""Shared test set-up: user folders kept out of the real home, steady hypothesis, and
the session tests' saved roadmap, its keeper on a fake clock and another process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from session_fakes import Kept, keeper_for, roadmap

from roadmap_tui import save
from roadmap_tui.session import Document

settings.register_profile(
    "roadmap",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "roadmap"))

XDG_VARIABLES = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point every platformdirs folder at a fresh temporary home for each test."""
    home = tmp_path_factory.mktemp("home")
    saved = {name: os.environ.get(name) for name in XDG_VARIABLES}
    for name in XDG_VARIABLES:
        os.environ[name] = str(home / name.lower())
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


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
