"""The errors and warnings a roadmap file can give, worded for the user."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model.text import shown_name


class RoadmapFileError(Exception):
    """A roadmap file that cannot be read or written.

    ``str(error)`` (also ``error.message``) is fit to show a user as it is: it
    names the file and, where known, the line. ``problems`` holds one line per
    problem when a file has several; ``line`` is the first problem's line.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        problems: Sequence[str] = (),
    ) -> None:
        # Whatever went into the message (a path, a name from the system), nothing in
        # it may act on a terminal: a last pass, harmless where it was cleaned before.
        message = shown_name(message, keep_newlines=True)
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.problems: tuple[str, ...] = (
            tuple(shown_name(p, keep_newlines=True) for p in problems) or (message,))

    def __str__(self) -> str:
        return self.message


class RoadmapWarning(UserWarning):
    """Something in a roadmap file was repaired on load; the file still opened."""
