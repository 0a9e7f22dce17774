"""The header: roadmap title and group, the file, saved or not, and the timer."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...model.text import shown


class RoadmapHeader(Static):
    def show(self, *, title: str, group: str, file: str, modified: bool, read_only: bool,
             timer: str, timer_running: bool, time_up: bool) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(shown(title) or "(no title)", "bold")
        if group:
            text.append("  \u00b7  ")
            text.append(shown(group))
        text.append("   ")
        text.append(shown(file), "italic")
        text.append("  ")
        if read_only:
            text.append(" READ-ONLY ", "bold reverse")
        elif modified:
            text.append("\u25cf unsaved", "bold yellow")
        else:
            text.append("\u2713 saved", "green")
        if timer:
            text.append("   ")
            style = "bold reverse red" if time_up else ("bold" if timer_running else "dim")
            label = "time up " if time_up else ("\u23f1 " if timer_running else "\u23f8 ")
            text.append(f" {label}{timer} ", style)
        self.update(text)
