"""Core benchmarks: each figure is a ratio against a bare baseline timed in the same run.

This machine is shared and noisy, so absolute times drift; the baseline and the
measured code run interleaved, round after round, and the report gives the
median of each and their ratio. Targets (issue #2):

* load + validate of 10,000 signposts   <= 1.2x bare ``tomllib.loads``
* ``dumps`` of 10,000 signposts         <= 1.3x bare ``tomli_w.dumps``
* ``roadmap-tui check`` (200 signposts) <= 3x  ``python -c "import tomllib"``
* HTML export of 10,000 signposts (written from the model since issue 12): reported
  beside Rich exporting a plain table of the same cells (what the old HTML export
  was built on), and beside a bare ``html.escape`` table of the same cells (the
  least any HTML export must do). The text export (the Rich summary) beside the
  same Rich table, for scale.
* Present's report-back pages for 10,000 signposts at 76x20 (the body of an
  80x24 screen), beside the same Rich table rendered as text.

Run from the repository root::

    python benchmarks/bench_core.py             # everything, 7 rounds (export: 3)
    python benchmarks/bench_core.py load dumps  # some of it
"""

from __future__ import annotations

import argparse
import html
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import tomli_w
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import make_roadmap

import roadmap_tui
from roadmap_tui.model.timeline import format_dates
from roadmap_tui.report.export import render
from roadmap_tui.report.pages import report_pages

BIG = 10_000
SMALL = 200


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def compare(name: str, measured: Callable[[], object], baseline: Callable[[], object],
            baseline_name: str, rounds: int, target: float | None) -> None:
    """Interleave the two, ``rounds`` times each, and print the medians and ratio."""
    measured_times, baseline_times = [], []
    for _ in range(rounds):
        baseline_times.append(timed(baseline))
        measured_times.append(timed(measured))
    ours, theirs = statistics.median(measured_times), statistics.median(baseline_times)
    ratio = ours / theirs
    verdict = "" if target is None else (
        f"  target <= {target}x: {'met' if ratio <= target else 'MISSED'}")
    print(f"{name:<34} {ours * 1000:9.1f} ms   {baseline_name:<30} "
          f"{theirs * 1000:9.1f} ms   ratio {ratio:5.2f}x{verdict}", flush=True)


def bench_load(rounds: int) -> None:
    text = roadmap_tui.dumps(make_roadmap(BIG))
    size = len(text.encode()) / 2**20
    print(f"# {BIG} signposts, {size:.1f} MiB of TOML")
    compare(f"roadmap_tui.loads ({BIG})", lambda: roadmap_tui.loads(text),
            lambda: tomllib.loads(text), "tomllib.loads", rounds, 1.2)


def bench_dumps(rounds: int) -> None:
    roadmap = make_roadmap(BIG)
    document = tomllib.loads(roadmap_tui.dumps(roadmap))
    compare(f"roadmap_tui.dumps ({BIG})", lambda: roadmap_tui.dumps(roadmap),
            lambda: tomli_w.dumps(document, multiline_strings=True), "tomli_w.dumps",
            rounds, 1.3)


def bench_check(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roadmap.toml"
        roadmap_tui.save(make_roadmap(SMALL), path)
        script = Path(sys.executable).with_name("roadmap-tui")
        command = [str(script)] if script.exists() else [sys.executable, "-m", "roadmap_tui"]

        # Users' installs have bytecode caches, as the standard library here
        # does: let the first run write ours (PYTHONDONTWRITEBYTECODE would
        # otherwise make every run compile the package from source).
        environment = {key: value for key, value in os.environ.items()
                       if key != "PYTHONDONTWRITEBYTECODE"}

        def check() -> None:
            subprocess.run([*command, "check", str(path)], check=True,
                           stdout=subprocess.DEVNULL, env=environment)

        def bare() -> None:
            subprocess.run([sys.executable, "-c", "import tomllib"], check=True,
                           env=environment)

        check()

        compare(f"roadmap-tui check ({SMALL})", check, bare, 'python -c "import tomllib"',
                rounds, 3.0)


def plain_table_html(roadmap: roadmap_tui.Roadmap) -> str:
    """The baseline: Rich exporting a plain table of the same cells as HTML."""
    table = Table("#", "Signpost", "Owners", "Phase", "Status", "Dates")
    for number, signpost in enumerate(roadmap.signposts, start=1):
        table.add_row(str(number), signpost.title, ", ".join(signpost.owners),
                      signpost.phase, str(signpost.status),
                      format_dates(signpost.start, signpost.due))
    console = Console(record=True, file=io.StringIO(), width=100, color_system="truecolor")
    console.print(table)
    return console.export_html()


def bare_html_table(roadmap: roadmap_tui.Roadmap) -> str:
    """The least an HTML export does: one escaped row per signpost, nothing else."""
    rows = []
    for number, signpost in enumerate(roadmap.signposts, start=1):
        cells = (str(number), signpost.title, ", ".join(signpost.owners), signpost.phase,
                 str(signpost.status), format_dates(signpost.start, signpost.due))
        rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return "<table>" + "\n".join(rows) + "</table>"


def plain_table_text(roadmap: roadmap_tui.Roadmap) -> str:
    table = Table("#", "Signpost", "Owners", "Phase", "Status", "Dates")
    for number, signpost in enumerate(roadmap.signposts, start=1):
        table.add_row(str(number), signpost.title, ", ".join(signpost.owners),
                      signpost.phase, str(signpost.status),
                      format_dates(signpost.start, signpost.due))
    console = Console(record=True, file=io.StringIO(), width=100, color_system=None)
    console.print(table)
    return console.export_text()


def bench_export(rounds: int) -> None:
    roadmap = make_roadmap(BIG)
    today = date(2021, 3, 15)
    compare(f"export html ({BIG})", lambda: render(roadmap, "html", today=today),
            lambda: plain_table_html(roadmap), "Rich plain table -> html", rounds, None)
    compare(f"export html ({BIG})", lambda: render(roadmap, "html", today=today),
            lambda: bare_html_table(roadmap), "bare html.escape table", rounds, None)
    compare(f"export md ({BIG})", lambda: render(roadmap, "md", today=today),
            lambda: bare_html_table(roadmap), "bare html.escape table", rounds, None)
    compare(f"export text ({BIG})", lambda: render(roadmap, "text", width=100, today=today),
            lambda: plain_table_text(roadmap), "Rich plain table -> text", rounds, None)
    compare(f"report-back pages ({BIG}, 76x20)",
            lambda: report_pages(roadmap, today=today, width=76, height=20),
            lambda: plain_table_text(roadmap), "Rich plain table -> text", rounds, None)


BENCHMARKS = {"load": bench_load, "dumps": bench_dumps, "check": bench_check,
              "export": bench_export}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []],
                        help="which to run (default: all)")
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    for name in options.names or list(BENCHMARKS):
        rounds = min(options.rounds, 3) if name == "export" else options.rounds
        BENCHMARKS[name](rounds)


if __name__ == "__main__":
    main()
