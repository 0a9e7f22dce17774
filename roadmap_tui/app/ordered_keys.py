"""Keys handled one at a time, in the order they arrived.

How Textual hands a key on: the app reads it, runs the priority bindings and
posts the key to the focused widget's queue. That widget handles it when its
turn comes and, unless a handler stops it, posts it to its parent's queue, and
so on up to the app, which then runs the other bindings (Enter in an input,
Tab, a screen's keys). The app reads the next key as soon as it has posted this
one, so keys that arrive together (a paste without bracketed paste, type-ahead
while the app is busy, a laggy remote terminal, ``tmux send-keys``) race: the
letters after a Tab reach the field it leaves, the letters after an ``a`` reach
the list instead of the capture line it opens. A facilitator typing while
people talk sends exactly that.

``KeyOrder`` holds each key back until the one before it has gone the whole
way. The app hands a key on as usual (``App.on_event``: priority bindings, then
the focused widget's queue); then a sentinel (``call_later``) follows it through
the queues it travels: the widget it was given to, then each ancestor, up to the
app, each sentinel sent only once the one before it has run. A sentinel runs
after its node has handled everything posted to it before, the key included, and
the key (unless stopped) was posted to the parent before that. When the key came
back up to the app, whose bindings then ran, the sentinel goes up once more after
what they posted (Input's Enter posts Submitted; its handler may move the focus),
and it ends with one more turn of the app's queue for calls deferred there
(``Widget.focus`` defers one). Only then is the next key handed on, to the widget
that has the focus now, so focus moves, submits and screens opened or closed
happen between the keys typed before and after them, as if typed slowly.

Most keys in a burst are letters for a text field, and waiting for each would let
the screen redraw between every two of them (a burst of 50 ideas at 10,000
signposts took seconds): a printable key given to an ``Input`` or an editable
``TextArea`` (their own key handler inserts it and stops it, so it moves no focus
and runs no binding), or one of a ``TakesOwnKeys`` widget's own keys (the capture
line's Enter), is not waited for; the key after it follows it into the same queue.

A dialog answered by a key can say so (``answered_by_key``): another of its answer
keys read together with it is dropped rather than handed to the screen beneath.

Only public Textual API is used (tests/app/test_ordered_keys.py checks it).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from textual import events
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode


STALL_LIMIT = 1.0
"""Seconds with the sentinel stuck at one node after which the next key goes on anyway (a
node that closed with it still queued would hold every key after it): late, not never."""
TYPING_RUN = 0.5
"""Seconds between two letters typed at the list that make them a run of typing."""
SAME_READ = 0.05
"""Seconds within which keys count as read together (one paste, one laggy packet)."""


class TakesOwnKeys:
    """A widget whose own key handler takes the keys in ``OWN_KEYS`` whole: it handles them
    at once, stops them, moves no focus and leaves them to no binding. Keys after one of
    them then follow it into the widget's queue without waiting (as letters typed into a
    text field do), so a long burst is not slowed down by one sentinel per line."""

    OWN_KEYS: ClassVar[frozenset[str]] = frozenset()


HandOn = Callable[[events.Event], Awaitable[None]]
"""The app's own handling of an input event (``App.on_event``)."""


@dataclass(eq=False)
class _Trip:
    """One key's way: the nodes it goes up through, and how far its sentinel has come."""

    key: events.Key | events.Paste
    chain: Sequence[DOMNode]
    back: bool = False
    """The key came back up to the app, which ran its bindings."""
    again: bool = False
    """The sentinel is on its second way up, after what the bindings posted."""
    last_turn: bool = False
    """The sentinel is taking one more turn through the app's queue."""
    steps: int = 0
    """How many nodes the sentinel has passed."""


