"""The meaning checks (issue 12): each rule with a small fact file of its own."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import JV_FACTS
from factbrief.build import BuildOptions, build, check
from factbrief.factfile.load import load_fact_file
from factbrief.model import PartialDate
from factbrief.render.excerpts import excerpt
from factbrief.text.cleaning import normalise
from factbrief.text.formatting import format_date
from factbrief.text.numbers import numbers_in

ARTICLE = """Trade pact signed

Two-way trade reached 12.5 billion ducats in 2024, up 8% from the year before. More than 1,250 firms operate in Sylvania, employing about 48,000 people.

Last year, nearly 300,000 tourists visited, and the ministers aim to double that by 2030.

Foreign Minister Rufus Firefly will visit Sylvania on 14 October 2025. Talks resume in November.

The government is considering a loan of up to 90 million ducats. A proposed 25 per cent tariff worries exporters.

Since taking office in October, the minister has met his counterpart twice.

The bridge opened in March, carrying 10,000 cars a day.
"""


def fact_file(
    tmp_path: Path,
    facts: list[dict],
    milestones: list[dict] = (),
    published: str | None = "2025-05",
    second: str | None = None,
    article: str = ARTICLE,
    source_language: str | None = None,
    language: str | None = None,
) -> Path:
    """A small fact file over one article (and optionally a second source with its own text)."""
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "gazette.txt").write_text(article, encoding="utf-8")
    sources = {"gazette": {"publisher": "The Gazette", "title": "Trade pact signed", "file": "sources/gazette.txt"}}
    if published:
        sources["gazette"]["published"] = published
    if source_language:
        sources["gazette"]["language"] = source_language
    if second is not None:
        (tmp_path / "sources" / "wire.txt").write_text(second, encoding="utf-8")
        sources["wire"] = {
            "publisher": "The Wire",
            "title": "Later",
            "published": "2025-12",
            "file": "sources/wire.txt",
        }
    doc = {
        "title": "Freedonia – Sylvania",
        "parties": ["Freedonia", "Sylvania"],
        "as_of": "2025-09-01",
        "sources": sources,
        "facts": [{"topic": "economy", "source": "gazette", **f} for f in facts],
        "milestones": [{"source": "gazette", **m} for m in milestones],
    }
    if language:
        doc["language"] = language  # the statements' language
    path = tmp_path / "brief.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    _ff, findings = check(path)
    return [f.message for f in findings if f.level == "error"]


def firms(**extra) -> dict:
    return {
        "id": "firms",
        "text": "More than 1,250 firms operate in Sylvania.",
        "quote": "More than 1,250 firms operate in Sylvania",
        **extra,
    }


# -- hedges -------------------------------------------------------------------------------------


def test_a_dropped_hedge_is_named(tmp_path):
    path = fact_file(tmp_path, [firms(text="1,250 firms operate in Sylvania.")])
    assert errors(path) == [
        "fact 'firms': the quote says “More than 1,250”; the text must keep it (e.g. “More than …”)"
    ]


@pytest.mark.parametrize("words", ["More than", "Over", "In excess of"])
def test_an_equivalent_hedge_keeps_it(tmp_path, words):
    assert errors(fact_file(tmp_path, [firms(text=f"{words} 1,250 firms operate in Sylvania.")])) == []


def test_nearly_may_be_written_about_but_not_the_other_way(tmp_path):
    quote = "Last year, nearly 300,000 tourists visited"
    ok = {"id": "t", "text": "In 2024 about 300,000 tourists visited.", "quote": quote}
    assert errors(fact_file(tmp_path, [ok])) == []
    bad = {**ok, "text": "In 2024, 300,000 tourists visited."}
    assert any("“nearly 300,000”" in e for e in errors(fact_file(tmp_path, [bad])))


@pytest.mark.parametrize("words", ["More than", "Nearly", "Up to", "At least", "Fewer than", "Over"])
def test_a_hedge_the_quote_lacks_is_refused(tmp_path, words):
    """ "12.5" in the quote is not "more than 12.5" (nor nearly, up to, at least, fewer than); the
    year after "in" is a date, not a figure to hedge."""
    fact = {
        "id": "staff",
        "text": f"{words} 12.5 billion ducats of trade in 2024.",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
    }
    assert errors(fact_file(tmp_path, [fact])) == [
        f"fact 'staff': the text says “{words} 12.5”, but the quote states 12.5 without it "
        f"(drop “{words}”, or quote the words that say it)"
    ]


def test_a_milestone_may_not_add_a_hedge_either(tmp_path):
    m = {
        "id": "bridge",
        "date": "2025-03",
        "text": "The bridge opens, carrying more than 10,000 cars a day.",
        "quote": "The bridge opened in March, carrying 10,000 cars a day",
    }
    assert errors(fact_file(tmp_path, [], [m])) == [
        "milestone 'bridge': the text says “more than 10,000”, but the quote states 10,000 without it "
        "(drop “more than”, or quote the words that say it)"
    ]
    assert errors(fact_file(tmp_path, [], [{**m, "text": "The bridge opens, carrying 10,000 cars a day."}])) == []


def test_a_range_is_no_added_hedge(tmp_path):
    """ "từ 10 đến 15" (from 10 to 15) is a range: "đến" is "up to" only before a lone figure."""
    fact = {"id": "deals", "text": "Hai bên ký từ 10 đến 15 thỏa thuận.", "quote": "Hai bên ký 10-15 thỏa thuận"}
    path = fact_file(tmp_path, [fact], article="Hai bên ký 10-15 thỏa thuận.", source_language="vi", language="vi")
    assert errors(path) == []
    fact["text"] = "Hai bên ký đến 15 thỏa thuận."
    path = fact_file(tmp_path, [fact], article="Hai bên ký 10-15 thỏa thuận.", source_language="vi", language="vi")
    assert errors(path) == [
        "fact 'deals': the text says “đến 15”, but the quote states 15 without it (drop “đến”, or quote the words that say it)"
    ]


@pytest.mark.parametrize("words", ["About", "Around", "Some"])
def test_softening_a_plain_figure_with_about_is_allowed(tmp_path, words):
    fact = {
        "id": "trade",
        "text": f"In 2024 trade reached {words.lower()} 12.5 billion ducats.",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
    }
    assert errors(fact_file(tmp_path, [fact])) == []


def test_a_hedged_value_needs_its_qualifier_and_tables_print_it(tmp_path):
    path = fact_file(tmp_path, [firms(text="Firms operate in Sylvania.", value=1250, unit="firms")])
    assert errors(path) == [
        "fact 'firms': the quote says “More than 1,250”; add qualifier: more than (tables print the value with it)"
    ]
    path = fact_file(tmp_path, [firms(value=1250, unit="firms", qualifier="more than", label="Firms")])
    assert errors(path) == []
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    assert "| Firms | more than 1,250 firms[^1] |" in (tmp_path / "o" / "factsheet.md").read_text()


def test_a_qualifier_the_quote_does_not_give_is_refused(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached 12.5 billion ducats in 2024.",
        "value": 12.5,
        "qualifier": "about",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
    }
    assert errors(fact_file(tmp_path, [fact])) == [
        "fact 'trade': qualifier 'about', but the quote states 12.5 without one"
    ]
    assert "is not a known qualifier" in errors(fact_file(tmp_path, [{**fact, "qualifier": "sort of"}]))[0]


# -- numbers written in words ----------------------------------------------------------------------

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
_ONES += "seventeen eighteen nineteen"
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _english(n: int) -> str:
    """0–999 999 in English words: the reference the reader is tested against."""
    if n >= 1000:
        rest = n % 1000
        return f"{_english(n // 1000)} thousand" + (f" {_english(rest)}" if rest else "")
    if n >= 100:
        rest = n % 100
        return f"{_ONES.split()[n // 100]} hundred" + (f" and {_english(rest)}" if rest else "")
    if n >= 20:
        return _TENS[n // 10] + (f"-{_ONES.split()[n % 10]}" if n % 10 else "")
    return _ONES.split()[n]


@given(st.integers(min_value=0, max_value=999_999))
def test_english_numbers_in_words_read_as_their_value(n):
    from factbrief.text.numbers import spelled_in

    numbers, _scaled = spelled_in(f"They signed {_english(n)} agreements.")
    assert Decimal(n) in numbers


@pytest.mark.parametrize(
    ("quote", "number", "language"),
    [
        ("a dozen agreements", 12, "en"),
        ("a hundred firms", 100, "en"),
        ("a thousand firms", 1000, "en"),
        ("three hundred thousand visitors", 300000, "en"),
        ("trois accords", 3, "fr"),
        ("dix-sept accords", 17, "fr"),
        ("soixante et onze accords", 71, "fr"),
        ("quatre-vingt-dix-sept accords", 97, "fr"),
        ("deux cents entreprises", 200, "fr"),
        ("deux mille entreprises", 2000, "fr"),
    ],
)
def test_numbers_in_words_read_as_their_value(quote, number, language):
    from factbrief.text.numbers import spelled_in

    assert Decimal(number) in spelled_in(quote, language)[0]


def test_a_number_in_words_proves_its_figure_and_no_other(tmp_path):
    article = (
        ARTICLE + "\nThe ministers signed three agreements and nearly two hundred firms invested four billion ducats.\n"
    )
    fact = {
        "id": "deals",
        "text": "The ministers signed 3 agreements.",
        "quote": "The ministers signed three agreements",
        "value": 3,
        "unit": "agreements",
    }
    assert errors(fact_file(tmp_path, [fact], article=article)) == []
    wrong = {"id": "deals", "text": "The ministers signed 4 agreements.", "quote": fact["quote"]}
    assert errors(fact_file(tmp_path, [wrong], article=article)) == [
        "fact 'deals': number 4 in text is not in its quote (the quote has: 3)"
    ]
    money = {
        "id": "money",
        "text": "Nearly 200 firms invested 4 billion ducats.",
        "quote": "nearly two hundred firms invested four billion ducats",
    }
    assert errors(fact_file(tmp_path, [money], article=article)) == []
    assert errors(
        fact_file(tmp_path, [{**money, "text": "200 firms invested 4,000 million ducats."}], article=article)
    ) == ["fact 'money': the quote says “nearly 200”; the text must keep it (e.g. “nearly …”)"]
    # in words too: "Two hundred firms" drops the quote's "nearly"
    for text in ("Two hundred firms invested 4 billion ducats.", "200 firms invested four billion ducats."):
        assert errors(fact_file(tmp_path, [{**money, "text": text}], article=article)) == [
            "fact 'money': the quote says “nearly 200”; the text must keep it (e.g. “nearly …”)"
        ], text
    assert (
        errors(
            fact_file(
                tmp_path, [{**money, "text": "About two hundred firms invested 4 billion ducats."}], article=article
            )
        )
        == []
    )


def test_a_count_in_words_must_be_the_quotes_count(tmp_path):
    """A statement's "four agreements" is held to the quote's "three agreements" (or "3
    agreements"); words that count nothing the quote counts ("the two countries") are left alone."""
    article = ARTICLE + "\nThe ministers signed three agreements and 12 memoranda.\n"
    fact = {
        "id": "deals",
        "text": "The ministers signed four agreements.",
        "quote": "The ministers signed three agreements",
    }
    assert errors(fact_file(tmp_path, [fact], article=article)) == [
        "fact 'deals': the text says “four agreements”, but the quote counts “three agreements”"
    ]
    fact["text"] = "The two countries' ministers signed three agreements and twelve memoranda."
    fact["quote"] = "The ministers signed three agreements and 12 memoranda"
    assert errors(fact_file(tmp_path, [fact], article=article)) == []
    fact["text"] = "The ministers signed three agreements, one agreement on trade, and twelve memoranda."
    assert errors(fact_file(tmp_path, [fact], article=article)) == []  # "one" is as often "a"
    fact["text"] = "The ministers signed three agreements and eleven memoranda."
    assert errors(fact_file(tmp_path, [fact], article=article)) == [
        "fact 'deals': the text says “eleven memoranda”, but the quote counts “12 memoranda”"
    ]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Twelve companies joined the delegation.", "12"),
        ("Dozens of companies joined three missions.", "3"),
        ("Two hundred firms joined the delegation.", "200"),
        # a count after a definite word paraphrases the parties; "one" is as often "a"
        ("The two countries' companies joined the delegation.", None),
        ("Both countries' companies joined the delegation.", None),
        ("Their three leaders saw dozens of companies join the delegation.", None),
        ("One delegation had dozens of companies.", None),
        ("Dozens of companies joined a 5 thousand strong delegation.", "5"),
    ],
)
def test_a_count_in_words_the_quote_does_not_give_is_unproven(tmp_path, text, wrong):
    """ "Twelve companies" needs the quote's 12 (in figures or words), as "12 companies" does."""
    article = ARTICLE + "\nDozens of companies joined the delegation.\n"
    fact = {"id": "firms", "text": text, "quote": "Dozens of companies joined the delegation"}
    found = errors(fact_file(tmp_path, [fact], article=article))
    if wrong is None:
        assert found == []
    else:
        assert found == [f"fact 'firms': number {wrong} in text is not in its quote (the quote has: none)"]


