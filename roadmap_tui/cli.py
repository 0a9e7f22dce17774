"""The ``roadmap-tui`` command.

``check`` and ``export`` run in scripts and git hooks, so this module imports
only argparse at start-up and everything else inside the command that needs
it: ``check`` never loads Rich or Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from .app import RoadmapApp
    from .model import Roadmap

PROG = "roadmap-tui"
SUBCOMMANDS = ("demo", "new", "check", "export", "import", "combine", "diff", "merge",
               "git-setup")
EXPORT_FORMATS = ("text", "ansi", "html", "svg", "md", "json", "csv")
DEFAULT_EXPORT_WIDTH = 100
BY_CHOICES = ("owner", "country", "group")

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        # The message quotes what was typed: a file name may hold escape sequences.
        self.exit(EXIT_USAGE, f"{self.prog}: error: {_shown(message)} (see '{self.prog}"
                  " --help')\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """argparse ignores a failed write; ``--help > /dev/full`` must fail, not exit 0."""
        if message and file is sys.stdout:
            file.write(message)
        else:
            super()._print_message(message, file)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            if args and args[0] in SUBCOMMANDS:
                return _run_subcommand(args)
            if args and not args[0].startswith("-"):
                _refuse_a_misspelt_command(Path(args[0]))  # "exprot plan.toml" too
            return _run_open(args)
        finally:
            sys.stdout.flush()  # here, so that a full disk is reported, not ignored at exit
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`roadmap-tui export x | head`): not an error.
        _drop_stdout()
        sys.stderr.close()
        return EXIT_OK
    except UnicodeEncodeError as error:
        _drop_stdout()
        return _fail(f"cannot write the output: standard output's encoding ({error.encoding}) "
                     f"cannot show {error.object[error.start:error.start + 1]!r}; use a UTF-8 "
                     "locale or PYTHONIOENCODING=utf-8")
    except OSError as error:
        # Standard output is a full disk (/dev/full), a closed descriptor...: every
        # file error of a command is reported inside it, so this is the output's.
        _drop_stdout()
        return _fail(f"cannot write the output: {error.strerror or error}")


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush at exit
    cannot fail a second time and print a traceback."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _top_parser() -> _Parser:
    parser = _Parser(
        prog=PROG,
        description="Plan a breakout group's roadmap: signposts, owners and timelines.",
        epilog=(
            "commands:\n"
            f"  {PROG} demo\n"
            "      open a copy of the bundled demo roadmap\n"
            f"  {PROG} new FILE [--title T] [--group G]\n"
            "      write a new roadmap file with the phases Now, Next and Later\n"
            f"  {PROG} check FILE...\n"
            "      validate roadmap files\n"
            f"  {PROG} export FILE [-f FORMAT] [-o OUT] [--width N] [--today D]\n"
            "      render the summary as text, ansi, html, svg or md, or the roadmap as\n"
            "      json or csv\n"
            f"  {PROG} import CSV -o OUT [--title T]\n"
            "      write a new roadmap from a spreadsheet saved as CSV\n"
            f"  {PROG} export FILE --by owner|country|group -o DIR [-f FORMAT]\n"
            "      one file per owner (a commitment card), country or group\n"
            f"  {PROG} combine FILE... -o OUT [--title T] [--event E] [--force]\n"
            "      one plenary roadmap from every group's roadmap\n"
            f"  {PROG} diff OLD NEW [-f text|md|json]\n"
            "      what changed, one change a line\n"
            f"  {PROG} merge BASE OURS THEIRS [-o OUT]\n"
            "      three-way merge by signpost ids and names (git's merge driver)\n"
            f"  {PROG} git-setup [PATTERN...]\n"
            "      make git merge roadmaps with roadmap-tui merge\n"
            f"\nRun '{PROG} COMMAND --help' for a command's options.\n"
            "A file whose name is a command's name can be opened as ./NAME."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE",
                        help="the roadmap to open (created on first save if missing)")
    parser.add_argument("--read-only", action="store_true",
                        help="open FILE for review: nothing can change it")
    parser.add_argument("--where", action="store_true",
                        help="print the folders where settings, recovery copies and "
                        "local history are kept, then exit")
    parser.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    return parser


def _subcommand_parser() -> _Parser:
    parser = _Parser(prog=PROG)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("demo", help="open a copy of the bundled demo roadmap",
                        description="Open a copy of the bundled demo roadmap.")

    new = commands.add_parser("new", help="write a new roadmap file",
                              description="Write a new roadmap file with the phases "
                              "Now, Next and Later. Never overwrites a file.")
    new.add_argument("file", type=Path, metavar="FILE", help="where to write it")
    new.add_argument("--title", help="the roadmap's title (default: from FILE's name)")
    new.add_argument("--group", default="", help="the breakout group")

    check = commands.add_parser("check", help="validate roadmap files",
                                description="Validate each file; print 'FILE: ok (N "
                                "signposts)' or its errors. Exit 1 if any is invalid.")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE",
                       help="roadmap files to validate")

    export = commands.add_parser(
        "export", help="render the summary",
        description="Render a roadmap's summary (text, ansi, html, svg, md), or write the "
        "roadmap itself as JSON or CSV. Without -o it goes to standard output. "
        "The format defaults to OUT's suffix, else ansi on a terminal and text otherwise.")
    export.add_argument("file", type=Path, metavar="FILE", help="the roadmap to render")
    export.add_argument("-f", "--format", choices=EXPORT_FORMATS, dest="fmt",
                        help="the format (default: from OUT's suffix, .txt .ans .html"
                        " .svg .md .json .csv)")
    export.add_argument("-o", "--output", type=Path, metavar="OUT",
                        help="where to write it ('-' for standard output)")
    export.add_argument("--width", type=_width, metavar="N",
                        help=f"columns (default: the terminal's, or {DEFAULT_EXPORT_WIDTH})")
    export.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                        help="the date past-due gaps and the timeline's today are counted "
                        "from (default: today, as in the app)")

    imported = commands.add_parser(
        "import", help="write a new roadmap from a CSV spreadsheet",
        description="Write a new roadmap from a spreadsheet saved as CSV: a header row "
        "naming the columns (title, detail, phase, owners, status, start, due, tags, "
        "countries, depends_on, id), then one row per signpost. Never overwrites OUT.")
    imported.add_argument("csv", type=Path, metavar="CSV", help="the spreadsheet to read")
    imported.add_argument("-o", "--output", type=Path, metavar="OUT", required=True,
                          help="the roadmap file to write")
    imported.add_argument("--title", help="the roadmap's title (default: from OUT's name)")

    export.add_argument("--by", choices=BY_CHOICES,
                        help="one file per owner (a commitment card), country or group, "
                        "into the folder -o DIR (default format md)")

    combine = commands.add_parser(
        "combine", help="one plenary roadmap from several",
        description="Combine group roadmaps into one: phases and owners merged by name, "
        "signposts in input order with their group and origin, ids renumbered. "
        "Nothing is written when an input is invalid.")
    combine.add_argument("files", nargs="+", type=Path, metavar="FILE",
                         help="the roadmaps to combine, in order")
    combine.add_argument("-o", "--output", type=Path, metavar="OUT", required=True,
                         help="the combined roadmap to write")
    combine.add_argument("--title", help='its title (default "Plenary")')
    combine.add_argument("--event", help="its event (default: the inputs' common event)")
    combine.add_argument("--force", action="store_true", help="replace OUT if it exists")
    _add_version_commands(commands)
    return parser


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date: {value!r} (YYYY-MM-DD)") from None


def _add_version_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """diff, merge and git-setup: SPEC section 7."""
    diff = commands.add_parser(
        "diff", help="what changed between two roadmaps",
        description="What changed from OLD to NEW, one change a line. Exit 0 when they "
        "are the same roadmap, 1 when they differ, 2 on trouble.")
    diff.add_argument("old", type=Path, metavar="OLD", help="the earlier roadmap")
    diff.add_argument("new", type=Path, metavar="NEW", help="the later roadmap")
    diff.add_argument("-f", "--format", choices=("text", "md", "json"), default="text",
                      dest="fmt", help="text (default), md for a review comment, or json")
    merge = commands.add_parser(
        "merge", help="three-way merge of roadmaps",
        description="Merge THEIRS into OURS, both changed from BASE, by signpost ids and "
        "owner and phase names. Without -o the result replaces OURS (git's merge driver "
        "%O %A %B). Conflicts keep ours and record theirs as a comment. Exit 0 clean, "
        "1 conflicts, 2 trouble (nothing written).")
    for name, what in (("base", "the common ancestor"), ("ours", "our version"),
                       ("theirs", "their version")):
        merge.add_argument(name, type=Path, metavar=name.upper(), help=what)
    merge.add_argument("-o", "--output", type=Path, metavar="OUT",
                       help="where to write the result (default: OURS)")
    setup = commands.add_parser(
        "git-setup", help="make git merge roadmaps with roadmap-tui merge",
        description="In a git work tree: register 'roadmap-tui merge' as the merge driver "
        "roadmap-tui in the repository's config, and add 'PATTERN merge=roadmap-tui' to "
        ".gitattributes. Running it twice changes nothing.")
    setup.add_argument("patterns", nargs="*", metavar="PATTERN",
                       help="files to merge with it (default: *.toml)")


def _width(value: str) -> int:
    try:
        width = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid width: {value!r}") from None
    if not 20 <= width <= 1000:
        raise argparse.ArgumentTypeError("width must be between 20 and 1000")
    return width


def _run_open(args: list[str]) -> int:
    options = _top_parser().parse_args(args)
    if options.where:
        return _print_folders()
    if options.read_only and options.file is None:
        _top_parser().error("--read-only needs a FILE")
    if options.file is not None and options.file.is_dir():
        return _fail(f"{_shown(options.file)}: is a folder, not a roadmap file")
    if options.file is not None:
        _refuse_a_misspelt_command(options.file)
    from .app import RoadmapApp

    return _run_app(RoadmapApp(options.file, read_only=options.read_only))


def _refuse_a_misspelt_command(path: Path) -> None:
    """``roadmap-tui exprot x.toml`` is a typo, not a new roadmap called "exprot"."""
    word = str(path)
    if path.suffix or "/" in word or path.exists():
        return
    from .model.validate import nearest

    command = nearest(word, SUBCOMMANDS)
    if command is not None:
        _top_parser().error(f"unknown command '{word}'; did you mean '{command}'? "
                            f"(to open a roadmap file named {word}, use ./{word})")


def has_terminal() -> bool:
    """Whether the full-screen app can run: it reads keys from stdin and draws on stdout."""
    return sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()


def _run_app(app: RoadmapApp) -> int:
    """Run the app; when it ended before a save (an error, a signal), say where the work is."""
    if not has_terminal():
        # A script or a pipe that reached here gave a word the command does not
        # know: drawing a full-screen app into a pipe would hang it instead.
        _top_parser().error("the app needs a terminal (standard input and output are not "
                            "one); in scripts use check, export or another command")
    app.run()
    if app.return_code:
        if app.crash_recovery is not None:
            path = app.document.path
            again = f"{PROG} {_shown(path)}" if path is not None else f"{PROG} with no file"
            print(f"{PROG} stopped before your changes were saved. They are kept in "
                  f"{_shown(app.crash_recovery)}; start {again} to restore them.",
                  file=sys.stderr)
        return app.return_code
    return EXIT_OK


def _print_folders() -> int:
    from . import paths

    for label, path in paths.folders():
        print(f"{label + ':':<17} {_shown(path)}")
    print(f"{'lock files:':<17} beside each roadmap being edited, as .NAME.lock")
    return EXIT_OK


def _run_subcommand(args: list[str]) -> int:
    options = _subcommand_parser().parse_args(args)
    if options.command == "demo":
        return _run_demo()
    if options.command == "new":
        return _run_new(options.file, options.title, options.group)
    if options.command == "check":
        return _run_check(options.files)
    if options.command == "diff":
        return _run_diff(options.old, options.new, options.fmt)
    if options.command == "merge":
        return _run_merge(options.base, options.ours, options.theirs, options.output)
    if options.command == "git-setup":
        return _run_git_setup(options.patterns)
    if options.command == "import":
        return _run_import(options.csv, options.output, options.title)
    if options.command == "combine":
        from .cli_conference import run_combine

        return run_combine(options.files, options.output, options.title, options.event,
                           force=options.force)
    if options.by is not None:
        from .cli_conference import run_export_by

        return run_export_by(options.file, options.by, options.output, options.fmt,
                             options.width)
    return _run_export(options.file, options.fmt, options.output, options.width,
                       options.today or date.today())


def _run_demo() -> int:
    """Open a copy of the demo: the installed file is read, never written."""
    from .app import RoadmapApp
    from .storage import loads

    return _run_app(RoadmapApp(roadmap=loads(demo_text())))


def demo_text() -> str:
    """The bundled demo roadmap, read from the installed package (never modified)."""
    from importlib.resources import files

    return files("roadmap_tui").joinpath("data", "demo.toml").read_text(encoding="utf-8")


def _run_new(path: Path, title: str | None, group: str) -> int:
    from datetime import datetime

    from .model.operations import RoadmapEditError, new_roadmap, title_from_file_name
    from .storage import RoadmapFileError, save

    if not path.suffix and path.name not in ("", ".", ".."):
        path = path.with_name(path.name + ".toml")  # a roadmap file is a .toml file
    if path.exists() or path.is_symlink():
        return _fail(f"{_shown(path)}: already exists; not overwriting it")
    if title is None:
        title = title_from_file_name(path.stem)
    try:
        roadmap = new_roadmap(title, group=group,
                              created=datetime.now().astimezone().replace(microsecond=0))
        save(roadmap, path)
    except (RoadmapEditError, RoadmapFileError) as error:
        return _fail(f"{_shown(path)}: {error}" if isinstance(error, RoadmapEditError)
                     else str(error))
    print(f"{_shown(path)}: created ({', '.join(p.name for p in roadmap.phases)})")
    return EXIT_OK



def _run_check(paths: Sequence[Path]) -> int:
    status = EXIT_OK
    for path in paths:
        roadmap = _load_or_report(path)
        if roadmap is None:
            status = EXIT_FAILED
        else:
            count = len(roadmap.signposts)
            print(f"{_shown(path)}: ok ({count} signposts)")  # SPEC's wording, even for 1
    return status


def _run_diff(old: Path, new: Path, fmt: str) -> int:
    before, after = _load_or_report(old), _load_or_report(new)
    if before is None or after is None:
        return EXIT_USAGE  # diff's convention: 2 is trouble
    from .model.diff import diff
    from .report.diff import report

    changes = diff(before, after)
    sys.stdout.write(report(changes, fmt, _shown(old), _shown(new)))
    sys.stdout.flush()
    return EXIT_FAILED if changes else EXIT_OK


def _run_merge(base: Path, ours: Path, theirs: Path, output: Path | None) -> int:
    from .filemerge import merge_files

    outcome = merge_files(base, ours, theirs, output)
    for message in outcome.messages:
        _print_error(message)
    return outcome.status


def _run_git_setup(patterns: Sequence[str]) -> int:
    from .gitsetup import git_setup

    setup = git_setup(patterns)
    for message in setup.messages:
        if setup.ok:
            print(message)
        else:
            _print_error(message)
    return EXIT_OK if setup.ok else EXIT_FAILED


def _run_export(path: Path, fmt: str | None, output: Path | None, width: int | None,
                today: date) -> int:
    from .storage import exchange

    to_stdout = output is None or str(output) == "-"
    if fmt is None and output is not None and not to_stdout and output.suffix:
        fmt = exchange.format_for_path(output) or _summary_format_for(output)
        if fmt is None:
            _print_error(f"export: error: cannot tell the format from"
                         f" \"{_shown(output.suffix)}\"; give -f {'|'.join(EXPORT_FORMATS)},"
                         f" or name OUT with one of {' '.join(_export_suffixes())}")
            return EXIT_USAGE
    roadmap = _load_or_report(path)
    if roadmap is None:
        return EXIT_FAILED
    if output is not None and not to_stdout:
        refused = _refused_output(output)
        if refused:
            return _fail(refused)
    if fmt in exchange.FORMATS:
        # The data formats need no Rich: exporting them stays as light as check.
        return _run_export_data(roadmap, fmt, None if to_stdout else output)
    if fmt is None:
        fmt = "ansi" if to_stdout and sys.stdout.isatty() else "text"
    if width is None:
        width = _terminal_width() if to_stdout and sys.stdout.isatty() else DEFAULT_EXPORT_WIDTH
    text = _render_with_progress(roadmap, fmt, width, today, to_terminal=to_stdout)
    laid_out = "" if fmt in ("html", "md") else f", {width} columns"  # readers lay these out
    return _emit(text, None if to_stdout else output, f"{fmt}{laid_out}")


def _summary_format_for(output: Path) -> str | None:
    from .report.export import format_for_path

    return format_for_path(output)


def _export_suffixes() -> list[str]:
    from .report.export import SUFFIXES
    from .storage import exchange

    return [*SUFFIXES, *exchange.SUFFIXES]


def _emit(text: str, output: Path | None, what: str) -> int:
    """Write ``text`` to OUT atomically, or to standard output when there is no OUT."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return EXIT_OK

    from .storage import RoadmapFileError
    from .storage.files import write_text_atomically

    try:
        write_text_atomically(output, text, follow_symlinks=False)
    except RoadmapFileError as error:
        return _fail(str(error))
    print(f"{_shown(output)}: written ({what})", file=sys.stderr)
    return EXIT_OK


