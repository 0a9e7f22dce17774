"""The core must work without the UI toolkit: proven in a clean interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CORE_PACKAGES = ("roadmap_tui.model", "roadmap_tui.storage", "roadmap_tui.report",
                 "roadmap_tui.session")
"""Every module in these packages is imported (found by walking them, so a new one counts)."""
CORE_MODULES = (*CORE_PACKAGES, "roadmap_tui.settings", "roadmap_tui.cli_conference")
CONFERENCE_MODEL = ("roadmap_tui.model.combine", "roadmap_tui.model.conference",
                    "roadmap_tui.model.overlap", "roadmap_tui.model.cards")


def _modules_after_importing(*modules: str) -> set[str]:
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"for name in {list(modules)!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    for found in pkgutil.walk_packages(getattr(module, '__path__', []), name + '.'):\n"
        "        importlib.import_module(found.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(json.loads(result.stdout))


def test_core_never_imports_textual() -> None:
    loaded = _modules_after_importing(*CORE_MODULES)
    assert "roadmap_tui.report.summary" in loaded  # the import really happened
    assert not {name for name in loaded if name.split(".")[0] == "textual"}


def test_model_and_storage_need_neither_rich_nor_textual() -> None:
    loaded = _modules_after_importing("roadmap_tui.model", "roadmap_tui.storage",
                                      "roadmap_tui.storage.exchange", *CONFERENCE_MODEL)
    toolkits = {name.split(".")[0] for name in loaded} & {"textual", "rich"}
    assert not toolkits


def test_check_command_imports_no_toolkit(tmp_path: Path) -> None:
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


def _lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports; "
         f"sys.exit(lint_imports(config_filename={str(config)!r}, no_cache=True))"],
        cwd=ROOT, capture_output=True, text=True)


def test_the_layers_keep_their_contracts() -> None:
    """model <- storage, report <- session <- app, checked on every import (pyproject)."""
    result = _lint_imports(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_broken_contract_is_caught(tmp_path: Path) -> None:
    """The linter really sees the package's imports: the app does import Textual."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["roadmap_tui"]\n'
        "include_external_packages = true\n\n"
        "[[tool.importlinter.contracts]]\n"
        'name = "the app without Textual"\ntype = "forbidden"\n'
        'source_modules = ["roadmap_tui.app.screens"]\n'
        'forbidden_modules = ["textual", "roadmap_tui.storage"]\n', encoding="utf-8")
    result = _lint_imports(config)
    assert result.returncode == 1
    assert "roadmap_tui.app.screens.main -> textual" in result.stdout


def test_data_export_and_import_import_no_toolkit(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text('format = 1\n[roadmap]\ntitle = "t"\n', encoding="utf-8")
    code = (
        "import sys, json\n"
        "from roadmap_tui.cli import main\n"
        f"first = main(['import', {str(tmp_path / 'missing.csv')!r}, '-o', 'x.toml'])\n"
        f"second = main(['export', {str(tmp_path / 'r.toml')!r}, '-o', 'r.csv'])\n"
        "print(json.dumps([first, second, sorted(sys.modules)]))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=tmp_path)
    first, second, loaded = json.loads(result.stdout)
    assert (first, second) == (1, 0)
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").startswith("id,title,")
    assert "roadmap_tui.storage.csv_table" in loaded
    assert not {name.split(".")[0] for name in loaded} & {"textual", "rich"}
