"""The Groups and Across groups sections (SPEC section 6) in the Markdown export.

The same content as :mod:`roadmap_tui.report.conference`, from the same model
analysis; user text goes through ``export_markdown.cell``, so it never becomes
Markdown, a link or HTML.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.conference import GroupCount, conference
from ..model.overlap import Overlap
from ..model.roadmap import Roadmap
from .markdown import cell


def groups_markdown(roadmap: Roadmap) -> Iterator[str]:
    """Groups, each line without its newline; nothing for a single group's roadmap."""
    found = conference(roadmap)
    if found is None:
        return
    yield f"## Groups ({len(found.groups):,})"
    yield ""
    yield "| Group | Signposts |"
    yield "|---|--:|"
    for group in found.groups:
        yield f"| {cell(group.name)} | {group.signposts:,} |"


def across_markdown(roadmap: Roadmap) -> Iterator[str]:
    """Across groups: overlaps, owners in several groups, countries by group."""
    found = conference(roadmap)
    if found is None:
        return
    yield "## Across groups"
    yield ""
    overlaps = found.overlaps
    yield f"### Overlaps ({overlaps.total:,})"
    yield ""
    yield "*Signposts of different groups that plan much the same.*"
    yield ""
    for pair in overlaps.pairs:
        yield f"- {_overlap(pair)}"
    if overlaps.total > len(overlaps.pairs):
        yield f"- *… and {overlaps.total - len(overlaps.pairs):,} more pairs*"
    if not overlaps.pairs:
        yield "*None found.*"
    yield ""
    yield f"### Owners in several groups ({len(found.shared_owners):,})"
    yield ""
    for shared in found.shared_owners:
        yield f"- **{cell(shared.owner)}**: {_counts(shared.groups)}"
    if not found.shared_owners:
        yield "*None: every owner committed in one group only.*"
    yield ""
    yield "### Countries by group"
    yield ""
    yield "| Group | Countries (signposts each) |"
    yield "|---|---|"
    for countries in found.countries:
        named = _counts(countries.countries) or "*no country named*"
        yield f"| {cell(countries.group)} | {named} |"


def _overlap(pair: Overlap) -> str:
    (first, one), (second, other) = pair.first, pair.second
    return (f"**{first}** {cell(one.title)} (*{cell(pair.first_group)}*) ↔ "
            f"**{second}** {cell(other.title)} (*{cell(pair.second_group)}*)")


def _counts(counts: tuple[GroupCount, ...]) -> str:
    return ", ".join(f"{cell(c.name)} ({c.signposts:,})" for c in counts)
