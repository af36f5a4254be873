"""The fitting memory: where each page-limited document's fitting ended last time, kept beside the outputs.

Fitting the briefing to one page lays it out more than once (printing/fitting.py). The next build
into the same folder starts its search where the last one ended, so that an edit that changes
little needs two layouts: the chosen one, which must fit, and the one before it, which must not.
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


def load(out_dir: Path) -> dict[str, Fit]:
    """The last fit of each document remembered in ``out_dir``, else nothing."""
    try:
        data = json.loads(read_input(out_dir / FILE, MAX_BYTES))
    except (InputFileError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("fits"), dict):
        return {}
    order = fit_order()
    hints: dict[str, Fit] = {}
    for name, place in list(data["fits"].items())[:_MAX_DOCUMENTS]:
        if not (isinstance(name, str) and isinstance(place, list) and len(place) == 2):
            continue
        index, step = place
        if _index(index, len(order)) and (step is None or _index(step, len(type_order(Fit())))):
            fit = order[index]
            hints[name] = fit if step is None else type_order(fit)[step]
    return hints


def dump(chosen: dict[str, Fit | None]) -> bytes | None:
    """The memory file's bytes for this build's fits (None: nothing to remember)."""
    order = fit_order()
    fits = {}
    for name, fit in chosen.items():
        if fit is None:
            continue
        floor = type_order(fit)[-1]
        if fit in order:
            fits[name] = [order.index(fit), None]
        elif floor in order:
            fits[name] = [order.index(floor), type_order(fit).index(fit)]
    if not fits:
        return None
    return (json.dumps({"fits": fits}, indent=0, sort_keys=True) + "\n").encode()


def _index(value: object, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size
