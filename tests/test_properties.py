"""Properties over generated fact files (issues 11 and 13).

- ``check`` passing means ``build`` passes: names, dates, labels with digits, Markdown and HTML
  characters in every free-text field never make a checked file fail to build.
- ``check`` passing means every figure on every page is in a quote: digits and invisible
  characters inserted anywhere are either proven or refused.
- ``check`` passing means the PDFs are built within their templates' page limits, every note printed.

Most generated files pass check (the edits lean towards ones it accepts), and each property counts
that most examples reached its assertions.
"""

from __future__ import annotations

import copy
import os
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from pypdf import PdfReader

from conftest import MINIMAL
from factbrief.build import BuildOptions, build, check
from factbrief.errors import FactbriefError
from factbrief.factfile import load_fact_file
from factbrief.render import document_names, render_document
from factbrief.templating import make_environment
from factbrief.text.cleaning import normalise
from factbrief.text.dates import evidence
from factbrief.text.escaping import FOOTNOTE_DEF_RE
from factbrief.text.numbers import glued_in, holds_glued, numbers_in

BASE = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
# Figures the sample article holds, names with digits, dates, and pieces of Markdown and HTML.
TOKENS = [
    "12.5",
    "2024",
    "8%",
    "1,250",
    "48,000",
    "340",
    "90",
    "6,000",
    "2030",
    "1933",
    "2019",
    "95",
    "1999",
    "7,5",
    "G7",
    "G20",
    "COVID-19",
    "A4",
    "2+2",
    "No.1",
    "12 November",
    "in March",
    "last year",
    "Region 9",
    "## heading",
    "> quote",
    "- item",
    "1. first",
    "| cell |",
    "[^1]",
    "*bold*",
    "<b>x</b>",
    "{{ x }}",
    "\\",
    "`code`",
    "&amp;",
    "Tô Lâm",
    "Phạm Minh Chính",
    "\u200b",
    "\u00ad",
    "\u202e",
    "\u2066",
    "e\u0301",
    "ــ",
]
FREE_TEXT = [
    ("title",),
    ("subtitle",),
    ("purpose",),
    ("marking",),
    ("parties", 0),
    ("sources", "gazette", "publisher"),
    ("sources", "gazette", "title"),
    *[("facts", i, key) for i in range(6) for key in ("text", "topic", "label", "unit", "note")],
    *[("milestones", i, key) for i in range(4) for key in ("text", "topic")],
]


def _set(doc: dict, path: tuple, token: str, position: int) -> None:
    *parents, last = path
    node = doc
    for key in parents:
        node = node[key]
    old = str(node.get(last, "") if isinstance(node, dict) else node[last])
    words = old.split(" ") if old else []
    at = position % (len(words) + 1)
    node[last] = " ".join([*words[:at], token, *words[at:]]).strip() or token


# Where the office writes what it likes: any figure may stand there (titles, parties, purpose, the
# source's own names). A figure, a date word or a hidden character elsewhere is a claim that check
# refuses unless a quote proves it; a hidden character, anywhere.
OPEN_FIELDS = [
    ("title",),
    ("subtitle",),
    ("purpose",),
    ("marking",),
    ("parties", 0),
    ("sources", "gazette", "publisher"),
    ("sources", "gazette", "title"),
]
HIDDEN = re.compile("[\u200b\u00ad\u202e\u2066]")
FIGURES = [t for t in TOKENS if re.search(r"\d", t) or HIDDEN.search(t) or t in ("in March", "last year")]
WORDS = [t for t in TOKENS if t not in FIGURES]

