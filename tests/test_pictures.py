"""Pictures (issue 17): what each shows, read from its SVG (marks, readings, dates, labels), its
alternative text in the HTML and the PDF, the files beside the Markdown, and the proof that every
value it plots is cited."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import JV_FACTS, MINIMAL, ROOT, text_lines
from factbrief.build import BuildOptions, build, check
from factbrief.errors import LintError, RenderError
from factbrief.factfile.load import load_fact_file
from factbrief.pictures import Style, style_of
from factbrief.pictures.canvas import PT, text_width
from factbrief.render.context import Context

PICTURES = ROOT / "tests" / "data" / "pictures" / "brief.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The test brief's documents: a timeline of two rows, a series and a conflict."""
    folder = tmp_path_factory.mktemp("pictures")
    build(PICTURES, folder)
    return folder


@pytest.fixture(scope="module")
def out_fr(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pictures-fr")
    build(PICTURES, folder, BuildOptions(fmt="md", language="fr"))
    return folder


def template(project: Path, name: str, text: str) -> None:
    """A template (or stylesheet) of the project's own, in templates/ beside its fact file."""
    folder = project.parent / "templates"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def svg(path: Path) -> ET.Element:
    return ET.fromstring(path.read_bytes())


def ids(root: ET.Element, prefix: str) -> list[str]:
    return [e.get("id", "") for e in root.iter() if e.get("id", "").startswith(prefix)]


def texts(root: ET.Element) -> list[dict]:
    """Every text the SVG prints: its words, baseline position, size, weight and anchor, and
    whether it labels a scale (a tick)."""
    found: list[dict] = []

    def walk(element: ET.Element, tick: bool) -> None:
        tick = tick or bool(re.match(r"[xy]tick_\d+$", element.get("id", "")))
        if element.tag == f"{SVG}text":
            style = dict(p.split(":", 1) for p in element.get("style", "").split(";") if ":" in p)
            style = {k.strip(): v.strip() for k, v in style.items()}
            found.append(
                {
                    "text": "".join(element.itertext()),
                    "x": float(element.get("x", 0)),
                    "y": float(element.get("y", 0)),
                    "size": float(style["font-size"].removesuffix("px")),
                    "bold": style.get("font-weight") in ("700", "bold"),
                    "anchor": style.get("text-anchor", "start"),
                    "tick": tick,
                }
            )
        for child in element:
            walk(child, tick)

    walk(root, False)
    return found


def box(t: dict) -> tuple[float, float, float, float]:
    """A text's box in the SVG's units (points), measured in the pictures' font."""
    width = text_width(t["text"], Style(), t["bold"], t["size"]) / PT
    left = t["x"] - {"start": 0, "middle": width / 2, "end": width}[t["anchor"]]
    return left, t["y"] - 0.76 * t["size"], left + width, t["y"] + 0.24 * t["size"]


def overlapping(root: ET.Element) -> list[tuple[str, str]]:
    boxes = [(t["text"], box(t)) for t in texts(root)]
    return [
        (a, b)
        for (a, p), (b, q) in combinations(boxes, 2)
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


# -- the milestone summary's timeline -------------------------------------------------------------------


def test_the_timeline_has_one_mark_per_milestone_past_filled_scheduled_hollow(out):
    ff = load_fact_file(PICTURES)
    ctx = Context(ff)
    root = svg(out / "milestones-timeline.svg")
    marks = ids(root, "mark-")
    assert len(marks) == len(ff.milestones) == 8
    kinds = [m.rsplit("-", 1)[1] for m in sorted(marks, key=lambda m: int(m.split("-")[1]))]
    assert kinds == ["past" if ctx.is_past(m) else "ahead" for m in ctx.milestones]
    assert kinds.count("past") == 4  # 1933, 2011, 2019 and 2024 (a year over by 1 September 2025)
    style = Style()
    for mark in marks:  # past marks filled with the marks' colour, scheduled ones with paper
        group = next(e for e in root.iter() if e.get("id") == mark)
        paint = " ".join(e.get("style", "") for e in group.iter())
        assert f"fill: {style.mark if mark.endswith('past') else style.paper}" in paint, mark
        assert f"stroke: {style.mark}" in paint, mark


def test_the_timeline_marks_the_briefs_date_and_dates_its_axis(out):
    root = svg(out / "milestones-timeline.svg")
    words = [t["text"] for t in texts(root)]
    assert "as of 1 Sept 2025" in words  # the brief's date, in the stylesheet's date colour
    assert f"stroke: {Style().date}" in ET.tostring(root, encoding="unicode")
    ticks = [t["text"] for t in texts(root) if t["tick"]]
    assert {"1940", "2000", "2030"} <= set(ticks)  # the overview, by decades
    assert {"2025", "Jul", "2026"} <= set(ticks)  # the three years around the brief's date
    labels = [t["text"] for t in texts(root) if not t["tick"]]
    assert {"3 Mar 1933", "14 Oct 2025", "2030"} <= set(labels)  # dates as the documents write them


def test_partial_dates_are_drawn_as_their_period(out):
    """A day is a point (a marker); a year is a bar across its year, a month a narrower one."""
    root = svg(out / "milestones-timeline.svg")
    order = [m.id for m in Context(load_fact_file(PICTURES)).milestones]

    def mark(milestone: str) -> ET.Element:
        return next(e for e in root.iter() if e.get("id", "").startswith(f"mark-{order.index(milestone)}-"))

    def width(milestone: str) -> float:
        [path] = mark(milestone).iter(f"{SVG}path")
        xs = [float(x) for x in re.findall(r"(-?\d+\.?\d*) -?\d+\.?\d*", path.get("d", ""))]
        return max(xs) - min(xs)

    assert list(mark("firefly-visit").iter(f"{SVG}use")) and not list(mark("fishing-talks").iter(f"{SVG}use"))
    year, month = width("trade-figures-2024"), width("fishing-talks")  # both in the detailed row
    assert 10 < year / month < 14


@pytest.mark.parametrize(
    "name", ["milestones-timeline.svg", "factsheet-series-two-way-trade.svg", "factsheet-conflict-freedonian-firms.svg"]
)
def test_no_two_texts_of_a_picture_overlap(out, name):
    assert overlapping(svg(out / name)) == []


def test_the_curated_timeline_labels_most_milestones_and_overlaps_nothing(jv_output):
    root = svg(jv_output / "milestones-timeline.svg")
    assert len(ids(root, "mark-")) == len(load_fact_file(JV_FACTS).milestones)
    labelled = {i.split("-")[1] for i in ids(root, "label-")}
    assert len(labelled) >= 0.8 * len(ids(root, "mark-"))  # crowded labels are left out, not overlapped
    assert overlapping(root) == []


def test_labels_of_a_crowd_step_outwards_and_narrow_without_overlapping():
    from factbrief.pictures.placement import apart, place_labels

    anchors = [50.0 + i for i in range(8)] + [60.0 + i / 4 for i in range(12)]  # twenty marks within 13 mm
    forms = [[(40.0, 6.0), (26.0, 9.0), (20.0, 12.0)]] * len(anchors)  # (width, height): wrapped narrower
    slots = place_labels(anchors, forms, 178.0)
    placed = [s for s in slots if s]
    assert all(apart(a, b) for a, b in combinations(placed, 2))  # no overlap, no leader through a label
    assert 6 <= len(placed) < len(anchors)  # stepped outwards up to their reach, not crammed
    assert len({(s.side, s.level) for s in placed}) > 2  # one over the other
    alone = place_labels([20.0, 150.0], [[(40.0, 6.0)]] * 2, 178.0)
    assert [(s.side, s.level, s.form) for s in alone] == [(1, 0.0, 0), (1, 0.0, 0)]  # room: near the axis


def test_the_timeline_speaks_the_documents_language(out_fr):
    root = svg(out_fr / "milestones-timeline.svg")
    ticks = {t["text"] for t in texts(root) if t["tick"]}
    assert "juil." in ticks and "Jul" not in ticks
    labels = {t["text"] for t in texts(root) if not t["tick"]}
    assert {"3 mars 1933", "14 oct. 2025"} <= labels
    markdown = (out_fr / "milestones.md").read_text(encoding="utf-8")
    assert "![Frise du 3 mars 1933 au 2030" in markdown  # the words from the French catalog


def test_vietnamese_numbers_and_dates_in_pictures(tmp_path):
    build(PICTURES, tmp_path, BuildOptions(fmt="md", language="vi"))
    series = {t["text"] for t in texts(svg(tmp_path / "factsheet-series-two-way-trade.svg"))}
    # Figures keep the English fact file's notation (its units are English words: "12,5 billion"
    # would be misread); the words around them and the dates are Vietnamese.
    assert "12.5 billion ducats" in series and "12,5 billion ducats" not in series
    conflict = {t["text"] for t in texts(svg(tmp_path / "factsheet-conflict-freedonian-firms.svg"))}
    assert "1,310 firms cho 2024" in conflict and "1,500" in conflict  # the scale too
    timeline = {t["text"] for t in texts(svg(tmp_path / "milestones-timeline.svg"))}
    assert "Tháng 7" in timeline and "14/10/2025" in timeline


# -- the fact sheet's charts ---------------------------------------------------------------------------------


def test_a_conflict_shows_every_reading_on_one_scale_the_preferred_marked(out):
    root = svg(out / "factsheet-conflict-freedonian-firms.svg")
    words = texts(root)
    labels = {t["text"]: t for t in words}
    assert {"Freedonian Statistics Bureau", "The Freedonian Gazette"} <= set(labels)
    assert labels["1,310 firms for 2024"]["bold"] and not labels["more than 1,250 firms"]["bold"]
    assert sorted(ids(root, "mark-")) == ["mark-0-preferred", "mark-1-other"]
    assert {"0", "500", "1,000", "1,500"} <= {t["text"] for t in words if t["tick"]}  # from zero


def test_every_conflict_of_the_curated_file_is_charted_with_its_readings(jv_output):
    ff = load_fact_file(JV_FACTS)
    for conflict in Context(ff).conflicts:
        path = jv_output / f"factsheet-conflict-{conflict.metric}.svg"
        words = " ".join(t["text"] for t in texts(svg(path)))
        for fact in conflict.facts:
            assert ff.sources[fact.source].publisher in words, (conflict.metric, fact.id)
        marks = ids(svg(path), "mark-")
        assert len(marks) == len(conflict.facts)
        assert sum(m.endswith("preferred") for m in marks) == (conflict.preferred is not None)
    # Readings that give one value for different years sit on a time axis.
    visitors = {t["text"] for t in texts(svg(jv_output / "factsheet-conflict-japanese-visitors.svg")) if t["tick"]}
    assert {"2023", "2024"} <= visitors


def test_a_metric_with_three_periods_or_more_is_charted_over_time(out):
    root = svg(out / "factsheet-series-two-way-trade.svg")
    words = [t["text"] for t in texts(root)]
    for figure, year in (("9.8", "2021"), ("10.9", "2022"), ("11.6", "2023"), ("12.5", "2024")):
        assert f"{figure} billion ducats" in words and year in words
    assert len(Context(load_fact_file(JV_FACTS)).series) == 0  # the curated file has no such metric


# -- proof ----------------------------------------------------------------------------------------------------


def test_a_caption_cites_every_value_its_picture_plots(out):
    markdown = (out / "factsheet.md").read_text(encoding="utf-8")
    lines = markdown.splitlines()
    image = next(i for i, line in enumerate(lines) if "(factsheet-series-two-way-trade.svg)" in line)
    calls = set(re.findall(r"\[\^(\d+)\]", lines[image + 1]))
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.M))
    for figure in ("9.8", "10.9", "11.6", "12.5"):
        assert any(figure in notes[c] for c in calls), figure


