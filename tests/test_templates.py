"""Customising templates: overrides, block extension, new document types, init, list and copy, safety."""

from __future__ import annotations

import os
from pathlib import Path

from pypdf import PdfReader

from conftest import edit
from factbrief.build import BuildOptions, build
from factbrief.cli import app


def templates_of(project):
    folder = project.parent / "templates"
    folder.mkdir(exist_ok=True)
    return folder


def test_init_then_build_works_at_once(tmp_path, runner, monkeypatch):
    result = runner.invoke(app, ["init", str(tmp_path / "desk")])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path / "desk")
    built = runner.invoke(app, ["build"])
    assert built.exit_code == 0, built.output
    assert len(PdfReader("output/briefing.pdf").pages) == 1
    # No copies of the built-ins: they would all be listed as "yours" and never get fixes.
    assert os.listdir("templates") == ["README.md"]
    assert "factbrief templates copy" in Path("templates/README.md").read_text(encoding="utf-8")
    listing = runner.invoke(app, ["templates", "list"]).output
    assert "yours" not in listing and listing.count("built-in") == 4
    copied = runner.invoke(app, ["templates", "copy", "briefing"])
    assert copied.exit_code == 0, copied.output
    assert "yours, replaces the built-in" in runner.invoke(app, ["templates", "list"]).output
    again = runner.invoke(app, ["init", str(tmp_path / "desk")])
    assert again.exit_code == 1 and "is not empty" in again.output


def test_user_template_replaces_builtin(project, tmp_path):
    (templates_of(project) / "milestones.md.j2").write_text(
        '{% extends "_base.md.j2" %}{% set document_kind = "Timeline" %}{% block body %}\n## Dates\n\n'
        "{% for m in milestones %}- {{ m.text }}{{ cite(m) }}\n{% endfor %}{% endblock %}\n"
    )
    build(project, tmp_path / "o", BuildOptions(fmt="md"))
    md = (tmp_path / "o" / "milestones.md").read_text()
    assert "Timeline · Freedonia – Sylvania" in md and "## Dates" in md


def test_extend_builtin_and_change_one_block(project, tmp_path):
    (templates_of(project) / "briefing.md.j2").write_text(
        '{% extends "!default/briefing.md.j2" %}\n'
        "{% block titleblock %}\n**OFFICE OF THE DESK**\n\n# {{ doc.title }}\n\nFor the Minister\n{% endblock %}\n"
    )
    build(project, tmp_path / "o")
    md = (tmp_path / "o" / "briefing.md").read_text()
    assert md.startswith("**OFFICE OF THE DESK**") and "## Key points" in md
    assert len(PdfReader(tmp_path / "o" / "briefing.pdf").pages) == 1


def test_new_document_type_in_ten_lines(project, tmp_path, runner):
    (templates_of(project) / "talking_points.md.j2").write_text(
        '{% extends "_base.md.j2" %}\n{% set document_kind = "Talking points" %}\n{% block body %}\n'
        "## Points to make\n\n{% for f in key_points[:3] %}\n- {{ f.text }}{{ cite(f) }}\n{% endfor %}\n{% endblock %}\n"
    )
    build(project, tmp_path / "o")
    for ext in ("md", "html", "pdf"):
        assert (tmp_path / "o" / f"talking_points.{ext}").exists()
    assert PdfReader(tmp_path / "o" / "talking_points.pdf").metadata.title.endswith("— Talking points")
    listing = runner.invoke(app, ["templates", "list", "--facts", str(project)]).output
    assert "talking_points" in listing and "yours" in listing and "briefing" in listing and "built-in" in listing


def test_templates_copy(tmp_path, runner):
    result = runner.invoke(app, ["templates", "copy", "briefing", "--to", str(tmp_path / "t"), "--stylesheet"])
    assert result.exit_code == 0
    assert sorted(os.listdir(tmp_path / "t")) == ["briefing.md.j2", "style.css"]
    again = runner.invoke(app, ["templates", "copy", "briefing", "--to", str(tmp_path / "t")])
    assert again.exit_code == 1 and "already exists" in again.output
    unknown = runner.invoke(app, ["templates", "copy", "memo", "--to", str(tmp_path / "t")])
    assert unknown.exit_code == 2 and "no built-in template 'memo'" in unknown.output


