"""Writing a build's outputs all at once: every file changes, or none does.

Each file is staged as a temporary file in the output folder. Then, with Ctrl-C held back, each
old file is kept aside (a hard link) and the new one moved into place; if any step fails, every
file already replaced is put back and every new one removed. Files follow the umask.

The output folder is the build's alone: a manifest (``.factbrief-outputs``) records each file
Factbrief wrote with a seal — a keyed digest of its name and content, under a secret kept in the
user's cache folder — so that the outputs of a document whose template was removed are removed
with the same commit, and nothing else: a file is removed only if the manifest names it, its seal
still matches the bytes on disk, and it is a regular file. A manifest written by hand or by
another user (a shared folder) cannot seal anything, so it removes nothing; one that is not a
regular file, too large, or names what Factbrief did not write is ignored with a warning.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from factbrief.errors import Interrupted, InterruptedAfterWrite, OutputError, Problem
from factbrief.files import InputFileError, new_file_mode, read_input, stage, write_new

MANIFEST = ".factbrief-outputs"
MAX_MANIFEST_BYTES = 1 << 20
MAX_OUTPUT_BYTES = 256 << 20  # an output is read back (to check its seal) up to this size


def safe_target(out_dir: Path, name: str) -> Path:
    """The path for an output name; names never escape the output folder."""
    if not name or name != Path(name).name or name in (".", "..") or "\\" in name or name == MANIFEST:
        raise OutputError(Problem(str(out_dir), None, f"refused output name '{name}' (expected a plain file name)"))
    return out_dir / name


@dataclass
class Manifest:
    """What the last build into a folder wrote there, and why any of it is not to be trusted."""

    sealed: dict[str, str] = field(default_factory=dict)  # file name → its seal
    warnings: list[str] = field(default_factory=list)

    def removable(self, out_dir: Path, name: str) -> bool:
        """True for a file Factbrief wrote and nobody changed since: a regular file whose seal matches."""
        seal = self.sealed.get(name)
        if seal is None:
            return False
        try:
            data = read_input(out_dir / name, MAX_OUTPUT_BYTES, follow=False)
        except InputFileError:
            return False
        return hmac.compare_digest(seal, _seal(name, data) or "")


def previous_outputs(out_dir: Path) -> Manifest:
    """The files the last build wrote into ``out_dir`` (nothing if it wrote none there)."""
    manifest = Manifest()
    try:
        text = read_input(out_dir / MANIFEST, MAX_MANIFEST_BYTES, follow=False).decode("utf-8")
    except InputFileError as exc:
        if exc.reason != "does not exist":
            manifest.warnings.append(f"ignored {MANIFEST}: it {exc.reason}; nothing is removed")
        return manifest
    except UnicodeDecodeError:
        manifest.warnings.append(f"ignored {MANIFEST}: it is not UTF-8 text; nothing is removed")
        return manifest
    for line in text.splitlines():
        seal, _, name = line.partition("  ")
        if (
            re.fullmatch(r"[0-9a-f]{64}", seal)
            and name
            and name == Path(name).name
            and name not in (".", "..", MANIFEST)
        ):
            manifest.sealed[name] = seal
        elif line.strip():
            manifest.warnings.append(
                f"ignored a line of {MANIFEST} that no build of yours wrote ({line[:60]!r}); it removes nothing"
            )
            break
    return manifest


def _seal(name: str, data: bytes) -> str | None:
    """The keyed digest of an output file (None where no key can be kept: nothing is removed then)."""
    key = _key()
    return (
        None
        if key is None
        else hmac.new(key, name.encode("utf-8", "surrogateescape") + b"\0" + data, "sha256").hexdigest()
    )


@cache
def _key() -> bytes | None:
    """The user's secret for sealing outputs, made on first use (0600, in the cache folder)."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factbrief"
    path = folder / "outputs.key"
    try:
        return read_input(path, 64, follow=False)
    except InputFileError:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_new(path, secrets.token_bytes(32), 0o600)
        return read_input(path, 64, follow=False)
    except (OSError, InputFileError):
        return None


