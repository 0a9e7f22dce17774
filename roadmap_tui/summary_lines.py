"""The summary laid out as lines in a process of its own, for the app's present view.

A merged conference roadmap takes seconds for Rich to lay out (about a second
per 1,500 signposts, or per 2,000 owners). In a thread of the app it would hold
Python's interpreter lock and every key would wait its turn; in a process of
its own the app stays as quick as ever, and stopping it (escape) is a kill.

The parent sends the roadmap pickled on standard input; this process answers
with frames on standard output, each ``count`` (4 bytes) ``size`` (4 bytes)
then a pickled list of ``count`` lines (each a list of Rich Segments), BATCH
lines a frame but the last. Lines stream out as Rich renders the rows, so the
first screenful arrives long before the end. Never imports Textual.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
from collections.abc import Iterator
from datetime import date

from rich.console import Console
from rich.segment import Segment, Segments

from .model.roadmap import Roadmap
from .summary import summary

BATCH = 200
"""Lines a frame."""


def summary_lines(roadmap: Roadmap, width: int, today: date | None) -> Iterator[list[Segment]]:
    """The summary's lines at ``width`` columns, as Console.render_lines would give them,
    one at a time as Rich produces them."""
    console = Console(file=io.StringIO(), width=width, force_terminal=True,
                      color_system="truecolor", legacy_windows=False, markup=False,
                      emoji=False, highlight=False)
    options = console.options
    for piece in summary(roadmap, today=today).__rich_console__(console, options):
        renderable = Segments([piece]) if isinstance(piece, Segment) else piece
        yield from Segment.split_and_crop_lines(
            console.render(renderable, options), width, include_new_lines=False, pad=True)


def frames(roadmap: Roadmap, width: int, today: date | None) -> Iterator[bytes]:
    """The frames this process writes, BATCH lines each (the last may hold fewer)."""
    batch: list[list[Segment]] = []
    for line in summary_lines(roadmap, width, today):
        batch.append(line)
        if len(batch) == BATCH:
            yield _frame(batch)
            batch = []
    if batch:
        yield _frame(batch)


def _frame(lines: list[list[Segment]]) -> bytes:
    data = pickle.dumps(lines, protocol=pickle.HIGHEST_PROTOCOL)
    return len(lines).to_bytes(4, "big") + len(data).to_bytes(4, "big") + data


def main(argv: list[str]) -> int:
    """``python -m roadmap_tui.summary_lines WIDTH [TODAY]``, the roadmap on stdin."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)  # the app the person is typing in comes first, on a busy laptop too
    width = int(argv[0])
    today = date.fromisoformat(argv[1]) if len(argv) > 1 and argv[1] else None
    roadmap = pickle.load(sys.stdin.buffer)  # from the app that started this process
    if not isinstance(roadmap, Roadmap):
        return 2
    out = sys.stdout.buffer
    try:
        for frame in frames(roadmap, width, today):
            out.write(frame)
            out.flush()
    except (BrokenPipeError, KeyboardInterrupt):
        return 0  # the app no longer wants them (escape, a new width)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
