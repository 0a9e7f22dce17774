"""The part of the main screen that the flows use, as a protocol: the flows never
import the screen, so ``app/`` has no import circle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App

from ...model import Signpost
from ...session.document import Document
from ..host import Host


class MainView(Protocol):
    @property
    def app(self) -> App[Any]: ...

    @property
    def host(self) -> Host: ...

    @property
    def document(self) -> Document: ...

    @property
    def selected_id(self) -> str | None:
        """The signpost under the list's cursor."""
        ...

    @property
    def selected(self) -> Signpost | None: ...

    def adopt(self, document: Document) -> None:
        """Make ``document`` the open one: the panes follow it from now on."""
        ...

    def cursor_to(self, signpost_id: str | None) -> None:
        """Put the list's cursor on a signpost (after a change that announced another)."""
        ...

    def show_header(self) -> None:
        """Redraw the header (the session timer ticks outside the roadmap)."""
        ...

    def set_interval(self, interval: float, callback: Callable[[], object]) -> object: ...

    def commit_editor(self) -> None:
        """Apply the edit still in the focused field first (a save must include it)."""
        ...

    def unfilter(self, why: str) -> None:
        """Clear the list's filter, if one is set, saying ``why``."""
        ...

    def select_signpost(self, signpost_id: str) -> None: ...

    def select_owner(self, name: str) -> None: ...

    def show_owner(self, name: str) -> None:
        """Put the owners pane's cursor on ``name`` (without moving the focus)."""
        ...

    def show_phase(self, name: str) -> None:
        """Put the timeline's cursor on the phase ``name`` (without moving the focus)."""
        ...
