"""The HTML tree placed for print and for the screen: notes, pictures, the title block, sections,
columns, and the blocks the print proof reads back (printing/proof.py)."""

from __future__ import annotations

import base64
import copy
import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor


class PlaceForPrint(Treeprocessor):
    """Place the notes for print, wrap the title block and the sections.

    ``foot`` (the default): move each footnote's text to its first call as
    ``<span class="footnote">``, which the stylesheet floats to the foot of the page
    (``float: footnote``). A footnote called again later keeps its number as a plain superscript,
    so one source and quote keep one number.

    ``end``: keep Python-Markdown's numbered list of notes, as a last section headed "Notes"; each
    call links to its note. WeasyPrint lays these out several times faster than notes at the foot
    of each page (see bench/results.md).
    """

    def __init__(
        self, md: markdown.Markdown, placement: str, notes_title: str, pictures: dict[str, tuple[str, bytes]]
    ) -> None:
        super().__init__(md)
        self.placement = placement
        self.notes_title = notes_title
        self.pictures = pictures

    def run(self, root: etree.Element) -> None:
        _make_figures(root, self.pictures)
        if self.placement == "end":
            self._notes_at_end(root, self.notes_title)
        else:
            self._notes_at_foot(root)
        _join_caption_calls(root)
        _glue_calls(root)
        _mark_group_rows(root)
        self._wrap_title_block(root)
        self._wrap_sections(root)
        wrap_columns(root)
        mark_blocks(root)
        if self.placement != "end":
            add_screen_notes(root, self.notes_title)

    @staticmethod
    def _notes_at_end(root: etree.Element, title: str) -> None:
        """The footnote list becomes ``## Notes`` and an ``<ol class="notes">``, without back-links."""
        div = next((d for d in root.iter("div") if d.get("class") == "footnote"), None)
        if div is None:
            return
        notes = div.find("ol")
        for paragraph in notes.iter("p") if notes is not None else ():
            _strip_backlink(paragraph)
        for sup in root.iter("sup"):
            link = sup.find("a")
            if link is not None and link.get("class") == "footnote-ref":
                sup.set("class", "note-call")
        _remove(root, div)
        heading = etree.SubElement(root, "h2", {"id": "notes"})  # the section keeps its name in any language
        heading.text = title
        if notes is not None:
            notes.set("class", "notes")
            root.append(notes)

    @staticmethod
    def _notes_at_foot(root: etree.Element) -> None:
        """Each note goes to its first call in the text; to its first call in a picture's caption
        only if the text does not call it (a caption calls the notes of the values its picture
        plots, which the text around usually prints: the milestones' table below their timeline)."""
        notes: dict[str, etree.Element] = {}
        for div in list(root.iter("div")):
            if div.get("class") == "footnote":
                for li in div.iter("li"):
                    notes[li.get("id", "").removeprefix("fn:")] = li
                _remove(root, div)
        in_captions = {id(sup) for caption in root.iter("figcaption") for sup in caption.iter("sup")}
        calls = []
        for sup in list(root.iter("sup")):
            link = sup.find("a")
            if link is not None and link.get("class") == "footnote-ref":
                calls.append((sup, link, link.get("href", "").removeprefix("#fn:")))
        placing: dict[str, etree.Element] = {}
        for sup, _link, key in calls:
            if key not in placing or (id(placing[key]) in in_captions and id(sup) not in in_captions):
                placing[key] = sup
        for sup, link, key in calls:
            number = link.text or key
            sup.attrib.clear()
            sup.remove(link)
            if placing.get(key) is not sup or key not in notes:
                sup.set("class", "footnote-again")
                sup.text = number
                continue
            sup.tag = "span"
            sup.set("class", "footnote")
            sup.set("data-note", number)  # the stylesheet prints this number, not a layout counter
            _fill_note(sup, notes[key])

    @staticmethod
    def _wrap_sections(root: etree.Element) -> None:
        """Each h2 and what follows it, up to the next h2, in ``<section class="s-NAME">``.

        NAME is the name the template gives the heading (``## Key points {: #key-points}``), so the
        stylesheet's layout survives a heading renamed in a copied template; a heading without one
        is named after its text.
        """
        children = list(root)
        section = None
        for el in children:
            if el.tag == "h2":
                section = etree.Element("section", {"class": f"s-{section_name(el)}"})
                root.insert(list(root).index(el), section)
            if section is not None:
                root.remove(el)
                section.append(el)

    @staticmethod
    def _wrap_title_block(root: etree.Element) -> None:
        """Everything before the first h2 is the title block: wrap it for the header band."""
        children = list(root)
        first_h2 = next((i for i, el in enumerate(children) if el.tag == "h2"), len(children))
        if first_h2 == 0:
            return
        header = etree.Element("header", {"class": "titleblock"})
        for el in children[:first_h2]:
            root.remove(el)
            header.append(el)
        root.insert(0, header)


