"""The roadmap summary of SPEC section 3: one Rich renderable for terminal, export and present.

It is what a group shows the whole conference when it reports back, so it is
built for reading at a distance: a header card, then the signposts phase by
phase, a timeline, the owners and the gaps, each under a rule. Colour only
accents what the words and symbols already say, so the plain-text export
reads the same.

Every piece of user text goes through :func:`~roadmap_tui.report.style.literal`
(a ``Text``, never markup), so a title such as ``[bold]x[/]`` prints as typed.
The layout reads ``options.max_width`` when rendered: wide consoles get tables,
narrow ones (under 72 columns) a stacked list that never squeezes a word into
one character per line.

Right-to-left text: with ``isolate_bidi=True`` each user value holding Arabic,
Hebrew or other strong right-to-left letters is wrapped in FSI .. PDI, so
bidi-aware viewers cannot reorder it into the cells around it. The text and
HTML/SVG exports turn it on; terminal output leaves it off, because terminals
handle the invisible isolates unevenly (some draw them as boxes) and most do
no bidi reordering anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from rich import box
from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..model.overview import (
    Gap,
    GapItem,
    GapKind,
    Numbered,
    gaps,
    owner_groups,
    phase_groups,
    sections,
    signposts_with_gaps,
)
from ..model.roadmap import Comment, Roadmap
from ..model.timeline import format_dates, format_day, format_month_range
from .sections import RENDERERS, Writer, indent, labelled_rows, section
from .style import (
    DIM,
    GAP,
    HEADING,
    LABEL,
    NOTE,
    OWNER,
    PHASE,
    POSITION,
    RULE,
    TITLE,
    first_line,
    isolate_rtl,
    plain,
    status_text,
    title_style,
)
from .timeline import Timeline

WIDE = 72
"""From this many columns the summary uses tables; below, stacked lists."""
STATUS_WIDTH = 9
"""The longest status with its symbol: "⊘ blocked"."""
NARROW = 44
"""Below this many columns the header stacks each label above its value."""
NO_PHASE = "No phase yet"
SERIOUS_GAPS = frozenset({GapKind.BLOCKED, GapKind.DROPPED_DEPENDENCY, GapKind.OVERDUE})
"""Gaps drawn in red: something stands in the way. Missing fields are only bold."""


def summary(
    roadmap: Roadmap, *, today: date | None = None, isolate_bidi: bool = False,
    review: Sequence[tuple[str, Comment]] = (),
) -> Summary:
    """The summary renderable; ``today`` marks the timeline and finds past-due signposts;
    ``review`` holds reviewers' comments kept beside the file, as (signpost id, comment)."""
    return Summary(roadmap, today=today, isolate_bidi=isolate_bidi, review=review)