def test_french_counts_after_les_paraphrase_the_parties(tmp_path):
    fact = {"id": "pays", "text": "Les deux pays ont signé trois accords.", "quote": "ont signé trois accords"}
    path = fact_file(
        tmp_path, [fact], article="Tokyo et Hanoï ont signé trois accords.", source_language="fr", language="fr"
    )
    assert errors(path) == []
    fact["text"] = "Deux pays ont signé trois accords."
    path = fact_file(
        tmp_path, [fact], article="Tokyo et Hanoï ont signé trois accords.", source_language="fr", language="fr"
    )
    assert errors(path) == ["fact 'pays': number 2 in text is not in its quote (the quote has: 3)"]


FORUM = "Une centaine d'entreprises ont participé au forum. Des centaines d'étudiants et une dizaine de ministres sont venus."


@pytest.mark.parametrize(
    ("text", "quote", "wrong"),
    [
        (
            "Cent entreprises ont participé au forum.",
            0,
            "the quote says “Une centaine”; the text must keep it (e.g. “environ …”)",
        ),
        (
            "100 entreprises ont participé au forum.",
            0,
            "the quote says “Une centaine”; the text must keep it (e.g. “environ …”)",
        ),
        (
            "Plus de 100 entreprises ont participé.",
            0,
            "the quote says “Une centaine”; the text must keep it (e.g. “environ …”)",
        ),
        ("Environ 100 entreprises ont participé au forum.", 0, None),
        ("Environ cent entreprises ont participé au forum.", 0, None),
        ("Une centaine d'entreprises ont participé au forum.", 0, None),
        (
            "Une cinquantaine d'entreprises ont participé au forum.",
            0,
            "number 50 in text is not in its quote (the quote has: 1, 100)",
        ),
        ("Dix ministres sont venus.", 1, "the quote says “une dizaine”; the text must keep it (e.g. “environ …”)"),
        (
            "Près de dix ministres sont venus.",
            1,
            "the quote says “une dizaine”; the text must keep it (e.g. “environ …”)",
        ),
        ("Une dizaine de ministres sont venus.", 1, None),
        # a plural gives no number at all
        ("Deux cents étudiants sont venus.", 1, "number 200 in text is not in its quote (the quote has: 1, 10)"),
    ],
)
def test_a_french_collective_is_an_approximate_number(tmp_path, text, quote, wrong):
    """ "une centaine d'entreprises" is about 100: "Cent entreprises" drops the hedge, "environ
    100" keeps it; "des centaines" gives no number."""
    quotes = [
        "Une centaine d'entreprises ont participé au forum",
        "Des centaines d'étudiants et une dizaine de ministres sont venus",
    ]
    fact = {"id": "forum", "text": text, "quote": quotes[quote]}
    path = fact_file(tmp_path, [fact], article=FORUM, source_language="fr", language="fr")
    assert errors(path) == ([] if wrong is None else [f"fact 'forum': {wrong}"])


