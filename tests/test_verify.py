"""Provenance checks: quotes in their sources, numbers in their quotes, ids, sources, conflicts."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import JV_FACTS, edit, line_of, second_source
from factbrief.cli import app
from factbrief.factfile.load import load_fact_file
from factbrief.model import PartialDate
from factbrief.text.cleaning import normalise
from factbrief.text.numbers import numbers_in
from factbrief.verify import verify


def findings(path, level="error") -> list[str]:
    return [str(f) for f in verify(load_fact_file(path)) if f.level == level]


def test_minimal_file_has_no_findings(project):
    assert findings(project) == []
    assert findings(project, "warning") == []


def test_quote_not_in_source_says_where_it_diverges(project):
    edit(project, "quote: Sylvania is Freedonia’s second-largest", "quote: Sylvania is Freedonia’s third-largest")
    [line] = findings(project)
    n = line_of(project, "third-largest")
    assert line.startswith(
        f"minimal/minimal.yaml:{n}: fact 'partner': quote not found in sources/gazette.txt (matches up to"
    )
    assert "then the quote has “third-largest" in line


def test_quote_matching_folds_typography_but_nothing_else(project):
    # Straight apostrophe for the source's curly one, and a line break inside the quote: still verbatim.
    edit(
        project,
        "quote: Sylvania is Freedonia’s second-largest trading partner.",
        'quote: "Sylvania is Freedonia\'s second-largest\\n      trading partner."',
    )
    assert findings(project) == []
    edit(project, "second-largest\\n      trading partner.", "second-largest\\n      Trading partner.")
    assert len(findings(project)) == 1


def test_number_in_text_must_be_in_quote(project):
    edit(project, "up 8% on the year before.", "up 9% on the year before.")
    [line] = findings(project)
    assert (
        line
        == f"minimal/minimal.yaml:{line_of(project, '- id: trade')}: fact 'trade': number 9 in text is not in its quote (the quote has: 8, 12.5, 2024)"
    )


def test_thousands_separators_are_equivalent():
    assert numbers_in("5,557 projects and 5557 more") == numbers_in("5557")
    assert normalise("“a”  –\n b") == '"a" - b'


def test_value_must_be_in_quote(project):
    edit(project, "    topic: investment\n", "    topic: investment\n    value: 1250\n    qualifier: more than\n")
    assert findings(project) == []
    edit(project, "    value: 1250\n", "    value: 1300\n")
    [line] = findings(project)
    assert "fact 'firms': value 1300 is not in its quote (the quote has: 1250, 48000)" in line


def test_unknown_source(project):
    edit(project, "    source: gazette\n", "    source: gazete\n")
    [line] = findings(project)
    assert (
        line
        == f"minimal/minimal.yaml:{line_of(project, 'source: gazete')}: fact 'trade' cites unknown source 'gazete' (known: gazette)"
    )


def test_missing_source_file_and_file_outside_folder(project):
    edit(project, "file: sources/gazette.txt", "file: sources/missing.txt")
    assert any("source 'gazette': file 'sources/missing.txt' does not exist" in x for x in findings(project))
    edit(project, "file: sources/missing.txt", "file: ../../../etc/hostname")
    assert any("file '../../../etc/hostname' is outside the fact file's folder" in x for x in findings(project))


def test_duplicate_ids_across_facts_and_milestones(project):
    edit(project, "  - id: relations\n", "  - id: trade\n")
    [line] = findings(project)
    assert f"minimal.yaml:{line_of(project, '  - id: trade')}" not in line
    assert "duplicate id 'trade' (first used at line 12)" in line


def test_uncited_source_is_a_warning(project):
    second_source(project, "spare")
    assert findings(project) == []
    [line] = findings(project, "warning")
    assert "source 'spare' is cited by no fact or milestone" in line


def _two_readings(project, note: str = ""):
    """Two sources giving the same metric different values."""
    second_source(project, "wire", "Wire")
    edit(
        project,
        "    topic: investment\n",
        "    topic: investment\n    metric: firms\n    value: 1250\n    unit: firms\n    qualifier: more than\n",
    )
    edit(
        project,
        "  - id: bridge\n",
        "  - id: firms-wire\n    topic: investment\n    text: About 48,000 people work for Freedonian firms.\n"
        "    source: wire\n    quote: employing about 48,000 people.\n    metric: firms\n    value: 48000\n    unit: people\n"
        "    qualifier: about\n" + note + "  - id: bridge\n",
    )


def test_conflict_is_a_warning_with_both_readings(project, runner):
    from factbrief.cli import app

    _two_readings(project)
    result = runner.invoke(app, ["check", str(project)])
    assert result.exit_code == 0
    n = line_of(project, "- id: firms\n")
    assert (
        f"minimal/minimal.yaml:{n}: warning: conflict on metric 'firms': more than 1,250 firms from gazette [firms]; about 48,000 people from wire [firms-wire]"
        in result.output
    )
    assert runner.invoke(app, ["check", str(project), "--strict"]).exit_code == 1


def test_reconciled_conflict_is_not_a_warning(project, runner):
    from factbrief.cli import app

    _two_readings(project, "    note: The wire counts people, the gazette firms.\n")
    result = runner.invoke(app, ["check", str(project), "--strict"])
    assert result.exit_code == 0, result.output
    assert (
        "info: reconciled conflict on metric 'firms': more than 1,250 firms from gazette [firms]; about 48,000 people from wire [firms-wire]"
        in result.output
    )


def test_conflicts_print_each_reading_as_documents_do(tmp_path):
    """Currency first, thousands separators: "US$2.1 billion", not "2.1 US$ billion"."""
    from factbrief.factfile.load import load_fact_file
    from factbrief.verify import verify

    (tmp_path / "a.txt").write_text("Trade reached US$2.1 billion in 2024.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Trade reached US$2.3 billion in 2024, and 710,000 visitors came.\n", encoding="utf-8"
    )
    fact = (
        "  - id: {id}\n    topic: trade\n    text: Trade reached US${v} billion in 2024.\n    source: {src}\n"
        "    quote: Trade reached US${v} billion in 2024\n    value: {v}\n    unit: US$ billion\n    metric: trade\n"
        "    as_of: 2024\n"
    )
    (tmp_path / "f.yaml").write_text(
        "title: T\nparties: [Norway, Kenya]\nas_of: 2025-09-01\nsources:\n"
        "  a: {publisher: A, title: A, file: a.txt}\n  b: {publisher: B, title: B, file: b.txt}\nfacts:\n"
        + fact.format(id="trade-a", src="a", v="2.1")
        + fact.format(id="trade-b", src="b", v="2.3")
        + "  - id: visitors\n    topic: people\n    text: 710,000 visitors came.\n    source: b\n"
        "    quote: 710,000 visitors came.\n    value: 710000\n    unit: visitors\n    metric: trade\n"
        "milestones: []\n",
        encoding="utf-8",
    )
    [conflict] = [p.message for p in verify(load_fact_file(tmp_path / "f.yaml")) if p.level == "warning"]
    assert conflict == (
        "conflict on metric 'trade': US$2.1 billion as of 2024 from a [trade-a]; "
        "US$2.3 billion as of 2024 from b [trade-b]; 710,000 visitors from b [visitors]"
    )


def test_old_facts_warn_with_max_age(project, runner):
    from factbrief.cli import app

    edit(project, "    topic: economy\n", "    topic: economy\n    as_of: 2024\n")
    result = runner.invoke(app, ["check", str(project), "--max-age", "200d"])
    assert result.exit_code == 0
    n = line_of(project, "- id: trade")
    assert (
        f"minimal/minimal.yaml:{n}: warning: fact 'trade' is 244 days old (as of 2024; the limit is 200 days before 2025-09-01)"
        in result.output
    )
    assert runner.invoke(app, ["check", str(project), "--max-age", "1y"]).exit_code == 0
    assert runner.invoke(app, ["check", str(project), "--max-age", "200d", "--strict"]).exit_code == 1
    assert runner.invoke(app, ["check", str(project), "--max-age", "soon"]).exit_code == 2


def test_build_refuses_to_write_on_verification_errors(project, tmp_path):
    import pytest

    from factbrief.build import build
    from factbrief.errors import VerificationError

    edit(project, "up 8% on the year before.", "up 9% on the year before.")
    with pytest.raises(VerificationError):
        build(project, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_hedge_messages_print_numbers_as_the_quote_does(project):
    edit(project, "    text: More than 1,250 Freedonian firms", "    text: 1,250 Freedonian firms")
    [line] = findings(project)
    assert "fact 'firms': the quote says “More than 1,250”; the text must keep it" in line


# -- ordinary files of other offices pass --strict (issue 24) ----------------------------------------

OFFICES = sorted((Path(__file__).parent / "data" / "offices").glob("*/brief.yaml"))


@pytest.mark.parametrize(
    "path", [*OFFICES, JV_FACTS], ids=lambda p: p.parent.name if p.name == "brief.yaml" else p.stem
)
def test_check_strict_passes_ordinary_files_of_other_offices_and_the_seed(path, runner):
    """No error and no warning that would not change what is printed: `check --strict` passes."""
    assert len(OFFICES) >= 4
    found = [f for f in verify(load_fact_file(path)) if f.level != "info"]
    assert found == [], [str(f) for f in found]
    result = runner.invoke(app, ["check", str(path), "--strict"])
    assert result.exit_code == 0, result.output


def test_the_offices_files_print_the_hedges_their_texts_state(tmp_path):
    from factbrief.build import BuildOptions, build

    offices = Path(__file__).parent / "data" / "offices"
    build(offices / "hedges" / "brief.yaml", tmp_path / "h", BuildOptions(fmt="md"))
    sheet = (tmp_path / "h" / "factsheet.md").read_text(encoding="utf-8")
    assert "more than 800 enterprises" in sheet and "nearly 6 billion dollars" in sheet
    assert "150 billion dollars (expected)" in sheet and "(proposed)" in sheet
    build(offices / "vietnamese" / "brief.yaml", tmp_path / "v", BuildOptions(fmt="md"))
    assert "hơn 630.000 người" in (tmp_path / "v" / "factsheet.md").read_text(encoding="utf-8")
    build(offices / "french" / "brief.yaml", tmp_path / "f", BuildOptions(fmt="md"))
    briefing = (tmp_path / "f" / "briefing.md").read_text(encoding="utf-8")
    assert "**1er juillet 2025.**" in briefing and "plus de 300 entreprises" in briefing
    build(offices / "kenya-india" / "brief.yaml", tmp_path / "k", BuildOptions(fmt="md"))
    briefing = (tmp_path / "k" / "briefing.md").read_text(encoding="utf-8")
    assert re.search(r"US\$4\.3 billion\[\^\d+\] ‡", briefing)  # the conflict that two metrics hid is found and shown


# -- conflicts under two names, found without comparing every pair ------------------------------

_READING = st.builds(
    SimpleNamespace,
    metric=st.sampled_from(
        [
            "trade",
            "two-way-trade",
            "trade-turnover",
            "bilateral-trade-volume",
            "fdi",
            "fdi-total",
            "visitors",
            "trade-fdi",
            "a--b",
            "-",
            None,
        ]
    ),
    value=st.sampled_from([1, 2, 2.0, "2", None]),
    as_of=st.sampled_from([PartialDate(2024), PartialDate(2024, 6), None]),
    unit=st.sampled_from(["billion USD", "Billion  usd", "people", None]),
    source=st.sampled_from(["vov", "vna", "nhk"]),
)


def _count_calls(monkeypatch, owner, name) -> list:
    """The arguments of every call to ``owner.name`` from here on (the call itself goes on)."""
    calls: list = []
    real = getattr(owner, name)
    monkeypatch.setattr(owner, name, lambda *args: calls.append(args) or real(*args))
    return calls


def _every_pair(facts):
    """The definition, pair by pair."""
    from factbrief.text.numbers import as_decimal
    from factbrief.verify import same_quantity

    facts = [f for f in facts if f.metric and f.value is not None and f.as_of is not None]
    out = []
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            if a.metric == b.metric or a.source == b.source or a.as_of != b.as_of:
                continue
            if " ".join((a.unit or "").lower().split()) != " ".join((b.unit or "").lower().split()):
                continue
            wa, wb = set(same_quantity(a.metric).split("-")), set(same_quantity(b.metric).split("-"))
            if (wa <= wb or wb <= wa) and as_decimal(a.value) != as_decimal(b.value):
                out.append((a, b))
    return out


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_READING, max_size=14))
def test_hidden_conflicts_are_every_pair_the_definition_finds_in_its_order(facts):
    from factbrief.verify import hidden_conflicts

    assert hidden_conflicts(SimpleNamespace(facts=facts)) == _every_pair(facts)


def test_hidden_conflicts_of_thousands_of_dated_facts_do_not_compare_every_pair(monkeypatch):
    """5,000 facts of one period and unit, each its own metric: a minute pair by pair, a blink here."""
    from factbrief.verify import hidden_conflicts

    facts = [
        SimpleNamespace(metric=f"m{i}", value=i, as_of=PartialDate(2024), unit="units", source=f"s{i % 7}")
        for i in range(5000)
    ]
    facts += [SimpleNamespace(metric="m7-total", value=1, as_of=PartialDate(2024), unit="units", source="other")]
    calls = _count_calls(monkeypatch, PartialDate, "__eq__")
    [(a, b)] = hidden_conflicts(SimpleNamespace(facts=facts))
    assert (a.metric, b.metric) == ("m7", "m7-total")
    assert len(calls) < 50_000  # pair by pair: 12.5 million


def _groups_one_by_one(facts):
    """The definition, fact by fact: each joins (and merges) every group it disagrees with."""
    from factbrief.verify.conflicts import _disagree

    groups = []
    for fact in facts:
        joined = [g for g in groups if any(_disagree(fact, other) for other in g)]
        groups = [g for g in groups if g not in joined] + [[f for g in joined for f in g] + [fact]]
    return [sorted(g, key=lambda f: next(i for i, x in enumerate(facts) if x is f)) for g in groups if len(g) > 1]


def _r(value, year, source):
    return SimpleNamespace(metric="trade", value=value, as_of=PartialDate(year), unit=None, source=source)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_READING, max_size=14))
@example([_r(1, 2024, "vov"), _r(5, 2023, "vov"), _r(6, 2023, "vna"), _r(2, 2024, "vna")])  # the later group first
def test_conflicts_are_the_groups_the_definition_joins_in_its_order(facts):
    from factbrief.verify.conflicts import _disagreeing_groups

    for i, fact in enumerate(facts):
        fact.id = f"f{i}"
    assert [[f.id for f in g] for g in _disagreeing_groups(facts)] == [
        [f.id for f in g] for g in _groups_one_by_one(facts)
    ]


def test_a_series_of_thousands_of_readings_is_not_compared_pair_by_pair(monkeypatch):
    from factbrief.verify import conflicts

    series = [
        SimpleNamespace(metric="exports", value=i, as_of=PartialDate(1900 + i // 12, i % 12 + 1), source=f"s{i % 3}")
        for i in range(5000)
    ]
    series.append(SimpleNamespace(metric="exports", value=7, as_of=PartialDate(1900, 1), source="other"))
    calls = _count_calls(monkeypatch, conflicts, "_disagree")
    [conflict] = conflicts.find_conflicts(SimpleNamespace(facts=series))
    assert [f.value for f in conflict.facts] == [0, 7, 7]  # 1900-01's reading, and 7 given for two periods
    assert len(calls) < 50_000  # pair by pair: 12.5 million


def test_many_readings_of_one_metric_are_no_candidates_for_a_conflict_under_two_names(monkeypatch):
    """Facts of one metric are never paired here (their conflicts are the metric's own): 3,000
    readings of 'trade' made 4.5 million pairs to drop, 11 s and 500 MB."""
    from factbrief.verify import conflicts

    compared = _count_calls(monkeypatch, conflicts, "as_decimal")
    same = [
        SimpleNamespace(metric="trade", value=i, as_of=PartialDate(2024), unit="%", source=f"s{i}") for i in range(3000)
    ]
    long = [
        SimpleNamespace(
            metric="-".join(f"w{k}" for k in range(24)) + f"-z{i}",
            value=i,
            as_of=PartialDate(2024),
            unit="%",
            source=f"s{i}",
        )
        for i in range(3000)
    ]
    assert conflicts.hidden_conflicts(SimpleNamespace(facts=same + long)) == []
    assert compared == []  # no pair came near a comparison of values


def test_conflicts_are_found_again_when_a_fact_changes():
    """find_conflicts remembers the last facts it read (check, then every document, asks of the
    same ones): a fact replaced by another, or a fact more, is read afresh."""
    import dataclasses

    from factbrief.verify.conflicts import find_conflicts

    ff = load_fact_file(JV_FACTS)
    first = find_conflicts(ff)
    assert first and find_conflicts(ff) == first and find_conflicts(ff) is not first
    conflict = next(c for c in first if len(c.facts) == 2)
    # The conflict's second reading agrees with the first: no conflict on that metric any more.
    agreeing = dataclasses.replace(conflict.facts[1], value=conflict.facts[0].value, as_of=conflict.facts[0].as_of)
    ff.facts = [agreeing if f is conflict.facts[1] else f for f in ff.facts]
    assert conflict.metric not in {c.metric for c in find_conflicts(ff)}
    ff.facts = [*ff.facts, dataclasses.replace(conflict.facts[0], id="again", value=conflict.facts[0].value + 1)]
    assert any(f.id == "again" for c in find_conflicts(ff) for f in c.facts)


def test_check_on_the_cores_finds_what_one_process_finds_in_the_same_order(tmp_path, monkeypatch):
    """check spreads the items over the workers while this process runs the checks of the whole
    file: the findings, errors of items and of the whole file alike, read as one process gives them."""
    import shutil

    from factbrief.build import check
    from factbrief.build.checking import CheckCores

    shutil.copytree(JV_FACTS.parent, tmp_path / "facts", ignore=shutil.ignore_patterns("templates"))
    path = tmp_path / "facts" / JV_FACTS.name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    texts = [i for i, line in enumerate(lines) if re.match(r"\s*-?\s*text: [A-Z][^\"'#]*$", line)]  # plain scalars
    for i in texts[::6]:  # a day and a figure no quote gives, in every sixth statement
        lines[i] = lines[i].rstrip("\n").rstrip() + " on 3 March 1901, up 77%\n"
    path.write_text("".join(lines), encoding="utf-8")
    spread = check(path)[1]
    monkeypatch.setattr(CheckCores, "workers", staticmethod(lambda count: 0))
    alone = check(path)[1]
    assert CheckCores.workers(100) == 0 and spread == alone
    levels = {p.level for p in alone}
    assert {"error", "info"} <= levels and sum(p.level == "error" for p in alone) >= len(texts[::6])
