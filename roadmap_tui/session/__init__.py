"""The open session, free of Textual: the document and its undo history, the timer.

The app shows and asks; the rules of editing, saving and timing live here as
plain code, so they are tested without a screen and never import Textual.
"""

from .document import Disk, DiskCheck, Document, ReadOnlyError
from .history import History, State
from .timer import SessionTimer

__all__ = ["Disk", "DiskCheck", "Document", "History", "ReadOnlyError", "SessionTimer", "State"]
