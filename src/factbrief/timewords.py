"""Dates in text: what a quote establishes, resolved against its article's date, and the relative
time words a statement must not print ("last year" is wrong on the page a month later).

A date in the fact file (a milestone's ``date``, a fact's ``as_of``) is proven by a quote when
every part of it is stated there: its year (written, or resolved from "last year", "this year",
"next June" and the like against the article's publication date), its month by name, and its day
next to that month. A month named without a year counts for the article's own year when it is
not later than the article's month (a "March" in an April article is this March).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .figures import mood_classes
from .model import PartialDate

MONTHS: dict[str, dict[str, int]] = {
    "en": {
        **{
            m: i
            for i, m in enumerate(
                "january february march april may june july august september october november december".split(), 1
            )
        },
        **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
        "sept": 9,
    },
}
# Parts of a year that name its months ("the first half of 2025" ends in June).
PERIODS: dict[str, dict[str, tuple[int, ...]]] = {
    "en": {
        "first half": (1, 2, 3, 4, 5, 6),
        "second half": (7, 8, 9, 10, 11, 12),
        "first quarter": (1, 2, 3),
        "second quarter": (4, 5, 6),
        "third quarter": (7, 8, 9),
        "fourth quarter": (10, 11, 12),
        "first three months": (1, 2, 3),
        "first six months": (1, 2, 3, 4, 5, 6),
        "first nine months": tuple(range(1, 10)),
        "q1": (1, 2, 3),
        "q2": (4, 5, 6),
        "q3": (7, 8, 9),
        "q4": (10, 11, 12),
        "h1": (1, 2, 3, 4, 5, 6),
        "h2": (7, 8, 9, 10, 11, 12),
    },
}
# Relative time: each phrase, and how many years it lies from the article's year.
RELATIVE_YEARS: dict[str, dict[str, int]] = {
    "en": {
        "last year": -1,
        "this year": 0,
        "next year": 1,
        "this spring": 0,
        "this summer": 0,
        "this autumn": 0,
        "this fall": 0,
        "this winter": 0,
    },
}
# Signs of the past tense, for a month named without a year: "-ed" verbs and common irregular ones.
_PAST_RE = {
    "en": r"\b(?:\w{3,}ed|met|took|was|were|had|began|held|made|saw|came|went|paid|said|gave|won|became|left|grew|rose|fell|led|told|brought|built|sent|spent|thought|found|kept)\b"
}
# Words that date a claim to the day it was written: the article's date stands for them.
PRESENT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("recently", "currently", "now", "at present", "today", "so far", "to date", "has now", "most recently"),
}
# Words that place a statement in time without a date: refused in statements.
RELATIVE_WORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "last year",
        "this year",
        "next year",
        "last month",
        "this month",
        "next month",
        "last week",
        "this week",
        "next week",
        "yesterday",
        "today",
        "tomorrow",
        "recently",
        "currently",
        "at present",
        "nowadays",
        "so far this year",
        "earlier this year",
        "later this year",
        "this spring",
        "this summer",
        "this autumn",
        "this fall",
        "this winter",
    ),
}


# Words that date something without digits ("In April this year", "last year"), in any language.
DATE_WORDS_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        sorted({w for t in (MONTHS, RELATIVE_YEARS) for lang in t.values() for w in lang}, key=len, reverse=True)
    )
    + r")(?![\w-])",
    re.I,
)


def _table(table: dict, language: str) -> dict:
    return table.get(language.split("-")[0], table["en"])


@dataclass
class DateEvidence:
    """What a text establishes about dates: years, and for each year the months and days."""

    years: set[int] = field(default_factory=set)
    months: dict[int | None, set[int]] = field(default_factory=dict)  # year (None: unknown) → months
    days: dict[tuple[int | None, int], set[int]] = field(default_factory=dict)  # (year, month) → days
    resolved: list[str] = field(default_factory=list)  # "last year = 2024", for messages
    unresolved: list[str] = field(default_factory=list)  # relative phrases no date could resolve

    def add(self, year: int | None, month: int | None = None, days: tuple[int, ...] = ()) -> None:
        if year is not None:
            self.years.add(year)
        if month is not None:
            self.months.setdefault(year, set()).add(month)
            if days:
                self.days.setdefault((year, month), set()).update(days)

    def proves(self, date: PartialDate) -> bool:
        """Every part of the date is stated: the year, the month (with that year or without one),
        the day next to that month."""
        if date.year not in self.years:
            return False
        if date.month is None:
            return True
        years = (date.year, None)
        if not any(date.month in self.months.get(y, ()) for y in years):
            return False
        if date.day is None:
            return True
        return any(date.day in self.days.get((y, date.month), ()) for y in years)

    def stated(self) -> str:
        """What the evidence holds, in words, for messages."""
        parts = []
        for year in sorted(self.years):
            months = sorted(self.months.get(year, set()))
            parts.append(f"{year}" + (f" (months {', '.join(map(str, months))})" if months else ""))
        loose = sorted(self.months.get(None, set()))
        if loose:
            parts.append(f"months {', '.join(map(str, loose))} without a year")
        return "; ".join(parts) or "no date"


def _month_re(language: str) -> str:
    names = sorted(_table(MONTHS, language), key=len, reverse=True)
    return r"(?P<month>" + "|".join(names) + r")\.?"


def evidence(text: str, published: PartialDate | None, language: str = "en") -> DateEvidence:
    """Every date a text states, relative ones resolved against the article's ``published`` date."""
    months = _table(MONTHS, language)
    month = _month_re(language)
    lowered = text.lower()
    found = DateEvidence()
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    def days_of(first: str | None, last: str | None) -> tuple[int, ...]:
        if not first:
            return ()
        a, b = int(first), int(last or first)
        return tuple(range(a, b + 1)) if 1 <= a <= b <= 31 else (a,)

    day = r"(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:[-–]|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    patterns = [
        rf"(?<!\d){day}\s+{month}(?:,?\s+(?P<year>\d{{4}}))?",  # 21 September 1973, 27–29 April
        rf"{month}\s+{day}(?!\d)(?:,?\s+(?P<year>\d{{4}}))?",  # September 21, 1973; April 27-29
        rf"{month},?\s+(?P<year>\d{{4}})",  # November 2023
        r"(?P<year>\d{4})-(?P<mnum>\d{2})(?:-(?P<d1>\d{2}))?",  # 2025-04-28
        rf"(?<![\w-]){month}(?![\w-])",  # April
    ]
    for m in re.finditer(rf"(?<![\w-])(?P<which>next|last|this)\s+{month}(?![\w-])", lowered):
        taken.append((m.start(), m.end()))
        _resolve_month_phrase(m, published, months, found)
    for pattern in patterns:
        for m in re.finditer(pattern, lowered):
            if not free(m):
                continue
            groups = m.groupdict()
            number = int(groups["mnum"]) if groups.get("mnum") else months.get(groups.get("month") or "")
            if number is None or not 1 <= number <= 12:
                continue
            if groups.get("month") == "may" and not groups.get("d1") and not groups.get("year"):
                continue  # "may" alone is a verb as often as a month
            year = int(groups["year"]) if groups.get("year") else None
            taken.append((m.start(), m.end()))
            found.add(year, number, days_of(groups.get("d1"), groups.get("d2")))
    for m in re.finditer(r"(?<![\d,.])(1[0-9]{3}|20[0-9]{2})(?!\d|[,.]\d)", lowered):
        found.add(int(m.group(1)))
    for phrase, months_of_period in _table(PERIODS, language).items():
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered):
            for year in list(found.years) or [None]:
                for number in months_of_period:
                    found.months.setdefault(year, set()).add(number)
    _resolve_relative(lowered, published, language, found)
    return found


