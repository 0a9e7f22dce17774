"""Parsed roadmaps kept between sessions, keyed by the SHA-256 of the file's bytes.

Reading 10,000 signposts is mostly TOML parsing and validation (about half a
second), and the file a facilitator opens is usually the one opened before. The
bytes are still read and hashed every time, so a changed file is parsed again;
only the same bytes, under the same name, read by the same version of the
program, are answered from the cache. A file that does not open (a TOML error, a
rule broken) is never cached: it is parsed again and reported as before.

The cache is an optimisation only: anything wrong with it (missing, unreadable,
written by another version, not the user's own) means the file is parsed. It
holds pickles, so a cache file is read only when it is a regular file owned by
the user and writable by nobody else, in a folder created private.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import stat
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from .files import LoadedRoadmap, _decoded, digest_of, parse, read_bytes

FORMAT = 1
"""Raised when what is pickled changes shape."""
SMALLEST = 256 * 1024
"""Files smaller than this (about 1,000 signposts) parse in less time than the cache
costs to check and write; they are never cached."""
KEEP = 8
"""The most recent parsed files kept; older ones are removed."""


def read_roadmap_cached(path: Path, folder: Path | None, *,
                        store_after: float | None = None) -> LoadedRoadmap:
    """``read_roadmap(path, with_digest=True)``, answered from ``folder`` when it holds
    the same bytes read before (and stored there when it does not). ``folder`` None
    reads without a cache.

    ``store_after``: write the cache that many seconds later, in a thread, rather than
    now: an app's first frame does not wait for it (a process that ends first simply
    writes no cache)."""
    data = read_bytes(path)
    digest = digest_of(data)
    key = _key(path, digest) if folder is not None and len(data) >= SMALLEST else None
    if folder is not None and key is not None:
        cached = _load(folder / key)
        if cached is not None:
            return replace(cached, digest=digest)
    loaded = replace(parse(_decoded(path, data), path), digest=digest)
    if folder is not None and key is not None:
        if store_after is None:
            _store(folder, key, loaded)
        else:
            timer = threading.Timer(store_after, _store, (folder, key, loaded))
            timer.daemon = True
            timer.start()
    return loaded


def _key(path: Path, digest: str) -> str:
    """The bytes' digest, and what else the answer depends on: the name the warnings
    give the file, the code that reads and checks a roadmap (an upgrade, or an edit
    while developing, makes new keys) and the pickle format."""
    parts = [digest, str(path.resolve()), str(FORMAT), sys.version]
    for module in _READERS:
        with contextlib.suppress(OSError):
            status = module.stat()
            parts.append(f"{module.name}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest() + ".pickle"


_PACKAGE = Path(__file__).resolve().parent.parent
_READERS = tuple(_PACKAGE / name for name in (
    "storage/files.py", "storage/codec.py", "model/validate.py", "model/roadmap.py",
    "model/text.py", "storage/parse_cache.py"))


def _load(file: Path) -> LoadedRoadmap | None:
    try:
        with open(file, "rb") as stream:
            status = os.fstat(stream.fileno())
            if (not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid()
                    or status.st_mode & 0o022):
                return None
            loaded = pickle.load(stream)
    except FileNotFoundError:
        return None
    except Exception:  # a cache from elsewhere or half written: parse instead
        with contextlib.suppress(OSError):
            file.unlink()
        return None
    if not isinstance(loaded, LoadedRoadmap):
        return None
    with contextlib.suppress(OSError):
        os.utime(file)  # recently used: kept longest
    return loaded


def _store(folder: Path, key: str, loaded: LoadedRoadmap) -> None:
    """Write the parsed roadmap (best effort: a cache that cannot be written is skipped)."""
    temporary = folder / f".{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            pickle.dump(replace(loaded, digest=""), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / key)
        _prune(folder)
    except (OSError, pickle.PicklingError, RecursionError):
        with contextlib.suppress(OSError):
            temporary.unlink()


def _prune(folder: Path) -> None:
    kept = sorted(folder.glob("*.pickle"), key=_modified, reverse=True)
    # A write cut short (the process ended) leaves its temporary file behind.
    stale = [file for file in folder.glob(".*.tmp") if _modified(file) < time.time() - 600]
    for old in (*kept[KEEP:], *stale):
        with contextlib.suppress(OSError):
            old.unlink()


def _modified(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0
