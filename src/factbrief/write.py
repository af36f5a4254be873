"""Atomic writes inside the output folder: a temporary file in the same folder, then os.replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError, Problem


def safe_target(out_dir: Path, name: str) -> Path:
    """The path for an output name; names never escape the output folder."""
    if not name or name != Path(name).name or name in (".", "..") or "\\" in name:
        raise OutputError(Problem(str(out_dir), None, f"refused output name '{name}' (expected a plain file name)"))
    return out_dir / name


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file or, on any failure, leave the folder as it was (no partial files)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(Problem(str(out_dir), None, f"cannot create the output folder ({exc.strerror})")) from None
    targets = {name: safe_target(out_dir, name) for name in files}
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            staged.append((tmp, targets[name]))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(
                Problem(
                    str(out_dir), None, f"cannot write output ({exc.strerror or exc}); earlier outputs are unchanged"
                )
            ) from None
        raise
    return list(targets.values())
