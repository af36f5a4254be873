"""The words and notations the verifier reads, per language: how numbers are written, which words
hedge a figure or give a claim its mood, and how dates and relative time are said.

The word lists are data: one file per language beside this module (en.yaml, fr.yaml, vi.yaml,
es.yaml, de.yaml), which an office extends with files of its own in a folder named by
``FACTBRIEF_WORDS``. Every language Babel knows adds CLDR's relative-date words ("el año
pasado", "letzte Woche") and reads numbers and month names from Babel's locale data; numbers in
words come from the lists, else from ``text2num`` (numbers.py). A language with no file of its
own reads the English lists. Statements are read in the fact file's language, quotes in their
source's.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from babel import Locale
from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol, list_currencies

from factbrief.errors import InputError, Problem
from factbrief.files import MAX_TEMPLATE_BYTES, InputFileError, read_input
from factbrief.text.locales import locale_for

_SPACES = (" ", "\u00a0", "\u202f")
# libyaml's safe loader where PyYAML has it (seventy times faster than PyYAML's own: every command
# reads the English lists as it starts), else PyYAML's; both read the same data.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Words:
    """The word lists of one language."""

    hedges: dict[str, tuple[str, ...]]  # hedge class → phrases ("more than" → "over", …)
    moods: dict[str, tuple[str, ...]]  # mood class → phrases ("expected" → "will", …)
    not_moods: tuple[str, ...]  # phrases holding a mood word without the mood ("would like")
    relative_years: dict[str, int]  # phrase → years from the article's year ("last year" → -1)
    relative_words: tuple[str, ...]  # time words refused in statements
    present_words: tuple[str, ...]  # words that date a claim to its article ("currently")
    next_last_this: tuple[str, str, str]  # the words with a month: "next June", "last March", "this May"
    after_month: bool  # where they stand: "juin prochain", "tháng 6 tới" (English puts them first)
    past: str  # a regular expression for signs of the past tense
    periods: dict[str, tuple[int, ...]]  # parts of a year → their months ("first half" → 1–6)
    scales: dict[str, int]  # scale words → powers of ten ("billion" → 9)
    extra_months: dict[str, int]  # month names Babel lacks ("sept")
    engagement: tuple[str, ...] = ("visit", "high-level", "summit", "engagement", "talks")  # topics of visits
    # phrase → months from the article's month ("next month" → 1)
    relative_months: dict[str, int] = field(default_factory=dict)
    future: str = ""  # a regular expression for verbs in the future tense ("signera"), which report a plan
    # "two years ago", "il y a 3 mois", "2 năm trước": a pattern with groups n (a number) and unit,
    # and each unit's length in months
    ago: str = ""
    ago_units: dict[str, int] = field(default_factory=dict)
    may: tuple[str, ...] = ()  # modal verbs that look ahead ("may be announced in May": this May or next)
    # Scales written glued to a figure: "€2.5m", "$3bn", "5k". Only glued ("5 m" is five metres),
    # and lower case but after a currency ("$3B", "€2M"): "3M" is a name.
    glued_scales: dict[str, int] = field(default_factory=dict)
    # Words that make a date a bound, not the period a figure refers to: "by 2030", "since 2015".
    bounds: tuple[str, ...] = ()
    definite: tuple[str, ...] = ()  # words before a count that name parties ("los dos países"): see numbers.py
    negations: tuple[str, ...] = ()  # words that deny a claim ("not", "n'a pas", "chưa")
    quotation: tuple[str, ...] = ("“", "”")  # the marks a quotation is printed between
    colon: str = ":"  # a colon as the language prints it (French: a no-break space before it)
    weekdays: bool = True  # whether weekday names in quotes are read as days ("thứ hai" is also "second")
    not_negations: tuple[str, ...] = ()  # phrases holding a negation word that deny nothing ("not only")
    # negations in two parts ("ne … pas"): the first part counts only with a second after it
    negation_ends: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Ranks outside English: a pattern with a group place, "{ordinals}" standing for the
    # ordinal words, and each word's place ("troisième" → 3). English ranks are read in numbers.py.
    rank: str = ""
    ordinals: dict[str, int] = field(default_factory=dict)


# The fields of a word list that are tuples, and those that are mappings of phrases to tuples.
_TUPLES: tuple[str, ...] = ("not_moods", "relative_words", "present_words", "next_last_this", "engagement", "may")
_TUPLES += ("bounds", "negations", "quotation", "not_negations", "definite")
_MAPS_OF_TUPLES = ("hedges", "moods", "periods", "negation_ends")
_NUMBER_KINDS = ("unit", "tens", "hundred", "thousand", "article", "joiner")
_PATTERNS = ("past", "future", "ago", "rank")  # regular expressions, checked as an office's file is read
WORDS_ENV = "FACTBRIEF_WORDS"  # folders (os.pathsep between) of an office's LANG.yaml word lists


def _builtin(language: str) -> dict[str, Any] | None:
    path = resources.files("factbrief.text.lexicon") / f"{language}.yaml"
    if not path.is_file():
        return None
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def _office_files(language: str) -> list[Path]:
    folders = [Path(p) for p in os.environ.get(WORDS_ENV, "").split(os.pathsep) if p]
    return [f / f"{language}.yaml" for f in folders if (f / f"{language}.yaml").is_file()]


def _read_office(path: Path) -> dict[str, Any]:
    """An office's word list: the keys of the built-in files, each of its type."""
    try:
        data = yaml.load(read_input(path, MAX_TEMPLATE_BYTES).decode("utf-8"), Loader=_LOADER) or {}
    except (InputFileError, UnicodeDecodeError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(Problem(str(path), None if line is None else line + 1, f"not a word list: {exc}")) from None
    if not isinstance(data, dict):
        raise InputError(Problem(str(path), 1, "a word list is a mapping (hedges:, moods:, …)"))
    known = {f.name for f in dataclasses.fields(Words)} | {"number_words"}
    for key, value in data.items():
        if key not in known:
            raise InputError(
                Problem(str(path), None, f"unknown key '{key}' (expected one of: {', '.join(sorted(known))})")
            )
        if key in _PATTERNS:  # (ordinals of unequal length: a pattern must take any of them)
            pattern = str(value).replace("{ordinals}", "(?:ab|c)")
            try:
                groups = re.compile(pattern).groupindex
            except re.error as exc:
                raise InputError(Problem(str(path), None, f"{key}: not a regular expression ({exc})")) from None
            if key == "rank" and "place" not in groups:
                raise InputError(Problem(str(path), None, "rank: the pattern needs a group (?P<place>{ordinals})"))
        if key == "ordinals" and not (
            isinstance(value, dict)
            and all(isinstance(w, str) and isinstance(n, int) and not isinstance(n, bool) for w, n in value.items())
        ):
            raise InputError(Problem(str(path), None, "ordinals: expected word: place (a whole number)"))
        if key == "number_words" and isinstance(value, dict):
            for word, entry in value.items():
                if not (isinstance(entry, list) and len(entry) == 2 and entry[0] in _NUMBER_KINDS):
                    raise InputError(
                        Problem(
                            str(path),
                            None,
                            f"number_words.{word}: expected [kind, value], kind one of {', '.join(_NUMBER_KINDS)}",
                        )
                    )
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """An office's additions: lists added to the built-in lists, mappings merged (the office's
    entry wins), other values replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            merged = dict(old)
            for k, v in value.items():
                merged[k] = (
                    merged[k] + [x for x in v if x not in merged[k]]
                    if isinstance(merged.get(k), list) and isinstance(v, list)
                    else v
                )
            out[key] = merged
        else:
            out[key] = value
    return out


@cache
def _data(language: str) -> dict[str, Any]:
    """A language's word list as data: its own file (or, for a language with none, the English
    lists, which read English words quoted in any text), the office's additions, and the
    relative dates CLDR gives for it."""
    base = language.split("-")[0]
    own = _builtin(base)
    # Another language reads English words quoted in it; its own relative dates come from CLDR.
    data = own if own is not None else dict(_builtin("en") or {}, number_words={}, ago="", ago_units={})
    for path in _office_files(base):
        data = _merge(data, _read_office(path))
    return _merge(data, _cldr_words(language, data))


def _to_words(data: dict[str, Any]) -> Words:
    values: dict[str, Any] = {}
    for f in dataclasses.fields(Words):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in _TUPLES:
            value = tuple(value)
        elif f.name in _MAPS_OF_TUPLES:
            value = {k: tuple(v) for k, v in value.items()}
        values[f.name] = value
    return Words(**values)


@cache
def words(language: str) -> Words:
    """The word lists of a language (``fr``, ``pt-BR``: by its base language)."""
    return _to_words(_data(language))


@cache
def number_words(language: str) -> dict[str, tuple[str, int]]:
    """The words a language's numbers are written with, each word's kind and value ("twenty" →
    ("tens", 20)); empty where its word list has none (``text2num`` reads those it covers)."""
    table = _data(language).get("number_words") or {}
    return {str(w).lower(): (kind, int(value)) for w, (kind, value) in table.items()}


# -- relative dates from CLDR (Babel's date fields) ---------------------------------------------

_CLDR_UNITS = {"year": 12, "month": 1}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _cldr_words(language: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The relative-date words CLDR has for a language ("el año pasado", "letzte Woche", "ayer"):
    years and months resolved from the article's date, all refused in statements; the ago pattern
    ("hace {0} años") where the word list has none."""
    fields = locale_for(language)._data["date_fields"]
    years: dict[str, int] = {}
    months: dict[str, int] = {}
    refused: list[str] = []
    for unit in ("year", "month", "week", "day", *_WEEKDAYS):
        relative = fields.get(unit, {}).get("relative", {}) if unit in fields else {}
        for offset, phrase in dict(relative).items():
            phrase = phrase.lower()
            refused.append(phrase)
            if unit == "year":
                years[phrase] = int(offset)
            elif unit == "month":
                months[phrase] = int(offset)
    out: dict[str, Any] = {"relative_words": refused, "relative_years": {}, "relative_months": {}}
    known = data or {}
    out["relative_years"] = {p: o for p, o in years.items() if p not in known.get("relative_years", {})}
    out["relative_months"] = {p: o for p, o in months.items() if p not in known.get("relative_months", {})}
    if not known.get("ago"):
        ago = _cldr_ago(fields)
        if ago:
            out["ago"], out["ago_units"] = ago
    return out


