"""How the printed pages look, measured from the PDFs: legible marking and notes, reading order,
aligned columns, pages that are filled before anything is dropped, headings kept with their rows."""

from __future__ import annotations

from pypdf import PdfReader

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
