"""Checks of meaning: a statement keeps its quote's hedges, mood and dates; says no "last year";
reports a plan as a plan; and is corroborated only by quotes that prove it.

Each check compares what a quote states (figures.py, timewords.py) with what the fact file
prints. All are errors except where noted; every message names the item and the words at issue.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from factbrief.model import Citation, Fact, FactFile, Milestone, PartialDate
from factbrief.text.dates import DateEvidence, date_spans, evidence, relative_words, reporting_date
from factbrief.text.formatting import format_date, format_number
from factbrief.text.lexicon import negations_in, number_words
from factbrief.text.lexicon import words as word_lists
from factbrief.text.numbers import (
    HEDGE_ACCEPTS,
    MOOD_ACCEPTS,
    ORDINALS,
    as_decimal,
    bottom_up,
    clause_of,
    collectives,
    counted,
    counts_in_words,
    definite_count,
    folded,
    foreign_figures,
    glued_in,
    hedge_class,
    hedge_of,
    hedges_in,
    holds_glued,
    is_collective,
    mood_class,
    mood_classes,
    moods_before,
    numbers_in,
    ordinal_digits,
    places_in,
    ranges_in,
    ranks_in,
    scaled_figures,
    scaled_in,
    show_numbers,
    spaced_names,
    spelled_in,
    status_for,
    unscaled_in,
)

# Hedges a statement may add to a figure its quote states plainly: they soften it, no more.
SOFTENING = ("about", "reaching")
# Hedges that as often only stress a figure ("lên tới 79 tỷ USD": reached 79 billion): a
# statement may keep them or not.
LOOSE = ("reaching",)

Report = Callable[..., None]  # (line, message, level="error", ref=None)


@dataclass
class Proof:
    """What one citation's quote establishes: its figures and its dates, read in its language."""

    citation: Citation
    quote: str  # normalised
    numbers: set[Decimal]
    scaled: set[Decimal]  # quantities stated with a scale word ("12.5 billion")
    dates: DateEvidence
    published: PartialDate | None
    language: str
    unscaled: set[Decimal] = dataclasses.field(default_factory=set)  # numbers given with no scale word

    @property
    def allowed(self) -> set[Decimal]:
        """Figures a statement may print on this quote's word: its numbers and the years its
        relative dates resolve to ("last year" in a 2025 article allows 2024)."""
        return self.numbers | {Decimal(y) for y in self.dates.years}

    def allows(self, statement: str, language: str) -> set[Decimal]:
        """The figures a given statement may print: ``allowed``, and the article's own date where
        the statement dates itself by it ("as of April 2025")."""
        return self.allowed | {Decimal(n) for n in reporting_date(statement, self.published, language)}

    def unproven(self, statement: str, language: str) -> set[Decimal]:
        """The statement's figures (read in its language, dates left to ``unproven_dates``) that
        this quote does not give: neither the number, nor the same quantity at another scale
        ("12 500 millions" for "12.5 billion", "5,000" for "5k")."""
        allowed = self.allows(statement, language)
        blank = _without(statement, date_spans(statement, language))
        blank = _without(blank, self._placed(blank, language))  # held by ``misranked`` ("2nd-largest")
        scaled = scaled_in(blank, language)
        missing = numbers_in(blank, language) - allowed - self.scaled  # "5,000" for "5k"
        missing = {n for n in missing if not any(q in self.scaled and q in scaled for q in _scalings(n))}
        missing |= {c.value for c in collectives(blank, language)} - allowed - self.scaled  # "une centaine"
        return missing | self.uncounted(blank, language, allowed)

    def uncounted(self, statement: str, language: str, allowed: set[Decimal]) -> set[Decimal]:
        """Counts the statement writes in words ("Twelve companies") that the quote gives nowhere,
        neither in figures nor in words: as unproven as "12 companies". Left alone: "one" (as
        often "an"), a count after a definite word, which paraphrases the parties ("the two
        countries", "les deux pays"), and a noun the quote counts otherwise (``miscounted``)."""
        quoted_nouns = {noun for _n, noun, _w in counted(self.quote, self.language)}
        scales = {w.lower(): p for w, p in word_lists(language).scales.items()}
        out = set()
        for number, noun, _words, start in counts_in_words(statement, language):
            if number < 2 or noun in _NOT_NOUNS or noun in quoted_nouns or definite_count(statement, start, language):
                continue
            if number in allowed or number in self.scaled:
                continue
            if noun in scales and number.scaleb(scales[noun]).normalize() in self.scaled | self.numbers:
                continue  # "four billion" for "4,000 million"
            out.add(number)
        return out

    def misscaled(self, statement: str, language: str) -> list[tuple[str, str]]:
        """Figures the statement gives at another scale than the quote: "2 billion" where a French
        quote says "2 billions" (10^12) or an English one "2 million". Each as (the statement's
        words, the quote's). A quote that gives the number with no scale word leaves it open."""
        blank = _without(statement, date_spans(statement, language))
        out = []
        for number, quantity, words in scaled_figures(blank, language):
            if quantity in self.scaled or number not in self.numbers or number in self.unscaled:
                continue
            quoted = [w for n, _q, w in scaled_figures(self.quote, self.language) if n == number]
            found = (words.strip(), quoted[0] if quoted else format(number, "f"))
            if found not in out:
                out.append(found)
        return out

    def miscounted(self, statement: str, language: str) -> list[tuple[str, str]]:
        """Numbers the statement writes in words ("four agreements") where the quote counts the
        same thing otherwise ("three agreements", "3 agreements"): (the statement's words, the
        quote's). Words are read only against a count of the same noun: "the two countries" is
        no figure to prove."""
        out = []
        quoted = counted(self.quote, self.language)
        stated = counted(statement, language)
        for number, noun, words in counted(statement, language, spelled_only=True):
            # "one agreement" against "four agreements" narrows the count, unless the statement
            # gives the whole too ("three agreements, one on trade")
            one = number == 1 and _explicit_one(words, language) and not any(n != 1 and s == noun for n, s, _ in stated)
            if noun in _NOT_NOUNS or number == 1 and not one or number in self.numbers:
                continue  # "un accord" is as often "an agreement"; "of 5 ministers, two"
            same = [(n, w) for n, _noun, w in quoted if _noun == noun]
            if same and number not in {n for n, _w in same}:
                out.append((words, same[0][1]))
        return out

    def misranked(self, statement: str, language: str) -> list[tuple[str, str | None]]:
        """Places the statement gives otherwise than the quote: "third-largest" where the quote
        says "second-largest", "second-smallest" for "second-largest", "largest" for
        "second-largest", or a place the quote names nowhere, as a rank or otherwise ("ranks
        third", "No. 3"): (the statement's words, the quote's, or None)."""
        quoted = ranks_in(self.quote, self.language)
        blank = _without(statement, date_spans(statement, language))  # not "the twelfth of May"
        out: list[tuple[str, str | None]] = []
        for rank in ranks_in(blank, language):
            same = [q for q in quoted if q.what == rank.what]
            turned = [
                q
                for q in quoted
                if q.place == rank.place and q.what and rank.what and bottom_up(q.what) != bottom_up(rank.what)
            ]
            if turned and not any(q.place == rank.place for q in same):
                out.append((rank.words, turned[0].words))
            elif same and rank.place not in {q.place for q in same}:
                out.append((rank.words, "” and “".join(dict.fromkeys(q.words for q in same))))
            elif not same and rank.place not in places_in(self.quote, self.language):
                out.append((rank.words, None))
        # "largest" alone is the first place: not the quote's "second-largest", unless it says so too
        for q in quoted:
            if q.place > 1 and q.what and _bare(q.what, blank) and not _bare(q.what, self.quote):
                out.append((q.what, q.words))
        return out

    def _placed(self, statement: str, language: str) -> list[tuple[int, int]]:
        """Where the statement writes in digits a place that ``misranked`` holds to the quote, or
        that the quote names otherwise ("3rd round" for "third round"), or a name the quote
        writes glued ("COVID 19" for "COVID-19"): spans its figures leave out. Only digits the
        quote does not give as a figure: the rest are proven as figures."""
        places = places_in(self.quote, self.language)
        spans = [
            (r.start, r.end) for r in ranks_in(statement, language) if any(c.isdigit() for c in r.words)
        ]  # "2nd-largest"
        spans += [(a, b) for place, a, b in ordinal_digits(statement) if place in places]
        spans += [
            (a, b) for letters, digits, a, b in spaced_names(statement) if holds_glued(self.quote, letters, digits)
        ]
        return [(a, b) for a, b in spans if not numbers_in(statement[a:b]) <= self.numbers]

    def unglued(self, statement: str, language: str) -> list[str]:
        """Names with digits glued on ("top-10", "G7", "COVID-19") that the statement writes and
        the quote does not (joined as it likes: "top 10"): as unproven as a figure. A date is left
        to ``unproven_dates`` ("FY26", "Q1")."""
        blank = _without(statement, date_spans(statement, language))
        return [
            words
            for letters, digits, words in glued_in(blank, language)
            if not holds_glued(self.quote, letters, digits)
        ]

    def unproven_dates(self, statement: str, language: str, own: PartialDate | None = None) -> list[str]:
        """The dates the statement writes that this quote does not state (each as written).
        ``own``: the item's own date, which check proves apart (a fact's ``as_of``, a milestone's
        ``date``): words printed beside the figure, a label, say, may name it."""
        dated_by_article = bool(reporting_date(statement, self.published, language))
        mine = DateEvidence()
        if own is not None:
            mine.add(own.year, own.month, (own.day,) if own.day else ())
        out = []
        for start, end in date_spans(statement, language):
            words = statement[start:end]
            stated = evidence(words, None, language)
            if not _stated_in(stated, self.dates) and not (
                dated_by_article and self.published and stated.proves(self.published)
            ):
                if not (own is not None and _stated_in(stated, mine)):
                    out.append(words)
        return out


