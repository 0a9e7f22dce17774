"""The capture line: one idea a line, typed live while people talk.

Each Enter adds exactly the line typed before it; a pasted block adds one signpost
a line as one undo step; a line that cannot be read waits in the "lines to fix"
(the up arrow brings them back), so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ...model import Roadmap, Status
from ...model.operations import RoadmapEditError, add_signpost
from ...model.quickadd import QuickAddError, apply_quick_add, parse_quick_add
from .editing import Editing
from .view import MainView


class Capture:
    def __init__(self, view: MainView, editing: Editing) -> None:
        self.view = view
        self.editing = editing
        self.to_fix: list[tuple[str, str]] = []
        """Lines refused while more ideas were typed after them: (line, problem)."""
        self.refused = ("", "")
        """The line last refused, and why: shown while the line still reads so."""

    def submit(self, text: str) -> bool:
        """Enter in the capture line: add the idea now (the next keys wait for it)."""
        added, refused = self.add_lines([text], "add signpost")
        if refused:
            self.refused = (text, refused[0][1])
            self.view.app.bell()
        return added > 0

    def paste(self, lines: Sequence[str]) -> None:
        """Several lines pasted: one signpost each, one undo step; a line that cannot be
        read waits in the lines to fix."""
        added, refused = self.add_lines(lines, f"add {len(lines)} signposts")
        self.to_fix.extend(refused)
        if added:
            self.view.app.notify(f"Added {added} signposts from the pasted lines, in order "
                                 "(ctrl+z takes them all back)."
                                 + (f" {len(refused)} to fix: up arrow." if refused else ""),
                                 markup=False)
        if refused:
            self.view.app.bell()

    def add_lines(self, lines: Sequence[str],
                  description: str) -> tuple[int, list[tuple[str, str]]]:
        """One signpost per line after the selected one, in order, as one change; returns
        how many were added and the lines refused with their problems."""
        after = self.view.selected_id
        new_owners: list[str] = []
        refused: list[tuple[str, str]] = []
        cleaned = [self.editing.typed(text.strip(), "capture line") for text in lines]

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            selected = after
            for line in cleaned:
                try:  # read against the roadmap so far: a new owner is made once
                    entry = parse_quick_add(line, roadmap)
                except QuickAddError as error:
                    refused.append((line, str(error)))
                    continue
                new_owners.extend(entry.new_owners)
                roadmap, selected = apply_quick_add(roadmap, entry, after_id=selected)
            return roadmap, selected

        if not self.editing.change(description, change):
            return 0, refused
        added = len(cleaned) - len(refused)
        if added:
            self.view.unfilter("The filter was cleared to show the new signpost.")
        for name in new_owners:
            self.view.app.notify(f'Added the owner "{name}"', markup=False, timeout=3)
        return added, refused

    def keep_left(self, line: str) -> bool:
        """The app is ending (a hang-up, a signal): ``line`` (the capture line's text) and
        the lines to fix become signposts, as typed, so the recovery copy has them."""
        lines = [text for text in (line, *(t for t, _ in self.to_fix)) if text.strip()]
        if not lines or self.view.document.read_only:
            return False
        after = self.view.selected_id

        def change(roadmap: Roadmap) -> tuple[Roadmap, str | None]:
            selected = after
            for text in lines:
                cleaned = self.editing.typed(text.strip(), "capture line")
                try:
                    roadmap, selected = apply_quick_add(
                        roadmap, parse_quick_add(cleaned, roadmap), after_id=selected)
                except (QuickAddError, RoadmapEditError):  # kept word for word instead
                    roadmap, selected = add_signpost(roadmap, cleaned, after_id=selected,
                                                     status=Status.IDEA)
            return roadmap, selected

        if self.editing.change("add the ideas left in the capture line", change):
            self.to_fix.clear()
            return True
        return False

    def park(self, text: str) -> None:
        """A line left unentered (the up arrow, another line wanted): it waits to be fixed."""
        line, problem = self.refused
        self.to_fix.append((text, problem if line == text else "cannot be read"))

    def recall(self, current: str) -> str | None:
        """The up arrow: the oldest line to fix comes back (the current one waits)."""
        if not self.to_fix:
            return None
        if current.strip():
            self.to_fix.append((current, self.refused[1]
                                if current == self.refused[0] else "not added yet"))
        self.refused = self.to_fix.pop(0)
        return self.refused[0]

    def problem_with(self, line: str) -> str:
        """Why ``line`` was refused, while it still reads as it did then."""
        refused, problem = self.refused
        return problem if line == refused else ""

    def note(self, line: str) -> Text:
        """Under the capture line: the problem with it, else how it will be read, and how
        many refused lines wait to be fixed."""
        text = Text()
        problem = self.problem_with(line)
        if problem:
            text.append(f"\u26a0 {problem}", "bold red")
        elif line.strip():
            try:
                entry = parse_quick_add(line.strip(), self.view.document.roadmap)
                text.append(f"\u2192 {entry.described()}", "dim")
            except QuickAddError as error:
                text.append(f"\u2192 {error}", "yellow")
        if self.to_fix:
            count = len(self.to_fix)
            text.append(f"{chr(10) if text else ''}\u2191 {count} line"
                        f"{'s' if count > 1 else ''} to fix: {self.to_fix[0][0]} "
                        f"({self.to_fix[0][1]})", "bold yellow")
        return text
