"""Dates in text: what a quote establishes, resolved against its article's date, and the relative
time words a statement must not print ("last year" is wrong on the page a month later).

A date in the fact file (a milestone's ``date``, a fact's ``as_of``) is proven by a quote when
every part of it is stated there: its year (written, or resolved from "last year", "this year",
"next June" and the like against the article's publication date), its month by name, and its day
next to that month. A month named without a year is the nearest one in the quote's tense: ahead
of the article if the quote speaks of the future, behind it if of the past, either if it cannot
tell. Words are read in the text's language (lexicon.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from babel.dates import get_day_names

from factbrief.model import PartialDate
from factbrief.text.lexicon import may_is_month, months, words
from factbrief.text.locales import locale_for
from factbrief.text.numbers import CACHE_TEXTS, ORDINALS, compiled, mood_classes, spelled_numbers, word_re

# Words that come before a day or a year in dates ("ngày 21 tháng 9 năm 1973").
_DAY_PREFIX = {"vi": r"(?:ngày\s+)?", "fr": r"(?:le\s+)?"}
_YEAR_PREFIX = {"vi": r"(?:năm\s+)?", "es": r"(?:de\s+)?", "pt": r"(?:de\s+)?"}
_DAY_FIRST_NUMERIC = {"vi", "fr", "de", "es", "it", "pt"}  # 21/9/1973 is day/month/year
# A fiscal year written short: "FY26", "FY 2026", "FY'26".
_FISCAL_YEAR = re.compile(r"(?<![\w-])fy\s?'?(?P<year>\d{2}|\d{4})(?![\w-])")
# Before two days joined by "and", words that make them the ends of a range.
_BETWEEN = re.compile(r"\b(?:between|entre|zwischen|giữa)\s+(?:(?:the|le|les|el|los|ngày)\s+)?$")
# Where a month's name alone begins: not inside a word or after a hyphen ("Jean-Mar"), except
# after the prefixes that place a date within the month ("mid-December", "à la mi-décembre").
_MONTH_START = r"(?:(?<![\w-])|(?<=\bmid-)|(?<=\bearly-)|(?<=\blate-)|(?<=\bend-)|(?<=\bmi-))"


@dataclass
class DateEvidence:
    """What a text establishes about dates: years, and for each year the months and days."""

    years: set[int] = field(default_factory=set)
    months: dict[int | None, set[int]] = field(default_factory=dict)  # year (None: unknown) → months
    days: dict[tuple[int | None, int], set[int]] = field(default_factory=dict)  # (year, month) → days
    resolved: list[str] = field(default_factory=list)  # "“last year” = 2024", for messages
    unresolved: list[str] = field(default_factory=list)  # relative phrases no date could resolve
    spans: list[tuple[int, int]] = field(default_factory=list)  # where the text states dates
    # The months the text names itself, without its periods' ("in March" and not "in Q1"); None:
    # the text names no period, so every month is named.
    named: dict[int | None, set[int]] | None = None

    @property
    def named_months(self) -> dict[int | None, set[int]]:
        return self.months if self.named is None else self.named

    def add(self, year: int | None, month: int | None = None, days: tuple[int, ...] = ()) -> None:
        if year is not None:
            self.years.add(year)
        if month is not None:
            self.months.setdefault(year, set()).add(month)
            if days:
                self.days.setdefault((year, month), set()).update(days)

    def proves(self, date: PartialDate) -> bool:
        """Every part of the date is stated: the year, the month (with that year or without one,
        named: a period's months are not each stated, "in Q1 2025" says no "March 2025"), the day
        next to that month."""
        if date.year not in self.years:
            return False
        if date.month is None:
            return True
        years = (date.year, None)
        if not any(date.month in self.named_months.get(y, ()) for y in years):
            return False
        if date.day is None:
            return True
        return any(date.day in self.days.get((y, date.month), ()) for y in years)

    def ends_a_period(self, date: PartialDate) -> bool:
        """Whether the date is a month that ends a period the text names ("the first half of
        2025" ends in 2025-06): a figure of that period is as of it."""
        if date.year not in self.years or date.month is None or date.day is not None:
            return False
        periods = set().union(*(self.months.get(y, set()) - self.named_months.get(y, set()) for y in (date.year, None)))
        return date.month in periods and date.month + 1 not in periods

    def stated(self) -> str:
        """What the evidence holds, in words, for messages."""
        parts = []
        for year in sorted(self.years):
            got = sorted(self.months.get(year, set()))
            parts.append(f"{year}" + (f" ({', '.join(calendar.month_name[m] for m in got)})" if got else ""))
        loose = sorted(self.months.get(None, set()))
        if loose:
            parts.append(f"{', '.join(calendar.month_name[m] for m in loose)} without a year")
        return "; ".join(parts) or "no date"


def _lang(language: str) -> str:
    return language.split("-")[0]


@cache
def month_re(language: str) -> str:
    names = sorted(months(language), key=len, reverse=True)
    return r"(?P<month>" + "|".join(re.escape(n) for n in names) + r")\.?(?![\w])"


def _day_number(day: str) -> int:
    """A day as written: "12" or, in English, "twelfth"."""
    return int(day) if day.isdigit() else ORDINALS[day.lower()]


@cache
def _patterns(language: str) -> list[re.Pattern[str]]:
    month = month_re(language)
    lang = _lang(language)
    number = r"\d{1,2}"
    if lang == "en":
        number = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"|\d{1,2})"
    day = (
        _DAY_PREFIX.get(lang, "")
        # "27–29 April", "du 27 au 29", "del 27 al 29 de abril", "27. bis 29. April"
        + rf"(?P<d1>{number})(?:st|nd|rd|th|er|\.)?(?:\s*(?:[-–]|to|au|đến|al|bis|(?P<both>and|et|und|y|và))\s*(?:ngày\s+|le\s+)?(?P<d2>{number})(?:st|nd|rd|th|\.)?)?"
    )
    year = r"(?:,?\s+" + _YEAR_PREFIX.get(lang, "") + r"(?P<year>\d{4}))"
    found = [
        rf"(?<!\d){day}\s+(?:de\s+|of\s+)?{month}{year}?",  # 21 September 1973, 27–29 April, the 21st of September, ngày 21 tháng 9 năm 1973
        rf"{month}\s+{day}(?!\d){year}?",  # September 21, 1973; April 27-29
        rf"{month}{year}",  # November 2023, tháng 9 năm 2025
        rf"{month}\s*/\s*(?P<year>\d{{4}})",  # tháng 4/2025
        r"(?P<year>\d{4})-(?P<mnum>\d{2})(?:-(?P<d1>\d{2}))?(?!\d)",  # 2025-04-28
    ]
    if lang in _DAY_FIRST_NUMERIC:
        found.append(r"(?<![\d/])(?P<d1>\d{1,2})/(?P<mnum>\d{1,2})/(?P<year>\d{4})(?!\d)")  # 21/9/1973
    if lang == "de":
        found.append(r"(?<![\d.])(?P<d1>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>\d{4})(?!\d)")  # 21.9.1973
    if lang == "vi":  # ngày 21/9, ngày 21-9-1973: after "ngày" (day), a day and its month
        found.append(r"(?<=ngày )(?P<d1>\d{1,2})([/-])(?P<mnum>\d{1,2})(?:\2(?P<year>\d{4}))?(?![\d/-])")
    found.append(rf"{_MONTH_START}{month}")  # April, mid-April
    return [re.compile(p) for p in found]


def _phrase(words_: Iterable[str]) -> str:
    return _phrase_of(tuple(words_))


@cache
def _phrase_of(words_: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words_, key=len, reverse=True))


def evidence(text: str, published: PartialDate | None, language: str = "en") -> DateEvidence:
    """Every date a text states, relative ones resolved against the article's ``published`` date.

    Each text is read once: the checks ask again and again of the same statement and quote. The
    result is shared, so it is read, never changed."""
    return _evidence(text, published, language)


@lru_cache(maxsize=CACHE_TEXTS)
def _evidence(text: str, published: PartialDate | None, language: str, periods_too: bool = True) -> DateEvidence:
    names = months(language)
    lexicon = words(language)
    lowered = text.lower()
    found = DateEvidence()
    taken = found.spans

    def free(m: re.Match[str]) -> bool:
        return not any(a < m.end() and m.start() < b for a, b in taken)

    def days_of(first: str | None, last: str | None, both: bool = False) -> tuple[int, ...]:
        if not first:
            return ()
        if both and last:  # "12 and 13 November", "les 12 et 14": those days, not those between
            return (_day_number(first), _day_number(last))
        a, b = _day_number(first), _day_number(last or first)
        return tuple(range(a, b + 1)) if 1 <= a <= b <= 31 else (a,)

    cased = text if len(text) == len(lowered) else lowered  # "May" (the month) and "may" (the verb)
    for m in _relative_months(lowered, language):
        if m.group("month") == "may" and _lang(language) == "en" and not may_is_month(cased, *m.span("month")):
            continue  # "this may change"
        taken.append(m.span())
        _resolve_month_phrase(m, published, names, lexicon.next_last_this, found)
    named = names_a_month(lowered, language)
    for pattern in _patterns(language):
        if not named and "month" in pattern.groupindex:
            continue  # a pattern that needs a month's name, in a text that names none
        for m in pattern.finditer(lowered):
            if not free(m):
                continue
            groups = m.groupdict()
            number = int(groups["mnum"]) if groups.get("mnum") else names.get(groups.get("month") or "")
            if number is None or not 1 <= number <= 12:
                continue
            if groups.get("d1") and not groups["d1"].isdigit() and groups.get("month") in ("may", "march"):
                if not groups.get("year") and m.start("month") < m.start("d1"):
                    continue  # "we may first ask", "they march second": verbs, unless a year follows
            if groups.get("month") == "may" and not groups.get("d1") and not groups.get("year"):
                if not may_is_month(cased, m.start("month"), m.end("month")):
                    continue  # "may" alone is a verb as often as a month
            year = int(groups["year"]) if groups.get("year") else None
            taken.append(m.span())
            listed = bool(groups.get("both")) and not _BETWEEN.search(lowered, 0, m.start())  # "between 12 and 14"
            found.add(year, number, days_of(groups.get("d1"), groups.get("d2"), listed))
    for m in re.finditer(r"(?<![\d,.])(1[0-9]{3}|20[0-9]{2})(?!\d|[,.]\d)", lowered):
        found.add(int(m.group(1)))
        if free(m):
            taken.append(m.span())
    for m in _FISCAL_YEAR.finditer(lowered):  # "FY26", "FY 2026": the year it is named by
        digits = m.group("year")
        found.add(int(digits) if len(digits) == 4 else 2000 + int(digits))
        if free(m):
            taken.append(m.span())
    periods: list[tuple[int, int]] = []
    for phrase, months_of_period in lexicon.periods.items() if periods_too else ():
        if phrase.lower() in lowered and word_re(phrase.lower()).search(lowered):
            years: list[int | None] = [*found.years] or [None]
            for year in years:
                for number in months_of_period:
                    found.months.setdefault(year, set()).add(number)
            periods += [m.span() for m in word_re(phrase.lower()).finditer(lowered)]
    _resolve_relative(lowered, published, language, found, cased)
    # A period is a date a statement writes ("in Q1 2025", "in the first half"): its months are
    # held to the quote like a month's name.
    for start, end in sorted(periods):
        if not any(a < end and start < b for a, b in taken):
            taken.append((start, end))
    if periods:  # the months named apart from the periods, read (and resolved) the same way
        found.named = _evidence(text, published, language, False).months
    return found


def names_a_month(lowered: str, language: str) -> bool:
    """Whether a month's name stands anywhere in the (lower-case) text as every date pattern reads
    it: one scan instead of one per pattern, most texts naming no month."""
    return compiled(month_re(language)).search(lowered) is not None


def _agos(lowered: str, language: str) -> list[re.Match[str]]:
    """'two years ago', 'il y a 3 mois' in the (lower-case) text: none without one of the units."""
    lexicon = words(language)
    if not lexicon.ago or not any(unit.lower() in lowered for unit in lexicon.ago_units):
        return []
    return list(compiled(rf"(?<![\w-]){lexicon.ago}(?![\w-])").finditer(lowered))


def _relative_months(lowered: str, language: str):
    """'next June' (English puts the word first), 'juin prochain', 'tháng 6 tới' (after)."""
    if not names_a_month(lowered, language):
        return
    lexicon = words(language)
    which = _phrase(lexicon.next_last_this)
    month = month_re(language)
    if lexicon.after_month:
        yield from compiled(rf"(?P<which>){month}\s+(?P<after>{which})(?![\w-])").finditer(lowered)
    else:
        yield from compiled(rf"(?<![\w-])(?P<which>{which})\s+{month}(?P<after>)").finditer(lowered)


def _resolve_month_phrase(
    m: re.Match[str],
    published: PartialDate | None,
    names: dict[str, int],
    next_last_this: tuple[str, str, str],
    found: DateEvidence,
) -> None:
    """'next June', 'last March', 'this October' against the article's month."""
    month, phrase = names[m.group("month").rstrip(".")], m.group()
    which = (m.group("which") or m.group("after")).lower()
    if published is None or published.month is None:
        found.unresolved.append(phrase)
        return
    nxt, last, _this = next_last_this
    if which == nxt:
        year = published.year + (0 if month > published.month else 1)
    elif which == last:
        year = published.year - (0 if month < published.month else 1)
    else:
        year = published.year
    found.add(year, month)
    found.resolved.append(f"“{phrase}” = {year}-{month:02d}")


def _resolve_ago(agos: list[re.Match[str]], published: PartialDate | None, language: str, found: DateEvidence) -> None:
    """'Two years ago', 'il y a 3 mois', '2 năm trước' (``agos``, found by ``_agos``): so many years
    or months before the article."""
    lexicon = words(language)
    for m in agos:
        number = m.group("n")
        spelled = spelled_numbers(number, language)
        if number.isdigit():
            count = int(number)
        elif number in ("a", "an", "un", "une"):
            count = 1
        elif len(spelled) == 1 and (spelled[0].start, spelled[0].end) == (0, len(number)):
            count = int(spelled[0].value)
        else:
            continue
        months_back = count * lexicon.ago_units[m.group("unit")]
        if published is None or (months_back % 12 and published.month is None):
            found.unresolved.append(m.group())
            continue
        if months_back % 12 == 0:
            year, month = published.year - months_back // 12, None
        else:
            assert published.month is not None  # a count of months back needs the month (above)
            index = published.year * 12 + published.month - 1 - months_back
            year, month = index // 12, index % 12 + 1
        found.add(year, month)
        found.resolved.append(f"“{m.group()}” = {year}" + (f"-{month:02d}" if month else ""))


def _resolve_weekdays(
    lowered: str, published: PartialDate | None, language: str, found: DateEvidence, cased: str = ""
) -> None:
    """ "on Monday", "last Tuesday", "mardi prochain" in an article dated to the day: the weekday
    before its date (or the day itself), the one after it for a plan ("will meet on Monday") or
    with "next". An article dated only to the month cannot tell which day it was."""
    lexicon = words(language)
    if not lexicon.weekdays or published is None or published.day is None:
        return
    day = published.start
    nxt, last, _this = lexicon.next_last_this
    ahead = "expected" in mood_classes(cased or lowered, language)
    for weekday, names in weekday_names(language).items():
        for name in names:
            for m in compiled(rf"(?<![\w-]){re.escape(name)}(?![\w-])").finditer(lowered):
                around = lowered[max(0, m.start() - 12) : m.end() + 12]
                said_next = bool(re.search(rf"(?<![\w-]){re.escape(nxt)}(?![\w-])", around))
                forward = said_next or ahead
                backward = bool(re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", around))
                delta = (weekday - day.weekday()) % 7 if forward and not backward else -((day.weekday() - weekday) % 7)
                if backward and delta == 0:
                    delta = -7
                elif said_next and not backward and delta == 0:  # "next Friday" on a Friday: a week on
                    delta = 7
                when = day + dt.timedelta(days=delta)
                found.add(when.year, when.month, (when.day,))
                found.resolved.append(f"“{m.group()}” = {when.isoformat()}")


@cache
def weekday_names(language: str) -> dict[int, tuple[str, ...]]:
    """Weekday (0 is Monday) → its names in a language, lower-case, from Babel's locale data."""
    locale = locale_for(language)
    out: dict[int, set[str]] = {}
    for context in ("format", "stand-alone"):
        for number, name in get_day_names("wide", context, locale=locale).items():
            out.setdefault(number, set()).add(name.lower())
    return {n: tuple(sorted(names, key=len, reverse=True)) for n, names in out.items()}


@cache
def _weekday_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A weekday's name anywhere, and one just before a date (past a comma, "the", "le", …)."""
    names = "|".join(re.escape(n) for ns in weekday_names(language).values() for n in ns)
    return (
        re.compile(rf"(?<!\w)(?:{names})(?!\w)"),
        re.compile(rf"(?<!\w)(?P<day>{names})[,\s]*(?:the\s+|le\s+|el\s+|den\s+|ngày\s+)?$"),
    )


def wrong_weekdays(text: str, language: str = "en") -> list[tuple[str, str]]:
    """Weekdays named with a whole date that falls on another day ("Monday, 16 September 2025",
    a Tuesday): each as (the words, the weekday the date falls on)."""
    lowered = text.lower()
    names = weekday_names(language)
    anywhere, before = _weekday_patterns(language)
    if not anywhere.search(lowered):
        return []
    out = []
    for start, end in evidence(text, None, language).spans:
        said = before.search(lowered, 0, start)
        stated = evidence(text[start:end], None, language)
        whole = [(y, m, d) for (y, m), ds in stated.days.items() if y is not None for d in ds]
        if not said or len(whole) != 1:
            continue
        try:
            weekday = dt.date(*whole[0]).weekday()
        except ValueError:
            continue  # 31 February: no day at all (check_dates says so)
        if said.group("day") not in names.get(weekday, ()):
            out.append((text[said.start() : end], names[weekday][-1]))
    return out


def _resolve_relative(
    lowered: str, published: PartialDate | None, language: str, found: DateEvidence, cased: str = ""
) -> None:
    lexicon = words(language)
    agos = _agos(lowered, language)
    _resolve_ago(agos, published, language, found)
    _resolve_weekdays(lowered, published, language, found, cased)
    # "năm trước" alone is last year; "2 năm trước" is two years ago (read above)
    unago = lowered
    for m in agos:
        unago = unago[: m.start()] + " " * (m.end() - m.start()) + unago[m.end() :]
    # "năm tới" is next year; "5 năm tới" the next five years, no one year ("tháng 5 năm tới" is May)
    counted = r"(?:(?<!\d )|(?<=tháng \d )|(?<=tháng \d\d ))" if _lang(language) == "vi" else ""
    for phrase, offset in lexicon.relative_years.items():
        if phrase in unago and compiled(rf"(?<![\w-]){counted}{re.escape(phrase)}(?![\w-])").search(unago):
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
    for phrase, offset in lexicon.relative_months.items():
        # "tháng tới" alone is next month; "3 tháng tới" is the next three months.
        if phrase in lowered and compiled(rf"(?<![\w-])(?<!\d )(?<!\d){re.escape(phrase)}(?![\w-])").search(lowered):
            if published is None or published.month is None:
                found.unresolved.append(phrase)
                continue
            index = published.year * 12 + published.month - 1 + offset
            found.add(index // 12, index % 12 + 1)
            found.resolved.append(f"“{phrase}” = {index // 12}-{index % 12 + 1:02d}")
    if published is not None and published.month is not None:
        # "will", and "may", "could": what may happen in May is this May or next, not last
        ahead = "expected" in mood_classes(cased or lowered, language) or bool(
            lexicon.may and compiled(rf"(?<![\w-])(?:{_phrase(lexicon.may)})(?![\w-])").search(cased or lowered)
        )
        behind = not ahead and re.search(lexicon.past, lowered)
        for month in sorted(found.months.pop(None, set())):
            month_days = tuple(found.days.pop((None, month), ()))
            candidates = set()
            if not behind:  # the future, or a present that may be either ("talks resume in November")
                candidates.add(published.year + (0 if month >= published.month else 1))
            if not ahead:
                candidates.add(published.year - (0 if month <= published.month else 1))
            for year in candidates:
                found.add(year, month, month_days)
    # "Recently", "currently", "at present": the article's own date is the date of the claim.
    if published is not None and compiled(rf"(?<![\w-])(?:{_phrase(lexicon.present_words)})(?![\w-])").search(lowered):
        found.add(published.year, published.month, (published.day,) if published.day else ())
        found.resolved.append(f"the article's date, {published}")


def reporting_date(text: str, published: PartialDate | None, language: str = "en") -> set[int]:
    """Numbers of the article's date where a statement dates itself by it: "as of April 2025",
    "reported in April 2025" (the date must be the article's, to its precision)."""
    if published is None:
        return set()
    lowered = text.lower()
    frame = (
        r"(?<![\w-])(?:(?:as of|as at|reported (?:in|on)|by|en date d[eu]|au|tính đến|đến|a|stand)\s+|en date d['’]\s*)"
    )
    for m in re.finditer(frame, lowered):
        stated = evidence(lowered[m.end() : m.end() + 40], None, language)
        first = min(stated.spans, default=None)
        if first is None or first[0] > 4:
            continue
        if stated.proves(published) and _precision(stated) == _precision_of(published):
            return {published.year} | ({published.day} if published.day else set())
    return set()


def _precision(found: DateEvidence) -> int:
    return 2 if found.days else 1 if any(found.months.values()) else 0


def _precision_of(date: PartialDate) -> int:
    return 2 if date.day else 1 if date.month else 0


def relative_words(text: str, language: str = "en", months_need_years: bool = True) -> list[str]:
    """Time words in a statement that only make sense on the day it was written: "last year",
    "recently", "next June", and (``months_need_years``) a month named without a year."""
    lowered = text.lower()
    lexicon = words(language)
    anyone = compiled(rf"(?<![\w-])(?:{_phrase(lexicon.relative_words)})(?![\w-])")
    out = [w for w in lexicon.relative_words if word_re(w).search(lowered)] if anyone.search(lowered) else []
    out = [w for w in out if not _dated_day(w, lowered, language)]
    out += [m.group() for m in _agos(lowered, language)]
    out += [
        m.group()
        for m in _relative_months(lowered, language)
        if m.group("month") != "may" or len(text) != len(lowered) or may_is_month(text, *m.span("month"))
    ]
    if months_need_years:
        found = evidence(text, None, language)
        loose = found.months.get(None, set())
        if loose:
            names = months(language)
            for m in compiled(rf"{_MONTH_START}{month_re(language)}").finditer(lowered):
                if names.get(m.group("month").rstrip(".")) in loose and not any(m.group("month") in w for w in out):
                    if m.group("month") == "may" and not may_is_month(text, *m.span("month")):
                        continue  # "may" is a verb unless it reads as the month
                    out.append(m.group())
                    break
    return out


def _dated_day(phrase: str, lowered: str, language: str) -> bool:
    """ "on Tuesday, 16 September 2025": a day named with its date, wherever the phrase stands
    (only "on" and a word, a weekday's way: "on Tuesday" alone needs the day it was written)."""
    if not phrase.startswith("on ") or len(phrase.split()) != 2:
        return False
    spans = {start for start, _end in evidence(lowered, None, language).spans}
    ends = [m.end() for m in word_re(phrase).finditer(lowered)]
    return bool(ends) and all(_after_gap(lowered, end) in spans for end in ends)


_DATE_AFTER = re.compile(r"[,\s]*(?:the\s+)?")


def _after_gap(lowered: str, end: int) -> int:
    """Where the next words begin after ``end``, past a comma, spaces and "the"."""
    gap = _DATE_AFTER.match(lowered, end)
    return gap.end() if gap else end


def date_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Where a statement writes dates: their numbers are checked as dates, not as figures."""
    return evidence(text, None, language).spans


def stated_dates(text: str, language: str = "en") -> list[PartialDate]:
    """The whole dates a text writes (day, month and year: "3 July 2025", "July 3, 2025",
    "2025-07-03", "ngày 3 tháng 7 năm 2025"), in the order they appear; no year or day is guessed."""
    names = months(language)
    found: list[tuple[int, PartialDate]] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    for pattern in _patterns(language)[:5]:  # the patterns that can hold a day and a year
        for m in pattern.finditer(lowered):
            groups = m.groupdict()
            if any(a < m.end() and m.start() < b for a, b in taken) or not groups.get("year") or not groups.get("d1"):
                continue
            number = int(groups["mnum"]) if groups.get("mnum") else names.get(groups.get("month") or "")
            try:
                date = PartialDate.parse(f"{int(groups['year']):04d}-{number or 0:02d}-{_day_number(groups['d1']):02d}")
            except ValueError:
                continue
            taken.append(m.span())
            found.append((m.start(), date))
    return [date for _, date in sorted(found, key=lambda item: item[0])]


def parse_age(text: str) -> int:
    """'400d', '18m' or '2y' → days. The unit is required: a bare '2' could mean anything."""
    m = re.fullmatch(r"(\d{1,5})\s*([dmy])", text.strip().lower())
    if not m:
        raise ValueError(f"'{text}' is not an age (expected a number and a unit: 400d, 18m or 2y)")
    return int(m.group(1)) * {"d": 1, "m": 30, "y": 365}[m.group(2)]
