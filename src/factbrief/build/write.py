"""Writing a build's outputs all at once: every file changes, or none does.

Each file is staged as a temporary file in the output folder. Then, with Ctrl-C held back, each
old file is kept aside (a hard link) and the new one moved into place; if any step fails, every
file already replaced is put back and every new one removed. Files follow the umask. A manifest
remembers which files Factbrief wrote, so the outputs of a document whose template was removed
are removed with the same commit — never a file Factbrief did not write.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from factbrief.errors import Interrupted, InterruptedAfterWrite, OutputError, Problem
from factbrief.files import new_file_mode, stage

MANIFEST = ".factbrief-outputs"


def safe_target(out_dir: Path, name: str) -> Path:
    """The path for an output name; names never escape the output folder."""
    if not name or name != Path(name).name or name in (".", "..") or "\\" in name or name == MANIFEST:
        raise OutputError(Problem(str(out_dir), None, f"refused output name '{name}' (expected a plain file name)"))
    return out_dir / name


def previous_outputs(out_dir: Path) -> list[str]:
    """The names the last build wrote into ``out_dir`` (empty if it wrote none there)."""
    try:
        names = (out_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [n for n in names if n and n == Path(n).name and n not in (".", "..", MANIFEST)]


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
    stale = [safe_target(out_dir, n) for n in remove if n not in files and (out_dir / n).is_file()]
    manifest = sorted((set(previous_outputs(out_dir)) | set(files)) - set(remove))
    files = {**files, MANIFEST: ("\n".join(manifest) + "\n").encode("utf-8")}
    targets[MANIFEST] = out_dir / MANIFEST
    for target in targets.values():
        _refuse_non_file(target)
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


def _refuse_non_file(target: Path) -> None:
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(
            Problem(str(target), None, f"cannot be replaced ({exc.strerror}); no output was changed")
        ) from None
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
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