# Words after a number that count nothing ("two of them", "three more").
_NOT_NOUNS = {"of", "and", "or", "more", "less", "than", "per", "the", "who", "which", "for", "et", "des", "de"}


def _explicit_one(words: str, language: str) -> bool:
    """Whether "one" is a count, not the article: where the language has an article of its own
    ("a", "an": English), "one agreement" counts one; "un accord" may be "an agreement"."""
    table = number_words(language)
    return any(kind == "article" for kind, _value in table.values()) and table.get(words.split()[0].lower()) == (
        "unit",
        1,
    )


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _bare(superlative: str, text: str) -> bool:
    """Whether a text gives a superlative with no place before it ("the largest partner")."""
    for m in re.finditer(rf"(?<![\w-]){re.escape(superlative)}(?![\w-])", text, re.I):
        before = re.search(r"(\w+(?:-\w+)?)[-\s]+$", text[: m.start()])
        word = folded(before.group(1)) if before else ""
        if word not in ORDINALS and not re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", word):
            return True
    return False


def _scalings(number: Decimal) -> list[Decimal]:
    return [number.scaleb(p).normalize() for p in (3, 6, 9, 12)]


def _stated_in(stated: DateEvidence, quote: DateEvidence) -> bool:
    """Every date part the statement's words give is in the quote's evidence: each month it names
    (a month inside the quote's period is not: "March 2025" from "the first half of 2025"), and
    each period it names as the quote names it, or as months the quote names ("Q1 2025" from
    "January to March 2025", not from "the first half")."""
    if any(year not in quote.years for year in stated.years):
        return False
    for year, got in stated.months.items():
        named = stated.named_months.get(year, set())
        if got - named and not _same_period(got - named, year, quote):
            return False
        for month in named:
            days = stated.days.get((year, month), set())
            if year is None:  # "12 November": the quote names that month, and that day of it
                years = [y for y, ms in quote.named_months.items() if month in ms]
                if not years or days and not any(days <= quote.days.get((y, month), set()) for y in years):
                    return False
                continue
            for day in days or [None]:
                if not quote.proves(PartialDate(year, month, day)):
                    return False
    return True


