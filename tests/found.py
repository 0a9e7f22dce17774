"""A lookup's result in a test, typed as found: a missing one fails the test at the lookup."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def found(value: T | None) -> T:
    """``value`` when the lookup that gave it found something (``signpost_with_id`` and the
    like return None for nothing); a None fails the test here, with a clear message."""
    assert value is not None, "the lookup found nothing"
    return value
