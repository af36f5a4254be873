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


def test_it_remembers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Column balancing asks for the same notes' area again and again: it is laid out once."""
    import weasyprint.layout

    copies: list[int] = []
    copy = weasyprint.layout.build.create_anonymous_boxes

    def counted(box):
        copies.append(1)
        return copy(box)

    monkeypatch.setattr(weasyprint.layout.build, "create_anonymous_boxes", counted)
    notes = "".join(f"<p>Text {i} <span class=n>note {i} with words</span> more text.</p>" for i in range(12))
    html = f"<style>.n{{float:footnote}} body{{columns:2}}</style>{notes}"
    weasyprint.HTML(string=html).render(font_config=FONTS)
    remembered, copies[:] = len(copies), []
    monkeypatch.setattr(LayoutContext, "_update_footnote_area", LayoutContext._update_footnote_area.__wrapped__)
    weasyprint.HTML(string=html).render(font_config=FONTS)
    assert 0 < remembered < len(copies)


words = st.text(alphabet="abc déf Việt Nam 12", min_size=1, max_size=60).map(lambda s: s.strip() or "x")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    paragraphs=st.lists(st.tuples(words, st.lists(words, max_size=3)), min_size=1, max_size=14),
    columns=st.sampled_from(["", "body{columns:2}", "section{columns:3}"]),
    page=st.sampled_from(["A6", "A7", "A5"]),
    note_style=st.sampled_from(["", "margin:3pt 0", "padding:2pt;border-top:1px solid", "font-size:14pt"]),
    float_box=st.booleans(),
)
def test_the_same_pages(paragraphs, columns, page, note_style, float_box, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(
        "<p>" + text + "".join(f" <span class=n>{note}</span> {text}" for note in notes) + "</p>"
        for text, notes in paragraphs
    )
    aside = "<div style='float:left;width:30%;height:40pt'>float</div>" if float_box else ""
    html = (
        f"<style>@page{{size:{page}}} .n{{float:footnote}} ::footnote-call{{content:counter(footnote)}}"
        f" .n{{{note_style}}} {columns}</style><section>{aside}{body}</section>"
    )
    remembered, plain = both_ways(html, monkeypatch)
    assert remembered == plain


@pytest.mark.parametrize("name", ["briefing", "factsheet", "milestones"])
def test_the_same_pages_of_the_curated_documents(name: str, jv_output, monkeypatch: pytest.MonkeyPatch) -> None:
    html = (jv_output / f"{name}.html").read_text(encoding="utf-8")
    remembered, plain = both_ways(html, monkeypatch)
    assert remembered == plain
