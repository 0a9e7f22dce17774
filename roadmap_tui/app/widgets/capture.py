"""The capture line (``#quick-add``): one idea per Enter, whatever arrives after it.

Enter hands the text typed before it to the screen at once (``submit``), and
clears the line only when the screen took it, before the next key is read, so a
burst ``Idea one<Enter>Idea two<Enter>`` adds exactly those two ideas. A line the
screen refuses stays in the line to be fixed; but when more letters follow it
within ``BURST`` seconds (nobody can read an error that fast: these were typed
or pasted ahead), the refused line is handed back with ``park`` and the next
idea starts on an empty line, so a mistake never swallows the ideas after it.

A paste of several lines is handed over whole (``paste_lines``): one signpost
per line, one undo step. ``up`` brings back a parked line (``recall``). The
widget knows nothing of the syntax: the screen reads the lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from ..ordered_keys import TakesOwnKeys

BURST = 0.25
"""Seconds after a refused Enter within which further letters count as typed ahead."""


class CaptureLine(TakesOwnKeys, Input):
    OWN_KEYS = frozenset({"enter"})  # submitted here, at once: the next letters may follow
    BINDINGS = [Binding("up", "recall", "Line to fix", show=False)]

    def __init__(
        self,
        *,
        submit: Callable[[str], bool],
        park: Callable[[str], None],
        paste_lines: Callable[[Sequence[str]], None],
        recall: Callable[[str], str | None],
        id: str | None = None,
        placeholder: str = "",
    ) -> None:
        # Not select_on_focus: the selection would be made when the focus event is handled,
        # after keys typed right behind the `a` had landed, and the next key replace them.
        super().__init__(id=id, placeholder=placeholder, select_on_focus=False)
        self._submit = submit
        self._park = park
        self._paste_lines = paste_lines
        self._recall = recall
        self._refused_at: float | None = None

    def on_key(self, event: events.Key) -> None:
        refused_at, self._refused_at = self._refused_at, None
        if (refused_at is not None and event.is_printable
                and event.time - refused_at < BURST and self.value.strip()):
            self._park(self.value)
            self.value = ""
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            if self.value.strip():
                if self._submit(self.value):
                    self.value = ""
                else:
                    self._refused_at = event.time

    def on_paste(self, event: events.Paste) -> None:
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) < 2:
            return  # Input's own paste inserts the one line
        event.stop()
        event.prevent_default()
        cursor = self.cursor_position
        typed = self.value[:cursor] + event.text + self.value[cursor:]
        self.value = ""
        self._paste_lines([line for line in typed.splitlines() if line.strip()])

    def action_recall(self) -> None:
        recalled = self._recall(self.value)
        if recalled is not None:
            self.value = recalled
            self.cursor_position = len(recalled)
