"""Conference benchmarks (issue 12): combine, the combined summary, and overlap detection.

Each figure is a ratio against a baseline timed in the same run, interleaved
round after round (this machine is shared and noisy):

* ``combine`` of 5 files x 2,000 signposts, and the summary of the result, as
  ratios to *loading the same five files* (``roadmap_tui.load`` each);
* overlap detection at 1,250 ... 10,000 signposts with a realistic vocabulary
  (titles of 3-9 words drawn from 30,000 words with Zipf frequencies, 1% planted
  near-duplicates in other groups): each size as a ratio to the one half its
  size (linear work gives ~2x a doubling, quadratic ~4x), and beside comparing
  every pair of titles where that is still bearable;
* overlap detection on the benchmark generator's titles (15 verbs x 15 objects
  x 9 places, so thousands of true overlaps): bounded by the distinct titles.

Run from the repository root::

    python benchmarks/bench_conference.py            # everything
    python benchmarks/bench_conference.py overlaps   # some of it
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import make_roadmap

import roadmap_tui
from roadmap_tui.model import Signpost
from roadmap_tui.model.combine import CombineInput, combine
from roadmap_tui.model.conference import conference
from roadmap_tui.model.overlap import find_overlaps, significant_words
from roadmap_tui.report.export import render

GROUPS = ("Legal", "Prevention", "Freedom business", "Business and supply chains", "Aftercare")
PER_FILE = 2_000


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def medians(actions: list[Callable[[], object]], rounds: int) -> list[float]:
    """Each action's median time, the actions run interleaved round after round."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(rounds):
        for index, action in enumerate(actions):
            times[index].append(timed(action))
    return [statistics.median(t) for t in times]


def report(name: str, ours: float, baseline_name: str, theirs: float) -> None:
    print(f"{name:<44} {ours * 1000:9.1f} ms   {baseline_name:<28} {theirs * 1000:9.1f} ms"
          f"   ratio {ours / theirs:6.2f}x", flush=True)


def bench_combine(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, group in enumerate(GROUPS):
            roadmap = replace(make_roadmap(PER_FILE, seed=number + 1), title=group, group=group)
            path = Path(folder) / f"group-{number + 1}.toml"
            roadmap_tui.save(roadmap, path)
            paths.append(path)
        out = Path(folder) / "plenary.toml"

        def load_all() -> list[roadmap_tui.Roadmap]:
            return [roadmap_tui.load(p) for p in paths]

        loaded = load_all()
        inputs = [CombineInput(p.name, r) for p, r in zip(paths, loaded, strict=True)]

        def combine_command() -> None:
            roadmaps = load_all()
            roadmap_tui.save(combine([CombineInput(p.name, r) for p, r in
                                      zip(paths, roadmaps, strict=True)]), out)

        combined = combine(inputs)
        # The same signposts as one group: the summary without Groups and Across groups.
        one_group = replace(combined, signposts=tuple(replace(s, group="All")
                                                      for s in combined.signposts))
        print(f"# {len(GROUPS)} files x {PER_FILE:,} signposts "
              f"({len(combined.signposts):,} combined)")
        base, model, command, analysis, text, markdown, plain_text, plain_markdown = medians([
            load_all, lambda: combine(inputs), combine_command,
            lambda: conference(combined),
            lambda: render(combined, "text", width=100), lambda: render(combined, "md"),
            lambda: render(one_group, "text", width=100), lambda: render(one_group, "md"),
        ], rounds)
        report("combine (the model function)", model, "load the 5 files", base)
        report("load + combine + save (the command)", command, "load the 5 files", base)
        report("Groups/Across groups analysis", analysis, "load the 5 files", base)
        report("summary of the combined, text 100 cols", text, "load the 5 files", base)
        report("summary of the combined, Markdown", markdown, "load the 5 files", base)
        report("summary of the combined, text 100 cols", text, "same, as one group", plain_text)
        report("summary of the combined, Markdown", markdown, "same, as one group",
               plain_markdown)


def realistic_signposts(count: int, seed: int = 7) -> list[Signpost]:
    """Titles from a 30,000-word Zipf vocabulary, 1% near-copies planted in other groups."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(30_000)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    fillers = ("the", "of", "for", "with", "in", "and")
    signposts: list[Signpost] = []
    for number in range(count):
        if signposts and rng.random() < 0.01:
            source = rng.choice(signposts)
            words = source.title.split()
            words[rng.randrange(len(words))] = rng.choice(fillers)  # one word changed
            title = " ".join([*words, rng.choice(vocabulary)])
        else:
            words = rng.choices(vocabulary, weights, k=rng.randrange(3, 10))
            title = " ".join(w if rng.random() > 0.2 else f"{rng.choice(fillers)} {w}"
                             for w in words)
        signposts.append(Signpost(f"s{number + 1}", title, group=rng.choice(GROUPS)))
    return signposts


def all_pairs(signposts: list[Signpost]) -> int:
    """The baseline: every pair of titles compared with the same rule."""
    sets = [frozenset(significant_words(s.title)) for s in signposts]
    found = 0
    for i, a in enumerate(sets):
        for j in range(i + 1, len(sets)):
            b = sets[j]
            shared = len(a & b)
            if signposts[i].group != signposts[j].group and shared >= 2 \
                    and 2 * shared > len(a) and 2 * shared > len(b):
                found += 1
    return found


def by_group(signpost: Signpost) -> str:
    return signpost.group


def bench_overlaps(rounds: int) -> None:
    print("# overlap detection, realistic vocabulary")
    previous: float | None = None
    for count in (1_250, 2_500, 5_000, 10_000):
        signposts = realistic_signposts(count)
        (ours,) = medians([lambda s=signposts: find_overlaps(s, by_group)], rounds)
        pairs = find_overlaps(signposts, by_group).total
        line = f"find_overlaps {count:>6,} signposts {ours * 1000:8.1f} ms  {pairs:>5,} pairs"
        if previous is not None:
            line += f"   ratio to half the size {ours / previous:5.2f}x (quadratic: 4x)"
        print(line, flush=True)
        previous = ours
    signposts = realistic_signposts(2_500)
    ours, naive = medians([lambda: find_overlaps(signposts, by_group),
                           lambda: all_pairs(signposts)], max(1, rounds // 2))
    report("find_overlaps (2,500)", ours, "every pair compared (2,500)", naive)
    assert find_overlaps(signposts, by_group).total == all_pairs(signposts)

    print("# overlap detection, the generator's repetitive titles")
    for count in (2_500, 10_000):
        generated = [replace(s, group=GROUPS[n % len(GROUPS)]) for n, s in
                     enumerate(make_roadmap(count).signposts)]
        (ours,) = medians([lambda g=generated: find_overlaps(g, by_group)], rounds)
        found = find_overlaps(generated, by_group)
        print(f"find_overlaps {count:>6,} signposts {ours * 1000:8.1f} ms  "
              f"{found.total:>9,} pairs ({len(found.pairs)} listed)", flush=True)


BENCHMARKS = {"combine": bench_combine, "overlaps": bench_overlaps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", choices=[*BENCHMARKS, []],
                        help="which to run (default: all)")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    for name in options.names or list(BENCHMARKS):
        BENCHMARKS[name](options.rounds)


if __name__ == "__main__":
    main()
