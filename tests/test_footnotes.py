"""Footnotes: numbered in order of first call, reused for the same citations, every one resolving."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from conftest import MINIMAL
from factbrief.factfile.load import load_fact_file
from factbrief.render.citations import Footnotes
from factbrief.render.excerpts import excerpt
from factbrief.render.lint import lint_markdown
from factbrief.text.escaping import escape_markdown
from factbrief.text.numbers import readings_in


@pytest.fixture
def ff():
    return load_fact_file(MINIMAL)


def test_numbers_follow_first_call_and_are_reused(ff):
    notes = Footnotes(ff)
    trade, partner, firms = ff.facts[:3]
    assert notes.cite(firms) == "[^1]"
    assert notes.cite(trade) == "[^2]"
    assert notes.cite(firms) == "[^1]"
    assert notes.cite(partner) == "[^3]"
    assert [n.number for n in notes.notes] == [1, 2, 3]


def test_full_note_gives_publisher_title_and_quote(ff):
    notes = Footnotes(ff)
    notes.cite(ff.facts[0])
    assert notes.definitions() == (
        "[^1]: The Freedonian Gazette, “Freedonia and Sylvania sign a new trade pact”, August 2025: "
        "“Two-way trade reached 12.5 billion ducats in 2024, up 8% from the year before.”"
    )


def test_short_note_keeps_the_clause_with_the_figure():
    quote = "In 2024, two-way trade turnover reached US$46.2 billion, an increase of 2.7% compared to 2023."
    assert excerpt(quote, {Decimal("46.2")}) == "…two-way trade turnover reached US$46.2 billion…"
    assert excerpt(quote, {Decimal("46.2"), Decimal(2024)}, "Trade reached US$46.2 billion in 2024.") == (
        "In 2024, two-way trade turnover reached US$46.2 billion…"
    )


def test_short_note_without_a_figure_keeps_the_clause_closest_to_the_claim():
    quote = "However, Ishiba’s planned meeting with General Secretary Tô Lâm in Hà Nội would be their first direct engagement."
    claim = "Ishiba and General Secretary Tô Lâm hold their first direct talks, in Hà Nội."
    assert (
        excerpt(quote, set(), claim)
        == "…Ishiba’s planned meeting with General Secretary Tô Lâm in Hà Nội would be their first direct engagement."
    )
    assert excerpt(quote, set()) == "However…"  # nothing to go by: the first clause


@pytest.mark.parametrize(
    "quote, wanted, claim, month, shown",
    [
        # A milestone's month, which the number alone does not bring into the note.
        (
            "Ito noted that Prime Minister Ishiba has already met Vietnamese Prime Minister Phạm Minh Chính "
            "twice since taking office in October – at the ASEAN Summit in Vientiane and the G20 Summit in "
            "Brazil in 2024",
            {"2024"},
            "Ishiba Shigeru takes office as Prime Minister of Japan.",
            "october",
            ["taking office in October", "2024"],
        ),
        # What makes the visit news, beside the year.
        (
            "This is Ishiba’s first visit to Vietnam since taking office, and the first by a Japanese Prime "
            "Minister following the upgrade of bilateral relations to a Comprehensive Strategic Partnership "
            "in November 2023.",
            {"2023"},
            "Ishiba’s visit was the first by a Japanese Prime Minister since ties were upgraded to a "
            "Comprehensive Strategic Partnership in 2023.",
            "",
            ["the first by a Japanese Prime", "2023"],
        ),
        # Both leaders' names.
        (
            "In April this year, Japan’s Prime Minister Ishiba Shigeru paid an official visit to Viet Nam, "
            "where he held talks with General-Secretary of the Communist Party To Lam, Prime Minister Pham Minh "
            "Chinh, and other high-level leaders of Viet Nam. Prime Minister Ishiba expressed his strong support "
            "for the direction of the reform facilitated by General-Secretary To Lam",
            set(),
            "In April 2025 Ishiba held talks in Việt Nam with General Secretary Tô Lâm, Prime Minister Phạm "
            "Minh Chính and other leaders, and backed the direction of Tô Lâm’s reforms.",
            "april",
            ["To Lam", "Pham Minh Chinh", "In April this year", "direction of the reform"],
        ),
        # Every part of a five-part claim.
        (
            "Japan is the top ODA provider and the largest labor recipient, the third foreign investor, and the "
            "fourth trading partner and the fourth tourist source market of Viet Nam.",
            set(),
            "Japan is Việt Nam’s top ODA provider and largest labour recipient, its third-largest foreign "
            "investor, and its fourth trading partner and tourist source market.",
            "",
            ["top ODA provider", "largest labor recipient", "third foreign investor", "fourth trading", "tourist"],
        ),
        # The claim's qualifying words, not only its figure.
        (
            "Strengthening ties with Việt Nam – a dynamic economy of over 100 million people – is one of "
            "Japan’s top foreign policy priorities",
            {"100"},
            "Ambassador Ito calls strengthening ties with Việt Nam, a dynamic economy of over 100 million "
            "people, one of Japan’s top foreign-policy priorities.",
            "",
            ["100 million", "one of Japan’s top foreign policy priorities"],
        ),
    ],
)
def test_a_short_note_shows_what_its_sentence_claims(quote, wanted, claim, month, shown):
    """The seed briefing's notes a reader found short of their claims (issue 22): each excerpt
    now shows the figure, the date, the names and the qualifying words."""
    note = excerpt(quote, {Decimal(n) for n in wanted}, claim, frozenset({month} - {""}))
    for words in shown:
        assert words in note, (words, note)


def test_lint_finds_unsourced_figures_and_dangling_notes():
    md = "# Title\n\nThe G7 met.\n\n## Body\n\nTrade was 52 years old.\n\nTrade rose.[^1] Sales: 5.[^2]\n\n[^1]: x\n[^3]: y\n"
    messages = [i.message for i in lint_markdown(md, [])]
    assert "prints the template's own figure '52' without a footnote: 'Trade was 52 years old.'" in messages
    assert "footnote reference [^2] has no definition" in messages
    assert "footnote [^3] is defined but never referenced" in messages
    assert len(messages) == 3  # G7 is a name, not a figure


def test_a_figure_is_read_in_each_notation_of_its_own_digits_not_of_a_neighbour():
    """A note that proves 312 does not prove the 12 printed beside it (their digits overlap, their
    places do not); "46,2" is still 46 or 46.2, as its notations read it."""
    assert list(readings_in("In 12 of 312 cases", ("en",))) == [("12", {Decimal(12)}), ("312", {Decimal(312)})]
    assert list(readings_in("5.557 and 5", ("en", "vi"))) == [
        ("5.557", {Decimal("5.557"), Decimal(5557)}),
        ("5", {Decimal(5)}),
    ]
    assert list(readings_in("46,2 tỷ", ("en", "fr"))) == [
        ("46", {Decimal(46), Decimal("46.2")}),
        ("2", {Decimal(2), Decimal("46.2")}),
    ]
    md = "# T\n\n## B\n\nIn 12 of 312 cases.[^1]\n\n[^1]: x\n"
    [issue] = lint_markdown(md, [], proves={"1": {Decimal(312)}})
    assert "prints the template's own figure '12', which its footnote ([^1]) does not prove" in issue.message


def test_escaping_keeps_data_literal():
    assert escape_markdown("a [link](x) *b* `c` <img src=x> &amp; |") == (
        r"a \[link\](x) \*b\* \`c\` &lt;img src=x> &amp;amp; \|"
    )


@pytest.mark.parametrize("doc", ["briefing", "factsheet", "milestones"])
def test_every_reference_resolves_in_each_output(jv_output, minimal_output, doc):
    for out in (jv_output, minimal_output):
        md = (out / f"{doc}.md").read_text(encoding="utf-8")
        refs = re.findall(r"\[\^(\d+)\](?!:)", md)
        defs = re.findall(r"^\[\^(\d+)\]:", md, re.M)
        assert set(refs) == set(defs) and refs
        # Numbering follows the order of the calls: first calls appear as 1, 2, 3, …
        first_calls = list(dict.fromkeys(refs))
        assert first_calls == [str(i) for i in range(1, len(first_calls) + 1)]
        assert defs == first_calls