def test_an_also_quote_proves_the_counts_in_words(tmp_path):
    article = ARTICLE + "\nThe ministers signed four agreements.\n"
    fact = {
        "id": "deals",
        "text": "The ministers signed four agreements.",
        "quote": "The ministers signed four agreements",
        "also": [{"source": "wire", "quote": "signed three agreements"}],
    }
    path = fact_file(tmp_path, [fact], article=article, second="Freedonia and Sylvania signed three agreements.")
    assert errors(path) == ["fact 'deals': also from 'wire' counts “three agreements”, not “four agreements”"]
    fact["also"] = [{"source": "wire", "quote": "Freedonia and Sylvania signed"}]
    path = fact_file(tmp_path, [fact], article=article, second="Freedonia and Sylvania signed three agreements.")
    assert errors(path) == [
        "fact 'deals': also from 'wire' does not prove 4 (its quote has: none); cite only sources that prove the figure"
    ]
    fact["also"] = [{"source": "wire", "quote": "Freedonia and Sylvania signed 4 agreements"}]
    path = fact_file(tmp_path, [fact], article=article, second="Freedonia and Sylvania signed 4 agreements.")
    assert errors(path) == []


# -- scale words ----------------------------------------------------------------------------------

SCALES = """Echanges

Le Japon signera un accord de 2,1 milliards de dollars. Le fonds atteint 2 billions de yens. Trade hit 12.5 million ducats.
Trade reached US$2,100 million in 2024. Investment was 7.5 (in billion ducats).
The programme was allocated €2.5m. Loans of $3bn and US$1.2bn followed, and 5k people applied for a 100m-long pier.
"""


@pytest.mark.parametrize(
    ("quote", "text", "language", "wrong"),
    [
        # "milliard" is 10^9: it proves "billion"; a French "billion" is 10^12, so it does not
        (
            "Le Japon signera un accord de 2,1 milliards de dollars",
            "Japan is to sign a US$2.1 billion deal.",
            "fr",
            None,
        ),
        ("Le fonds atteint 2 billions de yens", "The fund reaches 2 billion yen.", "fr", ("2 billion", "2 billions")),
        ("Le fonds atteint 2 billions de yens", "The fund reaches 2 trillion yen.", "fr", None),
        ("Trade hit 12.5 million ducats", "Trade hit 12.5 billion ducats.", None, ("12.5 billion", "12.5 million")),
        # the same quantity at another scale (issue 7), and a number the quote gives with no scale word
        ("Trade reached US$2,100 million in 2024", "Trade reached US$2.1 billion in 2024.", None, None),
        ("Trade reached US$2,100 million in 2024", "Trade reached US$2,100 million in 2024.", None, None),
        ("Investment was 7.5 (in billion ducats)", "Investment was 7.5 billion ducats.", None, None),
        # English news glues its scales to the figure: "€2.5m", "$3bn", "US$1.2bn", "5k"
        ("The programme was allocated €2.5m", "It was allocated €2.5 billion.", None, ("2.5 billion", "2.5m")),
        ("The programme was allocated €2.5m", "It was allocated €2.5 million.", None, None),
        ("The programme was allocated €2.5m", "It was allocated €2.5m.", None, None),
        (
            "Loans of $3bn and US$1.2bn followed",
            "Loans of $3 million and US$1.2 billion followed.",
            None,
            ("3 million", "3bn"),
        ),
        ("Loans of $3bn and US$1.2bn followed", "Loans of $3 billion and US$1,200 million followed.", None, None),
        ("5k people applied", "5 million people applied.", None, ("5 million", "5k")),
        ("5k people applied", "5,000 people applied.", None, None),
        # not glued, or glued to a word: metres
        ("5k people applied for a 100m-long pier", "5 thousand people applied for a 100-metre pier.", None, None),
    ],
)
def test_a_figure_keeps_its_scale(tmp_path, quote, text, language, wrong):
    fact = {"id": "money", "text": text, "quote": quote}
    found = errors(fact_file(tmp_path, [fact], article=SCALES, source_language=language))
    if wrong is None:
        assert found == []
    else:
        assert found == [
            f"fact 'money': “{wrong[0]}” is not the quote's figure: the quote gives it at another scale (“{wrong[1]}”)"
        ]


def test_a_value_printed_with_a_scale_in_its_unit_keeps_the_quotes_scale(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade hit 12.5 million ducats.",
        "quote": "Trade hit 12.5 million ducats",
        "value": 12.5,
        "unit": "billion ducats",
    }
    assert errors(fact_file(tmp_path, [fact], article=SCALES)) == [
        "fact 'trade': “12.5 billion” is not the quote's figure: the quote gives it at another scale (“12.5 million”)"
    ]
    assert errors(fact_file(tmp_path, [{**fact, "unit": "million ducats"}], article=SCALES)) == []


def test_corroboration_at_another_scale_is_refused(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached US$2.1 billion in 2024.",
        "quote": "Trade reached US$2,100 million in 2024",
        "also": [{"source": "wire", "quote": "trade of US$2.1 million in 2024"}],
    }
    found = errors(fact_file(tmp_path, [fact], article=SCALES, second="It recorded trade of US$2.1 million in 2024."))
    assert found == [
        "fact 'trade': also from 'wire' gives the figure of “2.1 billion” at another scale (“2.1 million”)"
    ]


# -- moods: plans stay plans ----------------------------------------------------------------------


def test_a_plan_stated_as_done_is_refused(tmp_path):
    visit = {
        "id": "visit",
        "date": "2025-10-14",
        "text": "Firefly visits Sylvania.",
        "quote": "Foreign Minister Rufus Firefly will visit Sylvania on 14 October 2025",
    }
    found = errors(fact_file(tmp_path, [], [visit]))
    assert "milestone 'visit': the quote reports it as expected (“will”); the text states it as done" in found[0]
    assert errors(fact_file(tmp_path, [], [{**visit, "text": "Firefly is to visit Sylvania."}])) == []


def test_a_tentative_value_needs_its_status(tmp_path):
    loan = {
        "id": "loan",
        "text": "The government is considering a loan of up to 90 million ducats.",
        "value": 90,
        "qualifier": "up to",
        "unit": "million ducats",
        "quote": "The government is considering a loan of up to 90 million ducats.",
    }
    # The text's "is considering" is the value's status (issue 24); a text that does not say it before the value is asked.
    assert errors(fact_file(tmp_path, [loan])) == []
    assert load_fact_file(tmp_path / "brief.yaml").facts[0].status == "possible"
    later = {**loan, "text": "A loan of up to 90 million ducats is under consideration."}
    assert any("add status: possible" in e for e in errors(fact_file(tmp_path, [later])))
    assert errors(fact_file(tmp_path, [{**loan, "status": "under consideration"}])) == []
    tariff = {
        "id": "tariff",
        "text": "A proposed 25 per cent tariff worries exporters.",
        "value": 25,
        "unit": "%",
        "quote": "A proposed 25 per cent tariff worries exporters.",
    }
    assert errors(fact_file(tmp_path, [tariff])) == []  # "A proposed 25 per cent": the status, said in the text
    path = fact_file(tmp_path, [{**tariff, "label": "Tariff"}])
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    assert "| Tariff | 25% (proposed)[^1] |" in (tmp_path / "o" / "factsheet.md").read_text()


FR_ARTICLE = """Accord commercial

Le Japon signera un accord de 2,1 milliards de dollars avec le Viet Nam. Les deux pays investiront 5 milliards
de dollars dans le port. Le sommet s'ouvrira le 14 octobre. « Nous signerons 3 accords », a dit le ministre.
Le ministre retira sa proposition de 4 accords. Il rencontra 6 investisseurs à l'opéra.
"""


