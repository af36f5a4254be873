"""Figures in text: the numbers a sentence states, and the words that qualify them.

A figure is a number that is not part of a name (G7, COVID-19 and A4 name things). A figure may
be qualified by a hedge ("more than 2,000", "nearly $50 billion") and a claim by its mood ("is
expected to", "is considering", "aims to"): the verifier requires a statement to keep both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import NamedTuple

from factbrief.text.lexicon import figure_re, foreign_figure_re, may_is_month, number_words, parse_figure, words

# English notation: the default for messages, the lint and anything without a language.
FIGURE_RE = figure_re("en")
# How many texts the readings of a text are remembered for: every quote and statement of a large
# fact file, which check reads and then each document's lint reads again (at 4096, a file of
# 5,000 facts read them all afresh each time, and check grew faster than the file).
CACHE_TEXTS = 1 << 16
# Written between a hedge and its figure ("more than US$", "nearly NOK"): symbols and ISO 4217
# codes (upper case even where the hedge is matched without case: "over the 2,000" has none).
_CURRENCY_WORDS = r"(?:US\$|[A-Z]{1,3}\$|\$|€|£|¥|₫|₹|₩|(?-i:[A-Z]{3}))"


def as_decimal(value: float | int | Decimal) -> Decimal:
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:  # pragma: no cover - the loader only lets finite numbers through
        return Decimal(0)


@lru_cache(maxsize=CACHE_TEXTS)
def figure_value(text: str, language: str = "en") -> Decimal:
    """A figure as written → its value (remembered: a file repeats its figures, and every reading
    of a text asks for them)."""
    return Decimal(parse_figure(text, language)).normalize()


def readings_in(text: str, languages: tuple[str, ...] = ("en",)) -> tuple[tuple[str, frozenset[Decimal]], ...]:
    """Each figure a text prints, as written, with every value it may be read as in these
    languages' notations ("46,2" is 46.2 in French, 462 in English)."""
    return _readings_in(text, languages)


@lru_cache(maxsize=CACHE_TEXTS)
def _readings_in(text: str, languages: tuple[str, ...]) -> tuple[tuple[str, frozenset[Decimal]], ...]:
    out = []
    for m in FIGURE_RE.finditer(text):
        readings = {figure_value(m.group())}
        lo = max(0, m.start() - 12)
        for language in languages:
            for n in figure_re(language).finditer(text[lo : m.end() + 12]):
                start, end = lo + n.start(), lo + n.end()
                # The same written figure, read in another notation: one span holds the other
                # ("46,2" holds "46"). Not another figure that merely contains the same digits
                # ("312" near "12"), which would let a note proving 312 prove 12.
                if start <= m.start() and m.end() <= end or m.start() <= start and end <= m.end():
                    readings.add(figure_value(n.group(), language))
        out.append((m.group(), frozenset(readings)))
    return tuple(out)


def numbers_in(text: str, language: str = "en") -> set[Decimal]:
    """The figures written in a text, in its language's notation ("5,557" and, in Vietnamese,
    "5.557" are both 5557)."""
    return set(_numbers_in(text, language))


@lru_cache(maxsize=CACHE_TEXTS)
def _numbers_in(text: str, language: str) -> frozenset[Decimal]:
    return frozenset(figure_value(m.group(), language) for m in figure_re(language).finditer(text))


# A glued scale in upper case counts only after a currency ("$3B", "€2M"): "3M" is a name.
_GLUED_CURRENCY = r"(?:\$|€|£|¥|₹|₩|(?<![^\W\d_])[A-Z]{3}\s?)"


_CURRENCY_BEFORE = re.compile(rf"{_GLUED_CURRENCY}$")  # just before a glued scale ("$" of "$3M")


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled once: the word lists make hundreds of patterns, more than re's own cache
    keeps, and a fact file asks for each of them for every fact."""
    return re.compile(pattern, flags)


@cache
def word_re(phrase: str, flags: int = 0) -> re.Pattern[str]:
    """A phrase as a whole word or words: "last year", not "last yearly"."""
    return compiled(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", flags)


@cache
def _scale_words(language: str) -> dict[str, int]:
    """The language's scale words in lower case, with their powers of ten."""
    return {w.lower(): p for w, p in words(language).scales.items()}


@cache
def _scale_after(language: str) -> re.Pattern[str] | None:
    """A scale word right after a figure's end (``match`` at it): "billion", " de milliards", or
    a glued abbreviation ("m" in "€2.5m"), in group ``word``."""
    scales = words(language).scales
    glued = words(language).glued_scales
    alternatives = []
    if scales:
        names = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True))
        alternatives.append(rf"\s*(?:de\s+)?(?i:(?P<word>{names}))(?![\w])")
    if glued:
        names = "|".join(re.escape(w) for w in sorted(glued, key=len, reverse=True))
        alternatives.append(rf"(?P<glued>{names})(?![\w-])")
        upper = "|".join(re.escape(w.upper()) for w in sorted(glued, key=len, reverse=True))
        alternatives.append(rf"(?P<upper>{upper})(?![\w-])")
    return re.compile("|".join(alternatives)) if alternatives else None


