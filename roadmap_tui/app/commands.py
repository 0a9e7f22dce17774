"""The command palette: every action, and jumps to any signpost or owner by fuzzy name.

Textual's ``Matcher.highlight`` reads its candidate as markup, so user text is
highlighted here on a literal ``Content`` instead: a signpost called
``[@click=app.quit]x[/]`` is shown as typed and does nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from itertools import chain
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ..model.text import shown
from ..session.document import Document
from .host import Host
from .keys import palette_entries


@runtime_checkable
class PaletteScreen(Protocol):
    """What the palette needs of the screen it was opened on (the main screen)."""

    @property
    def document(self) -> Document: ...

    @property
    def host(self) -> Host: ...

    def run_action(self, action: str) -> Awaitable[bool]: ...

    def select_signpost(self, signpost_id: str) -> None: ...

    def select_owner(self, name: str) -> None: ...


class RoadmapCommands(Provider):
    """Actions, signposts and owners of the roadmap on the main screen."""

    def _main(self) -> PaletteScreen | None:
        """The main screen, also under the present screen (its keys work from there)."""
        return next((screen for screen in reversed(self.app.screen_stack)
                     if isinstance(screen, PaletteScreen)), None)

    def _actions(self, main: PaletteScreen) -> list[tuple[str, Callable[[], object], str]]:
        return [(name, partial(main.run_action, action), help_text)
                for name, action, help_text in palette_entries(main.host.keymap)]

    def _jumps(self, main: PaletteScreen) -> Iterator[tuple[str, Callable[[], object], str]]:
        """Built while searching, never all at once: a roadmap can hold 10,000 signposts."""
        roadmap = main.document.roadmap
        for position, signpost in enumerate(roadmap.signposts, 1):
            yield (f"Jump to signpost {position}: {shown(signpost.title)}",
                   partial(main.select_signpost, signpost.id), "")
        for owner in roadmap.owners:
            yield (f"Jump to owner: {shown(owner.name)}",
                   partial(main.select_owner, owner.name), "")

    async def discover(self) -> Hits:
        if (main := self._main()) is None:
            return
        for name, command, help_text in self._actions(main):
            yield DiscoveryHit(Content(name), command, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        if (main := self._main()) is None:
            return
        matcher = self.matcher(query)
        for name, command, help_text in chain(self._actions(main), self._jumps(main)):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _highlighted(matcher, name), command, text=name,
                          help=help_text or None)


def _highlighted(matcher: Matcher, candidate: str) -> Content:
    """``candidate`` as literal text with the matched characters styled."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