def _resolve_month_phrase(
    m: re.Match[str], published: PartialDate | None, months: dict[str, int], found: DateEvidence
) -> None:
    """'next June', 'last March', 'this October' against the article's month."""
    month, phrase, which = months[m.group("month")], m.group(), m.group("which")
    if published is None or published.month is None:
        found.unresolved.append(phrase)
        return
    if which == "this":
        year = published.year
    elif which == "next":
        year = published.year + (0 if month > published.month else 1)
    else:
        year = published.year - (0 if month < published.month else 1)
    found.add(year, month)
    found.resolved.append(f"“{phrase}” = {year}-{month:02d}")


def _resolve_relative(lowered: str, published: PartialDate | None, language: str, found: DateEvidence) -> None:
    for phrase, offset in _table(RELATIVE_YEARS, language).items():
        if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", lowered):
            if published is None:
                found.unresolved.append(phrase)
                continue
            year = published.year + offset
            found.years.add(year)
            found.resolved.append(f"“{phrase}” = {year}")
            # Months written without a year belong to the year the phrase names ("in April this year").
            for month in found.months.pop(None, set()):
                found.months.setdefault(year, set()).add(month)
                for (y, mo), days in list(found.days.items()):
                    if y is None and mo == month:
                        found.days.setdefault((year, month), set()).update(days)
    # A month without a year is the nearest one in the quote's tense: ahead of the article if
    # the quote speaks of the future ("will commence in October" in September: this October;
    # "in March" then: next March), else behind it ("since taking office in October", in April:
    # last October).
    if published is not None and published.month is not None:
        ahead = "expected" in mood_classes(lowered, language)
        behind = not ahead and re.search(_PAST_RE.get(language.split("-")[0], _PAST_RE["en"]), lowered)
        for month in sorted(found.months.pop(None, set())):
            days = tuple(found.days.pop((None, month), ()))
            candidates = set()
            if not behind:  # the future, or a present that may be either ("talks resume in November")
                candidates.add(published.year + (0 if month >= published.month else 1))
            if not ahead:
                candidates.add(published.year - (0 if month <= published.month else 1))
            for year in candidates:
                found.add(year, month, days)
    # "Recently", "currently", "at present": the article's own date is the date of the claim.
    if published is not None and re.search(
        rf"(?<![\w-])(?:{'|'.join(_table(PRESENT_WORDS, language))})(?![\w-])", lowered
    ):
        found.add(published.year, published.month, (published.day,) if published.day else ())
        found.resolved.append(f"the article's date, {published}")