def _cldr_ago(fields: Any) -> tuple[str, dict[str, int]] | None:
    """ "hace {0} años", "vor {0} Jahren" → a pattern with groups n and unit, and each unit word's
    length in months; None where the language's patterns do not share their words around the unit."""
    shapes = set()
    units: dict[str, int] = {}
    for unit, months in _CLDR_UNITS.items():
        for pattern in dict(fields.get(unit, {}).get("past", {})).values():
            before, sep, after = pattern.lower().partition("{0}")
            words_after = after.split()
            if not sep or not words_after:
                return None
            shapes.add((before.strip(), " ".join(words_after[1:])))
            units[words_after[0]] = months
    if len(shapes) != 1:
        return None
    before, rest = shapes.pop()
    unit_re = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    pattern = (re.escape(before) + r"\s+" if before else "") + rf"(?P<n>[\w-]+)\s+(?P<unit>{unit_re})"
    pattern += r"\s+" + re.escape(rest) if rest else ""
    return pattern.replace("\\ ", r"\s+"), units


EN = words("en")


# Words before "May" that make it the month ("in May", "since May", "early May"); not "and" or
# "to", which as often come before the name ("Abe and May", "spoke to May").
_MAY_BEFORE = re.compile(
    r"(?<![\w-])(?:in|since|by|until|till|from|early|late|mid|of|during|before|after|through|throughout"
    r"|between|last|next|this|end|start|beginning)[\s-]+$"
)


