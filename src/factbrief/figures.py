"""Figures in text: the numbers a sentence states, and the words that qualify them.

A figure is a number that is not part of a name (G7, COVID-19 and A4 name things). A figure may
be qualified by a hedge ("more than 2,000", "nearly $50 billion") and a claim by its mood ("is
expected to", "is considering", "aims to"): the verifier requires a statement to keep both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Digits glued to a word (G7, G20, A4) or after a word and a hyphen or dot (COVID-19, F-35,
# No.1) name something; they are not figures, on the page or in a quote.
FIGURE_RE = re.compile(r"(?<![^\W_])(?<![^\W\d_][-.])\d+(?:,\d{3})*(?:\.\d+)?")
# Written between a hedge and its figure ("more than US$", "nearly NOK"): symbols and ISO 4217
# codes (upper case even where the hedge is matched without case: "over the 2,000" has none).
_CURRENCY_WORDS = r"(?:US\$|[A-Z]{1,3}\$|\$|€|£|¥|₫|₹|₩|(?-i:[A-Z]{3}))"


def as_decimal(value: float | int | Decimal) -> Decimal:
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:  # pragma: no cover - the loader only lets finite numbers through
        return Decimal(0)


def figure_value(text: str) -> Decimal:
    return Decimal(text.replace(",", "")).normalize()


def numbers_in(text: str) -> set[Decimal]:
    """The figures written in a text, thousands separators ignored ("5,557" == "5557")."""
    return {figure_value(m.group()) for m in FIGURE_RE.finditer(text)}


def show_numbers(numbers: set[Decimal]) -> str:
    return ", ".join(sorted((format(n, "f") for n in numbers), key=lambda s: (len(s), s))) or "none"


# -- hedges: words that qualify a figure ------------------------------------------------------

# Each class of hedge, with the phrases that express it. A statement keeps a quote's hedge when it
# uses a phrase of the same class (or one the class accepts: "about" for "nearly").
HEDGES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "more than": (
            "more than",
            "over",
            "above",
            "exceeding",
            "exceeded",
            "exceeds",
            "exceed",
            "in excess of",
            "upwards of",
            "surpassing",
            "surpassed",
            "topped",
            "topping",
        ),
        "nearly": ("nearly", "almost", "close to", "just under", "approaching", "nearing", "poised to reach"),
        "about": ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated", "circa", "~"),
        "up to": ("up to", "as many as", "as much as", "a maximum of"),
        "at least": ("at least", "no fewer than", "no less than", "a minimum of"),
        "less than": ("less than", "under", "below", "fewer than"),
    },
}
# What a statement may use for each class of the quote's hedge.
HEDGE_ACCEPTS = {"nearly": {"nearly", "about"}}

# The mood of a claim: planned or expected, tentative, or a goal. A statement keeps the quote's.
MOODS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "expected": (
            "will",
            "would",
            "shall",
            "is to",
            "are to",
            "to be held",
            "scheduled",
            "due",
            "set to",
            "planned",
            "plans",
            "plan",
            "planning",
            "expected",
            "expects",
            "poised",
            "projected",
            "forecast",
            "likely",
            "upcoming",
            "forthcoming",
            "intends",
            "intend",
        ),
        "tentative": (
            "proposed",
            "proposes",
            "proposal",
            "considering",
            "considers",
            "under consideration",
            "may",
            "might",
            "could",
            "possible",
            "potential",
            "threaten",
            "threatens",
            "mulling",
        ),
        "target": (
            "aim",
            "aims",
            "aiming",
            "target",
            "targets",
            "goal",
            "goals",
            "ambition",
            "ambitious",
            "seek",
            "seeks",
            "hope",
            "hopes",
            "strive",
            "strives",
        ),
    },
}
MOOD_ACCEPTS = {"expected": {"expected", "tentative", "target"}, "target": {"target", "tentative"}}
# Phrases that hold a mood word without the mood ("I would like to", the month of May).
NOT_MOODS: dict[str, tuple[str, ...]] = {"en": ("would like", "would love", "would also like", "hope to see you")}
# The word a value's ``status`` suggests for each mood, when the quote's own word is not one of these.
STATUS_WORDS = {"expected": "expected", "tentative": "possible", "target": "target"}
STATUSES = ("expected", "planned", "scheduled", "projected", "proposed", "under consideration", "possible", "target")


def _phrase_re(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _lexicon(table: dict[str, dict[str, tuple[str, ...]]], language: str) -> dict[str, tuple[str, ...]]:
    return table.get(language.split("-")[0], table["en"])


def mood_classes(text: str, language: str = "en") -> dict[str, str]:
    """The moods a text expresses: class → the words that express it ("expected" → "is expected to")."""
    found = {}
    lowered = text.lower()
    for phrase in _lexicon(NOT_MOODS, language):
        lowered = lowered.replace(phrase, " " * len(phrase))
    for mood, phrases in _lexicon(MOODS, language).items():
        for m in re.finditer(rf"(?<![\w-])(?:{_phrase_re(phrases)})(?![\w-])", lowered):
            if text[m.start() : m.end()] == "May" and m.start() > 0:
                continue  # the month
            found[mood] = text[m.start() : m.end()]
            break
    return found


def status_for(mood: str, words: str) -> str:
    """What to suggest for a value's status: the quote's word if it is one, else the mood's."""
    return words.lower() if words.lower() in STATUSES else STATUS_WORDS[mood]


