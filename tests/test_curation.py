"""The curation assistant on an article of another relationship (Norway–Kenya, invented): what
`extract` suggests, what it leaves out, and what `coverage` reports."""

from __future__ import annotations

from factbrief.cli import app
from factbrief.coverage import coverage
from factbrief.load import load_fact_file

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
