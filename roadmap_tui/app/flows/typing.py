"""Letters typed at the list are typing, not commands.

A facilitator who starts a new idea while the list has the focus types "the plan":
the ``t`` would start the timer and the rest vanish. So a printable key that is no
command opens the capture line with it, together with the command letter typed
just before it (within ``TYPING_RUN``), whose command is taken back when it can
be (``t`` the timer, ``z`` the side pane) or was harmless to run (``p``: present
hands the letters back).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..ordered_keys import TYPING_RUN


class ListTyping:
    def __init__(self, take_back: Mapping[str, Callable[[], object]]) -> None:
        self._take_back = take_back
        """What undoes each command letter that a run of typing may have begun with."""
        self._last: tuple[str, str, float] | None = None
        """The last command letter typed at the list: (key, character, when)."""

    def command_letter(self, key: str, character: str, when: float) -> None:
        """A letter that is a command was typed at the list (its command runs now)."""
        self._last = (key, character, when)

    def forget(self) -> None:
        self._last = None

    def last_time(self, key: str) -> float | None:
        """When ``key`` was last typed at the list, if it was the last letter there."""
        last = self._last
        return last[2] if last is not None and last[0] == key else None

    def typed(self, character: str, when: float) -> str:
        """A letter that is no command, typed at ``when``: the text the capture line
        starts with (the command letter just before it first, its command taken back)."""
        last, self._last = self._last, None
        if last is None or when - last[2] >= TYPING_RUN:
            return character
        key, first, _when = last
        undo = self._take_back.get(key)
        if undo is not None:
            undo()
        return first + character
