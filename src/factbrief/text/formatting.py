"""Numbers, dates and figures as a reader of the document's language expects them (Babel).

``en`` documents use international English dates ("21 September 1973"); any other language tag
is handed to Babel's locale data ("21 septembre 1973", "21 tháng 9, 1973"). Currency symbols and
ISO 4217 codes go before the number, whatever the currency ("US$46.2 billion", "NOK 120 million").
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache, lru_cache

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal, list_currencies

from factbrief.model import PartialDate
from factbrief.text.lexicon import EN
from factbrief.text.locales import locale_for

# A symbol that stands before the number, optionally with a country prefix: $, US$, A$, HK$, €, £, ¥, ₫.
_SYMBOL_RE = re.compile(r"^(?:[A-Z]{1,3}\$|[^\w\s\d%])")


def as_decimal(value: float | int | Decimal) -> Decimal:
    """The value as written in the fact file ("46.2", not 46.2000000001), without trailing zeros."""
    return Decimal(str(value)).normalize()


def format_number(value: float | int | Decimal | None, language: str = "en") -> str:
    """46.2 → '46.2' (fr: '46,2'); 5557 → '5,557' (vi: '5.557'); 1.0 → '1'. Never rounded."""
    if value is None:
        return ""
    number = as_decimal(value)
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int):  # 'n', 'N' or 'F': NaN or infinity (the fact file refuses both)
        raise TypeError(f"{value} is not a finite number")
    return _format_decimal(str(number), language)


@lru_cache(maxsize=1 << 16)
def _format_decimal(number: str, language: str) -> str:
    """A finite number, as Decimal writes it, in a language's notation: remembered, as Babel takes
    a tenth of a millisecond for each, and check and every document print each value again. (Keyed
    by the written number, which keeps -0 apart from 0.)"""
    value = Decimal(number)
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # format_number lets only finite numbers through
    places = max(0, -exponent)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=locale_for(language), decimal_quantization=False)


# Where a language's usage in official documents differs from Babel's defaults: Vietnamese writes
# "ngày 21 tháng 9 năm 1973", "tháng 9 năm 2025", and "21/9/1973" where space is short.
_DATE_PATTERNS = {
    "vi": {
        ("day", False): "'ngày' d MMMM 'năm' y",
        ("day", True): "d/M/y",
        ("month", False): "MMMM 'năm' y",
        ("month", True): "'tháng' M/y",
    },
}


def format_date(value: PartialDate | None, short: bool = False, language: str = "en") -> str:
    """'21 September 1973', 'September 2025', '2025'; with ``short``, the month abbreviated."""
    if value is None:
        return ""
    if value.month is None:
        return str(value.year)
    locale = locale_for(language)
    precision = "day" if value.day else "month"
    pattern = _DATE_PATTERNS.get(language.split("-")[0], {}).get((precision, short))
    if pattern:
        return babel_format_date(value.start, pattern, locale=locale)
    if value.day:
        written = babel_format_date(value.start, "medium" if short else "long", locale=locale)
        if value.day == 1 and language.split("-")[0] == "fr":
            written = re.sub(r"^1(?!\d)", "1er", written)  # French writes the first of a month "1er juillet"
        return written
    return format_skeleton("yMMM" if short else "yMMMM", value.start, locale=locale)


@cache
def _currency_codes() -> frozenset[str]:
    return frozenset(list_currencies())


def is_currency_code(word: str) -> bool:
    """True for an ISO 4217 code that Babel knows: 'NOK', 'KES', 'USD'."""
    return word in _currency_codes()


def split_currency(unit: str) -> tuple[str, str]:
    """('US$', 'billion') for 'US$ billion'; ('NOK', 'million') for 'NOK million' or 'million NOK';
    ('', unit) when the unit names no currency."""
    unit = unit.strip()
    words = unit.split()
    if not words:
        return "", ""
    m = _SYMBOL_RE.match(unit)
    if m and (m.group().endswith("$") or unicodedata.category(m.group()[-1]) == "Sc"):
        return m.group(), unit[m.end() :].strip()
    if is_currency_code(words[0]):
        return words[0], " ".join(words[1:])
    if is_currency_code(words[-1]) and all(w in EN.scales for w in words[:-1]):
        return words[-1], " ".join(words[:-1])
    return "", unit


def format_quantity(value: float | int | None, unit: str | None, language: str = "en") -> str:
    """The number with its unit: 'US$46.2 billion', 'NOK 120 million', '2.7%', '5,557 projects'."""
    number = format_number(value, language)
    unit = (unit or "").strip()
    if not unit:
        return number
    currency, rest = split_currency(unit)
    if currency:
        glue = "" if not currency[-1].isalpha() else "\u00a0"
        return f"{currency}{glue}{number}" + (f" {rest}" if rest else "")
    if unit.startswith("%"):
        return f"{number}{unit}"
    return f"{number} {unit}"


def format_figure(
    value: float | int,
    unit: str | None = None,
    qualifier: str | None = None,
    status: str | None = None,
    language: str = "en",
) -> str:
    """A fact's figure as documents and messages print it: 'more than 2,000 firms',
    'US$20 billion (proposed)'."""
    figure = format_quantity(value, unit, language)
    if qualifier:
        figure = f"{qualifier} {figure}"
    return f"{figure} ({status})" if status else figure
