"""What the session has to tell the person at the keyboard, as plain values.

The session decides what is said and how urgently; the app only shows it (as a
toast, in Textual's case). Keeping the words here keeps them next to the rule
that produces them, and testable without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Note:
    """One notice: its text (user text inside is already cleaned by ``shown_name``, and
    is never markup), a title, how urgent it is, and how long it stays (None: the
    app's default)."""

    text: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None


@dataclass(frozen=True, slots=True)
class Restored:
    """The outcome of bringing other work back (an earlier version, recovered work)."""

    note: Note
    restored: bool = True
    selected_id: str | None = None
    """The signpost to select after a restore: the same one when it is still there."""
