"""Properties of quote matching, and the curation tools: extract and coverage."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import JV_FACTS, ROOT
from factbrief.curate.coverage import coverage
from factbrief.curate.extract import date_of, extract_stubs, parse_value, stubs_to_yaml
from factbrief.factfile.load import load_fact_file
from factbrief.model import Citation
from factbrief.text.cleaning import normalise
from factbrief.verify import Verifier, verify

SOURCES = sorted((ROOT / "facts" / "sources").glob("*.txt"))


def quote_verifies(path: Path, quote: str) -> bool:
    ff = load_fact_file(JV_FACTS)
    source_id = next(s.id for s in ff.sources.values() if s.file.name == path.name)
    verifier = Verifier(ff)
    return verifier.check_citation("fact 'x'", Citation(source_id, quote, 1), "x")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_cut_verifies_and_one_changed_digit_fails(data):
    path = data.draw(st.sampled_from(SOURCES))
    text = path.read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(text) - 30))
    end = data.draw(st.integers(start + 20, min(len(text), start + 300)))
    quote = text[start:end]
    assume(quote.strip())
    assert quote_verifies(path, quote)
    digits = [i for i, ch in enumerate(quote) if ch.isdigit()]
    assume(digits)
    i = data.draw(st.sampled_from(digits))
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != quote[i]]))
    changed = quote[:i] + new + quote[i + 1 :]
    assume(normalise(changed) not in normalise(text))  # the changed text is not elsewhere in the article
    assert not quote_verifies(path, changed)


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem[:3] for p in SOURCES])
def test_extract_stubs_all_verify(path, tmp_path):
    """Every stub, pasted under facts: with its source as the curated file dates it, passes check,
    except that a relative date in its text ("last year") must be written out, which its comment
    says."""
    import yaml

    curated = yaml.safe_load(JV_FACTS.read_text(encoding="utf-8"))
    source_id, source = next((k, v) for k, v in curated["sources"].items() if v["file"].endswith(path.name))
    stubs = extract_stubs(path, source_id)
    assert stubs
    for stub in stubs:
        assert quote_verifies(path, stub.fields["quote"])
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / path.name).write_bytes(path.read_bytes())
    header = {"title": "T", "parties": ["Japan", "Việt Nam"], "as_of": "2025-09-01", "sources": {source_id: source}}
    fact_file = tmp_path / "stubs.yaml"
    fact_file.write_text(
        yaml.safe_dump(header, allow_unicode=True) + "facts:\n" + stubs_to_yaml(stubs) + "milestones: []\n",
        encoding="utf-8",
    )
    flagged = {s.fields["id"] for s in stubs if s.comments}
    errors = [p for p in verify(load_fact_file(fact_file)) if p.level == "error"]
    unexplained = [str(p) for p in errors if not (p.ref in flagged and "only makes sense on the day" in p.message)]
    assert unexplained == []


def test_extract_parses_values_units_and_dates():
    assert parse_value("two-way trade turnover reached US$46.2 billion, up 2.7%") == (46.2, "US$ billion")
    assert parse_value("investment reaching 77.7 billion USD") == (77.7, "USD billion")
    assert parse_value("an increase of 2.7% compared to 2023") == (2.7, "%")
    assert parse_value("Japan had 5,557 valid investment projects") == (5557, "projects")
    assert date_of("relations on September 21, 1973.") == "1973-09-21"
    assert date_of("in November 2023, ties were elevated") == "2023-11"
    assert date_of("In 2024, trade grew") == "2024"
    assert date_of("a developed nation by 2045") is None


def test_extract_output_is_yaml_ready_for_facts():
    import yaml

    text = stubs_to_yaml(extract_stubs(SOURCES[3], "vov"))
    facts = yaml.safe_load("facts:\n" + text)["facts"]
    assert facts[0]["source"] == "vov" and facts[0]["quote"] == facts[0]["text"]
    # The dateline "VOV.VN - " is not part of the quote.
    assert facts[0]["quote"].startswith("Japanese Prime Minister Shigeru Ishiba is scheduled")


def test_curated_file_covers_nine_tenths_of_the_figures():
    results = coverage(load_fact_file(JV_FACTS))
    assert len(results) == 5
    total = sum(len(r.figures) for r in results)
    covered = sum(r.count("quoted") + r.count("ignored") for r in results)
    assert covered / total >= 0.9