def _scale_at(text: str, start: int, end: int, language: str) -> tuple[int, int] | None:
    """The power of ten of the scale word after the figure at ``text[start:end]`` and where the
    word ends, or None."""
    pattern = _scale_after(language)
    m = pattern.match(text, end) if pattern else None
    if not m:
        return None
    kind = m.lastgroup or "word"  # the alternative that matched: word, glued or upper
    if kind == "upper" and not _CURRENCY_BEFORE.search(text[max(0, start - 4) : start]):
        return None  # "3M", "4K": names; "$3M" is an amount
    word = m.group(kind).lower()
    power = _scale_words(language).get(word)
    if power is None:
        power = words(language).glued_scales[word]
    return power, m.end()


@lru_cache(maxsize=CACHE_TEXTS)
def _figures(text: str, language: str) -> tuple[tuple[Decimal, int, int, tuple[int, int] | None], ...]:
    """Each figure of a text: (number, start, end, (power, end of its scale word) or None).
    Remembered: the scale checks read each statement and quote several times."""
    return tuple(
        (figure_value(m.group(), language), m.start(), m.end(), _scale_at(text, m.start(), m.end(), language))
        for m in figure_re(language).finditer(text)
    )


def scaled_figures(text: str, language: str = "en") -> list[tuple[Decimal, Decimal, str]]:
    """Each figure given with a scale word: (number, quantity, words): "2 billions" in French is
    (2, 2000000000000, "2 billions"); "€2.5m" is (2.5, 2500000, "2.5m")."""
    out = []
    for number, start, _end, scale in _figures(text, language):
        if scale:
            out.append((number, number.scaleb(scale[0]).normalize(), text[start : scale[1]]))
    for spelled in spelled_numbers(text, language):  # "four billion"
        scale = _spelled_scale(text, spelled, language)
        if scale:
            quantity = spelled.value.scaleb(scale[0]).normalize()
            out.append((spelled.value, quantity, text[spelled.start : scale[1]]))
    return out


def unscaled_in(text: str, language: str = "en") -> set[Decimal]:
    """The figures (and numbers in words) a text gives with no scale word after them."""
    found = {number for number, _start, _end, scale in _figures(text, language) if scale is None}
    for n in spelled_numbers(text, language):
        if n.head is None and not _spelled_scale(text, n, language):
            found.add(n.value)
    return found


def _spelled_scale(text: str, spelled: Spelled, language: str) -> tuple[int, int] | None:
    """The scale word after a number in words ("four billion"), never glued ("two" is no "twom")."""
    scale = _scale_at(text, spelled.start, spelled.end, language)
    return scale if scale and spelled.end < len(text) and not text[spelled.end].isalnum() else None


def scaled_in(text: str, language: str = "en") -> set[Decimal]:
    """Quantities a text states with a scale word: "12.5 billion" → 12500000000, "46,2 tỷ" →
    46200000000, "€2.5m" → 2500000; so "12 500 millions" proves against "12.5 billion"."""
    return {number.scaleb(scale[0]).normalize() for number, _start, _end, scale in _figures(text, language) if scale}


@dataclass(frozen=True)
class Spelled:
    """A number written in words: its value, where it stands, and its value before a closing
    "thousand" ("three thousand" is 3000, and 3 thousand)."""

    value: Decimal
    start: int
    end: int
    head: Decimal | None = None


@cache
def _spelled_re(language: str) -> re.Pattern[str] | None:
    table = number_words(language)
    if not table:
        return None
    word = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{word})(?:[\s-]+(?:{word}))*(?![\w-])", re.I)


# The languages text2num reads numbers in words in (where a word list has no table of its own).
TEXT2NUM_LANGUAGES = ("en", "fr", "es", "pt", "de", "nl", "da", "it")


_PER_CENT = re.compile(r"(?<![\w-])(?:per|pour)\s*\Z", re.I)


def spelled_numbers(text: str, language: str = "en") -> list[Spelled]:
    """Numbers written in words ("three", "twenty-five", "a hundred", "deux cents", "quatre-vingt-dix";
    "veinticinco", "fünfundzwanzig" through text2num)."""
    return list(_spelled_numbers(text, language))


