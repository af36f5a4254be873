"""The fitting memory: where each page-limited document's fitting ended last time, kept beside the outputs.

Fitting the briefing to one page lays it out more than once (printing/fitting.py). The next build
into the same folder starts its search where the last one ended, so that an edit that changes
little needs two layouts: the chosen one, which must fit, and the one before it, which must not.
It also keeps the layouts each document's fitting tried (printing/reprint.py) and the pages each
document printed on (its Word file is made beside its PDF from the likeliest print: build/pool.py).
The memory is only a hint: every verdict a build rests on is laid out in that build, so a
memory that is missing, stale, unreadable or forged costs time, never a different PDF. Nothing in
it is run or rendered: it names a place in the fitting order, and a name that is not one is
ignored.
"""

from __future__ import annotations

import json
from pathlib import Path

from factbrief.files import InputFileError, read_input
from factbrief.printing.fitting import fit_order, type_order
from factbrief.render import Fit

FILE = ".factbrief-fitting.json"
MAX_BYTES = 1 << 16
_MAX_DOCUMENTS = 200
MAX_PAGES = 100_000  # a page count beyond it is not remembered


def load(out_dir: Path) -> dict[str, Fit]:
    """The last fit of each document remembered in ``out_dir``, else nothing."""
    data = _read(out_dir)
    hints: dict[str, Fit] = {}
    for name, place in list(data.get("fits", {}).items())[:_MAX_DOCUMENTS]:
        fit = _decode(place)
        if isinstance(name, str) and fit is not None:
            hints[name] = fit
    return hints


def load_tried(out_dir: Path) -> dict[str, tuple[Fit, ...]]:
    """The layouts the last build into ``out_dir`` tried for each document, in order (every
    document's, fitted or not: printing/reprint.py keeps a print whose layouts render the same)."""
    data = _read(out_dir)
    tried: dict[str, tuple[Fit, ...]] = {}
    for name, places in list(data.get("tried", {}).items())[:_MAX_DOCUMENTS]:
        if not (isinstance(name, str) and isinstance(places, list)) or len(places) > len(fit_order()):
            continue
        fits = [_decode(place) for place in places]
        if fits and all(fit is not None for fit in fits):
            tried[name] = tuple(fit for fit in fits if fit is not None)
    return tried


def load_pages(out_dir: Path) -> dict[str, int]:
    """How many pages each document printed on in the last build into ``out_dir`` (its Word file is
    made beside its PDF from the likeliest print: build/pool.py; a wrong count costs time only)."""
    pages = _read(out_dir).get("pages", {})
    return {
        name: count
        for name, count in list(pages.items())[:_MAX_DOCUMENTS]
        if isinstance(name, str) and _index(count, MAX_PAGES + 1) and count > 0
    }


def dump(
    chosen: dict[str, Fit | None], tried: dict[str, list[Fit]] | None = None, pages: dict[str, int] | None = None
) -> bytes | None:
    """The memory file's bytes for this build's fits, tried layouts and page counts (None: nothing
    to remember)."""
    fits = {name: place for name, fit in chosen.items() if fit is not None and (place := _encode(fit)) is not None}
    layouts = {}
    for name, trials in (tried or {}).items():
        places = [_encode(fit) for fit in trials]
        if places and all(place is not None for place in places):
            layouts[name] = places
    if not fits and not layouts:
        return None
    counts = {name: count for name, count in (pages or {}).items() if 0 < count <= MAX_PAGES}
    return (json.dumps({"fits": fits, "tried": layouts, "pages": counts}, indent=0, sort_keys=True) + "\n").encode()


def _read(out_dir: Path) -> dict:
    try:
        data = json.loads(read_input(out_dir / FILE, MAX_BYTES))
    except (InputFileError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in ("fits", "tried", "pages") and isinstance(v, dict)}


def _encode(fit: Fit) -> list[int | None] | None:
    """A fit as its place in the fitting order: [index, None], or [index of its floor, type step]."""
    order = fit_order()
    if fit in order:
        return [order.index(fit), None]
    floor = type_order(fit)[-1]
    if floor in order and fit in type_order(fit):
        return [order.index(floor), type_order(fit).index(fit)]
    return None


def _decode(place: object) -> Fit | None:
    """The fit at a place in the fitting order; None for anything that is not one."""
    if not (isinstance(place, list) and len(place) == 2):
        return None
    order = fit_order()
    index, step = place
    if not _index(index, len(order)) or not (step is None or _index(step, len(type_order(Fit())))):
        return None
    fit = order[index]
    return fit if step is None else type_order(fit)[step]


def _index(value: object, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size
