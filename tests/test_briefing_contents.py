"""The briefing as a desk officer reads it: asks, deliverables, a glance box and key points across
the topics, nothing twice on the page, stale items said; and the talking points."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import DATA, JV_FACTS, MINIMAL, edit, line_of
from factbrief.build import BuildOptions, build
from factbrief.factfile.load import load_fact_file
from factbrief.render.context import Context
from factbrief.text.cleaning import normalise

KENYA = DATA / "kenya-india" / "brief.yaml"
NOTE_CALL = re.compile(r"\[\^(\d+)\]")


def test_glance_box_and_key_points_cover_the_topics_before_a_second_of_any():
    ctx = Context(load_fact_file(JV_FACTS))
    for chosen in (ctx.key_figures, ctx.key_points):
        topics = [f.topic for f in chosen]
        first_repeat = next((i for i, t in enumerate(topics) if t in topics[:i]), len(topics))
        # Every topic that offers a candidate appears before any topic appears twice.
        assert len(set(topics[:first_repeat])) == first_repeat
    glance_topics = {f.topic for f in ctx.key_figures[:5]}
    assert {"economy and trade", "investment", "energy and green transition"} <= glance_topics
    assert "people-to-people ties and tourism" in glance_topics
    assert "yen-xa" not in [f.id for f in ctx.key_figures]


def _passages(item) -> list[str]:  # type: ignore[no-untyped-def]
    return [normalise(c.quote).casefold() for c in item.citations]


def test_nothing_twice_across_the_briefings_lists():
    ctx = Context(load_fact_file(JV_FACTS))
    facts = [
        *ctx.key_points,
        *ctx.key_figures,
        *[f for a in ctx.asks for f in a.facts],
        *ctx.deliverables,
        *ctx.watch,
    ]
    items = [*facts, *ctx.engagements.recent, *ctx.engagements.upcoming]
    assert len({i.id for i in items}) == len(items)
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            assert not any(p in q or q in p for p in _passages(a) for q in _passages(b)), (a.id, b.id)
    # Two facts that quote one sentence print once, and the build says which.
    assert "prints 'fdi-registered' once for 'fdi-projects' (the same passage)" in ctx.merged
    # The visit prints once (the seed keeps its talks as a fact, not a second milestone).
    recent = [m.id for m in ctx.engagements.recent]
    assert sum(i.startswith("ishiba-") and "visit" in i for i in recent) <= 1
    assert "ishiba-takes-office" not in recent and len(recent) == len(set(recent))


def test_asks_and_deliverables_from_the_marks():
    ctx = Context(load_fact_file(JV_FACTS))
    assert [(str(a.party), [f.id for f in a.facts]) for a in ctx.asks] == [("Japan", ["japan-asks-reforms"])]
    from factbrief.render.context import MAX_LISTED

    marked = {"climate-loan", "hanoi-metro-2", "two-plus-two", "cooperation-committee", "phd-target"}
    chosen = {f.id for f in ctx.deliverables}
    assert chosen <= marked and len(chosen) == min(len(marked), MAX_LISTED)


def test_stale_items_print_their_date_and_status_to_be_confirmed(project, tmp_path):
    edit(project, "title: Freedonia – Sylvania relations\n", "title: Freedonia – Sylvania relations\nmax_age: 0d\n")
    edit(project, "    topic: disputes\n", "    topic: disputes\n    watch: true\n")
    ctx = Context(load_fact_file(project))
    fishing = next(f for f in ctx.ff.facts if f.id == "fishing")
    assert ctx.stale(fishing)  # its source is of August 2025, the brief of 1 September
    assert not ctx.stale(next(f for f in ctx.ff.facts if f.id == "trade"))  # no status, not watched
    out = tmp_path / "out"
    build(project, out, BuildOptions(fmt="md", only=("briefing",)))
    line = next(x for x in (out / "briefing.md").read_text().splitlines() if "Bay of Marx" in x)
    assert line.endswith("(August 2025, status to be confirmed)")
    build(project, out, BuildOptions(fmt="md", only=("briefing",), language="fr"))
    assert "(août 2025, situation à confirmer)" in (out / "briefing.md").read_text()


def test_jv_tariffs_are_flagged_stale():
    ctx = Context(load_fact_file(JV_FACTS))
    tariffs = next(f for f in ctx.watch if f.id == "us-tariffs")
    assert ctx.stale(tariffs)


def test_a_glance_row_can_carry_its_sentence(project, tmp_path):
    edit(project, "    topic: investment\n", "    topic: investment\n    glance: true\n    sentence: true\n")
    edit(
        project,
        "    quote: More than 1,250 Freedonian firms",
        "    value: 1250\n    qualifier: more than\n    quote: More than 1,250 Freedonian firms",
    )
    out = tmp_path / "out"
    build(project, out, BuildOptions(fmt="md", only=("briefing",)))
    rows = [x for x in (out / "briefing.md").read_text().splitlines() if x.startswith("|") and "1,250" in x]
    assert rows and "More than 1,250 Freedonian firms operate in Sylvania" in rows[0]


@pytest.fixture(scope="module")
def talking_points(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tp")
    build(JV_FACTS, out, BuildOptions(only=("talking-points", "briefing")))
    return out


def test_talking_points_one_page_every_figure_footnoted(talking_points):
    for suffix in ("md", "html", "pdf"):
        assert (talking_points / f"talking-points.{suffix}").exists()
    reader = PdfReader(talking_points / "talking-points.pdf")
    assert len(reader.pages) == 1
    markdown = (talking_points / "talking-points.md").read_text()
    lines = [x for x in markdown.splitlines() if x.startswith("- ")]
    ctx = Context(load_fact_file(JV_FACTS))
    assert len(lines) == len([f for f in ctx.ff.facts if f.point])  # the marked points, each once
    for line in lines:
        if re.search(r"\d", NOTE_CALL.sub("", line)):
            assert NOTE_CALL.search(line), line
    text = reader.pages[0].extract_text()
    assert "Talking points" in text and "US$46.2 billion" in text


def test_briefing_reads_as_a_briefing(talking_points):
    markdown = (talking_points / "briefing.md").read_text()
    headings = [x[3:].split(" {:")[0] for x in markdown.splitlines() if x.startswith("## ")]
    assert headings == [
        "Purpose",
        "Key points",
        "What each party wants",
        "Possible deliverables",
        "Relationship at a glance",
        "Engagement",
        "Issues to watch",
    ]
    assert "Cooperation priorities" not in markdown
    assert len(PdfReader(talking_points / "briefing.pdf").pages) == 1
    body = markdown.split("\n[^1]:")[0]
    assert "status to be confirmed" in body
    for name in ("Việt Nam", "Phạm Minh Chính"):
        assert name in markdown


def test_defaults_without_the_new_fields(tmp_path):
    """An old fact file (no ask, deliverable, point marks) still builds a good briefing and its
    talking points from the key points."""
    shutil.copytree(KENYA.parent, tmp_path / "k")
    out = tmp_path / "out"
    build(tmp_path / "k" / "brief.yaml", out, BuildOptions(only=("briefing", "talking-points")))
    markdown = (out / "briefing.md").read_text()
    assert "## Key points" in markdown and "## Issues to watch" in markdown
    assert "What each party wants" not in markdown and "Possible deliverables" not in markdown
    ctx = Context(load_fact_file(tmp_path / "k" / "brief.yaml"))
    assert ctx.talking_points == ctx.key_points and ctx.key_points
    # A small file: every fact printed once, in the glance box, the key points or the issues to
    # watch, but one that quotes the passage of another (said in the build's report).
    printed = [f.id for f in [*ctx.key_figures, *ctx.key_points, *ctx.watch]]
    assert sorted(printed) == sorted({f.id for f in ctx.ff.facts} - {"diaspora"})
    assert ctx.merged == ["prints 'credit-lines' once for 'diaspora' (the same passage)"]
    assert len(PdfReader(out / "talking-points.pdf").pages) == 1
    points = [x for x in (out / "talking-points.md").read_text().splitlines() if x.startswith("- ")]
    assert len(points) == len(ctx.key_points)


def test_minimal_sample_still_builds_every_document(tmp_path):
    out = tmp_path / "out"
    build(MINIMAL, out, BuildOptions(fmt="md"))
    assert {p.name for p in out.glob("*.md")} == {"briefing.md", "factsheet.md", "milestones.md", "talking-points.md"}


@pytest.mark.parametrize(
    "line, refused",
    [
        ("Freedonian firms in Sylvania number more than 1,250.", None),
        ("Freedonian firms in Sylvania number 1,350.", "(point): number 1350"),
        ("1,250 Freedonian firms operate in Sylvania.", "(point)"),  # the hedge dropped
    ],
)
def test_a_point_line_is_proven_as_the_statement_is(project, line, refused):
    """The talking points print a fact's `point:` line instead of its statement: its figures and
    hedges are held to the same quote."""
    from factbrief.verify import verify

    edit(
        project,
        "    quote: More than 1,250 Freedonian firms",
        f"    point: {line}\n    quote: More than 1,250 Freedonian firms",
    )
    found = [str(f) for f in verify(load_fact_file(project)) if f.level == "error"]
    if refused is None:
        assert found == []
    else:
        assert any("'firms' (point)" in f and refused in f for f in found), found
        # named at the `point:` line, not the fact's first line
        assert all(f":{line_of(project, '    point: ')}:" in f for f in found if "(point)" in f), found


def test_an_ask_keeps_its_party_when_the_party_names_are_translated(project):
    """`ask: Sylvania` is still Sylvania's ask in a French document that calls it Sylvanie."""
    edit(project, "as_of: 2025-09-01\n", "as_of: 2025-09-01\ntranslations:\n  fr:\n    parties: {Sylvania: Sylvanie}\n")
    edit(project, "    topic: disputes\n", "    topic: disputes\n    ask: Sylvania\n")
    ff = load_fact_file(project)
    for document in (ff, ff.in_language("fr")):
        asks = Context(document).asks
        assert [(str(a.party), [f.id for f in a.facts]) for a in asks] == [
            ("Sylvanie" if document is not ff else "Sylvania", ["fishing"])
        ]
