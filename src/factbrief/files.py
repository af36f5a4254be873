"""Files read and written safely: regular files only, never more than a stated size; a file
written whole or not at all.

A FIFO, a device or a directory named as a fact file, a source or a template would hang or
exhaust memory if read like a file; each is refused with one line instead. Every file Factbrief
writes is first staged beside its target (``stage``), then moved or linked into place, so a
reader never sees half a file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
import unicodedata
from pathlib import Path

MAX_FACT_FILE_BYTES = 16 * 1024 * 1024  # 16 MiB: some 50,000 facts
MAX_SOURCE_BYTES = 8 * 1024 * 1024  # 8 MiB of article text
MAX_TEMPLATE_BYTES = 1024 * 1024  # 1 MiB


class InputFileError(Exception):
    """A file that cannot be read as input; ``reason`` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 else f"{n // 1024} KiB"


def read_input(path: Path | str, limit: int, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; InputFileError otherwise.

    The file is opened without blocking (a FIFO would otherwise wait for a writer) and checked
    to be a regular file, by its size, before anything is read. ``follow=False``: a symbolic
    link is refused, not followed.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputFileError("does not exist") from None
    except OSError as exc:
        if not follow and exc.errno == errno.ELOOP:
            raise InputFileError("is a symbolic link (expected a file)") from None
        raise InputFileError(f"cannot be opened ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError("is a folder (expected a file)")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(f"is not a regular file (it is a {_file_kind(info.st_mode)})")
        if info.st_size > limit:
            raise InputFileError(f"is {_size(info.st_size)}, over the limit of {_size(limit)}")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # it grew while we read it
                raise InputFileError(f"is over the limit of {_size(limit)}")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"cannot be read ({exc.strerror})") from None
    finally:
        os.close(fd)


def read_text(path: Path | str, display: str | None = None, limit: int | None = None) -> str:
    """A UTF-8 text file (an article), NFC-normalised; InputError, one line, if it cannot be read."""
    from factbrief.errors import InputError, Problem

    shown = display or str(path)
    try:
        data = read_input(path, MAX_SOURCE_BYTES if limit is None else limit)
        return unicodedata.normalize("NFC", data.decode("utf-8-sig"))
    except InputFileError as exc:
        raise InputError(Problem(shown, None, exc.reason)) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            Problem(shown, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        ) from None


def is_regular_file(path: Path) -> bool:
    """True for a regular file (following symlinks); False for anything else, or nothing."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _file_kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
    ):
        if test(mode):
            return name
    return "special file"


# -- writing -----------------------------------------------------------------------------------

_UMASK_LOCK = threading.Lock()


def new_file_mode() -> int:
    """The mode a new file gets under the process's umask (0644 under the usual 022)."""
    with _UMASK_LOCK:
        umask = os.umask(0o022)
        os.umask(umask)
    return 0o666 & ~umask


def mode_of(path: Path) -> int:
    """A file's permission bits, for the file that replaces it."""
    return stat.S_IMODE(path.stat().st_mode)


def stage(target: Path, data: bytes, mode: int) -> Path:
    """``data`` in a new temporary file beside ``target``, on disk, with ``mode``: the first half of
    every write. The caller moves it into place (``os.replace``) or links it (``write_new``)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def write_new(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write a file that must not exist yet: FileExistsError if the name is taken, even by a file
    created a moment ago (the staged file is linked to the name, which never replaces one)."""
    staged = stage(path, data, mode)
    try:
        try:
            os.link(staged, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create it exclusively instead
            with open(path, "xb") as handle:
                handle.write(data)
    finally:
        staged.unlink(missing_ok=True)


def cache_folder(name: str) -> Path | None:
    """``$XDG_CACHE_HOME/factbrief/NAME`` (an absolute path; else ``~/.cache/…``), else ``factbrief-UID/NAME`` in the
    temporary directory; None when neither can be used. Only a folder of this user's that no one
    else may write is used: what Factbrief remembers there (drawn pictures, printed documents) is
    trusted as its own work."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(home):  # unset, or relative: ignored, as the XDG specification says
        home = str(Path.home() / ".cache")
    for base in (Path(home) / "factbrief", Path(tempfile.gettempdir()) / f"factbrief-{os.getuid()}"):
        folder = base / name
        try:
            base.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)
            if all(_own(path) for path in (base, folder)) and os.access(folder, os.W_OK):
                return folder
        except OSError:
            continue
    return None


def _own(path: Path) -> bool:
    """A real folder (no link) of this user's that neither group nor others may write."""
    info = os.lstat(path)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022