_at = st.integers(0, 30)
# Edits check accepts (nearly always: a word can still split a hedge from its figure) ...
_open_edit = st.tuples(st.sampled_from(OPEN_FIELDS), st.sampled_from([t for t in TOKENS if not HIDDEN.search(t)]), _at)
_word_edit = st.tuples(st.sampled_from(FREE_TEXT), st.sampled_from(WORDS), _at)
# ... and any token anywhere, which check refuses more often than not.
_any_edit = st.tuples(st.sampled_from(FREE_TEXT), st.sampled_from(TOKENS), _at)
edits = st.lists(st.one_of(_open_edit, _word_edit, _any_edit), min_size=1, max_size=4)
checkable_edits = st.lists(st.one_of(_open_edit, _word_edit), min_size=1, max_size=4)


def _write(folder: Path, changes) -> Path:
    doc = copy.deepcopy(BASE)
    for path, token, position in changes:
        _set(doc, path, token, position)
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path_factory):
    base = tmp_path_factory.mktemp("prop")
    (base / "sources").mkdir()
    (base / "sources" / "gazette.txt").write_bytes((MINIMAL.parent / "sources" / "gazette.txt").read_bytes())
    return base


def _checks(path: Path) -> bool:
    """True if ``check`` passes (errors only; warnings do not stop a build)."""
    try:
        _ff, findings = check(path)
    except FactbriefError:
        return False
    return not any(f.level == "error" for f in findings)


def _proven_figures(path: Path) -> set[Decimal]:
    """Every figure the quotes of a fact file prove, with the years their relative dates resolve to."""
    ff = load_fact_file(path)
    out: set[Decimal] = set()
    for item in [*ff.facts, *ff.milestones]:
        for c in item.citations:
            quote = normalise(c.quote)
            published = ff.sources[c.source].published
            out |= numbers_in(quote) | {Decimal(y) for y in evidence(quote, published).years}
    return out


def _quotes(path: Path) -> list[str]:
    ff = load_fact_file(path)
    return [normalise(c.quote) for item in [*ff.facts, *ff.milestones] for c in item.citations]


def _metadata(path: Path) -> list[str]:
    """What the office writes itself (titles, parties, purpose, the brief's date, topic names):
    it may hold any digits."""
    from factbrief.model import PartialDate
    from factbrief.text.escaping import escape_markdown
    from factbrief.text.formatting import format_date

    ff = load_fact_file(path)
    texts = [ff.title, ff.subtitle, ff.purpose, ff.marking, *ff.parties, *(f.topic for f in ff.facts)]
    texts += [format_date(PartialDate(ff.as_of.year, ff.as_of.month, ff.as_of.day))]
    texts += [t[:1].upper() + t[1:] for t in texts if t]
    return sorted({escape_markdown(t).strip() for t in texts if t} | {t for t in texts if t}, key=len, reverse=True)


