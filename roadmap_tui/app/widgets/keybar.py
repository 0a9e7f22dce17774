"""The key bar: the keys that work now, drawn as one line at the foot of the screen.

Textual's Footer composes a widget per key, and composes them all again each time
the keys change (a focus move: every Tab through the editor's fields). This bar
is one widget that redraws its line instead, from the same source: the screen's
active bindings, those marked to be shown, in the same order, with the keys the
user's keymap gives. A click on a key presses it.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class KeyBar(Widget):
    """One line: each shown key and what it does."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []
        """Where each key is drawn (first cell, cell after its text) and its key."""
        self._line: Strip | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._keys_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _keys_changed(self, _screen: Screen[object]) -> None:
        self._line = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None

    def on_resize(self) -> None:
        self._line = None

    def shown_keys(self) -> list[tuple[Binding, bool]]:
        """The bindings the bar shows, once per action, and whether each works now."""
        seen: set[str] = set()
        keys: list[tuple[Binding, bool]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append((binding, enabled))
        return keys

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.rich_style)
        if self._line is None:
            self._line = self._draw(width)
        return self._line

    def _draw(self, width: int) -> Strip:
        base = self.rich_style
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description",
                                                           partial=True)
        segments: list[Segment] = []
        spans: list[tuple[int, int, str]] = []
        x = 0
        for binding, enabled in self.shown_keys():
            dim = Style() if enabled else Style(dim=True)
            key = self.app.get_key_display(binding)
            text = f" {binding.description} "
            segments += [Segment(key, key_style + dim), Segment(text, description_style + dim)]
            end = x + Segment(key).cell_length + Segment(text).cell_length
            spans.append((x, end, binding.key.split(",")[0]))
            x = end
        self._spans = spans
        return Strip(segments).crop_extend(0, width, None).apply_style(base)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
