"""The summary's Groups and Across groups sections (SPEC section 6), as Rich renderables.

Shown only for a roadmap whose signposts come from two or more groups (a
combined plenary roadmap): each group with its signpost count, then what
crosses groups: overlapping plans, owners committed in several groups, and
the countries each group works in. The analysis is the model's
(:mod:`roadmap_tui.model.conference`); this module only lays it out, with user
text always literal.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..model.conference import Conference, GroupCount, conference
from ..model.overlap import Overlap
from ..model.roadmap import Roadmap
from .style import DIM, HEADING, LABEL, NOTE, OWNER, POSITION, RULE, literal


def groups_section(roadmap: Roadmap, *, wide: bool,
                   isolate_bidi: bool = False) -> Iterator[RenderableType]:
    """Each group with its signpost count; nothing for a single group's roadmap."""
    found = conference(roadmap)
    if found is None:
        return
    yield _rule("Groups", len(found.groups))
    yield _Sections(found, wide=wide, isolate_bidi=isolate_bidi).groups()


def across_section(roadmap: Roadmap, *, wide: bool,
                   isolate_bidi: bool = False) -> Iterator[RenderableType]:
    """Overlaps, owners in several groups, countries by group."""
    found = conference(roadmap)
    if found is None:
        return
    yield _rule("Across groups")
    yield from _Sections(found, wide=wide, isolate_bidi=isolate_bidi).across()


class _Sections:
    def __init__(self, found: Conference, *, wide: bool, isolate_bidi: bool) -> None:
        self.found = found
        self.wide = wide
        self.isolate = isolate_bidi

    def _text(self, value: str, style: Style | str = "") -> Text:
        return literal(value, style, isolate=self.isolate)

    def _counts(self, counts: tuple[GroupCount, ...], style: Style | str = "") -> Text:
        line = Text()
        for number, item in enumerate(counts):
            if number:
                line.append(" · ", DIM)
            line.append_text(self._text(item.name, style))
            line.append(f" {item.signposts:,}", DIM)
        return line

    def groups(self) -> RenderableType:
        table = Table.grid(padding=(0, 2))
        table.add_column(overflow="fold")
        table.add_column(justify="right", no_wrap=True)
        for group in self.found.groups:
            count = f"{group.signposts:,} signpost{'' if group.signposts == 1 else 's'}"
            table.add_row(self._text(group.name, HEADING), Text(count, style=DIM))
        return _indent(Padding(table, (0, 0, 1, 0)))

    def across(self) -> Iterator[RenderableType]:
        overlaps = self.found.overlaps
        yield _indent(_subheading("Overlaps", overlaps.total,
                                  "signposts of different groups that plan much the same"))
        if not overlaps.pairs:
            yield _indent(Text("None found: no two groups plan the same thing in other "
                               "words.", style=NOTE), 3)
        if overlaps.pairs:
            yield _indent(self._overlaps(overlaps.pairs), 3)
        if overlaps.total > len(overlaps.pairs):
            yield _indent(Text(f"… and {overlaps.total - len(overlaps.pairs):,} more pairs",
                               style=NOTE), 3)
        yield Text()
        shared = self.found.shared_owners
        yield _indent(_subheading("Owners in several groups", len(shared),
                                  "signposts in each group"))
        if not shared:
            yield _indent(Text("None: every owner committed in one group only.", style=NOTE),
                          3)
        yield _indent(self._labelled([(self._text(s.owner, OWNER), self._counts(s.groups))
                                      for s in shared]), 3)
        yield Text()
        yield _indent(_subheading("Countries by group", None,
                                  "named by signposts or their owners; signposts each"))
        yield _indent(self._labelled([
            (self._text(c.group, HEADING),
             self._counts(c.countries) if c.countries else Text("no country named", NOTE))
            for c in self.found.countries]), 3)

    def _overlaps(self, pairs: tuple[Overlap, ...]) -> Table:
        """One signpost a row, the second of each pair marked ↔: a pair of long titles
        reads at a glance, and a wrapped title stays in its column."""
        width = len(str(max(max(p.first[0], p.second[0]) for p in pairs))) + 2
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True, width=width)
        table.add_column(overflow="fold")
        for pair in pairs:
            for number, ((position, signpost), group) in enumerate(
                    ((pair.first, pair.first_group), (pair.second, pair.second_group))):
                mark = Text.assemble(("↔ " if number else "", DIM), (str(position), POSITION))
                table.add_row(mark, Text.assemble(self._text(signpost.title), (" (", DIM),
                                                  self._text(group, LABEL), (")", DIM)))
        return table

    def _labelled(self, rows: list[tuple[Text, Text]]) -> RenderableType:
        table = Table.grid(padding=(0, 2))
        table.add_column(overflow="fold", ratio=2 if self.wide else None)
        if self.wide:
            table.add_column(overflow="fold", ratio=5)
        for label, content in rows:
            if self.wide:
                table.add_row(label, content)
            else:
                table.add_row(Group(label, _indent(content, 2)))
        return table


def _rule(title: str, count: int | None = None) -> Rule:
    heading = Text(title, style=HEADING)
    if count is not None:
        heading.append(f"  {count:,}", DIM)
    return Rule(heading, align="left", style=RULE, characters="─")


def _subheading(title: str, count: int | None, about: str) -> Text:
    text = Text(title, style=HEADING)
    if count is not None:
        text.append(f"  {count:,}", DIM)
    text.append(f"  {about}", NOTE)
    return text


def _indent(renderable: RenderableType, columns: int = 1) -> Padding:
    return Padding(renderable, (0, 0, 0, columns))
