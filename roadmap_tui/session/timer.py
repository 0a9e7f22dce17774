"""The session timer: a countdown that can be paused, read from a monotonic clock.

Breakout sessions have a fixed slot (45 minutes in the reference session), so
the facilitator sees what is left without a phone. The clock is a parameter so
tests can move time.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class SessionTimer:
    def __init__(self, minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._length = minutes * 60.0
        self._used = 0.0
        self._started_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    @property
    def started(self) -> bool:
        return self.running or self._used > 0

    @property
    def minutes(self) -> int:
        return round(self._length / 60)

    @property
    def remaining(self) -> float:
        used = self._used
        if self._started_at is not None:
            used += self._clock() - self._started_at
        return self._length - used

    @property
    def is_up(self) -> bool:
        return self.remaining <= 0

    def toggle(self) -> None:
        if self._started_at is None:
            self._started_at = self._clock()
        else:
            self._used += self._clock() - self._started_at
            self._started_at = None

    def reset(self, minutes: int | None = None) -> None:
        if minutes is not None:
            self._length = minutes * 60.0
        self._used = 0.0
        self._started_at = None

    def state(self) -> tuple[float, float, float | None]:
        """Everything the timer knows, to put back with ``restore``."""
        return self._length, self._used, self._started_at

    def restore(self, state: tuple[float, float, float | None]) -> None:
        self._length, self._used, self._started_at = state

    def set_length(self, minutes: int) -> None:
        """A new length for the session under way: the time used so far still counts, and
        a running timer keeps running (what is left changes by the difference)."""
        self._length = minutes * 60.0

    def text(self) -> str:
        """``44:59`` counting down, ``-2:05`` once over time."""
        remaining = self.remaining
        seconds = int(-remaining) if remaining < 0 else int(remaining + 0.999)
        sign = "-" if remaining < 0 else ""
        return f"{sign}{seconds // 60}:{seconds % 60:02d}"
