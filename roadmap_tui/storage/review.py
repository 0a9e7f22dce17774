"""A reviewer's comments, kept beside the roadmap in ``NAME.review.toml``.

A reviewer opens someone else's roadmap read-only: the group's file must never
change, yet a comment is the point of reviewing. So comments go to a sidecar
file next to it (``plan.toml`` gets ``plan.review.toml``), in the roadmap
format's comment fields plus the id of the signpost each is about::

    format = 1

    [[comments]]
    signpost = "s3"
    author = "Reviewer name"
    at = 2020-12-12T10:00:00+07:00
    text = "Who funds this?"

It is read with the same care as a roadmap (size limit, control characters
cleaned) and written atomically. Never imports Textual.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import tomli_w

from ..model import Comment
from ..model.text import clean_text, quoted, shown_name
from .errors import RoadmapFileError
from .files import _decoded, _toml_error, read_bytes, write_text_atomically

FORMAT = 1
SUFFIX = ".review.toml"
_KEYS = ("signpost", "author", "at", "text")


class ReviewComment(NamedTuple):
    """One reviewer comment and the signpost (by id) it is about (a plain pair, so the
    summary takes them without knowing this module)."""

    signpost_id: str
    comment: Comment


def review_path(roadmap_path: Path) -> Path:
    """``plan.toml`` -> ``plan.review.toml``, in the same folder."""
    return roadmap_path.with_name(roadmap_path.stem + SUFFIX)


def load_review(roadmap_path: Path) -> tuple[ReviewComment, ...]:
    """The comments beside ``roadmap_path``; none when there is no sidecar file."""
    path = review_path(roadmap_path)
    if not path.exists():
        return ()
    # A side file a stranger could plant in a shared folder: never through a link.
    return loads_review(_decoded(path, read_bytes(path, follow_symlinks=False)), path)


def loads_review(text: str, path: Path | None = None) -> tuple[ReviewComment, ...]:
    name = shown_name(path.name) if path is not None else "<review>"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(name, path, str(error), text) from None
    unknown = sorted(set(data) - {"format", "comments"})
    if unknown:
        raise RoadmapFileError(f"{name}: unknown key {quoted(unknown[0])}", path=path)
    if data.get("format") != FORMAT:
        raise RoadmapFileError(f"{name}: format = {FORMAT} is required", path=path)
    tables = data.get("comments", [])
    if not isinstance(tables, list):
        raise RoadmapFileError(f"{name}: comments must be a list of tables", path=path)
    return tuple(_comment(table, f"{name}: comments[{n}]", path)
                 for n, table in enumerate(tables, start=1))


def _comment(table: object, where: str, path: Path | None) -> ReviewComment:
    if not isinstance(table, Mapping):
        raise RoadmapFileError(f"{where}: must be a table", path=path)
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise RoadmapFileError(f'{where}: unknown key "{unknown[0]}"', path=path)
    texts: dict[str, str] = {}
    for key in ("signpost", "author", "text"):
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            raise RoadmapFileError(f'{where}: key "{key}" is required (text)', path=path)
        texts[key] = clean_text(value, multiline=key == "text")[0]
    at = table.get("at")
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise RoadmapFileError(f'{where}: key "at" is required (an offset date-time)',
                               path=path)
    return ReviewComment(texts["signpost"], Comment(texts["author"], at, texts["text"]))


def dumps_review(comments: Iterable[ReviewComment]) -> str:
    return tomli_w.dumps({"format": FORMAT, "comments": [
        {"signpost": c.signpost_id, "author": c.comment.author, "at": c.comment.at,
         "text": c.comment.text} for c in comments]}, multiline_strings=True)


def add_review_comment(roadmap_path: Path, comment: ReviewComment) -> tuple[ReviewComment, ...]:
    """Append ``comment`` to the sidecar (made when missing), atomically; returns them all.
    The roadmap file itself is never opened for writing."""
    comments = (*load_review(roadmap_path), comment)
    write_text_atomically(review_path(roadmap_path), dumps_review(comments))
    return comments
