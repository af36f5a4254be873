"""The printed page, proven: nothing a document holds is lost, clipped or printed over when it is laid
out, every note is on its call's page, and a template places sections in columns without CSS."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import DATA
from factbrief.build import BuildOptions, build
from factbrief.errors import FactbriefError, RenderError
from factbrief.printing.proof import prove

KENYA = DATA / "kenya-india" / "brief.yaml"


def pdf_text(path: Path) -> str:
    """Every page's text, whitespace removed (a line break may fall anywhere)."""
    return re.sub(r"\s+", "", "".join(page.extract_text() or "" for page in PdfReader(path).pages))


def statements(markdown: str) -> list[str]:
    """The list items and table rows of a document's body, as plain text (no calls, no marks)."""
    body = markdown.split("\n[^1]:")[0]
    found = []
    for line in body.splitlines():
        if not line.startswith(("- ", "| ")) or line.startswith("|:") or "Indicator" in line:
            continue
        text = re.sub(r"\[\^\d+\]|\*\*|\*|\\", "", line.lstrip("-| ")).split(" | ")[0]
        found.append(text.strip())
    return [s for s in found if s]


def holds_everything(out: Path, name: str) -> None:
    """Every statement the fitted Markdown holds is in the PDF, and the notes run 1…N."""
    printed = pdf_text(out / f"{name}.pdf")
    markdown = (out / f"{name}.md").read_text(encoding="utf-8")
    for statement in statements(markdown):
        start = re.sub(r"\s+", "", statement)[:40]
        assert start in printed, (statement, name)
    notes = [int(n) for n in re.findall(r"^\[\^(\d+)\]:", markdown, re.M)]
    assert notes == list(range(1, len(notes) + 1))


def copy_kenya(tmp_path: Path) -> Path:
    shutil.copytree(KENYA.parent, tmp_path / "kenya")
    return tmp_path / "kenya" / "brief.yaml"


# -- the proof itself, on pages laid out from HTML ------------------------------------------------


def laid_out(body: str, css: str = ""):  # type: ignore[no-untyped-def]
    import weasyprint

    html = (
        "<html><head><style>@page { size: A6; margin: 10mm } .footnote { float: footnote } "
        f"{css}</style></head><body>{body}</body></html>"
    )
    return weasyprint.HTML(string=html).render(), html


def test_a_page_that_holds_its_blocks_passes():
    document, html = laid_out('<p data-block="b1">One.</p><p data-block="b2">Two.</p>')
    assert prove(document, html).holds


@pytest.mark.parametrize(
    "css, problem",
    [
        ("#x { display: none }", "is on no page"),
        ("#x { height: 3mm; overflow: hidden }", "is cut off"),
        ("#x { visibility: hidden }", "is set invisible"),
        ("#x { margin-top: -12mm }", "prints over"),
        ("#x { margin-left: -20mm }", "runs into its margins"),
    ],
)
def test_a_block_lost_clipped_hidden_or_printed_over_fails(css, problem):
    long = "words " * 40
    document, html = laid_out(f'<p data-block="b1">First {long}</p><p data-block="b2" id="x">Second {long}</p>', css)
    proof = prove(document, html)
    assert not proof.holds
    assert any(problem in p for p in proof.problems), proof.problems


def test_a_note_must_run_in_order_and_sit_with_its_call():
    notes = "".join(
        f'<p data-block="b{n}">Line {n}<span class="footnote" data-note="{n}">Note {n}</span></p>' for n in (1, 2)
    )
    document, html = laid_out(notes)
    assert prove(document, html).holds
    swapped = notes.replace('data-note="1"', 'data-note="X"').replace('data-note="2"', 'data-note="1"')
    document, html = laid_out(swapped.replace('data-note="X"', 'data-note="2"'))
    assert any("do not run 1…2" in p for p in prove(document, html).problems)


# -- the cases a new user's brief showed (issue 22) -------------------------------------------


def test_four_long_key_points_and_six_engagements_fit_with_everything_the_markdown_holds(tmp_path):
    """Four key points of six lines, three recent and three upcoming engagements: the briefing is
    one page that prints every statement its Markdown holds (nothing over the notes, the Upcoming
    block there), and the fit report names what it left out."""
    out = tmp_path / "out"
    result = build(copy_kenya(tmp_path), out, BuildOptions(only=("briefing",)))
    assert result.pages["briefing"] == 1
    holds_everything(out, "briefing")
    assert "Upcoming" in (out / "briefing.md").read_text(encoding="utf-8")
    report = [w.message for w in result.warnings if w.level == "info" and "fitted" in w.message]
    assert report
    if "leaves out" in report[0]:
        assert re.search(r"(milestones?|facts?) '[a-z-]+'", report[0])  # named, not counted


def test_a_reordered_template_with_a_section_of_its_own_places_it_in_a_column(tmp_path):
    """Glance first, a section of the office's own ("Points to make"), no CSS: the sections sit
    where their headings say, the page holds every statement, the notes run 1…N."""
    project = copy_kenya(tmp_path)
    templates = project.parent / "templates"
    templates.mkdir()
    builtin = (Path(__file__).parent.parent / "templates" / "briefing.md.j2").read_text(encoding="utf-8")
    glance = builtin[builtin.index("{% if key_figures %}") : builtin.index('## {{ _("Engagement") }}')]
    reordered = builtin.replace(glance, "").replace(
        '## {{ _("Key points") }}',
        glance
        + "## Points to make {: #points .left}\n\n{% for f in watch %}\n- {{ f.text }}{{ cite(f, short=true) }}\n"
        + '{% endfor %}\n\n## {{ _("Key points") }}',
    )
    (templates / "briefing.md.j2").write_text(reordered, encoding="utf-8")
    out = tmp_path / "out"
    build(project, out, BuildOptions(only=("briefing",)))
    html = (out / "briefing.html").read_text(encoding="utf-8")
    left, right = re.search(r'<div class="column left">(.*?)<div class="column right">(.*?)</div>', html, re.S).groups()
    assert left.index('class="s-points"') < left.index('class="s-key-points"')
    assert 'class="s-glance"' in right and 'class="s-glance"' not in left
    assert right.index('class="s-glance"') < right.index('class="s-engagement"')
    holds_everything(out, "briefing")


