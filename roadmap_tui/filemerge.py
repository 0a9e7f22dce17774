"""``roadmap-tui merge``: three files in, one merged file out, as git's merge driver.

Git calls a merge driver with the ancestor, ours and theirs (``%O %A %B``) and
expects the result in ours, exit 0 when clean and non-zero when a person must
look. Roadmaps are merged by ids and names (model/merge.py); any other file
that the same pattern catches (``*.toml`` also matches ``pyproject.toml``), or a
roadmap that does not load, is merged line by line by ``git merge-file``, as
git would have without the driver. Nothing is written when something goes
wrong.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .model.merge import merge
from .model.roadmap import Roadmap
from .storage.errors import RoadmapFileError
from .storage.files import dumps, parse, read_bytes, write_bytes_atomically

CLEAN, CONFLICTS, TROUBLE = 0, 1, 2
_LOOKS_LIKE_ROADMAP = re.compile(rb"^\s*(\[roadmap\]|\[\[signposts\]\])", re.MULTILINE)


@dataclass
class Outcome:
    """The exit status, one line per conflict or problem, and the file written."""

    status: int
    messages: list[str] = field(default_factory=list)
    written: Path | None = None
    data: bytes | None = None
    """What is to be written."""


def merge_files(base: Path, ours: Path, theirs: Path, output: Path | None = None, *,
                now: datetime | None = None) -> Outcome:
    """Merge the three files into ``output`` (by default ``ours``, git's convention)."""
    target = ours if output is None else output
    try:
        data = [read_bytes(path) for path in (base, ours, theirs)]
    except RoadmapFileError as error:
        return Outcome(TROUBLE, [str(error)])
    roadmaps, why = _roadmaps(data, (base, ours, theirs))
    if roadmaps is None:
        outcome = _merged_by_lines(data, (base, ours, theirs))
        if why and outcome.status != TROUBLE:
            outcome.messages.insert(0, f"{why}; merged line by line")
            if outcome.status == CLEAN and not _loads(outcome, target):
                outcome.status = CONFLICTS
    else:
        result = merge(*roadmaps, now=now or datetime.now().astimezone())
        outcome = Outcome(CONFLICTS if result.conflicts else CLEAN,
                          [f"conflict: {c.message}" for c in result.conflicts],
                          data=dumps(result.roadmap).encode("utf-8"))
    if outcome.data is None:
        return outcome
    try:
        write_bytes_atomically(target, outcome.data)
    except RoadmapFileError as error:
        return Outcome(TROUBLE, [str(error)])
    outcome.written = target
    return outcome


def _roadmaps(data: list[bytes], paths: tuple[Path, Path, Path]
              ) -> tuple[tuple[Roadmap, Roadmap, Roadmap] | None, str]:
    """The three roadmaps, or None and why not ("" when none of them is a roadmap).

    An empty ancestor (git's, when both sides added the file) is a roadmap
    with nothing in it, so everything counts as added on both sides.
    """
    if not any(_LOOKS_LIKE_ROADMAP.search(d) for d in data):
        return None, ""
    found: list[Roadmap] = []
    for index, (content, path) in enumerate(zip(data, paths, strict=True)):
        if index == 0 and not content.strip():
            found.append(Roadmap(title=""))
            continue
        try:
            found.append(parse(content.decode("utf-8-sig"), path).roadmap)
        except UnicodeDecodeError:
            return None, f"{path}: not UTF-8 text, so not a roadmap"
        except RoadmapFileError as error:
            return None, f"not a valid roadmap ({str(error).splitlines()[0]})"
    return (found[0], found[1], found[2]), ""


def _merged_by_lines(data: list[bytes], paths: tuple[Path, Path, Path]) -> Outcome:
    """``git merge-file``'s merge of the three, conflict markers and all."""
    git = shutil.which("git")
    if git is None:
        return Outcome(TROUBLE, [f"{paths[1]}: is not a roadmap, and merging it line by "
                                 "line needs git, which was not found"])
    base, ours, theirs = paths
    done = subprocess.run([git, "merge-file", "-p", "--", str(ours), str(base), str(theirs)],
                          capture_output=True, check=False)
    if done.returncode < 0 or done.returncode > 127:
        error = done.stderr.decode("utf-8", "replace").strip().splitlines()
        return Outcome(TROUBLE, [f"{ours}: git merge-file failed: "
                                 f"{error[0] if error else done.returncode}"])
    outcome = Outcome(CONFLICTS if done.returncode else CLEAN, data=done.stdout)
    if done.returncode:
        outcome.messages.append(f"{ours}: {done.returncode} conflict"
                                f"{'' if done.returncode == 1 else 's'} merging line by line; "
                                "the file holds git's conflict markers")
    return outcome


def _loads(outcome: Outcome, target: Path) -> bool:
    """Whether a roadmap merged line by line still loads; if not, say why."""
    try:
        parse((outcome.data or b"").decode("utf-8-sig"), target)
    except (RoadmapFileError, UnicodeDecodeError) as error:
        outcome.messages.append(f"the merged file is not a valid roadmap: "
                                f"{str(error).splitlines()[0]}")
        return False
    return True