@lru_cache(maxsize=CACHE_TEXTS)
def _spelled_numbers(text: str, language: str) -> tuple[Spelled, ...]:
    """Remembered: every reading of figures in words (counts, hedges, scales) starts here."""
    pattern = _spelled_re(language)
    if pattern is None:
        return tuple(_text2num_numbers(text, language))
    table = number_words(language)
    out: list[Spelled] = []
    for m in pattern.finditer(text):
        if m.group().lower().startswith("cent") and _PER_CENT.search(text, 0, m.start()):
            continue  # "per cent", "pour cent": a percentage, not a hundred
        tokens = [(t.start(), t.end(), *table[t.group().lower()]) for t in re.finditer(r"[^\s-]+", m.group())]
        out += _read_spelled(tokens, m.start())
    return tuple(out)


def _text2num_numbers(text: str, language: str) -> list[Spelled]:
    """Numbers in words read by text2num: the longest run of words from each word that it reads
    as a number ("cuatro", "veinte y cinco", "fünfundzwanzig"). "un"/"ein" alone is an article."""
    base = language.split("-")[0]
    if base not in TEXT2NUM_LANGUAGES:
        return []
    from text_to_num import text2num

    def read(words: str) -> int | None:
        try:
            return int(text2num(words.lower(), base))
        except (ValueError, TypeError):
            return None

    tokens = list(re.finditer(r"[^\W\d_]+", text))
    out: list[Spelled] = []
    i = 0
    while i < len(tokens):
        best = None
        for j in range(i, min(i + 6, len(tokens))):
            if j > i and not re.fullmatch(r"[\s-]+", text[tokens[j - 1].end() : tokens[j].start()]):
                break
            value = read(text[tokens[i].start() : tokens[j].end()])
            if value is None and j == i:
                break
            if value is not None:
                best = (j, value)
        if best is None or best[0] == i and (best[1] == 1 or _scale_of_figure(text, tokens[i].start(), best[1])):
            i += 1
            continue
        j, value = best
        out.append(Spelled(Decimal(value), tokens[i].start(), tokens[j].end()))
        i = j + 1
    return out


def _scale_of_figure(text: str, start: int, value: int) -> bool:
    """A scale word alone (a power of ten) right after a figure in digits ("12.5 billion", "12,5
    Milliarden") is that figure's scale, not a number of its own (text2num reads "Billion" as 10¹²)."""
    return value >= 1000 and str(value).rstrip("0") == "1" and bool(_DIGIT_BEFORE.search(text, 0, start))


_DIGIT_BEFORE = re.compile(r"\d\s*$")


