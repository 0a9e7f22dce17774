"""The summary's timeline: one bar per dated signpost across the months it spans.

It is drawn line by line for the width it is given, because a Rich Table would
wrap or squeeze month columns unpredictably. The scale adapts: months
(``Jan``, or ``J`` when tight), then quarters, half-years, years and longer
periods, the first one whose columns fit. Rows follow roadmap order (the
group's priority, the numbers people read out), with the roadmap's dated
phases drawn first as a frame of reference. Which dates a bar uses is decided
in :mod:`roadmap_tui.model.timeline`. Cost is linear in the number of
signposts: each bar is placed by arithmetic, not by scanning columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ..model.roadmap import Roadmap, Signpost
from ..model.timeline import (
    Month,
    MonthSpan,
    buckets,
    format_day,
    overall_span,
    signpost_spans,
    span_of_dates,
)
from .style import (
    DIM,
    LABEL,
    NOTE,
    PHASE,
    POSITION,
    isolate_rtl,
    plain,
    status_mark,
    status_style,
    title_style,
)

BAR = "█"
PHASE_BAR = "░"
"""Drawn for a signpost dated only by its phase: the group has not committed to dates."""
PHASE_BAND = "━"
TODAY = "│"

SCALES = (1, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000, 24000, 60000, 120000)
"""Months per column, smallest first: month, quarter, half-year, year, then multi-year."""
MAX_COLUMN = 12
LONGEST_LABEL = 40
MAX_UNDATED_LISTED = 20


@dataclass(frozen=True, slots=True)
class _Row:
    """One line of the chart; the label is kept as styled pieces to be cut to width fast."""

    label: tuple[tuple[str, Style], ...]
    span: MonthSpan
    bar: str
    style: Style
    label_cells: int = 0
    isolate: bool = False
    """Isolate right-to-left text in the last piece (the name), once it has been cut."""

    def piece(self, index: int, text: str) -> str:
        last = index == len(self.label) - 1
        return isolate_rtl(text) if self.isolate and last else text

    @property
    def label_text(self) -> Text:
        return Text.assemble(*((self.piece(i, text), style)
                               for i, (text, style) in enumerate(self.label)))


@dataclass(frozen=True, slots=True)
class _Scale:
    months: int
    columns: list[MonthSpan]
    width: int
    origin: int  # ordinal of the first column's calendar-aligned start

    def index(self, month: Month) -> int:
        return (month.ordinal - self.origin) // self.months


class Timeline:
    """A Rich renderable; build it once, render it at any width."""

    def __init__(
        self, roadmap: Roadmap, *, today: date | None = None, isolate_bidi: bool = False
    ) -> None:
        self.today = today
        spans = signpost_spans(roadmap)
        position_width = len(str(len(roadmap.signposts)))
        self._rows = [_make_row(((plain(name), PHASE),), span, PHASE_BAND, PHASE, isolate_bidi)
                      for name, span in _dated_phases(roadmap)]
        self._rows += [_signpost_row(position, position_width, signpost, span, isolate_bidi)
                       for position, signpost, span in spans]
        self._signpost_rows = len(spans)
        self._from_phase = any(span.from_phase for _, _, span in spans)
        dated = {position for position, _, _ in spans}
        self._undated = [p for p in range(1, len(roadmap.signposts) + 1) if p not in dated]
        self._overall = overall_span(row.span for row in self._rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width)
        if self._overall is None or not self._signpost_rows:
            yield Text("Nothing is dated yet: give signposts a start or due date "
                       "to see them here.", style=NOTE)
            yield from self._undated_note()
            return
        # The scale is the finest that fits beside short labels; then the labels
        # grow as long as the columns keep their minimum, and the columns share the rest.
        longest = max(row.label_cells for row in self._rows)
        label_width = min(longest, max(6, min(LONGEST_LABEL, width // 4)))
        scale = _choose_scale(self._overall, width - label_width - 1)
        if scale is None:  # too narrow for even one column per period: dates as text
            yield from self._as_list(width)
        else:
            count = len(scale.columns)
            label_width = max(label_width, min(longest, max(LONGEST_LABEL, width // 3),
                                               width - count * scale.width - 1))
            column = max(1, min((width - label_width - 1) // count, MAX_COLUMN))
            yield from self._chart(replace(scale, width=column), label_width)
        yield from self._legend()
        yield from self._undated_note()

    def _chart(self, scale: _Scale, label_width: int) -> RenderResult:
        today_index = self._today_index(scale)
        gutter = " " * (label_width + 1)
        if scale.months < 12:
            yield Text(gutter) + _year_line(scale)
        yield Text(gutter) + _period_line(scale, today_index)
        # Thousands of rows: segments are built directly rather than through Text,
        # which would wrap and measure every line again.
        space = Segment(" ")
        for row in self._rows:
            yield from _fit(row, label_width)
            yield space
            yield from _bar(row, scale, today_index)
            yield Segment.line()

    def _as_list(self, width: int) -> RenderResult:
        for row in self._rows:
            span = row.span
            months = f"{span.first}" if len(span) == 1 else f"{span.first}..{span.last}"
            line = Text.assemble(row.label_text, " ", (months, DIM))
            line.truncate(width, overflow="ellipsis")
            yield line

    def _today_index(self, scale: _Scale) -> int | None:
        if self.today is None or self._overall is None:
            return None
        month = Month.of(self.today)
        return scale.index(month) if month in self._overall else None

    def _legend(self) -> RenderResult:
        parts: list[str | tuple[str, Style | str]] = [f"{BAR} ", ("dated", DIM)]
        if self._from_phase:
            parts += [f"   {PHASE_BAR} ", ("only its phase is dated", DIM)]
        if self.today is not None and self._overall is not None \
                and Month.of(self.today) in self._overall:
            parts += [f"   {TODAY} ", (f"today, {format_day(self.today)}", DIM)]
        yield Text.assemble(*parts)

    def _undated_note(self) -> RenderResult:
        if not self._undated:
            return
        shown = ", ".join(str(p) for p in self._undated[:MAX_UNDATED_LISTED])
        more = len(self._undated) - MAX_UNDATED_LISTED
        if more > 0:
            shown += f" and {more:,} more"
        count = len(self._undated)
        noun = "signpost has" if count == 1 else "signposts have"
        yield Text(f"Not on the timeline: {count:,} {noun} no dates ({shown}).", style=NOTE)


def _dated_phases(roadmap: Roadmap) -> list[tuple[str, MonthSpan]]:
    phases = []
    for phase in roadmap.phases:
        span = span_of_dates(phase.start, phase.end)
        if span is not None:
            phases.append((phase.name, span))
    return phases


def _signpost_row(
    position: int, position_width: int, signpost: Signpost, span: MonthSpan, isolate: bool
) -> _Row:
    style = status_style(signpost.status)
    label = (
        (f"{position:>{position_width}} ", POSITION),
        (f"{status_mark(signpost.status)} ", style),
        (plain(signpost.title), title_style(signpost.status)),
    )
    return _make_row(label, span, PHASE_BAR if span.from_phase else BAR, style, isolate)


def _make_row(
    label: tuple[tuple[str, Style], ...], span: MonthSpan, bar: str, style: Style,
    isolate: bool,
) -> _Row:
    cells = sum(cell_len(text) for text, _ in label)
    return _Row(label, span, bar, style, cells, isolate)


def _fit(row: _Row, width: int) -> list[Segment]:
    """The row's label cut to ``width`` cells with an ellipsis, or padded to it."""
    if row.label_cells <= width:
        segments = [Segment(row.piece(i, text), style) for i, (text, style) in enumerate(row.label)]
        segments.append(Segment(" " * (width - row.label_cells)))
        return segments
    segments = []
    room = width - 1
    for index, (text, style) in enumerate(row.label):
        cells = cell_len(text)
        if cells <= room:
            segments.append(Segment(row.piece(index, text), style))
            room -= cells
            continue
        cut = set_cell_size(text, room) if room > 0 else ""
        segments.append(Segment(row.piece(index, cut + "…"), style))
        break
    return segments