def reporting_date(text: str, published: PartialDate | None, language: str = "en") -> set[int]:
    """Numbers of the article's date where a statement dates itself by it: "as of April 2025",
    "reported in April 2025" (the date must be the article's, to its precision)."""
    if published is None:
        return set()
    year = str(published.year)
    when = year
    if published.month:
        names = "|".join(n for n, i in _table(MONTHS, language).items() if i == published.month)
        when = rf"(?:{names})\.?\s+{year}"
        if published.day:
            day = str(published.day)
            when = rf"(?:{day}\s+(?:{names})\.?\s+{year}|(?:{names})\.?\s+{day},?\s+{year})"
    if re.search(rf"(?<![\w-])(?:as of|as at|reported (?:in|on)|by)\s+{when}(?!\d)", text.lower()):
        return {published.year} | ({published.day} if published.day else set())
    return set()


def relative_words(text: str, language: str = "en", months_need_years: bool = True) -> list[str]:
    """Time words in a statement that only make sense on the day it was written: "last year",
    "recently", "next June", and (``months_need_years``) a month named without a year."""
    lowered = text.lower()
    out = [w for w in _table(RELATIVE_WORDS, language) if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", lowered)]
    out += [m.group() for m in re.finditer(rf"(?<![\w-])(?:next|last|this)\s+{_month_re(language)}(?![\w-])", lowered)]
    if months_need_years:
        year_follows = re.compile(r"\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:[-–]|to)\s*\d{1,2})?)?,?\s+\d{4}(?!\d)")
        for m in re.finditer(rf"(?<![\w-]){_month_re(language)}(?![\w-])", lowered):
            if m.group("month") == "may" and not re.match(r"\s+\d", lowered[m.end() :]):
                continue  # "may" is a verb unless a number follows
            if year_follows.match(lowered, m.end()) or re.search(r"\d{4}\s*$", lowered[: m.start()]):
                continue
            if not any(m.group("month") in w for w in out):
                out.append(m.group())
    return out
