"""The conference commands of SPEC section 6: ``combine`` and ``export --by``.

Kept apart from cli.py, which only registers them: each loads what it needs
when it runs, so ``check`` stays fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import cli


def run_combine(files: Sequence[Path], output: Path, title: str | None, event: str | None,
                *, force: bool) -> int:
    """Combine ``files`` into ``output``; nothing is written when any input is invalid."""
    from .model.combine import DEFAULT_TITLE, CombineInput, combine
    from .model.text import clean_text
    from .model.validate import validate
    from .storage import RoadmapFileError, save

    if (output.exists() or output.is_symlink()) and not force:
        return cli._fail(f"{cli._shown(output)}: already exists; not overwriting it "
                         "(--force replaces it)")
    if output.is_dir():
        return cli._fail(f"{cli._shown(output)}: is a folder, not a roadmap file")
    inputs = []
    for path in files:
        roadmap = cli._load_or_report(path)
        if roadmap is not None:
            inputs.append(CombineInput(path.name, roadmap))
    if len(inputs) < len(files):
        return cli._fail(f"{cli._shown(output)}: not written: an input is not a valid roadmap")
    if title is not None and not title.strip():
        return cli._fail("--title must not be empty")
    # Typed on a command line, but kept like a file's text: one line, nothing unsafe.
    title = clean_text(title or DEFAULT_TITLE, multiline=False)[0]
    event = None if event is None else clean_text(event, multiline=False)[0]
    combined = combine(inputs, title=title, event=event)
    problems = validate(combined)
    if problems:  # never expected: the inputs were valid; refuse rather than write it
        return cli._fail(f"{cli._shown(output)}: not written: the combined roadmap would not pass "
                         f"check ({problems[0].message})")
    try:
        save(combined, output)
    except RoadmapFileError as error:
        return cli._fail(str(error))
    groups = len({s.group.casefold() for s in combined.signposts})
    print(f"{cli._shown(output)}: combined {len(inputs)} files "
          f"({len(combined.signposts)} signposts, {groups} groups, "
          f"{len(combined.owners)} owners)")
    return cli.EXIT_OK


def run_export_by(path: Path, kind: str, folder: Path | None, fmt: str | None,
                  width: int | None) -> int:
    """One file per owner, country or group into ``folder``; prints each path written."""
    if folder is None or str(folder) == "-":
        cli._subcommand_parser().error("--by needs -o DIR, the folder to write into")
        return cli.EXIT_USAGE
    from .report.export_by import FORMATS, ExportByError, export_by

    if fmt is not None and fmt not in FORMATS:
        cli._subcommand_parser().error(f"--by writes {', '.join(FORMATS)}, not {fmt}")
    roadmap = cli._load_or_report(path)
    if roadmap is None:
        return cli.EXIT_FAILED

    status = cli.EXIT_OK
    written = 0
    try:
        for result in export_by(roadmap, kind, folder, fmt or "md",
                                width=width or cli.DEFAULT_EXPORT_WIDTH):
            if result.problem:
                status = cli._fail(f"{cli._shown(result.path)}: {result.problem}")
            else:
                written += 1
                print(cli._shown(result.path))
    except ExportByError as error:
        return cli._fail(str(error))
    if not written and status == cli.EXIT_OK:
        cli._print_error(f"{cli._shown(path)}: has no {kind} to write a file for; nothing written")
    return status