def _read_spelled(tokens: list[tuple[int, int, str, int]], offset: int) -> list[Spelled]:
    """Words → numbers: a word that cannot continue the number in hand ("three two") starts another."""
    out: list[Spelled] = []
    total = current = 0
    start = end = None
    last, last_value = None, 0

    def close() -> None:
        nonlocal total, current, start, end, last, last_value
        if start is not None and last != "article":
            head = Decimal(total // 1000) if last == "thousand" else None
            out.append(Spelled(Decimal(total + current), offset + start, offset + end, head))
        total = current = 0
        start = end = last = None
        last_value = 0

    def follows(kind: str, value: int) -> bool:
        if last is None:
            return True
        if last == "article":
            return kind in ("hundred", "thousand")
        if kind == "unit":  # "twenty-five", "cent trois", "mille deux", "dix-sept", "soixante-dix"
            return last in ("tens", "hundred", "thousand") or (
                last == "unit" and last_value == 10 and value in (7, 8, 9)
            )
        if kind == "tens":  # "quatre-vingts", "deux cent vingt"
            return last in ("hundred", "thousand") or (last == "unit" and last_value == 4 and value == 20)
        if kind == "hundred":
            return last in ("unit", "tens") and current < 100
        return last in ("unit", "tens", "hundred") and total == 0  # thousand

    pending = False  # "and"/"et" read: it joins only if the number goes on
    for a, b, kind, value in tokens:
        if kind == "joiner":
            pending = last not in (None, "article")
            continue
        if not follows(kind, value) or (pending and kind not in ("unit", "tens")):
            close()
        pending = False
        if kind == "article":
            current = 1
        elif kind == "unit":
            current += value
        elif kind == "tens":
            current = current - 4 + 80 if last == "unit" and last_value == 4 else current + value
        elif kind == "hundred":
            current = (current or 1) * value
        elif kind == "thousand":
            total, current = (current or 1) * value, 0
        start = a if start is None else start
        end, last, last_value = b, kind, value
    close()
    return out


def counted(text: str, language: str = "en", spelled_only: bool = False) -> list[tuple[Decimal, str, str]]:
    """What a text counts: (number, the noun after it, the words): "three agreements" →
    (3, "agreement", "three agreements"). Nouns are compared lower-case, a final "s" dropped."""
    return list(_counted(text, language, spelled_only))


@lru_cache(maxsize=CACHE_TEXTS)
def _counted(text: str, language: str, spelled_only: bool) -> tuple[tuple[Decimal, str, str], ...]:
    found = [(n.value, n.start, n.end) for n in spelled_numbers(text, language)]
    if not spelled_only:
        found += [(figure_value(m.group(), language), m.start(), m.end()) for m in figure_re(language).finditer(text)]
    out = []
    for number, start, end in found:
        m = re.match(r"\s+([^\W\d_]{3,})", text[end:])
        if m:
            out.append((number, m.group(1).lower().removesuffix("s"), text[start : end + m.end()]))
    return tuple(out)


# Words before a count that make it name parties already named ("the two countries", "their three
# leaders", "Japan's two ports", "les deux pays"): a paraphrase, not a figure to prove.
_DEFINITE_BEFORE = {
    "en": r"the|these|those|its|their|his|her|our|your|whose|both|all|each|[^\W\d_]+['’]s",
    "fr": r"les|ces|leurs|ses|nos|vos|aux|des",
}


def definite_count(text: str, start: int, language: str = "en") -> bool:
    """Whether the count whose words begin at ``text[start]`` follows a definite word ("the two
    countries", "les deux pays")."""
    definite = _DEFINITE_BEFORE.get(language.split("-")[0]) or "|".join(map(re.escape, words(language).definite))
    return bool(definite and compiled(rf"(?<![\w-])(?:{definite})\s+$", re.I).search(text[max(0, start - 40) : start]))


def counts_in_words(text: str, language: str = "en") -> list[tuple[Decimal, str, str, int]]:
    """The counts a text writes in words, as ``counted`` gives them, with where each begins:
    (12, "company", "Twelve companies", 0)."""
    out = []
    for n in spelled_numbers(text, language):
        m = re.match(r"\s+([^\W\d_]{3,})", text[n.end :])
        if m and not re.search(r"\d\s*$", text[: n.start]):  # "5 thousand people" is no count of 1000
            out.append((n.value, m.group(1).lower().removesuffix("s"), text[n.start : n.end + m.end()], n.start))
    return out


# Round numbers said as a collective noun, which give a number only approximately: "une centaine
# d'entreprises" is about 100 ("Cent entreprises" drops the hedge; "environ 100" keeps it). The
# plurals ("des centaines", "des dizaines") and English "dozens of" give no number at all; "a dozen"
# is read as 12 (NUMBER_WORDS).
_COLLECTIVES = {
    "fr": {
        "dizaine": 10,
        "douzaine": 12,
        "quinzaine": 15,
        "vingtaine": 20,
        "trentaine": 30,
        "quarantaine": 40,
        "cinquantaine": 50,
        "soixantaine": 60,
        "centaine": 100,
        "millier": 1000,
    }
}
# The hedge a collective takes from "plus d'une centaine" (the hedge phrases say "plus de").
_COLLECTIVE_HEDGES = {"fr": {"plus": "more than", "moins": "less than", "près": "nearly"}}


@dataclass(frozen=True)
class Collective:
    """A number said as a collective noun: its value, where it stands, its hedge class and words."""

    value: Decimal
    start: int
    end: int
    hedge: str
    words: str


def collectives(text: str, language: str = "en") -> list[Collective]:
    """Numbers a text gives as a collective noun: "une centaine" (about 100), "plus d'une
    dizaine" (more than about 10)."""
    table = _COLLECTIVES.get(language.split("-")[0])
    if not table:
        return []
    hedges = _COLLECTIVE_HEDGES.get(language.split("-")[0], {})
    names = "|".join(sorted(table, key=len, reverse=True))
    before = "|".join(hedges)
    pattern = compiled(rf"(?<![\w-])(?:(?P<hedge>{before})\s+d['’])?une?\s+(?P<noun>{names})(?![\w-])", re.I)
    out = []
    for m in pattern.finditer(text):
        hedge = hedges[m.group("hedge").lower()] if m.group("hedge") else "about"
        out.append(Collective(Decimal(table[m.group("noun").lower()]), m.start(), m.end(), hedge, m.group()))
    return out


def is_collective(words: str, language: str = "en") -> bool:
    """Whether a hedge's words end with a collective noun that holds its number ("une centaine",
    "environ une centaine")."""
    return any(c.end == len(words) for c in collectives(words, language))


SMALLEST_WORD_FIGURE = 10  # "two", "three": counts any text may write; "twelve" is a figure


def figures_in_words(text: str, languages: tuple[str, ...] = ("en",)) -> list[tuple[str, set[Decimal], int]]:
    """The figures a text writes in words, as written, with their readings and where they start:
    from ten up, and any with a scale word ("nine billion", "nine hundred ninety-nine billion")."""
    found = []
    for language in dict.fromkeys(language.split("-")[0] for language in languages):
        for spelled in spelled_numbers(text, language):
            if spelled.value >= SMALLEST_WORD_FIGURE or spelled.head is not None:
                readings = {spelled.value} | ({spelled.head} if spelled.head is not None else set())
                found.append((text[spelled.start : spelled.end], readings, spelled.start))
    return found


def spelled_in(text: str, language: str = "en") -> tuple[set[Decimal], set[Decimal]]:
    """The numbers a text writes in words, and the quantities among them given with a scale word
    ("three thousand" is 3000 and 3 thousand; "deux milliards" is 2 milliards): what a quote's
    words prove, as ``numbers_in`` and ``scaled_in`` do for its figures."""
    numbers: set[Decimal] = set()
    scaled: set[Decimal] = set()
    for spelled in spelled_numbers(text, language):
        numbers.add(spelled.value)
        if spelled.head is not None:
            numbers.add(spelled.head)
            scaled.add(spelled.value)
        scale = _spelled_scale(text, spelled, language)
        if scale:
            scaled.add(spelled.value.scaleb(scale[0]).normalize())
    return numbers, scaled


def foreign_figures(text: str, language: str) -> list[str]:
    """Figures that this language's notation cannot read for sure ("1.25" in Vietnamese)."""
    pattern = foreign_figure_re(language)
    return [m.group() for m in pattern.finditer(text)] if pattern else []


def show_numbers(numbers: set[Decimal]) -> str:
    return ", ".join(sorted((format(n, "f") for n in numbers), key=lambda s: (len(s), s))) or "none"


# -- hedges and moods: words that qualify a figure or a claim ----------------------------------

# What a statement may use for each class of the quote's hedge ("about" for "nearly").
HEDGE_ACCEPTS = {"nearly": {"nearly", "about"}}
# What a statement may use for each mood of the quote: any hedging of a plan, but a tentative
# claim ("is considering") never becomes a plan.
MOOD_ACCEPTS = {"expected": {"expected", "tentative", "target"}, "target": {"target", "tentative"}}
# The word a value's ``status`` suggests for each mood, when the quote's own word is not one of these.
STATUS_WORDS = {"expected": "expected", "tentative": "possible", "target": "target"}
STATUSES = ("expected", "planned", "scheduled", "projected", "proposed", "under consideration", "possible", "target")


@cache
def _phrase_re(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def mood_classes(text: str, language: str = "en") -> dict[str, str]:
    """The moods a text expresses: class → the words that express it ("expected" → "is expected to")."""
    return dict(_mood_classes(text, language))


@cache
def _mood_patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each mood class with the pattern of its phrases, as whole words."""
    return tuple(
        (mood, re.compile(rf"(?<![\w-])(?:{_phrase_re(phrases)})(?![\w-])"))
        for mood, phrases in words(language).moods.items()
    )


@lru_cache(maxsize=CACHE_TEXTS)
def _mood_classes(text: str, language: str) -> tuple[tuple[str, str], ...]:
    found = {}
    lowered = text.lower()
    for phrase in words(language).not_moods:
        lowered = lowered.replace(phrase, " " * len(phrase))
    for mood, pattern in _mood_patterns(language):
        for m in pattern.finditer(lowered):
            if text[m.start() : m.end()] == "May" and (m.start() > 0 or may_is_month(text, m.start(), m.end())):
                continue  # the month ("May 2024 saw …" begins with it)
            found[mood] = text[m.start() : m.end()]
            break
    future = words(language).future
    if future and "expected" not in found:
        tense = re.search(future, text)  # a verb in the future tense ("signera"): lower case, as written
        if tense:
            found["expected"] = tense.group()
    return tuple(found.items())


def status_for(mood: str, words: str) -> str:
    """What to suggest for a value's status: the quote's word if it is one, else the mood's."""
    return words.lower() if words.lower() in STATUSES else STATUS_WORDS[mood]


def hedge_class(phrase: str, language: str = "en") -> str | None:
    """The class of a qualifier as written in a fact file ('over' → 'more than'), or None."""
    lowered = " ".join(phrase.lower().split())
    for hedge, phrases in words(language).hedges.items():
        if lowered in phrases:
            return hedge
    return None


def mood_class(phrase: str, language: str = "en") -> str | None:
    lowered = " ".join(phrase.lower().split())
    for mood, phrases in words(language).moods.items():
        if lowered in phrases or any(word_re(p).search(lowered) for p in phrases):
            return mood
    return None


@dataclass(frozen=True)
class Hedge:
    """A number in a text and the hedge that qualifies it (class and words), if any."""

    number: Decimal
    hedge: str | None
    words: str | None
    ranged: bool = False  # the hedge's words follow a figure: "từ 10 đến 15" is a range, not "up to 15"


def hedges_in(text: str, language: str = "en") -> tuple[Hedge, ...]:
    """Every figure of a text with the hedge written just before it ("more than US$", "about")."""
    return _hedges_in(text, language)


@cache
def _hedge_words(language: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of a hedge that ends just before a figure, and each hedge phrase's class."""
    phrases = words(language).hedges
    alternatives = _phrase_re(tuple(p for ps in phrases.values() for p in ps))
    pattern = re.compile(rf"(?<![\w-])(?P<words>{alternatives})\s*(?:{_CURRENCY_WORDS}\s?)?$", re.I)
    classes: dict[str, str] = {}
    for hedge, ps in phrases.items():
        for phrase in ps:
            classes.setdefault(phrase.lower(), hedge)  # (the first class that lists a phrase, as before)
    return pattern, classes


@lru_cache(maxsize=CACHE_TEXTS)
def _hedges_in(text: str, language: str) -> tuple[Hedge, ...]:
    pattern, classes = _hedge_words(language)
    out = []
    found = [(m.start(), figure_value(m.group(), language)) for m in figure_re(language).finditer(text)]
    found += [(n.start, n.value) for n in spelled_numbers(text, language)]  # "nearly three hundred"
    held = [(c.start, c.end) for c in collectives(text, language)]
    found = [(start, number) for start, number in found if not any(a <= start < b for a, b in held)]
    for start, number in sorted(found, key=lambda f: f[0]):
        before = text[max(0, start - 40) : start]
        if before.endswith("~") and len(before) > 1 and before[-2].isdigit():
            before = before[:-1] + " "  # 8.3~8.5: a range, not "about 8.5"
        hit = pattern.search(before)
        hedge = None
        if hit:
            hedge = classes[hit.group("words").lower()]
        ranged = hit is not None and bool(re.search(r"\d[^\s]*\s*$", before[: hit.start()]))
        out.append(Hedge(number, hedge, hit.group("words") if hit else None, ranged))
    for c in collectives(text, language):  # "une centaine": about 100
        hit = pattern.search(text[max(0, c.start - 40) : c.start])
        hedge = classes.get(hit.group("words").lower(), c.hedge) if hit else c.hedge
        out.append(Hedge(c.value, hedge, f"{hit.group('words')} {c.words}" if hit else c.words))
    return tuple(out)


def hedge_of(text: str, number: Decimal, language: str = "en") -> tuple[str, str] | tuple[None, None] | None:
    """The hedge of ``number`` in a text: (class, words), (None, None) if stated plainly, None if absent.

    Where the number appears several times, one plain mention is enough to count as plain.
    """
    found = [h for h in hedges_in(text, language) if h.number == number]
    if not found:
        return None
    plain = next((h for h in found if h.hedge is None), None)
    if plain is not None:
        return None, None
    hedged = found[0]
    assert hedged.hedge is not None and hedged.words is not None  # not plain: a hedge, and its words
    return hedged.hedge, hedged.words


def moods_before(text: str, number: Decimal, language: str = "en") -> dict[str, str]:
    """The moods of the words before a number in its clause: a value is given as planned when the
    mood word comes before it ("will cooperate on 15 projects"), not after it ("60% of which plan
    to expand")."""
    clause = clause_of(text, number, fine=True, language=language)
    at = (m.start() for m in figure_re(language).finditer(clause) if figure_value(m.group(), language) == number)
    return mood_classes(clause[: next(at, 0)], language)


def clause_of(text: str, number: Decimal, fine: bool = False, language: str = "en") -> str:
    """The clause of a text that holds the number (the whole text if none does); ``fine`` splits
    at commas too."""
    splitter = r"(?<=[;:,])\s+|\s+[–—-]\s+|(?<=\.)\s+" if fine else r"(?<=[;:])\s+|\s+[–—-]\s+|(?<=\.)\s+"
    for clause in re.split(splitter, text):
        if number in numbers_in(clause, language):
            return clause
    return text


def ranges_in(text: str, language: str = "en") -> list[tuple[Decimal, Decimal, str]]:
    """Ranges a text gives with a dash ("10–15%", "US$2-3 billion", "10 – 15 %"): (low, high, the
    words). Years ("2021–2025") are periods, not ranges of a figure; "COVID-19" and "G7-8" no
    ranges at all (figure_re reads no digits glued to a word)."""
    figure = figure_re(language).pattern
    pattern = compiled(rf"(?P<low>{figure})\s*%?\s*[–—-]\s*(?:[A-Z]{{0,3}}\$|€|£|¥)?(?P<high>{figure})(?:\s*%)?")
    out = []
    for m in pattern.finditer(text):
        low, high = figure_value(m.group("low"), language), figure_value(m.group("high"), language)
        years = all(n == n.to_integral_value() and 1800 <= n <= 2200 for n in (low, high))
        if low < high and not years:
            out.append((low, high, m.group()))
    return out


# Ranks ("second-largest", "the 3rd biggest", "fifth most visited"): a figure in words that a
# statement may not change. Read in English; another language's statements are left alone.
_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
# English ordinals, first to thirty-first (ranks here, a month's days in dates.py).
ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            *_UNITS,
            *"tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth".split(),
            "nineteenth",
            "twentieth",
            *(f"twenty-{u}" for u in _UNITS),
            "thirtieth",
            "thirty-first",
        ],
        start=1,
    )
}
_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
# A place before a superlative ("third-largest", "3rd biggest", "fifth most visited"), or an
# ordinal alone from "second" on ("its fourth trading partner"; "first" is as often "for the first
# time" as a place, and "3rd" alone is a figure): one pattern, one pass over a text.
_RANK_RE = re.compile(
    rf"(?<![\w-])(?P<rank>{_ORDINAL_WORDS}|\d{{1,3}}(?:st|nd|rd|th))"
    r"(?:[-\s]+(?P<what>most\s+[a-z]+|[a-z]+est)(?![\w-])|(?![\w-]))",
    re.I,
)
_FRACTION_BEFORE = re.compile(r"(?:^|\W)(?:a|one)[\s-]$", re.I)  # "a third of exports" is a share
# Superlatives that rank from the bottom: "second-smallest" is not "second-largest".
_FROM_THE_BOTTOM = frozenset("smallest lowest least fewest weakest poorest worst slowest cheapest".split())