def _make_figures(root: etree.Element, pictures: dict[str, tuple[str, bytes]]) -> None:
    """A paragraph that is a picture Factbrief drew (its image, then its caption) becomes a
    ``<figure class="picture picture-KIND">``: the SVG embedded as a data: URL (the PDF keeps it as
    vectors and its text as text), the alternative text kept, the caption a ``<figcaption>``."""
    for paragraph in list(root.iter("p")):
        children = list(paragraph)
        if not children or children[0].tag != "img" or (paragraph.text or "").strip():
            continue
        image = children[0]
        drawn = pictures.get(image.get("src", ""))
        if drawn is None:
            continue
        kind, svg = drawn
        paragraph.tag = "figure"
        paragraph.set("class", f"picture picture-{kind}")
        paragraph.set("data-picture", image.get("src", ""))  # which picture: the print proof reads its scales
        image.set("src", "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii"))
        caption = etree.SubElement(paragraph, "figcaption")
        caption.text, image.tail = (image.tail or "").strip() or None, None
        for child in children[1:]:
            paragraph.remove(child)
            caption.append(child)


def _join_caption_calls(root: etree.Element) -> None:
    """A caption's run of calls to notes printed elsewhere prints as one call of ranges: ``1–24``."""
    for caption in root.iter("figcaption"):
        runs: list[list[etree.Element]] = [[]]
        for child in caption:
            repeat = child.tag == "sup" and child.get("class") in ("footnote-again", "note-call")
            if repeat and runs[-1] and not (runs[-1][-1].tail or "").strip():
                runs[-1].append(child)
            else:
                runs.append([child] if repeat else [])
        for run in (r for r in runs if len(r) > 1):
            first = run[0]
            numbers = ["".join(sup.itertext()) for sup in run]
            for sup in run[1:]:
                caption.remove(sup)
            for link in list(first):
                first.remove(link)
            first.text, first.tail = note_ranges(numbers), run[-1].tail


def note_ranges(numbers: list[str]) -> str:
    """``['1', '2', '3', '5']`` → ``1–3, 5``."""
    values = sorted({int(n) for n in numbers if n.isdigit()})
    runs: list[list[int]] = []
    for value in values:
        if runs and runs[-1][-1] == value - 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


def section_name(heading: etree.Element) -> str:
    """A heading's section name: its ``{: #name}``, else its text as a slug ("Key points" → key-points)."""
    given = heading.get("id") or "".join(heading.itertext())
    return re.sub(r"[^a-z0-9]+", "-", given.lower()).strip("-")


_CALL_CLASSES = ("footnote", "footnote-again", "note-call")
WORD_JOINER = "\u2060"


def _glue_calls(root: etree.Element) -> None:
    """Put a word joiner before each note call, so a line never breaks between a word and its call;
    between two calls in a run, a superscript comma ("year.1,2")."""
    runs: list[tuple[etree.Element, etree.Element]] = []
    for parent in root.iter():
        for index, child in enumerate(parent):
            if child.get("class") not in _CALL_CLASSES:
                continue
            if index == 0:
                if parent.text and not parent.text[-1].isspace():
                    parent.text += WORD_JOINER
            else:
                before = parent[index - 1]  # text or an element ("**bold**[^1]", "[^1][^2]")
                if before.get("class") in _CALL_CLASSES and not (before.tail or "").strip():
                    runs.append((parent, before))
                elif not before.tail or not before.tail[-1].isspace():
                    before.tail = (before.tail or "") + WORD_JOINER
    for parent, before in runs:
        separator = etree.Element("sup", {"class": "note-separator"})
        separator.text, separator.tail = ",", WORD_JOINER
        before.tail = WORD_JOINER
        parent.insert(list(parent).index(before) + 1, separator)


def _mark_group_rows(root: etree.Element) -> None:
    """A table row that only titles the rows below it (``| **Economy** | | |``) gets ``class="group"``,
    so the stylesheet can keep it with the next row."""
    for row in root.iter("tr"):
        cells = list(row)
        if len(cells) < 2:
            continue
        first, *rest = cells
        if (
            len(first) == 1
            and first[0].tag == "strong"
            and not (first.text or "").strip()
            and not (first[0].tail or "").strip()
            and not any("".join(cell.itertext()).strip() for cell in rest)
        ):
            row.set("class", "group")


def _fill_note(span: etree.Element, li: etree.Element) -> None:
    """Copy the footnote's paragraph content into the span, without its back-link."""
    paragraph = li.find("p")
    source = paragraph if paragraph is not None else li
    _strip_backlink(source)
    span.text = source.text
    for child in list(source):
        span.append(child)


