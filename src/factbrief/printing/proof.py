"""The print proof: a laid-out document read back from its pages, every block proven printed whole.

The page HTML marks each block it prints — a heading, a paragraph, a list item, a table row, a
picture, the title block — with ``data-block`` (printing/page.py), and each note is a
``span.footnote`` with its number. Once WeasyPrint has laid the page out, the proof walks the
boxes of every page and proves, whatever the template or the stylesheet did:

- every block is on a page, and every note too;
- every block's ink (its box and the text inside it) is inside the page's content area, above the
  notes at its foot, and not cut off by a box that clips what overflows it, nor hidden;
- no two blocks, and no block and a note, print over each other;
- every note is at the foot of the page where it is first called, and the notes run 1…N in
  reading order, once each.

A layout that fails does not fit (printing/fitting.py): the fitter tries the next one, and a build
never writes a PDF that fails its proof. Reading the boxes costs a millisecond or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

BLOCK = "data-block"
TOLERANCE = 1.0  # CSS px: borders that touch, rounding
_BLOCK_RE = re.compile(r'\bdata-block="([^"]+)"')
_NOTE_RE = re.compile(r'<span class="footnote" data-note="(\d+)"')

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass
class Fragment:
    """The part of one block on one page (a block can break across columns and pages)."""

    block: str  # its data-block, or "note N"
    page: int  # 0-based
    box: Rect  # its border box
    ink: Rect  # the box and every text inside it
    clipped: bool = False  # some of its text lies outside a box that clips its overflow
    hidden: bool = False  # some of its text is set invisible


@dataclass
class PrintProof:
    """What the pages hold, and every way they fail to hold the document."""

    problems: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # the blocks on no page
    # What the fitter measures (printing/fitting.py), in pages: 1.0 is one page's content area.
    fill: float = 0.0  # how full the pages are: the last page's used height counts in part
    areas: dict[str, float] = field(default_factory=dict)  # each block's ink
    note_areas: dict[int, float] = field(default_factory=dict)  # each note's ink
    # What each page shows besides its blocks, for the account of its digits (printing/digits.py):
    refers: list[set[int]] = field(default_factory=list)  # the notes it calls or prints
    pictures: list[set[str]] = field(default_factory=list)  # the pictures it prints (file names)

    @property
    def holds(self) -> bool:
        return not self.problems


def prove(document: Any, html: str) -> PrintProof:
    """Prove a laid-out ``weasyprint.Document`` of ``html``."""
    names: dict[str, str] = {}

    def name(block: str) -> str:
        if not names:
            names.update(block_labels(html))
        return names.get(block, block)

    expected = list(dict.fromkeys(_BLOCK_RE.findall(html)))
    notes = [int(n) for n in _NOTE_RE.findall(html)]
    proof = PrintProof()
    fragments: list[Fragment] = []
    calls: dict[int, int] = {}  # note → page of its first call
    placed: list[tuple[int, int]] = []  # (page, note) in the order the foot areas hold them
    for number, page in enumerate(document.pages):
        box = page._page_box
        area = _content_area(box)
        foot = next((c for c in box.children if type(c).__name__ == "FootnoteAreaBox"), None)
        foot_top = foot.border_box_y() if foot is not None and foot.children else area[3]
        refers: set[int] = set()
        pictures: set[str] = set()
        page_fragments = list(_fragments(box, number, calls, refers, pictures))
        proof.refers.append(refers)
        proof.pictures.append(pictures)
        if foot is not None:
            for note_box in foot.children:
                element = getattr(note_box, "element", None)
                if element is not None and element.get("data-note", "").isdigit():
                    n = int(element.get("data-note"))
                    placed.append((number, n))
                    refers.add(n)
                    ink = _union(_rect(note_box), *_text_rects(note_box))
                    page_fragments.append(Fragment(f"note {n}", number, _rect(note_box), ink))
        for fragment in page_fragments:
            where = f"page {number + 1}"
            is_note = fragment.block.startswith("note ")
            bottom = area[3] if is_note else foot_top
            if not _inside(fragment.ink, (area[0], area[1], area[2], bottom)):
                what = "the notes at its foot" if not is_note and bottom < area[3] else "its margins"
                proof.problems.append(f"{_shown(fragment, name)} runs into {what} on {where}")
            if fragment.clipped:
                proof.problems.append(f"{_shown(fragment, name)} is cut off on {where}")
            if fragment.hidden:
                proof.problems.append(f"{_shown(fragment, name)} is set invisible on {where}")
        for a, b in _overlapping(page_fragments):
            proof.problems.append(f"{_shown(a, name)} prints over {_shown(b, name)} on page {number + 1}")
        fragments += page_fragments
        page_area = (area[2] - area[0]) * (area[3] - area[1])
        body = [f for f in page_fragments if not f.block.startswith("note ")]
        used = max((f.ink[3] for f in body), default=area[1]) - area[1] + (area[3] - foot_top)
        # Every page before the last is full: what runs onto the next page did not fit on it.
        proof.fill += 1.0 if number < len(document.pages) - 1 else used / (area[3] - area[1])
        for f in page_fragments:
            share = (f.ink[2] - f.ink[0]) * (f.ink[3] - f.ink[1]) / page_area
            if f.block.startswith("note "):
                n = int(f.block.removeprefix("note "))
                proof.note_areas[n] = proof.note_areas.get(n, 0.0) + share
            else:
                proof.areas[f.block] = proof.areas.get(f.block, 0.0) + share
    found = {f.block for f in fragments}
    proof.lost = [b for b in expected if b not in found]
    proof.problems += [f"{name(b)} is on no page" for b in proof.lost]
    note_pages: dict[int, int] = {}
    for page_number, n in placed:
        note_pages.setdefault(n, page_number)
    for n in notes:
        if n not in note_pages:
            proof.problems.append(f"note {n} is on no page")
        elif calls.get(n) is not None and calls[n] != note_pages[n]:
            proof.problems.append(
                f"note {n} is printed on page {note_pages[n] + 1}, its first call on page {calls[n] + 1}"
            )
    order = [n for _page, n in placed]
    if order != sorted(set(order)) or (order and order != list(range(1, len(order) + 1))):
        proof.problems.append(f"the notes do not run 1…{len(notes)} in reading order: {_ranges(order)}")
    return proof


def _fragments(
    page_box: Any, page: int, calls: dict[int, int], refers: set[int], pictures: set[str]
) -> Iterator[Fragment]:
    """Each block's fragment on this page: its outermost box, with the ink of everything inside;
    ``calls``, ``refers`` and ``pictures`` gather the page's calls and pictures."""
    stack: list[tuple[Any, Any, Rect | None, Fragment | None, bool]] = [(page_box, None, None, None, False)]
    while stack:
        box, parent_element, clip, current, in_call = stack.pop()
        kind = type(box).__name__
        if kind == "FootnoteAreaBox":
            continue
        element = getattr(box, "element", None)
        tag = getattr(box, "element_tag", "") or ""
        if tag.endswith("::footnote-call") and element is not None:
            number = element.get("data-note", "")
            if number.isdigit():
                calls.setdefault(int(number), page)
                refers.add(int(number))
        if element is not None and element.get("data-picture"):
            pictures.add(element.get("data-picture"))
        note_id = element.get("id", "") if element is not None and "::" not in tag else ""
        if note_id.startswith("fn:") and note_id[3:].isdigit():  # a note printed at the end (notes = "end")
            refers.add(int(note_id[3:]))
        classes = (element.get("class") or "").split() if element is not None and "::" not in tag else []
        in_call = in_call or (tag == "sup" and bool({"footnote-again", "note-call"} & set(classes)))
        if in_call and kind == "TextBox":
            refers.update(_note_numbers(getattr(box, "text", "")))
        if element is not None and element is not parent_element and "::" not in tag and element.get(BLOCK):
            current = Fragment(element.get(BLOCK), page, _rect(box), _rect(box))
            yield current
        if current is not None and kind == "TextBox" and getattr(box, "text", "").strip():
            rect = _rect(box)
            current.ink = _union(current.ink, rect)
            if clip is not None and not _inside(rect, clip):
                current.clipped = True
            if box.style["visibility"] != "visible":
                current.hidden = True
        style = getattr(box, "style", None)
        if style is not None and kind != "PageBox" and style["overflow"] != "visible" and hasattr(box, "padding_box_x"):
            own = (
                box.padding_box_x(),
                box.padding_box_y(),
                box.padding_box_x() + box.padding_width(),
                box.padding_box_y() + box.padding_height(),
            )
            clip = own if clip is None else _intersection(clip, own)
        for child in reversed(getattr(box, "children", ())):
            stack.append((child, element if element is not None else parent_element, clip, current, in_call))


