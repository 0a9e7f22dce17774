"""A roadmap as a spreadsheet: one row per signpost, and back (SPEC section 7).

A CSV file comes from anywhere (Excel, LibreOffice, a script, a stranger), so
reading is as careful as reading a roadmap file: it refuses anything but a
regular file of at most 16 MiB before parsing, names the row and the column of
every mistake, and replaces control and bidi-override characters with U+FFFD
with a warning, as the TOML loader does. It also accepts what spreadsheets
write: a BOM, ``;`` or tab as the delimiter, CRLF line breaks, blank rows,
and UTF-16 from Excel's "Unicode text".

What a CSV carries, and so what comes back from an export and an import: each
signpost's id, title, detail, phase, owners, status, start, due, tags,
countries and depends_on, in order. Phases and owners are rebuilt from the
names the signposts use, in order of first appearance, without their details.
Not carried: the roadmap's header (the title is given on import), phase dates,
descriptions and order, owner details and owners nobody is given, comments,
and a signpost's group and origin. ``exchange.left_out`` says which of these a
roadmap has.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..model.fields import parse_date
from ..model.operations import RoadmapEditError
from ..model.roadmap import Owner, Phase, Roadmap, Signpost, Status
from ..model.text import UNSAFE_IN_MULTILINE_TEXT, UNSAFE_IN_ONE_LINE_TEXT, clean_text, repair_note
from ..model.validate import Problem, nearest, validate
from .codec import encode
from .csv_cells import (
    cells_up_to,
    column_letter,
    guarded,
    iso_date_text,
    joined,
    looks_day_month_year,
    quoted_name,
    read_name,
    sniff_delimiter,
    split,
    unguarded,
)
from .errors import RoadmapFileError
from .files import MAX_FILE_BYTES, read_bytes, write_bytes_atomically

COLUMNS = ("id", "title", "phase", "owners", "status", "start", "due", "tags", "countries",
           "depends_on", "detail")
"""The columns, in the order an export writes them: what a reader looks at first."""
LIST_COLUMNS = frozenset({"owners", "tags", "countries", "depends_on"})
_STATUS_NAMES = tuple(status.value for status in Status)
_BAD_BYTE = re.compile("[\udc80-\udcff]")
MAX_SHOWN_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class ImportedRoadmap:
    """A roadmap read from a CSV file, with the repairs made while reading it."""

    roadmap: Roadmap
    warnings: tuple[str, ...] = ()


# -- writing ------------------------------------------------------------------


def to_csv(roadmap: Roadmap) -> str:
    """The roadmap's signposts as CSV text: a header row, then one row per signpost."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([guarded(cell) for cell in _cells(signpost)]
                     for signpost in roadmap.signposts)
    return buffer.getvalue()


def _cells(signpost: Signpost) -> tuple[str, ...]:
    return (signpost.id, signpost.title, quoted_name(signpost.phase), joined(signpost.owners),
            signpost.status.value, _iso(signpost.start), _iso(signpost.due),
            joined(signpost.tags), joined(signpost.countries), joined(signpost.depends_on),
            signpost.detail)


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def first_appearances(names: Iterable[str]) -> list[str]:
    """Names in order of first appearance, matched ignoring case, first spelling kept."""
    seen: dict[str, str] = {}
    for name in names:
        if name:
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


# -- reading ------------------------------------------------------------------


def import_csv(source: Path, target: Path, *, title: str,
               created: datetime | None = None) -> ImportedRoadmap:
    """Read a CSV file and write its roadmap to ``target``, a new file; returns what was read.

    Refuses an existing ``target``, and a roadmap whose file would be over the
    16 MiB that loading accepts (TOML takes about twice the CSV's bytes), so
    that whatever is written opens again.
    """
    if target.exists() or target.is_symlink():
        raise RoadmapFileError(f"{target}: already exists; not overwriting it", path=target)
    imported = read_csv(source, title=title, created=created)
    try:
        data = encode(imported.roadmap).encode("utf-8")
    except UnicodeEncodeError:  # only the title can hold one: the rest came as UTF-8
        raise RoadmapFileError(f"{target}: not written: the title holds a character UTF-8"
                               " cannot store; give one with --title", path=target) from None
    if len(data) > MAX_FILE_BYTES:
        raise RoadmapFileError(
            f"{source}: its roadmap would take {len(data) / 2**20:.1f} MiB, over the"
            f" {MAX_FILE_BYTES // 2**20} MiB a roadmap file may have; split the spreadsheet",
            path=source)
    write_bytes_atomically(target, data)
    return imported


def read_csv(path: Path, *, title: str, created: datetime | None = None) -> ImportedRoadmap:
    """Read a CSV file into a valid roadmap; every failure is a RoadmapFileError."""
    data = read_bytes(path, kind="CSV file", expected="import reads a .csv file")
    return parse_csv(data, title=title, name=str(path), path=path, created=created)


