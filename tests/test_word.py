"""Word files: read back by their properties with python-docx (footnotes, styles, header and
footer, tables, pictures, document properties), never by their bytes; the Word proof fails the build."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from lxml import etree

from conftest import edit
from factbrief.build import BuildOptions, build
from factbrief.cli.app import app
from factbrief.errors import RenderError
from factbrief.printing import word
from factbrief.printing.proof import block_texts
from factbrief.printing.wordproof import footnotes

DOCS = ("briefing", "factsheet", "milestones")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path):
    return docx.Document(str(path))


def calls_in_order(document) -> list[str]:
    return [ref.get(f"{W}id") for ref in document.element.body.iter(f"{W}footnoteReference")]


def pdf_notes(out: Path, name: str) -> dict[int, str]:
    return block_texts((out / f"{name}.html").read_text(encoding="utf-8"))[1]


def markdown_calls(out: Path, name: str) -> list[int]:
    lines = (out / f"{name}.md").read_text(encoding="utf-8").splitlines()
    return [int(n) for line in lines if not re.match(r"\[\^\d+\]:", line) for n in re.findall(r"\[\^(\d+)\]", line)]


@pytest.mark.parametrize("name", DOCS)
def test_every_call_is_a_real_footnote_with_the_pdf_note_text(jv_output, name):
    document = open_docx(jv_output / f"{name}.docx")
    notes = footnotes(document)
    calls = calls_in_order(document)
    expected = markdown_calls(jv_output, name)
    printed = pdf_notes(jv_output, name)
    assert len(calls) == len(expected) > 5
    assert set(calls) == set(notes)  # one Word footnote per call, each at the foot of its page
    assert [notes[c] for c in calls] == [printed[n] for n in expected]


def test_briefing_is_the_fitted_one(jv_output):
    """The Word briefing shows the items the fitted PDF shows, not the unfitted Markdown's."""
    document = open_docx(jv_output / "briefing.docx")
    texts = [" ".join(p.text.split()) for p in document.paragraphs]
    items = [
        re.sub(r"\[\^\d+\]", "", line[2:]).replace("**", "").strip()
        for line in (jv_output / "briefing.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("- ")
    ]
    assert items and all(item in texts for item in items)
    assert len([p for p in document.paragraphs if p.style.name == "Compact"]) == len(items)


def test_headings_are_word_heading_styles(jv_output):
    document = open_docx(jv_output / "briefing.docx")
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Title", "Heading 1", "Marking")]
    assert styled[:3] == [
        ("Marking", "UNCLASSIFIED – FOR BRIEFING USE"),
        ("Title", "Japan – Việt Nam relations"),
        ("Heading 1", "Purpose"),
    ]
    assert ("Heading 1", "Issues to watch") in styled
    assert ("Heading 2", "Recent") in [(p.style.name, p.text) for p in document.paragraphs]


def test_marking_in_every_header_and_footer_and_properties(jv_output):
    for name in DOCS:
        document = open_docx(jv_output / f"{name}.docx")
        for section in document.sections:
            assert "UNCLASSIFIED – FOR BRIEFING USE" in [p.text for p in section.header.paragraphs]
            assert "UNCLASSIFIED – FOR BRIEFING USE" in [p.text for p in section.footer.paragraphs]
            assert section.footer._element.xpath(".//w:fldSimple[@w:instr='PAGE']")
        props = document.core_properties
        assert props.title.startswith("Japan – Việt Nam relations")
        assert props.language == "en"
        assert props.keywords == "Japan, Việt Nam"
        assert props.created.date().isoformat() == "2025-09-01"


def test_tables_are_word_tables_with_their_footnotes(jv_output):
    document = open_docx(jv_output / "briefing.docx")
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells] == ["Indicator", "Figure", "As of"]
    assert table.rows[1].cells[1].text.startswith("US$46.2 billion")
    assert table.rows[1].cells[1]._tc.xpath(".//w:footnoteReference")  # the figure's cell carries its note
    assert table._tbl.xpath("./w:tblPr/w:tblW[@w:type='pct']")
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_pictures_are_embedded_as_print_resolution_png(jv_output):
    document = open_docx(jv_output / "factsheet.docx")
    images = [p for p in document.part.package.parts if p.content_type == "image/png"]
    assert len(images) == len(list((jv_output).glob("factsheet-*.svg")))
    shape = document.inline_shapes[0]
    assert shape.width > 0
    picture = docx.image.image.Image.from_blob(images[0].blob)
    assert picture.horz_dpi >= 300
    descr = document.element.body.xpath(".//wp:docPr/@descr")
    assert descr and descr[0].startswith("How the sources differ on")


