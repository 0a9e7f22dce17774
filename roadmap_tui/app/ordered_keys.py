"""Keys handled one at a time, in the order they arrived.

Textual hands each key to the widget focused *when the app reads it* and lets
the widget's own queue handle it later; a binding that is not a priority one
(Enter in an input, Tab, a screen's keys) runs only when the key has bubbled
back up to the app. Keys that arrive together (a paste without bracketed
paste, type-ahead while the app is busy, a laggy remote terminal, ``tmux
send-keys``) therefore race: the text typed after an Enter lands in the line
before the Enter submits it, and the letters typed after a Tab go to the field
it leaves. A facilitator typing while people talk sends exactly that.

``dispatch_in_order`` hands a key to the focused widget and each of its
ancestors in turn, then to the app's bindings, and finishes before the next key
is read, so focus moves and submits happen between the keys that came before
and after them, as if they had been typed slowly.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual import events
from textual._callback import invoke
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App


SETTLE_LIMIT = 0.5
"""Seconds to wait at most for a newly focused widget to handle its focus event."""

TARGET = "_roadmap_key_target"
"""The app's attribute holding the widget the last key went to."""
ANSWERED = "_roadmap_answered"
"""The app's attribute holding a dialog's answer keys and when one of them answered it."""
TYPING_RUN = 0.5
"""Seconds between two letters typed at the list that make them a run of typing."""
SAME_READ = 0.05
"""Seconds within which keys count as read together (one paste, one laggy packet)."""


def answered_by_key(app: App[Any], keys: Iterable[str], when: float) -> None:
    """A dialog was answered by a key at ``when``: another of its answer keys read together
    with it (a double press, a laggy terminal) was meant for the dialog too, and must not
    reach the screen beneath (its ``q`` would quit)."""
    setattr(app, ANSWERED, (frozenset(keys), when))


def _meant_for_a_dialog(app: App[Any], event: events.Key) -> bool:
    answered: tuple[frozenset[str], float] | None = getattr(app, ANSWERED, None)
    if answered is None:
        return False
    keys, when = answered
    if event.time - when > SAME_READ or (event.character or "").casefold() not in keys:
        setattr(app, ANSWERED, None)  # only the answer keys right after the answer
        return False
    return True


async def _settled(widget: MessagePump) -> None:
    """Until ``widget`` has handled the messages already sent to it: a field that just
    got the focus moves its cursor to the end or selects its text when it handles its
    focus event, which must happen before the next key, not after it."""
    done = asyncio.Event()
    widget.call_later(done.set)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), SETTLE_LIMIT)


async def dispatch_in_order(app: App[Any], event: events.Key | events.Paste) -> None:
    """Handle ``event`` fully (widget handlers, then a key's bindings) before returning.
    A paste goes the same way, so the keys after it see what it did."""
    event._set_forwarded()
    if isinstance(event, events.Key) and _meant_for_a_dialog(app, event):
        return
    target: MessagePump = app.focused or app.screen
    if getattr(app, TARGET, None) is not target:
        await _settled(target)
        setattr(app, TARGET, target)
    node: MessagePump | None = target
    while node is not None and node is not app:
        with node._context():  # handlers see their own widget as the running one
            for _owner, method in node._get_dispatch_methods(event.handler_name, event):
                await invoke(method, event)
        if event._stop_propagation:
            return
        node = node._parent
    if isinstance(event, events.Key):
        await app._on_key(event)