def folded(word: str) -> str:
    """A word as the tables of ordinals spell it. A case-blind pattern also matches "ſecond",
    "İ" and "ı" (Unicode folds them so): folded back here, or left unknown."""
    return unicodedata.normalize("NFKC", word).casefold().replace("\u0307", "").replace("ı", "i")


def bottom_up(what: str) -> bool:
    """Whether a superlative ranks from the bottom ("smallest", "least visited")."""
    return what.split()[0] in _FROM_THE_BOTTOM


# Digits glued to a word name something ("G7", "COVID-19", "A320", "top-10", "No.2"): figure_re
# reads no figure there, but a statement may not change them either ("top-5" where the quote says
# "top-10"). Each is its letters, how they join the digits, and the digits. Superscript and
# subscript digits are digits ("km²", "CO₂").
_GLUED_RE = re.compile(r"(?<![^\W\d_])(?P<letters>[^\W\d_]+)[-.‐‑]?(?P<digits>\d+)(?!\d|[.,]\d)")
# A name and its digits with a space or a mark between ("COVID 19", "No. 2"), in a statement.
_SPACED_RE = re.compile(r"(?<![^\W\d_])(?P<letters>[^\W\d_]+)(?:[.\-‐‑–]\s?|\s)(?P<digits>\d+)(?!\d|[.,]\d)")


