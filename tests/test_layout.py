"""How the printed pages look, measured from the PDFs: legible marking and notes, reading order,
aligned columns, pages that are filled before anything is dropped, headings kept with their rows."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from factbrief.build import BuildOptions, build
from pdftext import find, text_runs

DOCS = ("briefing", "factsheet", "milestones")
NAVY = (0x1F / 255, 0x3A / 255, 0x5F / 255)  # the header band (style.css --navy)


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (rgb * 3 if len(rgb) == 1 else rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_marking_is_legible_in_the_band_and_printed_in_the_margins(jv_output):
    for doc in DOCS:
        reader = PdfReader(jv_output / f"{doc}.pdf")
        height = float(reader.pages[0].mediabox.height)
        runs = [r for r in find(text_runs(jv_output / f"{doc}.pdf"), "UNCLASSIFIED") if r.page == 0]
        top = [r for r in runs if r.y > height - 40]
        bottom = [r for r in runs if r.y < 40]
        band = [r for r in runs if 40 <= r.y <= height - 40]
        assert top and bottom, f"{doc}: the marking is not in both page margins"
        assert len(band) == 1, f"{doc}: the marking is not in the header band"
        assert contrast(band[0].color, NAVY) >= 4.5, f"{doc}: the marking is {band[0].color} on the navy band"


def _section_classes(html: str) -> list[str]:
    return re.findall(r'<section class="([^"]+)"', html)


def test_sections_keep_their_names_when_a_copied_template_renames_its_headings(project, tmp_path, minimal_output):
    """The stylesheet lays out sections by the names the template gives them, not by heading text."""
    from factbrief.templating.environment import builtin_template_dir

    templates = project.parent / "templates"
    templates.mkdir()
    text = (builtin_template_dir() / "briefing.md.j2").read_text(encoding="utf-8")
    renamed = text.replace('## {{ _("Key points") }} {', "## Main points {").replace(
        '## {{ _("Relationship at a glance") }} {', "## Figures {"
    )
    assert renamed.count("## Main points") == 1 and renamed.count("## Figures") == 1
    (templates / "briefing.md.j2").write_text(renamed, encoding="utf-8")
    build(project, tmp_path / "o", BuildOptions(only=["briefing"]))
    default = (minimal_output / "briefing.html").read_text(encoding="utf-8")
    html = (tmp_path / "o" / "briefing.html").read_text(encoding="utf-8")
    assert "Main points</h2>" in html and "Figures</h2>" in html
    assert _section_classes(html) == _section_classes(default)
    assert "s-key-points" in _section_classes(html) and "s-glance" in _section_classes(html)
    assert len(PdfReader(tmp_path / "o" / "briefing.pdf").pages) == 1
    runs = text_runs(tmp_path / "o" / "briefing.pdf")
    [left], [right] = find(runs, "MAIN POINTS"), find(runs, "FIGURES")
    assert right.x > left.x + 200 and abs(left.y - right.y) < 0.5  # still side by side
    # The written Markdown reads as people expect: the names are for the stylesheet only.
    assert "## Main points\n" in (tmp_path / "o" / "briefing.md").read_text(encoding="utf-8")


def test_a_heading_without_a_name_is_named_after_its_text(project, tmp_path):
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "memo.md.j2").write_text(
        '{% extends "_base.md.j2" %}{% block body %}\n## Points to make\n\nBe brief.\n{% endblock %}\n'
    )
    build(project, tmp_path / "o", BuildOptions(only=["memo"]))
    assert _section_classes((tmp_path / "o" / "memo.html").read_text(encoding="utf-8")) == ["s-points-to-make"]


def test_data_cannot_name_a_section_or_set_attributes(project, tmp_path):
    """Braces in fact text are escaped: "{: …}" prints literally and never becomes an attribute."""
    from conftest import edit

    hostile = '{: #watch style="display:none"}'
    edit(project, "topic: disputes", f"topic: 'disputes {hostile}'")  # a heading in the fact sheet
    edit(
        project,
        "text: Sylvania is Freedonia’s second-largest trading partner.",
        f"text: 'Sylvania is Freedonia’s second-largest trading partner {hostile}'",
    )
    build(project, tmp_path / "o")
    for doc in DOCS:
        html = (tmp_path / "o" / f"{doc}.html").read_text(encoding="utf-8")
        assert not re.search(r"<\w+[^>]*\sstyle=\"display", html), f"{doc}: fact text set an attribute"
        assert html.count('id="watch"') == (doc == "briefing"), f"{doc}: fact text named an element"
    text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "o" / "factsheet.pdf").pages)
    assert text.count(hostile) == 2


def _is_call(run) -> bool:
    return run.text.strip().isdigit() and run.size < 6.5


def test_nothing_but_note_calls_is_printed_below_7pt(jv_output, minimal_output):
    """Notes print at 7 pt or more in every document, as does everything else but the calls."""
    for out in (jv_output, minimal_output):
        for doc in DOCS:
            small = {(r.text[:30], round(r.size, 2)) for r in text_runs(out / f"{doc}.pdf") if r.size < 6.95}
            small -= {(t, s) for t, s in small if re.fullmatch(r"[\d–, ]+", t.strip())}  # calls: 3, 1–24
            assert not small, f"{out.name}/{doc}: printed below 7 pt: {sorted(small)[:5]}"


def _briefing_columns(path) -> tuple[float, list, list, list]:
    """The briefing's runs above the notes: those before the columns, the left and the right column."""
    runs = [r for r in text_runs(path) if r.page == 0]
    [key_points] = find(runs, "KEY POINTS")
    notes_top = max(r.y for r in runs if re.fullmatch(r"1\.\s*", r.text))  # the first note's marker
    middle = float(PdfReader(path).pages[0].mediabox.width) / 2
    body = [r for r in runs if notes_top + 2 < r.y < 780]  # not the notes, header band or margins
    above = [r for r in body if r.y > key_points.y + 1]
    columns = [r for r in body if r.y <= key_points.y + 1]
    return notes_top, above, [r for r in columns if r.x < middle], [r for r in columns if r.x >= middle]


