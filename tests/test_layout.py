"""How the printed pages look, measured from the PDFs: legible marking and notes, reading order,
aligned columns, pages that are filled before anything is dropped, headings kept with their rows."""

from __future__ import annotations

import re

from pypdf import PdfReader

from factbrief.build import build
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
    from factbrief.environment import builtin_template_dir

    templates = project.parent / "templates"
    templates.mkdir()
    text = (builtin_template_dir() / "briefing.md.j2").read_text(encoding="utf-8")
    renamed = text.replace("## Key points {", "## Main points {").replace(
        "## Relationship at a glance {", "## Figures {"
    )
    assert renamed.count("## Main points") == 1 and renamed.count("## Figures") == 1
    (templates / "briefing.md.j2").write_text(renamed, encoding="utf-8")
    build(project, tmp_path / "o", only=["briefing"])
    default = (minimal_output / "briefing.html").read_text(encoding="utf-8")
    html = (tmp_path / "o" / "briefing.html").read_text(encoding="utf-8")
    assert "Main points</h2>" in html and "Figures</h2>" in html
    assert _section_classes(html) == _section_classes(default)
    assert "s-key-points" in _section_classes(html) and "s-glance" in _section_classes(html)
    assert len(PdfReader(tmp_path / "o" / "briefing.pdf").pages) == 1
    # The written Markdown reads as people expect: the names are for the stylesheet only.
    assert "## Main points\n" in (tmp_path / "o" / "briefing.md").read_text(encoding="utf-8")


def test_a_heading_without_a_name_is_named_after_its_text(project, tmp_path):
    templates = project.parent / "templates"
    templates.mkdir()
    (templates / "memo.md.j2").write_text(
        '{% extends "_base.md.j2" %}{% block body %}\n## Points to make\n\nBe brief.\n{% endblock %}\n'
    )
    build(project, tmp_path / "o", only=["memo"])
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