def glued_in(text: str, language: str = "en") -> list[tuple[str, str, str]]:
    """Each name with digits glued to its letters, as (letters, digits, the words): "top-10" →
    ("top", "10", "top-10"). Digits read as a figure ("USD95", an amount) are left to the figures."""
    if not any(c.isdigit() for c in text):
        return []
    text = unicodedata.normalize("NFKC", text)
    figures = {m.start() for m in figure_re(language).finditer(text)}
    return [
        (m.group("letters"), m.group("digits"), m.group())
        for m in _GLUED_RE.finditer(text)
        if m.start("digits") not in figures
    ]


def spaced_names(text: str) -> list[tuple[str, str, int, int]]:
    """Names a text writes with their digits apart ("COVID 19", "No. 2"): (letters, digits, where
    the digits are), for a quote that writes them glued."""
    return [(m.group("letters"), m.group("digits"), *m.span("digits")) for m in _SPACED_RE.finditer(text)]


def holds_glued(text: str, letters: str, digits: str) -> bool:
    """Whether a text names the same thing: the same letters and digits, joined as it likes
    ("Top 10" for "top-10", "No. 2" for "No.2", "km²" for "km2"), in any case. A single letter
    takes no full stop and space ("Plan A. 4 ministers" names no "A4")."""
    return (letters.casefold(), digits) in _names_with_digits(text)


