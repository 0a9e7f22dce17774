"""What the screens and flows need from the running app, as a protocol.

The screens are handed the app as a ``Host`` when they are made, so no module under
``screens/`` or ``flows/`` imports ``RoadmapApp``: the app imports its screens, never
the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Protocol

from ..settings import Settings


class Host(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def opens_read_only(self) -> bool:
        """Whether files are opened for review (``--read-only``)."""
        ...

    @property
    def keymap(self) -> Mapping[str, str]:
        """The user's remapped keys (settings.toml ``[keys]``), for the key map's text."""
        ...

    def today(self) -> date: ...

    def clock(self) -> float: ...

    def remember_file(self, path: Path) -> None: ...

    def set_timer_minutes(self, minutes: int) -> None: ...

    def set_report_minutes(self, minutes: int) -> None: ...
