"""The header: roadmap title and group on the left; file, saved or not, timer on the right.

The right side never gives way: on a narrow screen the title is shortened first,
because whether the work is saved matters more than the title's last words.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...model.text import shown, shown_name


class RoadmapHeader(Static):
    def show(self, *, title: str, group: str, file: str, modified: bool, on_disk: bool,
             read_only: bool, timer: str, timer_running: bool, time_up: bool,
             disk: str = "") -> None:
        left = Text(shown(title) or "(no title)", "bold")
        if group:
            left.append("  \u00b7  ")
            left.append(shown(group))
        right = Text()
        right.append(shown_name(file), "italic")
        right.append("  ")
        if read_only:
            right.append(" READ-ONLY ", "bold reverse")
        elif modified:
            right.append("\u25cf unsaved", "bold yellow")
        elif not on_disk:
            right.append("\u25cb not saved yet", "italic")
        elif not disk:
            right.append("\u2713 saved", "green")
        if disk:
            right.append(f"  \u26a0 {disk}", "bold red")
        if timer:
            style = "bold reverse red" if time_up else ("bold" if timer_running else "dim")
            label = "time up " if time_up else ("\u23f1 " if timer_running else "\u23f8 ")
            right.append("  ")
            right.append(f" {label}{timer} ", style)
        bar = Table.grid(expand=True, padding=(0, 0, 0, 2))
        bar.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        bar.add_column(justify="right", no_wrap=True)
        bar.add_row(left, right)
        self.update(bar, layout=False)  # always one line: no layout pass needed
