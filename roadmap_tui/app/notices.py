"""What the app has on screen as notices, kept by the app itself.

Textual shows notices but offers no public way to ask which are showing or to take
one back. The app's ``notify`` records each notice here, so a refusal pressed again
while it is still on screen does not stack a second copy (five identical toasts
hide the capture line), and a notice made wrong by what happened next (time is up,
then the timer restarts; "Not saved", then a save went through) can be withdrawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.notifications import SeverityLevel

DEFAULT_TIMEOUT = 5.0
"""Textual's own default for how long a notice stays."""


@dataclass(frozen=True, slots=True)
class Notice:
    message: str
    title: str
    severity: SeverityLevel
    until: float
    """When it leaves the screen by itself (the board's clock)."""


class NoticeBoard:
    def __init__(self, clock: Callable[[], float] = monotonic) -> None:
        self._clock = clock
        self._notices: list[Notice] = []

    def posted(self, message: str, title: str, severity: SeverityLevel,
               timeout: float | None) -> None:
        now = self._clock()
        self._notices = [n for n in self._notices if n.until > now]
        self._notices.append(Notice(message, title, severity,
                                    now + (DEFAULT_TIMEOUT if timeout is None else timeout)))

    def showing(self) -> list[Notice]:
        now = self._clock()
        return [n for n in self._notices if n.until > now]

    def is_showing(self, message: str) -> bool:
        return any(n.message == message for n in self.showing())

    def withdraw(self, wrong: Callable[[Notice], bool]) -> list[tuple[Notice, float]] | None:
        """Forget the notices ``wrong`` picks. None when none of them is showing; else
        the others still showing, each with the seconds it has left, for the app to
        show again once it has cleared the screen of notices."""
        now = self._clock()
        showing = self.showing()
        if not any(wrong(n) for n in showing):
            return None
        self._notices = []
        return [(n, n.until - now) for n in showing if not wrong(n)]


@runtime_checkable
class KeepsNotices(Protocol):
    @property
    def notices(self) -> NoticeBoard: ...


def tell_once(app: App[Any], message: str, *, severity: SeverityLevel = "warning",
              timeout: float = 3) -> None:
    """Notify, unless the same message is still on screen."""
    if isinstance(app, KeepsNotices) and app.notices.is_showing(message):
        return
    app.notify(message, severity=severity, timeout=timeout, markup=False)


def withdraw(app: App[Any], wrong: Callable[[Notice], bool]) -> None:
    """Take the notices ``wrong`` picks off the screen at once, keeping the others."""
    if not isinstance(app, KeepsNotices):
        return
    kept = app.notices.withdraw(wrong)
    if kept is None:
        return
    app.clear_notifications()
    for notice, left in kept:
        app.notify(notice.message, title=notice.title, severity=notice.severity,
                   timeout=left, markup=False)