def test_stylesheet_override_sets_the_page(project, tmp_path):
    (templates_of(project) / "style.css").write_text(
        '{% include "!default/style.css" %}\n@page { size: letter; }\n.doc-briefing h2 { color: #800; }\n'
    )
    build(project, tmp_path / "o", BuildOptions(only=["briefing"]))
    box = PdfReader(tmp_path / "o" / "briefing.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "color: #800" in (tmp_path / "o" / "briefing.html").read_text()


def test_page_block_in_the_fact_file(project, tmp_path):
    edit(project, "as_of: 2025-09-01", "as_of: 2025-09-01\npage:\n  size: A5\n  font_size: 8pt")
    build(project, tmp_path / "o", BuildOptions(only=["factsheet"]))
    box = PdfReader(tmp_path / "o" / "factsheet.pdf").pages[0].mediabox
    assert round(float(box.width)) == 420
    edit(project, "size: A5", "size: 'A5; } body { background: url(file:///etc/passwd)'")
    import pytest

    from factbrief.errors import FactFileError

    with pytest.raises(FactFileError, match="page.size .* is not allowed"):
        build(project, tmp_path / "o", BuildOptions(only=["factsheet"]))


def test_sandbox_refuses_python_internals(project, tmp_path, runner):
    (templates_of(project) / "briefing.md.j2").write_text("# T\n\n## A\n\n{{ doc.__class__.__init__.__globals__ }}\n")
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "briefing.md.j2:5: template error:" in line and "is unsafe" in line


def test_include_cannot_leave_the_template_folders(project, tmp_path, runner):
    folder = templates_of(project)
    (folder / "escape.md.j2").symlink_to("/etc/passwd")
    (folder / "briefing.md.j2").write_text('# T\n\n## A\n\n{% include "escape.md.j2" %}\n')
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "leads outside the template folders" in result.output
    (folder / "briefing.md.j2").write_text('# T\n\n## A\n\n{% include "../minimal.yaml" %}\n')
    result = runner.invoke(app, ["build", str(project), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_page_setup_from_fact_file_is_not_needed_for_defaults(project, tmp_path):
    edit(project, "as_of: 2025-09-01", "as_of: 2025-09-01\nmarking: RESTRICTED")
    build(project, tmp_path / "o", BuildOptions(only=["briefing"]))
    text = PdfReader(tmp_path / "o" / "briefing.pdf").pages[0].extract_text()
    assert text.count("RESTRICTED") >= 2  # header band and page margin


def test_template_can_print_its_notes_at_the_end(project, tmp_path):
    (templates_of(project) / "factsheet.md.j2").write_text(
        '{% extends "!default/factsheet.md.j2" %}\n{% set notes = "end" %}\n'
    )
    build(project, tmp_path / "o")
    html = (tmp_path / "o" / "factsheet.html").read_text()
    assert 'class="footnote"' not in html and '<ol class="notes">' in html
    assert '<a class="footnote-ref" href="#fn:1">1</a>' in html and "footnote-backref" not in html
    pages = [p.extract_text() for p in PdfReader(tmp_path / "o" / "factsheet.pdf").pages]
    last = pages[-1]
    assert "NOTES" in last and "“Freedonia and Sylvania sign a new trade pact”, August 2025: “Two-way trade" in last
    assert last.index("NOTES") > last.index("remains unresolved.6")  # after the body's last call
    assert "\xa0" not in last  # nor the no-break space Python-Markdown leaves for its back-link
    # The other documents keep their notes at the foot of the page.
    assert 'class="footnote"' in (tmp_path / "o" / "briefing.html").read_text()
    # The Markdown is the same either way: notes as [^n] definitions at the end.
    default = tmp_path / "default"
    (tmp_path / "empty").mkdir()
    build(project, default, BuildOptions(fmt="md", template_dir=tmp_path / "empty"))
    assert (tmp_path / "o" / "factsheet.md").read_text() == (default / "factsheet.md").read_text()


def test_unknown_note_placement_is_a_template_error(project, tmp_path):
    import pytest

    from factbrief.errors import TemplateError

    (templates_of(project) / "briefing.md.j2").write_text(
        '{% extends "!default/briefing.md.j2" %}\n{% set notes = "side" %}\n'
    )
    with pytest.raises(TemplateError, match=r"briefing.md.j2: notes = 'side' is not one of 'foot', 'end'"):
        build(project, tmp_path / "o")
    assert not (tmp_path / "o").exists()
