"""``export FILE --by owner|country|group -o DIR``: one file per owner, country or group.

File names come from names in an untrusted file, so they are made safe here:
a slug of ASCII letters, digits and hyphens (accents folded: "Tô Thị Hà" is
``to-thi-ha``), ``owner-N`` / ``country-N`` / ``group-N`` when nothing is left
(``../``, ``/``, a Khmer-only name), and ``-2``, ``-3``... when two names give
the same slug, so no file overwrites another of the same run.

Nothing is written outside DIR or through a symlink: DIR is opened once and
every file is created relative to it (``dir_fd``) as a new temporary file
(``O_CREAT | O_EXCL | O_NOFOLLOW``) then renamed over the name, which replaces
a link rather than following it; a name that already exists in DIR as a
symlink or anything but a regular file is refused with a clear line, and so
is a DIR that is itself a symlink (folders above it are the user's own).
No Textual.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model.cards import country_tables, owner_cards
from ..model.conference import split_by_group
from ..model.roadmap import Roadmap
from ..model.text import shown_name
from .cards import convert, country_markdown, owner_card_markdown
from .export import SUFFIXES, render

KINDS = ("owner", "country", "group")
_LATIN_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae",
                                "œ": "oe", "þ": "th", "\u0131": "i", "ħ": "h"})
"""Latin letters that no Unicode decomposition turns into ASCII ("Đà Nẵng" is da-nang)."""
MAX_SLUG = 60
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                       *(f"lpt{n}" for n in range(1, 10))})
"""Names Windows gives to devices: a file called ``con.md`` cannot be opened there."""
FORMATS = ("md", "text", "ansi", "html", "svg")
"""What ``--by`` writes; Markdown first, the default."""
SUFFIX = {fmt: suffix for suffix, fmt in reversed(SUFFIXES.items())}
"""Each format's usual suffix (the first SUFFIXES lists for it)."""


class ExportByError(Exception):
    """DIR cannot be used at all; ``str()`` is fit to show the user."""


@dataclass(frozen=True, slots=True)
class Written:
    """One file of the export: where, and the problem when it was not written."""

    path: Path
    problem: str = ""


def slug(name: str) -> str:
    """``name`` as letters, digits and hyphens; "" when it has none of them."""
    folded = unicodedata.normalize("NFKD", name.casefold().translate(_LATIN_LETTERS))
    ascii_only = "".join(c for c in folded if c.isascii())
    text = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")
    if len(text) > MAX_SLUG:
        text = text[:MAX_SLUG].rstrip("-")
    return text


def file_names(names: list[str], kind: str, suffix: str) -> list[str]:
    """A distinct, safe file name for each name, in order."""
    taken: set[str] = set()
    result = []
    for number, name in enumerate(names, start=1):
        base = slug(name) or f"{kind}-{number}"
        if base in _RESERVED:
            base = f"{base}-{kind}"
        candidate, extra = base, 1
        while candidate in taken:
            extra += 1
            candidate = f"{base}-{extra}"
        taken.add(candidate)
        result.append(candidate + suffix)
    return result


def documents(roadmap: Roadmap, kind: str, fmt: str, *, width: int) -> list[tuple[str, str]]:
    """(name, text) of every file ``--by kind`` makes, in order."""
    if kind == "owner":
        return [(card.owner.name, convert(owner_card_markdown(card, roadmap), fmt, width=width,
                                          title=f"Commitment card: {card.owner.name}"))
                for card in owner_cards(roadmap)]
    if kind == "country":
        return [(table.country, convert(country_markdown(table, roadmap), fmt, width=width,
                                        title=table.country))
                for table in country_tables(roadmap)]
    if kind == "group":
        return [(name, render(part, fmt, width=width)) for name, part in split_by_group(roadmap)]
    raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")


def export_by(roadmap: Roadmap, kind: str, folder: Path, fmt: str = "md", *,
              width: int = 100) -> Iterator[Written]:
    """Write one file per owner, country or group into ``folder`` (made if missing).

    Raises ExportByError when the folder cannot be made or opened; a single file
    that cannot be written is reported in its ``Written`` and the rest go on.
    """
    docs = documents(roadmap, kind, fmt, width=width)
    names = file_names([name for name, _ in docs], kind, SUFFIX[fmt])
    descriptor = _open_folder(folder)
    try:
        for name, (_, text) in zip(names, docs, strict=True):
            yield Written(folder / name, _write_in(descriptor, name, text.encode("utf-8")))
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _open_folder(folder: Path) -> int:
    """The folder, made if missing and opened once; a folder that is itself a symbolic
    link is refused too (name the folder it points to instead)."""
    if folder.is_symlink():
        raise ExportByError(f"{shown_name(folder)}: is a symbolic link; nothing is written "
                            f"through one (give the folder it points to: "
                            f"{shown_name(os.path.realpath(folder))})")
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder, flags)
    except FileExistsError:
        raise ExportByError(f"{shown_name(folder)}: exists and is not a folder") from None
    except OSError as error:
        raise ExportByError(f"{shown_name(folder)}: cannot use it as the folder to export into: "
                            f"{error.strerror or error}") from None


def _write_in(folder: int, name: str, data: bytes) -> str:
    """Write ``name`` inside the open folder; the problem in words, or "" when written."""
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        info = None
    except OSError as error:
        return f"not written: {error.strerror or error}"
    if info is not None and stat.S_ISLNK(info.st_mode):
        return "not written: it is a symbolic link; nothing is written through one"
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "not written: it exists and is not a regular file"
    temporary = f".{name}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(temporary, flags, 0o666, dir_fd=folder)
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            raise
    except OSError as error:
        return f"not written: {error.strerror or error}"
    return ""
