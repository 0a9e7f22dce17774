"""Commitment cards and country tables: what each owner and each country takes home.

After the plenary everyone leaves with commitments and new partners. An
owner's card says what they agreed to, by when, with whom, and what waits on
them; a country's table lists what is planned there or by owners based there,
group by group, for the regrouping by country. Computed from the model alone
(standard library), each in one pass over the signposts.
"""

from __future__ import annotations

from dataclasses import dataclass

from .combine import group_of
from .overview import Numbered, country_groups, numbered
from .roadmap import Owner, Roadmap, Signpost


@dataclass(frozen=True, slots=True)
class Commitment:
    """One of the owner's signposts; ``with_`` are its other owners."""

    position: int
    signpost: Signpost
    group: str
    with_: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Waiting:
    """A signpost that depends on the owner's: ``needs`` are the owner's it waits on."""

    position: int
    signpost: Signpost
    group: str
    needs: tuple[Numbered, ...]


@dataclass(frozen=True, slots=True)
class OwnerCard:
    owner: Owner
    commitments: tuple[Commitment, ...]
    waiting: tuple[Waiting, ...]


@dataclass(frozen=True, slots=True)
class CountryTable:
    """A country's signposts by group (in order of first appearance) and its owners."""

    country: str
    groups: tuple[tuple[str, tuple[Numbered, ...]], ...]
    owners: tuple[Owner, ...]


def owner_cards(roadmap: Roadmap) -> list[OwnerCard]:
    """A card for every owner of the roadmap, in its owner order."""
    by_id = {s.id: item for item in numbered(roadmap) for s in (item[1],)}
    mine: dict[str, list[Commitment]] = {o.name.casefold(): [] for o in roadmap.owners}
    for position, signpost in numbered(roadmap):
        for name in dict.fromkeys(o.casefold() for o in signpost.owners):
            if name in mine:
                others = tuple(o for o in signpost.owners if o.casefold() != name)
                mine[name].append(Commitment(position, signpost, group_of(roadmap, signpost),
                                             others))
    cards = []
    for owner in roadmap.owners:
        commitments = mine[owner.name.casefold()]
        own_ids = {c.signpost.id for c in commitments}
        waiting = []
        for position, signpost in numbered(roadmap):
            needs = tuple(by_id[d] for d in dict.fromkeys(signpost.depends_on)
                          if d in own_ids and d in by_id)
            if needs and signpost.id not in own_ids:
                waiting.append(Waiting(position, signpost, group_of(roadmap, signpost), needs))
        cards.append(OwnerCard(owner, tuple(commitments), tuple(waiting)))
    return cards


def country_tables(roadmap: Roadmap) -> list[CountryTable]:
    """A table for every country a signpost names or an owner is based in.

    The countries and their signposts are the summary's (``country_groups``: one
    matching rule everywhere); here they are split by group and listed in
    alphabetical order, as a coordinator would look for their own.
    """
    tables = []
    for country in country_groups(roadmap):
        groups: dict[str, tuple[str, list[Numbered]]] = {}
        for item in country.signposts:
            group = group_of(roadmap, item[1])
            groups.setdefault(group.casefold(), (group, []))[1].append(item)
        tables.append(CountryTable(country.name, tuple(
            (name, tuple(items)) for name, items in groups.values()), country.owners))
    return sorted(tables, key=lambda table: (table.country.casefold(), table.country))
