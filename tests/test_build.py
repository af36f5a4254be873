"""Whole builds: the files written, the PDFs' pages, text, metadata and footnote placement."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import JV_FACTS, MINIMAL, edit, text_lines
from factbrief.build import BuildOptions, build
from factbrief.errors import LintError, RenderError, UsageError
from factbrief.printing import remove_scratch
from factbrief.text.cleaning import normalise

DOCS = ("briefing", "factsheet", "milestones")


def pdf_pages(path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def test_writes_md_html_and_pdf_for_each_document(jv_output, minimal_output):
    for out in (jv_output, minimal_output):
        for doc in DOCS:
            for ext in ("md", "html", "pdf"):
                assert (out / f"{doc}.{ext}").stat().st_size > 0


@pytest.mark.parametrize("out_fixture", ["jv_output", "minimal_output"])
def test_briefing_is_exactly_one_page(out_fixture, request):
    out = request.getfixturevalue(out_fixture)
    assert len(PdfReader(out / "briefing.pdf").pages) == 1


def test_factsheet_is_the_complete_reference(jv_output, minimal_output):
    """Every fact appears in the fact sheet; 64 facts with full-form notes and a chart for each of
    six conflicts take five pages."""
    from factbrief.factfile.load import load_fact_file

    for out, facts in ((jv_output, JV_FACTS), (minimal_output, MINIMAL)):
        markdown = (out / "factsheet.md").read_text(encoding="utf-8")
        for fact in load_fact_file(facts).facts:
            assert normalise(fact.quote)[:40] in normalise(markdown.replace("\\", "")), fact.id
    assert len(PdfReader(jv_output / "factsheet.pdf").pages) <= 5
    assert len(PdfReader(minimal_output / "factsheet.pdf").pages) == 1


def test_pdf_text_has_figures_and_diacritics(jv_output):
    text = " ".join(pdf_pages(jv_output / "briefing.pdf") + pdf_pages(jv_output / "factsheet.pdf"))
    for figure in ("46.2", "78.6", "5,557", "630,000"):
        assert figure in text
    text += " ".join(pdf_pages(jv_output / "milestones.pdf"))
    for name in ("Việt Nam", "Tô Lâm", "Phạm Minh Chính", "Đà Nẵng"):
        assert name in text


def test_pdf_metadata(jv_output):
    for doc, kind in zip(DOCS, ("Diplomatic briefing", "Fact sheet", "Milestone summary"), strict=True):
        reader = PdfReader(jv_output / f"{doc}.pdf")
        assert reader.metadata.title.endswith(f"— {kind}")
        assert "Japan" in reader.metadata.title
        assert reader.metadata.subject == kind and "Việt Nam" in reader.metadata["/Keywords"]
        root = reader.trailer["/Root"]
        assert root["/Lang"] == "en"  # the language, for screen readers
        assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged (PDF/UA-1)


def test_pdf_pages_are_numbered(jv_output):
    pages = pdf_pages(jv_output / "factsheet.pdf")
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in text


def _first_calls(markdown: str) -> dict[str, str]:
    """Footnote number → a few words of the text just before its first call (outside pictures)."""
    calls: dict[str, str] = {}
    for line in text_lines(markdown):
        for m in re.finditer(r"\[\^(\d+)\](?!:)", line):
            before = re.sub(r"\[\^\d+\]|[*|\\]", " ", line[: m.start()])
            words = " ".join(before.split()).split(" ")
            calls.setdefault(m.group(1), " ".join(words[-3:]))
    return calls


def _note_starts(markdown: str) -> dict[str, str]:
    return {
        m.group(1): " ".join(m.group(2).replace("\\", "").split()[:4])
        for m in re.finditer(r"^\[\^(\d+)\]: (.*)$", markdown, re.M)
    }


def _unbroken(text: str) -> str:
    """A word hyphenated at a line's end ("foreign- policy" in the PDF's text) as it is written."""
    return re.sub(r"(?<=\w)- (?=\w)", "-", text)


@pytest.mark.parametrize("doc", DOCS)
def test_footnotes_sit_on_the_page_of_their_call(jv_output, doc):
    markdown = (jv_output / f"{doc}.md").read_text(encoding="utf-8")
    pages = [_unbroken(p) for p in pdf_pages(jv_output / f"{doc}.pdf")]
    calls, notes = _first_calls(markdown), _note_starts(markdown)
    assert calls.keys() == notes.keys()  # every note is called in the text, not only by a picture
    for number, call_text in calls.items():
        call_pages = [i for i, p in enumerate(pages) if _unbroken(call_text) in p]
        note_pages = [i for i, p in enumerate(pages) if _unbroken(f"{number}. {notes[number]}") in p]
        assert note_pages, f"note {number} not found"
        assert call_pages, f"the call of note {number} (after {call_text!r}) is on no page"
        assert set(note_pages) & set(call_pages), f"note {number} is not on the page of its call"


def test_second_pair_of_countries_renders_all_documents(minimal_output):
    briefing = " ".join(pdf_pages(minimal_output / "briefing.pdf"))
    assert "Freedonia – Sylvania relations" in briefing
    assert "12.5 billion ducats" in briefing
    milestones = (minimal_output / "milestones.md").read_text(encoding="utf-8")
    assert milestones.index("3 March 1933") < milestones.index("June 2019") < milestones.index("14 October 2025")


def test_markdown_only_build_writes_no_pdf(project, tmp_path):
    out = tmp_path / "md-only"
    result = build(project, out, BuildOptions(fmt="md", only=["factsheet"]))
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["factsheet.md"]
    assert result.pages == {}


def test_unknown_document_is_a_usage_error(project, tmp_path):
    with pytest.raises(UsageError, match="unknown document memo"):
        build(project, tmp_path / "x", BuildOptions(only=["memo"]))


def test_template_with_unsourced_number_fails_the_build(project, tmp_path):
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "memo.md.j2").write_text(
        '{% extends "_base.md.j2" %}{% block body %}\n## Note\n\nFriends for 52 years.\n{% endblock %}\n'
    )
    with pytest.raises(LintError) as info:
        build(project, tmp_path / "x", BuildOptions(fmt="md"))
    assert "memo.md.j2: rendered memo.md line" in str(info.value)
    assert "prints the template's own figure '52' without a footnote: 'Friends for 52 years.'" in str(info.value)


def test_fact_text_is_printed_literally(project, tmp_path):
    edit(
        project,
        "text: Sylvania is Freedonia’s second-largest trading partner.",
        "text: 'Sylvania is Freedonia’s <b>second</b> *partner* [see](http://x) {{ x*y }}.'",
    )
    out = tmp_path / "lit"
    build(project, out, BuildOptions(fmt="all", only=["briefing"]))
    html = (out / "briefing.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;second&lt;/b&gt; *partner* [see](http://x) {{ x*y }}" in html
    assert "<b>second" not in html and '<a href="http' not in html


def test_minimal_builds_are_deterministic_markdown(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(MINIMAL, a, BuildOptions(fmt="md"))
    build(MINIMAL, b, BuildOptions(fmt="md"))
    for doc in DOCS:
        assert (a / f"{doc}.md").read_bytes() == (b / f"{doc}.md").read_bytes()


def test_same_inputs_give_byte_identical_pdfs(minimal_output, tmp_path):
    again = tmp_path / "again"
    build(MINIMAL, again, BuildOptions(fmt="pdf"))
    for doc in DOCS:
        assert (again / f"{doc}.pdf").read_bytes() == (minimal_output / f"{doc}.pdf").read_bytes()
    meta = PdfReader(again / "briefing.pdf").metadata
    assert meta["/CreationDate"].startswith("D:20250901")  # the brief's as_of, not the clock


def test_briefing_with_forty_key_facts_is_fitted_to_one_page(project, tmp_path):
    import yaml

    data = yaml.safe_load(project.read_text(encoding="utf-8"))
    originals = data["facts"]
    data["facts"] = [
        {
            **{k: v for k, v in originals[i % len(originals)].items() if k != "id"},
            "id": f"key-{i}",
            "topic": "topic " + "abcdefgh"[i % 8],
            "text": originals[i % len(originals)]["text"] + " A padding sentence that makes every key point run long.",
            "priority": 1,
            "glance": True,
            "watch": i % 3 == 0,
        }
        for i in range(40)
    ]
    project.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project, tmp_path / "o", BuildOptions(only=["briefing"]))
    assert len(PdfReader(tmp_path / "o" / "briefing.pdf").pages) == 1
    [note] = [w for w in result.warnings if w.level == "info"]
    # The forty facts repeat a few quotes: each passage prints once, and the report says which
    # fact stood for which; no key point or key figure is dropped.
    assert note.message.startswith("fitted to 1 page(s)")
    assert "prints 'key-0' once for 'key-" in note.message and "(the same passage)" in note.message
    assert "key points" not in note.message and "key figures" not in note.message


def test_briefing_that_cannot_fit_names_the_overflowing_section(project, tmp_path):
    long_purpose = "purpose: '" + "To prepare the desk for talks. " * 128 + "'\n"
    edit(project, "sources:\n", long_purpose + "page:\n  size: A6\nsources:\n")
    with pytest.raises(RenderError, match="briefing does not fit 1 page.* 'Purpose' runs onto page 2"):
        build(project, tmp_path / "o", BuildOptions(only=["briefing"]))


def test_markdown_build_does_not_import_weasyprint(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from factbrief.build import BuildOptions, build; "
        f"build({str(MINIMAL)!r}, {str(tmp_path / 'o')!r}, BuildOptions(fmt='md')); "
        "sys.exit(1 if 'weasyprint' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_topic_names_may_hold_digits(project, tmp_path):
    """A topic such as "G7 and G20" is a label in headings and table group rows, not a figure."""
    text = project.read_text(encoding="utf-8").replace("topic: economy", "topic: G7 and G20 economy")
    project.write_text(
        text.replace(
            "    topic: investment\n", "    topic: G7 and G20 economy\n    value: 1250\n    qualifier: more than\n"
        ),
        encoding="utf-8",
    )
    build(project, tmp_path / "o", BuildOptions(fmt="md"))
    factsheet = (tmp_path / "o" / "factsheet.md").read_text(encoding="utf-8")
    assert "| **G7 and G20 economy** |" in factsheet and "## G7 and G20 economy" in factsheet


def test_recent_engagement_is_certainly_past():
    """A milestone dated only by its year, in the brief's own year, may still be ahead: upcoming."""
    from factbrief.factfile.load import load_fact_file
    from factbrief.render.context import Context

    ff = load_fact_file(JV_FACTS)
    engagements = Context(ff).engagements
    assert all(m.date.end <= ff.as_of for m in engagements.recent)
    # The Foreign Minister's visit is upcoming, or listed once as the deliverable that quotes it.
    upcoming = [m.id for m in engagements.upcoming]
    assert "foreign-minister-visit" in upcoming or "cooperation-committee" in [f.id for f in Context(ff).deliverables]
    assert "expo-national-day-2025" in upcoming
    # ahead, an event known only to its year or month comes after the dated events of that period
    assert [m.date.end for m in engagements.upcoming] == sorted(m.date.end for m in engagements.upcoming)


