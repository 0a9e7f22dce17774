"""Character widths as terminals draw them, so Khmer (and Hindi, Thai...) keep the frame.

Rich measures a spacing combining mark (Unicode category Mc, such as the Khmer
vowel sign AA in "ការ") as 0 cells; tmux, xterm and VTE (GNOME Terminal and
friends) draw it in 1, as glibc's ``wcwidth`` says. A title of 15 cells by
Rich's count then takes 18 on screen and pushes the pane's border right, and
what is drawn after it lands in the wrong place. The app teaches Rich the
terminals' width for those marks; nonspacing marks (Mn, such as the Khmer
coeng) stay 0 in both.

Terminals that join whole grapheme clusters (Windows Terminal 1.22+, with its
grapheme mode on) may draw such text narrower than both counts; a row then ends
early by a cell or two and the border stays where Textual put it on the next full
redraw. That is the lesser harm, and the one a reviewer on Windows may see.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

import rich.cells as cells

_PATCHED = "_roadmap_terminal_widths"


def widened(spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Rich's width table with every spacing mark (Mc) it counts as 0 counted as 1."""
    result: list[tuple[int, int, int]] = []
    for start, end, width in spans:
        if width != 0:
            result.append((start, end, width))
            continue
        run_start, run_width = start, None
        for codepoint in range(start, end + 1):
            cell = 1 if unicodedata.category(chr(codepoint)) == "Mc" else 0
            if run_width is None:
                run_width = cell
            elif cell != run_width:
                result.append((run_start, codepoint - 1, run_width))
                run_start, run_width = codepoint, cell
        result.append((run_start, end, run_width or 0))
    return result


def match_terminal_widths() -> None:
    """Make Rich (and so Textual) count cells as the common terminals draw them; once per
    process, before anything is drawn."""
    if getattr(cells, _PATCHED, False):
        return
    original = cells.load_cell_table  # type: ignore[attr-defined]

    @functools.cache
    def load(unicode_version: str = "auto") -> cells.CellTable:
        table = original(unicode_version)
        return table._replace(widths=widened(table.widths))

    cells.load_cell_table = load  # type: ignore[attr-defined]
    setattr(cells, _PATCHED, True)
    cells.get_character_cell_size.cache_clear()
    cells.cached_cell_len.cache_clear()