def scale_name(power: int, language: str = "en") -> str | None:
    """The word a language writes a power of ten with, in full: 9 → "billion"."""
    return next((w for w, p in words(language).scales.items() if p == power and len(w) > 2), None)


def may_is_month(text: str, start: int, end: int) -> bool:
    """Whether "May" at ``text[start:end]`` is the month, not the verb: written "May" with a capital
    and next to a day, a year or a year in words ("May 2024", "May last year"), or after a
    word that introduces a month ("in May", "since May"). A lower-case "may" is the verb."""
    if text[start:end] != "May":
        return False
    after = text[end : end + 30].lower()
    years = "|".join(re.escape(p) for p in sorted(EN.relative_years, key=len, reverse=True))
    if re.match(rf"\.?,?\s*(?:\d|(?:{years})(?![\w-]))", after):
        return True
    return bool(_MAY_BEFORE.search(text[max(0, start - 20) : start].lower()))


@cache
def months(language: str) -> dict[str, int]:
    """Month names (wide and abbreviated, lower-case) → their numbers, from Babel's locale data."""
    locale = locale_for(language)
    out: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                out[name.lower().rstrip(".")] = number
    out.update(words(language).extra_months)
    return out


@dataclass(frozen=True)
class Notation:
    """How a language writes numbers: its decimal mark and the marks that group thousands."""

    decimal: str
    groups: tuple[str, ...]