def hedge_class(phrase: str, language: str = "en") -> str | None:
    """The class of a qualifier as written in a fact file ('over' → 'more than'), or None."""
    lowered = " ".join(phrase.lower().split())
    for hedge, phrases in _lexicon(HEDGES, language).items():
        if lowered in phrases:
            return hedge
    return None


def mood_class(phrase: str, language: str = "en") -> str | None:
    lowered = " ".join(phrase.lower().split())
    for mood, phrases in _lexicon(MOODS, language).items():
        if lowered in phrases or any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", lowered) for p in phrases):
            return mood
    return None


@dataclass(frozen=True)
class Hedge:
    """A number in a text and the hedge that qualifies it (class and words), if any."""

    number: Decimal
    hedge: str | None
    words: str | None


def hedges_in(text: str, language: str = "en") -> list[Hedge]:
    """Every figure of a text with the hedge written just before it ("more than US$", "about")."""
    phrases = _lexicon(HEDGES, language)
    pattern = re.compile(
        rf"(?<![\w-])(?P<words>{_phrase_re(tuple(p for ps in phrases.values() for p in ps))})\s*(?:{_CURRENCY_WORDS}\s?)?$",
        re.I,
    )
    out = []
    for m in FIGURE_RE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if before.endswith("~") and len(before) > 1 and before[-2].isdigit():
            before = before[:-1] + " "  # 8.3~8.5: a range, not "about 8.5"
        hit = pattern.search(before)
        hedge = None
        if hit:
            words = hit.group("words").lower()
            hedge = next(h for h, ps in phrases.items() if words in ps)
        out.append(Hedge(figure_value(m.group()), hedge, hit.group("words") if hit else None))
    return out


def hedge_of(text: str, number: Decimal, language: str = "en") -> tuple[str | None, str | None] | None:
    """The hedge of ``number`` in a text: (class, words), (None, None) if stated plainly, None if absent.

    Where the number appears several times, one plain mention is enough to count as plain.
    """
    found = [h for h in hedges_in(text, language) if h.number == number]
    if not found:
        return None
    plain = next((h for h in found if h.hedge is None), None)
    if plain is not None:
        return None, None
    return found[0].hedge, found[0].words


def moods_before(text: str, number: Decimal, language: str = "en") -> dict[str, str]:
    """The moods of the words before a number in its clause: a value is given as planned when the
    mood word comes before it ("will cooperate on 15 projects"), not after it ("60% of which plan
    to expand")."""
    clause = clause_of(text, number, fine=True)
    lead = clause[: next((m.start() for m in FIGURE_RE.finditer(clause) if figure_value(m.group()) == number), 0)]
    return mood_classes(lead, language)


def clause_of(text: str, number: Decimal, fine: bool = False) -> str:
    """The clause of a text that holds the number (the whole text if none does); ``fine`` splits
    at commas too."""
    splitter = r"(?<=[;:,])\s+|\s+[–—-]\s+|(?<=\.)\s+" if fine else r"(?<=[;:])\s+|\s+[–—-]\s+|(?<=\.)\s+"
    for clause in re.split(splitter, text):
        if number in numbers_in(clause):
            return clause
    return text
