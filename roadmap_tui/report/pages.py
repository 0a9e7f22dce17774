"""The report-back: the roadmap as pages for the plenary, sized to the screen.

Present mode shows one page at a time on a projector: the title and question,
the signposts by phase (one phase per page when they do not all fit, a long
phase continued over several), who does what, the debrief's learnings and asks,
and the gaps. This module lays the pages out with Rich alone (no Textual), as a
pure function of the roadmap and the page size, so it can run in a worker
thread while the screen stays live.

The styles are for a high-contrast screen (white and saturated colours on
black) and never carry meaning alone: statuses keep their symbol and word.
All user text is literal ``Text`` (see summary_style), never markup.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.text import Text

from ..model.conference import GroupCount, conference, is_combined, split_by_group
from ..model.overview import (
    DEBRIEF_HEADINGS,
    Gap,
    Numbered,
    gaps,
    has_debrief,
    owner_groups,
    phase_groups,
    signposts_with_gaps,
)
from ..model.roadmap import DEBRIEF_LISTS, Comment, Roadmap
from ..model.timeline import format_dates, format_month_range
from .style import plain, status_mark, status_style

TITLE = Style(bold=True, color="#ffffff")
HEADING = Style(bold=True, color="#ffff00")
QUESTION = Style(italic=True, color="#ffffff")
POSITION = Style(bold=True, color="#ffff00")
NAME = Style(bold=True, color="#00ffff")
BODY = Style(color="#ffffff")
QUIET = Style(color="#c0c0c0")
WARNING = Style(bold=True, color="#ff6060")
NO_PHASE = "No phase yet"

Block = Text
"""One piece a page is made of; a page break never splits one."""


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One screenful: its title for the top bar, and what it shows."""

    title: str
    blocks: tuple[Block, ...]
    group: str = ""
    """The breakout group whose report-back this page is part of (a combined roadmap)."""

    @property
    def body(self) -> RenderableType:
        return Group(*self.blocks)

    @property
    def plain(self) -> str:
        return "\n".join(block.plain for block in self.blocks)


@dataclass(frozen=True, slots=True)
class _Part:
    """A stretch of the report with one title: a phase, the owners, the gaps."""

    title: str
    blocks: list[Block]
    own_page: bool = True
    """False for parts that may share a page with the next (the phases, when all fit)."""
    note: str = ""
    """Shown beside the heading: a phase's dates and count."""
    heading: bool = True
    """False for the cover, whose first block (the roadmap's title) is its heading."""


class LayoutCancelled(Exception):
    """The pages were no longer wanted (the speaker left present mode)."""


def _never() -> bool:
    return False


def report_pages(roadmap: Roadmap, *, today: date | None, width: int, height: int,
                 cancelled: Callable[[], bool] = _never,
                 review: Sequence[tuple[str, Comment]] = ()) -> list[ReportPage]:
    """The report-back's pages at ``width`` x ``height`` cells, in showing order.

    A combined roadmap is presented group by group, as the plenary hears them:
    its own cover, then each group's report-back, then what crosses the groups.
    Pure and linear in the roadmap's size: safe to call from a worker thread,
    which ``cancelled`` lets stop early (it raises LayoutCancelled).
    """
    width, height = max(20, width), max(4, height)
    console = Console(width=width, file=io.StringIO(), color_system=None, markup=False,
                      emoji=False, highlight=False, legacy_windows=False)
    reviewed = [_reviewed(review)] if review else []
    if not is_combined(roadmap):
        return _pages(console, roadmap, today, width, height,
                      (*REPORT_SECTIONS, *reviewed), cancelled)
    pages = _pages(console, roadmap, today, width, height, (_plenary_cover,), cancelled)
    for name, part in split_by_group(roadmap):
        # Each group's cover carries the group's name as its title, as its own file would.
        own = replace(part, title=name, group="")
        pages += [ReportPage(f"{name} \u00b7 {page.title}", page.blocks, name)
                  for page in _pages(console, own, today, width, height, REPORT_SECTIONS,
                                     cancelled)]
    return pages + _pages(console, roadmap, today, width, height, (_across, *reviewed),
                          cancelled)


