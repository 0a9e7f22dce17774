"""Versions benchmarks (issue 13): diff and merge of 10,000 signposts, as ratios.

Each command runs whole, as the command line runs it (read and check the
files, compare or merge, write the report or the merged file), against reading
and checking the same files with ``roadmap_tui.load``, interleaved round by
round in the same run. Targets:

* ``roadmap-tui diff OLD NEW``             <= 2x loading both files
* ``roadmap-tui merge BASE OURS THEIRS``   <= 3x loading the three

The versions differ as a busy week of edits would: about 2% of the signposts
changed (status, dates, owners, titles), 1% deleted, 1% added, 1% moved, an
owner renamed; ours and theirs each from the same base, with different edits
and a few clashing ones (so the merge records conflicts too).

Run from the repository root::

    python benchmarks/bench_versions.py             # both, 7 rounds
    python benchmarks/bench_versions.py diff --rounds 3
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import BIG, compare
from generate import make_roadmap

import roadmap_tui
from roadmap_tui.cli import main as cli
from roadmap_tui.model import Roadmap
from roadmap_tui.model.operations import (
    add_signpost,
    delete_signpost,
    move_signpost,
    rename_owner,
    update_signpost,
)


def edited(base: Roadmap, seed: int) -> Roadmap:
    """``base`` after a week of edits by one person."""
    rng = random.Random(seed)
    roadmap = base
    count = len(base.signposts)
    owner = rng.choice(base.owners).name
    roadmap = rename_owner(roadmap, owner, f"{owner} ({seed})")
    for signpost in rng.sample(base.signposts, count // 50):
        changes: dict[str, object] = rng.choice([
            {"status": "done"}, {"title": f"{signpost.title} (revised {seed})"},
            {"due": (signpost.due or signpost.start or base.signposts[0].due
                     or base.created.date() if base.created else None)},  # type: ignore[union-attr]
            {"owners": [rng.choice(roadmap.owners).name]}])
        if changes.get("due") is not None:
            changes["due"] = changes["due"] + timedelta(days=30 + seed)  # type: ignore[operator]
            if signpost.start is not None and changes["due"] < signpost.start:  # type: ignore[operator]
                changes["due"] = signpost.start
        elif "due" in changes:
            changes = {"status": "blocked"}
        roadmap = update_signpost(roadmap, signpost.id, **changes)
    for signpost in rng.sample(roadmap.signposts, count // 100):
        roadmap = delete_signpost(roadmap, signpost.id)
    for _ in range(count // 100):
        after = rng.choice(roadmap.signposts).id
        roadmap = add_signpost(roadmap, f"New idea {rng.random():.6f}", after_id=after)[0]
    for signpost in rng.sample(roadmap.signposts, count // 100):
        roadmap = move_signpost(roadmap, signpost.id, rng.randint(-50, 50))
    return roadmap


def quietly(args: list[str]) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        cli(args)


def bench_diff(rounds: int, folder: Path) -> None:
    old, new = folder / "old.toml", folder / "new.toml"
    base = make_roadmap(BIG)
    roadmap_tui.save(base, old)
    roadmap_tui.save(edited(base, 1), new)
    with contextlib.redirect_stdout(io.StringIO()) as report:
        cli(["diff", str(old), str(new)])
    print(f"# diff: {len(report.getvalue().splitlines())} changes between two versions of "
          f"{BIG} signposts")
    compare(f"roadmap-tui diff ({BIG})", lambda: quietly(["diff", str(old), str(new)]),
            lambda: (roadmap_tui.load(old), roadmap_tui.load(new)), "load both",
            rounds, 2.0)


def bench_merge(rounds: int, folder: Path) -> None:
    paths = [folder / f"{name}.toml" for name in ("base", "ours", "theirs")]
    base = make_roadmap(BIG)
    for path, roadmap in zip(paths, (base, edited(base, 1), edited(base, 2)), strict=True):
        roadmap_tui.save(roadmap, path)
    out = folder / "merged.toml"
    with contextlib.redirect_stderr(io.StringIO()) as conflicts:
        status = cli(["merge", *map(str, paths), "-o", str(out)])
    print(f"# merge: exit {status}, {len(conflicts.getvalue().splitlines())} conflicts, "
          f"{len(roadmap_tui.load(out).signposts)} signposts merged")
    compare(f"roadmap-tui merge ({BIG})",
            lambda: quietly(["merge", *map(str, paths), "-o", str(out)]),
            lambda: [roadmap_tui.load(path) for path in paths], "load the three",
            rounds, 3.0)


BENCHMARKS = {"diff": bench_diff, "merge": bench_merge}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []],
                        help="which to run (default: all)")
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    # The collector's pauses land on whichever side happens to allocate when it
    # runs; both sides free their roadmaps by reference counting anyway.
    gc.disable()
    with tempfile.TemporaryDirectory() as folder:
        for name in options.names or list(BENCHMARKS):
            BENCHMARKS[name](options.rounds, Path(folder))


if __name__ == "__main__":
    main()