def parse_csv(data: bytes, *, title: str, name: str = "<csv>", path: Path | None = None,
              created: datetime | None = None) -> ImportedRoadmap:
    """The roadmap in CSV bytes; ``name`` and ``path`` name the source in messages."""
    if len(data) > MAX_FILE_BYTES:
        raise RoadmapFileError(f"{name}: too large for a CSV file (the limit is "
                               f"{MAX_FILE_BYTES // 2**20} MiB)", path=path)
    reader = _Reader(name)
    roadmap = reader.read(_text(data, name, path), title, created)
    problems = reader.problems
    if roadmap is not None:
        problems += [reader.located(problem, roadmap) for problem in validate(roadmap)]
    if problems or roadmap is None:
        lines = [line for _, line in sorted(problems, key=lambda p: p[0])]
        if len(lines) > MAX_SHOWN_PROBLEMS:
            rest = len(lines) - MAX_SHOWN_PROBLEMS
            lines = [*lines[:MAX_SHOWN_PROBLEMS],
                     f"{name}: ... and {rest} more problem{'s' if rest != 1 else ''}"]
        raise RoadmapFileError("\n".join(lines), path=path, problems=lines)
    return ImportedRoadmap(roadmap, tuple(reader.warnings))


def _text(data: bytes, name: str, path: Path | None) -> str:
    """The file's text; bytes that are not UTF-8 become lone surrogates, found per cell."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RoadmapFileError(f"{name}: not valid UTF-16 text; save the spreadsheet"
                                   ' as "CSV UTF-8"', path=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="surrogateescape")


_Located = tuple[tuple[int, int], str]
"""A message with its (row, column) position, for sorting."""


@dataclass(slots=True)
class _Reader:
    """Reads one CSV text; ``problems`` and ``warnings`` fill up as it goes."""

    name: str
    problems: list[_Located] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    labels: dict[str, tuple[int, str]] = field(default_factory=dict)
    """Each known column: its index and its name as the header row spells it."""
    rows: list[int] = field(default_factory=list)
    """The spreadsheet row number of each signpost."""
    first_row_of: dict[tuple[str, str], int] = field(default_factory=dict)
    """("phase" | "owners", folded name): the row that first names it."""

    def read(self, text: str, title: str, created: datetime | None) -> Roadmap | None:
        header: list[str] | None = None
        row = 0
        signposts: list[dict[str, object]] = []
        try:
            with cells_up_to(MAX_FILE_BYTES):
                for row, cells in _records(text):
                    if not any(cell.strip() for cell in cells):
                        continue  # a blank row
                    if header is None:
                        header = cells
                        if not self.read_header(row, cells):
                            return None
                        continue
                    values = self.read_row(row, cells, len(header))
                    if values is not None:
                        signposts.append(values)
                        self.rows.append(row)
        except csv.Error as error:
            self.problem(row + 1, None, f"unreadable CSV: {error}")
            return None
        if header is None:
            self.problem(1, None, "no header row; the first row names the columns, such as"
                         " title,owners,due")
            return None
        if self.problems:
            return None
        return self.roadmap(title, created, signposts)

    # -- the header -------------------------------------------------------

    def read_header(self, row: int, cells: list[str]) -> bool:
        for index, cell in enumerate(cells):
            if self.bad_bytes(row, index, cell):
                continue
            label = cell.strip()
            key = label.casefold()
            if not key:
                continue  # an unnamed column: its cells must stay empty (read_row)
            if key not in _IMPORT_COLUMNS:
                first_word = re.split(r"[\s_-]", key, maxsplit=1)[0]
                suggestion = nearest(key, _IMPORT_COLUMNS) or nearest(first_word,
                                                                       _IMPORT_COLUMNS)
                shown = clean_text(label, multiline=False)[0]
                hint = (f'; did you mean "{suggestion}"?' if suggestion is not None
                        else f"; the columns are {', '.join(_IMPORT_COLUMNS)}")
                self.problem(row, index, f'unknown column "{shown}"{hint}')
            elif key in self.labels:
                first = column_letter(self.labels[key][0])
                self.problem(row, index, f'a second "{key}" column (the first is {first})')
            else:
                self.labels[key] = (index, label)
        if "title" not in self.labels and not self.problems:
            self.problem(row, None, 'no "title" column; the header row names the columns,'
                         " such as title,owners,due")
        return not self.problems

    # -- a signpost's row -------------------------------------------------

    def read_row(self, row: int, cells: list[str], width: int) -> dict[str, object] | None:
        extra = [index for index in range(width, len(cells)) if cells[index].strip()]
        if extra:
            self.problem(row, extra[0], f"{len(cells)} cells, but the header row names "
                         f"{width} column{'s' if width != 1 else ''}")
        named = {index for index, _ in self.labels.values()}
        for index in range(min(width, len(cells))):
            if index not in named and cells[index].strip():
                self.problem(row, index, "a value in a column with no name in the header row")
        values: dict[str, object] = {}
        for key, (index, _) in self.labels.items():
            cell = cells[index] if index < len(cells) else ""
            if cell and not self.bad_bytes(row, index, cell):
                values[key] = self.value(row, index, key, cell)
        return values if not extra else None

    def value(self, row: int, index: int, key: str, cell: str) -> object:
        if "\r" in cell:
            cell = cell.replace("\r\n", "\n").replace("\r", "\n")
        cell = unguarded(cell)
        multiline = key == "detail"
        if (UNSAFE_IN_MULTILINE_TEXT if multiline else UNSAFE_IN_ONE_LINE_TEXT).search(cell):
            cell, count = clean_text(cell, multiline=multiline)
            self.warnings.append(self.at(row, index, repair_note(count, multiline=multiline)))
        if key in LIST_COLUMNS:
            items = split(cell)
            if key == "owners":
                # "Ana; ana" is one owner, as names are matched ignoring case.
                items = first_appearances(items)
                for owner in items:
                    self.first_row_of.setdefault(("owners", owner.casefold()), row)
            elif key == "depends_on":
                items = list(dict.fromkeys(items))
            return tuple(items)
        if key == "phase":
            name = read_name(cell)
            if name:
                self.first_row_of.setdefault(("phase", name.casefold()), row)
            return name
        if key in ("id", "status", "start", "due"):
            return self.word(row, index, key, cell.strip())
        return cell

    def word(self, row: int, index: int, key: str, text: str) -> object:
        if key == "status":
            if not text:
                return Status.PLANNED
            try:
                return Status(text.casefold())
            except ValueError:
                suggestion = nearest(text, _STATUS_NAMES)
                hint = (f'did you mean "{suggestion}"?' if suggestion is not None
                        else f"use one of {', '.join(_STATUS_NAMES)}")
                self.problem(row, index, f'unknown status "{text}"; {hint}')
                return Status.PLANNED
        if key in ("start", "due"):
            try:
                return parse_date(iso_date_text(text), key)
            except RoadmapEditError as error:
                message = str(error).removeprefix(f"{key}: ")
                if looks_day_month_year(text):
                    message += " (the order of day and month is not guessed)"
                self.problem(row, index, message)
                return None
        return text

    # -- the roadmap ------------------------------------------------------

    def roadmap(self, title: str, created: datetime | None,
                rows: list[dict[str, object]]) -> Roadmap:
        given = {str(values["id"]) for values in rows if values.get("id")}
        number = 0
        signposts = []
        for values in rows:
            if not values.get("id"):
                number += 1
                while f"s{number}" in given:
                    number += 1
                values["id"] = f"s{number}"
            values.setdefault("title", "")
            signposts.append(Signpost(**values))  # type: ignore[arg-type]
        return Roadmap(
            title=title, created=created,
            phases=tuple(Phase(name) for name in first_appearances(
                [s.phase for s in signposts])),
            owners=tuple(Owner(name) for name in first_appearances(
                [owner for s in signposts for owner in s.owners])),
            signposts=tuple(signposts))

    def located(self, problem: Problem, roadmap: Roadmap) -> _Located:
        """A problem of the built roadmap, placed at the row and column it came from."""
        location = problem.location
        section = location[0]
        if section == "signposts" and len(location) > 2:
            index = location[1]
            assert isinstance(index, int)
            return self.message(self.rows[index], self.column(str(location[2])),
                                problem.message)
        if section in ("phases", "owners") and len(location) > 1:
            index = location[1]
            assert isinstance(index, int)
            # Phases and owners are built from the cells that name them.
            key = "phase" if section == "phases" else "owners"
            items = roadmap.phases if section == "phases" else roadmap.owners
            row = self.first_row_of.get((key, items[index].name.casefold()), 0)
            return self.message(row, self.column(key), problem.message)
        return (0, 0), f"{self.name}: the title (--title): {problem.message}"

    def column(self, key: str) -> int | None:
        known = self.labels.get(key)
        return None if known is None else known[0]

    # -- messages ---------------------------------------------------------

    def bad_bytes(self, row: int, index: int, cell: str) -> bool:
        bad = _BAD_BYTE.search(cell)
        if bad is None:
            return False
        byte = ord(bad.group()) - 0xDC00
        self.problem(row, index, f"not valid UTF-8 (byte 0x{byte:02x}); save the"
                     ' spreadsheet as "CSV UTF-8"')
        return True

    def problem(self, row: int, index: int | None, message: str) -> None:
        self.problems.append(self.message(row, index, message))

    def message(self, row: int, index: int | None, message: str) -> _Located:
        return (row, -1 if index is None else index), self.at(row, index, message)

    def at(self, row: int, index: int | None, message: str) -> str:
        if index is None:
            return f"{self.name}: row {row}: {message}"
        label = next((label for i, label in self.labels.values() if i == index), None)
        shown = f'"{clean_text(label, multiline=False)[0]}"' if label else column_letter(index)
        return f"{self.name}: row {row}, column {shown}: {message}"


_IMPORT_COLUMNS = ("title", "detail", "phase", "owners", "status", "start", "due", "tags",
                   "countries", "depends_on", "id")
"""The columns import knows, in SPEC's order (the order a did-you-mean lists them)."""


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """The CSV's records, numbered as a spreadsheet numbers its rows (from 1)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    return enumerate(reader, start=1)