def _reviewed(review: Sequence[tuple[str, Comment]]) -> Callable[[Roadmap, list[Gap]],
                                                                   list[_Part]]:
    """The reviewer's comments (NAME.review.toml), last: under each signpost's title."""
    def section(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
        positions = {s.id: n for n, s in enumerate(roadmap.signposts, start=1)}
        blocks: list[Block] = []
        for signpost_id, comment in review:
            position = positions.get(signpost_id)
            head = (_numbered_line(position, roadmap.signposts[position - 1].title)
                    if position is not None else Text(f"({signpost_id}, not in the roadmap)",
                                                      style=QUIET))
            blocks.append(Text.assemble(head, "\n     ", _literal(comment.author, NAME),
                                        (f"  {comment.at:%Y-%m-%d %H:%M}: ", QUIET),
                                        _literal(comment.text, BODY, multiline=True)))
        return [_Part(f"Review comments \u00b7 {len(review):,}", blocks)]
    return section


def _pages(console: Console, roadmap: Roadmap, today: date | None, width: int, height: int,
           shown: Sequence[Callable[[Roadmap, list[Gap]], list[_Part]]],
           cancelled: Callable[[], bool]) -> list[ReportPage]:
    found = gaps(roadmap, today=today)
    pages: list[ReportPage] = []
    for section in shown:
        parts = section(roadmap, found)
        if not parts:
            continue
        if all(not p.own_page for p in parts):
            together = [b for n, p in enumerate(parts)
                        for b in [*([Text()] if n else []), _heading(p), *p.blocks]]
            if _height(console, together, width) <= height:
                pages.append(ReportPage("Signposts", tuple(together)))
                continue
        for part in parts:
            pages.extend(_paginate(console, part, width, height, cancelled))
    return pages


def _height(console: Console, blocks: list[Block], width: int) -> int:
    return sum(_lines(console, block, width) for block in blocks)


def _lines(console: Console, block: Block, width: int) -> int:
    """The lines a block takes at ``width``: counted directly when no line is too long
    (nearly always, and fast at 10,000 signposts); wrapped by Rich otherwise."""
    lines = block.plain.split("\n")
    if all((len(line) if line.isascii() else cell_len(line)) <= width for line in lines):
        return len(lines)
    return len(block.wrap(console, width))


def _paginate(console: Console, part: _Part, width: int, height: int,
              cancelled: Callable[[], bool] = _never) -> Iterator[ReportPage]:
    """The part's blocks over as many pages as they need, the heading on each."""
    page: list[Block] = [_heading(part)] if part.heading else []
    used = _height(console, page, width)
    count = 0
    for block, lines in _fitting(console, part.blocks, width, height - used):
        if cancelled():
            raise LayoutCancelled
        if used + lines > height and len(page) > 1:
            yield ReportPage(part.title if not count else f"{part.title} (continued)",
                             tuple(page))
            count += 1
            page = [_heading(part, continued=True)]
            used = _height(console, page, width)
        page.append(block)
        used += lines
    yield ReportPage(part.title if not count else f"{part.title} (continued)", tuple(page))


def _fitting(console: Console, blocks: list[Block], width: int,
             room: int) -> Iterator[tuple[Block, int]]:
    """The blocks, with any taller than a page split into its lines as wrapped (an owner
    with fifty signposts, a gap most signposts have, a pasted essay), so that no page
    runs off the screen. Yields each block with its height."""
    for block in blocks:
        lines = _lines(console, block, width)
        if lines <= room:
            yield block, lines
            continue
        for line in block.split("\n"):
            lines = _lines(console, line, width)
            if lines <= room:
                yield line, lines
            else:
                yield from ((part, 1) for part in line.wrap(console, width))


def _heading(part: _Part, *, continued: bool = False) -> Text:
    heading = Text.assemble(("▌", HEADING), (plain(part.title), HEADING))
    if continued:
        heading.append(" (continued)", HEADING)
    if part.note:
        heading.append(f"  {part.note}", QUIET)
    heading.append("\n")
    return heading


def _literal(value: str, style: Style, *, multiline: bool = False) -> Text:
    return Text(plain(value, multiline=multiline), style=style)


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# -- the sections, in showing order --------------------------------------------------------


def _cover(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    blocks = [_literal(roadmap.title or "Untitled roadmap", TITLE)]
    about = [v for v in (roadmap.group, roadmap.event) if v.strip()]
    if about:
        blocks.append(Text(" · ".join(plain(v) for v in about), style=QUIET))
    if roadmap.question.strip():
        blocks.append(Text.assemble("\n", _literal(roadmap.question, QUESTION)))
    if roadmap.strategy.strip():
        blocks.append(Text("\nStrategy", style=HEADING))
        blocks += [_literal(line, BODY) for line in roadmap.strategy.strip().splitlines()]
    if roadmap.goals:
        blocks.append(Text("\nGoals", style=HEADING))
        blocks += [_bullet(goal) for goal in roadmap.goals]
    counts = [_plural(len(roadmap.signposts), "signpost"), _plural(len(roadmap.phases), "phase"),
              _plural(len(roadmap.owners), "owner")]
    if with_gaps := signposts_with_gaps(found):
        counts.append(f"{with_gaps:,} with gaps")
    blocks.append(Text("\n" + " · ".join(counts), style=QUIET))
    return [_Part("Report-back", blocks, heading=False)]


def _bullet(item: str) -> Text:
    return Text.assemble(("• ", HEADING), _literal(item, BODY))


def _signpost(position: int, signpost_: Numbered) -> Text:
    """Two lines: the position and title, then owners · dates · status. Built as one
    string with styled ranges: at 10,000 signposts appending piece by piece is slow."""
    signpost = signpost_[1]
    dates = format_dates(signpost.start, signpost.due)
    pieces = [
        (f"{position:>3} ", POSITION), (plain(signpost.title), TITLE), ("\n    ", BODY),
        (", ".join(plain(o) for o in signpost.owners), NAME) if signpost.owners
        else ("no owner", WARNING),
        (" · ", QUIET), (dates, QUIET) if dates else ("no date", WARNING), (" · ", QUIET),
        (f"{status_mark(signpost.status)} {plain(str(signpost.status))}",
         status_style(signpost.status)),
    ]
    line = Text("".join(text for text, _ in pieces))
    start = 0
    for text, style in pieces:
        line.stylize(style, start, start + len(text))
        start += len(text)
    return line


def _signposts(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    parts = []
    for group in phase_groups(roadmap):
        phase = group.phase
        notes = [format_month_range(phase.start, phase.end)] if phase is not None else []
        notes.append(_plural(len(group.signposts), "signpost"))
        blocks = [_signpost(item[0], item) for item in group.signposts] or \
            [Text("Nothing here yet.", style=QUIET)]
        parts.append(_Part(phase.name if phase is not None else NO_PHASE, blocks,
                           own_page=False, note=" · ".join(n for n in notes if n)))
    if not roadmap.signposts:
        return [_Part("Signposts", [Text("No signposts yet.", style=QUIET)])]
    return parts


def _owners(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    blocks: list[Block] = []
    for group in owner_groups(roadmap):
        owner = group.owner
        name = Text.assemble(_literal(owner.name, NAME))
        about = [v for v in (owner.organisation, owner.country)
                 if v.strip() and v.strip().casefold() != owner.name.casefold()]
        if about:
            name.append(" · " + " · ".join(plain(v) for v in about), QUIET)
        lines = [_numbered_line(position, signpost.title)
                 for position, signpost in group.signposts] or \
            [Text("    no signposts yet", style=QUIET)]
        blocks += _kept_together(name, lines)
    return [_Part("Who does what", blocks)] if blocks else []


def _numbered_line(position: int, title: str) -> Text:
    number = f"{position:>3} "
    line = Text(number + plain(title), style=BODY)
    line.stylize(POSITION, 0, len(number))
    return line


def _kept_together(heading: Text, lines: list[Text]) -> list[Block]:
    """A heading and its first line as one block (never a heading alone at the foot of
    a page), then a block per line, so a long list runs on over pages."""
    first = Text.assemble(heading, "\n", lines[0])
    return [first, *lines[1:]]


def _debrief(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    if not has_debrief(roadmap):
        return []
    blocks: list[Block] = []
    for name in ("learnings", "asks", "outcomes", "assumptions"):
        items = getattr(roadmap, name)
        if items:
            blocks.append(Text(("\n" if blocks else "") + DEBRIEF_HEADINGS[name], style=HEADING))
            blocks += [_bullet(item) for item in items]
    return [_Part("Learnings and asks", blocks)] if blocks else []


def _gaps(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    if not roadmap.signposts:
        return []
    if not found:
        return [_Part("Gaps", [Text("No gaps: every open signpost has an owner, a phase and a "
                                    "date, and nothing is blocked.", style=BODY)])]
    blocks: list[Block] = []
    for gap in found:
        heading = Text(f"{gap.heading}  {len(gap.items):,}", style=WARNING)
        blocks += _kept_together(heading, [_numbered_line(item.position, item.signpost.title)
                                           for item in gap.items])
    return [_Part(f"Gaps · {signposts_with_gaps(found):,} signposts", blocks)]


def _plenary_cover(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    """The whole conference's first page: what it asked and who reports back, in order
    (each group's own strategy and goals come on its own cover)."""
    analysis = conference(roadmap)
    blocks = [_literal(roadmap.title or "Plenary", TITLE)]
    if roadmap.event.strip():
        blocks.append(_literal(roadmap.event, QUIET))
    if roadmap.question.strip():
        blocks.append(Text.assemble("\n", _literal(roadmap.question, QUESTION)))
    if analysis is not None:
        blocks.append(Text(f"\n{len(analysis.groups)} groups report back", style=HEADING))
        blocks += [Text.assemble(("\u2022 ", HEADING), _literal(group.name, NAME),
                                 (f"  {_plural(group.signposts, 'signpost')}", QUIET))
                   for group in analysis.groups]
    return [_Part("Plenary", blocks, heading=False)]


def _across(roadmap: Roadmap, found: list[Gap]) -> list[_Part]:
    """What the plenary learns from the groups together: SPEC section 6's Across groups."""
    analysis = conference(roadmap)
    if analysis is None:
        return []
    overlaps = analysis.overlaps
    blocks: list[Block] = [Text(f"Overlaps  {overlaps.total:,}", style=HEADING)]
    for pair in overlaps.pairs:
        (first, one), (second, other) = pair.first, pair.second
        blocks.append(Text.assemble(
            _numbered_line(first, one.title), (f"  ({plain(pair.first_group)})", QUIET), "\n",
            ("  \u2194", QUIET), _numbered_line(second, other.title),
            (f"  ({plain(pair.second_group)})", QUIET)))
    if not overlaps.pairs:
        blocks.append(Text("None found.", style=QUIET))
    blocks.append(Text(f"\nOwners in several groups  {len(analysis.shared_owners):,}",
                       style=HEADING))
    blocks += [Text.assemble(_literal(shared.owner, NAME), ("  ", BODY),
                             (_counts(shared.groups), BODY))
               for shared in analysis.shared_owners]
    blocks.append(Text("\nCountries by group", style=HEADING))
    blocks += [Text.assemble(_literal(countries.group, NAME), ("  ", BODY),
                             (_counts(countries.countries) or "no country named", QUIET))
               for countries in analysis.countries]
    return [_Part("Across groups", blocks)]


def _counts(counts: Sequence[GroupCount]) -> str:
    return " \u00b7 ".join(f"{plain(count.name)} {count.signposts:,}" for count in counts)


REPORT_SECTIONS: tuple[Callable[[Roadmap, list[Gap]], list[_Part]], ...] = (
    _cover, _signposts, _owners, _debrief, _gaps)
"""The report-back's sections in showing order (a combined roadmap: for each group)."""

assert set(DEBRIEF_LISTS) >= {"learnings", "asks", "outcomes", "assumptions"}