def _same_period(months: set[int], year: int | None, quote: DateEvidence) -> bool:
    """A statement's period is in the quote: the months the quote names, or its own period."""
    loose = quote.named_months.get(None, set())  # "January, February and March 2025": two without a year
    for y in (year,) if year is not None else tuple(quote.months):
        every, named = quote.months.get(y, set()), quote.named_months.get(y, set())
        if months <= named | loose:
            return True
        # The quote's period, whole: "the first half (by the end of June)" names June besides.
        if every - named and every - named <= months <= every | loose:
            return True
    return False


# "Joint Commission to hold its first meeting in Nairobi", "Ruto to visit New Delhi": a plan, said
# the way headlines say it, as "… to be held in Nairobi" is. The words before "to" name who (no
# verb among them); the word after it is a verb's plain form, not a place or a determiner.
_HEADLINE_PLAN = re.compile(
    r"^(?P<who>(?:[\w’'.-]+\s+){1,8}?)(?P<words>to\s+(?!the\b|a\b|an\b|its\b|their\b|date\b)[a-z]+)\b"
)
_NOT_WHO = re.compile(
    r"\b(?:\w+ed|\w+ing|is|are|was|were|has|have|had|will|would|can|could|said|says|up|due|from|close|according)\b",
    re.I,
)