def test_a_picture_whose_caption_does_not_cite_its_values_is_refused(project, tmp_path):
    template(
        project,
        "memo.md.j2",
        '{% extends "_base.md.j2" %}{% block body %}\n## Timeline\n\n'
        '{{ timeline(milestones).split("\\n")[0] }}\n\n{% for m in milestones %}- {{ m.text }}{{ cite(m) }}\n'
        "{% endfor %}{% endblock %}\n",
    )
    with pytest.raises(LintError, match=r"picture memo-timeline.svg plots values its caption does not cite"):
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["memo"]))


def test_an_image_of_the_templates_own_that_prints_a_figure_needs_a_footnote(project, tmp_path):
    template(
        project,
        "memo.md.j2",
        '{% extends "_base.md.j2" %}{% block body %}\n## Logo\n\n![Up 99%](logo.png)\n{% endblock %}\n',
    )
    with pytest.raises(LintError, match=r"prints the template's own figure '99' without a footnote: '!\[Up 99%\]"):
        build(project, tmp_path / "o", BuildOptions(fmt="md", only=["memo"]))


def test_a_picture_that_prints_a_figure_no_note_backs_is_refused(monkeypatch, tmp_path):
    import factbrief.pictures.svg as drawing

    real = drawing.DRAWINGS["conflict"]

    def boasting(picture, style):
        figure = real(picture, style)
        figure.axes[0].text(0, 0, "up 99% on 2020")  # a figure of the drawing's own
        return figure

    drawing.draw.cache_clear()
    monkeypatch.setitem(drawing.DRAWINGS, "conflict", boasting)
    with pytest.raises(RenderError, match="prints 'up 99% on 2020', a figure that no note of its caption backs"):
        build(PICTURES, tmp_path, BuildOptions(fmt="md", only=["factsheet"]))
    drawing.draw.cache_clear()


