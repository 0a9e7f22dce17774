"""Reading roadmap files safely and writing them atomically.

Files come from strangers (a reviewer opens other groups' plans), so reading
refuses anything that is not a regular file or is too large before parsing,
and every failure, whatever its cause, becomes a RoadmapFileError worded for
the user. Saving never leaves a half-written file: the new text goes to a
temporary file beside the target, reaches the disk, and replaces the target in
one ``os.replace``.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import warnings

try:  # the standard library's parser, compiled (mypyc): about 3x faster on a large file
    import tomli as tomllib
except ImportError:  # pragma: no cover - the pure-Python one, the same rules and messages
    import tomllib  # type: ignore[no-redef]
from dataclasses import dataclass, replace
from pathlib import Path

from ..model.roadmap import Roadmap
from ..model.text import REPLACEMENT, quoted, shown_name
from ..model.validate import Problem, validate
from .codec import decode, encode, is_plain
from .errors import RoadmapFileError, RoadmapWarning
from .positions import LineIndex

MAX_FILE_BYTES = 16 * 1024 * 1024
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)$")
_SHOWN_TITLE_LENGTH = 40


@dataclass(frozen=True, slots=True)
class LoadedRoadmap:
    """A roadmap read from a file, with the repairs made while reading it."""

    roadmap: Roadmap
    warnings: tuple[str, ...] = ()
    digest: str = ""
    """The SHA-256 of the file's bytes as read: what a later save checks the disk against."""


def loads(text: str) -> Roadmap:
    """The roadmap in a TOML string; repairs are issued as RoadmapWarning."""
    return _warned(parse(text, None))


def load(path: str | os.PathLike[str]) -> Roadmap:
    """The roadmap in a file; repairs are issued as RoadmapWarning."""
    return _warned(read_roadmap(Path(path)))


def dumps(roadmap: Roadmap) -> str:
    """The canonical TOML text of a roadmap (SPEC section 1)."""
    return encode(roadmap)


def save(roadmap: Roadmap, path: str | os.PathLike[str], *,
         create_parents: bool = False) -> str:
    """Write the roadmap to ``path`` atomically: afterwards the file is the old or the new.

    An invalid roadmap is refused before anything is written: whatever is
    saved must load again. Returns the SHA-256 of the bytes written.
    """
    target = Path(path)
    try:
        problems = validate(roadmap)
        text = None if problems else encode(roadmap)
    except (TypeError, ValueError, AttributeError) as error:
        # Only a roadmap built by hand with wrong types gets here.
        raise RoadmapFileError(f"{shown_name(target)}: not saved: the roadmap holds a value"
                               f" that cannot be written ({error})", path=target) from None
    if text is None:
        raise RoadmapFileError(
            f"{shown_name(target)}: not saved: the roadmap is not valid: "
            f"{_describe(problems[0], roadmap)}", path=target)
    return write_text_atomically(target, text, create_parents=create_parents)


def _warned(loaded: LoadedRoadmap) -> Roadmap:
    for message in loaded.warnings:
        warnings.warn(message, RoadmapWarning, stacklevel=3)
    return loaded.roadmap


# -- reading ------------------------------------------------------------------


def read_roadmap(path: Path, *, with_digest: bool = False) -> LoadedRoadmap:
    """Read, parse and validate a roadmap file; every failure is a RoadmapFileError.

    ``with_digest`` also hashes the bytes, for an editor that must notice later
    whether the file changed (``check`` and ``load`` do not pay for it).
    """
    data = read_bytes(path)
    loaded = parse(_decoded(path, data), path)
    return replace(loaded, digest=digest_of(data)) if with_digest else loaded


def digest_of(data: bytes) -> str:
    import hashlib  # here: `check` never needs it, and it costs a few milliseconds

    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES, *, follow_symlinks: bool = True,
               kind: str = "roadmap file", expected: str = "a roadmap is a .toml file",
               ) -> bytes:
    """A regular file's bytes, at most ``limit``; anything else is refused.

    ``follow_symlinks=False`` refuses a symbolic link itself (side files such as
    locks, which a stranger could plant as a link to /dev/zero). ``kind`` and
    ``expected`` word the refusal for what the caller reads.
    """
    return _read_regular(path, limit, follow_symlinks=follow_symlinks, whole=True, kind=kind,
                         expected=expected)


