"""Roadmap <-> TOML document: type checks, text cleaning, and the canonical writer.

Decoding is one pass over tomllib's dict that builds the model directly (no
intermediate copies), because a merged roadmap can hold 10,000 signposts and
loading must stay close to tomllib's own speed. A value of the wrong type is
recorded as a problem and replaced by its default, so the rest of the file can
still be checked and the user sees every mistake at once.

Writing builds one small dict per table and hands its body to tomli-w; the
``[[...]]`` headers are written here, because tomli-w writes short arrays of
tables inline and the format promises ``[[signposts]]`` blocks from save to save.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import tomli_w

from ..model.roadmap import (
    DEBRIEF_LISTS,
    FORMAT_VERSION,
    Comment,
    Owner,
    Phase,
    Roadmap,
    Signpost,
    Status,
)
from ..model.text import (
    UNSAFE_IN_MULTILINE_TEXT,
    UNSAFE_IN_ONE_LINE_TEXT,
    clean_text,
    quoted,
    repair_note,
)
from ..model.validate import Location, Problem, nearest

TOP_LEVEL_KEYS = ("format", "roadmap", "phases", "owners", "signposts")
ROADMAP_KEYS = ("title", "group", "event", "question", "facilitator", "participants",
                "notes", "created", "updated", "strategy", *DEBRIEF_LISTS)
PHASE_KEYS = ("name", "start", "end", "description")
OWNER_KEYS = ("name", "organisation", "role", "country", "contact")
SIGNPOST_KEYS = ("id", "title", "detail", "phase", "owners", "status", "start", "due",
                 "tags", "countries", "depends_on", "group", "origin", "comments")
COMMENT_KEYS = ("author", "at", "text")
STATUS_NAMES = tuple(status.value for status in Status)


@dataclass(slots=True)
class Decoded:
    """A model built from a document, with what was wrong and what was repaired."""

    roadmap: Roadmap | None
    problems: list[Problem] = field(default_factory=list)
    repairs: list[Problem] = field(default_factory=list)


class _Decoder:
    """Reads one document; ``problems`` and ``repairs`` fill up as it goes."""

    def __init__(self, *, plain_text: bool = False) -> None:
        self.problems: list[Problem] = []
        self.repairs: list[Problem] = []
        self.plain_text = plain_text
        """True when the source can hold no unsafe character (see :func:`is_plain`)."""

    # -- values ---------------------------------------------------------------

    def one_line(self, where: Location, key: str, value: object) -> str:
        return self._string(where, key, value, multiline=False)

    def text(self, where: Location, key: str, value: object) -> str:
        return self._string(where, key, value, multiline=True)

    def _string(self, where: Location, key: str, value: object, *, multiline: bool) -> str:
        if type(value) is not str:
            self._wrong_type(where, key, "a string", value)
            return ""
        unsafe = UNSAFE_IN_MULTILINE_TEXT if multiline else UNSAFE_IN_ONE_LINE_TEXT
        if unsafe.search(value):
            return self._repaired(where, key, value, multiline=multiline)
        return value

    def strings(self, where: Location, key: str, value: object) -> tuple[str, ...]:
        if type(value) is not list:
            self._wrong_type(where, key, "a list of strings", value)
            return ()
        position = next((n for n, item in enumerate(value, 1) if type(item) is not str), 0)
        if position:
            self.problems.append(Problem(
                (*where, key), f'"{key}" must be a list of strings; item {position} is'
                               f" {_type_name(value[position - 1])}"))
            return ()
        if any(UNSAFE_IN_ONE_LINE_TEXT.search(item) for item in value):
            return tuple(self._repaired(where, key, item, multiline=False)
                         if UNSAFE_IN_ONE_LINE_TEXT.search(item) else item
                         for item in value)
        return tuple(value)

    def local_date(self, where: Location, key: str, value: object) -> date | None:
        if type(value) is date:
            return value
        if type(value) is datetime:
            self.problems.append(Problem((*where, key), f'"{key}" must be a date without a'
                                         f" time, such as {value.date().isoformat()}"))
        else:
            self._wrong_type(where, key, "a date such as 2021-03-31", value)
        return None

    def offset_datetime(self, where: Location, key: str, value: object) -> datetime | None:
        if type(value) is datetime and value.tzinfo is not None:
            return value
        if type(value) is datetime:
            self.problems.append(Problem((*where, key), f'"{key}" needs a UTC offset, such'
                                         f" as {value.isoformat()}+07:00"))
        else:
            self._wrong_type(where, key, "a date-time such as 2020-12-11T09:00:00+07:00",
                             value)
        return None

    def status(self, where: Location, key: str, value: object) -> Status:
        if type(value) is str:
            try:
                return Status(value)
            except ValueError:
                pass
            shown = quoted(value)
            suggestion = nearest(value, STATUS_NAMES)
            message = f'unknown status {shown}; use one of {", ".join(STATUS_NAMES)}'
            if suggestion is not None:
                message = f'unknown status {shown}; did you mean "{suggestion}"?'
            self.problems.append(Problem((*where, key), message, suggestion))
        else:
            self._wrong_type(where, key, "a string", value)
        return Status.PLANNED

    def _repaired(self, where: Location, key: str, value: str, *, multiline: bool) -> str:
        cleaned, count = clean_text(value, multiline=multiline)
        self.repairs.append(Problem((*where, key), repair_note(count, multiline=multiline)))
        return cleaned

    def _wrong_type(self, where: Location, key: str, expected: str, value: object) -> None:
        self.problems.append(
            Problem((*where, key), f'"{key}" must be {expected}, not {_type_name(value)}'))

    # -- tables ---------------------------------------------------------------

    def fields(
        self, where: Location, table: Mapping[str, Any], readers: Mapping[str, _Reader],
        required: tuple[str, ...],
    ) -> dict[str, Any]:
        """The table's values read by key; unknown and missing keys become problems."""
        values: dict[str, Any] = {}
        for key, value in table.items():
            reader = readers.get(key)
            if reader is None:
                self._unknown_key(where, key, readers)
            else:
                values[key] = reader(self, where, key, value)
        for key in required:
            if key not in table:
                self.problems.append(Problem((*where, key), f'missing required key "{key}"'))
        return values

    def _unknown_key(self, where: Location, key: str, known: Mapping[str, object]) -> None:
        suggestion = nearest(key, known)
        message = f'unknown key {quoted(key)}'
        if suggestion is not None:
            message += f'; did you mean "{suggestion}"?'
        else:
            message += f"; the keys here are {', '.join(known)}"
        self.problems.append(Problem((*where, key), message, suggestion))

    def tables(self, where: Location, key: str, value: object) -> list[Mapping[str, Any]]:
        """An array of tables such as ``[[signposts]]``; anything else is a problem."""
        if type(value) is list and all(type(item) is dict for item in value):
            return value
        header = ".".join(str(part) for part in (*where, key) if isinstance(part, str))
        self._wrong_type(where, key, f"an array of tables ([[{header}]] blocks)", value)
        return []

    def roadmap(self, document: Mapping[str, Any]) -> Roadmap:
        self.fields((), document, _TOP_LEVEL_READERS, ())
        if "roadmap" not in document:
            self.problems.append(Problem(("roadmap",), 'missing required key "roadmap" (the'
                                         ' [roadmap] table, with at least title = "...")'))
        header = document.get("roadmap", {})
        if type(header) is not dict:
            self._wrong_type((), "roadmap", "a table ([roadmap])", header)
            header = {}
        required = ("title",) if "roadmap" in document else ()
        values = self.fields(("roadmap",), header, _ROADMAP_READERS, required)
        phases = tuple(
            Phase(**self.fields(("phases", index), table, _PHASE_READERS, ("name",))
                  | _placeholder_name(table))
            for index, table in enumerate(self.tables((), "phases", document.get("phases", []))))
        owners = tuple(
            Owner(**self.fields(("owners", index), table, _OWNER_READERS, ("name",))
                  | _placeholder_name(table))
            for index, table in enumerate(self.tables((), "owners", document.get("owners", []))))
        signposts = tuple(
            self.signpost(index, table)
            for index, table in enumerate(
                self.tables((), "signposts", document.get("signposts", []))))
        return Roadmap(title=values.pop("title", ""), **values, phases=phases,
                       owners=owners, signposts=signposts)

    def signpost(self, index: int, table: Mapping[str, Any]) -> Signpost:
        if self.plain_text:
            signpost = _plain_signpost(table)
            if signpost is not None:
                return signpost
        where: Location = ("signposts", index)
        values = self.fields(where, table, _SIGNPOST_READERS, ("id", "title"))
        comments = values.get("comments")
        if comments is not None:
            values["comments"] = tuple(
                self.comment((*where, "comments", number), comment)
                for number, comment in enumerate(comments))
        return Signpost(id=values.pop("id", ""), title=values.pop("title", ""), **values)

    def comment(self, where: Location, table: Mapping[str, Any]) -> Comment:
        values = self.fields(where, table, _COMMENT_READERS, COMMENT_KEYS)
        at = values.get("at")
        return Comment(author=values.get("author", ""),
                       at=at if at is not None else _PLACEHOLDER_TIME,
                       text=values.get("text", ""))