def _run_export_data(roadmap: Roadmap, fmt: str, output: Path | None) -> int:
    """JSON or CSV: the roadmap itself, not its summary (storage/exchange.py)."""
    from .storage import exchange

    for note in exchange.notes(roadmap, fmt):
        _print_error(f"note: {note}")
    text = exchange.render(roadmap, fmt, for_file=output is not None)
    return _emit(text, output, f"{fmt}, {len(roadmap.signposts)} signposts")


def _run_import(source: Path, path: Path, title: str | None) -> int:
    """A new roadmap from a CSV file (storage/csv_table.py); never overwrites."""
    from datetime import datetime

    from .model.operations import title_from_file_name
    from .storage import RoadmapFileError
    from .storage.csv_table import import_csv

    try:
        imported = import_csv(source, path,
                              created=datetime.now().astimezone().replace(microsecond=0),
                              title=title_from_file_name(path.stem) if title is None else title)
    except RoadmapFileError as error:
        for problem in error.problems:
            _print_error(problem)
        return EXIT_FAILED
    for warning in imported.warnings:
        _print_error(f"warning: {warning}")
    roadmap = imported.roadmap
    print(f"{_shown(path)}: created from {_shown(source)} ({len(roadmap.signposts)} signposts, "
          f"{len(roadmap.phases)} phases, {len(roadmap.owners)} owners)")
    return EXIT_OK