def _note_numbers(text: str) -> set[int]:
    """The notes a call's text names: "3", "1–24", "2, 5"."""
    numbers: set[int] = set()
    for first, last in re.findall(r"(\d+)(?:\s*[–-]\s*(\d+))?", text):
        numbers.update(range(int(first), int(last or first) + 1))
    return numbers


def _content_area(page_box: Any) -> Rect:
    x, y = page_box.content_box_x(), page_box.content_box_y()
    return (x, y, x + page_box.width, y + page_box.height)


def _rect(box: Any) -> Rect:
    x, y = box.border_box_x(), box.border_box_y()
    return (x, y, x + box.border_width(), y + box.border_height())


def _text_rects(box: Any) -> Iterator[Rect]:
    for child in box.descendants():
        if type(child).__name__ == "TextBox" and getattr(child, "text", "").strip():
            yield _rect(child)


def _union(*rects: Rect) -> Rect:
    return (min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects))


def _intersection(a: Rect, b: Rect) -> Rect:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _inside(inner: Rect, outer: Rect) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def _overlapping(fragments: list[Fragment]) -> Iterator[tuple[Fragment, Fragment]]:
    """Pairs of fragments of different blocks whose ink overlaps (sweep over the page's height)."""
    ordered = sorted(fragments, key=lambda f: f.ink[1])
    active: list[Fragment] = []
    for fragment in ordered:
        active = [a for a in active if a.ink[3] - TOLERANCE > fragment.ink[1]]
        for other in active:
            if other.block != fragment.block and _overlap(other.ink, fragment.ink):
                yield other, fragment
        active.append(fragment)