def _headline_plan(text: str, language: str) -> dict[str, str]:
    """The statement's plan when it is said as a headline says it ("X to hold …"), in English."""
    if language.split("-")[0] != "en":
        return {}
    m = _HEADLINE_PLAN.match(text)
    if not m or _NOT_WHO.search(m.group("who")) or any(ch.isdigit() for ch in m.group("who")):
        return {}
    if re.search(word_lists(language).past, text.lower()):
        return {}  # "Trade rose to record levels": a verb in the past, no headline
    return {"expected": m.group("words")}


def reported_done(item: Fact | Milestone, fact_file: FactFile) -> bool:
    """A cited quote reports the event as done: in the past tense, with no plan or mood in it."""
    for citation in item.citations:
        source = fact_file.sources.get(citation.source)
        language = (source.language if source else None) or fact_file.language
        quote = citation.quote
        if re.search(word_lists(language).past, quote.lower()) and not mood_classes(quote, language):
            return True
    return False


def _stated_dates(stated: DateEvidence, date: PartialDate) -> list[PartialDate]:
    """The dates near ``date`` that the quote does state, finest first: the one month (and day)
    it gives in that year, then the year ("2025-07 (or 2025)" for an as_of of 2025-06)."""
    out = []
    months_of_year = sorted(stated.months.get(date.year, set()) | stated.months.get(None, set()))
    if date.year in stated.years and date.month is not None and len(months_of_year) == 1:
        month = months_of_year[0]
        days = sorted(stated.days.get((date.year, month), set()) | stated.days.get((None, month), set()))
        if date.day is not None and len(days) == 1:
            out.append(PartialDate(date.year, month, days[0]))
        out.append(PartialDate(date.year, month))
    if date.year in stated.years:
        out.append(PartialDate(date.year))
    return [d for d in out if d != date and stated.proves(d)]


def proof_of(citation: Citation, quote: str, fact_file: FactFile) -> Proof:
    source = fact_file.sources.get(citation.source)
    published = source.published if source else None
    language = (source.language if source else None) or fact_file.language
    spelled, spelled_scaled = spelled_in(quote, language)  # "three agreements" proves "3 agreements"
    spelled |= {c.value for c in collectives(quote, language)}  # "une centaine" proves "environ 100"
    return Proof(
        citation,
        quote,
        numbers_in(quote, language) | spelled,
        scaled_in(quote, language) | spelled_scaled,
        evidence(quote, published, language),
        published,
        language,
        unscaled_in(quote, language),
    )


