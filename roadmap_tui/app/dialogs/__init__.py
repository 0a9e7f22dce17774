"""The app's modal dialogs, one module each. Each answers once through ``answer`` (None
when cancelled with escape), so a flow reads like the conversation it is::

    path = await app.push_screen_wait(PathDialog("Save the roadmap as", ...))
"""

from .base import Dialog
from .choice import ChoiceDialog
from .differences import DifferencesDialog
from .export import ExportChoice, ExportDialog
from .form import FormDialog, FormField
from .help import HelpScreen
from .path import PathDialog
from .versions import VersionsDialog

__all__ = ["ChoiceDialog", "Dialog", "DifferencesDialog", "ExportChoice", "ExportDialog",
           "FormDialog", "FormField", "HelpScreen", "PathDialog", "VersionsDialog"]