def examples(variable: str, default: int):
    """Hypothesis settings for a property over fact files: as many examples as ``variable`` says."""
    return settings(
        max_examples=int(os.environ.get(variable, str(default))),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


def _checked(path: Path, tally: Counter) -> None:
    """Go on with the example only if ``check`` passes (``assume``); ``tally`` counts both outcomes."""
    passes = _checks(path)
    tally["checked" if passes else "refused"] += 1
    assume(passes)


def _reached_most(tally: Counter) -> None:
    """Most examples passed check and reached the property's assertions (the rest prove nothing)."""
    assert tally["checked"] > tally["refused"], tally


def test_check_passing_means_markdown_build_passes_and_every_figure_is_proven(folder):
    tally: Counter = Counter()

    @examples("PROPERTY_EXAMPLES", 150)
    @given(changes=edits)
    @example(changes=[(("milestones", 3, "text"), "12 November", 0)])  # a day its quote ("November 2025") lacks
    def markdown_build(changes):
        path = _write(folder, changes)
        _checked(path, tally)
        out = folder / "out"
        build(path, out, BuildOptions(fmt="md"))  # must not raise
        proven = _proven_figures(path)
        quotes = _quotes(path)
        metadata = _metadata(path)
        for name in ("briefing", "factsheet", "milestones"):
            for line in (out / f"{name}.md").read_text(encoding="utf-8").splitlines():
                if FOOTNOTE_DEF_RE.match(line):
                    continue  # the notes quote the articles
                for text in metadata:
                    line = line.replace(text, " ")
                line = re.sub(r"\[\^\d+\]", " ", line).replace("\\", "")
                unproven = numbers_in(line) - proven
                assert not unproven, f"{name}.md prints {unproven} in {line!r}"
                names = [w for a, d, w in glued_in(line) if not any(holds_glued(q, a, d) for q in quotes)]
                assert not names, f"{name}.md prints {names} in {line!r}"  # "G20", "top-10": no quote names them
                assert not re.search("[\u200b\u00ad\u202e\u2066]", line)

    markdown_build()
    _reached_most(tally)


@pytest.mark.parametrize(
    ("words", "refused"),
    [
        ("12 November", True),
        ("November 12", True),
        ("On 12 November", True),
        ("On the 12th of November", True),
        ("On the twelfth of November", True),
        ("November twelfth:", True),
        ("In November", False),
    ],
)
def test_a_day_its_quote_does_not_state_is_refused_even_without_a_year(folder, words, refused):
    """The milestone's quote says "November 2025": "12 November" prints a day nobody stated."""
    assert _checks(_write(folder, [(("milestones", 3, "text"), words, 0)])) is not refused


@pytest.mark.parametrize(
    ("field", "words", "refused"),
    [
        (("milestones", 3, "text"), "in mid-December", True),  # (a month after a hyphen was no date)
        (("milestones", 3, "text"), "in mid-November", False),
        (("facts", 0, "label"), "Trade to 8 December 2024", True),  # (8 and 2024 are in the quote)
        (("facts", 0, "label"), "Trade in 2024", False),
        (("facts", 0, "unit"), "billion ducats (8 December 2024)", True),
        (("milestones", 2, "text"), "In the first quarter of 2025", True),  # (a quote of 14 October 2025)
        (("milestones", 2, "text"), "In Q1 2025", True),
        (("milestones", 2, "text"), "On Tuesday, 14 October 2025,", False),
        (("milestones", 2, "text"), "On Monday, 14 October 2025,", True),  # (a Tuesday)
        (("milestones", 3, "text"), "In FY26", True),  # (a year glued to "FY" was no figure)
        (("milestones", 3, "text"), "In FY25", False),
    ],
)
def test_a_date_beside_the_statement_or_after_a_hyphen_is_held_to_its_quote(folder, field, words, refused):
    """The trade fact's quote says "in 2024", the fishing talks' "November 2025"."""
    assert _checks(_write(folder, [(field, words, 0)])) is not refused


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Sylvania is Freedonia’s third-largest trading partner.", True),
        ("Sylvania is Freedonia’s 3rd largest trading partner.", True),
        ("Sylvania is Freedonia’s second-largest trading partner.", False),
        ("Sylvania is Freedonia’s 2nd-largest trading partner.", False),  # (its 2 was held to the quote's figures)
        ("Sylvania is Freedonia’s second-biggest trading partner.", False),
        ("Sylvania is Freedonia’s third-biggest trading partner.", True),  # (the quote's place is second)
        ("Sylvania is one of Freedonia’s top-10 trading partners.", True),  # (digits glued to a word)
        ("Sylvania is one of Freedonia’s G7 trading partners.", True),
        ("More than 1,250 Freedonian firms, the fifth-largest group, operate in Sylvania.", True),
    ],
)
def test_a_rank_is_the_quotes(folder, text, refused):
    """The partner fact's quote says "second-largest"; the firms' quote names no place."""
    doc = _write(folder, [])
    old = "Sylvania is Freedonia’s second-largest trading partner." if "firms" not in text else "More than 1,250"
    doc.write_text(doc.read_text(encoding="utf-8").replace(old, text, 1), encoding="utf-8")
    assert _checks(doc) is not refused


