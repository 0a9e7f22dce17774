"""The summary's shared layout pieces, and its sections beyond SPEC section 3's own:
the debrief, countries and tags.

:class:`Writer` turns user text into literal ``Text`` (never markup), isolating
right-to-left values when the output is read in bidi-aware viewers; every
section renderer takes one, so the whole summary shares one rule for user text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..model.overview import Numbered, country_groups, debrief_lists, tag_groups
from ..model.roadmap import Roadmap
from .style import (
    DIM,
    HEADING,
    LABEL,
    NOTE,
    OWNER,
    POSITION,
    RULE,
    literal,
    plain,
    status_mark,
    status_style,
    title_style,
)

BULLET = "•"


class Writer:
    """User text as literal Text, isolated (FSI .. PDI) when ``isolate_bidi``."""

    def __init__(self, *, isolate_bidi: bool) -> None:
        self.isolate_bidi = isolate_bidi

    def text(self, value: str, style: Style | str = "", *, multiline: bool = False) -> Text:
        return literal(value, style, isolate=self.isolate_bidi, multiline=multiline)

    def names(self, names: Iterable[str], separator: str, style: Style | str = "") -> Text:
        """Names joined, each isolated on its own so that one Arabic name cannot take its
        neighbours along."""
        return Text(separator.join(plain(n, isolate=self.isolate_bidi) for n in names),
                    style=style)

    def numbered(self, signposts: tuple[Numbered, ...], empty: str) -> Text:
        """One line per signpost: position, status symbol, title."""
        if not signposts:
            return Text(empty, style=NOTE)
        lines = Text()
        width = len(str(signposts[-1][0]))
        for number, (position, signpost) in enumerate(signposts):
            if number:
                lines.append("\n")
            lines.append(f"{position:>{width}} ", POSITION)
            lines.append(f"{status_mark(signpost.status)} ", status_style(signpost.status))
            lines.append_text(self.text(signpost.title, title_style(signpost.status)))
        return lines

    def bullets(self, items: Iterable[str]) -> Text:
        lines = Text()
        for number, item in enumerate(items):
            if number:
                lines.append("\n")
            lines.append(f"{BULLET} ", DIM)
            lines.append_text(self.text(item))
        return lines


def section(title: str, count: int | None = None) -> Rule:
    heading = Text(title, style=HEADING)
    if count is not None:
        heading.append("  ")
        heading.append(f"{count:,}", DIM)
    return Rule(heading, align="left", style=RULE, characters="─")


def labelled_rows(rows: list[tuple[Text, RenderableType]], wide: bool, *,
                  wrap_labels: bool) -> Padding:
    """Label beside content when wide, content indented under its label when narrow.

    The owners, gaps, debrief, countries and tags sections share this layout; a
    blank row separates entries. ``wrap_labels`` folds long labels in the wide
    layout; otherwise they keep to one line.
    """
    table = Table.grid(padding=(0, 3) if wide else (0, 1), expand=True)
    if wrap_labels:
        table.add_column(ratio=2 if wide else None, overflow="fold")
    else:
        table.add_column(ratio=2 if wide else None, no_wrap=not wide)
    if wide:
        table.add_column(ratio=5, overflow="fold")
    for label, content in rows:
        if wide:
            table.add_row(label, content)
        else:
            table.add_row(Group(label, indent(content, 2)))
        table.add_row()
    return indent(table)


def indent(renderable: RenderableType, columns: int = 1) -> Padding:
    return Padding(renderable, (0, 0, 0, columns))


def counted(label: str, count: int, style: Style = HEADING) -> Text:
    return Text.assemble((label, style), "  ", (f"{count:,}", DIM))


def debrief(roadmap: Roadmap, writer: Writer, wide: bool) -> RenderResult:
    """Strategy, goals, outcomes, assumptions, learnings and asks: what the group tells
    the plenary besides its signposts."""
    yield section("Debrief")
    rows: list[tuple[Text, RenderableType]] = []
    if roadmap.strategy.strip():
        rows.append((Text("Strategy", style=HEADING),
                     writer.text(roadmap.strategy.strip(), multiline=True)))
    for heading, items in debrief_lists(roadmap):
        rows.append((Text(heading, style=HEADING), writer.bullets(items)))
    yield labelled_rows(rows, wide, wrap_labels=False)


def countries(roadmap: Roadmap, writer: Writer, wide: bool) -> RenderResult:
    """Each country: who is based there, and the signposts that name it or whose owners
    are there; what a country table needs when people regroup by country."""
    groups = country_groups(roadmap)
    yield section("Countries", len(groups))
    rows: list[tuple[Text, RenderableType]] = []
    for group in groups:
        label = Text.assemble(writer.text(group.name, OWNER), "  ",
                              (f"{len(group.signposts):,}", DIM))
        parts: list[RenderableType] = []
        if group.owners:
            based = Text("Based here: ", style=LABEL)
            based.append_text(writer.names((o.name for o in group.owners), ", "))
            parts.append(based)
        parts.append(writer.numbered(group.signposts, "no signposts yet"))
        rows.append((label, Group(*parts)))
    yield labelled_rows(rows, wide, wrap_labels=True)


def tags(roadmap: Roadmap, writer: Writer, wide: bool) -> RenderResult:
    groups = tag_groups(roadmap)
    yield section("Tags", len(groups))
    rows: list[tuple[Text, RenderableType]] = [
        (Text.assemble(writer.text(group.name, OWNER), "  ",
                       (f"{len(group.signposts):,}", DIM)),
         writer.numbered(group.signposts, ""))
        for group in groups
    ]
    yield labelled_rows(rows, wide, wrap_labels=True)


SectionRenderer = Callable[[Roadmap, Writer, bool], RenderResult]
def groups(roadmap: Roadmap, writer: Writer, wide: bool) -> RenderResult:
    from .conference import groups_section

    yield from groups_section(roadmap, wide=wide, isolate_bidi=writer.isolate_bidi)


def across(roadmap: Roadmap, writer: Writer, wide: bool) -> RenderResult:
    from .conference import across_section

    yield from across_section(roadmap, wide=wide, isolate_bidi=writer.isolate_bidi)


RENDERERS: dict[str, SectionRenderer] = {"debrief": debrief, "countries": countries, "tags": tags,
                                         "groups": groups, "across": across}
"""The sections drawn here, by their name in ``SECTIONS``; the summary draws the rest."""