class MeaningChecks:
    """The meaning checks for one fact file; ``report`` adds a finding."""

    def __init__(self, fact_file: FactFile, report: Report, language: str | None = None) -> None:
        self.ff = fact_file
        self.report = report
        self.language = language or fact_file.language  # the statements' language

    def check(self, item: Fact | Milestone, what: str, proofs: list[Proof], translation: bool = False) -> None:
        """``proofs``: one per citation that verified, the main citation first (if it verified).
        A ``translation`` (the item with its translated words) is held to the same quotes by the
        checks that read the statement; what concerns the quotes alone is reported once."""
        main = proofs[0] if proofs and proofs[0].citation is item.citation else None
        self.check_relative_words(item, what)
        for proof in [] if translation else proofs:
            if proof.dates.unresolved:
                source = proof.citation.source
                self.report(
                    proof.citation.line,
                    f"{what}: the quote says “{proof.dates.unresolved[0]}”, but source '{source}' has no "
                    f"published date{' to the month' if self.ff.sources[source].published else ''} to tell when "
                    "that was (add published: to the source)",
                    ref=item.id,
                )
        self.check_notation(item, what, [] if translation else proofs)
        if main is None:
            return
        if not translation:
            self.check_dates(item, what, main)
        if isinstance(item, Fact):
            self.check_hedges(item, what, main)
        else:
            self.check_added_hedges(item, what, main)
        self.check_mood(item, what, proofs)
        self.check_negation(item, what, main)
        self.check_ranges(item, what, main)
        if not translation:
            self.check_staleness(item, what, main)
        self.check_corroboration(item, what, main, proofs[1:], translation)

    def check_notation(self, item: Fact | Milestone, what: str, proofs: list[Proof]) -> None:
        """A figure its text's language cannot read for sure ("1.25" in Vietnamese, where the
        point groups thousands) is read as the language reads it, and reported (a warning)."""
        texts = [("text", item.text, self.language)] + [("quote", p.quote, p.language) for p in proofs]
        for field, text, language in texts:
            for written in foreign_figures(text, language):
                self.report(
                    item.line,
                    f"{what}: “{written}” in {field} reads two ways; in {language} it is read as "
                    f"{show_numbers(numbers_in(written, language))} (write it as {language} does, or give "
                    "the source its language:)",
                    level="warning",
                    ref=item.id,
                )

    def check_staleness(self, item: Fact | Milestone, what: str, main: Proof) -> None:
        """A plan, a proposal or a present-tense claim from an article months before the brief is
        stale unless the statement says when it was so ("As of April 2025, …"): a warning."""
        if not isinstance(item, Fact) or main.published is None:
            return
        months_old = (
            (self.ff.as_of.year - main.published.year) * 12 + self.ff.as_of.month - (main.published.month or 12)
        )
        timely = mood_classes(main.quote, main.language) or item.status or item.watch
        if months_old < 3 or not timely or date_spans(item.text, self.language):
            return
        self.report(
            item.line,
            f"{what}: reported in {main.published}, {months_old} months before the brief, with no date in the "
            f"text; say when it was so (e.g. “As of {format_date(main.published, language=self.language)}, …”)",
            level="warning",
            ref=item.id,
        )

    # -- time ------------------------------------------------------------------------------------

    def check_relative_words(self, item: Fact | Milestone, what: str) -> None:
        """Statements never say "last year" or "in April": the page is read long after."""
        fields: list[tuple[str, str | None]] = [("text", item.text)]
        if isinstance(item, Fact):
            fields += [("label", item.label), ("unit", item.unit), ("note", item.note)]
        else:
            fields.append(("short", item.short))
        for field, words in fields:
            # A milestone's date is printed beside its text, so "27–29 April" may leave out the year.
            found = relative_words(words or "", self.language, months_need_years=isinstance(item, Fact))
            if found:
                self.report(
                    item.line,
                    f"{what}: “{found[0]}” in {field} only makes sense on the day it was written "
                    f"(write the date{self._suggest(item, found[0])})",
                    ref=item.id,
                )

    def _suggest(self, item: Fact | Milestone, words: str) -> str:
        source = self.ff.sources.get(item.citation.source)
        published = source.published if source else None
        language = (source.language if source else None) or self.language
        resolved = evidence(item.quote, published, language).resolved
        if resolved:
            said = [r for r in resolved if r.startswith("“")]
            parts = [f"the quote's {', '.join(said)}"] if said else []
            if len(said) < len(resolved) and published:
                parts.append(f"the quote speaks as of its article's date, {published}")
            return ": " + "; ".join(parts)
        if published:
            return f", as of the article's date, {published}"
        return ""

    def check_dates(self, item: Fact | Milestone, what: str, main: Proof) -> None:
        """A milestone's date and a fact's as_of are printed: every part must be in the quote."""
        date, field = (item.date, "date") if isinstance(item, Milestone) else (item.as_of, "as_of")
        if date is None or main.dates.proves(date):
            return
        if isinstance(item, Fact) and main.dates.ends_a_period(date):
            return  # a figure of "the first half of 2025" is as of 2025-06
        if date == main.published and reporting_date(item.text, main.published, self.language):
            return  # "As of April 2025 …": the statement is dated by its article
        hint = ""
        fits = _stated_dates(main.dates, date)
        if fits:
            hint = f"; write {field}: {fits[0]}" + (f" (or {', '.join(map(str, fits[1:]))})" if fits[1:] else "")
        self.report(
            item.line,
            f"{what}: {field} {date} is not stated in its quote (the quote states {main.dates.stated()}{hint})",
            ref=item.id,
        )

    # -- hedges and moods ----------------------------------------------------------------------

    def check_hedges(self, fact: Fact, what: str, main: Proof) -> None:
        """ "more than 2,000" stays "more than 2,000", in the statement and wherever the value prints."""
        text_numbers = numbers_in(fact.text, self.language) | spelled_in(fact.text, self.language)[0]
        text_numbers |= {c.value for c in collectives(fact.text, self.language)}
        for number in sorted(text_numbers):  # "Two hundred firms" drops "nearly" as "200 firms" does
            quoted = hedge_of(main.quote, number, main.language)
            if quoted is None or quoted[0] in (None, *LOOSE):
                continue
            stated = hedge_of(fact.text, number, self.language)
            if stated is None or stated[0] not in HEDGE_ACCEPTS.get(quoted[0], {quoted[0]}):
                self.report(
                    fact.line,
                    f"{what}: the quote says “{self._said(quoted[1], number, main.language)}”; the text must keep it "
                    f"(e.g. “{self._keep(quoted, main.language)} …”)",
                    ref=fact.id,
                )
        self.check_added_hedges(fact, what, main)
        if fact.value is None:
            if fact.qualifier or fact.status:
                self.report(fact.line, f"{what}: qualifier and status qualify a value; this fact has none", ref=fact.id)
            return
        value = as_decimal(fact.value)
        quoted = hedge_of(main.quote, value, main.language)
        if quoted is None:
            return  # the value is not in the quote at all: reported as such
        wanted = None if quoted[0] in LOOSE else quoted[0]
        # a translation keeps the file's qualifier where the file gives it no name in the language
        given = (
            hedge_class(fact.qualifier, self.language) or hedge_class(fact.qualifier, self.ff.language)
            if fact.qualifier
            else None
        )
        in_text = (hedge_of(fact.text, value, self.language) or (None, None))[0]
        if given and given == in_text:
            return  # the text's own hedge, checked against the quote above
        if fact.qualifier and given is None:
            self.report(
                fact.line,
                f"{what}: qualifier '{fact.qualifier}' is not a known qualifier "
                "(expected e.g. more than, over, nearly, about, around, up to, at least, less than)",
                ref=fact.id,
            )
        elif wanted and given not in HEDGE_ACCEPTS.get(wanted, {wanted}):
            self.report(
                fact.line,
                f"{what}: the quote says “{self._said(quoted[1], value, main.language)}”; add qualifier: "
                f"{self._keep(quoted, main.language).lower()} "
                "(tables print the value with it)",
                ref=fact.id,
            )
        elif given and not wanted and quoted[0] not in LOOSE:
            self.report(
                fact.line,
                f"{what}: qualifier '{fact.qualifier}', but the quote states {format_number(value, self.language)} without one",
                ref=fact.id,
            )

    def _said(self, words: str | None, number: Decimal, language: str) -> str:
        """A hedged figure as written: "More than 1,250", or a collective that holds its number
        ("une centaine")."""
        assert words is not None  # shown only for a hedge, which has its words
        return words if is_collective(words, language) else f"{words} {format_number(number, self.language)}"

    def _keep(self, quoted: tuple[str | None, str | None], language: str) -> str:
        """The words a statement keeps for a quote's hedge: the quote's, or for a collective
        ("une centaine") the statement's language's word for its class ("environ", "about")."""
        hedge, said = quoted
        if said and hedge and is_collective(said, language):
            return word_lists(self.language).hedges[hedge][0]
        return said or ""

    def check_added_hedges(self, fact: Fact | Milestone, what: str, main: Proof) -> None:
        """ "more than", "nearly", "up to", "at least" or "less than" a figure the quote states
        plainly changes what it says; "about" only softens it, and is allowed."""
        text = _without(fact.text, date_spans(fact.text, self.language))
        reported = set()
        for hedge in hedges_in(text, self.language):
            if hedge.hedge in (None, *SOFTENING) or hedge.ranged or hedge.number in reported:
                continue
            quoted = {h.hedge for h in hedges_in(main.quote, main.language) if h.number == hedge.number}
            if None not in quoted or any(hedge.hedge in HEDGE_ACCEPTS.get(q, {q}) for q in quoted if q):
                continue  # not in the quote (reported as such), or hedged there too
            reported.add(hedge.number)
            self.report(
                fact.line,
                f"{what}: the text says “{self._said(hedge.words, hedge.number, self.language)}”, but the quote "
                f"states {format_number(hedge.number, self.language)} without it (drop “{hedge.words}”, "
                "or quote the words that say it)",
                ref=fact.id,
            )

    def check_mood(self, item: Fact | Milestone, what: str, proofs: list[Proof]) -> None:
        """A plan stays a plan: if every quote reports the claim as expected, proposed or a goal,
        the statement says so too (and a value's ``status``), unless a quote reports it done."""
        anchor = self._anchor(item)
        moods_per_quote = [
            mood_classes(clause_of(p.quote, anchor, language=p.language) if anchor else p.quote, p.language)
            for p in proofs
        ]
        if not moods_per_quote or any(not m for m in moods_per_quote):
            moods: dict[str, str] = {}
        else:
            moods = moods_per_quote[0]
        stated = mood_classes(item.text, self.language) or _headline_plan(item.text, self.language)
        for mood, words in moods.items():
            if not set(stated) & MOOD_ACCEPTS.get(mood, {mood}):
                self.report(
                    item.line,
                    f"{what}: the quote reports it as {mood} (“{words}”); the text states it as done "
                    "(say so, or cite a source that reports it done)",
                    ref=item.id,
                )
        if isinstance(item, Fact) and item.value is not None:
            given = mood_class(item.status, self.language) if item.status else None
            if item.status and given is None:
                self.report(
                    item.line,
                    f"{what}: status '{item.status}' is not a known status "
                    "(expected e.g. expected, planned, proposed, under consideration, target)",
                    ref=item.id,
                )
            value = as_decimal(item.value)
            value_moods = moods_before(proofs[0].quote, value, proofs[0].language) if moods else {}
            for mood, words in value_moods.items():
                if given not in MOOD_ACCEPTS.get(mood, {mood}):
                    self.report(
                        item.line,
                        f"{what}: the quote gives the value as {mood} (“{words}”); add status: "
                        f"{status_for(mood, words)} (tables print the value with it)",
                        ref=item.id,
                    )
            if given and not moods_per_quote[0]:
                self.report(
                    item.line,
                    f"{what}: status '{item.status}', but the quote states the value as a fact",
                    ref=item.id,
                )
        self.check_tense(item, what, proofs, stated)

    def check_negation(self, item: Fact | Milestone, what: str, main: Proof) -> None:
        """ "did not sign" stays denied: a statement may neither drop the quote's negation nor add one."""
        anchor = self._anchor(item)
        quote = clause_of(main.quote, anchor, language=main.language) if anchor is not None else main.quote
        quoted, stated = negations_in(quote, main.language), negations_in(item.text, self.language)
        if quoted and not stated:
            self.report(
                item.line,
                f"{what}: the quote denies it (“{quoted[0]}”); the text states it as so (keep the negation)",
                ref=item.id,
            )
        elif stated and not negations_in(main.quote, main.language):
            self.report(
                item.line,
                f"{what}: the text says “{stated[0]}”, but the quote denies nothing (drop it, or quote the words that say it)",
                ref=item.id,
            )

    def check_ranges(self, item: Fact | Milestone, what: str, main: Proof) -> None:
        """ "10–15%" stays a range: a statement that prints one end alone ("15%") narrows it, unless
        it hedges that end as the range's bound ("up to 15%", "at least 10%")."""
        text = _without(item.text, date_spans(item.text, self.language))
        stated = numbers_in(text, self.language)
        hedged = {
            h.number for h in hedges_in(text, self.language) if h.hedge in ("up to", "at least", "about", "nearly")
        }
        for low, high, words in ranges_in(main.quote, main.language):
            ends = {low, high} & stated
            if len(ends) == 1 and not ends & hedged:
                (end,) = ends
                bound = "up to" if end == high else "at least"
                self.report(
                    item.line,
                    f"{what}: the quote gives the range “{words}”; the text prints {format_number(end, self.language)} "
                    f"alone (keep the range, or say “{word_lists(self.language).hedges[bound][0]} …”)",
                    ref=item.id,
                )

    def _anchor(self, item: Fact | Milestone) -> Decimal | None:
        if isinstance(item, Fact) and item.value is not None:
            return as_decimal(item.value)
        numbers = numbers_in(item.text, self.language)
        return min(numbers) if numbers else None

    def check_tense(self, item: Fact | Milestone, what: str, proofs: list[Proof], stated: dict[str, str]) -> None:
        """An event dated after every article that reports it can only be planned or expected."""
        date = item.date if isinstance(item, Milestone) else item.as_of
        if date is None or stated:
            return
        if isinstance(item, Fact) and any(self.ff.sources[p.citation.source].published is None for p in proofs):
            return  # a figure's period, not an event: an undated source tells nothing here
        published = [self.ff.sources[p.citation.source].published for p in proofs]
        if any(p is not None and p.end >= date.start for p in published):
            return  # a source written during or after it
        dated = [p for p in published if p is not None]
        if len(dated) == len(published):
            self.report(
                item.line,
                f"{what}: dated {date}, after every source that reports it (last published "
                f"{max(dated, key=lambda p: p.end)}); say it is planned or expected, or cite a later source",
                ref=item.id,
            )
        elif not self._settled(date, proofs):
            undated = next(p.citation.source for p, d in zip(proofs, published, strict=True) if d is None)
            self.report(
                item.line,
                f"{what}: source '{undated}' has no published date, so whether it reports {date} before or "
                "after the event cannot be told (add published:)",
                level="warning",
                ref=item.id,
            )

    def _settled(self, date: PartialDate, proofs: list[Proof]) -> bool:
        """Whether an undated source's report of a dated event can only be a report of it done: a
        quote in the past tense ("established", "đã"), or an event years before the brief (no
        article still plans what was due long ago). Only then would the warning change nothing."""
        if (self.ff.as_of - date.end).days > 2 * 365:
            return True
        return any(
            re.search(word_lists(p.language).past, p.quote.lower()) and not mood_classes(p.quote, p.language)
            for p in proofs
        )

    # -- corroboration -------------------------------------------------------------------------

    def check_corroboration(
        self, item: Fact | Milestone, what: str, main: Proof, also: list[Proof], translation: bool = False
    ) -> None:
        """Every further source proves the figures, its counts in words (and a milestone's date)
        on its own."""
        seen = {item.citation.source}
        for proof in also:
            source = proof.citation.source
            if source in seen and translation:
                continue  # reported for the original
            if source in seen:
                which = "the main citation" if source == item.citation.source else "another also"
                self.report(
                    proof.citation.line, f"{what}: also cites '{source}', the same source as {which}", ref=item.id
                )
                continue
            seen.add(source)
            missing = proof.unproven(item.text, self.language)
            if isinstance(item, Fact) and item.value is not None and as_decimal(item.value) not in proof.numbers:
                missing.add(as_decimal(item.value))
            for words, quoted in proof.miscounted(item.text, self.language):
                self.report(
                    proof.citation.line,
                    f"{what}: also from '{source}' counts “{quoted}”, not “{words}”",
                    ref=item.id,
                )
            for stated, quoted in self._other_hedges(item, proof):
                self.report(
                    proof.citation.line,
                    f"{what}: also from '{source}' says “{quoted}”, not “{stated}”",
                    ref=item.id,
                )
            for words, quoted in proof.misscaled(item.text, self.language):
                self.report(
                    proof.citation.line,
                    f"{what}: also from '{source}' gives the figure of “{words}” at another scale (“{quoted}”)",
                    ref=item.id,
                )
            for words in proof.unproven_dates(item.text, self.language):
                self.report(
                    proof.citation.line,
                    f"{what}: also from '{source}' does not state the date “{words}” "
                    f"(its quote states {proof.dates.stated()})",
                    ref=item.id,
                )
            # An also quote corroborates the figures it proves ("US$4.3 billion in 2024", not the
            # statement's growth rate): refused only when it proves none of them.
            figures = proof.allows(item.text, self.language) & (
                numbers_in(_without(item.text, date_spans(item.text, self.language)), self.language)
                | ({as_decimal(item.value)} if isinstance(item, Fact) and item.value is not None else set())
            )
            if missing and not (figures - missing):
                self.report(
                    proof.citation.line,
                    f"{what}: also from '{source}' does not prove {show_numbers(missing)} "
                    f"(its quote has: {show_numbers(proof.numbers)}); cite only sources that prove the figure",
                    ref=item.id,
                )
            if isinstance(item, Milestone) and not translation and not proof.dates.proves(item.date):
                self.report(
                    proof.citation.line,
                    f"{what}: also from '{source}' does not state the date {item.date} "
                    f"(its quote states {proof.dates.stated()})",
                    ref=item.id,
                )

    def _other_hedges(self, item: Fact | Milestone, proof: Proof) -> list[tuple[str, str]]:
        """The statement's hedges an also quote does not give: "More than 2,500" against "About
        2,500" or a plain "2,500". A plain or "about" figure is left to the main quote (sources
        round differently). Each as (the statement's words, the quote's)."""
        text = _without(item.text, date_spans(item.text, self.language))
        numbers = numbers_in(text, self.language) | spelled_in(text, self.language)[0]
        numbers |= {c.value for c in collectives(text, self.language)}
        ranged = {h.number for h in hedges_in(text, self.language) if h.ranged}
        out = []
        for number in sorted(numbers):
            quoted = hedge_of(proof.quote, number, proof.language)
            stated = hedge_of(text, number, self.language)
            if quoted is None or stated is None or number in ranged:
                continue
            if stated[0] in (None, *SOFTENING):
                continue  # a plain or softened figure: the main quote answers for its hedge
            if quoted[0] is None or stated[0] not in HEDGE_ACCEPTS.get(quoted[0], {quoted[0]}):
                shown = format_number(number, self.language)
                out.append(
                    (
                        self._said(stated[1], number, self.language) if stated[1] else shown,
                        self._said(quoted[1], number, proof.language) if quoted[1] else shown,
                    )
                )
        return out
