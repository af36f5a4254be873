"""Prints remembered across builds: a build into the folder of the last one keeps a document's PDF
(and Word file) when printing it again would write the very same bytes.

Printing a document is decided by the layouts its fitting tries, each by its page alone
(``page_digest``: the HTML, which holds the Markdown, the page template and the stylesheet), and by
what lays pages out: WeasyPrint and its libraries, the machine's fonts, the files the stylesheet
may fetch, and Factbrief's own code. When a build prints a document, it records, for a digest of
all of those, the SHA-256 of the file it wrote and what printing said of it (pages, warnings).
The next build into the same folder renders the layouts the last one tried (milliseconds each,
no layout); if their digest has a record, and the folder's file is that very file, it is what
printing would write again, and nothing is laid out.

The records live in the user's cache folder, which only the user's own Factbrief writes; the
output folder holds only the bytes, which must match a record to count. A file changed or
removed in the folder, an emptied folder, any change to a page, a font or the code: printed anew.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from factbrief.files import InputFileError, cache_folder, read_input, write_new
from factbrief.render import Fit

MAX_RECORD_BYTES = 1 << 16
MAX_OUTPUT_BYTES = 64 << 20  # as large an output as is read back to compare
MAX_STAMPED_FILES = 5_000  # a folder is read this far for changes
HASHED_BYTES = 1 << 20  # files up to this size are compared by content, larger ones by size and time


@dataclass(frozen=True)
class Again:
    """What a build into the folder of the last one may keep of a document: the folder, and the
    layouts the last build there tried (from the fitting memory, a hint: what they render to now
    decides)."""

    folder: Path
    tried: tuple[Fit, ...] = ()


FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/etc/fonts")


def folder_stamp(folder: Path) -> tuple[tuple[str, str], ...]:
    """Every file under a folder, sorted: small files (templates) by their content (two saves
    within one tick of the file system's clock differ), larger files (fonts, pictures) by size and
    modification time."""
    entries: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__pycache__")))
        for name in files:
            if name.startswith(".") or len(entries) >= MAX_STAMPED_FILES:
                continue
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
                if info.st_size <= HASHED_BYTES:
                    with open(path, "rb") as handle:
                        entries.append((os.path.relpath(path, folder), hashlib.sha256(handle.read()).hexdigest()))
                else:
                    entries.append((os.path.relpath(path, folder), f"{info.st_size}:{info.st_mtime_ns}"))
            except OSError:
                continue  # gone since it was listed
    return tuple(sorted(entries))


@cache
def _machine() -> str:
    """A digest of what prints besides the page: Factbrief's code, WeasyPrint's and its helpers'
    versions, and the machine's fonts and font configuration (by name, size and time)."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for dependency in ("weasyprint", "pydyf", "tinycss2", "fonttools", "pypandoc_binary", "python-docx", "matplotlib"):
        try:
            digest.update(f"{dependency}={version(dependency)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{dependency}=none\0".encode())
    for folder in FONT_FOLDERS:
        for root, dirs, files in os.walk(os.path.expanduser(folder)):
            dirs.sort()
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                digest.update(f"{root}/{name}:{info.st_size}:{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def key(kind: str, parts: Iterable[str], folders: Iterable[Path]) -> str:
    """The digest a print is remembered by: what it is (``pdf`` or ``docx`` of a document), what
    decides it (``parts``: the tried pages' digests, say), the files under the template folders,
    and the machine (code, libraries, fonts)."""
    digest = hashlib.sha256(f"{kind}\0{_machine()}\0".encode())
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for folder in folders:
        digest.update(repr(folder_stamp(folder)).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _record_path(digest: str) -> Path | None:
    folder = cache_folder("printed")
    return folder / f"{digest}.json" if folder else None


def recall(digest: str, output: Path) -> tuple[bytes, dict] | None:
    """The folder's file and its record, when the file is the one recorded for this digest."""
    path = _record_path(digest)
    if path is None:
        return None
    try:
        record = json.loads(read_input(path, MAX_RECORD_BYTES, follow=False))
        data = read_input(output, MAX_OUTPUT_BYTES, follow=False)
    except (InputFileError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("sha256") != hashlib.sha256(data).hexdigest():
        return None
    return data, record


def remember(digest: str, data: bytes, **said: object) -> None:
    """Record the file printing wrote for this digest, with what it said (JSON values)."""
    path = _record_path(digest)
    if path is None:
        return
    record = {"sha256": hashlib.sha256(data).hexdigest(), **said}
    try:
        write_new(path, (json.dumps(record, sort_keys=True) + "\n").encode())
    except OSError:  # another build wrote it a moment ago, or the cache cannot be written
        pass
