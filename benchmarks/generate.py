"""Generate realistic roadmaps of any size, the same for the same seed.

Used by the benchmarks (10,000 signposts is a merged conference roadmap, about
3 MB) and handy for trying the app on a big file::

    python benchmarks/generate.py 10000 > big.toml
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta, timezone

from roadmap_tui import Comment, Owner, Phase, Roadmap, Signpost, Status, dumps

VERBS = ("Map", "Train", "Fund", "Publish", "Convene", "Pilot", "Review", "Draft",
         "Translate", "Survey", "Link", "Document", "Advocate for", "Set up", "Share")
OBJECTS = ("referral pathways for survivors", "village safety committees",
           "a survivor-led advisory board", "supply-chain audits in seafood",
           "trauma-informed training for police", "a shared case-management form",
           "legal aid hotlines", "job placement with partner businesses",
           "cross-border victim returns", "school awareness sessions",
           "labour inspection checklists", "a donor briefing on prevention",
           "evidence on debt bondage", "shelter standards", "a regional NGO directory")
PLACES = ("in Battambang", "across the Mekong region", "with local authorities",
          "for garment factories", "in Bangkok", "before the next plenary", "",
          "with faith-based partners", "in two pilot districts")
OWNERS = ("Chab Dai", "IJM Cambodia", "World Vision", "Hagar", "ILO Bangkok",
          "Ministry of Social Affairs", "Ana", "Sok", "Dara", "Mei", "Lisa", "Rahul",
          "Freedom Business Alliance", "Legal Aid of Cambodia", "Thai Labour Network")
COUNTRIES = ("Cambodia", "Thailand", "Vietnam", "Laos", "Myanmar", "Philippines")
TAGS = ("policy", "training", "evidence", "funding", "grassroots", "survivors",
        "business", "legal", "prevention", "aftercare")
ZONE = timezone(timedelta(hours=7))


def make_roadmap(signpost_count: int, seed: int = 1) -> Roadmap:
    """A valid roadmap of ``signpost_count`` varied signposts."""
    rng = random.Random(seed)
    phases = tuple(
        Phase(name, date(2021, 1 + 3 * i, 1), date(2021, 3 + 3 * i, 28), f"Quarter {i + 1}")
        for i, name in enumerate(("Next 3 months", "3-6 months", "6-9 months",
                                  "9-12 months")))
    owners = tuple(Owner(name, organisation=name if " " in name else "",
                         country=rng.choice(COUNTRIES)) for name in OWNERS)
    signposts = []
    for number in range(1, signpost_count + 1):
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(330))
        dated = rng.random() < 0.7
        comments = ()
        if rng.random() < 0.1:
            comments = (Comment("Reviewer", datetime(2020, 12, 12, 10, 0, tzinfo=ZONE),
                                "Who funds this? Check with the donor group."),)
        depends = (f"s{rng.randrange(1, number)}",) if number > 1 and rng.random() < 0.1 else ()
        signposts.append(Signpost(
            id=f"s{number}",
            title=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}".strip(),
            detail=("Why: the group saw gaps here.\nFirst step: call the partners."
                    if rng.random() < 0.3 else ""),
            phase=rng.choice(phases).name if rng.random() < 0.9 else "",
            owners=tuple(rng.sample(OWNERS, rng.randrange(0, 3))),
            status=rng.choice(list(Status)),
            start=start if dated else None,
            due=start + timedelta(days=rng.randrange(14, 120)) if dated else None,
            tags=tuple(rng.sample(TAGS, rng.randrange(0, 3))),
            countries=tuple(rng.sample(COUNTRIES, rng.randrange(0, 2))),
            depends_on=depends,
            comments=comments,
        ))
    return Roadmap(
        title="Merged conference roadmap", group="All groups",
        event="Regional Anti-Trafficking Conference 2020, day 4",
        question="What do we do next?", facilitator="Lisa",
        participants=("Ana", "Sok", "Dara", "Mei"),
        notes="Merged from every breakout group.\nGenerated for benchmarks.",
        created=datetime(2020, 12, 11, 9, 0, tzinfo=ZONE),
        phases=phases, owners=owners, signposts=tuple(signposts))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    sys.stdout.write(dumps(make_roadmap(count, seed)))


if __name__ == "__main__":
    main()