@pytest.mark.parametrize(
    ("quote", "planned", "done"),
    [
        ("Le Japon signera un accord de 2,1 milliards de dollars", "is to sign", "signed"),
        ("Les deux pays investiront 5 milliards", "will invest", "invested"),
        ("« Nous signerons 3 accords »", "plans to sign", "signed"),
    ],
)
def test_a_french_future_tense_is_a_plan(tmp_path, quote, planned, done):
    """ "Signera" is "will sign": an English statement saying it was signed is refused."""
    figure = re.search(r"\d+(?:,\d)?", quote).group().replace(",", ".")
    fact = {"id": "deal", "text": f"Japan {done} {figure} billion dollars of deals.", "quote": quote}
    if "accords" in quote:
        fact["text"] = f"Japan {done} {figure} agreements."
    found = errors(fact_file(tmp_path, [fact], article=FR_ARTICLE, source_language="fr"))
    assert len(found) == 1 and found[0].startswith("fact 'deal': the quote reports it as expected (“"), found
    fact["text"] = fact["text"].replace(done, planned)
    assert errors(fact_file(tmp_path, [fact], article=FR_ARTICLE, source_language="fr")) == []


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre retira sa proposition",  # the past of retirer, not retirer's future
        "Il rencontra 6 investisseurs à l'opéra",  # the past of rencontrer
        "aux environs de 2 000 personnes",
        "La lira turque et Sumatra",
        "Le Japon a signé un accord",
    ],
)
def test_french_words_like_the_future_are_no_plan(text):
    from factbrief.text.numbers import mood_classes

    assert "expected" not in mood_classes(text, "fr"), text


def test_planned_stays_planned_not_planned_becomes_proposed(tmp_path):
    """ "Considering" is tentative: a statement may not harden it into "planned"."""
    loan = {
        "id": "loan",
        "text": "The government plans a loan of up to 90 million ducats.",
        "quote": "The government is considering a loan of up to 90 million ducats.",
    }
    assert any("reports it as tentative" in e for e in errors(fact_file(tmp_path, [loan])))


# -- time ---------------------------------------------------------------------------------------


def test_relative_time_in_a_statement_is_refused_with_the_resolved_date(tmp_path):
    fact = {
        "id": "tourists",
        "text": "Last year nearly 300,000 tourists visited.",
        "quote": "Last year, nearly 300,000 tourists visited",
    }
    assert errors(fact_file(tmp_path, [fact])) == [
        "fact 'tourists': “last year” in text only makes sense on the day it was written "
        "(write the date: the quote's “last year” = 2024)"
    ]
    assert errors(fact_file(tmp_path, [{**fact, "text": "In 2024 nearly 300,000 tourists visited."}])) == []


def test_last_year_resolves_against_the_articles_date_not_the_briefs(tmp_path):
    """'last year' in a May 2016 article is 2015, not 2014 (nor the brief's 2024)."""
    fact = {
        "id": "tourists",
        "text": "In 2015 nearly 300,000 tourists visited.",
        "quote": "Last year, nearly 300,000 tourists visited",
    }
    assert errors(fact_file(tmp_path, [fact], published="2016-05")) == []
    assert any(
        "date “2014” in text is not stated in its quote (the quote states 2015)" in e
        for e in errors(
            fact_file(tmp_path, [{**fact, "text": fact["text"].replace("2015", "2014")}], published="2016-05")
        )
    )


@pytest.mark.parametrize(
    ("language", "quote", "in_may", "in_december"),
    [
        ("en", "The ministers will meet next month", (2025, 6), (2026, 1)),
        ("en", "The ministers met last month", (2025, 4), (2025, 11)),
        ("en", "The ministers meet this month", (2025, 5), (2025, 12)),
        ("fr", "Les ministres se rencontreront le mois prochain", (2025, 6), (2026, 1)),
        ("fr", "Les ministres se sont rencontrés le mois dernier", (2025, 4), (2025, 11)),
        ("vi", "Hai bộ trưởng sẽ gặp nhau vào tháng tới", (2025, 6), (2026, 1)),
        ("vi", "Hai bộ trưởng đã gặp nhau tháng trước", (2025, 4), (2025, 11)),
        ("vi", "Hai bộ trưởng gặp nhau tháng này", (2025, 5), (2025, 12)),
    ],
)
def test_next_and_last_month_resolve_against_the_articles_month(language, quote, in_may, in_december):
    """ "Next month" in a May 2025 article is June 2025, in a December 2025 one January 2026."""
    from factbrief.text.dates import evidence

    for published, (year, month) in ((PartialDate(2025, 5), in_may), (PartialDate(2025, 12), in_december)):
        found = evidence(quote, published, language)
        assert found.proves(PartialDate(year, month)), found.stated()
        assert found.months == {year: {month}}, found.stated()
    # "in the next three months" is no one month
    assert not evidence("trong 3 tháng tới", PartialDate(2025, 5), "vi").months


def test_a_statements_month_must_be_the_quotes_next_month(tmp_path):
    article = ARTICLE + "\nThe ministers will meet again next month.\n"
    meet = {
        "id": "meet",
        "date": "2025-06",
        "text": "The ministers are to meet.",
        "quote": "will meet again next month",
    }
    assert errors(fact_file(tmp_path, [], [meet], article=article)) == []
    assert errors(fact_file(tmp_path, [], [{**meet, "date": "2025-07"}], article=article)) == [
        "milestone 'meet': date 2025-07 is not stated in its quote (the quote states 2025 (June); write date: 2025-06 (or 2025))"
    ]
    fact = {
        "id": "meet",
        "text": "The ministers are to meet again in July 2025.",
        "quote": "will meet again next month",
    }
    assert errors(fact_file(tmp_path, [fact], article=article)) == [
        "fact 'meet': date “July 2025” in text is not stated in its quote (the quote states 2025 (June))"
    ]
    fact["text"] = "The ministers are to meet again in June 2025."
    assert errors(fact_file(tmp_path, [fact], article=article)) == []
    assert any(
        "says “next month”, but source 'gazette' has no published date to the month" in e
        for e in errors(fact_file(tmp_path, [fact], article=article, published="2025"))
    )


@pytest.mark.parametrize(
    ("quote", "language", "date"),
    [
        ("Two years ago, 5 firms left", "en", PartialDate(2023)),
        ("3 years ago, 5 firms left", "en", PartialDate(2022)),
        ("Six months ago, 5 firms left", "en", PartialDate(2024, 11)),
        ("Il y a deux ans, 5 entreprises sont parties", "fr", PartialDate(2023)),
        ("Il y a 3 mois, 5 entreprises sont parties", "fr", PartialDate(2025, 2)),
        ("2 năm trước, 5 công ty đã rời đi", "vi", PartialDate(2023)),  # not "năm trước", last year
        ("3 tháng trước, 5 công ty đã rời đi", "vi", PartialDate(2025, 2)),
    ],
)
def test_so_long_ago_resolves_against_the_articles_date(quote, language, date):
    from factbrief.text.dates import evidence, relative_words

    found = evidence(quote, PartialDate(2025, 5), language)
    assert found.proves(date) and found.years == {date.year}, found.stated()
    assert relative_words(quote, language)


@pytest.mark.parametrize(
    ("quote", "month"),
    [
        ("In May last year, 5 firms left", PartialDate(2024, 5)),
        ("May last year saw 5 firms leave", PartialDate(2024, 5)),
        ("May 2024 saw 5 firms leave", PartialDate(2024, 5)),
        ("Since May this year, 5 firms left", PartialDate(2025, 5)),
    ],
)
def test_may_next_to_a_year_is_the_month(tmp_path, quote, month):
    article = ARTICLE + f"\n{quote}.\n"
    fact = {"id": "left", "text": f"In {format_date(month)}, 5 firms left.", "quote": quote}
    assert errors(fact_file(tmp_path, [fact], article=article, published="2025-09")) == []
    fact["text"] = f"In June {month.year}, 5 firms left."
    assert errors(fact_file(tmp_path, [fact], article=article, published="2025-09")) == [
        f"fact 'left': date “June {month.year}” in text is not stated in its quote "
        f"(the quote states {month.year} (May))"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Firms may leave next year",
        "This may change",
        "May they prosper",
        "Theresa May said so in 2019",
        "Abe and May met in 2017",
        "Abe spoke to May in 2017",
    ],
)
def test_may_the_verb_is_no_month(text):
    from factbrief.text.dates import evidence, relative_words

    assert not any(evidence(text, PartialDate(2025, 5)).months.values()), text
    assert not [w for w in relative_words(text) if "may" in w.lower()], text


