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

from typing import TYPE_CHECKING, Any

from textual import events
from textual._callback import invoke
from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from textual.app import App


async def dispatch_in_order(app: App[Any], event: events.Key | events.Paste) -> None:
    """Handle ``event`` fully (widget handlers, then a key's bindings) before returning.
    A paste goes the same way, so the keys after it see what it did."""
    event._set_forwarded()
    node: MessagePump | None = app.focused or app.screen
    while node is not None and node is not app:
        with node._context():  # handlers see their own widget as the running one
            for _owner, method in node._get_dispatch_methods(event.handler_name, event):
                await invoke(method, event)
        if event._stop_propagation:
            return
        node = node._parent
    if isinstance(event, events.Key):
        await app._on_key(event)
