"""A real headless Chromium for the HTML export's tests: dump the DOM, take screenshots.

``tests/browser.sh`` finds Chromium or installs Debian's package with apt-get;
where it cannot be had, :func:`chromium` skips the test and says why. Each run
gets its own throw-away profile folder, so nothing reaches the user's home.
"""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("browser.sh")
TIMEOUT = 120


@functools.cache
def _find() -> tuple[str | None, str]:
    try:
        found = subprocess.run(["sh", str(HELPER)], capture_output=True, text=True,
                               timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return None, f"{HELPER.name} failed: {error}"
    if found.returncode != 0 or not found.stdout.strip():
        reason = found.stderr.strip().splitlines()[-1:] or ["unknown reason"]
        return None, reason[0]
    return found.stdout.strip(), ""


def chromium() -> str:
    """The browser's path; skips the calling test, with the reason, when there is none."""
    path, reason = _find()
    if path is None:
        pytest.skip(f"no headless Chromium: {reason} (the HTML is not checked in a browser)")
    return path


def _run(page: Path, profile: Path, *options: str) -> subprocess.CompletedProcess[str]:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
               "--disable-extensions", "--disable-background-networking",
               f"--user-data-dir={profile}", "--virtual-time-budget=3000",
               *options, page.resolve().as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)


def dump_dom(page: Path, profile: Path, *, width: int = 1280) -> str:
    """The document as the browser holds it once the page has loaded (scripts, if any
    were allowed to run, have run)."""
    result = _run(page, profile, "--dump-dom", f"--window-size={width},900")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(page: Path, target: Path, profile: Path, *, width: int, height: int) -> Path:
    result = _run(page, profile, f"--screenshot={target}", f"--window-size={width},{height}")
    assert target.exists(), result.stderr[-2000:]
    return target


def print_to_pdf(page: Path, target: Path, profile: Path) -> Path:
    """The page printed (its print stylesheet applied) to a PDF."""
    result = _run(page, profile, f"--print-to-pdf={target}", "--no-pdf-header-footer")
    assert target.exists(), result.stderr[-2000:]
    return target
