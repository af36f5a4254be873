"""Where WeasyPrint's C libraries are, looked up once per machine rather than once per process.

WeasyPrint loads GObject, Pango, HarfBuzz, fontconfig… by trying several names for each; on
Linux every name that cannot be opened as it is goes to ``ctypes.util.find_library``, which runs
``ldconfig -p``, then ``gcc`` and ``ld`` for a name the linker's cache lacks (Kozea/WeasyPrint#1125):
22 look-ups and 37 programs run, a fifth of a second, in every process that imports WeasyPrint,
so in each printing worker. The answers are the machine's, not the process's: they are kept in the
user's cache folder (files.cache_folder) under the digest of what decides them (the dynamic
linker's cache, which installing or removing a library rewrites; the library path; the WeasyPrint
whose names they answer), and a process that finds them there runs none of those programs.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import hashlib
import importlib.util
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from factbrief.files import InputFileError, cache_folder, read_input, stage

MAX_BYTES = 64 * 1024
_LINKER_CACHE = "/etc/ld.so.cache"
# What find_library answers on Linux: a library's file name (``libpango-1.0.so.0``), never a path.
_SONAME = re.compile(r"lib[A-Za-z0-9_.+-]+\.so[0-9.]*")


def import_remembered(load: Callable[[], object]) -> object:
    """``load()`` (which imports WeasyPrint), its library look-ups answered from the machine's
    record when there is one, and recorded otherwise. A record that no longer holds (a library it
    names cannot be opened) is dropped and the import made again, looking everything up."""
    path = _record_path()
    if path is None:
        return load()
    known, asked = _read(path), dict[str, str | None]()
    try:
        with _answered(known, asked):
            loaded = load()
    except Exception:  # a library that would not open (OSError), or opened without its functions
        if not known:
            raise
        # WeasyPrint failed part-way: forget its half-made modules and the record, and look again.
        for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
            del sys.modules[name]
        known, asked = {}, dict[str, str | None]()
        with _answered(known, asked):
            loaded = load()
    if asked:
        _write(path, known | asked)
    return loaded


def _write(path: Path, record: dict[str, str | None]) -> None:
    with contextlib.suppress(OSError):  # no room: the next process looks them up again
        staged = stage(path, (json.dumps(record, sort_keys=True) + "\n").encode(), 0o600)
        try:
            os.replace(staged, path)
        finally:
            staged.unlink(missing_ok=True)


@contextlib.contextmanager
def _answered(known: dict[str, str | None], asked: dict[str, str | None]) -> Iterator[None]:
    """``ctypes.util.find_library`` answering from ``known`` (looking up, and noting in ``asked``,
    what it lacks) for the time of the block."""
    find = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        if name in known:
            return known[name]
        asked[name] = found = find(name)
        return found

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = find


def _read(path: Path) -> dict[str, str | None]:
    try:
        record = json.loads(read_input(path, MAX_BYTES, follow=False))
    except (InputFileError, ValueError):
        return {}
    if not isinstance(record, dict) or not all(
        isinstance(k, str) and (v is None or (isinstance(v, str) and _SONAME.fullmatch(v))) for k, v in record.items()
    ):
        return {}
    return record


def _record_path() -> Path | None:
    """The record for this machine as it is now; None where there is no linker cache to know a
    change by (not Linux), or no cache folder."""
    if not sys.platform.startswith("linux"):
        return None
    spec = importlib.util.find_spec("weasyprint")
    origin = spec.origin if spec else None
    if origin is None:
        return None
    parts = [sys.platform, os.environ.get("LD_LIBRARY_PATH", ""), os.environ.get("LIBRARY_PATH", ""), origin]
    for file in (_LINKER_CACHE, str(Path(origin).parent / "text" / "ffi.py")):
        try:
            info = os.stat(file)
        except OSError:
            return None
        parts.append(f"{file}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}")
    folder = cache_folder("libraries")
    if folder is None:
        return None
    return folder / (hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest() + ".json")
