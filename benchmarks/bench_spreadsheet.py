"""The spreadsheet round trip at 10,000 signposts, as ratios to loading the same roadmap.

Each figure is the median of interleaved rounds against ``roadmap_tui.loads`` of
the same roadmap's TOML text, timed in the same run (the machine is shared and
absolute times drift). Reported, no target:

* import: ``parse_csv`` of the roadmap's CSV (bytes to a validated Roadmap)
* export csv: ``to_csv`` of the roadmap
* export json: ``to_json`` of the roadmap

Run from the repository root::

    python benchmarks/bench_spreadsheet.py              # 7 rounds
    python benchmarks/bench_spreadsheet.py --rounds 3
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import BIG, compare
from generate import make_roadmap

import roadmap_tui
from roadmap_tui.storage.csv_table import parse_csv, to_csv
from roadmap_tui.storage.json_form import to_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    roadmap = make_roadmap(BIG)
    toml_text = roadmap_tui.dumps(roadmap)
    csv_data = to_csv(roadmap).encode("utf-8")
    print(f"# {BIG} signposts: {len(toml_text.encode()) / 2**20:.1f} MiB of TOML,"
          f" {len(csv_data) / 2**20:.1f} MiB of CSV")

    def load() -> object:
        return roadmap_tui.loads(toml_text)

    compare(f"import csv ({BIG})", lambda: parse_csv(csv_data, title="t"), load,
            "roadmap_tui.loads", rounds, None)
    compare(f"export csv ({BIG})", lambda: to_csv(roadmap), load, "roadmap_tui.loads",
            rounds, None)
    compare(f"export json ({BIG})", lambda: to_json(roadmap), load, "roadmap_tui.loads",
            rounds, None)


if __name__ == "__main__":
    main()