_Reader = Callable[[_Decoder, Location, str, Any], Any]
_PLACEHOLDER_TIME = datetime.fromisoformat("2000-01-01T00:00:00+00:00")


_PLAIN_SIGNPOST_KEYS = frozenset(SIGNPOST_KEYS)
_COMMENT_KEY_SET = frozenset(COMMENT_KEYS)
_STATUS_BY_NAME = {status.value: status for status in Status}


class _NotPlain(Exception):
    """A value the fast path does not take; the careful path will explain it."""


def _plain_signpost(table: Mapping[str, Any]) -> Signpost | None:
    """The signpost when every value is of its plain type; None sends it the careful way.

    Only for plain sources (no unsafe characters possible), so the only text
    check left is for line breaks in one-line fields.
    """
    if not table.keys() <= _PLAIN_SIGNPOST_KEYS:
        return None
    get = table.get
    signpost_id, title = get("id"), get("title")
    detail, phase, group = get("detail", ""), get("phase", ""), get("group", "")
    origin = get("origin", "")
    status_name, start, due = get("status", "planned"), get("start"), get("due")
    if not (type(signpost_id) is str and type(title) is str and type(detail) is str
            and type(phase) is str and type(group) is str and type(origin) is str
            and type(status_name) is str):
        return None
    if "\n" in signpost_id or "\n" in title or "\n" in phase or "\n" in group or (
            "\n" in origin):
        return None
    status = _STATUS_BY_NAME.get(status_name)
    if status is None or not (start is None or type(start) is date) or not (
            due is None or type(due) is date):
        return None
    try:
        return Signpost(
            signpost_id, title, detail, phase, _plain_strings(get("owners")), status,
            start, due, _plain_strings(get("tags")), _plain_strings(get("countries")),
            _plain_strings(get("depends_on")), group, origin,
            _plain_comments(get("comments")))
    except _NotPlain:
        return None