def test_a_statement_in_may_without_a_year_is_refused(tmp_path):
    fact = {"id": "left", "text": "In May, 5 firms left.", "quote": "the minister has met his counterpart twice"}
    assert any(
        "“may” in text only makes sense on the day it was written" in e for e in errors(fact_file(tmp_path, [fact]))
    )


def test_as_of_may_be_coarser_than_the_quote_never_finer(tmp_path):
    """ "As of March 2025" from "31 March 2025" is fine; "as of 31 March 2025" from "March 2025"
    invents a day (unless the article is dated that day and the statement dates itself by it)."""
    article = ARTICLE + "\nAs of 31 March 2025, 500 firms were registered. In March 2025, 600 firms were registered.\n"
    fine = {
        "id": "firms",
        "text": "As of March 2025, 500 firms were registered.",
        "quote": "As of 31 March 2025, 500 firms",
    }
    assert errors(fact_file(tmp_path, [{**fine, "as_of": "2025-03"}], article=article)) == []
    finer = {
        "id": "firms",
        "text": "As of 31 March 2025, 600 firms were registered.",
        "quote": "In March 2025, 600 firms were registered",
    }
    assert errors(fact_file(tmp_path, [finer], article=article, published="2025-04")) == [
        "fact 'firms': date “31 March 2025” in text is not stated in its quote (the quote states 2025 (March))"
    ]
    assert errors(fact_file(tmp_path, [{**finer, "as_of": "2025-03-31"}], article=article, published="2025-04"))[
        1:
    ] == [
        "fact 'firms': as_of 2025-03-31 is not stated in its quote (the quote states 2025 (March); write as_of: 2025-03 (or 2025))"
    ]
    assert errors(fact_file(tmp_path, [finer], article=article, published="2025-03-31")) == []


def test_a_relative_quote_needs_a_published_date(tmp_path):
    fact = {
        "id": "tourists",
        "text": "Nearly 300,000 tourists visited in a year.",
        "quote": "Last year, nearly 300,000 tourists visited",
    }
    assert any(
        "says “last year”, but source 'gazette' has no published date" in e
        for e in errors(fact_file(tmp_path, [fact], published=None))
    )


def test_a_month_without_a_year_follows_the_quotes_tense(tmp_path):
    past = {
        "id": "office",
        "date": "2024-10",
        "text": "The minister takes office.",
        "quote": "Since taking office in October, the minister has met his counterpart twice.",
    }
    assert errors(fact_file(tmp_path, [], [past], published="2025-05")) == []  # last October
    bridge = {"id": "bridge", "date": "2025-03", "text": "The bridge opens.", "quote": "The bridge opened in March"}
    assert errors(fact_file(tmp_path, [], [bridge], published="2025-05")) == []  # this March
    # In a February article, a March that is past ("opened") was last year's.
    assert any(
        "date 2025-03 is not stated" in e for e in errors(fact_file(tmp_path, [], [bridge], published="2025-02"))
    )
    # The present may be either: "Talks resume in November" in May is last or next November.
    talks = {"id": "talks", "date": "2024-11", "text": "Talks resume.", "quote": "Talks resume in November."}
    assert errors(fact_file(tmp_path, [], [talks], published="2025-05")) == []


def test_a_milestone_date_must_be_stated_by_its_quote(tmp_path):
    m = {"id": "bridge", "date": "2025-04", "text": "The bridge opens.", "quote": "The bridge opened in March"}
    found = errors(fact_file(tmp_path, [], [m], published="2025-05"))
    assert found == [
        "milestone 'bridge': date 2025-04 is not stated in its quote (the quote states 2025 (March); write date: 2025-03 (or 2025))"
    ]


def test_an_event_after_its_source_must_be_planned_unless_a_later_source_reports_it(tmp_path):
    m = {"id": "talks", "date": "2025-11", "text": "Talks resume.", "quote": "Talks resume in November."}
    found = errors(fact_file(tmp_path, [], [m], published="2025-09"))
    assert any("dated 2025-11, after every source that reports it" in e for e in found)
    later = "Talks resumed in November 2025, as planned."
    done = {**m, "also": [{"source": "wire", "quote": "Talks resumed in November 2025"}]}
    assert errors(fact_file(tmp_path, [], [done], published="2025-09", second=later)) == []


# -- corroboration --------------------------------------------------------------------------------


def test_corroboration_must_prove_the_figure_and_come_from_another_source(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached 12.5 billion ducats in 2024.",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
        "also": [{"source": "wire", "quote": "Trade grew strongly"}],
    }
    found = errors(fact_file(tmp_path, [fact], second="Trade grew strongly in the year."))
    assert found == [
        "fact 'trade': also from 'wire' does not state the date “2024” (its quote states no date)",
        "fact 'trade': also from 'wire' does not prove 12.5 (its quote has: none); cite only sources that prove the figure",
    ]
    same = {**fact, "also": [{"source": "gazette", "quote": "up 8% from the year before"}]}
    assert "the same source as the main citation" in errors(fact_file(tmp_path, [same]))[0]


@pytest.mark.parametrize(
    ("text", "also", "wrong"),
    [
        ("More than 1,250 firms operate in Sylvania.", "About 1,250 firms operate", ("More than 1,250", "About 1,250")),
        ("More than 1,250 firms operate in Sylvania.", "1,250 firms operate", ("More than 1,250", "1,250")),
        ("More than 1,250 firms operate in Sylvania.", "Over 1,250 firms operate", None),
    ],
)
def test_an_also_quote_proves_the_hedge(tmp_path, text, also, wrong):
    """ "About 2,500" does not corroborate "more than 2,500": as a main quote it would be refused."""
    fact = firms(text=text, also=[{"source": "wire", "quote": also}])
    path = fact_file(tmp_path, [fact], second=f"{also} there.")
    expected = [] if wrong is None else [f"fact 'firms': also from 'wire' says “{wrong[1]}”, not “{wrong[0]}”"]
    assert errors(path) == expected
    dropped = firms(
        text="1,250 firms operate in Sylvania.",
        quote="1,250 firms",
        also=[{"source": "wire", "quote": "Nearly 1,250 firms operate"}],
    )
    # a plain figure is the main quote's to prove: another source may round it
    second = "Nearly 1,250 firms operate there."
    assert errors(fact_file(tmp_path, [dropped], article="Sylvania has 1,250 firms.", second=second)) == []


def test_source_counts_count_proving_sources(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached 12.5 billion ducats in 2024.",
        "value": 12.5,
        "label": "Trade",
        "as_of": "2024",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
        "also": [{"source": "wire", "quote": "trade of 12.5 billion ducats in 2024"}],
    }
    path = fact_file(tmp_path, [fact], second="It recorded trade of 12.5 billion ducats in 2024.")
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    assert re.search(r"\| Trade \| 12\.5\[\^1\] \| 2024 \| 2 \|", (tmp_path / "o" / "factsheet.md").read_text())


# -- across the documents -------------------------------------------------------------------------


