"""Where in the file a problem is: the line of a table or key, found by scanning.

tomllib gives no positions, and they are only needed when something is wrong,
so the valid path never pays for this. The scan is deliberately forgiving: it
understands the shapes a roadmap file takes (``[roadmap]``, ``[[signposts]]``,
``key = value``, multi-line strings and arrays) and for anything stranger
answers with the nearest enclosing line it knows, or None. It never raises.
"""

from __future__ import annotations

import re

from ..model.validate import Location

_TABLE_HEADER = re.compile(r"\s*(\[\[?)\s*([^\[\]#]*?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")
_MULTILINE_DELIMITER = re.compile(r'"""|\'\'\'')


class LineIndex:
    """The 1-based line of each table and key of a roadmap file's text."""

    def __init__(self, source: str) -> None:
        self._lines: dict[Location, int] = {}
        self._scan(source)

    def line_of(self, location: Location) -> int | None:
        """The line of the location, else of the nearest enclosing item that has one."""
        for length in range(len(location), 0, -1):
            line = self._lines.get(location[:length])
            if line is not None:
                return line
        return None

    def _scan(self, source: str) -> None:
        counts: dict[str, int] = {}
        table: Location = ()
        open_delimiter: str | None = None
        for number, line in enumerate(source.splitlines(), start=1):
            if open_delimiter is not None:
                if line.count(open_delimiter) % 2 == 1:
                    open_delimiter = None
                continue
            header = _TABLE_HEADER.match(line)
            if header is not None:
                table = self._table(header.group(1), header.group(2), counts)
                self._lines.setdefault(table, number)
                if isinstance(table[-1], int):
                    # The array's own key (a misspelt [[signpost]]) is at its first block.
                    self._lines.setdefault(table[:-1], number)
                continue
            key = _KEY.match(line)
            if key is not None:
                name = key.group(1)
                if name[0] in "\"'":
                    name = name[1:-1]
                self._lines.setdefault((*table, name), number)
            open_delimiter = _still_open(line)

    @staticmethod
    def _table(brackets: str, dotted: str, counts: dict[str, int]) -> Location:
        """The location a header opens; arrays of tables are counted as they appear."""
        parts = [part.strip().strip("\"'") for part in dotted.split(".")]
        if brackets == "[":
            return tuple(parts)
        name = ".".join(parts)
        index = counts.get(name, 0)
        counts[name] = index + 1
        if len(parts) == 2 and parts[0] == "signposts":
            # Comments (or a misspelt [[signposts.coments]]) are counted within their signpost.
            signposts = counts.get("signposts", 0) - 1
            inner_key = f"signposts[{signposts}].{parts[1]}"
            number = counts.get(inner_key, 0)
            counts[inner_key] = number + 1
            return ("signposts", signposts, parts[1], number)
        return (*parts[:-1], parts[-1], index)


def _still_open(line: str) -> str | None:
    """The multi-line string delimiter a line leaves open, if any."""
    delimiters = _MULTILINE_DELIMITER.findall(line)
    for delimiter in ('"""', "'''"):
        if delimiters.count(delimiter) % 2 == 1:
            return delimiter
    return None