def read_start(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of a regular file that is not a link (a side file's
    header): never waits on a FIFO, never reads a device."""
    return _read_regular(path, size, follow_symlinks=False, whole=False)


def _read_regular(path: Path, limit: int, *, follow_symlinks: bool, whole: bool,
                  kind: str = "roadmap file",
                  expected: str = "a roadmap is a .toml file") -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then
        # refuses it, and checks the very file that was opened.
        descriptor = os.open(path, flags)
    except OSError as error:
        raise _os_error(path, "cannot open", error) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise RoadmapFileError(f"{shown_name(path)}: is {what}; {expected}", path=path)
        if whole and info.st_size > limit:
            raise _too_large(path, limit, kind)
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(limit + 1 if whole else limit)
    except OSError as error:
        raise _os_error(path, "cannot read", error) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise _too_large(path, limit, kind)
    return data


def _decoded(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise RoadmapFileError(
            f"{shown_name(path)}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x});"
            " save the file as UTF-8", path=path, line=line) from None


def _too_large(path: Path, limit: int, kind: str) -> RoadmapFileError:
    return RoadmapFileError(
        f"{shown_name(path)}: too large for a {kind}"
        f" (the limit is {limit // 2**20 or limit} {'MiB' if limit >= 2**20 else 'bytes'})",
        path=path)


def parse(text: str, path: Path | None) -> LoadedRoadmap:
    """Parse and validate roadmap text; ``path`` only names it in messages."""
    name = shown_name(path) if path is not None else "<string>"
    if text.startswith("\ufeff"):
        text = text[1:]
    text, raw_repairs = _replace_raw_controls(text, name)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_error(name, path, str(error), text) from None
    except RecursionError:
        raise RoadmapFileError(f"{name}: invalid TOML: nested too deeply", path=path) from None
    except (ValueError, OverflowError, MemoryError) as error:
        # Integers too long to convert, and the like: untrusted input.
        raise RoadmapFileError(f"{name}: invalid TOML: {_first_line(str(error))}",
                               path=path) from None
    decoded = decode(document, plain_text=is_plain(text))
    roadmap = decoded.roadmap
    problems = decoded.problems
    if roadmap is not None:
        reported = {problem.location for problem in problems}
        # A rule broken inside an item already reported (a missing [roadmap]) says nothing new.
        problems += [p for p in validate(roadmap, characters_checked=True)
                     if not any(p.location[:n] in reported
                                for n in range(1, len(p.location) + 1))]
    if problems:
        lines = LineIndex(text)
        messages = sorted(((lines.line_of(p.location) or 0, index, p)
                           for index, p in enumerate(problems)), key=lambda m: m[:2])
        shown = [_located(name, line, _describe(problem, roadmap))
                 for line, _, problem in messages]
        first_line = messages[0][0] or None
        raise RoadmapFileError("\n".join(shown), path=path, line=first_line, problems=shown)
    assert roadmap is not None
    if not decoded.repairs:
        return LoadedRoadmap(roadmap, raw_repairs)
    lines = LineIndex(text)
    return LoadedRoadmap(roadmap, raw_repairs + tuple(
        _located(name, lines.line_of(repair.location) or 0,
                 _describe(repair, roadmap))
        for repair in decoded.repairs))


_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")


def _replace_raw_controls(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    """Raw control bytes (an escape sequence pasted into a file) replaced with U+FFFD.

    tomllib refuses them outright, but SPEC promises that such a file still
    opens, with a warning: inside a string the replacement is kept, like an
    escaped control character's; anywhere else the parser reports the spot.
    """
    if _RAW_CONTROL.search(text) is None:
        return text, ()
    counts: dict[int, int] = {}
    for match in _RAW_CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        counts[line] = counts.get(line, 0) + 1
    notes = tuple(
        _located(name, line, f"{count} raw control character{'s' if count > 1 else ''}"
                             " replaced with U+FFFD")
        for line, count in counts.items())
    return _RAW_CONTROL.sub(REPLACEMENT, text), notes


def _toml_error(name: str, path: Path | None, message: str, text: str) -> RoadmapFileError:
    position = _TOML_POSITION.search(message)
    if position is not None:
        line, column = int(position.group(1)), int(position.group(2))
        reason = message[: position.start()]
        return RoadmapFileError(
            f"{name}:{line}:{column}: invalid TOML: {reason} (line {line}, column {column})",
            path=path, line=line)
    reason = _TOML_AT_END.sub("", message)
    last = max(1, len(text.splitlines()))
    return RoadmapFileError(f"{name}:{last}: invalid TOML at the end of the file: {reason}",
                            path=path, line=last)


def _located(name: str, line: int, message: str) -> str:
    return f"{name}:{line}: {message}" if line else f"{name}: {message}"


def _describe(problem: Problem, roadmap: Roadmap | None) -> str:
    """``signposts[3] "Build capacity...": key "phase": unknown phase ...``.

    Items are counted from 1, as the summary numbers them.
    """
    location = problem.location
    parts: list[str] = []
    position = 0
    while position < len(location) - 1 and isinstance(location[position + 1], int):
        section, index = location[position], location[position + 1]
        assert isinstance(index, int)
        parts.append(f"{section}[{index + 1}]{_item_name(roadmap, location[:position + 2])}")
        position += 2
    rest = [str(part) for part in location[position:]]
    if location and location[0] == "roadmap" and position == 0:
        parts.append("[roadmap]")
        rest = rest[1:]
    message = problem.message
    key = quoted(rest[-1]) if rest else None
    if key is not None and key not in message:
        message = f"key {key}: {message}"
    return ": ".join([*parts, message]) if parts else message


def _item_name(roadmap: Roadmap | None, location: tuple[str | int, ...]) -> str:
    """The item's title or name, quoted and shortened, to tell items apart."""
    if roadmap is None:
        return ""
    section, index = location[-2], location[-1]
    assert isinstance(index, int)
    items: tuple[object, ...] = ()
    if len(location) == 2 and section in ("phases", "owners", "signposts"):
        items = getattr(roadmap, str(section))
    if not 0 <= index < len(items):
        return ""
    item = items[index]
    text = str(getattr(item, "title", None) or getattr(item, "name", "") or "")
    if not text.strip():
        return ""
    if len(text) > _SHOWN_TITLE_LENGTH:
        text = text[: _SHOWN_TITLE_LENGTH - 3].rstrip() + "..."
    return f' "{text}"'


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else "unreadable value"


# -- writing ------------------------------------------------------------------


def write_text_atomically(path: Path, text: str, *, create_parents: bool = False,
                          follow_symlinks: bool = True, private: bool = False) -> str:
    """Replace ``path``'s content with ``text`` so that no reader ever sees a mix.

    Returns the SHA-256 of the bytes written; see ``write_bytes_atomically``.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise RoadmapFileError(f"{shown_name(path)}: not saved: the text holds a character"
                               f" that UTF-8 cannot store ({error.object[error.start]!r})",
                               path=path) from None
    return write_bytes_atomically(path, data, create_parents=create_parents,
                                  follow_symlinks=follow_symlinks, private=private)


def write_bytes_atomically(path: Path, data: bytes, *, create_parents: bool = False,
                           follow_symlinks: bool = True, private: bool = False) -> str:
    """Replace ``path``'s content with ``data``: afterwards it is the old or the new.

    A roadmap saved through a symlink follows it, so the link stays a link
    (``follow_symlinks``); an export refuses a symlink instead, because a
    planted link (``plan.md -> ~/.bashrc``) would make it write where the user
    never asked. The file keeps its permissions; ``private`` files (recovery
    copies, history, settings) are 0600 in folders made 0700. On failure the
    temporary file is removed, the original is untouched, and the error says
    what happened.
    """
    if follow_symlinks:
        target = Path(os.path.realpath(path))
    else:
        refuse_symlink(path, "not written")
        # Renaming onto the name replaces whatever is there without following it, so
        # a link planted after the check is replaced, never written through.
        target = Path(os.path.abspath(path))
    folder = target.parent
    if create_parents:
        try:
            make_folder(folder, private=private)
        except OSError as error:
            raise _os_error(path, f"not saved: cannot create the folder {shown_name(folder)}",
                            error) from None
    elif not folder.is_dir():
        raise RoadmapFileError(f"{shown_name(path)}: not saved: the folder "
                               f"{shown_name(folder)} does not exist", path=path)
    existing = _existing_mode(path, target)
    mode = 0o600 if private else existing if existing is not None else _new_file_mode()
    import tempfile  # here: its imports cost every `check` a few milliseconds

    temporary: str | None = None
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=_temporary_prefix(target.name),
                                                 suffix=".tmp", dir=folder)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
        temporary = None
        _sync_folder(folder)
        _remove_stale_temporaries(folder, target.name)
    except OSError as error:
        raise _os_error(path, "not saved", error) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return digest_of(data)


def refuse_symlink(path: Path, action: str) -> None:
    """Raise when ``path`` itself is a symbolic link (a dangling one too)."""
    if os.path.islink(path):
        raise RoadmapFileError(
            f"{shown_name(path)}: {action}: it is a symbolic link (to "
            f"{shown_name(os.readlink(path))}); exports never write through a link,"
            " so choose another name or remove the link", path=path)


def is_roadmap_file(path: Path) -> bool:
    """Whether ``path`` holds a roadmap (valid or not): TOML with ``format`` or a
    ``[roadmap]`` table. An export must never replace one with a summary."""
    try:
        data = read_bytes(path)
        document = tomllib.loads(data.decode("utf-8-sig"))
    except (RoadmapFileError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError,
            ValueError, MemoryError):
        return False
    return "format" in document or "roadmap" in document


def make_folder(folder: Path, *, private: bool = False) -> None:
    """``mkdir -p``; a ``private`` one is made 0700 at every level it creates, and its
    last level is narrowed to 0700 if an earlier version made it wider."""
    if not private:
        folder.mkdir(parents=True, exist_ok=True)
        return
    missing: list[Path] = []
    for level in (folder, *folder.parents):
        if level.is_dir():
            break
        missing.append(level)
    for level in reversed(missing):
        with contextlib.suppress(FileExistsError):
            level.mkdir(mode=0o700)
        os.chmod(level, 0o700)  # mkdir's mode is narrowed by the umask, never widened
    info = os.stat(folder)
    if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
        with contextlib.suppress(OSError):
            os.chmod(folder, stat.S_IMODE(info.st_mode) & 0o700)


NAME_MAX = 255
"""The longest file name, in bytes, most file systems take."""


def fitting_name(name: str, room: int) -> str:
    """``name``, or when its UTF-8 bytes exceed ``room``, its start and a digest of
    the whole: a side file's name (a lock, a temporary) that always fits and stays
    one per file."""
    encoded = os.fsencode(name)
    if len(encoded) <= room:
        return name
    tail = "~" + digest_of(encoded)[:12]
    head = encoded[: room - len(tail)].decode("utf-8", errors="ignore")
    while len(os.fsencode(head)) > room - len(tail):  # surrogate-escaped bytes
        head = head[:-1]
    return head + tail


def _temporary_prefix(name: str) -> str:
    """``.NAME.``, shortened so that mkstemp's 8 random characters and ``.tmp`` fit."""
    return f".{fitting_name(name, NAME_MAX - len('..') - 8 - len('.tmp'))}."


STALE_TEMPORARY_SECONDS = 600
"""A temporary file this old was left by a save that was killed, not one in progress."""


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Tidy what a save killed mid-write left behind (the target itself was never touched)."""
    import time
    from glob import escape as glob_escape

    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for leftover in folder.glob(f"{glob_escape(_temporary_prefix(name))}*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < cutoff and leftover.is_file():
                leftover.unlink()


def _existing_mode(path: Path, target: Path) -> int | None:
    """The permissions to keep, or None for a new file; refuses non-files."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _os_error(path, "not saved", error) from None
    if not stat.S_ISREG(info.st_mode):
        raise RoadmapFileError(
            f"{shown_name(path)}: not saved: it exists and is not a regular file", path=path)
    return stat.S_IMODE(info.st_mode)


def _new_file_mode() -> int:
    """What ``open()`` would give a new file: 0o666 less the process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot fsync a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _os_error(path: Path, action: str, error: OSError) -> RoadmapFileError:
    reason = error.strerror or str(error) or type(error).__name__
    return RoadmapFileError(f"{shown_name(path)}: {action}: {reason}", path=path)