def _plain_strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if type(value) is list and all(type(item) is str and "\n" not in item
                                   for item in value):
        return tuple(value)
    raise _NotPlain


def _plain_comments(value: object) -> tuple[Comment, ...]:
    if value is None:
        return ()
    if type(value) is not list:
        raise _NotPlain
    comments = []
    for table in value:
        if type(table) is not dict or table.keys() != _COMMENT_KEY_SET:
            raise _NotPlain
        author, at, text = table["author"], table["at"], table["text"]
        if not (type(author) is str and "\n" not in author and type(text) is str
                and type(at) is datetime and at.tzinfo is not None):
            raise _NotPlain
        comments.append(Comment(author, at, text))
    return tuple(comments)


def _placeholder_name(table: Mapping[str, Any]) -> dict[str, str]:
    """A missing name is reported; an empty one keeps the item constructible."""
    return {} if "name" in table else {"name": ""}


def _keep_as_is(decoder: _Decoder, where: Location, key: str, value: Any) -> Any:
    return value


def _format_version(decoder: _Decoder, where: Location, key: str, value: Any) -> int:
    return value if type(value) is int else 0


_TOP_LEVEL_READERS: dict[str, _Reader] = {
    "format": _format_version, "roadmap": _keep_as_is, "phases": _keep_as_is,
    "owners": _keep_as_is, "signposts": _keep_as_is,
}
_ROADMAP_READERS: dict[str, _Reader] = {
    "title": _Decoder.one_line, "group": _Decoder.one_line, "event": _Decoder.one_line,
    "question": _Decoder.one_line, "facilitator": _Decoder.one_line,
    "participants": _Decoder.strings, "notes": _Decoder.text,
    "created": _Decoder.offset_datetime, "updated": _Decoder.offset_datetime,
    "strategy": _Decoder.text, **{key: _Decoder.strings for key in DEBRIEF_LISTS},
}
_PHASE_READERS: dict[str, _Reader] = {
    "name": _Decoder.one_line, "start": _Decoder.local_date, "end": _Decoder.local_date,
    "description": _Decoder.text,
}
_OWNER_READERS: dict[str, _Reader] = {key: _Decoder.one_line for key in OWNER_KEYS}
_SIGNPOST_READERS: dict[str, _Reader] = {
    "id": _Decoder.one_line, "title": _Decoder.one_line, "detail": _Decoder.text,
    "phase": _Decoder.one_line, "owners": _Decoder.strings, "status": _Decoder.status,
    "start": _Decoder.local_date, "due": _Decoder.local_date, "tags": _Decoder.strings,
    "countries": _Decoder.strings, "depends_on": _Decoder.strings,
    "group": _Decoder.one_line, "origin": _Decoder.one_line, "comments": _Decoder.tables,
}
_COMMENT_READERS: dict[str, _Reader] = {
    "author": _Decoder.one_line, "at": _Decoder.offset_datetime, "text": _Decoder.text,
}


