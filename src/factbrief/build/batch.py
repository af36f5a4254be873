"""Batches: many fact files built at once, each into a folder of its own, over the machine's cores.

One bad file is reported and does not stop the others. Beyond one machine, run one
``factbrief build`` per fact file under the job runner the office already has (README).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from factbrief.build.options import BuildOptions
from factbrief.build.pipeline import BuildResult, build
from factbrief.build.pool import PoolBroken, WorkerPool
from factbrief.errors import FactbriefError, Problem, RenderError, UsageError
from factbrief.printing import warm_up


@dataclass
class BatchItem:
    """One fact file of a batch: its result, or the error lines that stopped it."""

    fact_path: Path
    out_dir: Path
    result: BuildResult | None = None
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def warnings(self) -> list[Problem]:
        return [w for w in (self.result.warnings if self.result else []) if w.level == "warning"]

    @property
    def state(self) -> str:
        """ "failed", "N warning(s)" or "ok", for the summary table."""
        if self.errors:
            return "failed"
        return f"{len(self.warnings)} warning(s)" if self.warnings else "ok"

    @property
    def files(self) -> int:
        return len(self.result.written) if self.result else 0


def _build_one(fact_path: Path, out_dir: Path, options: BuildOptions) -> BatchItem:
    item = BatchItem(fact_path, out_dir)
    start = time.perf_counter()
    try:
        item.result = build(fact_path, out_dir, options)
    except FactbriefError as exc:
        item.errors = exc.lines()
    item.seconds = time.perf_counter() - start
    return item


def batch_names(fact_paths: list[Path]) -> list[str]:
    """An output folder name for each fact file: its stem, or its folder's name for ``brief.yaml``
    (two ``init`` projects), made unique with the parent folders where needed."""
    resolved = [p.resolve() for p in fact_paths]
    if len(set(resolved)) != len(resolved):
        raise UsageError("the same fact file is named twice")
    names = [p.parent.name if p.stem == "brief" else p.stem for p in resolved]
    depth = 1
    while len(set(names)) != len(names) and depth < 8:
        depth += 1
        names = ["-".join([*p.parts[-depth - 1 : -1], p.stem]).lstrip("/-") for p in resolved]
    if len(set(names)) != len(names):
        raise UsageError("two fact files would write to the same output folder")
    return names


def build_many(fact_paths: list[Path], out_dir: Path, options: BuildOptions | None = None) -> Iterator[BatchItem]:
    """Build many fact files, each into ``out_dir/<name>/``, over the machine's cores.

    Yields a BatchItem as each file finishes; one bad file does not stop the others.
    """
    from concurrent.futures import as_completed

    each = dataclasses.replace(options or BuildOptions(), parallel=False)  # the batch is the parallelism
    jobs = [(p, out_dir / n, each) for p, n in zip(fact_paths, batch_names(fact_paths), strict=True)]
    if each.fmt != "md":
        warm_up()  # once, before forking
    pool = WorkerPool(WorkerPool.cores(len(jobs)))
    try:
        futures = [pool.submit(_build_one, *job) for job in jobs]
        for future in as_completed(futures):
            yield WorkerPool.result(future)
    except PoolBroken:
        pool.close(abort=True)
        raise RenderError(Problem(str(out_dir), None, "a build process stopped unexpectedly")) from None
    except BaseException:
        pool.close(abort=True)
        raise
    pool.close()
