"""Pictures print every label whole and nothing over anything (issue 22): a milestone's label is
wrapped, or its ``short:`` label stands in, never cut; two readings of near-equal value stay apart
and say which is which; a picture that would print over itself is refused, never drawn."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import edit, line_of
from factbrief.errors import FactFileError, RenderError
from factbrief.factfile.load import load_fact_file
from factbrief.pictures import Mark, Picture, Style, draw
from factbrief.pictures.canvas import overprints
from factbrief.verify import verify
from test_pictures import overlapping, texts

SVG = "{http://www.w3.org/2000/svg}"
AS_OF = dt.date(2025, 9, 1)
WORDS = "the relations between both countries are elevated to a partnership for peace and prosperity in Asia".split()


def timeline(marks: list[Mark], compact: bool = False) -> Picture:
    return Picture(
        "t-timeline.svg", "timeline", "a timeline", tuple(marks), AS_OF, "as of 1 Sept 2025", "en", "en", compact
    )


def milestone(day: dt.date, text: str, short: str = "", ref: str = "m") -> Mark:
    return Mark(day, day, True, day.strftime("%-d %b %Y"), text, day <= AS_OF, ref=ref, short=short)


def labels(root: ET.Element) -> dict[str, str]:
    """Each labelled mark's number → its label's text, its lines joined."""
    lines: dict[str, list[tuple[int, str]]] = {}
    for element in root.iter():
        m = re.match(r"label-(\d+)-text-(\d+)$", element.get("id", ""))
        if m:
            words = "".join(t for e in element.iter(f"{SVG}text") for t in e.itertext())
            lines.setdefault(m.group(1), []).append((int(m.group(2)), words))
    return {n: " ".join(w for _, w in sorted(found)) for n, found in lines.items()}


def drawn(picture: Picture) -> ET.Element:
    return ET.fromstring(draw(picture, Style()))


# -- the timeline: labels whole ------------------------------------------------------------------------


LONG = [
    "Prime Minister Ishiba Shigeru pays an official visit to Việt Nam (27–29 April) at the invitation of Prime Minister Phạm Minh Chính.",
    "Ishiba Shigeru takes office as Prime Minister of Japan.",
    "Japan is the first G7 country to recognise Việt Nam as a market economy.",
    "Ties are elevated to a Comprehensive Strategic Partnership for Peace and Prosperity in Asia and the World.",
]


def test_long_labels_are_wrapped_whole_never_cut():
    marks = [milestone(dt.date(2024, 1 + 3 * i, 10), text, ref=f"m{i}") for i, text in enumerate(LONG)]
    root = drawn(timeline(marks))
    assert labels(root) == {str(i): text for i, text in enumerate(LONG)}  # every word, in order
    assert not any("…" in t["text"] for t in texts(root))
    assert len(re.findall(r"label-0-text-\d+", ET.tostring(root, encoding="unicode"))) >= 2  # wrapped
    assert overlapping(root) == []


def test_where_a_label_cannot_fit_whole_its_short_label_stands_in():
    day = dt.date(2025, 4, 27)
    crowd = [
        milestone(day + dt.timedelta(days=i), LONG[0], short=f"Visit, day {i + 1}.", ref=f"v{i}") for i in range(9)
    ]
    root = drawn(timeline(crowd))
    printed = labels(root)
    assert len(printed) == len(crowd)  # every mark labelled
    assert all(text in (LONG[0], f"Visit, day {int(n) + 1}.") for n, text in printed.items())
    assert any(text != LONG[0] for text in printed.values())  # some of them short
    assert overlapping(root) == []


def test_a_timeline_that_cannot_print_a_label_whole_is_refused_naming_the_milestone():
    day = dt.date(2025, 4, 27)
    crowd = [
        replace(milestone(day + dt.timedelta(days=i), LONG[0], ref=f"visit-{i}"), line=40 + 5 * i) for i in range(14)
    ]
    picture = replace(timeline(crowd), fact_file="facts/x.yaml")
    with pytest.raises(RenderError) as info:
        drawn(picture)
    [line] = info.value.lines()
    assert re.match(r"facts/x\.yaml:\d+: milestone 'visit-\d+': the timeline \(t-timeline\.svg\) has no room", line)
    assert line.endswith("give it a short label in the fact file (short: …)")
    n = int(line.split(":")[1])
    assert f"visit-{(n - 40) // 5}" in line  # the line is that milestone's


def test_the_curated_timeline_prints_every_label_whole(jv_output):
    facts = load_fact_file(__import__("conftest").JV_FACTS)
    root = ET.fromstring((jv_output / "milestones-timeline.svg").read_bytes())
    printed = set(labels(root).values())
    assert len(printed) == len(facts.milestones)
    assert printed <= {m.text for m in facts.milestones} | {m.short for m in facts.milestones if m.short}
    assert overlapping(root) == []


# -- where sources differ: readings apart ------------------------------------------------------------


@pytest.mark.parametrize("values", [("46.2", "50", "50"), ("49.9", "50", "50.1"), ("50", "50", "50")])
def test_readings_of_near_equal_value_are_apart_and_each_says_whose_it_is(values):
    words = ["US$46.2 billion for 2024", "nearly US$50 billion", "US$50 billion"]
    who = ["VOV.VN", "Việt Nam News (VNS)", "Nhân Dân"]
    marks = tuple(
        Mark(AS_OF, AS_OF, True, "", f"{words[i]} ({v})", i == 0, who[i], Decimal(v)) for i, v in enumerate(values)
    )
    picture = Picture("c-conflict.svg", "conflict", "readings", marks, AS_OF, "as of 1 Sept 2025", "en", "en")
    root = drawn(picture)
    assert overlapping(root) == []
    printed = {t["text"]: t["y"] for t in texts(root)}
    for i, mark in enumerate(marks):  # the reading's figure on its source's line
        assert abs(printed[mark.text] - printed[who[i]]) < 1.0


# -- the proof that nothing is printed over ------------------------------------------------------------


def test_a_drawing_that_would_print_over_itself_is_refused(monkeypatch):
    import factbrief.pictures.svg as svg

    def careless(picture, style):
        from factbrief.pictures.canvas import Canvas

        canvas = Canvas(60, 20, style)
        ax = canvas.panel(0, 0, 60, 20)
        ax.set_axis_off()
        ax.text(0.5, 0.5, "US$50 billion", gid="reading-0")
        ax.text(0.5, 0.5, "nearly US$50 billion", gid="reading-1")
        return canvas.figure

    monkeypatch.setitem(svg.DRAWINGS, "series", careless)
    marks = (Mark(AS_OF, AS_OF, True, "", "nearly US$50 billion", who="x"),)
    picture = Picture("s-series.svg", "series", "US$50 billion", marks, AS_OF, "as of 1 Sept 2025", "en", "en")
    with pytest.raises(RenderError, match=r"s-series.svg: the picture would print 'US\$50 billion' over 'nearly"):
        draw(picture, Style())


def test_the_proof_sees_a_text_over_a_mark():
    from factbrief.pictures.canvas import Canvas
    from factbrief.pictures.canvas import settings as drawing

    with drawing(Style()):
        canvas = Canvas(60, 20, Style())
        ax = canvas.panel(0, 0, 60, 20)
        ax.scatter([0.5], [0.5], s=30, gid="mark-0-past")
        ax.text(0.5, 0.5, "here", gid="label-0-date")
        assert overprints(canvas.figure) == ["'here' over a mark (mark-0-past)"]


# -- short: in the fact file, proven like every printed field -----------------------------------------


def test_a_short_label_is_loaded_and_proven(project):
    edit(
        project,
        "    text: Diplomatic relations established.\n",
        "    text: Diplomatic relations established.\n    short: Relations.\n",
    )
    [m] = [m for m in load_fact_file(project).milestones if m.id == "relations"]
    assert m.short == "Relations."
    assert [f for f in verify(load_fact_file(project)) if f.level == "error"] == []


def test_a_short_label_with_a_figure_not_in_its_quote_is_refused(project):
    edit(
        project,
        "    text: Diplomatic relations established.\n",
        "    text: Diplomatic relations established.\n    short: Relations, 1934.\n",
    )
    errors = [str(f) for f in verify(load_fact_file(project)) if f.level == "error"]
    n = line_of(project, "- id: relations")
    assert any(
        e.startswith(f"minimal/minimal.yaml:{n}: milestone 'relations': ") and "1934" in e and "short" in e
        for e in errors
    )


def test_a_short_label_with_a_hidden_character_is_refused(project):
    edit(
        project,
        "    text: Diplomatic relations established.\n",
        '    text: Diplomatic relations established.\n    short: "Rela\\u200btions."\n',
    )
    with pytest.raises(FactFileError) as info:
        load_fact_file(project)
    assert "milestone 'relations'.short" in "\n".join(info.value.lines())


# -- the promise, over generated timelines and readings -----------------------------------------------


@st.composite
def milestones(draw_):
    count = draw_(st.integers(1, 12))
    start = dt.date(2020, 1, 1)
    marks = []
    for i in range(count):
        day = start + dt.timedelta(days=draw_(st.integers(0, 365 * 7)))
        text = " ".join(draw_(st.lists(st.sampled_from(WORDS), min_size=2, max_size=22))).capitalize() + "."
        short = draw_(st.sampled_from(["", "A partnership.", "Peace and prosperity."]))
        marks.append(milestone(day, text, short, ref=f"m{i}"))
    return marks


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(milestones())
def test_generated_timelines_print_whole_labels_and_nothing_over_anything(marks):
    picture = timeline(marks)
    try:
        root = drawn(picture)
    except RenderError as exc:  # refused, never cut: it names the milestone to shorten
        assert "short" in str(exc) and "milestone 'm" in str(exc)
        return
    for n, text in labels(root).items():  # each mark's number is its place in the list given
        assert text in (marks[int(n)].text, marks[int(n)].short)
    assert len(labels(root)) == len(marks)
    assert not any("…" in t["text"] for t in texts(root))
    assert overlapping(root) == []


@settings(max_examples=20, deadline=None)
@given(st.lists(st.decimals(min_value=1, max_value=100, places=1), min_size=2, max_size=6))
def test_generated_readings_never_print_over_each_other(values):
    marks = tuple(
        Mark(AS_OF, AS_OF, True, "", f"about {v} billion", i == 0, f"Source {i + 1}", v) for i, v in enumerate(values)
    )
    picture = Picture("c-conflict.svg", "conflict", "readings", marks, AS_OF, "as of 1 Sept 2025", "en", "en")
    root = drawn(picture)
    assert overlapping(root) == []
    assert {m.text for m in marks} <= {t["text"] for t in texts(root)}


def test_check_refuses_the_timeline_build_would_refuse(project, runner):
    """`check` lays out the pictures as `build` does: a timeline with no room for a label fails
    both, with the same FILE:LINE line, and build writes nothing."""
    from factbrief.cli import app

    source = project.parent / "sources" / "gazette.txt"
    said = (
        "a delegation of both governments held long talks in the capital on the bridge, the fishing quotas, "
        "the student exchanges and the new trade pact"
    )
    days = range(1, 15)
    source.write_text(
        source.read_text(encoding="utf-8") + "".join(f"\nOn {d} May 2025 {said}.\n" for d in days), encoding="utf-8"
    )
    crowd = "".join(
        f"  - id: talks-{d}\n    date: 2025-05-{d:02d}\n    text: A delegation of both governments held long talks "
        f"in the capital on the bridge, the fishing quotas, the student exchanges and the new trade pact.\n"
        f"    source: gazette\n    quote: On {d} May 2025 {said}\n"
        for d in days
    )
    edit(project, "milestones:\n", "milestones:\n" + crowd)
    checked = runner.invoke(app, ["check", str(project)])
    refused = [line for line in checked.stdout.splitlines() if "has no room" in line]
    assert checked.exit_code == 1 and refused, checked.stdout
    assert re.match(r"minimal/minimal\.yaml:\d+: milestone 'talks-\d+': the timeline", refused[0]), refused
    out = project.parent / "out"
    built = runner.invoke(app, ["build", str(project), "--out", str(out), "--format", "md"])
    assert built.exit_code == 1 and refused[0] in built.stderr, built.stderr
    assert not out.exists() or not any(out.iterdir())