def _overlap(a: Rect, b: Rect) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE


def _shown(fragment: Fragment, name: Any) -> str:
    return fragment.block if fragment.block.startswith("note ") else name(fragment.block)


def _ranges(order: list[int]) -> str:
    return ", ".join(map(str, order[:40])) + (" …" if len(order) > 40 else "")


def block_labels(html: str) -> dict[str, str]:
    """Each block's name in messages: its section and its first words, ‘Key points › “The two…”’."""
    import lxml.html

    labels: dict[str, str] = {}
    section = ""
    for element in lxml.html.document_fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "h2":
            section = " ".join("".join(map(str, element.itertext())).split())
        block = element.get(BLOCK)
        if block:
            words = " ".join("".join(map(str, element.itertext())).replace("\u2060", "").split())
            shown = words if len(words) <= 60 else words[:60].rsplit(" ", 1)[0] + "…"
            kind = "the title block" if element.tag == "header" else f"“{shown}”"
            labels[block] = f"{section} › {kind}" if section and element.tag != "h2" else kind
    return labels


def block_texts(html: str) -> tuple[dict[str, tuple[str, str]], dict[int, str]]:
    """Each block's tag and text, and each note's text, by id and number: what two layouts of
    one document share, whatever their block numbers."""
    import lxml.html

    blocks: dict[str, tuple[str, str]] = {}
    notes: dict[int, str] = {}
    for element in lxml.html.document_fromstring(html).iter():
        if not isinstance(element.tag, str):
            continue
        block = element.get(BLOCK)
        if block:
            blocks[block] = (element.tag, " ".join("".join(map(str, element.itertext())).split()))
        number = element.get("data-note", "")
        if element.tag == "span" and number.isdigit() and "footnote" in (element.get("class") or "").split():
            notes[int(number)] = " ".join("".join(map(str, element.itertext())).split())
        elif element.tag == "ol" and "notes" in (element.get("class") or "").split():  # notes at the end
            for position, item in enumerate(element.findall("li"), start=1):
                notes.setdefault(position, " ".join("".join(map(str, item.itertext())).split()))
    return blocks, notes