def test_conflicts_on_the_period_print_the_periods(tmp_path):
    a = {
        "id": "t24",
        "text": "In 2024 nearly 300,000 tourists visited.",
        "quote": "Last year, nearly 300,000 tourists visited",
        "value": 300000,
        "qualifier": "nearly",
        "unit": "tourists",
        "as_of": "2024",
        "metric": "tourists",
        "label": "Tourists",
        "preferred": True,
        "note": "The Wire dates the figure to 2023.",
    }
    b = {
        "id": "t23",
        "text": "In 2023, 300,000 tourists visited.",
        "quote": "In 2023, 300,000 tourists visited",
        "source": "wire",
        "value": 300000,
        "unit": "tourists",
        "as_of": "2023",
        "metric": "tourists",
        "label": "Tourists",
    }
    path = fact_file(tmp_path, [a, b], second="In 2023, 300,000 tourists visited.")
    assert errors(path) == []
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    sheet = (tmp_path / "o" / "factsheet.md").read_text()
    assert "nearly 300,000 tourists[^1]; other sources give 300,000 tourists for 2023[^2]" in sheet
    assert "nearly 300,000 tourists for 2024 (The Gazette)[^1]; 300,000 tourists for 2023 (The Wire)[^2]." in sheet


def test_one_rule_for_partial_dates_in_every_document(tmp_path):
    """A milestone dated only "2025" in a brief as of September 2025 is ahead everywhere."""
    m = {
        "id": "minister",
        "date": "2025",
        "text": "The minister is to visit.",
        "topic": "high-level visits",
        "quote": "Foreign Minister Rufus Firefly will visit Sylvania on 14 October 2025",
    }
    path = fact_file(tmp_path, [], [m])
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    briefing = (tmp_path / "o" / "briefing.md").read_text()
    milestones = (tmp_path / "o" / "milestones.md").read_text()
    assert "### Upcoming" in briefing and "### Recent" not in briefing
    assert milestones.index("## Ahead") < milestones.index("The minister is to visit.")
    assert "## Milestones" not in milestones


def test_facts_printed_nowhere_are_a_warning(tmp_path):
    path = fact_file(tmp_path, [firms()])
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "factsheet.md.j2").write_text("# F\n\n## Nothing\n\nNothing here.\n")
    (tmp_path / "templates" / "briefing.md.j2").write_text("# B\n\n## Nothing\n\nNothing here.\n")
    _ff, findings = check(path)
    assert [f.message for f in findings if f.level == "warning"] == [
        "fact 'firms' is printed in no document (briefing, factsheet, milestones, talking-points)"
    ]


def test_one_spelling_of_a_name_per_file(tmp_path):
    a = {"id": "a", "text": "Phạm Minh Chính met the minister.", "quote": "the minister has met his counterpart twice"}
    b = {"id": "b", "text": "Pham Minh Chinh met him twice.", "quote": "the minister has met his counterpart twice"}
    _ff, findings = check(fact_file(tmp_path, [a, b]))
    assert [f.message for f in findings if f.level == "warning"] == [
        "a name is spelled 2 ways: “Pham Minh Chinh” (b); “Phạm Minh Chính” (a)"
    ]


def test_every_short_note_holds_every_figure_of_its_claim():
    """On the curated file: the briefing's one-page notes quote the clause(s) with all the figures."""
    ff = load_fact_file(JV_FACTS)
    for item in [*ff.facts, *ff.milestones]:
        wanted = numbers_in(item.text) or numbers_in(str(getattr(item, "value", "") or ""))
        held = wanted & numbers_in(normalise(item.quote))
        short = excerpt(item.quote, wanted, item.text)
        assert held <= numbers_in(short), (item.id, short)


def test_every_note_of_the_built_briefing_holds_its_figures(jv_output):
    """The same, read off the built briefing: each call's claim and its note (a year the quote
    gives in words, "In April this year", counts when the article's date resolves it, and the
    article's date in the note's head backs a statement dated by it, "As of April 2025")."""
    from factbrief.text.dates import evidence

    ff = load_fact_file(JV_FACTS)
    published = {s.publisher: s.published for s in ff.sources.values()}
    markdown = (jv_output / "briefing.md").read_text(encoding="utf-8")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", markdown, re.M))
    checked = 0
    for line in markdown.splitlines():
        if line.startswith("[^") or not re.search(r"\[\^\d+\]", line):
            continue
        for claim, number in re.findall(r"([^|\[\]]+?)\[\^(\d+)\]", line):
            head, quoted = notes[number].split(": ", 1)
            when = published[head.rsplit(", ", 1)[0]]
            held = numbers_in(notes[number]) | {Decimal(y) for y in evidence(quoted, when).years}
            missing = numbers_in(claim.replace("\\", "")) - held
            assert not missing, (claim, notes[number])
            checked += 1
    assert checked >= 10


def test_a_stale_plan_says_when_it_was_so(tmp_path):
    loan = {
        "id": "loan",
        "text": "The government is considering a loan of up to 90 million ducats.",
        "quote": "The government is considering a loan of up to 90 million ducats.",
    }
    _ff, findings = check(fact_file(tmp_path, [loan], published="2025-02"))
    warnings = [f.message for f in findings if f.level == "warning"]
    assert warnings == [
        "fact 'loan': reported in 2025-02, 7 months before the brief, with no date in the text; "
        "say when it was so (e.g. “As of February 2025, …”)"
    ]
    dated = {**loan, "text": "As of February 2025, the government was considering a loan of up to 90 million ducats."}
    _ff, findings = check(fact_file(tmp_path, [dated], published="2025-02"))
    assert not [f for f in findings if f.level != "info"]


def test_a_figure_that_reads_two_ways_is_reported(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached 12.5 billion ducats in 2024.",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
    }
    path = fact_file(tmp_path, [fact])
    text = path.read_text(encoding="utf-8").replace("as_of: '2025-09-01'", "as_of: '2025-09-01'\nlanguage: vi")
    path.write_text(text, encoding="utf-8")
    _ff, findings = check(path)
    assert any("“12.5” in text reads two ways; in vi it is read as" in f.message for f in findings), findings


def test_a_series_from_several_sources_is_not_a_conflict():
    """Different values for different periods are a series; a conflict is a disagreement about
    one period (or the same value given for different periods)."""
    from factbrief.model import Citation, Fact, PartialDate
    from factbrief.verify import find_conflicts

    def reading(fid, source, value, year):
        return Fact(
            fid,
            "t",
            "x",
            Citation(source, "q", 1),
            1,
            value=value,
            metric="m",
            as_of=PartialDate(year) if year else None,
        )

    class File:
        def __init__(self, facts):
            self.facts = facts

    series = [reading("a", "s1", 10, 2019), reading("b", "s2", 12, 2020), reading("c", "s3", 14, 2021)]
    assert find_conflicts(File(series)) == []
    disputed = [*series, reading("d", "s4", 13, 2020)]
    [conflict] = find_conflicts(File(disputed))
    assert {f.id for f in conflict.facts} == {"b", "d"}
    period = [reading("e", "s1", 710, 2024), reading("f", "s2", 710, 2023)]
    assert len(find_conflicts(File(period))) == 1
    undated = [reading("g", "s1", 50, None), reading("h", "s2", 46, 2024)]
    assert len(find_conflicts(File(undated))) == 1


# -- a hedge or mood said once, in the text (issue 24) ---------------------------------------------


def test_a_hedge_stated_in_the_text_is_the_qualifier(tmp_path):
    path = fact_file(tmp_path, [firms(value=1250, unit="firms", label="Firms")])
    assert errors(path) == []
    [fact] = load_fact_file(path).facts
    assert fact.qualifier == "more than"
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    assert "| Firms | more than 1,250 firms[^1] |" in (tmp_path / "o" / "factsheet.md").read_text()
    # Not said in the text: still asked for.
    path = fact_file(tmp_path, [firms(text="Firms operate in Sylvania.", value=1250, unit="firms")])
    assert any("add qualifier: more than" in e for e in errors(path))


def test_a_hedge_in_the_text_the_quote_lacks_is_reported_once(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached more than 12.5 billion ducats in 2024.",
        "value": 12.5,
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
    }
    assert errors(fact_file(tmp_path, [fact])) == [
        "fact 'trade': the text says “more than 12.5”, but the quote states 12.5 without it "
        "(drop “more than”, or quote the words that say it)"
    ]


