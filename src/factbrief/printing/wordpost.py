"""A Word file as Pandoc wrote it, finished with python-docx: what Pandoc's Markdown cannot say.

- the marking (``marking:`` in the fact file) in every page's header and footer, above whatever
  the office's ``reference.docx`` puts there, and the page number in the footer;
- the document properties: title, subject (the document's kind), language, keywords (the
  parties), the date of the brief, and the fact file's ``office:`` as author where it names one;
- footnotes numbered through the document;
- the same bytes for the same inputs (every part stamped with the brief's date);
- the tables' layout: the page's full width, the header row repeated on each page, no row split
  across pages.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from factbrief.model import FactFile
from factbrief.render import RenderedDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def finish(data: bytes, doc: RenderedDocument, fact_file: FactFile) -> bytes:
    """The Word file with its marking, properties and table layout."""
    import docx

    document = docx.Document(io.BytesIO(data))
    _properties(document, doc, fact_file)
    if fact_file.marking:
        _marking(document, fact_file.marking)
    for table in document.tables:
        _layout(table)
    _notes_numbered_through(document)
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue(), fact_file.as_of)


def _reproducible(data: bytes, when: dt.date) -> bytes:
    """The same file for the same inputs: every part of the package stamped with the brief's date
    (python-docx stamps them with the time of saving)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def _properties(document, doc: RenderedDocument, fact_file: FactFile) -> None:
    props = document.core_properties
    props.title = doc.title
    props.subject = doc.kind
    props.language = fact_file.documents_language
    props.keywords = ", ".join(fact_file.parties)
    props.author = props.last_modified_by = fact_file.office or ""  # never the reference document's author
    props.comments = "Written by Factbrief; every figure carries the footnote of its source."
    when = dt.datetime.combine(fact_file.as_of, dt.time(), tzinfo=dt.UTC).replace(tzinfo=None)
    props.created = props.modified = when
    props.revision = 1


def _marking(document, marking: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in document.sections:
        for part, where in ((section.header, "header"), (section.footer, "footer")):
            paragraph = _first_paragraph(part, document, where.capitalize())
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(marking)
            run.bold = True
            if where == "footer":
                _page_number(part.add_paragraph())


def _first_paragraph(part, document, style: str):
    """An empty paragraph at the top of a header or footer (the reference's own content stays below)."""
    paragraphs = part.paragraphs
    if paragraphs and not paragraphs[0].text.strip() and len(paragraphs) == 1:
        paragraph = paragraphs[0]
    else:
        paragraph = paragraphs[0].insert_paragraph_before() if paragraphs else part.add_paragraph()
    names = {s.name for s in document.styles}
    if style in names:  # Word's own "Header" and "Footer" (an office's template may lack them)
        paragraph.style = document.styles[style]
    return paragraph


def _page_number(paragraph) -> None:
    """The page number, a PAGE field (Word fills it in; no digit of Factbrief's own is printed)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _notes_numbered_through(document) -> None:
    """Footnotes numbered 1…N through the document, as the PDF numbers its notes (Pandoc's section
    restarts them; LibreOffice reads that as a restart at every heading)."""
    from docx.oxml.ns import qn

    for section in document.sections:
        for restart in section._sectPr.iter(qn("w:numRestart")):
            restart.set(qn("w:val"), "continuous")


def _layout(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        for tag in ("w:cantSplit", *(("w:tblHeader",) if index == 0 else ())):
            if tr_pr.find(qn(tag)) is None:
                tr_pr.append(OxmlElement(tag))