@contextmanager
def _signals_held():
    """Hold back Ctrl-C and SIGTERM (in this thread) while the outputs are switched."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        except (KeyboardInterrupt, Interrupted):
            raise InterruptedAfterWrite() from None


def write_outputs(out_dir: Path, files: dict[str, bytes], remove: list[str] | tuple[str, ...] = ()) -> list[Path]:
    """Write every file (and remove the named stale outputs) or, on any failure, change nothing."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(str(out_dir), None, f"cannot create the output folder ({exc.strerror})")) from None
    targets = {name: safe_target(out_dir, name) for name in files}
    previous = previous_outputs(out_dir)
    stale = [safe_target(out_dir, n) for n in remove if n not in files and previous.removable(out_dir, n)]
    kept = {
        n: s
        for n, s in previous.sealed.items()
        if n not in files and n not in remove and previous.removable(out_dir, n)
    }
    sealed = {**kept, **{name: _seal(name, data) for name, data in files.items()}}
    lines = [f"{seal}  {name}" for name, seal in sorted(sealed.items()) if seal]
    files = {**files, MANIFEST: ("\n".join(lines) + "\n").encode("utf-8")}
    targets[MANIFEST] = out_dir / MANIFEST
    for target in targets.values():
        _refuse_non_file(target, replaceable=target.name == MANIFEST)
    mode = new_file_mode()
    staged: dict[Path, Path] = {}
    try:
        for name, data in files.items():
            staged[targets[name]] = stage(targets[name], data, mode)
        with _signals_held():
            _commit(out_dir, staged, stale)
    except BaseException as exc:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(
                Problem(str(out_dir), None, f"cannot write output ({exc.strerror or exc}); no output was changed")
            ) from None
        raise
    return [t for t in targets.values() if t.name != MANIFEST]


def _refuse_non_file(target: Path, replaceable: bool = False) -> None:
    """A folder in an output's way stops the build; so does any other non-file, but where the
    output may replace it (the manifest: a FIFO or a link put there is simply replaced)."""
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(
            Problem(str(target), None, f"cannot be replaced ({exc.strerror}); no output was changed")
        ) from None
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or (replaceable and not stat.S_ISDIR(mode))):
        raise OutputError(
            Problem(str(target), None, "is in the way: it is not a file (move it away); no output was changed")
        )


def _commit(out_dir: Path, staged: dict[Path, Path], stale: list[Path]) -> None:
    """Switch every staged file into place and remove the stale ones, or undo everything done."""
    done: list[tuple[Path, Path | None]] = []  # (target, its old content kept aside, or None)
    try:
        for target in [*staged, *stale]:
            kept = _keep_aside(target)
            done.append((target, kept))
            if target in staged:
                os.replace(staged[target], target)
            else:
                target.unlink()
    except BaseException as exc:
        failed = _undo(done)
        if failed and isinstance(exc, OSError):
            raise OutputError(
                Problem(
                    str(out_dir),
                    None,
                    f"cannot write output ({exc.strerror or exc}), and could not restore {', '.join(failed)}; "
                    "other outputs are unchanged",
                )
            ) from None
        raise
    for _target, kept in done:
        if kept is not None:
            kept.unlink(missing_ok=True)
    _sync_folder(out_dir)


def _keep_aside(target: Path) -> Path | None:
    """A second name for the target's current content (None if there is no target)."""
    if not target.exists() and not target.is_symlink():
        return None
    aside = Path(tempfile.mktemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    try:
        os.link(target, aside, follow_symlinks=False)
    except OSError:
        os.rename(target, aside)  # no hard links here: the name is free for a moment
    return aside


def _undo(done: list[tuple[Path, Path | None]]) -> list[str]:
    """Put back every old file (newest change first); the names that could not be restored."""
    failed = []
    for target, kept in reversed(done):
        try:
            if kept is None:
                target.unlink(missing_ok=True)
            elif target.exists() and os.path.samefile(kept, target):
                kept.unlink()  # never replaced (rename between two links of one file does nothing)
            else:
                os.replace(kept, target)
        except OSError:
            failed.append(target.name)
    return failed


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