def format_problem(document: Mapping[str, Any]) -> Problem | None:
    """Why the document's ``format`` cannot be read by this version, if it cannot.

    Checked before anything else: a newer format may use keys this version
    has never heard of, and listing those as mistakes would mislead.
    """
    if "format" not in document:
        return Problem(("format",), f'missing "format = {FORMAT_VERSION}" at the top of'
                       " the file (is this a roadmap file?)")
    version = document["format"]
    if type(version) is not int:
        return Problem(("format",), f'"format" must be the whole number {FORMAT_VERSION},'
                       f" not {_type_name(version)}")
    if version > FORMAT_VERSION:
        return Problem(("format",), f"format {version} is newer than this roadmap-tui"
                       f" reads (format {FORMAT_VERSION}); upgrade roadmap-tui to open it")
    if version < FORMAT_VERSION:
        return Problem(("format",), f"unknown format {version}; roadmap files are"
                       f" format {FORMAT_VERSION}")
    return None


_RISKY_ESCAPE = re.compile(r"\\[bfrueUx]")


def is_plain(source: str) -> bool:
    """Whether no string parsed from ``source`` can hold a control or bidi character.

    True when the text has none itself and no escape that could make one (a
    ``\\n`` escape is fine: line breaks are checked field by field anyway).
    Most files are plain, and their signposts then take the fast path.
    """
    # tomllib refuses raw C0 controls and DEL, so only non-ASCII ones (C1, bidi)
    # can come through unescaped: an ASCII text needs no search for them.
    return ((source.isascii() or UNSAFE_IN_MULTILINE_TEXT.search(source) is None)
            and ("\\" not in source or _RISKY_ESCAPE.search(source) is None))


