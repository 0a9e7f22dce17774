"""Present and export at conference scale (issue 9): ratios against baselines timed in the
same run, interleaved round by round.

* export (text, ``roadmap-tui export``'s own path) at 10,000 signposts and at 100,000
  owners, against Rich printing a plain table of the same cells;
* present in the app (headless, 120x40): from ``p`` to the report-back's screen shown
  and to its pages all laid out (in a thread), against laying the same pages out
  in-process, at the same two sizes;
* escape while the pages of 10,000 signposts are being laid out, against escape once
  they are: from the key's arrival to the view gone;
* peak memory of the app presenting 100,000 owners, against the app open on the same
  file without presenting.

Run from the repository root::

    python benchmarks/bench_scale.py                   # everything (about 30 minutes)

At 100,000 owners a third of the rounds are run (each takes minutes).
    python benchmarks/bench_scale.py export --rounds 1
    python benchmarks/bench_scale.py escape memory
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import make_roadmap
from rich.console import Console
from rich.table import Table

import roadmap_tui
from roadmap_tui.model import Owner, Roadmap
from roadmap_tui.model.timeline import format_dates
from roadmap_tui.report.export import render
from roadmap_tui.report.pages import report_pages

SIGNPOSTS = 10_000
OWNERS = 100_000
WIDTH = 100
TODAY = date(2021, 3, 1)


def many_signposts() -> Roadmap:
    return make_roadmap(SIGNPOSTS)


def many_owners() -> Roadmap:
    """A small roadmap listing 100,000 owners (a hostile or machine-made file)."""
    roadmap = make_roadmap(50)
    extra = tuple(Owner(f"Owner {n:06d}", organisation="Org", country="Cambodia")
                  for n in range(OWNERS))
    return replace(roadmap, owners=roadmap.owners + extra)


def plain_table(roadmap: Roadmap) -> str:
    """The baseline: Rich printing a plain table of the same cells, as text."""
    table = Table("#", "Signpost", "Owners", "Phase", "Status", "Dates")
    for number, signpost in enumerate(roadmap.signposts, start=1):
        table.add_row(str(number), signpost.title, ", ".join(signpost.owners),
                      signpost.phase, str(signpost.status),
                      format_dates(signpost.start, signpost.due))
    owners = Table("Owner", "Organisation", "Country")
    for owner in roadmap.owners:
        owners.add_row(owner.name, owner.organisation, owner.country)
    console = Console(record=True, file=io.StringIO(), width=WIDTH, color_system="truecolor")
    console.print(table)
    console.print(owners)
    return console.export_text()


def median_pair(measured: Callable[[], float], baseline: Callable[[], float],
                rounds: int) -> tuple[float, float]:
    ours, theirs = [], []
    for _ in range(rounds):
        theirs.append(baseline())
        ours.append(measured())
    return statistics.median(ours), statistics.median(theirs)


def report(name: str, ours: float, baseline_name: str, theirs: float, unit: str = "s") -> None:
    scale = 1000 if unit == "ms" else 1
    print(f"{name:<46} {ours * scale:10.2f} {unit}   {baseline_name:<40} "
          f"{theirs * scale:10.2f} {unit}   ratio {ours / theirs:5.2f}x", flush=True)


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


# -- export ---------------------------------------------------------------------------


def big_rounds(rounds: int) -> int:
    """Rounds at 100,000 owners: each takes minutes on a shared machine."""
    return max(1, rounds // 3)


def bench_export(rounds: int) -> None:
    for label, roadmap, times in ((f"{SIGNPOSTS:,} signposts", many_signposts(), rounds),
                                  (f"{OWNERS:,} owners", many_owners(), big_rounds(rounds))):
        ours, theirs = median_pair(
            lambda r=roadmap: timed(lambda: render(r, "text", width=WIDTH, today=TODAY)),
            lambda r=roadmap: timed(lambda: plain_table(r)), times)
        report(f"export text, {label}", ours, "Rich plain tables of the same cells", theirs)


# -- present --------------------------------------------------------------------------

PAGE = (116, 36)
"""The report-back's page at 120x40: the screen less its bar, footer and padding."""