@cache
def notation(language: str) -> Notation:
    locale: Locale = locale_for(language)
    decimal = get_decimal_symbol(locale)
    group = get_group_symbol(locale)
    groups = _SPACES if group in _SPACES or group.isspace() else (group,)
    return Notation(decimal, groups)


@cache
def figure_re(language: str) -> re.Pattern[str]:
    """A figure in a language's notation: 5,557 and 46.2 in English; 5.557 and 46,2 in Vietnamese;
    5 557 and 46,2 in French. Digits glued to a word (G7, COVID-19) name something: not figures —
    except after a currency code (USD95, NOK120), where they are an amount."""
    n = notation(language)
    group = "[" + "".join(re.escape(g) for g in n.groups) + "]"
    decimal = re.escape(n.decimal)
    codes = "|".join(sorted(code for code in list_currencies() if len(code) == 3 and code.isalpha() and code.isupper()))
    start = rf"(?:(?<![^\W_])(?<![^\W\d_][-.])|(?<=(?<![^\W\d_])(?:{codes})))"
    # A figure starts with a digit: saying so first spares every other place in a text the look
    # behind it for a currency code (four times faster, the same matches).
    return re.compile(rf"(?=\d){start}(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{decimal}\d+)?(?!\d)")


def parse_figure(text: str, language: str) -> str:
    """A figure as written in a language → the plain form Decimal reads ("5.557" in vi → "5557")."""
    n = notation(language)
    for g in n.groups:
        text = text.replace(g, "")
    return text.replace(n.decimal, ".")


@cache
def foreign_figure_re(language: str) -> re.Pattern[str] | None:
    """Figures that read differently in another common notation and cannot be told apart here:
    "1.25" in a Vietnamese text (the decimal point of English, or a malformed group)."""
    n = notation(language)
    if n.decimal == ".":
        return re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])")  # "1,25" in English text
    if "." in n.groups or "," == n.decimal:
        return re.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.])")  # "1.25" where "." groups thousands
    return None


def _lowered(phrase: str) -> str:
    return phrase.lower().replace("’", "'")


@cache
def _negation_patterns(language: str) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], ...]:
    """negations_in's phrases with their patterns, compiled once per language rather than once per
    text read: (phrase, pattern) pairs to blank, longest first, then the negations to find."""
    lexicon = words(language)
    blank = [*lexicon.not_negations, *(p for phrases in lexicon.hedges.values() for p in phrases)]
    blanks = tuple(
        (phrase, re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"))
        for phrase in (_lowered(p) for p in sorted(blank, key=len, reverse=True))
    )
    negations = []
    for phrase in dict.fromkeys(_lowered(p) for p in lexicon.negations):
        start = "" if "'" in phrase[:2] else r"(?<![\w-])"  # "n't" ends a word: "didn't"
        end = "" if phrase[-1] == "'" else r"(?![\w-])"
        ends = tuple(e.lower() for e in lexicon.negation_ends.get(phrase, ()))
        close = rf"(?=.{{0,40}}?(?<![\w-])(?:{'|'.join(map(re.escape, ends))})(?![\w-]))" if ends else ""
        negations.append((phrase, re.compile(rf"{start}{re.escape(phrase)}{end}{close}")))
    return blanks, tuple(negations)


def negations_in(text: str, language: str) -> list[str]:
    """The words that deny what a text says ("did not sign", "n'a pas signé", "chưa ký"), in
    order; phrases that hold such a word and deny nothing ("not only", "no more than", "hàng
    không") are left out, and so are hedges, which bound a figure instead. (A phrase not in the
    text as a substring cannot match: its pattern is not run.)"""
    blanks, negations = _negation_patterns(language)
    lowered = _lowered(text)
    for phrase, pattern in blanks:
        if phrase in lowered:
            lowered = pattern.sub(lambda m: " " * len(m.group()), lowered)
    found = []
    for phrase, pattern in negations:
        m = pattern.search(lowered) if phrase in lowered else None
        if m:
            a, b = m.span()
            while a > 0 and lowered[a - 1].isalnum():
                a -= 1  # the whole word: "hasn't", "n’a"
            while b < len(lowered) and (
                lowered[b].isalnum() or lowered[b] == "'" and b + 1 < len(lowered) and lowered[b + 1].isalpha()
            ):
                b += 1
            found.append((a, text[a:b]))
    return [words for _start, words in sorted(found)]