def decode(document: Mapping[str, Any], *, plain_text: bool = False) -> Decoded:
    """Build the model from a parsed TOML document, recording what is wrong.

    ``plain_text`` is :func:`is_plain` of the source, when the caller has it.
    """
    problem = format_problem(document)
    if problem is not None:
        return Decoded(None, [problem])
    decoder = _Decoder(plain_text=plain_text)
    roadmap = decoder.roadmap(document)
    return Decoded(roadmap, decoder.problems, decoder.repairs)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    return {
        str: "a string", int: "a number", float: "a number", list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


# -- writing ------------------------------------------------------------------


def encode(roadmap: Roadmap) -> str:
    """The canonical TOML text: SPEC key order, empty values omitted, ``[[...]]`` blocks."""
    chunks = [f"format = {FORMAT_VERSION}\n\n[roadmap]\n",
              _body(_header_table(roadmap))]
    for phase in roadmap.phases:
        chunks.append("\n[[phases]]\n")
        chunks.append(_body(_phase_table(phase)))
    for owner in roadmap.owners:
        chunks.append("\n[[owners]]\n")
        chunks.append(_body(_owner_table(owner)))
    for signpost in roadmap.signposts:
        chunks.append("\n[[signposts]]\n")
        chunks.append(_body(_signpost_table(signpost)))
        for comment in signpost.comments:
            chunks.append("\n[[signposts.comments]]\n")
            chunks.append(_body(_comment_table(comment)))
    return "".join(chunks)


def document(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as the dict ``tomllib`` reads from its canonical file.

    The same keys in the same order, empty values and empty arrays of tables
    left out, dates as ``date`` / ``datetime``: other formats (JSON) are this.
    """
    result: dict[str, Any] = {"format": FORMAT_VERSION, "roadmap": _header_table(roadmap)}
    if roadmap.phases:
        result["phases"] = [_phase_table(phase) for phase in roadmap.phases]
    if roadmap.owners:
        result["owners"] = [_owner_table(owner) for owner in roadmap.owners]
    if roadmap.signposts:
        result["signposts"] = [
            _signpost_table(signpost) | (
                {"comments": [_comment_table(c) for c in signpost.comments]}
                if signpost.comments else {})
            for signpost in roadmap.signposts]
    return result


def _phase_table(phase: Phase) -> dict[str, Any]:
    return _filled({"name": phase.name, "start": phase.start, "end": phase.end,
                    "description": phase.description})


def _owner_table(owner: Owner) -> dict[str, Any]:
    return _filled({"name": owner.name, "organisation": owner.organisation,
                    "role": owner.role, "country": owner.country, "contact": owner.contact})


def _comment_table(comment: Comment) -> dict[str, Any]:
    return {"author": comment.author, "at": comment.at, "text": comment.text}


def _header_table(roadmap: Roadmap) -> dict[str, Any]:
    return _filled({
        "title": roadmap.title, "group": roadmap.group, "event": roadmap.event,
        "question": roadmap.question, "facilitator": roadmap.facilitator,
        "participants": roadmap.participants, "notes": roadmap.notes,
        "created": roadmap.created, "updated": roadmap.updated,
        "strategy": roadmap.strategy,
        **{key: getattr(roadmap, key) for key in DEBRIEF_LISTS},
    })


def _signpost_table(signpost: Signpost) -> dict[str, Any]:
    table = _filled({
        "id": signpost.id, "title": signpost.title, "detail": signpost.detail,
        "phase": signpost.phase, "owners": signpost.owners,
    })
    # The status is always written, so a reader of the file never has to know
    # the default.
    table["status"] = str(signpost.status)
    table.update(_filled({
        "start": signpost.start, "due": signpost.due, "tags": signpost.tags,
        "countries": signpost.countries, "depends_on": signpost.depends_on,
        "group": signpost.group, "origin": signpost.origin,
    }))
    return table


def _filled(table: dict[str, Any]) -> dict[str, Any]:
    """Only the values that are set: tomli-w cannot write None, and "" says nothing."""
    return {key: value for key, value in table.items()
            if value is not None and value != "" and value != ()}


def _body(table: dict[str, Any]) -> str:
    return tomli_w.dumps(table, multiline_strings=True)
