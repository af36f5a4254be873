"""Warm rebuilds: only what changed is printed again, and the outputs are a cold build's, byte for byte."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import edit
from factbrief.build import BuildOptions, WarmBuilder, build
from factbrief.build.pool import Printers
from factbrief.errors import TemplateError, VerificationError

DOCUMENTS = ["briefing", "factsheet", "milestones", "talking-points"]


@pytest.fixture
def warm(project: Path, tmp_path: Path):
    """A warm builder of the scratch project, with its printing workers; closed after the test."""
    builders: list[WarmBuilder] = []

    def make(**options) -> WarmBuilder:
        builder = WarmBuilder(project, tmp_path / "out", BuildOptions(**options))
        builders.append(builder)
        return builder

    yield make
    for builder in builders:
        builder.close()


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_a_second_build_without_changes_prints_nothing(warm, tmp_path):
    builder = warm()
    first = builder.build()
    assert first.reprinted == DOCUMENTS
    written = outputs(tmp_path / "out")
    second = builder.build()
    assert second.reprinted == []
    assert outputs(tmp_path / "out") == written
    assert second.files == first.files
    assert second.pages == first.pages


def test_a_fact_change_prints_only_the_documents_that_show_it(warm, project, tmp_path):
    builder = warm()
    builder.build()
    edit(project, "Two-way trade reached 12.5 billion", "Two-way trade rose to 12.5 billion")
    result = builder.build()
    assert result.reprinted == ["briefing", "factsheet"]  # the milestone summary shows no facts
    assert "rose to 12.5 billion" in (tmp_path / "out" / "factsheet.md").read_text(encoding="utf-8")
    edit(project, "Talks on fishing quotas are to resume.", "Talks on fishing quotas are to begin again.")
    assert "milestones" in builder.build().reprinted


def test_warm_outputs_are_a_cold_builds_byte_for_byte(warm, project, tmp_path):
    builder = warm()
    builder.build()
    edit(project, "title: Freedonia – Sylvania relations", "title: Freedonia – Sylvania ties")
    assert builder.build().reprinted == DOCUMENTS
    build(project, tmp_path / "cold")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "cold")


def test_undoing_an_edit_prints_nothing(warm, project):
    builder = warm()
    builder.build()
    edit(project, "Two-way trade reached", "Two-way trade rose to")
    assert builder.build().reprinted
    edit(project, "Two-way trade rose to", "Two-way trade reached")
    assert builder.build().reprinted == []


def test_a_template_change_prints_again_with_the_new_template(warm, project, tmp_path):
    """A template added after the first build shadows the built-in: the workers load it too."""
    (project.parent / "templates").mkdir()
    builder = warm(template_dir=project.parent / "templates")
    builder.build()
    (project.parent / "templates" / "briefing.md.j2").write_text(
        '{% extends "!default/briefing.md.j2" %}{% block titleblock %}\n# Prepared for the Minister\n{% endblock %}\n',
        encoding="utf-8",
    )
    result = builder.build()
    assert result.reprinted == ["briefing"]
    assert "Prepared for the Minister" in (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")
    assert "Prepared for the Minister" in (tmp_path / "out" / "briefing.html").read_text(encoding="utf-8")
    (project.parent / "templates" / "style.css").write_text(
        '{% include "!default/style.css" %}\nh2 { letter-spacing: 0.02em; }\n', encoding="utf-8"
    )
    assert builder.build().reprinted == DOCUMENTS  # the stylesheet is in every page


def test_templates_made_next_to_the_fact_file_are_used_from_the_next_build(warm, project, tmp_path):
    """`factbrief templates copy` while a preview runs: templates/ appears beside the fact file."""
    builder = warm()
    builder.build()
    (project.parent / "templates").mkdir()
    (project.parent / "templates" / "milestones.md.j2").write_text(
        '{% extends "!default/milestones.md.j2" %}{% block body %}\n## Chronology\n\nTo follow.\n{% endblock %}\n',
        encoding="utf-8",
    )
    assert builder.build().reprinted == ["milestones"]
    assert "Chronology" in (tmp_path / "out" / "milestones.html").read_text(encoding="utf-8")


def test_a_file_the_stylesheet_may_fetch_prints_again(warm, project):
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    builder = warm(template_dir=templates)
    builder.build()
    (templates / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>')
    assert builder.build().reprinted == DOCUMENTS


def test_a_failed_build_keeps_the_last_good_outputs(warm, project, tmp_path):
    builder = warm()
    good = builder.build()
    written = outputs(tmp_path / "out")
    edit(project, "up 8% on the year before.", "up 9% on the year before.")
    with pytest.raises(VerificationError, match="number 9 in text is not in its quote"):
        builder.build()
    assert outputs(tmp_path / "out") == written
    assert builder.last is good
    edit(project, "up 9% on the year before.", "rising 8% on the year before.")
    (project.parent / "templates").mkdir()
    (project.parent / "templates" / "factsheet.md.j2").write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="factsheet.md.j2:1: template syntax error"):
        builder.build()
    assert outputs(tmp_path / "out") == written
    assert builder.last is good
    (project.parent / "templates" / "factsheet.md.j2").unlink()
    assert builder.build().reprinted == ["briefing", "factsheet"]
    assert "rising 8%" in (tmp_path / "out" / "briefing.md").read_text(encoding="utf-8")


def test_markdown_only_and_in_process_builds(warm, project, tmp_path):
    builder = warm(fmt="md")
    assert sorted(n for n in builder.build().files if not n.endswith(".svg")) == [f"{d}.md" for d in DOCUMENTS]
    single = warm(parallel=False)
    assert single.build().reprinted == DOCUMENTS
    edit(project, "Two-way trade reached", "Two-way trade rose to")
    assert single.build().reprinted == ["briefing", "factsheet"]


def test_a_removed_template_removes_its_outputs(warm, project, tmp_path):
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "talking_points.md.j2").write_text(
        '{% extends "_base.md.j2" %}{% block body %}\n## Points\n\n- Talk.\n{% endblock %}\n', encoding="utf-8"
    )
    builder = warm(template_dir=templates)
    assert builder.build().documents == [*DOCUMENTS, "talking_points"]
    (templates / "talking_points.md.j2").unlink()
    result = builder.build()
    assert result.documents == DOCUMENTS
    assert "talking_points.pdf" in result.removed
    assert not (tmp_path / "out" / "talking_points.pdf").exists()


def two_cores() -> bool:
    return Printers.available(len(DOCUMENTS)) >= 2


@pytest.mark.skipif(not two_cores(), reason="Word files are made ahead only by printing workers")
def test_word_files_made_beside_their_pdfs_are_a_cold_builds(warm, project, tmp_path):
    builder = warm()
    builder.build()
    edit(project, "Two-way trade reached 12.5 billion", "Two-way trade rose to 12.5 billion")
    result = builder.build()
    # Printed in the fit and on the pages of their last print: made beside the PDFs, and taken.
    assert result.words_ahead == ["briefing", "factsheet"]
    build(project, tmp_path / "cold")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "cold")


@pytest.mark.skipif(not two_cores(), reason="Word files are made ahead only by printing workers")
def test_a_word_file_made_from_a_wrong_prediction_is_made_again(warm, project, tmp_path):
    builder = warm()
    builder.build()
    # As if the fact sheet had last printed on one page more: the Word file made ahead is not
    # the one the print needs (its proof allows the page numbers the PDF has).
    versions = builder._remembered["factsheet"]
    assets, last = versions[-1]
    versions[-1] = (assets, replace(last, pdf=replace(last.pdf, pages=last.pdf.pages + 1)))
    edit(project, "Two-way trade reached 12.5 billion", "Two-way trade rose to 12.5 billion")
    result = builder.build()
    assert result.words_ahead == ["briefing"]
    build(project, tmp_path / "cold")
    assert outputs(tmp_path / "out") == outputs(tmp_path / "cold")
