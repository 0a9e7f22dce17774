"""Notices that say a thing once: a key pressed again while its refusal is still on
screen does not stack a second copy (five identical toasts hide the capture line)."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.notifications import Notification, Notify, SeverityLevel


def tell_once(app: App[Any], message: str, *, severity: SeverityLevel = "warning",
              timeout: float = 3) -> None:
    if any(n.message == message for n in app._notifications):
        return
    app.notify(message, severity=severity, timeout=timeout, markup=False)


def show_now(app: App[Any], notification: Notification) -> Notification:
    """Show ``notification`` at once rather than through the app's queue, so that a key
    read in the same burst can take it back (``app._unnotify``)."""
    app._on_notify(Notify(notification))
    return notification
