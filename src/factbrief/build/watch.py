"""Which saves start a rebuild, for ``build --watch`` and ``preview``: the fact file, its sources,
other fact files and articles beside it, and anything in the template folders — never an output.

Saves that come in a burst are one rebuild (watchfiles groups changes until 50 ms pass without
one); a save during a build, the first included, is kept and starts one more build when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from factbrief.build.warm import WarmBuilder

INPUT_SUFFIXES = (".yaml", ".yml", ".txt", ".j2", ".css")
SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".old")  # editors' and our own temporary files
READY_MS = 200  # the first build starts this long after the watcher, unless a save comes first


def watched_folders(builder: WarmBuilder) -> list[Path]:
    """The fact file's folder (its sources lie inside it) and the template folders."""
    return sorted({builder.fact_path.resolve().parent, *(d.resolve() for d in builder.dirs)})


def is_input(builder: WarmBuilder, path: Path) -> bool:
    """True for a file whose change may change the documents."""
    out = builder.out_dir.resolve()
    if path.is_relative_to(out) or path.name.startswith(".") or path.name.endswith(SCRATCH_SUFFIXES):
        return False
    if "__pycache__" in path.parts:
        return False
    if path in builder.inputs:
        return True
    if any(path.is_relative_to(d.resolve()) for d in builder.dirs):
        return True  # a template, the stylesheet, or a file the stylesheet fetches (a logo, a font)
    return path.suffix in INPUT_SUFFIXES


def watch_inputs(builder: WarmBuilder) -> Iterator[set]:
    """Yield once as soon as the inputs are watched (build then: no save is missed from that moment),
    then each batch of changes to them. Ctrl-C ends it (KeyboardInterrupt or Interrupted)."""
    import watchfiles

    def relevant(change: object, path: str) -> bool:
        return is_input(builder, Path(path))

    first = True
    for changes in watchfiles.watch(
        *watched_folders(builder),
        watch_filter=relevant,
        raise_interrupt=True,
        rust_timeout=READY_MS,
        yield_on_timeout=True,  # the first timeout says the watcher is ready; later ones are passed over
    ):
        if changes or first:
            first = False
            yield changes
