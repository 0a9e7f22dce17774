"""The open session, free of Textual: the document and its undo history, the timer, and
the keeping of the work (recovery journal, lock, disk watch, local history, saving).

The app shows and asks; the rules of editing, saving and timing live here as
plain code, so they are tested without a screen and never import Textual.
"""

from .document import Change, Disk, DiskCheck, Document, DocumentChange, ReadOnlyError
from .history import History, State
from .keeping import Background, DiskNote, Keeper, Scheduler, run_here
from .notes import Note, Restored
from .recovering import RecoveryFindings, RecoveryOffer
from .saving import Ask, ReloadOutcome, SaveOutcome, SavePlan
from .timer import SessionTimer
from .versions import EarlierVersions, KeptVersion

__all__ = ["Ask", "Background", "Change", "Disk", "DiskCheck", "DiskNote", "Document",
           "DocumentChange", "EarlierVersions", "History", "Keeper", "KeptVersion", "Note",
           "ReadOnlyError", "RecoveryFindings", "RecoveryOffer", "ReloadOutcome", "Restored",
           "SaveOutcome", "SavePlan", "Scheduler", "SessionTimer", "State", "run_here"]