def test_format_docx_writes_the_word_files_only(project, tmp_path, monkeypatch):
    edit(project, "as_of: 2025-09-01\n", "as_of: 2025-09-01\noffice: Desk of Freedonia\n")
    out = tmp_path / "docx"
    result = build(project, out, BuildOptions(fmt="docx"))
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["briefing.docx", "factsheet.docx", "milestones.docx", "talking-points.docx"]
    assert {p.name for p in result.written} >= set(written)
    document = open_docx(out / "briefing.docx")
    assert len(footnotes(document)) == len(calls_in_order(document)) > 0
    assert document.core_properties.author == "Desk of Freedonia"  # the fact file's office
    again = tmp_path / "again"
    monkeypatch.setattr(word, "_MADE", {})  # made again, not remembered
    build(project, again, BuildOptions(fmt="docx", only=("briefing",)))
    assert (again / "briefing.docx").read_bytes() == (out / "briefing.docx").read_bytes()  # reproducible


def test_calls_side_by_side_are_kept_apart(jv_output):
    """Adjacent calls are separated by a raised comma, so "¹²³" never reads as one number."""
    document = open_docx(jv_output / "factsheet.docx")
    runs = list(document.element.body.iter(f"{W}r"))
    refs = [i for i, run in enumerate(runs) if run.find(f"{W}footnoteReference") is not None]
    commas = [
        a
        for a, b in zip(refs, refs[1:], strict=False)
        if b == a + 2
        and "".join(t.text or "" for t in runs[a + 1].iter(f"{W}t")) == ","
        and runs[a + 1].find(f"{W}rPr/{W}vertAlign").get(f"{W}val") == "superscript"
    ]
    assert commas
    assert not [(a, b) for a, b in zip(refs, refs[1:], strict=False) if b == a + 1]


def test_office_reference_docx_gives_the_styles(project, tmp_path, runner):
    templates = project.parent / "templates"
    done = runner.invoke(app, ["templates", "copy", "reference.docx", "--to", str(templates)])
    assert done.exit_code == 0, done.output
    reference = docx.Document(str(templates / "reference.docx"))
    reference.styles["Normal"].font.name = "Liberation Serif"
    reference.styles["Heading 1"].font.size = Pt(20)
    reference.save(str(templates / "reference.docx"))
    out = tmp_path / "office"
    build(project, out, BuildOptions(fmt="docx", only=("briefing",)))
    document = open_docx(out / "briefing.docx")
    assert document.styles["Normal"].font.name == "Liberation Serif"
    assert document.styles["Heading 1"].font.size == Pt(20)


def _tampered(monkeypatch, change):
    """Make every Word file pass through ``change`` (its document.xml or footnotes.xml) before the proof."""
    finish = word.finish
    monkeypatch.setattr(word, "_MADE", {})  # none made before

    def tampered(data, doc, fact_file):
        document = docx.Document(io.BytesIO(finish(data, doc, fact_file)))
        change(document)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    monkeypatch.setattr(word, "finish", tampered)


def _build_fails(project, tmp_path, match: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "briefing.docx").write_bytes(b"earlier")
    with pytest.raises(RenderError, match=match) as info:
        build(project, out, BuildOptions(fmt="docx", only=("briefing",)))
    assert len(str(info.value).splitlines()) == 1
    assert str(info.value).startswith("briefing.docx: ")
    assert (out / "briefing.docx").read_bytes() == b"earlier"  # nothing written


