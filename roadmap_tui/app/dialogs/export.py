"""The export's format and path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ...model.text import shown_name
from .base import Dialog


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    path: Path


class ExportDialog(Dialog[ExportChoice | None]):
    """Pick the format and where to write; the suffix follows the format."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    SUFFIX = {"text": ".txt", "ansi": ".ans", "html": ".html", "svg": ".svg", "md": ".md"}

    def __init__(self, base: Path, fmt: str = "html") -> None:
        super().__init__()
        self._base = base
        self._fmt = fmt

    def compose(self) -> ComposeResult:
        from ...report.export import FORMATS  # Rich's exporters: loaded when first needed

        with Vertical(classes="dialog"):
            yield Static(Text("Export the summary", style="bold"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label("Format", classes="form-label")
                yield Select([(Text(f), f) for f in FORMATS], value=self._fmt,
                             allow_blank=False, id="export-format", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("File", classes="form-label")
                yield Input(shown_name(self._path_for(self._fmt)), id="export-path",
                            compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def _path_for(self, fmt: str) -> Path:
        return self._base.with_suffix(self.SUFFIX[fmt])

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        fmt = str(event.value)
        field = self.query_one("#export-path", Input)
        current = Path(field.value.strip() or str(self._base))
        if current.suffix.lower() in self.SUFFIX.values() or not current.suffix:
            field.value = str(current.with_suffix(self.SUFFIX[fmt]))
        self._fmt = fmt

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#ok")
    def _accept(self) -> None:
        """The format follows the typed suffix, as on the command line; a name without
        one gets the chosen format's, and an unknown one is refused here."""
        from ...report.export import SUFFIXES, format_for_path

        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.notify("Type where to write the summary.", severity="warning", markup=False)
            return
        path = Path(text).expanduser()
        fmt = format_for_path(path)
        if fmt is None and path.suffix:
            self.notify(f'"{shown_name(path.suffix)}" is not a format roadmap-tui writes: '
                        f"end the name with {', '.join(SUFFIXES)}.", severity="error",
                        markup=False, timeout=10)
            return
        if fmt is None:
            fmt, path = self._fmt, path.with_name(path.name + self.SUFFIX[self._fmt])
        self.answer(ExportChoice(fmt, path))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.answer(None)
