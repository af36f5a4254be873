"""Make templates/reference.docx, the built-in Word template (``make reference-docx``).

Pandoc's own reference document, restyled with python-docx to look like the PDF: A4 with the
stylesheet's margins, DejaVu Serif body and DejaVu Sans headings, small footnotes, a "Marking"
style for the marking above the title, a plain ruled "Table" style. An office copies it
(``factbrief templates copy reference.docx``) and changes it in Word: styles, fonts, margins,
header and footer.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
SERIF, SANS = "DejaVu Serif", "DejaVu Sans"
INK, ACCENT = RGBColor(0x1A, 0x1A, 0x1A), RGBColor(0x1F, 0x3A, 0x5F)


def style(document, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    names = {s.name: s for s in document.styles}
    return names.get(name) or document.styles.add_style(name, kind)


def main(out: Path = OUT) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "reference.docx"
        with base.open("wb") as handle:
            subprocess.run(
                [pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"], stdout=handle, check=True
            )
        document = docx.Document(str(base))
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.right_margin = Mm(17), Mm(16)
        section.bottom_margin, section.left_margin = Mm(18), Mm(16)
        section.header_distance = section.footer_distance = Mm(8)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = SERIF, Pt(9.5), INK
    normal.paragraph_format.space_after = Pt(4)
    for name in ("Body Text", "First Paragraph", "Compact"):
        s = style(document, name)
        s.font.name, s.font.size = SERIF, Pt(9.5)
        s.paragraph_format.space_before = Pt(0)
        s.paragraph_format.space_after = Pt(2 if name == "Compact" else 4)
    for level, size in ((1, 12), (2, 10.5), (3, 9.5)):
        s = style(document, f"Heading {level}")
        s.font.name, s.font.size, s.font.bold, s.font.color.rgb = SANS, Pt(size), True, ACCENT
        s.paragraph_format.space_before, s.paragraph_format.space_after = Pt(9 if level == 1 else 6), Pt(3)
    title = style(document, "Title")
    title.font.name, title.font.size, title.font.bold, title.font.color.rgb = SANS, Pt(18), True, ACCENT
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    subtitle = style(document, "Subtitle")
    subtitle.font.name, subtitle.font.size, subtitle.font.color.rgb = SANS, Pt(9.5), INK
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    subtitle.font.bold = False
    for spacing in subtitle.element.xpath(".//w:rPr/w:spacing"):  # Pandoc's subtitle is letter-spaced
        spacing.getparent().remove(spacing)
    marking = style(document, "Marking")
    marking.base_style = normal
    marking.font.name, marking.font.size, marking.font.bold = SANS, Pt(9), True
    marking.font.color.rgb = RGBColor(0x9B, 0x1C, 0x1C)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for name in ("Footnote Text",):
        s = style(document, name)
        s.font.name, s.font.size = SERIF, Pt(7.5)
        s.paragraph_format.space_after = Pt(1)
    for name in ("Header", "Footer"):
        s = style(document, name)
        s.base_style = normal
        s.font.name, s.font.size, s.font.color.rgb = SANS, Pt(8), RGBColor(0x55, 0x55, 0x55)
    table = style(document, "Table", WD_STYLE_TYPE.TABLE)
    table.font.name, table.font.size = SANS, Pt(8.5)
    document.core_properties.title = "Factbrief Word template"
    document.core_properties.author = ""
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