def test_a_mood_stated_in_the_text_is_the_status(tmp_path):
    article = ARTICLE + "\nThe minister will bring 300 delegates.\n"
    fact = {
        "id": "delegates",
        "text": "The minister will bring 300 delegates.",
        "quote": "The minister will bring 300 delegates.",
        "value": 300,
        "unit": "delegates",
    }
    path = fact_file(tmp_path, [fact], article=article)
    assert errors(path) == []
    assert load_fact_file(path).facts[0].status == "expected"


# -- messages that say what to do (issue 24) ---------------------------------------------------------


def test_as_of_suggests_the_finer_date_the_quote_states(tmp_path):
    fact = {
        "id": "bridge",
        "text": "The bridge opened in March 2025, carrying 10,000 cars a day.",
        "quote": "The bridge opened in March, carrying 10,000 cars a day.",
        "as_of": "2025-06",
    }
    assert errors(fact_file(tmp_path, [fact], published="2025-05"))[:1] == [
        "fact 'bridge': as_of 2025-06 is not stated in its quote (the quote states 2025 (March); "
        "write as_of: 2025-03 (or 2025))"
    ]


def test_a_present_tense_quote_suggests_its_article_date_in_plain_words(tmp_path):
    article = ARTICLE + "\nCurrently 40 ferries sail each week.\n"
    fact = {
        "id": "ferries",
        "text": "Currently 40 ferries sail each week.",
        "quote": "Currently 40 ferries sail each week.",
    }
    [message] = errors(fact_file(tmp_path, [fact], article=article, published="2025-07-03"))
    assert message == (
        "fact 'ferries': “currently” in text only makes sense on the day it was written "
        "(write the date: the quote speaks as of its article's date, 2025-07-03)"
    )
    assert "quote's the" not in message


def test_a_typo_in_source_is_reported_on_the_source_line(tmp_path):
    path = fact_file(tmp_path, [firms(source="gazete")])
    _ff, findings = check(path)
    [problem] = [f for f in findings if f.level == "error"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].strip() == "source: gazete"
    assert "cites unknown source 'gazete'" in problem.message


def test_conflict_lines_print_plain_spaces(tmp_path):
    second = "Trade reached USD 6 billion in 2024."
    facts = [
        {
            "id": "a",
            "text": "Trade reached USD 12.5 billion in 2024.",
            "quote": "Two-way trade reached 12.5 billion ducats in 2024",
            "value": 12.5,
            "unit": "USD billion",
            "as_of": "2024",
            "metric": "trade",
        },
        {
            "id": "b",
            "source": "wire",
            "text": "Trade reached USD 6 billion in 2024.",
            "quote": second,
            "value": 6,
            "unit": "USD billion",
            "as_of": "2024",
            "metric": "trade",
        },
    ]
    _ff, findings = check(fact_file(tmp_path, facts, second=second))
    [conflict] = [f.message for f in findings if "conflict" in f.message]
    assert "USD 6 billion" in conflict and "\xa0" not in conflict and "\u202f" not in conflict


def test_french_dates_write_the_first_of_the_month_1er():
    assert format_date(PartialDate(2025, 7, 1), language="fr") == "1er juillet 2025"
    assert format_date(PartialDate(2025, 7, 11), language="fr") == "11 juillet 2025"


# -- warnings only where the answer changes what is printed (issue 24) -------------------------------


def _warnings(path: Path) -> list[str]:
    _ff, findings = check(path)
    return [f.message for f in findings if f.level == "warning"]


def test_an_undated_source_is_no_warning_where_the_quote_or_the_years_settle_it(tmp_path):
    article = (
        "The two countries established diplomatic relations on 2 May 1997.\n"
        "Ambassadors first meet in Sylvania on 14 July 2025.\n"
        "Ministers meet in Sylvania on 3 March 2019.\n"
    )
    milestones = [
        {
            "id": "relations",
            "date": "1997-05-02",
            "text": "Diplomatic relations established.",
            "quote": "The two countries established diplomatic relations on 2 May 1997.",
        },
        {
            "id": "ambassadors",
            "date": "2025-07-14",
            "text": "Ambassadors meet in Sylvania.",
            "quote": "Ambassadors first meet in Sylvania on 14 July 2025.",
        },
        {
            "id": "ministers",
            "date": "2019-03-03",
            "text": "Ministers meet in Sylvania.",
            "quote": "Ministers meet in Sylvania on 3 March 2019.",
        },
    ]
    path = fact_file(tmp_path, [], milestones, published=None, article=article)
    told = [w for w in _warnings(path) if "cannot be told" in w]
    assert told == [
        "milestone 'ambassadors': source 'gazette' has no published date, so whether it reports 2025-07-14 "
        "before or after the event cannot be told (add published:)"
    ]


def test_check_points_out_one_quantity_under_two_metrics(tmp_path):
    second = "Bilateral trade reached 11.9 billion ducats in 2024, officials said."
    trade = {
        "id": "trade",
        "text": "Trade reached 12.5 billion ducats in 2024.",
        "value": 12.5,
        "unit": "billion ducats",
        "as_of": "2024",
        "metric": "two-way-trade",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024",
    }
    other = {
        "id": "bilateral",
        "source": "wire",
        "text": "Trade reached 11.9 billion ducats in 2024.",
        "value": 11.9,
        "unit": "billion ducats",
        "as_of": "2024",
        "metric": "bilateral-trade",
        "quote": second,
    }
    path = fact_file(tmp_path, [trade, other], second=second)
    [warning] = [w for w in _warnings(path) if "measure the same thing" in w]
    assert "'two-way-trade'" in warning and "'bilateral-trade'" in warning and "11.9" in warning
    # Same metric: a conflict, shown as one.
    path = fact_file(tmp_path, [trade, {**other, "metric": "two-way-trade"}], second=second)
    assert any(w.startswith("conflict on metric 'two-way-trade'") for w in _warnings(path))
    assert not [w for w in _warnings(path) if "measure the same thing" in w]
    # Another unit or another period: not the same thing.
    path = fact_file(tmp_path, [trade, {**other, "unit": "million ducats"}], second=second)
    assert not [w for w in _warnings(path) if "measure the same thing" in w]


def test_said_on_wednesday_resolves_to_the_wednesday_before_the_article(tmp_path):
    article = ARTICLE + "\nOfficials said on Wednesday that 40 ferries sail each week.\n"
    milestone = {
        "id": "said",
        "date": "2025-06-12",
        "text": "Officials say 40 ferries sail each week.",
        "quote": "Officials said on Wednesday that 40 ferries sail each week.",
    }
    found = errors(fact_file(tmp_path, [], [milestone], article=article, published="2025-06-12"))
    assert found == [
        "milestone 'said': date 2025-06-12 is not stated in its quote (the quote states 2025 (June); "
        "write date: 2025-06-11 (or 2025-06, 2025))"
    ]
    assert (
        errors(fact_file(tmp_path, [], [{**milestone, "date": "2025-06-11"}], article=article, published="2025-06-12"))
        == []
    )


def test_an_also_quote_corroborates_the_figures_it_proves(tmp_path):
    fact = {
        "id": "trade",
        "text": "Trade reached 12.5 billion ducats in 2024, up 8%.",
        "value": 8,
        "unit": "%",
        "label": "Trade growth",
        "as_of": "2024",
        "quote": "Two-way trade reached 12.5 billion ducats in 2024, up 8%",
        "also": [{"source": "wire", "quote": "trade of 12.5 billion ducats in 2024"}],
    }
    second = "It recorded trade of 12.5 billion ducats in 2024."
    path = fact_file(tmp_path, [fact], second=second)
    assert errors(path) == []  # the headline figure corroborated, the growth rate not: partial, and true
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    # Sources are counted per figure: the value (8%) has one source.
    assert re.search(r"\| Trade growth \| 8%\[\^1\] \| 2024 \| 1 \|", (tmp_path / "o" / "factsheet.md").read_text())
    fact["value"], fact["unit"] = 12.5, "billion ducats"
    build(fact_file(tmp_path, [fact], second=second), tmp_path / "o", BuildOptions(fmt="md"))
    assert re.search(
        r"\| Trade growth \| 12\.5 billion ducats\[\^1\] \| 2024 \| 2 \|", (tmp_path / "o" / "factsheet.md").read_text()
    )
    # An also quote that proves none of the figures is still refused.
    fact["also"] = [{"source": "wire", "quote": "It recorded trade"}]
    found = errors(fact_file(tmp_path, [fact], second=second))
    assert any("does not prove" in e for e in found)