def test_briefing_notes_are_numbered_in_reading_order(jv_output, minimal_output):
    """Read the purpose, then the left column top to bottom, then the right: each new note number is
    the next one; a note called again keeps its (smaller) number."""
    for out in (jv_output, minimal_output):
        _, above, left, right = _briefing_columns(out / "briefing.pdf")
        calls = [
            int(r.text)
            for part in (above, left, right)
            for r in sorted(part, key=lambda r: (-round(r.y), r.x))
            if _is_call(r)
        ]
        seen = 0
        for number in calls:
            assert number <= seen + 1, f"{out.name}: note {number} is read after only {seen} notes: {calls}"
            seen = max(seen, number)
        assert seen >= 5 and len(calls) >= seen  # several notes (the briefing prints nothing twice)


def test_briefing_column_headings_share_a_baseline(jv_output, minimal_output):
    for out in (jv_output, minimal_output):
        runs = text_runs(out / "briefing.pdf")
        [left] = find(runs, "KEY POINTS")
        [right] = find(runs, "RELATIONSHIP AT A GLANCE")
        assert right.x > left.x + 200, "the key figures are not beside the key points"
        assert abs(left.y - right.y) < 0.5, f"{out.name}: column headings at y={left.y:.1f} and y={right.y:.1f}"


def _table_rows(markdown: str) -> int:
    """The body rows of the Markdown table in this text (its header and rule not counted)."""
    return len(re.findall(r"^\| ", markdown, re.M)) - 1


def test_briefing_fills_its_page_before_dropping_content(jv_output):
    """The curated briefing keeps its key points and figures (its notes now show each claim whole,
    so they take more of the page than they did) and neither column leaves a gap above the notes
    (before: 36 mm under the right column)."""
    markdown = (jv_output / "briefing.md").read_text(encoding="utf-8")
    key_points = markdown.split("## Key points", 1)[1].split("\n## ", 1)[0]
    glance = markdown.split("## Relationship at a glance", 1)[1].split("\n## ", 1)[0]
    assert key_points.count("\n- ") >= 4
    assert _table_rows(glance) >= 4
    notes_top, _, left, right = _briefing_columns(jv_output / "briefing.pdf")
    for name, column in (("left", left), ("right", right)):
        gap_mm = (min(r.y for r in column) - notes_top) * 25.4 / 72
        # A last line's baseline sits about 6 mm above the first note's (the notes' rule and margin);
        # the shorter column may end up to about two items higher (the next item did not fit).
        assert gap_mm < 25, f"the {name} column ends {gap_mm:.0f} mm above the first note"