def test_a_stylesheet_that_clips_the_page_fails_in_one_line_and_changes_nothing(tmp_path):
    project = copy_kenya(tmp_path)
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "style.css").write_text(
        '{% include "!default/style.css" %}\n.column.right { height: 40mm; overflow: hidden; }\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RenderError) as failure:
        build(project, out, BuildOptions(only=("briefing",)))
    (line,) = failure.value.lines()
    assert "does not fit 1 page(s)" in line and "cut off" in line
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_a_document_without_a_page_limit_that_prints_over_itself_fails(tmp_path):
    project = copy_kenya(tmp_path)
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "style.css").write_text(
        '{% include "!default/style.css" %}\n.doc-milestones table { margin-top: -12mm; }\n',
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match=r"milestones does not print whole: .* prints over"):
        build(project, tmp_path / "out", BuildOptions(only=("milestones",)))


# -- any fact file -----------------------------------------------------------------------------

TOPICS = ("economy", "people", "energy")
_WORDS = st.sampled_from(
    "trade investment agreement cooperation partnership energy students visitors ministers projects "
    "summit infrastructure programme economic development".split()
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(_WORDS, min_size=8, max_size=80),
    facts=st.integers(min_value=1, max_value=9),
    milestones=st.integers(min_value=0, max_value=9),
)
def test_every_briefing_built_prints_whole_or_says_what_does_not_fit(tmp_path_factory, words, facts, milestones):
    """Generated fact files (long statements, many milestones): every briefing built is one page
    holding every statement its Markdown holds; one that cannot fit fails saying so."""
    folder = tmp_path_factory.mktemp("gen")
    sentence = " ".join(words)
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September")
    lines = [f"The partner states that {sentence} number {n} is agreed." for n in range(1, facts + 1)]
    lines += [f"In {months[n % 9]} {2016 + n % 8} the partners met on {sentence}." for n in range(1, milestones + 1)]
    (folder / "sources").mkdir()
    (folder / "sources" / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fact_entries = "".join(
        f'  - id: f{n}\n    topic: {TOPICS[n % 3]}\n    text: "{lines[n - 1]}"\n    source: a\n'
        f'    quote: "{lines[n - 1]}"\n    priority: {1 + n % 9}\n'
        for n in range(1, facts + 1)
    )
    milestone_entries = "".join(
        f"  - id: m{n}\n    date: {2016 + n % 8}-0{1 + n % 9}\n    topic: high-level visits\n"
        f'    text: "{lines[facts + n - 1]}"\n    source: a\n    quote: "{lines[facts + n - 1]}"\n'
        for n in range(1, milestones + 1)
    )
    project = folder / "brief.yaml"
    project.write_text(
        "format: 1\ntitle: A – B relations\nparties: [A, B]\nas_of: 2025-09-01\nsources:\n  a:\n    publisher: P\n"
        "    title: T\n    published: 2025-08-01\n    file: sources/a.txt\n"
        f"facts:\n{fact_entries}milestones:{' []' if not milestones else ''}\n{milestone_entries}",
        encoding="utf-8",
    )
    out = folder / "out"
    try:
        result = build(project, out, BuildOptions(only=("briefing",), parallel=False))
    except RenderError as error:
        assert "does not fit 1 page(s) even at the sparest layout" in error.lines()[0]
        assert not out.exists() or not (out / "briefing.pdf").exists()
        return
    assert result.pages["briefing"] == 1
    holds_everything(out, "briefing")


def test_notes_printed_at_the_end_prove_the_figures_they_quote(tmp_path):
    """With `notes = "end"` the notes are a list after the last section: each prints its quote's
    figures on a page that calls no note, and they are proven by being that note (a figure of its
    own in the template still fails)."""
    from conftest import JV_FACTS

    templates = tmp_path / "templates"
    templates.mkdir()
    for name in ("briefing", "factsheet"):
        (templates / f"{name}.md.j2").write_text(f'{{% extends "!default/{name}.md.j2" %}}{{% set notes = "end" %}}\n')
    out = tmp_path / "out"
    build(JV_FACTS, out, BuildOptions(fmt="pdf", template_dir=templates, only=["briefing", "factsheet"]))
    text = " ".join(page.extract_text() for page in PdfReader(out / "factsheet.pdf").pages)
    assert "7.52%" in text  # a quote's figure, printed in the notes at the end
    (templates / "factsheet.md.j2").write_text(
        '{% extends "!default/factsheet.md.j2" %}{% set notes = "end" %}{% block titleblock %}# Up 95%{% endblock %}\n'
    )
    with pytest.raises(FactbriefError, match="95"):
        build(JV_FACTS, tmp_path / "o2", BuildOptions(fmt="pdf", template_dir=templates, only=["factsheet"]))
