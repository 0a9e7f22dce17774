"""What differs between two versions of a roadmap, in a few lines a person can read.

Used wherever the app asks someone to choose between two versions (a recovery
copy, a file changed on disk, an earlier save): the choice needs the
differences, not the whole text. The lines are the ``diff`` engine's, the same
as ``roadmap-tui diff`` prints, from the first version to the second; the
time stamps a save sets by itself are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diff import STAMPS, describe, diff
from .roadmap import Roadmap


def differences(old: Roadmap, new: Roadmap, *, limit: int = 12) -> list[str]:
    """What changed from ``old`` to ``new``; at most ``limit`` lines, the last counting the rest."""
    lines = [describe(change) for change in diff(old, new, ignore=STAMPS)]
    if len(lines) > limit:
        rest = len(lines) - (limit - 1)
        lines = [*lines[: limit - 1], f"\u2026 and {rest} more differences"]
    return lines


@dataclass(frozen=True, slots=True)
class Difference:
    """One line of a comparison, and the signpost in the newer version it is about
    ("" when it is about no signpost there: the roadmap, an owner, a removal)."""

    line: str
    signpost_id: str = ""


def comparison(old: Roadmap, new: Roadmap, *, limit: int = 1000) -> list[Difference]:
    """Every change from ``old`` to ``new`` with the signpost to jump to; past ``limit``
    changes, the last line counts the rest (``roadmap-tui diff`` lists them all)."""
    present = {s.id for s in new.signposts}
    found = [Difference(describe(change), change.signpost_id
                        if change.signpost_id in present else "")
             for change in diff(old, new, ignore=STAMPS)]
    if len(found) > limit:
        rest = len(found) - (limit - 1)
        found = [*found[: limit - 1], Difference(f"\u2026 and {rest} more differences")]
    return found