_NAMED_RE = re.compile(r"(?<![^\W\d_])(?P<letters>[^\W\d_]+)(?P<joint>[.\-‐‑–]\s?|\s)?(?P<digits>\d+)(?!\d|[.,]\d)")


@lru_cache(maxsize=CACHE_TEXTS)
def _names_with_digits(text: str) -> frozenset[tuple[str, str]]:
    """Every (letters, digits) a text writes together, read once per text (a quote is asked of
    each name in its statements)."""
    out = set()
    for m in _NAMED_RE.finditer(unicodedata.normalize("NFKC", text)):
        joint = m.group("joint") or ""
        if len(m.group("letters")) == 1 and joint[:1] == "." and joint[1:]:
            continue  # "Plan A. 4 ministers"
        out.add((m.group("letters").casefold(), m.group("digits")))
    return frozenset(out)


class Rank(NamedTuple):
    place: int
    what: str  # the superlative: "largest", "most visited"
    words: str
    start: int
    end: int


def ranks_in(text: str, language: str = "en") -> tuple[Rank, ...]:
    """Each rank a text gives: "third-largest" → (3, "largest", "third-largest", where it is). In
    English a place before a superlative, or an ordinal alone ("fourth", no superlative: ""; not
    "first", nor a share: "a third of"); in another language, as its word list says
    ("troisième", "drittgrößter", "lớn thứ ba")."""
    return _ranks_in(text, language)


