"""SVG text is shaped and drawn as one run (printing/pdf.py: svg_text_in_runs), not one letter at
a time as WeasyPrint 70 does: a label is laid out once, prints where it did, and keeps its text;
a text placed letter by letter is left to WeasyPrint."""

from __future__ import annotations

import io
import types

import pypdf
import pypdfium2
import pytest

from factbrief.printing import pdf as pdfmod

LABEL = "Prime Minister Phạm Minh Chính visits Hà Nội"


def _page(text_attributes: str, text: str = LABEL, anchor: str = "start") -> str:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="60" viewBox="0 0 500 60">'
        f'<text {text_attributes} font-family="DejaVu Sans" font-size="14" text-anchor="{anchor}">{text}</text></svg>'
    )
    return f"<html><body style='margin:0'>{svg}</body></html>"


def _print(html: str) -> bytes:
    weasyprint, fonts = pdfmod._weasyprint()
    return weasyprint.HTML(string=html).write_pdf(font_config=fonts)


@pytest.fixture
def layouts(monkeypatch):
    """Counts the Pango layouts WeasyPrint's SVG text makes."""
    pdfmod._weasyprint()
    from weasyprint.text import line_break

    made = []
    split = line_break.split_first_line

    def counted(*args, **kwargs):
        made.append(args[0])
        return split(*args, **kwargs)

    monkeypatch.setattr(line_break, "split_first_line", counted)
    return made


def _ink(data: bytes) -> tuple[int, int, int, int]:
    """The box of what is drawn on the page, in pixels at 4× scale."""
    image = pypdfium2.PdfDocument(data)[0].render(scale=4).to_pil().convert("L")
    box = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert box is not None
    return box


def _with_weasyprint_own_text(monkeypatch):
    import weasyprint.svg as svg

    own = svg.text.__wrapped__
    monkeypatch.setattr(svg, "text", own)
    monkeypatch.setattr(svg, "TAGS", {tag: own if f.__name__ == "text" else f for tag, f in svg.TAGS.items()})


def test_it_is_in_place_for_this_weasyprint():
    import weasyprint.svg as svg

    pdfmod._weasyprint()
    assert hasattr(svg.text, "__wrapped__")
    assert svg.TAGS["text"] is svg.text and svg.TAGS["tspan"] is svg.text


def test_a_label_is_laid_out_as_one_run(layouts):
    data = _print(_page('x="10" y="30"'))
    assert layouts.count(LABEL) >= 1
    assert not any(len(t) == 1 for t in layouts)  # no letter laid out alone
    assert LABEL in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


@pytest.mark.parametrize("placing", ['x="10 20 30 40" y="30"', 'x="10" y="30" rotate="15"', 'x="10" y="30" dx="1 2"'])
def test_letters_placed_one_by_one_are_left_to_weasyprint(layouts, placing):
    _print(_page(placing))
    assert sum(len(t) == 1 for t in layouts) == len(LABEL)


@pytest.mark.parametrize(
    "svg_text",
    [
        '<text x="10" y="30">Before&#x2028;After</text>',  # a line break: a run prints one line
        '<text x="10" y="30"><tspan>Left&#x2029;Right</tspan> tail</text>',
        '<text x="10-60" y="30">AB</text>',  # a list of two, as SVG reads numbers
        '<text x="10.5.5" y="30">AB</text>',
        '<text x="300" y="30" direction="rtl">\u05e9\u05dc\u05d5\u05dd <tspan fill="red">\u05e2\u05d5\u05dc\u05dd</tspan></text>',
    ],
)
def test_what_one_run_would_print_otherwise_is_left_to_weasyprint(layouts, svg_text):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="500" height="60">{svg_text}</svg>'
    _print(f"<html><body>{svg}</body></html>")
    assert any(len(t) == 1 for t in layouts)


def test_text_after_a_line_separator_still_prints():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="500" height="60"><text x="10" y="30">Before&#x2028;After</text></svg>'
    data = _print(f"<html><body>{svg}</body></html>")
    assert "After" in pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


@pytest.mark.parametrize("anchor", ["start", "middle", "end"])
def test_a_label_prints_where_it_printed_letter_by_letter(monkeypatch, anchor):
    html = _page('x="250" y="30"', anchor=anchor)
    ours = _ink(_print(html))
    with monkeypatch.context() as patch:
        _with_weasyprint_own_text(patch)
        theirs = _ink(_print(html))
    # Kerning moves letters by a fraction of a point: the label's ink is where it was, within 2 px at 4×/pt.
    assert all(abs(a - b) <= 8 for a, b in zip(ours, theirs, strict=True)), (ours, theirs)
    assert ours[3] - ours[1] == pytest.approx(theirs[3] - theirs[1], abs=2)


def test_other_code_is_left_as_it_is():
    def text(svg, node, font_size):
        return None

    module = types.SimpleNamespace(text=text, TAGS={"text": text})
    assert pdfmod.svg_text_in_runs(module) is False
    assert module.text is text and module.TAGS["text"] is text
