"""Khmer titles keep the frame: the real app in tmux, every list row's border in one column.

Rich counts a Khmer spacing vowel sign (category Mc) as 0 cells where tmux, xterm and VTE
draw 1 (glibc's wcwidth); the app teaches Rich the terminals' widths (app/widths.py).
The columns are measured here the way tmux measures them: with the C library's wcwidth.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import locale
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

TITLES = ["ការបណ្តុះបណ្តាល សហគមន៍", "ការស្រាវជ្រាវបន្ថែម ដើម្បីគោលនយោបាយ",
          "Train ការបណ្តុះបណ្តាល volunteers", "ផ្តល់ការងារដល់សមាជិកគ្រួសារ",
          "Plain English row"]


def khmer_roadmap(path: Path) -> None:
    lines = ['format = 1\n\n[roadmap]\ntitle = "ផែនទីបង្ហាញផ្លូវ"\n\n[[phases]]\n'
             'name = "ឥឡូវនេះ"\n\n[[owners]]\nname = "សហគមន៍"\n']
    for n in range(1, 41):
        lines.append(f'\n[[signposts]]\nid = "s{n}"\ntitle = "{TITLES[n % 5]} {n}"\n'
                     f'phase = "ឥឡូវនេះ"\nowners = ["សហគមន៍"]\n'
                     f'detail = "ព័ត៌មានលម្អិត {n} ការបណ្តុះបណ្តាល"\n')
    path.write_text("".join(lines), encoding="utf-8")


def wcwidth() -> Callable[[int], int]:
    locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    return ctypes.CDLL(ctypes.util.find_library("c")).wcwidth


def border_columns(line: str, width_of: Callable[[int], int]) -> list[int]:
    column, found = 0, []
    for character in line:
        if character in "│╮╯":
            found.append(column)
        column += max(width_of(ord(character)), 0)
    return found


def tmux(*arguments: str) -> str:
    return subprocess.run(["tmux", *arguments], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_khmer_rows_keep_the_list_border_in_one_column(
        tmp_path: Path, user_folders: Path, size: tuple[int, int]) -> None:
    path = tmp_path / "khmer.toml"
    khmer_roadmap(path)
    session = f"roadmap-khmer-{os.getpid()}-{size[0]}"
    environment = " ".join(f"{name}={os.environ[name]}" for name in os.environ
                           if name.startswith("XDG_"))
    command = (f"cd {tmp_path} && env {environment} LANG=C.UTF-8 TEXTUAL_ANIMATIONS=none "
               f"{sys.executable} -m roadmap_tui {path}")
    tmux("new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command)
    try:
        deadline = time.monotonic() + 20
        while "Signposts 40" not in tmux("capture-pane", "-t", session, "-p"):
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.2)
        tmux("send-keys", "-t", session, "Down", "Down", "Down", "PageDown", "Down")
        time.sleep(1.5)
        screen = tmux("capture-pane", "-t", session, "-p").splitlines()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    width_of = wcwidth()
    rows = [line for line in screen if line.startswith("│") and "○" in line]
    assert len(rows) >= 10, screen
    right = {border_columns(line, width_of)[-1] for line in rows}
    top = border_columns(next(line for line in screen if line.startswith("╭─ Signposts")),
                         width_of)
    assert right == {top[0]}, "\n".join(screen)
    assert all(sum(max(width_of(ord(c)), 0) for c in line) <= size[0] for line in screen)
