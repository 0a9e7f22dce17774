"""The HTML export in a real headless Chromium: headings, no script, phone and desktop.

Skipped, with the reason, where Chromium cannot be had (see tests/browser.sh).
Set ROADMAP_TUI_SCREENSHOTS to a folder to keep the screenshots for a look.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from browser import HELPER, dump_dom, print_to_pdf, screenshot
from test_summary import TODAY, breakout

from roadmap_tui.report.export import render
from roadmap_tui.report.html import CSP

RAN = "<script>document.body.setAttribute('data-ran', 'yes')</script>"
MEASURE = ("<script>document.body.setAttribute('data-width', "
           "document.documentElement.scrollWidth + ' ' + window.innerWidth)</script>")


def conference_roadmap() -> str:
    roadmap = replace(
        breakout(), title=f"Prevention {RAN}", strategy="Start in the villages,\nthen the "
        "ministries.", learnings=("Families need jobs too",),
        asks=("Who can fund a Khmer translation?",),
        signposts=tuple(replace(s, tags=("grassroots",) if s.id in ("s1", "s7") else (),
                                detail=s.detail or "Why, how and the first step. " * 6)
                        for s in breakout().signposts))
    return render(roadmap, "html", today=TODAY)


def _write(tmp_path: Path, name: str, page: str) -> Path:
    target = tmp_path / name
    target.write_text(page, encoding="utf-8")
    return target


def test_the_browser_shows_the_headings_and_runs_no_user_script(tmp_path: Path) -> None:
    page = _write(tmp_path, "summary.html", conference_roadmap())
    dom = dump_dom(page, tmp_path / "profile")
    assert 'data-ran="yes"' not in dom
    assert re.search(r"<h1>Prevention &lt;script&gt;", dom)
    for heading in ("Debrief", "Signposts", "Timeline", "Owners", "Countries", "Tags", "Gaps"):
        assert re.search(rf"<h2>{heading}\b", dom), heading


def test_the_policy_forbids_scripts_even_ones_that_slip_into_the_page(tmp_path: Path) -> None:
    """A script put into the page itself (a bug, a tampered file) does not run: the
    Content-Security-Policy forbids it. Without the policy the same script runs, so
    the check can fail."""
    page = conference_roadmap().replace("</main>", f"{RAN}</main>")
    guarded = _write(tmp_path, "guarded.html", page)
    assert 'data-ran="yes"' not in dump_dom(guarded, tmp_path / "profile-1")
    unguarded = _write(tmp_path, "unguarded.html", page.replace(CSP, "script-src 'unsafe-inline'"))
    assert 'data-ran="yes"' in dump_dom(unguarded, tmp_path / "profile-2")


@pytest.mark.parametrize("width", [390, 1280])
def test_it_fits_a_phone_and_a_desktop_without_sideways_scrolling(tmp_path: Path,
                                                                  width: int) -> None:
    page = conference_roadmap()
    measured = _write(tmp_path, "measured.html", page.replace(CSP, "script-src 'unsafe-inline'")
                      .replace("</body>", f"{MEASURE}</body>"))
    dom = dump_dom(measured, tmp_path / "profile-m", width=width)
    found = re.search(r'data-width="(\d+) (\d+)"', dom)
    assert found is not None
    content, window = int(found.group(1)), int(found.group(2))
    # Chromium's --dump-dom window is at least 500 wide: still a phone's layout (< 40em).
    assert window == max(width, 500)
    assert content <= window
    shot = screenshot(_write(tmp_path, "summary.html", page), tmp_path / f"summary-{width}.png",
                      tmp_path / "profile-s", width=width, height=2400)
    with shot.open("rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (width, 2400)
    if folder := os.environ.get("ROADMAP_TUI_SCREENSHOTS"):
        shutil.copy(shot, Path(folder) / shot.name)


def test_it_prints(tmp_path: Path) -> None:
    """The print stylesheet gives pages the browser can print: a PDF of several pages."""
    pdf = print_to_pdf(_write(tmp_path, "summary.html", conference_roadmap()),
                       tmp_path / "summary.pdf", tmp_path / "profile-p")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 2


def test_the_helper_says_why_when_there_is_no_browser(tmp_path: Path) -> None:
    """Where Chromium is missing and cannot be installed, the helper exits 1 with the
    reason, which the browser tests give as their skip reason."""
    result = subprocess.run(["/bin/sh", str(HELPER)], capture_output=True, text=True,
                            env={"PATH": str(tmp_path)}, check=False)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == "no chromium on PATH and no apt-get to install it with"