class Summary:
    """The whole summary; cheap to build, laid out when rendered at a width."""

    def __init__(
        self, roadmap: Roadmap, *, today: date | None = None, isolate_bidi: bool = False,
        review: Sequence[tuple[str, Comment]] = (),
    ) -> None:
        self.roadmap = roadmap
        self.today = today
        self.isolate_bidi = isolate_bidi
        self.writer = Writer(isolate_bidi=isolate_bidi)
        self.review = review

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        found_gaps = gaps(self.roadmap, today=self.today)
        yield self._header(found_gaps, options.max_width)
        for name in sections(self.roadmap):
            yield from self.section(name, found_gaps, options.max_width)
        if self.review:
            yield section("Review comments", len(self.review))
            yield self._review()

    def section(self, name: str, found_gaps: list[Gap], width: int) -> RenderResult:
        """One section by its name in :data:`~roadmap_tui.model.overview.SECTIONS`,
        with its rule; present mode shows them one page at a time."""
        roadmap, wide = self.roadmap, width >= WIDE
        if name == "signposts":
            yield section("Signposts", len(roadmap.signposts))
            yield from self._phases(width)
        elif name == "timeline":
            yield section("Timeline")
            yield indent(Timeline(roadmap, today=self.today, isolate_bidi=self.isolate_bidi))
        elif name == "owners":
            yield section("Owners", len(roadmap.owners))
            yield from self._owners(wide)
        elif name == "gaps":
            yield section("Gaps", signposts_with_gaps(found_gaps))
            yield from self._gaps(found_gaps, wide)
        else:
            yield from RENDERERS[name](roadmap, self.writer, wide)

    def _review(self) -> RenderableType:
        """Each reviewer's comment under its signpost's position and title, in order."""
        signposts = self.roadmap.signposts
        positions = {s.id: n for n, s in enumerate(signposts, start=1)}
        lines = Text()
        for signpost_id, comment in sorted(self.review,
                                           key=lambda c: positions.get(c[0], len(signposts) + 1)):
            if lines:
                lines.append("\n")
            position = positions.get(signpost_id)
            if position is None:
                lines.append(f"({signpost_id}, not in the roadmap) ", DIM)
            else:
                lines.append(f"{position} ", POSITION)
                lines.append_text(self._text(signposts[position - 1].title))
            lines.append("\n  ")
            lines.append_text(self._text(comment.author, HEADING))
            lines.append(f"  {comment.at:%Y-%m-%d %H:%M}: ", DIM)
            lines.append_text(self._text(comment.text, multiline=True))
        return indent(lines)

    # -- pieces -------------------------------------------------------------------------

    def _text(self, value: str, style: Style | str = "", *, multiline: bool = False) -> Text:
        return self.writer.text(value, style, multiline=multiline)

    def _names(self, names: Iterable[str], separator: str, style: Style | str = "") -> Text:
        return self.writer.names(names, separator, style)

    def _header(self, found_gaps: list[Gap], width: int) -> RenderableType:
        roadmap = self.roadmap
        wide = width >= WIDE
        rows = [
            ("Group", self._text(roadmap.group)),
            ("Event", self._text(roadmap.event)),
            ("Question", self._text(roadmap.question, "italic")),
            ("Facilitator", self._text(roadmap.facilitator)),
            ("Participants", self._names(roadmap.participants, ", ")),
        ]
        for label, when in (("Created", roadmap.created), ("Updated", roadmap.updated)):
            if when is not None:
                rows.append((label, Text(format_day(when.date()))))
        facts = Table.grid(padding=(0, 2))
        if width >= NARROW:
            facts.add_column(style=LABEL, no_wrap=True)
            facts.add_column()
        for label, value in rows:
            if not value.plain:
                continue
            if width >= NARROW:
                facts.add_row(label, value)
            else:  # too narrow for a column of labels: each fact on its own lines
                facts.add_row(Text.assemble((label, LABEL), "\n", value))
        counts = Text(_counts(roadmap, signposts_with_gaps(found_gaps)), style=DIM)
        parts: list[RenderableType] = [self._text(roadmap.title or "Untitled roadmap", TITLE)]
        if facts.row_count:
            parts += [Text(), facts]
        if roadmap.notes.strip():
            parts += [Text(), self._text(roadmap.notes.strip(), "", multiline=True)]
        parts += [Text(), counts]
        return Panel(Group(*parts), box=box.ROUNDED,
                     border_style=RULE, padding=(1, 2) if wide else (0, 1))

    def _phases(self, width: int) -> RenderResult:
        wide = width >= WIDE
        groups = phase_groups(self.roadmap)
        if not self.roadmap.signposts:
            names = ", ".join(plain(g.phase.name, isolate=self.isolate_bidi)
                              for g in groups if g.phase is not None)
            message = "No signposts yet."
            if names:
                message += f" Phases ready for them: {names}."
            yield indent(Text(message, style=NOTE))
            return
        widths = _column_widths(self.roadmap)
        for group in groups:
            phase = group.phase
            heading = Text.assemble(
                ("▍", PHASE),
                self._text(phase.name if phase else NO_PHASE, PHASE if phase else HEADING),
            )
            details = []
            if phase is not None and (dates := format_month_range(phase.start, phase.end)):
                details.append(dates)
            count = len(group.signposts)
            details.append(f"{count:,} signpost{'' if count == 1 else 's'}")
            if phase is not None and not group.known:
                details.append("not one of the roadmap's phases")
            heading.append("  ")
            heading.append(" · ".join(details), DIM)
            description = first_line(phase.description) if phase else ""
            parts: list[RenderableType] = [heading]
            if description:
                parts.append(indent(self._text(description, NOTE), 1))
            if not group.signposts:
                parts.append(indent(Text("Nothing here yet.", style=NOTE), 1))
            elif wide:
                parts.append(self._signpost_table(group.signposts, widths, width - 1))
            else:
                parts.append(self._signpost_list(group.signposts, widths[0]))
            yield Padding(Group(*parts), (0, 0, 1, 1))

    def _signpost_table(
        self, signposts: Iterable[Numbered], widths: tuple[int, int], total: int
    ) -> Table:
        """Every column has a fixed width, computed here: phases line up with each other,
        and Rich need not measure thousands of cells to share the space out."""
        number_width, dates_width = widths
        flexible = max(2, total - number_width - dates_width - STATUS_WIDTH - 12)
        title_width = max(1, flexible * 3 // 5)
        table = Table(box=box.SIMPLE_HEAD, border_style=RULE, show_edge=False,
                      header_style=LABEL, pad_edge=False, padding=(0, 1))
        table.add_column("#", justify="right", width=number_width, no_wrap=True)
        table.add_column("Signpost", width=title_width, overflow="fold")
        table.add_column("Owners", width=max(1, flexible - title_width), overflow="fold")
        table.add_column("Dates", width=dates_width, overflow="fold")
        table.add_column("Status", width=STATUS_WIDTH, no_wrap=True)
        owners_width = max(1, flexible - title_width)
        tall = False  # whether any row takes several lines: then rows get a blank between
        for position, signpost in signposts:
            title = self._text(signpost.title, title_style(signpost.status))
            detail = first_line(signpost.detail)
            tall = tall or bool(detail) or cell_len(title.plain) > title_width \
                or len(signpost.owners) > 1 \
                or any(cell_len(owner) > owners_width for owner in signpost.owners)
            if detail:
                title.append("\n")
                title.append(self._preview(detail, title_width), DIM)
            # One owner a line: a wrapped list would split names between lines.
            owners = self._names(signpost.owners, "\n") if signpost.owners \
                else Text("no owner", style=NOTE)
            dates = format_dates(signpost.start, signpost.due)
            table.add_row(Text(str(position), style=POSITION), title, owners,
                          Text(dates) if dates else Text("no date", style=NOTE),
                          status_text(signpost.status))
        table.leading = 1 if tall else 0
        return table

    def _preview(self, text: str, width: int) -> str:
        """One line cut to ``width`` cells with an ellipsis (isolated after cutting,
        so the closing isolate is never the part cut off)."""
        line = plain(text)
        if cell_len(line) > width:
            line = set_cell_size(line, max(0, width - 1)).rstrip() + "…"
        return isolate_rtl(line) if self.isolate_bidi else line

    def _signpost_list(self, signposts: Iterable[Numbered], number_width: int) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", no_wrap=True, style=POSITION, width=number_width)
        table.add_column(overflow="fold")
        for position, signpost in signposts:
            line = Text.assemble(self._text(signpost.title, title_style(signpost.status)), "\n")
            line.append_text(status_text(signpost.status))
            dates = format_dates(signpost.start, signpost.due)
            line.append(" · ")
            line.append(dates or "no date", "" if dates else NOTE)
            line.append(" · ")
            line.append_text(self._names(signpost.owners, ", ") if signpost.owners
                             else Text("no owner", style=NOTE))
            table.add_row(str(position), line)
        return table

    def _owners(self, wide: bool) -> RenderResult:
        groups = owner_groups(self.roadmap)
        if not groups:
            yield indent(Text("No owners yet: nobody has taken a signpost on.", style=NOTE))
            return
        rows: list[tuple[Text, RenderableType]] = []
        for group in groups:
            owner = group.owner
            who = Text.assemble(self._text(owner.name, OWNER))
            about = [v for v in (owner.organisation, owner.role, owner.country, owner.contact)
                     if v]
            if about:
                who.append("\n")
                who.append_text(self._names(about, " · ", DIM))
            if not group.known:
                who.append("\nnot one of the roadmap's owners", NOTE)
            rows.append((who, self.writer.numbered(group.signposts, "no signposts yet")))
        yield labelled_rows(rows, wide, wrap_labels=True)

    def _gaps(self, found_gaps: list[Gap], wide: bool) -> RenderResult:
        if not self.roadmap.signposts:
            yield indent(Text("Nothing to check until there are signposts.", style=NOTE))
            return
        if not found_gaps:
            yield indent(Text("No gaps: every open signpost has an owner, a phase and a "
                               "date, and nothing is blocked.", style=NOTE))
            return
        rows: list[tuple[Text, RenderableType]] = []
        for gap in found_gaps:
            style = GAP if gap.kind in SERIOUS_GAPS else HEADING
            heading = Text.assemble((gap.heading, style), "  ", (f"{len(gap.items):,}", DIM))
            items = Text()
            width = len(str(gap.items[-1].position))
            for number, item in enumerate(gap.items):
                if number:
                    items.append("\n")
                items.append_text(self._gap_item(item, width))
            rows.append((heading, items))
        yield labelled_rows(rows, wide, wrap_labels=False)

    def _gap_item(self, item: GapItem, width: int) -> Text:
        line = Text.assemble((f"{item.position:>{width}} ", POSITION),
                             self._text(item.signpost.title))
        for position, dropped in item.dropped:
            line.append(" ")
            line.append("→ needs ", DIM)
            line.append(f"{position} ", POSITION)
            line.append_text(self._text(dropped.title, title_style(dropped.status)))
            line.append(" ")
            line.append("(dropped)", DIM)
        return line


def _counts(roadmap: Roadmap, with_gaps: int) -> str:
    def n(count: int, noun: str) -> str:
        return f"{count:,} {noun}{'' if count == 1 else 's'}"

    parts = [n(len(roadmap.signposts), "signpost"), n(len(roadmap.phases), "phase"),
             n(len(roadmap.owners), "owner")]
    if with_gaps:
        parts.append(f"{with_gaps:,} with gaps")
    return " · ".join(parts)


def _column_widths(roadmap: Roadmap) -> tuple[int, int]:
    """Widths shared by every phase's table, so that their columns line up."""
    number_width = max(1, len(str(len(roadmap.signposts))))
    dates = max((len(format_dates(s.start, s.due)) for s in roadmap.signposts), default=0)
    return number_width, max(len("no date"), min(dates, 22))