@pytest.mark.parametrize("fixture", ["out", "jv_output"])
def test_every_figure_a_picture_prints_is_in_the_notes_its_caption_calls(fixture, request):
    """Besides the scales' tick labels (the axis, derived from the values plotted: README,
    Pictures) and the brief's date, every digit a picture prints is in a note its caption calls."""
    from factbrief.pictures.canvas import texts as printed

    folder = request.getfixturevalue(fixture)
    ff = load_fact_file(PICTURES if fixture == "out" else JV_FACTS)
    periods = [m.date for m in ff.milestones] + [f.as_of for f in ff.facts if f.as_of]
    dates = {str(n) for d in periods for n in (d.year, d.day) if n}
    for path in folder.glob("*.svg"):
        markdown = (folder / (path.name.split("-")[0] + ".md")).read_text(encoding="utf-8")
        lines = markdown.splitlines()
        image = next(i for i, line in enumerate(lines) if line.endswith(f"({path.name})"))
        notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.M))
        cited = " ".join(notes[n] for n in re.findall(r"\[\^(\d+)\]", lines[image + 1]))
        # The digits of the quotes, and of the dates as the fact file gives them ("next June" in a
        # quote from September 2025 is June 2026), and of the brief's date (as of 1 Sept 2025).
        backed = set(re.findall(r"\d+", cited)) | dates | {"1", "2025"}
        root = svg(path)
        assert len(printed(root, scales=True)) > len(printed(root)), path.name  # it has a scale
        for text in printed(root):
            assert set(re.findall(r"\d+", text)) <= backed, (path.name, text)


