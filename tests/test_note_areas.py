"""WeasyPrint's footnote area, laid out once per set of notes (printing/pdf.py remember_note_areas):
the pages must be the same, box for box, as WeasyPrint lays them out without it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factbrief.printing import pdf

weasyprint, FONTS = pdf._weasyprint()
from weasyprint.layout import LayoutContext  # noqa: E402


def boxes(document) -> list[tuple]:
    """Every box of every page: its kind, place, size and text."""
    found: list[tuple] = []

    def walk(box) -> None:
        size = tuple(v if isinstance(v, str) else round(v, 4) for v in (box.width, box.height))
        found.append(
            (type(box).__name__, round(box.position_x, 4), round(box.position_y, 4), size, getattr(box, "text", None))
        )
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return found


def both_ways(html: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list[tuple], list[tuple]]:
    remembered = weasyprint.HTML(string=html).render(font_config=FONTS)
    with monkeypatch.context() as patch:
        patch.setattr(LayoutContext, "_update_footnote_area", LayoutContext._update_footnote_area.__wrapped__)
        plain = weasyprint.HTML(string=html).render(font_config=FONTS)
    return boxes(remembered), boxes(plain)


def test_in_place_on_the_weasyprint_it_was_proven_on() -> None:
    if pdf.note_area_source(LayoutContext) not in pdf._NOTE_AREA_SOURCES:
        pytest.skip("another WeasyPrint: left as it is")
    assert hasattr(LayoutContext._update_footnote_area, "__wrapped__")


def test_left_alone_on_other_code() -> None:
    class Other:
        def _update_footnote_area(self):
            return False

    assert not pdf.remember_note_areas(Other)
    assert not hasattr(Other._update_footnote_area, "__wrapped__")


def test_each_note_is_laid_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Column balancing asks for the area of the same notes again and again, and WeasyPrint lays
    the whole area out each time: here each note is laid out once, and once more lower on the page
    (its height must be the same there), and the page's own area once."""
    import weasyprint.layout

    copies: list[int] = []
    copy = weasyprint.layout.build.create_anonymous_boxes

    def counted(box):
        copies.append(1)
        return copy(box)

    monkeypatch.setattr(weasyprint.layout.build, "create_anonymous_boxes", counted)
    notes = "".join(f"<p>Text {i} <span class=n>note {i} with words</span> more text.</p>" for i in range(12))
    html = f"<style>.n{{float:footnote}} body{{columns:2}}</style>{notes}"
    pages = len(weasyprint.HTML(string=html).render(font_config=FONTS).pages)
    remembered, copies[:] = len(copies), []
    monkeypatch.setattr(LayoutContext, "_update_footnote_area", LayoutContext._update_footnote_area.__wrapped__)
    weasyprint.HTML(string=html).render(font_config=FONTS)
    assert 0 < remembered <= 2 * 12 + 2 * pages + 1 < len(copies)


words = st.text(alphabet="abc déf Việt Nam 12", min_size=1, max_size=60).map(lambda s: s.strip() or "x")