@pytest.mark.parametrize(
    ("quote", "text", "refused"),
    [
        ("one of the top 10 trading partners", "a top-10 trading partner", False),
        ("one of the TOP-10 trading partners", "a top-10 trading partner", False),
        ("one of the top 100 trading partners", "a top-10 trading partner", True),
        ("at the G7 summit", "at the G20 summit", True),
        ("at the G7 summit", "at the G7 summit", False),
        ("its No. 2 trading partner", "its No.2 trading partner", False),
        ("its No. 2 trading partner", "its No.3 trading partner", True),
        ("a fleet of A320 aircraft", "a fleet of A321 aircraft", True),
    ],
)
def test_a_name_with_digits_is_the_quotes(folder, quote, text, refused):
    """Digits glued to a word are no figure, but a statement may not change them."""
    doc = copy.deepcopy(BASE)
    article = folder / "sources" / "gazette.txt"
    saved = article.read_text(encoding="utf-8")
    try:
        article.write_text(saved + f"\n\nSylvania is {quote}.\n", encoding="utf-8")
        doc["facts"][1]["quote"] = f"Sylvania is {quote}"
        doc["facts"][1]["text"] = f"Sylvania is {text}."
        path = folder / "brief.yaml"
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
        assert _checks(path) is not refused
    finally:
        article.write_text(saved, encoding="utf-8")


def test_two_days_joined_by_and_are_those_days_and_between_them_a_range():
    from factbrief.text.dates import evidence

    assert evidence("on 12 and 14 November 2025", None).days == {(2025, 11): {12, 14}}
    assert evidence("les 12 et 13 novembre 2025", None, "fr").days == {(2025, 11): {12, 13}}
    assert evidence("between 12 and 14 November 2025", None).days == {(2025, 11): {12, 13, 14}}
    assert evidence("12–14 November 2025", None).days == {(2025, 11): {12, 13, 14}}


def _squeezed(text: str) -> str:
    """Text without its white space: where the PDF breaks a line (after a dash, say) does not matter."""
    return "".join(text.split())


def test_check_passing_means_pdf_build_passes_within_its_pages_with_every_note(folder):
    tally: Counter = Counter()

    @examples("PROPERTY_PDF_EXAMPLES", 6)
    @given(changes=checkable_edits)
    def pdf_build(changes):
        path = _write(folder, changes)
        _checked(path, tally)
        out = folder / "out-pdf"
        result = build(path, out, BuildOptions(parallel=False))  # must not raise
        ff, env = load_fact_file(path), make_environment()
        for name in document_names(env):
            pages = PdfReader(out / f"{name}.pdf").pages
            limit = render_document(name, ff, env).max_pages  # the template's max_pages, if it sets one
            assert result.pages[name] == len(pages) and (limit is None or len(pages) <= limit), (name, len(pages))
            printed = _squeezed(" ".join(page.extract_text() or "" for page in pages))
            page = lxml_html.fromstring((out / f"{name}.html").read_bytes())
            notes = page.xpath('//span[@class="footnote"]')
            assert notes, name
            for note in notes:
                text = f"{note.get('data-note')}.{_squeezed(note.text_content())}"
                assert text in printed, f"{name}.pdf does not print note {text!r}"

    pdf_build()
    _reached_most(tally)


# -- the text readings' shortcuts say what the long way says ----------------------------------

