"""The fitting memory: what each trial layout of the last build came to, kept beside the outputs.

Fitting the briefing to one page lays it out several times (layout.py), and laying out is most of
a build's time. A layout's outcome — its number of pages and the section running over — depends
only on its input (the page's HTML, whose digest layout.page_digest takes), the files the
stylesheet may fetch, the fonts on the machine and WeasyPrint. So a build remembers, in
``OUT/.factbrief-fitting.json``, the outcome of every trial layout by its digest, under a
fingerprint of everything else; the next build into that folder, with the same fingerprint, takes
a trial's outcome from memory instead of laying it out, and lays out only the layout it chooses —
which must come to the remembered outcome again, or the document is fitted afresh. A rebuild
that leaves a document's trial layouts as they were therefore prints it once, and prints the
same PDF as a build with no memory.

A memory that is missing, unreadable, or made under another fingerprint is ignored; nothing in
it is ever run or rendered, only compared.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FILE = ".factbrief-fitting.json"
MAX_BYTES = 1 << 20
MAX_ENTRIES = 500  # trial layouts remembered: a few builds' worth of three documents

Outcomes = dict[str, tuple[int, str | None]]


def fingerprint(dirs: list[Path]) -> str | None:
    """What a layout's outcome depends on besides its HTML: WeasyPrint's and Factbrief's versions,
    the fonts fontconfig offers (their files, sizes and times), and the files in the template
    folders. None where the fonts cannot be listed (no memory is kept then)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        listed = subprocess.run(
            [fc_list, "--format", "%{file}\\n"], capture_output=True, text=True, timeout=10, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    digest = hashlib.sha256()
    for package in ("weasyprint", "factbrief", "pydyf", "tinycss2", "tinyhtml5", "cssselect2"):
        try:
            digest.update(f"{package} {version(package)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{package} -\n".encode())
    for font in sorted(set(listed.splitlines())):
        digest.update(_stat_line(Path(font)))
    for folder in [*dirs, Path("/etc/fonts")]:  # and fontconfig's own settings
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            digest.update(_stat_line(path))
    return digest.hexdigest()


def _stat_line(path: Path) -> bytes:
    try:
        st = path.stat()
        return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode("utf-8", "surrogateescape")
    except OSError:
        return f"{path}\0-\n".encode("utf-8", "surrogateescape")


def load(out_dir: Path, print_: str | None) -> Outcomes:
    """The outcomes remembered in ``out_dir`` under this fingerprint, else nothing."""
    from factbrief.files import InputFileError, read_input

    if print_ is None:
        return {}
    try:
        data = json.loads(read_input(out_dir / FILE, MAX_BYTES))
    except (InputFileError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("fingerprint") != print_ or not isinstance(data.get("layouts"), dict):
        return {}
    known: Outcomes = {}
    for digest, outcome in data["layouts"].items():
        if (
            isinstance(digest, str)
            and isinstance(outcome, list)
            and len(outcome) == 2
            and isinstance(outcome[0], int)
            and not isinstance(outcome[0], bool)
            and outcome[0] > 0
            and (outcome[1] is None or isinstance(outcome[1], str))
        ):
            known[digest] = (outcome[0], outcome[1])
    return known


def dump(print_: str | None, outcomes: Outcomes) -> bytes | None:
    """The memory file's bytes for this build's outcomes (None: keep no memory)."""
    if print_ is None or not outcomes:
        return None
    layouts = {digest: list(outcome) for digest, outcome in list(outcomes.items())[-MAX_ENTRIES:]}
    return (json.dumps({"fingerprint": print_, "layouts": layouts}, indent=0, sort_keys=True) + "\n").encode()