# The same pages every run (CI must not depend on the draw); run it with derandomize=False and
# more examples to search afresh (the hostile test of 3 Dec 2026 did, with thousands of pages).
@settings(
    max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    paragraphs=st.lists(st.tuples(words, st.lists(words, max_size=3)), min_size=1, max_size=14),
    columns=st.sampled_from(["", "body{columns:2}", "section{columns:3}"]),
    # Sizes in odd pixels too: WeasyPrint's sums of positions round, and the area must round as it does.
    page=st.sampled_from(["A6", "A7", "A5", "300px 123.45px;margin:5px", "200px 150px;margin:11.3px"]),
    note_style=st.sampled_from(
        [
            "",
            "margin:3pt 0",
            "margin-top:-2pt",
            "padding:2pt;border-top:1px solid",
            "font-size:14pt",
            "clear:both",
            "footnote-display:inline",
            "footnote-display:compact",
            "height:13.7px",
            "font-size:11.7px",
        ]
    ),
    # The area's own style: WeasyPrint clamps its height to min- and max-height, and a note that
    # does not fit under a max-height overflows it.
    area_style=st.sampled_from(
        [
            "",
            "max-height:30pt",
            "min-height:40pt",
            "padding:3pt 0;border-top:1px solid;margin-top:5pt",
            "height:50pt",
            "margin-top:1%",
            "margin-bottom:7.1px",
            "box-sizing:border-box;max-height:40px;padding:3.3px",
        ]
    ),
    # Pages of another size or name between notes: WeasyPrint's area stops at a change of page name.
    pages=st.sampled_from(["", "p:nth-child(2n){page:other} @page other{size:A6}", "@page:first{margin-bottom:30px}"]),
    # What a note holds: inline text, or a float or a block inside it (those are left to WeasyPrint).
    inside=st.sampled_from(
        ["", "<b>bold</b> words", "<span style='float:right'>f</span>", "<span style='display:block'>b</span>"]
    ),
    float_box=st.booleans(),
)
def test_the_same_pages(
    paragraphs, columns, page, note_style, area_style, pages, inside, float_box, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = "".join(
        "<p>" + text + "".join(f" <span class=n>{note}{inside}</span> {text}" for note in notes) + "</p>"
        for text, notes in paragraphs
    )
    aside = "<div style='float:left;width:30%;height:40pt'>float</div>" if float_box else ""
    html = (
        f"<style>@page{{size:{page}}} .n{{float:footnote}} ::footnote-call{{content:counter(footnote)}}"
        f" .n{{{note_style}}} @page{{@footnote{{{area_style}}}}} {pages} {columns}</style>"
        f"<section>{aside}{body}</section>"
    )
    remembered, plain = both_ways(html, monkeypatch)
    assert remembered == plain


@pytest.mark.parametrize("name", ["briefing", "factsheet", "milestones"])
def test_the_same_pages_of_the_curated_documents(name: str, jv_output, monkeypatch: pytest.MonkeyPatch) -> None:
    html = (jv_output / f"{name}.html").read_text(encoding="utf-8")
    remembered, plain = both_ways(html, monkeypatch)
    assert remembered == plain


# Pages a hostile search found laid out otherwise than by WeasyPrint (3 Dec 2026), each now the same.
FOUND = [
    # a note positioned relative to itself: WeasyPrint moves it before it measures the overflow
    "<style>.n{float:footnote;position:relative;top:1px}</style><p>a<span class=n>x</span> b<span class=n>y</span></p>",
    # a limit on the area's lines counts the lines of every note
    "<style>@page{size:200px 200px;margin:10px} .n{float:footnote} @page{@footnote{max-lines:1}}</style>"
    "<p>text 0<span class=n>note 0</span></p><p>text 1<span class=n>note 1</span></p><p>text 2<span class=n>note 2</span></p>",
    # a note that clears a float broken across the page
    "<style>@page{size:A6} .n{float:footnote;clear:both} body{columns:2}</style><section><div style='float:left;"
    "width:40%'>Việt longerword x</div><div style='columns:2'>ipsum longerword Nam x longerword <span class=n>Nam</span>"
    " </div></section>",
    # automatic margins on the area (it failed to print)
    "<style>.n{float:footnote} @page{@footnote{margin-top:auto}}</style><p>a<span class=n>x</span></p>",
    # another page name between two notes ends WeasyPrint's area
    "<style>@page{size:300px 123.45px;margin:5px} .n{float:footnote} p:nth-child(2n){page:other} @page other{size:A6}"
    "</style><section><p>Việt Nam 12 12 lorem abc ipsum <span class=n>lorem ipsum lorem longerword 12 x ipsum Nam"
    " longerword déf déf 12</span> </p><p>12 <span class=n>ipsum</span> </p><p>abc</p><p>ipsum</p></section>",
    # a margin of 1%: WeasyPrint's sums round, and a note that exactly fits is moved on
    "<style>@page{size:A7;margin:7.7mm} .n{float:footnote} @page{@footnote{margin-top:1%}}</style>"
    "<section><p>12 <span class=n>Việt</span>  <span class=n>Việt</span> </p></section>",
]


@pytest.mark.parametrize("html", FOUND)
def test_the_same_pages_the_hostile_search_found(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    remembered, plain = both_ways(html, monkeypatch)
    assert remembered == plain