def _strip_backlink(paragraph: etree.Element) -> None:
    """Drop Python-Markdown's back-link (the note's last element) and the no-break space before it."""
    for link in list(paragraph):
        if link.tag == "a" and link.get("class") == "footnote-backref":
            paragraph.remove(link)
    if len(paragraph):
        paragraph[-1].tail = _without_trailing_space(paragraph[-1].tail)
    else:
        paragraph.text = _without_trailing_space(paragraph.text)


def _without_trailing_space(text: str | None) -> str:
    text = (text or "").rstrip(" ")
    return text.removesuffix(NBSP_PLACEHOLDER).removesuffix("\u00a0").rstrip(" ")


def _remove(root: etree.Element, element: etree.Element) -> None:
    for parent in root.iter():
        if element in list(parent):
            parent.remove(element)
            return


# -- columns ------------------------------------------------------------------------------------

COLUMNS = ("left", "right")  # the classes a heading gives its section's column: ## Title {: .left}


def column_of(section: etree.Element) -> str | None:
    """The column a section's heading puts it in (``{: .left}`` or ``{: .right}``), or None: across."""
    heading = section[0] if len(section) and section[0].tag == "h2" else None
    classes = (heading.get("class") or "").split() if heading is not None else []
    return next((c for c in COLUMNS if c in classes), None)


def wrap_columns(root: etree.Element) -> None:
    """Each run of sections placed in columns goes into one ``<div class="columns">`` holding a
    ``<div class="column left">`` and a ``<div class="column right">``, each with its sections in
    the template's order. A section across both columns ends the run; so does a left section after
    a right one, which starts a new pair of columns below. The stylesheet lays a run out as CSS
    columns, which break across pages like any text: reading order (and the notes' order) is the
    left column, then the right."""
    run: dict[str, etree.Element] | None = None
    for element in list(root):
        column = column_of(element) if element.tag == "section" else None
        if column is None:
            run = None
            continue
        if run is None or (column == "left" and len(run["right"])):
            wrapper = etree.Element("div", {"class": "columns"})
            root.insert(list(root).index(element), wrapper)
            run = {side: etree.SubElement(wrapper, "div", {"class": f"column {side}"}) for side in COLUMNS}
        root.remove(element)
        run[column].append(element)


# -- blocks for the print proof ---------------------------------------------------------------

BLOCK_TAGS = frozenset(
    {"header", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "figure", "pre", "blockquote", "hr", "dt", "dd"}
)


def mark_blocks(root: etree.Element) -> None:
    """Number every block the page prints (``data-block="b1"``…): the outermost heading,
    paragraph, list item, table row, picture or title block. The print proof finds each of
    them on the laid-out pages. Notes are proven by their numbers."""
    count = 0

    def walk(element: etree.Element) -> None:
        nonlocal count
        for child in element:
            if child.tag == "span" and "footnote" in (child.get("class") or "").split():
                continue
            if child.tag in BLOCK_TAGS:
                count += 1
                child.set("data-block", f"b{count}")
            else:
                walk(child)

    walk(root)


# -- the screen view ---------------------------------------------------------------------------


def add_screen_notes(root: etree.Element, title: str) -> None:
    """For a browser, which cannot print notes at a page's foot: a numbered list of the notes
    after the last section, and a link to its note beside every call. Both are ``screen-only``:
    the stylesheet shows them on a screen and the print shows the notes at the foot instead."""
    notes: dict[str, etree.Element] = {}
    for parent in list(root.iter()):
        for child in list(parent):
            classes = (child.get("class") or "").split()
            if child.tag == "span" and "footnote" in classes:
                notes.setdefault(child.get("data-note", ""), child)
                number = child.get("data-note", "")
            elif child.tag == "sup" and "footnote-again" in classes:
                number = re.split(r"[^0-9]", "".join(child.itertext()).strip() + " ")[0]
            else:
                continue
            call = etree.Element("sup", {"class": "screen-only screen-call"})
            link = etree.SubElement(call, "a", {"href": f"#note-{number}"})
            link.text = "".join(child.itertext()) if child.tag == "sup" else number
            call.tail, child.tail = child.tail, None
            parent.insert(list(parent).index(child) + 1, call)
    if not notes:
        return
    section = etree.SubElement(root, "section", {"class": "screen-only screen-notes"})
    heading = etree.SubElement(section, "h2")
    heading.text = title
    listing = etree.SubElement(section, "ol", {"class": "notes"})
    for number in sorted(notes, key=lambda n: int(n) if n.isdigit() else 0):
        item = etree.SubElement(listing, "li", {"id": f"note-{number}", "value": number})
        span = copy.deepcopy(notes[number])
        item.text = span.text
        for child in span:
            item.append(child)