@pytest.mark.parametrize("doc", DOCS)
def test_every_call_prints_the_number_of_its_own_note(jv_output, doc):
    """Each call is printed right after its word (never wrapped to a line of its own) with its
    note's number, also when a note is called again later (the same source and quote)."""
    markdown = (jv_output / f"{doc}.md").read_text(encoding="utf-8")
    text = " ".join(" ".join(pdf_pages(jv_output / f"{doc}.pdf")).split())
    calls = []
    for line in text_lines(markdown):
        # A run of calls after one word ("year.[^1][^2]") prints as "year.1,2".
        for m in re.finditer(r"((?:\[\^\d+\])+)(?!:)", line):
            before = re.sub(r"\[\^\d+\]|[*|\\]", " ", line[: m.start()]).split()
            if before:
                calls.append(before[-1] + ",".join(re.findall(r"\d+", m.group(1))))
    repeated = len(calls) - len(set(re.findall(r"\[\^(\d+)\](?!:)", markdown)))
    assert calls and (not repeated or doc != "briefing")  # the briefing prints nothing twice
    missing = [c for c in calls if c not in text]
    assert not missing, f"calls printed with another number: {missing}"


@pytest.mark.parametrize("doc", DOCS)
def test_every_call_is_printed_at_one_size(jv_output, doc):
    """A first call (inside its note's smaller type) and a repeated call look the same."""
    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip().isdigit():
            sizes.add(round(abs(size * tm[3] * cm[3]), 1))  # a picture's text is drawn flipped twice

    for page in PdfReader(jv_output / f"{doc}.pdf").pages:
        page.extract_text(visitor_text=visit)
    calls = {s for s in sizes if s < 7}  # table figures and page numbers are larger
    assert len(calls) == 1, f"calls printed at {sorted(calls)} pt"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(sys.platform != "linux", reason="the kernel's PR_SET_PDEATHSIG is Linux's")
def test_a_child_dies_with_the_process_that_started_it():
    """Printing workers and their Pandoc die with their parent, however it dies (kill -9)."""
    script = (
        "import os, time\n"
        "from factbrief.interrupt import die_with_parent\n"
        "parent = os.getpid()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    for fd in (1, 2):  # the test waits for the parent's output only\n"
        "        os.dup2(os.open(os.devnull, os.O_WRONLY), fd)\n"
        "    die_with_parent(parent)\n"
        "    time.sleep(60)\n"
        "    os._exit(0)\n"
        "print(child, flush=True)\n"
        "os._exit(0)\n"
    )
    child = int(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)


def test_what_a_killed_worker_left_of_a_word_file_is_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for pid in (4242, 42420):
        (tmp_path / f"factbrief-docx-{pid}-abc").mkdir()
        (tmp_path / f"factbrief-docx-{pid}-abc" / "document.md").write_text("x")
    remove_scratch(4242)
    assert [p.name for p in tmp_path.iterdir()] == ["factbrief-docx-42420-abc"]
