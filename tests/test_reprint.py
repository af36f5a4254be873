"""A build into the folder of the last one keeps what printing would write again (printing/reprint.py):
nothing is laid out for an unchanged document, the bytes are the same, and nothing in the output
folder (a changed PDF, a forged memory) can make a build keep a file it did not print."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import edit
from factbrief.build import BuildOptions, build
from factbrief.build.pool import Printers
from factbrief.printing import fitmemory

OUTPUTS = ("pdf", "docx")


def layouts(log: Path) -> dict[str, int]:
    """Each document's layouts in the last build (FACTBRIEF_LAYOUT_LOG), then the log emptied."""
    counts = {}
    for line in log.read_text(encoding="utf-8").splitlines() if log.exists() else []:
        name, n = line.split()
        counts[name] = int(n)
    log.unlink(missing_ok=True)
    return counts


def digests(out: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir()) if p.suffix[1:] in OUTPUTS
    }


@pytest.fixture
def log(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "layouts.log"
    monkeypatch.setenv("FACTBRIEF_LAYOUT_LOG", str(path))
    return path


def test_a_rebuild_into_the_same_folder_lays_out_nothing_and_writes_the_same_bytes(project, tmp_path, log):
    out = tmp_path / "out"
    build(project, out)
    first = digests(out)
    assert all(n > 0 for n in layouts(log).values())  # an empty folder: every document printed
    build(project, out)
    assert set(layouts(log).values()) == {0}  # every document kept
    assert digests(out) == first
    # the same inputs into another, empty folder print anew, to the same bytes
    build(project, tmp_path / "other")
    assert all(n > 0 for n in layouts(log).values())
    assert digests(tmp_path / "other") == first


def test_an_edit_prints_again_only_the_documents_it_changes(project, tmp_path, log):
    out = tmp_path / "out"
    build(project, out)
    layouts(log)
    before = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.md")}
    edit(project, "Talks on fishing quotas are to resume.", "Talks on fishing quotas are to resume soon.")
    build(project, out)
    counts = layouts(log)
    changed = {p.stem for p in out.glob("*.md") if p.read_text(encoding="utf-8") != before[p.name]}
    assert changed and changed != set(counts)  # the edit shows in some documents, not all
    assert {name for name, n in counts.items() if n > 0} == changed


def test_a_file_changed_in_the_folder_is_printed_again(project, tmp_path, log):
    out = tmp_path / "out"
    build(project, out)
    first = digests(out)
    layouts(log)
    for name in ("briefing.pdf", "milestones.docx"):
        (out / name).write_bytes((out / name).read_bytes()[:-10])  # cut short
    build(project, out)
    assert layouts(log)["briefing"] > 0
    assert digests(out) == first  # both made again, whole


def test_a_forged_memory_never_keeps_another_documents_file(project, tmp_path, log):
    """The memory in the folder only says which layouts to render: a PDF is kept only if it is the
    very file a build printed for what those layouts render to now."""
    out = tmp_path / "out"
    build(project, out)
    first = digests(out)
    memory = json.loads((out / fitmemory.FILE).read_text(encoding="utf-8"))
    memory["tried"]["factsheet"] = memory["tried"]["briefing"]  # the briefing's layouts, for the fact sheet
    (out / fitmemory.FILE).write_text(json.dumps(memory), encoding="utf-8")
    (out / "factsheet.pdf").write_bytes((out / "briefing.pdf").read_bytes())  # and the briefing's PDF
    build(project, out)
    assert digests(out) == first


def test_markdown_only_and_word_only_builds_keep_nothing_they_did_not_print(project, tmp_path, log):
    out = tmp_path / "out"
    build(project, out, BuildOptions(fmt="docx"))
    assert {p.suffix for p in out.iterdir() if not p.name.startswith(".")} == {".docx"}
    build(project, out)  # no PDF in the folder yet: every PDF printed
    assert all(n > 0 for n in layouts(log).values())


def test_a_build_after_a_warm_session_keeps_what_the_session_printed(project, tmp_path, log):
    """`preview` and `build --watch` leave the folder's fitting memory as `build` does, so a
    build into their folder afterwards lays out nothing it would print the same."""
    from factbrief.build import WarmBuilder

    out = tmp_path / "out"
    builder = WarmBuilder(project, out, BuildOptions())
    try:
        builder.build()
        edit(project, "Two-way trade reached", "Two-way trade rose to")
        builder.build()
    finally:
        builder.close()
    assert (out / fitmemory.FILE).is_file()
    session = digests(out)
    layouts(log)
    build(project, out)
    assert set(layouts(log).values()) == {0}  # every document kept
    assert digests(out) == session


two_cores = pytest.mark.skipif(
    Printers.available(4) < 2, reason="Word files are made beside their PDFs only by printing workers"
)


@two_cores
def test_a_rebuild_after_an_edit_makes_word_files_beside_their_pdfs(project, tmp_path):
    """The folder remembers on how many pages each document printed: a document printed again
    has its Word file made from its likeliest print while its PDF prints, to a cold build's bytes."""
    out = tmp_path / "out"
    assert build(project, out).words_ahead == []  # nothing printed here before
    edit(project, "Two-way trade reached 12.5 billion", "Two-way trade rose to 12.5 billion")
    assert build(project, out).words_ahead == ["briefing", "factsheet"]
    build(project, tmp_path / "cold")
    assert digests(out) == digests(tmp_path / "cold")


@two_cores
def test_a_forged_page_count_costs_a_word_file_made_again_never_another_one(project, tmp_path):
    out = tmp_path / "out"
    build(project, out)
    memory = json.loads((out / fitmemory.FILE).read_text(encoding="utf-8"))
    memory["pages"] = {"factsheet": memory["pages"]["factsheet"] + 1, "briefing": "1", "milestones": -1}
    (out / fitmemory.FILE).write_text(json.dumps(memory), encoding="utf-8")
    edit(project, "Two-way trade reached 12.5 billion", "Two-way trade rose to 12.5 billion")
    assert build(project, out, BuildOptions(fmt="all")).words_ahead == []
    build(project, tmp_path / "cold")
    assert digests(out) == digests(tmp_path / "cold")