def _refused_output(output: Path) -> str:
    """Why an export must not write to ``output``, or "": never through a symlink, never
    over a roadmap (``-o plan.toml`` would replace the roadmap with its summary)."""
    from .storage import RoadmapFileError
    from .storage.files import is_roadmap_file, refuse_symlink

    try:
        refuse_symlink(output, "not written")
    except RoadmapFileError as error:
        return str(error)
    if is_roadmap_file(output):
        return (f"{_shown(output)}: not written: it is a roadmap file, and an export never "
                "replaces one; choose another name")
    return ""


def _render_with_progress(roadmap: Roadmap, fmt: str, width: int, today: date, *,
                          to_terminal: bool) -> str:
    """Render, with a spinner on stderr for big roadmaps written to a file.

    A merged conference roadmap takes seconds to render; the spinner says the
    command is working. It is shown only when stderr is a terminal and the
    summary is not going to that same terminal.
    """
    from .report.export import render

    if to_terminal or len(roadmap.signposts) < _PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return render(roadmap, fmt, width=width, today=today)
    from rich.console import Console

    count = len(roadmap.signposts)
    with Console(stderr=True).status(f"Rendering {count:,} signposts as {fmt}..."):
        return render(roadmap, fmt, width=width, today=today)


_PROGRESS_THRESHOLD = 500


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((DEFAULT_EXPORT_WIDTH, 24)).columns


def _load_or_report(path: Path) -> Roadmap | None:
    """Load a roadmap, printing its warnings and errors; None when it cannot be used."""
    from .storage import RoadmapFileError
    from .storage.files import read_roadmap

    try:
        loaded = read_roadmap(path)
    except RoadmapFileError as error:
        for problem in error.problems:
            _print_error(problem)
        return None
    for warning in loaded.warnings:
        _print_error(f"warning: {warning}")
    return loaded.roadmap


def _fail(message: str) -> int:
    _print_error(message)
    return EXIT_FAILED


def _print_error(message: str, stream: TextIO | None = None) -> None:
    print(f"{PROG}: {_shown(message, keep_newlines=True)}", file=stream or sys.stderr)


def _shown(name: object, *, keep_newlines: bool = False) -> str:
    """A path or name made safe to print: the one cleaning function the app uses too."""
    from .model.text import shown_name

    return shown_name(name, keep_newlines=keep_newlines)


def _version() -> str:
    from . import __version__

    return __version__
