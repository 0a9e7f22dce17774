"""The cells of a roadmap spreadsheet: formula guards, list cells and the delimiter.

A CSV file is opened by spreadsheets that run any cell starting with ``=``,
``+``, ``-`` or ``@`` (also after spaces, and cells starting with a tab or a
carriage return) as a formula: ``=HYPERLINK(...)`` in a signpost's title
would become a live link, ``=cmd|...`` a command. Such a cell is written with
a leading ``'``, which spreadsheets read as "this is text", and reading strips
exactly that guard back, so a roadmap exported and imported again is the same.

A phase's name is one cell, read without the spaces around it (so "Next "
is the phase "Next"); a name that has such spaces, or starts with ``"``, is
written in double quotes to come back as it was.

A list (owners, tags, countries, depends_on) is one cell, its items joined
with ``"; "``. People type lists with ``;`` or ``,``: a cell with a ``;``
between items is split on ``;``, else on ``,``. An item that holds ``;`` or
``,`` (``"Ministry of Justice, Cambodia"``), starts with ``"`` or has spaces
around it is written in double quotes, ``""`` standing for one ``"``, so that
every item comes back as it was.
"""

from __future__ import annotations

import contextlib
import csv
import re
from collections.abc import Iterable, Iterator

_FORMULA = re.compile(r"'*(?:[\t\r]|[ \t\r\n]*[=+\-@])")
"""A cell a spreadsheet would run (or one that looks guarded already: ``'=x``)."""

LIST_SEPARATOR = "; "
ONE_COLUMN = "\x1f"
DELIMITERS = (",", ";", "\t")
"""What a header row may be separated by, the most likely first (on a tie, it wins)."""


def guarded(cell: str) -> str:
    """The cell as written to a CSV file: with a leading ``'`` when a spreadsheet would run it.

    A cell that already starts with ``'`` before a formula is guarded again, so
    that reading takes off only the ``'`` added here.
    """
    return "'" + cell if _FORMULA.match(cell) else cell


def unguarded(cell: str) -> str:
    """The cell as read from a CSV file: the ``'`` that :func:`guarded` adds taken off."""
    if cell.startswith("'") and _FORMULA.match(cell, 1):
        return cell[1:]
    return cell


def quoted_name(name: str) -> str:
    """A name as one cell: in double quotes when reading would change it otherwise."""
    return _in_quotes(name) if name.startswith('"') or name != name.strip() else name


def read_name(cell: str) -> str:
    """A one-name cell: stripped, or the text inside its double quotes."""
    quoted = _quoted_item(cell, 0, "\n")
    return quoted[0] if quoted is not None and "\n" not in cell else cell.strip()


_DAY_OR_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[ T]00:00(?::00)?)?")
_DAY_MONTH_YEAR = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")


def iso_date_text(cell: str) -> str:
    """A date cell as ``YYYY-MM-DD`` or ``YYYY-MM`` where its meaning is certain.

    Spreadsheets rewrite dates: ``2021/03/31`` (year first), a midnight time
    after the date. Those are unambiguous and read as the date; anything else
    is left for the date parser to refuse.
    """
    match = _DAY_OR_MONTH.fullmatch(cell)
    if match is None:
        return cell
    year, month, day = match.groups()
    return f"{year}-{month}" if day is None else f"{year}-{month}-{day}"


def looks_day_month_year(cell: str) -> bool:
    """``31/03/2021`` or ``3/31/2021``: a spreadsheet's local date, whose order is unknown."""
    return _DAY_MONTH_YEAR.fullmatch(cell) is not None


def joined(items: Iterable[str]) -> str:
    """A list's items as one cell, ``a; b``, quoting the items that need it."""
    return LIST_SEPARATOR.join(_quoted(item) for item in items)


def _quoted(item: str) -> str:
    if ";" in item or "," in item or item.startswith('"') or item != item.strip():
        return _in_quotes(item)
    return item


def _in_quotes(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def split(cell: str) -> list[str]:
    """A list cell's items: split on ``;`` when one separates items, else on ``,``.

    Items are stripped of surrounding spaces and empty ones dropped; an item in
    double quotes is taken as it is written inside them.
    """
    if '"' not in cell:  # the usual cell: no quoting to respect
        separator = ";" if ";" in cell else ","
        return [item for item in (part.strip() for part in cell.split(separator)) if item]
    items, separators = _split_quoted(cell, ";")
    return items if separators else _split_quoted(cell, ",")[0]


def _split_quoted(cell: str, separator: str) -> tuple[list[str], int]:
    """The items and how many separators were found outside quoted items."""
    items: list[str] = []
    separators = 0
    position, length = 0, len(cell)
    while True:
        quoted = _quoted_item(cell, position, separator)
        if quoted is not None:
            item, end = quoted
            if item.strip():
                items.append(item)
        else:
            end = cell.find(separator, position)
            end = length if end < 0 else end
            item = cell[position:end].strip()
            if item:
                items.append(item)
        if end >= length:
            return items, separators
        separators += 1
        position = end + 1


def _quoted_item(cell: str, position: int, separator: str) -> tuple[str, int] | None:
    """The quoted item at ``position`` and where its separator is; None if it is not one.

    Only spaces may stand between the closing quote and the separator; anything
    else (an unclosed quote, text after it) means the item is read as plain text.
    """
    start = position
    while start < len(cell) and cell[start].isspace():
        start += 1
    if not cell.startswith('"', start):
        return None
    text: list[str] = []
    index = start + 1
    while index < len(cell):
        character = cell[index]
        if character == '"':
            if cell.startswith('"', index + 1):
                text.append('"')
                index += 2
                continue
            end = cell.find(separator, index + 1)
            end = len(cell) if end < 0 else end
            return ("".join(text), end) if not cell[index + 1:end].strip() else None
        text.append(character)
        index += 1
    return None


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header row: the one of ``,`` ``;`` tab it holds most often.

    European spreadsheets write ``;`` (their decimal mark is the comma) and a
    paste from a spreadsheet gives tabs. The header row names known columns,
    so it is a reliable sample, unlike the data rows below it. A header of
    one column means the file has one column: a list of titles, one a line,
    whose commas are part of the titles. Then the delimiter is a character no
    text keeps (the unit separator, a control character).
    """
    header = _first_line(text)
    counts = {delimiter: 0 for delimiter in DELIMITERS}
    inside_quotes = False
    for character in header:
        if character == '"':
            inside_quotes = not inside_quotes
        elif not inside_quotes and character in counts:
            counts[character] += 1
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])  # first on a tie
    return best if counts[best] else ONE_COLUMN


def _first_line(text: str) -> str:
    """The first line that holds anything but spaces and delimiters."""
    for match in _LINE.finditer(text):
        if match.group().strip(" \t,;"):
            return match.group()
    return ""


_LINE = re.compile(r"[^\r\n]+")


def column_letter(index: int) -> str:
    """A spreadsheet's column letter: 0 is A, 25 is Z, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@contextlib.contextmanager
def cells_up_to(limit: int) -> Iterator[None]:
    """Let one cell be as long as the file may be (the csv module stops at 128 KiB)."""
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, limit))
    try:
        yield
    finally:
        csv.field_size_limit(previous)