def test_a_removed_footnote_call_fails_the_build(project, tmp_path, monkeypatch):
    def remove_call(document):
        ref = next(document.element.body.iter(f"{W}footnoteReference"))
        run = ref.getparent()
        run.getparent().remove(run)

    _tampered(monkeypatch, remove_call)
    _build_fails(project, tmp_path, r"calls \d+ footnote\(s\) where the PDF calls \d+ note\(s\)")


def test_a_changed_footnote_text_fails_the_build(project, tmp_path, monkeypatch):
    def change_note(document):
        part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
        root = etree.fromstring(part.blob)
        texts = [t for t in root.iter(f"{W}t") if (t.text or "").strip()]
        texts[0].text = "A different source, 1999"
        part._blob = etree.tostring(root)

    _tampered(monkeypatch, change_note)
    _build_fails(project, tmp_path, r"footnote 1 reads “A different source, 1999”, not the PDF's note 1")


def test_a_figure_without_its_footnote_fails_the_build(project, tmp_path, monkeypatch):
    _tampered(monkeypatch, lambda document: document.add_paragraph("Trade grew by 73 per cent."))
    _build_fails(project, tmp_path, r"a paragraph prints '73' “Trade grew by 73 per cent.”, which no footnote")


def test_a_reference_docx_that_is_no_word_file_is_named(project, tmp_path):
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "reference.docx").write_text("not a Word file")
    with pytest.raises(RenderError, match=r"reference.docx: is not a Word file"):
        build(project, tmp_path / "out", BuildOptions(fmt="docx", only=("briefing",)))
    assert not (tmp_path / "out").exists()


def test_a_warm_rebuild_makes_each_unchanged_word_file_once(project, tmp_path, monkeypatch):
    made = []
    make = word._make
    monkeypatch.setattr(word, "_MADE", {})
    monkeypatch.setattr(word, "_make", lambda *args: made.append(args[0].doc.name) or make(*args))
    for out in ("one", "two"):
        build(project, tmp_path / out, BuildOptions(fmt="docx", only=("briefing",)))
    assert made == ["briefing"]
    assert (tmp_path / "one" / "briefing.docx").read_bytes() == (tmp_path / "two" / "briefing.docx").read_bytes()
    edit(project, "as_of: 2025-09-01\n", "as_of: 2025-09-01\noffice: Desk of Freedonia\n")
    build(project, tmp_path / "three", BuildOptions(fmt="docx", only=("briefing",)))
    assert made == ["briefing", "briefing"]  # what the properties print is part of the file


def test_the_printing_workers_make_the_word_files_one_process_makes(project, tmp_path):
    """Each Word file is a job of its own, for whichever printing worker is free (build/pool.py)."""
    build(project, tmp_path / "workers", BuildOptions(fmt="docx"))
    build(project, tmp_path / "one", BuildOptions(fmt="docx", parallel=False))
    for name in DOCS:
        assert (tmp_path / "workers" / f"{name}.docx").read_bytes() == (tmp_path / "one" / f"{name}.docx").read_bytes()


def test_word_files_failing_on_the_workers_fail_in_the_documents_order(project, tmp_path, monkeypatch):
    _tampered(monkeypatch, lambda document: document.add_paragraph("Trade grew by 73 per cent."))
    out = tmp_path / "out"
    out.mkdir()
    (out / "factsheet.docx").write_bytes(b"earlier")
    with pytest.raises(RenderError, match=r"a paragraph prints '73'") as info:
        build(project, out, BuildOptions(fmt="docx"))
    assert len(str(info.value).splitlines()) == 1
    assert str(info.value).startswith("briefing.docx: ")  # the first document's, as one process fails
    assert (out / "factsheet.docx").read_bytes() == b"earlier"  # nothing written
