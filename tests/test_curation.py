"""The curation assistant on an article of another relationship (Norway–Kenya, invented): what
`extract` suggests, what it leaves out, and what `coverage` reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

from conftest import edit
from factbrief.cli import app
from factbrief.curate.coverage import coverage
from factbrief.curate.extract import extract_stubs, find_figure, parse_value, stub_for, stubs_to_yaml, suggest_topic
from factbrief.factfile.load import load_fact_file
from factbrief.verify import verify

ARTICLE = """\
Norway and Kenya deepen green energy ties

NAIROBI — Norway pledged NOK 120 million for a geothermal training centre in Naivasha in 2024.
image-12.jpg
Foreign ministers Espen Barth Eide and Musalia Mudavadi in Nairobi on 3 March 2025. (Photo: MFA Norway)
Related
Kenya's 2030 energy plan
Kenya plans to add 25 GW of renewable capacity by 2040.
Two-way trade between Norway and Kenya reached US$310 million in 2024, up 12 per cent.
More than 2,000 Kenyan students are studying in Norway.
Norwegian firms have invested 1.5 billion NOK in Kenyan wind farms since 2015.
The proposed transmission line to Lake Turkana would cost €3bn.
Work began in March 2025 on a 340-metre bridge over the Tana River.
Kenya exported KES 4.2 billion of cut flowers to Norway last year.
Officials met on the sidelines of the G20 summit in Johannesburg.
How much will the programme cost in 2026?
IMG_20250427_0931.jpg
"""


def write_project(tmp_path, facts: str = "", ignored: str = ""):
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "nation.txt").write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "brief.yaml"
    path.write_text(
        "title: Norway – Kenya relations\nparties: [Norway, Kenya]\nas_of: 2025-09-01\nsources:\n"
        "  nation:\n    publisher: The Nation\n    title: Norway and Kenya deepen green energy ties\n"
        "    published: 2025-05\n    file: sources/nation.txt\n"
        f"facts:{facts or ' []'}\nmilestones: []\n" + (f"ignored:\n{ignored}" if ignored else ""),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def stubs(tmp_path):
    write_project(tmp_path)
    return {s.fields["quote"]: s for s in extract_stubs(tmp_path / "sources" / "nation.txt", "nation")}


def by_start(stubs, start):
    [stub] = [s for quote, s in stubs.items() if quote.startswith(start)]
    return stub.fields


def test_extract_skips_what_is_not_the_article_and_drops_the_dateline(stubs):
    quotes = list(stubs)
    assert quotes[0] == "Norway pledged NOK 120 million for a geothermal training centre in Naivasha in 2024."
    for left_out in ("image-12", "(Photo:", "Related", "Kenya's 2030", "How much", "G20"):
        assert not any(left_out in q for q in quotes), left_out
    assert len(quotes) == 8


def test_extract_parses_currencies_in_every_form(stubs):
    assert (by_start(stubs, "Norway pledged")["value"], by_start(stubs, "Norway pledged")["unit"]) == (
        120,
        "NOK million",
    )
    assert (by_start(stubs, "Norwegian firms")["value"], by_start(stubs, "Norwegian firms")["unit"]) == (
        1.5,
        "NOK billion",
    )
    assert (by_start(stubs, "Two-way")["value"], by_start(stubs, "Two-way")["unit"]) == (310, "US$ million")
    assert (by_start(stubs, "The proposed")["value"], by_start(stubs, "The proposed")["unit"]) == (3, "€ billion")
    assert (by_start(stubs, "Kenya exported")["value"], by_start(stubs, "Kenya exported")["unit"]) == (
        4.2,
        "KES billion",
    )
    assert parse_value("a yen loan of ¥1.2 trillion") == (1.2, "¥ trillion")
    assert parse_value("exports of 12.5 billion ducats") == (12.5, "billion ducats")
    assert parse_value("a deal worth $5m") == (5, "$ million")
    assert parse_value("COP 28 met in Dubai") == (None, None)  # a name, not Colombian pesos


def test_extract_parses_physical_units_and_percentages(stubs):
    assert (by_start(stubs, "Kenya plans")["value"], by_start(stubs, "Kenya plans")["unit"]) == (25, "GW")
    assert (by_start(stubs, "Work began")["value"], by_start(stubs, "Work began")["unit"]) == (340, "metres")
    assert parse_value("a 10 km transmission line") == (10, "km")
    assert parse_value("a 46 per cent tariff") == (46, "%")
    assert parse_value("up 2.7% on 2023") == (2.7, "%")
    assert parse_value("over 630,000 Vietnamese live in Japan") == (630000, "Vietnamese")
    assert parse_value("2,000 Japanese companies operate there") == (2000, "companies")
    assert parse_value("the 2025 Osaka Expo") == (None, None)  # a year is not a count
    assert find_figure("G20 leaders met in 2024") is None


def test_extract_suggests_qualifier_and_status_as_check_requires(stubs):
    students = by_start(stubs, "More than 2,000")
    assert students["qualifier"] == "more than" and students["value"] == 2000
    assert by_start(stubs, "Kenya plans")["status"] == "expected"
    assert by_start(stubs, "The proposed")["status"] == "proposed"
    assert "qualifier" not in by_start(stubs, "Two-way") and "status" not in by_start(stubs, "Two-way")


def test_extract_suggests_a_metric_from_the_words_around_the_value(stubs):
    assert by_start(stubs, "Two-way")["metric"] == "trade"  # two-way, bilateral, turnover: one quantity
    assert by_start(stubs, "More than 2,000")["metric"] == "kenyan-students-in-norway"
    assert by_start(stubs, "Kenya plans")["metric"] == "renewable-capacity"
    assert by_start(stubs, "Norway pledged")["metric"] == "geothermal-training-centre"
    assert by_start(stubs, "The proposed")["metric"] == "transmission-line"
    assert by_start(stubs, "Work began")["metric"] == "bridge"
    assert by_start(stubs, "Kenya exported")["metric"] == "cut-flowers"


def test_extract_suggests_generic_topics(stubs):
    assert by_start(stubs, "Two-way")["topic"] == "economy and trade"
    assert by_start(stubs, "Kenya plans")["topic"] == "energy"
    assert by_start(stubs, "More than 2,000")["topic"] == "education"
    assert suggest_topic("Registered investment from Norway reached US$80 million.") == "investment"
    assert by_start(stubs, "Work began")["topic"] == "development cooperation"
    assert suggest_topic("The two armies held joint naval drills.") == "defence and security"
    assert suggest_topic("The weather was fine.") == "general"


def test_extract_dates_leave_out_deadlines_and_relative_dates(stubs):
    assert by_start(stubs, "Norway pledged")["as_of"] == "2024"
    assert "as_of" not in by_start(stubs, "Kenya plans")  # "by 2040" is a target, not the period
    assert "as_of" not in by_start(stubs, "Norwegian firms")  # "since 2015" starts the period
    flowers = stubs["Kenya exported KES 4.2 billion of cut flowers to Norway last year."]
    assert "as_of" not in flowers.fields
    assert flowers.comments == [
        "says “last year”: write the date it means in text (the article's date resolves it); as_of left out"
    ]
    text = stubs_to_yaml(list(stubs.values()))
    assert "  # says “last year”" in text
    assert yaml.safe_load("facts:\n" + text)["facts"][0]["source"] == "nation"


def test_extract_stubs_verify_but_for_the_dates_they_flag(tmp_path):
    """Pasted under facts:, every stub passes check, except that a relative date in its text must
    be written out, which its comment says."""
    path = write_project(tmp_path)
    stubs = extract_stubs(tmp_path / "sources" / "nation.txt", "nation")
    path = write_project(tmp_path, "\n" + stubs_to_yaml(stubs))
    errors = [p for p in verify(load_fact_file(path)) if p.level == "error"]
    flagged = {s.fields["id"] for s in stubs if s.comments}
    assert errors and all(p.ref in flagged and "only makes sense on the day" in p.message for p in errors)


def test_extract_hedge_before_an_iso_code():
    from factbrief.curate.extract import suggest_qualifier

    assert suggest_qualifier("Norway gave more than NOK 120 million.", Decimal(120)) == "more than"
    assert suggest_qualifier("Norway gave NOK 120 million.", Decimal(120)) is None


def test_coverage_does_not_count_names_and_shows_reasons(tmp_path, runner, monkeypatch):
    ignored = (
        "  - source: nation\n    figure: '3'\n    quote: Nairobi on 3 March 2025.\n    reason: photo caption\n"
        "  - source: nation\n    figure: '2030'\n    quote: Kenya's 2030 energy plan\n    reason: a related article's headline\n"
    )
    path = write_project(tmp_path, ignored=ignored)
    [result] = coverage(load_fact_file(path))
    figures = [f.text for f in result.figures]
    # G20 names a group and image-12.jpg a file: the only 12 is "12 per cent".
    assert "20" not in figures and figures.count("12") == 1
    assert "20250427" not in figures and "0931" not in figures  # a file name's line
    assert [(f.text, f.reason) for f in result.figures if f.state == "ignored"] == [
        ("3", "photo caption"),
        ("2025", "photo caption"),
        ("2030", "a related article's headline"),
    ]
    monkeypatch.chdir(tmp_path)
    shown = runner.invoke(app, ["coverage", "brief.yaml", "--show-ignored"]).output
    assert "sources/nation.txt:5: ignored '3' in “Foreign ministers" in shown
    assert "Nairobi on 3 March 2025.”; reason: photo caption" in shown
    assert "reason: a related article's headline" in shown
    assert "reason:" not in runner.invoke(app, ["coverage", "brief.yaml"]).output


def test_coverage_does_not_count_a_dateline_or_the_headline(tmp_path):
    path = write_project(tmp_path)
    (tmp_path / "sources" / "nation.txt").write_text(
        "Kenya and India mark 60 years of ties\n"
        "Nairobi 3 July 2025\n"
        "NAIROBI, 4 July 2025 — Trade between the two countries reached US$4.3 billion in 2024.\n",
        encoding="utf-8",
    )
    [result] = coverage(load_fact_file(path))
    assert [f.text for f in result.figures if f.state == "uncovered"] == ["4.3", "2024"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Two-way trade between Kenya and India reached US$3.9 billion in 2024, officials said on Wednesday.",
        "Bilateral trade between the two countries reached US$4.3 billion in 2024, up 11 per cent.",
        "Trade turnover between India and Kenya stood at US$4.3 billion in 2024.",
        "The two countries' trade reached US$4.3 billion in 2024.",
        "Kenya and India's total trade reached US$4.3 billion in 2024.",
    ],
)
def test_extract_suggests_one_metric_for_one_quantity_and_keeps_as_of(sentence):
    stub = stub_for(sentence, "x-001", "x")
    assert stub.fields["metric"] == "trade"
    assert stub.fields["as_of"] == "2024"  # "on Wednesday" dates the saying, not the figure


@pytest.mark.parametrize(
    ("sentence", "junk"),
    [
        ("India has invested US$1.5 billion in Kenya since 2015.", {"kenya-since", "kenya"}),
        ("Kenya sold US$120 million of avocados between 2020 and 2024.", {"avocados-between"}),
        ("India has extended lines of credit worth about US$450 million to Kenya.", {"line", "worth"}),
    ],
)
def test_extract_suggests_no_junk_metrics(sentence, junk):
    assert stub_for(sentence, "x-001", "x").fields.get("metric") not in junk


def test_extract_suggests_one_metric_across_the_sources_of_another_office():
    """Kenya – India from three articles that word trade three ways: one metric, so check finds
    the US$4.3 billion against US$3.9 billion disagreement; "on Wednesday" keeps as_of 2024."""
    from pathlib import Path

    folder = Path(__file__).parent / "data" / "offices" / "kenya-india" / "sources"
    trade = []
    for source in ("standard", "nation", "business"):
        for stub in extract_stubs(folder / f"{source}.txt", source):
            if stub.fields.get("value") in (4.3, 3.9):
                trade.append(stub.fields)
    assert [(f["metric"], f["as_of"]) for f in trade] == [("trade", "2024")] * 3
    assert not [f for f in trade if "Nairobi, 12 June" in str(f["quote"])]  # the dateline is left out


def test_check_counts_the_fields_it_could_not_read_in_the_files_order(project, runner):
    """Errors in fields' values (an ask, an age, a yes-or-no) are each one FILE:LINE line, in the
    file's order, then one count, as for the checks that run once the file reads."""
    edit(
        project,
        "    quote: Sylvania is Freedonia’s second-largest trading partner.\n",
        "    quote: Sylvania is Freedonia’s second-largest trading partner.\n"
        "    ask: Ruritania\n    stale_after: soon\n    deliverable: maybe\n",
    )
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 1
    lines = [line for line in (result.stderr + result.stdout).splitlines() if line]
    found = [line for line in lines if "'partner'" in line]
    assert [f.split(":")[1] for f in found] == sorted((f.split(":")[1] for f in found), key=int)
    assert len(found) == 3 and "Traceback" not in result.output
    assert (
        lines[-1]
        == "minimal/minimal.yaml: 3 error(s) reading the fact file; its quotes and figures are checked once it reads"
    )


def test_a_wrong_year_is_reported_once_as_a_date(project):
    """A year the quote does not state is one finding (a date), not a date and a number too."""
    edit(
        project,
        "    text: Diplomatic relations established.\n",
        "    text: Diplomatic relations established.\n    short: Relations set up in 1934\n",
    )
    edit(
        project,
        "    text: Relations upgraded to a Strategic Partnership.",
        "    text: Relations upgraded to a Strategic Partnership in 2018.",
    )
    found = [f.message for f in verify(load_fact_file(project)) if f.level == "error"]
    assert len(found) == 2, found
    assert any("date “1934” in short" in f and "the quote states 1933 (March)" in f for f in found), found
    assert any("date “2018” in text" in f for f in found), found