@lru_cache(maxsize=CACHE_TEXTS)
def _ranks_in(text: str, language: str) -> tuple[Rank, ...]:
    if language.split("-")[0] != "en":
        pattern, ordinals = _rank_words(language)
        if pattern is None:
            return ()
        found = ((ordinals.get(folded(m.group("place"))), m) for m in pattern.finditer(text))
        return tuple(Rank(place, "", m.group(), m.start(), m.end()) for place, m in found if place is not None)
    out = []
    for m in _RANK_RE.finditer(text):
        rank, what = folded(m.group("rank")), m.group("what")
        if what is None and (rank not in ORDINALS or rank == "first" or _FRACTION_BEFORE.search(text, 0, m.start())):
            continue  # "first", "3rd" alone (a figure), "a third of"
        place = ORDINALS.get(rank) or (int(rank[:-2]) if rank[:-2].isdigit() else None)
        if place is not None:
            out.append(Rank(place, " ".join(folded(what).split()) if what else "", m.group(), m.start(), m.end()))
    return tuple(out)


@cache
def _rank_words(language: str) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """A language's pattern of a rank (its word list's), and each ordinal word's place."""
    lists = words(language)
    ordinals = {folded(str(w)): n for w, n in lists.ordinals.items()}
    if not lists.rank or not ordinals:
        return None, ordinals
    alternatives = "|".join(re.escape(w) for w in sorted(ordinals, key=len, reverse=True))
    return re.compile(lists.rank.replace("{ordinals}", f"(?:{alternatives})"), re.I), ordinals


def reads_ranks(language: str) -> bool:
    """Whether ranks are read in a language (English, and those whose word list gives a pattern)."""
    return language.split("-")[0] == "en" or _rank_words(language)[0] is not None


# Digits that name a place: with an ordinal's ending ("3rd", "3e", "3º"), or after a word that
# numbers places ("No. 3", "ranked 3", "hạng 3", "thứ 3"); not any figure ("12.5", "1933").
_PLACE_DIGITS = re.compile(
    r"(?<![\d.,])(\d{1,3})(?:st|nd|rd|th|e|er|re|ème|\.?º|\.?ª)(?![\w])"
    r"|(?<![\w])(?:no\.?|nr\.?|n°|number|ranks?|ranked|hạng|thứ|số)\s*(\d{1,3})(?![\d.,]?\d)",
    re.I,
)


def ordinal_digits(text: str) -> list[tuple[int, int, int]]:
    """Each place a text writes in digits, as (place, start, end): "3rd", "3e", "No. 3"."""
    return [(int(m.group(1) or m.group(2)), *m.span(1 if m.group(1) else 2)) for m in _PLACE_DIGITS.finditer(text)]


def places_in(text: str, language: str = "en") -> frozenset[int]:
    """The places a text names in any form, a rank or not ("ranks third", "No. 3", "3rd", "2e")."""
    return _places_in(text, language)


@lru_cache(maxsize=CACHE_TEXTS)
def _places_in(text: str, language: str) -> frozenset[int]:
    digits = {place for place, _start, _end in ordinal_digits(text)}
    ranked = {r.place for r in ranks_in(text, language)}
    if language.split("-")[0] != "en" and reads_ranks(language):
        return frozenset(digits | ranked)
    # English, and a language read with the English lists: its ordinals in words, anywhere
    ordinals = {ORDINALS[w] for w in re.findall(r"[a-z]+(?:-[a-z]+)?", folded(text)) if w in ORDINALS}
    return frozenset(ordinals | digits | ranked)
