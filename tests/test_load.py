"""Loading fact files: a valid file becomes a typed model; mistakes name their file and line."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import JV_FACTS, MINIMAL, edit, line_of
from factbrief.errors import FactFileError
from factbrief.factfile.load import load_fact_file
from factbrief.model import PartialDate


def test_minimal_file_loads_with_lines():
    ff = load_fact_file(MINIMAL)
    assert ff.title == "Freedonia – Sylvania relations"
    assert ff.parties == ["Freedonia", "Sylvania"]
    assert ff.as_of == dt.date(2025, 9, 1)
    assert [f.id for f in ff.facts][:2] == ["trade", "partner"]
    assert ff.facts[0].line == 12
    assert ff.milestones[1].date == PartialDate(2019, 6)
    assert ff.sources["gazette"].file.name == "gazette.txt"


def test_curated_file_loads_and_keeps_diacritics():
    ff = load_fact_file(JV_FACTS)
    assert len(ff.facts) >= 40
    assert len(ff.milestones) >= 12
    text = " ".join(f.text for f in [*ff.facts, *ff.milestones])
    assert "Tô Lâm" in text or "Phạm Minh Chính" in text


def errors_of(path) -> list[str]:
    with pytest.raises(FactFileError) as info:
        load_fact_file(path)
    return info.value.lines()


def test_missing_required_key_names_file_and_line(project):
    edit(project, "    topic: education\n", "")
    [line] = errors_of(project)
    assert line.endswith(
        f"minimal.yaml:{line_of(project, '- id: students')}: fact 'students': missing required key 'topic'"
    )


def test_duplicate_key_cites_both_lines(project):
    edit(project, "title: Freedonia – Sylvania relations\n", "title: A\ntitle: B\n")
    [line] = errors_of(project)
    assert line.endswith("minimal.yaml:3: fact file: duplicate key 'title' (first given at line 2)")


def test_unknown_key_lists_the_expected_ones(project):
    edit(project, "    topic: economy\n", "    topik: economy\n")
    lines = errors_of(project)
    assert any(":13: fact 'trade': unknown key 'topik' (expected one of: id, topic," in x for x in lines)


def test_yaml_syntax_error_has_a_line(project):
    edit(project, "parties: [Freedonia, Sylvania]", "parties: [Freedonia, Sylvania")
    [line] = errors_of(project)
    assert "minimal.yaml:" in line and "YAML syntax error" in line


def test_every_problem_is_reported_once(project):
    edit(project, "    date: 2019-06\n", "    date: 2019-13\n")
    edit(project, "    source: gazette\n", "    source: 12\n")
    lines = errors_of(project)
    assert len(lines) == 2
    assert any(":15: fact 'trade'.source is the number 12 (expected a text id" in x for x in lines)
    n = line_of(project, "2019-13")
    assert any(f":{n}: milestone 'partnership'.date: '2019-13' has no month 13" in x for x in lines)


def test_yaml_11_words_are_not_booleans(project):
    edit(project, "title: Freedonia – Sylvania relations", "title: no")
    assert load_fact_file(project).title == "no"


def test_partial_dates_order_and_bounds():
    assert PartialDate.parse("2025") < PartialDate.parse("2025-04") < PartialDate.parse("2025-04-28")
    assert PartialDate.parse("2024-02").end == dt.date(2024, 2, 29)
    with pytest.raises(ValueError):
        PartialDate.parse("2025-02-30")


@pytest.mark.parametrize("loader", ["libyaml", "libyaml, event by event", "pure-python"])
def test_both_parsers_read_the_same_model_and_refuse_the_same_things(loader, project, monkeypatch):
    """libyaml parses (and composes a text with no node properties) when PyYAML has it; PyYAML's
    own parser is the fallback. Same results."""
    import yaml

    from factbrief.factfile import yamlnodes

    if loader == "pure-python":
        monkeypatch.setattr(yamlnodes, "_LOADER", yamlnodes._StrictLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML is built without libyaml here")
    if loader != "libyaml":
        monkeypatch.setattr(yamlnodes, "_PLAIN_LOADER", None)
    ff = load_fact_file(JV_FACTS)
    assert len(ff.facts) >= 40 and ff.facts[0].line == line_of(JV_FACTS, f"- id: {ff.facts[0].id}\n")
    assert load_fact_file(MINIMAL).facts[0].value is None
    edit(project, "parties: [Freedonia, Sylvania]\n", "parties: &p [Freedonia, Sylvania]\nsubtitle: no\n")
    with pytest.raises(FactFileError, match=r"minimal\.yaml:3: refused anchor '&p'"):
        load_fact_file(project)


# -- the briefing's marks: ask, deliverable, point, sentence, stale_after, max_age -----------------


def test_briefing_marks_load(project):
    edit(project, "title: Freedonia – Sylvania relations\n", "title: Freedonia – Sylvania relations\nmax_age: 4m\n")
    edit(
        project,
        "    topic: economy\n",
        "    topic: economy\n    ask: Sylvania\n    deliverable: true\n    point: true\n    sentence: true\n"
        "    stale_after: 90d\n",
    )
    edit(
        project,
        "    topic: investment\n",
        "    topic: investment\n    point: Freedonian firms employ about 48,000 people.\n",
    )
    ff = load_fact_file(project)
    trade, _partner, firms = ff.facts[:3]
    assert ff.max_age_days == 120
    assert (trade.ask, trade.deliverable, trade.point, trade.sentence, trade.stale_after) == (
        "Sylvania",
        True,
        True,
        True,
        90,
    )
    assert firms.point and firms.point_text == "Freedonian firms employ about 48,000 people."
    assert ff.facts[1].ask is None and not ff.facts[1].deliverable and not ff.facts[1].point


def test_old_files_load_without_the_marks():
    ff = load_fact_file(MINIMAL)
    assert ff.max_age_days is None
    assert all(f.ask is None and not f.deliverable and not f.point and f.stale_after is None for f in ff.facts)


def test_briefing_mark_errors_name_file_and_line(project):
    edit(project, "title: Freedonia – Sylvania relations\n", "title: Freedonia – Sylvania relations\nmax_age: soon\n")
    edit(project, "    topic: economy\n", "    topic: economy\n    ask: Ruritania\n    deliverable: yes\n")
    edit(project, "    topic: investment\n", "    topic: investment\n    stale_after: 6\n")
    lines = errors_of(project)
    assert any(
        line.endswith("minimal.yaml:3: max_age: 'soon' is not an age (expected a number and a unit: 400d, 18m or 2y)")
        for line in lines
    )
    n = line_of(project, "ask: Ruritania")
    assert any(
        f":{n}: fact 'trade'.ask 'Ruritania' is not one of the parties (Freedonia, Sylvania)" in x for x in lines
    )
    n = line_of(project, "deliverable: yes")
    assert any(f":{n}: fact 'trade'.deliverable is 'yes' (expected true or false)" in x for x in lines)
    n = line_of(project, "stale_after: 6")
    assert any(f":{n}: fact 'firms'.stale_after: '6' is not an age" in x for x in lines)
    assert len(lines) == 4


# -- composing in C: only a text that cannot hold a node property ------------------------------

# Texts made of YAML's indicators, quotes, breaks and a few words: where anchors, aliases and
# tags may or may not begin.
_YAML_BITS = st.lists(
    st.sampled_from(
        [
            "&a",
            "*a",
            "!t",
            "!!str",
            "!<x>",
            "&",
            "*",
            "!",
            "a",
            "R",
            "1",
            " ",
            "  ",
            "\n",
            "\t",
            "- ",
            ": ",
            ":",
            "? ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "'",
            '"',
            "#",
            "%TAG ! t:x\n---\n",
            "--- ",
            "|\n  ",
            "\\",
            "-",
            "?",
            "\ufeff",
            "\x85",
            "\u2028",
            "\r",
            "...",
        ]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(_YAML_BITS)
@example("\ufeff&a")  # libyaml lets a node start after a byte-order mark, even mid-text
@example("a\u2028\ufeff!!str b")
@example("[a,*a]")
def test_a_text_the_fast_path_takes_holds_no_anchor_alias_or_tag(text):
    """The C composer is used only where the pattern finds no place a node property could begin:
    whatever libyaml parses from such a text has no anchor, alias or explicit tag."""
    import yaml

    from factbrief.factfile import yamlnodes

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML is built without libyaml here")
    if yamlnodes._MAY_HOLD_PROPERTY.search(text):
        return
    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return  # refused alike on both paths: the same parser reads the text
    for event in events:
        assert isinstance(event, yaml.AliasEvent) is False
        assert getattr(event, "anchor", None) is None
        assert getattr(event, "tag", None) in (None, "!")


def _shape(node):
    """A node tree as plain data: kind, value, plainness and lines (what the loader reads)."""
    from yaml.nodes import ScalarNode

    from factbrief.factfile.yamlnodes import is_plain

    marks = (node.start_mark.line, node.start_mark.column, node.end_mark.line)
    if isinstance(node, ScalarNode):
        return ("scalar", node.value, is_plain(node), node.style or None, marks)
    if isinstance(node.value, list) and node.value and isinstance(node.value[0], tuple):
        return ("mapping", [(_shape(k), _shape(v)) for k, v in node.value], node.flow_style, marks)
    return (type(node).__name__, [_shape(n) for n in node.value], node.flow_style, marks)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_YAML_BITS)
def test_the_c_composer_and_the_strict_one_build_the_same_tree(text):
    import yaml

    from factbrief.factfile import yamlnodes

    if not yaml.__with_libyaml__ or yamlnodes._MAY_HOLD_PROPERTY.search(text):
        return
    try:
        strict = yaml.compose(text, Loader=yamlnodes._LOADER)
    except yaml.YAMLError as exc:
        with pytest.raises(type(exc)):
            yaml.compose(text, Loader=yamlnodes._PLAIN_LOADER)
        return
    fast = yaml.compose(text, Loader=yamlnodes._PLAIN_LOADER)
    assert (strict is None) == (fast is None)
    if strict is not None:
        assert _shape(fast) == _shape(strict)


def test_the_curated_file_is_composed_in_c_and_a_quoted_ampersand_is_still_read(project):
    from factbrief.factfile import yamlnodes

    assert not yamlnodes._MAY_HOLD_PROPERTY.search(JV_FACTS.read_text(encoding="utf-8"))
    edit(project, "title: Freedonia – Sylvania relations", 'title: "Trade &Co, R&D & more !"')
    assert load_fact_file(project).title == "Trade &Co, R&D & more !"  # strict path, nothing refused


@pytest.mark.parametrize("depth", [150, 400, 900])
@pytest.mark.parametrize("loader", ["libyaml in C", "event by event"])
def test_deep_nesting_is_refused_alike_by_both_composers_with_its_line(project, monkeypatch, depth, loader):
    """The C composer accepted what the strict one met Python's recursion limit on (400 levels),
    so whether a file loaded hung on an "R &D" in some quote; both now refuse past 100 levels."""
    from factbrief.factfile import yamlnodes

    if loader != "libyaml in C":
        monkeypatch.setattr(yamlnodes, "_PLAIN_LOADER", None)
    edit(
        project,
        "title: Freedonia – Sylvania relations\n",
        "title: Freedonia – Sylvania relations\nsubtitle:\n  - " + "[" * depth + "]" * depth + "\n",
    )
    [line] = errors_of(project)
    assert re.search(r"minimal\.yaml:\d+: refused nesting deeper than 100 levels", line), line
