"""The core must work without the UI toolkit: proven in a clean interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

CORE_MODULES = ("roadmap_tui.model", "roadmap_tui.model.timeline", "roadmap_tui.model.overview",
                "roadmap_tui.storage", "roadmap_tui.summary", "roadmap_tui.summary_style",
                "roadmap_tui.summary_timeline", "roadmap_tui.export",
                "roadmap_tui.export_markdown", "roadmap_tui.summary_conference",
                "roadmap_tui.markdown_conference", "roadmap_tui.export_cards",
                "roadmap_tui.export_by", "roadmap_tui.cli_conference")
CONFERENCE_MODEL = ("roadmap_tui.model.combine", "roadmap_tui.model.conference",
                    "roadmap_tui.model.overlap", "roadmap_tui.model.cards")


def _modules_after_importing(*modules: str) -> set[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {list(modules)!r}: importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(json.loads(result.stdout))


def test_core_never_imports_textual() -> None:
    loaded = _modules_after_importing(*CORE_MODULES)
    assert "roadmap_tui.summary" in loaded  # the import really happened
    assert not {name for name in loaded if name.split(".")[0] == "textual"}


def test_model_and_storage_need_neither_rich_nor_textual() -> None:
    loaded = _modules_after_importing("roadmap_tui.model", "roadmap_tui.storage",
                                      *CONFERENCE_MODEL)
    toolkits = {name.split(".")[0] for name in loaded} & {"textual", "rich"}
    assert not toolkits


def test_check_command_imports_no_toolkit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys, json\n"
        "from roadmap_tui.cli import main\n"
        f"status = main(['check', {str(tmp_path / 'missing.toml')!r}])\n"
        "print(json.dumps([status, sorted(sys.modules)]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    status, loaded = json.loads(result.stdout)
    assert status == 1
    assert not {name.split(".")[0] for name in loaded} & {"textual", "rich"}