_TEXT_BITS = st.text(
    alphabet=st.sampled_from(
        list("ab 1\t\n\x1c\u00a0\u2028\u3000-.,'\"") + ["\u0301", "\u2019", "\u201c", "\u2013", "\u2212", "«", "Ω", "ệ"]
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_TEXT_BITS)
def test_normalise_is_nfc_plain_marks_and_one_space(text):
    import unicodedata

    from factbrief.text.cleaning import EQUIVALENTS

    assert normalise(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(EQUIVALENTS)).strip()


_DATE_BITS = st.lists(
    st.sampled_from(
        [
            "may",
            "May",
            "mar",
            "march",
            "market",
            "tháng 9",
            "juin",
            "mai",
            "sept.",
            "xapril",
            "april",
            " ",
            "21",
            "2025",
            ", ",
            "-",
            "/",
            "next",
            "prochain",
            "two",
            "years",
            "months",
            "ago",
            "il y a 3 mois",
            "năm",
            "trước",
            "hace",
            "años",
            "de",
            "ngày",
            "year",
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_DATE_BITS, st.sampled_from(["en", "fr", "vi", "es", "de"]))
def test_a_text_that_names_no_month_or_no_unit_matches_no_pattern_that_needs_one(text, language):
    """The date reading skips the month patterns where no month is named, and 'ago' where none of
    its units stands: skipped, they would have found nothing."""
    from factbrief.text import dates
    from factbrief.text.lexicon import words

    lowered = text.lower()
    if not dates.names_a_month(lowered, language):
        assert not any(p.search(lowered) for p in dates._patterns(language) if "month" in p.groupindex)
        assert not list(dates._relative_months(lowered, language))
    lexicon = words(language)
    if lexicon.ago and not dates._agos(lowered, language):
        assert not re.search(rf"(?<![\w-]){lexicon.ago}(?![\w-])", lowered)


def test_a_weekday_named_with_its_date_is_no_relative_date():
    from factbrief.text.dates import relative_words

    assert relative_words("The envoy will arrive on Tuesday, 16 September 2025.") == []
    assert relative_words("The envoy will arrive on Tuesday the 16th of September 2025.") == []
    assert relative_words("The envoy will arrive on Tuesday.") == ["on tuesday"]
    assert relative_words("On Tuesday, 16 September 2025 and again on Tuesday.") == ["on tuesday"]


def test_a_weekday_with_a_whole_date_is_that_dates_in_each_language():
    from factbrief.text.dates import wrong_weekdays

    # 14 October 2025 is a Tuesday.
    assert wrong_weekdays("The minister arrives on Tuesday, 14 October 2025.") == []
    assert [w for w, _day in wrong_weekdays("The minister arrives on Monday, 14 October 2025.")] == [
        "Monday, 14 October 2025"
    ]
    assert wrong_weekdays("le lundi 14 octobre 2025", "fr") == [("lundi 14 octobre 2025", "mardi")]
    assert wrong_weekdays("am Montag, 14. Oktober 2025", "de")[0][1] == "dienstag"
    assert wrong_weekdays("thứ Ba, ngày 14 tháng 10 năm 2025", "vi") == []
    assert wrong_weekdays("Monday 14 October", "en") == []  # no year: no weekday to hold it to


def test_numeric_dates_as_german_and_vietnamese_write_them():
    from factbrief.text.dates import evidence

    assert evidence("am 12.11.2025", None, "de").days == {(2025, 11): {12}}
    assert evidence("vào ngày 12/11", None, "vi").days == {(None, 11): {12}}
    assert evidence("ngày 12-11-2025", None, "vi").days == {(2025, 11): {12}}
    assert evidence("tỷ lệ 12/11", None, "vi").days == {}  # a ratio, not "ngày" (a day)
    assert evidence("in FY26", None).years == {2026}


@pytest.mark.parametrize(
    ("field", "words", "refused"),
    [
        (("facts", 1, "label"), "Fifth-largest partner", True),  # (a hostile tester's: printed in the table)
        (("facts", 1, "label"), "Second-largest partner", False),
        (("facts", 1, "status"), "planned fifth", True),
        (("facts", 1, "topic"), "G20 diplomacy", False),  # (a heading names what the office groups)
    ],
)
def test_a_place_or_a_name_beside_the_statement_is_held_to_its_quote(folder, field, words, refused):
    """The partner fact's quote says "second-largest"."""
    doc = copy.deepcopy(BASE)
    *parents, last = field
    node = doc
    for key in parents:
        node = node[key]
    node[last] = words
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert _checks(path) is not refused