def _choose_scale(overall: MonthSpan, chart_width: int) -> _Scale | None:
    """The finest scale whose columns fit, each at least wide enough for its label."""
    for months in SCALES:
        minimum = 2 if months == 1 else 3
        if len(overall) / months > chart_width:  # cheap test before listing columns
            continue
        columns = buckets(overall, months)
        last_scale = months == SCALES[-1]
        if len(columns) * minimum <= chart_width or (last_scale and len(columns) <= chart_width):
            width = min(minimum, chart_width // len(columns))
            origin = overall.first.ordinal - overall.first.ordinal % months
            return _Scale(months, columns, width, origin)
    return None


def _period_label(column: MonthSpan, months: int, width: int) -> str:
    first = column.first
    if months == 1:
        text = first.abbreviation if width >= 4 else first.abbreviation[0]
    elif months == 3:
        text = f"Q{first.quarter}"
    else:
        text = f"H{(first.month - 1) // 6 + 1}"
    return text[: max(1, width - 1)]


def _period_line(scale: _Scale, today_index: int | None) -> Text:
    """Column labels: one per column below a year; years themselves where they fit."""
    if scale.months < 12:
        labels = "".join(_period_label(column, scale.months, scale.width).ljust(scale.width)
                         for column in scale.columns)
    else:
        labels = _spaced_labels(
            [(index, str(column.first.year)) for index, column in enumerate(scale.columns)],
            scale)
    line = Text(labels, style=LABEL, no_wrap=True)
    if today_index is not None:
        start = today_index * scale.width
        line.stylize("reverse", start, start + scale.width)
    return line


def _spaced_labels(labels: list[tuple[int, str]], scale: _Scale) -> str:
    """Each label at its column's start, skipped where the one before still runs on."""
    chars = [" "] * (len(scale.columns) * scale.width)
    free_from = 0
    for index, text in labels:
        offset = index * scale.width
        if offset >= free_from and offset + len(text) <= len(chars):
            chars[offset:offset + len(text)] = text
            free_from = offset + len(text) + 1
    return "".join(chars)


def _year_line(scale: _Scale) -> Text:
    """Each year above its first column, when its columns have room for the number."""
    labels: list[tuple[int, str]] = []
    previous = None
    for index, column in enumerate(scale.columns):
        year = column.first.year
        if year != previous:
            # A year whose columns are too few for "2021" (a lone December) is left
            # unlabelled rather than have its number run over the next year's months.
            months_left = scale.months * (len(scale.columns) - index)
            in_year = min(12 - column.first.month + 1, months_left)
            room = -(-in_year // scale.months) * scale.width - 1
            if room >= len(str(year)):
                labels.append((index, str(year)))
            elif room >= 3:  # a lone December at the start: "'20" still says which year
                labels.append((index, f"'{year % 100:02d}"))
        previous = year
    return Text(_spaced_labels(labels, scale).rstrip(), style="bold", no_wrap=True)


def _bar(row: _Row, scale: _Scale, today_index: int | None) -> list[Segment]:
    first = scale.index(row.span.first)
    last = scale.index(row.span.last)
    before, filled, after = first, last - first + 1, len(scale.columns) - last - 1
    return [
        Segment(_empty(0, before, scale.width, today_index), DIM),
        Segment(row.bar * (filled * scale.width), row.style),
        Segment(_empty(last + 1, after, scale.width, today_index).rstrip(), DIM),
    ]


def _empty(start: int, count: int, width: int, today_index: int | None) -> str:
    """Blank columns, with the today line where it falls among them."""
    blank = " " * (count * width)
    if today_index is None or not start <= today_index < start + count:
        return blank
    at = (today_index - start) * width
    return blank[:at] + TODAY + blank[at + 1:]