async def _present(path: Path) -> tuple[float, float]:
    """Seconds from ``p`` to the present screen shown, and to its pages all laid out."""
    from textual import events

    from roadmap_tui.app import RoadmapApp
    from roadmap_tui.app.screens.present import PresentScreen

    app = RoadmapApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.post_message(events.Key("p", "p"))  # not pressed: press waits for idle
        while not isinstance(app.screen, PresentScreen) or not app.screen.pages:
            await asyncio.sleep(0.001)
        first = time.perf_counter() - start
        while not app.screen.laid_out:
            await asyncio.sleep(0.01)
        return first, time.perf_counter() - start


def bench_present(rounds: int) -> None:
    for label, roadmap, times in ((f"{SIGNPOSTS:,} signposts", many_signposts(), rounds),
                                  (f"{OWNERS:,} owners", many_owners(), big_rounds(rounds))):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "big.toml"
            roadmap_tui.save(roadmap, path)
            firsts, wholes, bares = [], [], []
            for _ in range(times):
                bares.append(timed(lambda r=roadmap: report_pages(
                    r, today=date.today(), width=PAGE[0], height=PAGE[1])))
                first, whole = asyncio.run(_present(path))
                firsts.append(first)
                wholes.append(whole)
            bare = statistics.median(bares)
            report(f"present, {label}: screen shown", statistics.median(firsts),
                   "the same pages laid out in-process", bare)
            report(f"present, {label}: all laid out", statistics.median(wholes),
                   "the same pages laid out in-process", bare)


# -- escape ---------------------------------------------------------------------------


async def _escape(path: Path, while_laying_out: bool) -> float:
    """Seconds from escape's arrival to the present view gone, on the same big roadmap,
    while its pages are being laid out or once they are."""
    from textual import events

    from roadmap_tui.app import RoadmapApp
    from roadmap_tui.app.screens.present import PresentScreen

    app = RoadmapApp(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Posted, not pressed: Pilot's press waits for the app to be idle, which would
        # wait for the layout thread too.
        app.post_message(events.Key("p", "p"))
        while not isinstance(app.screen, PresentScreen) or not app.screen.pages:
            await asyncio.sleep(0.001)
        screen = app.screen
        while not while_laying_out and not screen.laid_out:
            await asyncio.sleep(0.01)
        if while_laying_out:
            # At once: the layout thread has just begun (0.4 s of work at 10,000).
            if screen.laid_out:
                raise RuntimeError("the layout ended before escape could be timed during it")
        else:
            await asyncio.sleep(0.3)  # settled after it
        start = time.perf_counter()
        app.post_message(events.Key("escape", None))
        while app.screen is not app.main:
            await asyncio.sleep(0.001)
        return time.perf_counter() - start


def bench_escape(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.toml"
        roadmap_tui.save(many_signposts(), big)
        ours, theirs = median_pair(lambda: asyncio.run(_escape(big, True)),
                                   lambda: asyncio.run(_escape(big, False)),
                                   max(rounds, 5))
        report(f"escape while laying out {SIGNPOSTS:,} signposts", ours,
               "the same once it is all laid out", theirs, unit="ms")


# -- memory ---------------------------------------------------------------------------

MEMORY_CHILD = """
import asyncio, resource, sys
from pathlib import Path
from roadmap_tui.app import RoadmapApp

async def main() -> None:
    app = RoadmapApp(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        if sys.argv[2] == "present":
            await pilot.press("p")
            while not getattr(app.screen, "laid_out", False):
                await asyncio.sleep(0.05)
            await pilot.press("end")
            await pilot.pause()

asyncio.run(main())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_memory(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "owners.toml"
        roadmap_tui.save(many_owners(), path)
        env = {**os.environ, "XDG_STATE_HOME": folder, "XDG_DATA_HOME": folder,
               "XDG_CONFIG_HOME": folder}

        def peak(mode: str) -> float:
            output = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(path), mode],
                                    check=True, capture_output=True, text=True, env=env)
            return int(output.stdout.split()[-1]) / 1024

        presented, opened = peak("present"), peak("open")
        print(f"{'peak memory, present ' + f'{OWNERS:,} owners':<46} {presented:10.1f} MiB  "
              f"{'the app open on the same file':<40} {opened:10.1f} MiB  "
              f"ratio {presented / opened:5.2f}x", flush=True)


BENCHMARKS = {"export": bench_export, "present": bench_present, "escape": bench_escape,
              "memory": bench_memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []],
                        help="which to run (default: all)")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    for name in options.names or list(BENCHMARKS):
        BENCHMARKS[name](options.rounds)


if __name__ == "__main__":
    main()