@pytest.mark.parametrize(
    "text",
    ["Joint Commission to hold its first meeting in Sylvania.", "Joint Commission meeting to be held in Sylvania."],
)
def test_a_plan_said_as_a_headline_says_it_reads_as_a_plan(tmp_path, text):
    article = ARTICLE + "\nThe Joint Commission will hold its first meeting in Sylvania on 3 November 2025.\n"
    milestone = {
        "id": "jc",
        "date": "2025-11-03",
        "text": text,
        "quote": "The Joint Commission will hold its first meeting in Sylvania on 3 November 2025.",
    }
    assert errors(fact_file(tmp_path, [], [milestone], article=article)) == []
    done = {**milestone, "text": "Joint Commission held its first meeting in Sylvania."}
    assert any("states it as done" in e for e in errors(fact_file(tmp_path, [], [done], article=article)))


# -- dates and order (issue 24) ---------------------------------------------------------------------

ORDER_ARTICLE = """Plans for the autumn

Foreign Minister Rufus Firefly is scheduled to visit Sylvania this year.
The trade fair will open in Sylvania on 9 September 2025.
Ministers will meet in Sylvania on 2 September 2025.
The ferry line to Sylvania opened on 1 September 2025 with 40 ferries.
The bridge to Sylvania opened on 2 September 2025.
Prime Minister Rufus Firefly paid an official visit to Sylvania in April 2025.
During the visit, Prime Minister Rufus Firefly held talks in Sylvania on 27 April 2025.
"""


def _milestone(mid, date, text, quote):
    return {"id": mid, "date": date, "text": text, "quote": quote, "topic": "high-level visits"}


def test_a_year_only_upcoming_event_sorts_after_the_dated_ones(tmp_path):
    from factbrief.render.context import Context

    milestones = [
        _milestone(
            "fm",
            "2025",
            "Rufus Firefly is to visit Sylvania.",
            "Foreign Minister Rufus Firefly is scheduled to visit Sylvania this year.",
        ),
        _milestone(
            "fair",
            "2025-09-09",
            "The trade fair is to open in Sylvania.",
            "The trade fair will open in Sylvania on 9 September 2025.",
        ),
        _milestone(
            "meet",
            "2025-09-02",
            "Ministers are to meet in Sylvania.",
            "Ministers will meet in Sylvania on 2 September 2025.",
        ),
    ]
    path = fact_file(tmp_path, [], milestones, article=ORDER_ARTICLE, published="2025-08-20")
    assert errors(path) == []
    context = Context(load_fact_file(path))
    assert [m.id for m in context.engagements.upcoming] == ["meet", "fair", "fm"]
    assert [m.id for m in context.milestones_ahead] == ["meet", "fair", "fm"]


def test_what_a_source_reports_done_is_never_upcoming(tmp_path):
    from factbrief.render.context import Context

    milestones = [
        _milestone(
            "ferry",
            "2025-09",
            "The ferry line to Sylvania opened.",
            "The ferry line to Sylvania opened on 1 September 2025 with 40 ferries.",
        ),
        _milestone(
            "fair",
            "2025-09-09",
            "The trade fair is to open in Sylvania.",
            "The trade fair will open in Sylvania on 9 September 2025.",
        ),
    ]
    path = fact_file(tmp_path, [], milestones, article=ORDER_ARTICLE, published="2025-09")
    context = Context(load_fact_file(path))
    assert [m.id for m in context.engagements.upcoming] == ["fair"]
    assert [m.id for m in context.engagements.recent] == ["ferry"]


def test_a_month_only_source_that_may_be_newer_than_the_brief_is_said(tmp_path):
    milestones = [
        _milestone(
            "bridge",
            "2025-09-02",
            "The bridge to Sylvania opened.",
            "The bridge to Sylvania opened on 2 September 2025.",
        ),
    ]
    doc = fact_file(tmp_path, [], milestones, article=ORDER_ARTICLE, published="2025-09")
    [warning] = [w for w in _warnings(doc) if "may be newer than the brief" in w]
    assert warning.startswith("source 'gazette' is dated only 2025-09, so it may be newer than the brief (2025-09-01)")
    assert not [
        w
        for w in _warnings(fact_file(tmp_path, [], milestones, article=ORDER_ARTICLE, published="2025-09-01"))
        if "may be newer" in w
    ]


def test_two_items_of_one_document_stating_one_event_are_warned_of(tmp_path):
    milestones = [
        _milestone(
            "visit",
            "2025-04",
            "Prime Minister Rufus Firefly paid an official visit to Sylvania.",
            "Prime Minister Rufus Firefly paid an official visit to Sylvania in April 2025.",
        ),
        _milestone(
            "talks",
            "2025-04-27",
            "Prime Minister Rufus Firefly held talks in Sylvania.",
            "Prime Minister Rufus Firefly held talks in Sylvania on 27 April 2025.",
        ),
    ]
    path = fact_file(tmp_path, [], milestones, article=ORDER_ARTICLE, published="2025-05")
    assert errors(path) == []
    [warning] = [w for w in _warnings(path) if "one event" in w]
    assert warning.startswith("milestones 'visit' (2025-04) and 'talks' (2025-04-27) seem to state one event")


def test_a_disputed_date_prints_with_its_mark_and_a_year_only_event_as_later(tmp_path):
    """The Expo case: two sources date one event two ways (facts of one metric); the milestone that
    states it carries ‡ wherever it prints, and "2025" ahead prints as "later in 2025"."""
    second = "Sylvania will mark its National Day at the Expo on 2 September 2025."
    quote = "The trade fair will open in Sylvania on 9 September 2025."
    facts = [
        {
            "id": "fair-9",
            "text": "The trade fair is to open in Sylvania on 9 September 2025.",
            "quote": quote,
            "as_of": "2025-09-09",
            "metric": "fair-day",
            "label": "Fair day",
        },
        {
            "id": "fair-2",
            "source": "wire",
            "text": "Sylvania is to mark its National Day at the Expo on 2 September 2025.",
            "quote": second,
            "as_of": "2025-09-02",
            "metric": "fair-day",
            "label": "Fair day",
        },
    ]
    milestones = [
        _milestone("fair", "2025-09-09", "The trade fair is to open in Sylvania.", quote),
        _milestone(
            "fm",
            "2025",
            "Rufus Firefly is to visit Sylvania.",
            "Foreign Minister Rufus Firefly is scheduled to visit Sylvania this year.",
        ),
    ]
    path = fact_file(tmp_path, facts, milestones, article=ORDER_ARTICLE, published="2025-08-20", second=second)
    build(path, tmp_path / "o", BuildOptions(fmt="md"))
    briefing = (tmp_path / "o" / "briefing.md").read_text(encoding="utf-8")
    summary = (tmp_path / "o" / "milestones.md").read_text(encoding="utf-8")
    # printed once (the glance box takes the fact that quotes the milestone's passage), with its mark
    assert re.search(r"The trade fair is to open in Sylvania[^|\n]*\[\^\d+\] ‡", briefing)
    assert "- **later in 2025.** Rufus Firefly is to visit Sylvania." in briefing
    assert "‡ Sources differ on this" in briefing
    assert "## Key points\n\n## " not in briefing  # a section with nothing to say is left out
    assert re.search(r"\| 9 September 2025 \| The trade fair is to open in Sylvania\.\[\^\d+\] ‡ \|", summary)
    assert "| later in 2025 | Rufus Firefly is to visit Sylvania." in summary
    build(path, tmp_path / "fr", BuildOptions(fmt="md", language="fr"))
    assert "plus tard en 2025" in (tmp_path / "fr" / "milestones.md").read_text(encoding="utf-8")