class KeyOrder:
    """The keys and pastes of one app, handed on one at a time (see the module)."""

    def __init__(self, app: App[Any], hand_on: HandOn) -> None:
        self._app = app
        self._hand_on = hand_on
        self._waiting: deque[events.Key | events.Paste] = deque()
        self._trip: _Trip | None = None
        """The key under way; ``None`` when none is."""
        self._stall: asyncio.TimerHandle | None = None
        self._answered: tuple[frozenset[str], float] | None = None
        self._field: DOMNode | None = None
        """The text field the last key was typed into (``None`` after any other key)."""
        self._priority: frozenset[str] = frozenset()

    async def arrived(self, event: events.Key | events.Paste) -> None:
        """A key or paste was read: it goes on now if nothing is under way, else in turn."""
        self._waiting.append(event)
        if self._trip is None:
            await self._next(None)

    def came_back(self, event: events.Key | events.Paste) -> None:
        """``event`` bubbled up to the app, which is about to run its bindings."""
        if self._trip is not None and event is self._trip.key:
            self._trip.back = True

    def answered(self, keys: Iterable[str], when: float) -> None:
        self._answered = (frozenset(keys), when)

    async def _next(self, trip: _Trip | None) -> None:
        """In the app's task: ``trip``'s key has gone the whole way (or none was under way);
        hand on the next waiting ones."""
        if trip is not self._trip:
            return  # the stall timer already went on
        if self._stall is not None:
            self._stall.cancel()
            self._stall = None
        app = self._app
        while self._waiting:
            event = self._waiting.popleft()
            if isinstance(event, events.Key) and self._meant_for_a_dialog(event):
                continue
            target: DOMNode = app.focused or app.screen  # where App.on_event posts it
            trip = self._trip = _Trip(event, target.ancestors_with_self)
            typed = self._typed_into(target, event)
            await self._hand_on(event)
            if typed and app.focused is target:
                continue  # the field has taken it: the next key goes to the field too
            self._field = None
            self._watch(trip, -1)
            self._follow(trip, 0)
            return
        self._trip = None

    def _watch(self, trip: _Trip, steps: int) -> None:
        """Every ``STALL_LIMIT`` seconds while ``trip`` is under way: has its sentinel moved?"""
        if trip is not self._trip:
            return
        if trip.steps == steps:  # lost: go on with the next key
            self._app.call_later(self._next, trip)
            return
        self._stall = asyncio.get_running_loop().call_later(
            STALL_LIMIT, self._watch, trip, trip.steps)

    def _follow(self, trip: _Trip, index: int) -> None:
        """Send the sentinel to ``trip.chain[index]`` (the first node still open from there)."""
        for node in trip.chain[index:]:
            if node.call_later(self._reached, trip, index):
                return
            index += 1  # closed or closing: the key is not there
        self._app.call_later(self._reached, trip, len(trip.chain))

    async def _reached(self, trip: _Trip, index: int) -> None:
        """In ``trip.chain[index]``'s task, after it handled what was posted to it before
        (the app's, past the end of the chain)."""
        if trip is not self._trip:
            return
        trip.steps += 1
        if index + 1 < len(trip.chain):
            self._follow(trip, index + 1)
        elif trip.back and not trip.again:
            # The app's bindings have run: what they posted (Input's Enter posts Submitted,
            # whose handler may move the focus) goes up the same way; follow it too.
            trip.again = True
            self._follow(trip, 0)
        elif not trip.last_turn:
            # Handlers in the app itself may have deferred a call (``Widget.focus`` does).
            trip.last_turn = True
            self._app.call_later(self._reached, trip, index)
        else:
            await self._next(trip)

    def _typed_into(self, target: DOMNode, event: events.Key | events.Paste) -> bool:
        """A key the focused widget takes itself and that no priority binding takes: a
        printable key given to a text field (its own key handler inserts it and stops it
        there) or one of a ``TakesOwnKeys`` widget's own keys. It moves no focus and runs
        no binding, so the key after it can follow it into the widget's queue at once."""
        if not isinstance(event, events.Key):
            return False
        if not ((event.is_printable and _text_field(target))
                or (isinstance(target, TakesOwnKeys) and event.key in target.OWN_KEYS)):
            return False
        if target is not self._field:
            self._field = target  # the keys bound with priority, found once per run of typing
            self._priority = frozenset(key for key, bound in self._app.active_bindings.items()
                                       if bound.binding.priority)
        return event.key not in self._priority

    def _meant_for_a_dialog(self, event: events.Key) -> bool:
        """Another of a dialog's answer keys, read together with the key that answered it
        (a double press, a laggy terminal): meant for the dialog too, so it must not reach
        the screen beneath (its ``q`` would quit)."""
        if self._answered is None:
            return False
        keys, when = self._answered
        if event.time - when > SAME_READ or (event.character or "").casefold() not in keys:
            self._answered = None  # only the answer keys right after the answer
            return False
        return True


def _text_field(node: DOMNode) -> bool:
    """Is ``node`` a text field that takes the printable keys given to it?"""
    if isinstance(node, Input):
        return True
    if not any(cls.__name__ == "TextArea" for cls in type(node).__mro__):
        return False  # (no import: TextArea is heavy, and loaded only when first used)
    from textual.widgets import TextArea
    return isinstance(node, TextArea) and not node.read_only


_ORDERS: WeakKeyDictionary[App[Any], KeyOrder] = WeakKeyDictionary()


async def in_order(app: App[Any], event: events.Event, hand_on: HandOn) -> bool:
    """For ``App.on_event``: take a key or paste just read (not one coming back up from a
    widget) to hand it on with ``hand_on`` in turn; ``False`` for any other event."""
    if not isinstance(event, events.Key | events.Paste):
        return False
    if event.is_forwarded:
        order = _ORDERS.get(app)
        if order is not None:
            order.came_back(event)
        return False
    if not app.screen_stack:
        return False
    order = _ORDERS.get(app)
    if order is None:
        order = _ORDERS[app] = KeyOrder(app, hand_on)
    await order.arrived(event)
    return True


def answered_by_key(app: App[Any], keys: Iterable[str], when: float) -> None:
    """A dialog was answered by a key at ``when``: another of its answer keys read together
    with it must not reach the screen beneath."""
    order = _ORDERS.get(app)
    if order is not None:
        order.answered(keys, when)