# -- files, HTML and PDF -------------------------------------------------------------------------------------


def test_the_markdown_links_the_pictures_written_beside_it(out):
    for doc, names in (
        ("milestones", ["milestones-timeline.svg"]),
        ("factsheet", ["factsheet-series-two-way-trade.svg", "factsheet-conflict-freedonian-firms.svg"]),
    ):
        markdown = (out / f"{doc}.md").read_text(encoding="utf-8")
        for name in names:
            assert re.search(rf"^ *!\[[^\]]+\]\({re.escape(name)}\)$", markdown, re.M), name
            assert svg(out / name).find(f"{SVG}title").text  # the alternative text, for any viewer
    manifest = (out / ".factbrief-outputs").read_text(encoding="utf-8").split()
    assert "milestones-timeline.svg" in manifest


def test_a_markdown_build_writes_the_pictures_and_check_draws_none(tmp_path):
    build(PICTURES, tmp_path, BuildOptions(fmt="md"))
    assert (tmp_path / "milestones-timeline.svg").is_file()
    code = (
        "import sys; from factbrief.build import check; "
        f"check({str(PICTURES)!r}); sys.exit(1 if 'matplotlib' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
    _ff, findings = check(PICTURES)
    assert not [f for f in findings if f.level == "error"]


def test_pictures_a_document_no_longer_shows_are_removed(project, tmp_path):
    out = tmp_path / "o"
    build(project, out, BuildOptions(fmt="md"))
    assert (out / "milestones-timeline.svg").is_file()
    template(
        project,
        "milestones.md.j2",
        '{% extends "_base.md.j2" %}{% block body %}\n## Milestones\n\n'
        "{% for m in milestones %}- {{ m.text }}{{ cite(m) }}\n{% endfor %}{% endblock %}\n",
    )
    result = build(project, out, BuildOptions(fmt="md"))
    assert result.retired == ["milestones-timeline.svg"] and not (out / "milestones-timeline.svg").exists()
    assert (out / "briefing-timeline.svg").is_file()


def test_alternative_text_reaches_the_html_and_the_pdf(out):
    html = (out / "milestones.html").read_text(encoding="utf-8")
    alt = re.search(r'<figure class="picture picture-timeline"[^>]*><img alt="([^"]+)" src="data:image/svg\+xml', html)
    assert alt and alt.group(1).startswith("Timeline from 3 March 1933 to 2030: each milestone is a mark")
    assert "filled if past and hollow if scheduled" in alt.group(1) and "1 September 2025" in alt.group(1)
    import html as html_module

    assert "<figcaption>" in html
    figures = pdf_figures(out / "factsheet.pdf")
    assert any(a.startswith("How the sources differ on Freedonian firms in Sylvania") for a in figures), figures
    assert any(a.startswith("Two-way trade over time: 2021: 9.8 billion ducats") for a in figures), figures
    assert all(figures), "a picture without alternative text"
    assert pdf_figures(out / "milestones.pdf") == [html_module.unescape(alt.group(1))]


def pdf_figures(path: Path) -> list[str]:
    """The alternative text of every Figure in a tagged PDF's structure tree."""
    found: list[str] = []

    def walk(element) -> None:
        element = element.get_object()
        if not isinstance(element, dict):
            return
        if element.get("/S") == "/Figure":
            found.append(str(element.get("/Alt", "")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_pictures_are_vectors_with_real_text(out):
    reader = PdfReader(out / "milestones.pdf")
    assert not reader.pages[0].images  # drawn, not pasted as a bitmap
    text = reader.pages[0].extract_text()
    assert "as of 1 Sept 2025" in text and "Diplomatic relations established." in text


@pytest.mark.parametrize("doc", ["briefing", "factsheet", "milestones"])
def test_notes_are_numbered_as_the_text_reads(jv_output, out, doc):
    """A caption calls its notes before the text does (the timeline heads the milestone summary),
    in the order the text lists them: the text's first calls still count 1, 2, 3…"""
    for folder in (jv_output, out):
        first: list[int] = []
        for line in text_lines((folder / f"{doc}.md").read_text(encoding="utf-8")):
            for n in map(int, re.findall(r"\[\^(\d+)\](?!:)", line)):
                if n not in first:  # a line may call a note twice (a conflict's note calls all its readings)
                    first.append(n)
        assert first == list(range(1, len(first) + 1)), (folder.name, doc)


def test_a_caption_calls_its_notes_as_one_range(out):
    html = (out / "milestones.html").read_text(encoding="utf-8")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1)
    assert re.search(r'<sup class="footnote-again">1–8</sup>', caption), caption
    assert 'class="footnote"' not in caption  # the notes are placed by the table's calls


# -- the briefing: only if the page holds it -----------------------------------------------------------------


def test_the_briefing_shows_its_timeline_only_where_everything_fits(minimal_output, jv_output):
    minimal = (minimal_output / "briefing.md").read_text(encoding="utf-8")
    assert "(briefing-timeline.svg)" in minimal and len(PdfReader(minimal_output / "briefing.pdf").pages) == 1
    assert "picture-timeline" in (minimal_output / "briefing.html").read_text(encoding="utf-8")
    curated = (jv_output / "briefing.md").read_text(encoding="utf-8")
    assert "briefing-timeline.svg" not in curated and len(PdfReader(jv_output / "briefing.pdf").pages) == 1
    assert not (jv_output / "briefing-timeline.svg").exists()


def test_an_optional_picture_gives_way_first(project, tmp_path):
    """A one-page document whose text fits its page but not with its picture leaves the picture
    out, and nothing else: not a line of text, not a point of type."""
    template(
        project,
        "onepager.md.j2",
        '{% extends "_base.md.j2" %}\n{% set max_pages = 1 %}\n{% block body %}\n## Facts\n\n'
        "{% for f in facts %}\n- {{ f.text }}{{ cite(f) }}\n{% endfor %}\n\n"
        "{% if fit.pictures %}\n{{ timeline(milestones) }}\n\n{% endif %}\n{% endblock %}\n",
    )
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("sources:\n", "page:\n  size: 210mm 165mm\nsources:\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "o", BuildOptions(only=["onepager"]))
    assert [w.message for w in result.warnings if w.level == "info"] == ["fitted to 1 page(s): leaves out its picture"]
    assert "onepager-timeline.svg" not in (tmp_path / "o" / "onepager.md").read_text(encoding="utf-8")
    assert not (tmp_path / "o" / "onepager-timeline.svg").exists()
    project.write_text(text, encoding="utf-8")  # on a full page, it keeps its picture
    result = build(project, tmp_path / "o", BuildOptions(only=["onepager"]))
    assert (
        not [w for w in result.warnings if w.level == "info"] and (tmp_path / "o" / "onepager-timeline.svg").is_file()
    )


# -- restyling ----------------------------------------------------------------------------------------------


def test_a_stylesheet_restyles_the_pictures(project, tmp_path):
    template(
        project,
        "style.css",
        '{% include "!default/style.css" %}\n:root { --picture-mark: #a01010; --navy: #003300; }\n',
    )
    build(project, tmp_path / "o", BuildOptions(fmt="md", only=["milestones"]))
    drawn = (tmp_path / "o" / "milestones-timeline.svg").read_text(encoding="utf-8")
    assert "#a01010" in drawn and Style().mark not in drawn


def test_the_stylesheet_variables_are_read_with_their_references():
    css = ":root { --navy: #123456; --picture-mark: var(--navy); --picture-font: 'Noto Sans', sans-serif; }"
    style = style_of(css)
    assert style.mark == "#123456" and style.font == ("Noto Sans", "sans-serif")
    assert style.date == Style().date  # what the stylesheet does not set keeps the built-in colour
    built_in = (ROOT / "templates" / "style.css").read_text(encoding="utf-8")
    assert "--picture-mark: var(--navy)" in built_in


def test_the_minimal_sample_draws_nothing_it_cannot_prove():
    ff = load_fact_file(MINIMAL)
    assert Context(ff).series == [] and Context(ff).conflicts == []


# -- long series and many of them --------------------------------------------------------------


def _series_file(
    tmp_path: Path,
    metrics: int,
    years: int,
    start: float = 0.0,
    periods: list[tuple[str, str]] | None = None,
    values: list[float] | None = None,
) -> Path:
    """``metrics`` series of ``years`` yearly readings each, rising steadily from ``start``; or
    over ``periods`` (as_of, as the quote writes it), with ``values``."""
    import yaml

    sentences, facts = [], []
    periods = periods or [(str(2000 + y), str(2000 + y)) for y in range(years)]
    for m in range(metrics):
        for y, (as_of, said) in enumerate(periods):
            value = values[y] if values else start + m + y * 7.1
            quote = (
                f"In {said}, exports of line {chr(97 + m % 26)}{chr(97 + m // 26)} reached {value:.1f} billion ducats."
            )
            sentences.append(quote)
            facts.append(
                {
                    "id": f"f{m}-{y}",
                    "topic": "exports",
                    "text": quote,
                    "source": "gazette",
                    "quote": quote,
                    "value": round(value, 1),
                    "unit": "billion ducats",
                    "metric": f"exports-{m}",
                    "as_of": as_of,
                }
            )
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "gazette.txt").write_text("Exports\n\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    doc = {
        "title": "Freedonia – Sylvania",
        "parties": ["Freedonia", "Sylvania"],
        "as_of": "2025-09-01",
        "sources": {"gazette": {"publisher": "The Gazette", "title": "Exports", "file": "sources/gazette.txt"}},
        "facts": facts,
        "milestones": [],
    }
    path = tmp_path / "series.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_long_steep_series_from_zero_is_charted_with_every_label_apart(tmp_path):
    """Twenty-five yearly readings rising from 0: a label that would cover the next point, and a
    year under every point, printed over marks and ran together into one unreadable, unproven run
    of digits; the chart now labels what has room and the build passes its proof."""
    path = _series_file(tmp_path, 1, 25)
    build(path, tmp_path / "o", BuildOptions(fmt="pdf", only=["factsheet"]))
    words = " ".join(page.extract_text() for page in PdfReader(tmp_path / "o" / "factsheet.pdf").pages).split()
    assert "2000" in words and "2024" in words  # apart, not "20002001…"
    assert not any(re.fullmatch(r"(?:20\d\d){2,}", w) for w in words)


def test_a_fact_sheet_of_many_series_charts_the_first_and_says_so(tmp_path):
    """A document may ask for 50 pictures: a file of 30 series built no fact sheet at all."""
    path = _series_file(tmp_path, 30, 3, start=1.0)
    build(path, tmp_path / "o", BuildOptions(fmt="md", only=["factsheet"]))
    charts = sorted((tmp_path / "o").glob("factsheet-series-*.svg"))
    assert len(charts) == 20
    markdown = (tmp_path / "o" / "factsheet.md").read_text(encoding="utf-8")
    assert "Further series are not charted: the key figures give every reading." in markdown
    assert markdown.count("billion ducats[^") >= 90  # every reading is still in the key figures


def test_a_series_of_days_and_a_spike_are_charted_with_their_labels_clear(tmp_path):
    """Three days in a row put the first point on the value scale (a date less a fraction of a
    day is the date itself), and its date over the scale's 0: no fact sheet. A spike over a flat
    run lost its figure to the labels below it."""
    days = [(f"2024-03-0{d}", f"{d} March 2024") for d in (1, 2, 3)]
    build(
        _series_file(tmp_path, 1, 0, periods=days, values=[4.0, 5.0, 6.0]),
        tmp_path / "o",
        BuildOptions(fmt="pdf", only=["factsheet"]),
    )
    words = " ".join(PdfReader(tmp_path / "o" / "factsheet.pdf").pages[-1].extract_text().split())
    assert "1 Mar 2024" in words and "3 Mar 2024" in words
    spike = [2.0, 2.0, 2.0, 950.0, 2.0, 2.0, 2.0]
    (tmp_path / "spike").mkdir()
    path = _series_file(tmp_path / "spike", 1, len(spike), values=spike)
    build(path, tmp_path / "s", BuildOptions(fmt="md", only=["factsheet"]))
    [chart] = (tmp_path / "s").glob("factsheet-series-*.svg")
    assert "950 billion ducats" in chart.read_text(encoding="utf-8")