def test_milestones_ahead_starts_with_its_rows(jv_output):
    """The heading "Ahead" is never left at the foot of a page: its page holds its rows (here all)."""
    markdown = (jv_output / "milestones.md").read_text(encoding="utf-8")
    ahead_rows = _table_rows(markdown.split("## Ahead", 1)[1])
    runs = text_runs(jv_output / "milestones.pdf")
    [heading] = find(runs, "AHEAD")
    below = [r for r in runs if r.page == heading.page and r.y < heading.y and r.size > 7.5]
    dates = [r for r in below if re.fullmatch(r"(\d{1,2} )?([A-Z][a-z]+ )?\d{4}", r.text.strip())]
    assert len(dates) >= min(ahead_rows, 3), f"'Ahead' on page {heading.page + 1} holds {len(dates)} of its rows"


# -- the fitting memory: a rebuild lays out only the layout it chooses ---------------------------------------


def _laid_out(monkeypatch) -> list[str]:
    """Count the layouts printing lays out, in this process (builds with parallel=False)."""
    import factbrief.printing.fitting as layout

    names: list[str] = []
    real = layout.lay_out

    def counting(html, base_dir, allowed, name):
        names.append(name)
        return real(html, base_dir, allowed, name)

    monkeypatch.setattr(layout, "lay_out", counting)
    return names


def test_a_rebuild_starts_where_the_last_fitting_ended_and_prints_the_same(tmp_path, monkeypatch):
    """The fitting memory is where the last build's fitting ended: a rebuild lays out that layout
    (it must fit) and the fuller one before it (it must not), and prints the same PDFs."""
    import json

    from conftest import JV_FACTS
    from factbrief.printing import fitmemory

    laid_out = _laid_out(monkeypatch)
    out = tmp_path / "out"
    build(JV_FACTS, out, BuildOptions(parallel=False))
    first = laid_out.count("briefing")
    assert 2 <= first <= 5  # the curated briefing needs fitting: measured, not tried one by one
    memory = json.loads((out / fitmemory.FILE).read_text(encoding="utf-8"))
    assert sorted(memory["fits"]) == ["briefing", "talking-points"]  # only page-limited documents are fitted
    pdfs = {d: (out / f"{d}.pdf").read_bytes() for d in DOCS}

    laid_out.clear()
    build(JV_FACTS, out, BuildOptions(parallel=False))
    assert laid_out.count("briefing") <= 2
    assert {d: (out / f"{d}.pdf").read_bytes() for d in DOCS} == pdfs


@pytest.mark.parametrize(
    "memory",
    [
        '{"fits": {"briefing": [0, null]}}',  # the fullest layout
        '{"fits": {"briefing": [14, null]}}',  # the sparest
        '{"fits": {"briefing": [9, 0]}}',  # fewer items in the largest type
        '{"fits": {"briefing": [99, 7]}}',  # nowhere
        '{"fits": {"briefing": "everything fits"}}',
        "not json",
    ],
)
def test_a_forged_fitting_memory_costs_time_never_another_pdf(tmp_path, monkeypatch, memory):
    """A memory is a hint where to start; every verdict is laid out anew, so whatever the output
    folder holds, the briefing is the cold build's, byte for byte."""
    from conftest import JV_FACTS
    from factbrief.printing import fitmemory

    cold = tmp_path / "cold"
    build(JV_FACTS, cold, BuildOptions(parallel=False, only=("briefing",)))
    out = tmp_path / "out"
    out.mkdir()
    (out / fitmemory.FILE).write_text(memory, encoding="utf-8")
    build(JV_FACTS, out, BuildOptions(parallel=False, only=("briefing",)))
    assert (out / "briefing.pdf").read_bytes() == (cold / "briefing.pdf").read_bytes()
    assert (out / "briefing.md").read_bytes() == (cold / "briefing.md").read_bytes()
