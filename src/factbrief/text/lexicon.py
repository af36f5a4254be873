"""The words and notations the verifier reads, per language: how numbers are written, which words
hedge a figure or give a claim its mood, and how dates and relative time are said.

English, French and Vietnamese have word lists of their own; any other language reads numbers
and month names from Babel's locale data and falls back to the English word lists. Statements
are read in the fact file's language, quotes in their source's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol, list_currencies

from factbrief.text.locales import locale_for

_SPACES = (" ", "\u00a0", "\u202f")


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


_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

EN = Words(
    hedges={
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
        # "no more than" is read as one phrase, before "more than" (the leftmost phrase wins)
        "up to": (
            "up to",
            "as many as",
            "as much as",
            "a maximum of",
            "at most",
            "no more than",
            "not more than",
            "no greater than",
            "not exceeding",
            "capped at",
        ),
        "at least": ("at least", "no fewer than", "no less than", "not fewer than", "not less than", "a minimum of"),
        "less than": ("less than", "under", "below", "fewer than"),
    },
    moods={
        "expected": (
            "will",
            "would",
            "shall",
            "is to",
            "are to",
            "to be held",
            "scheduled",
            "slated",
            "due",
            "set to",
            "on track to",
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
            "seeking",
            "hope",
            "hopes",
            "strive",
            "strives",
        ),
    },
    # "due to the drought" gives a cause, not a plan; "would like" a wish
    not_moods=(
        "would like",
        "would love",
        "would also like",
        *(
            f"due to {w} "
            for w in "the a an its their his her this that these those rising falling higher lower".split()
        ),
        "due in part",
        "due largely",
        "due mainly",
        "due partly",
    ),
    relative_years={
        "last year": -1,
        "this year": 0,
        "next year": 1,
        "this spring": 0,
        "this summer": 0,
        "this autumn": 0,
        "this fall": 0,
        "this winter": 0,
        "past year": -1,
    },
    relative_words=(
        "last year",
        "past year",
        "last weekend",
        "this weekend",
        "next weekend",
        *(f"{w} {season}" for w in ("last", "next") for season in ("spring", "summer", "autumn", "fall", "winter")),
        *(f"{w} {day}" for w in ("on", "last", "next", "this") for day in _EN_WEEKDAYS),
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
    present_words=("recently", "currently", "now", "at present", "today", "so far", "to date", "most recently"),
    next_last_this=("next", "last", "this"),
    after_month=False,
    past=r"\b(?:\w{3,}ed|met|took|was|were|had|began|held|made|saw|came|went|paid|said|gave|won|became|left|grew"
    r"|rose|fell|led|told|brought|built|sent|spent|thought|found|kept)\b",
    periods={
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
    scales={"thousand": 3, "million": 6, "mn": 6, "billion": 9, "bn": 9, "trillion": 12},
    extra_months={"sept": 9},
    relative_months={"last month": -1, "this month": 0, "next month": 1},
    ago=r"(?P<n>[\w-]+)\s+(?P<unit>years?|months?)\s+ago",
    ago_units={"year": 12, "years": 12, "month": 1, "months": 1},
    may=("may", "might", "could"),  # lower case: "May" is the month
    glued_scales={"k": 3, "m": 6, "mn": 6, "b": 9, "bn": 9, "tn": 12, "trn": 12},
    bounds=("by", "since", "until", "till", "before", "after", "from", "through", "to"),
)

# French verbs in the future tense (a plan, like "will"): the stem is the infinitive, or its
# irregular future stem, then -a (il), -ont (ils), -ons (nous). Any -er verb: "signera",
# "visiteront". Other verbs only by a known stem, for "-ira" and "-tra" are also the past of
# -irer and -trer verbs ("retira", "rencontra"); "-ront" and "nous …rons" read as the future
# alone. Lower case: "Vera", "Sumatra" are names. "Opéra", "lira" and "extra" are no verbs.
_FR_FUTURE_STEMS = (
    r"\w*er|\w*(?:iendr|[tvfrpc]endr|[eao]indr|[ao]udr|pondr|perdr|mordr|mettr|battr|[ao]îtr|devr|cevr|vivr|suivr"
    r"|pourr|verr|courr|mourr|querr|clur)|aur|saur|élir|réélir|ir"
    r"|\w*(?:fin|fourn|chois|sais|ag|un|établ|bât|garant|invest|about|réuss|enrich|élarg|rempl|accompl|abol|grand"
    r"|ouvr|offr|couvr|souffr|part|sort|sent|serv|dorm|constru|produ|rédu|condu|tradu|introdu|détru|instru|écr"
    r"|accueill|nourr|ralent|vert|obé|suff|d)ir"
)
_FR_FUTURE = (
    rf"(?<![\w-])(?=[a-zàâçéèêëîïôûùüÿœ])(?!(?:opera|caldera|camera|riviera|extra|ultra|lira)\b)(?:{_FR_FUTURE_STEMS})a(?![\w-])"
    r"|(?<![\w-])[a-zàâçéèêëîïôûùüÿœ]\w*(?:er|ir|ur|dr|tr|vr|rr)ont(?![\w-])"
    r"|(?<![\w-])[Nn]ous\s+(?:\w+\s+)?\w+(?:er|ir|ur|dr|tr|vr|rr)ons(?![\w-])"
    # "prévoit de signer" is a plan ("l'accord prévoit la formation" says what it provides for)
    r"|(?<![\w-])prévoi(?:t|ent)\s+d(?:e\s|['’])"
    # "compte doubler son aide": compter + an infinitive is a plan ("compte 500 membres" is not)
    r"|(?<![\w-])compte(?:nt)?\s+(?!entre\b|contre\b|notre\b|votre\b|autre\b)\w+(?:er|ir|oir|dre|tre)(?![\w-])"
)

FR = Words(
    hedges={
        "more than": ("plus de", "au-delà de", "dépassant", "dépassé", "dépasse", "supérieur à", "supérieure à"),
        "nearly": ("près de", "presque", "quasiment", "pratiquement", "frôlant"),
        "about": ("environ", "quelque", "quelques", "autour de", "approximativement", "à peu près", "~"),
        "up to": ("jusqu'à", "jusqu’à", "pas plus de", "au maximum", "au plus", "tout au plus", "au maximum de"),
        "at least": ("au moins", "au minimum", "pas moins de"),
        "less than": ("moins de", "inférieur à", "inférieure à", "sous"),
    },
    moods={
        "expected": (
            "va",
            "vont",
            "sera",
            "seront",
            "devrait",
            "devraient",
            "prévu",
            "prévue",
            "prévus",
            "prévues",
            "doit",
            "doivent",
            "aura",
            "auront",
            "programmé",
            "programmée",
            "à venir",
            "attendu",
            "attendue",
            "s'apprête à",
            "s’apprête à",
            "s'apprêtent à",
            "s’apprêtent à",
        ),
        "tentative": (
            "proposé",
            "proposée",
            "proposés",
            "proposées",
            "envisage",
            "envisagent",
            "envisagé",
            "envisagée",
            "pourrait",
            "pourraient",
            "possible",
            "éventuel",
            "éventuelle",
            "menace",
            "menacent",
        ),
        "target": ("objectif", "objectifs", "vise", "visent", "viser", "ambition", "ambitionne", "cible", "espère"),
    },
    not_moods=("voudrais", "aimerais"),
    relative_years={
        "l'an dernier": -1,
        "l’an dernier": -1,
        "l'année dernière": -1,
        "l’année dernière": -1,
        "l'an passé": -1,
        "l’an passé": -1,
        "l'année passée": -1,
        "l’année passée": -1,
        "cette année": 0,
        "l'an prochain": 1,
        "l’an prochain": 1,
        "l'année prochaine": 1,
        "l’année prochaine": 1,
        "cet automne": 0,
        "ce printemps": 0,
        "cet été": 0,
        "cet hiver": 0,
    },
    relative_words=(
        "l'an dernier",
        "l’an dernier",
        "l'année dernière",
        "l’année dernière",
        "l'an passé",
        "l’an passé",
        "l'année passée",
        "l’année passée",
        "cette année",
        "l'an prochain",
        "l’an prochain",
        "l'année prochaine",
        "l’année prochaine",
        "le mois dernier",
        "ce mois-ci",
        "le mois prochain",
        "hier",
        "aujourd'hui",
        "aujourd’hui",
        "demain",
        "récemment",
        "actuellement",
        "à l'heure actuelle",
        "à l’heure actuelle",
        "cet automne",
        "ce printemps",
        "cet été",
        "cet hiver",
    ),
    present_words=("récemment", "actuellement", "aujourd'hui", "aujourd’hui", "désormais", "à ce jour"),
    next_last_this=("prochain", "dernier", "ce"),
    after_month=True,
    past=r"\b(?:a|ont|avait|avaient|était|étaient|fut|furent)\b|\w{3,}é(?:e|s|es)?\b",
    periods={
        "premier semestre": (1, 2, 3, 4, 5, 6),
        "second semestre": (7, 8, 9, 10, 11, 12),
        "premier trimestre": (1, 2, 3),
        "deuxième trimestre": (4, 5, 6),
        "troisième trimestre": (7, 8, 9),
        "quatrième trimestre": (10, 11, 12),
    },
    scales={"mille": 3, "million": 6, "millions": 6, "milliard": 9, "milliards": 9, "billion": 12, "billions": 12},
    extra_months={},
    engagement=("visite", "haut niveau", "sommet", "entretiens", "rencontre"),
    relative_months={"mois dernier": -1, "mois précédent": -1, "ce mois-ci": 0, "mois prochain": 1},
    future=_FR_FUTURE,
    ago=r"il\s+y\s+a\s+(?P<n>[\w-]+)\s+(?P<unit>ans?|années?|mois)",
    ago_units={"an": 12, "ans": 12, "année": 12, "années": 12, "mois": 1},
    may=("pourrait", "pourraient", "pourra", "pourront"),
    bounds=("d'ici", "depuis", "avant", "après", "jusqu'en", "jusqu'à", "dès"),
)

VI = Words(
    hedges={
        "more than": ("hơn", "trên", "vượt", "vượt quá", "hơn mức"),
        "nearly": ("gần", "xấp xỉ", "suýt"),
        "about": ("khoảng", "chừng", "ước tính", "ước"),
        "up to": ("tới", "đến", "không quá", "tối đa"),
        # "lên tới 79 tỷ USD" is as often "reached 79 billion" as "up to": a statement may keep it or not
        "reaching": ("lên tới", "lên đến"),
        "at least": ("ít nhất", "tối thiểu", "không dưới", "không ít hơn"),
        "less than": ("dưới", "chưa đến", "ít hơn"),
    },
    moods={
        "expected": ("sẽ", "dự kiến", "kế hoạch", "dự định", "theo lịch", "sắp", "chuẩn bị"),
        "tentative": ("đề xuất", "đề nghị", "xem xét", "có thể", "cân nhắc"),
        "target": ("mục tiêu", "phấn đấu", "hướng tới", "nhằm"),
    },
    not_moods=(),
    relative_years={"năm ngoái": -1, "năm trước": -1, "năm nay": 0, "năm tới": 1, "năm sau": 1},
    relative_words=(
        "năm ngoái",
        "năm trước",
        "năm nay",
        "năm tới",
        "năm sau",
        "tháng trước",
        "tháng này",
        "tháng tới",
        "tháng sau",
        "hôm qua",
        "hôm nay",
        "ngày mai",
        "gần đây",
        "hiện nay",
        "hiện tại",
    ),
    present_words=("hiện nay", "hiện tại", "gần đây", "đến nay"),
    next_last_this=("tới", "trước", "này"),
    after_month=True,
    past=r"\b(?:đã|vừa)\b",
    periods={
        "6 tháng đầu năm": (1, 2, 3, 4, 5, 6),
        "quý I": (1, 2, 3),
        "quý 1": (1, 2, 3),
        "nửa đầu năm": (1, 2, 3, 4, 5, 6),
    },
    scales={"nghìn": 3, "ngàn": 3, "triệu": 6, "tỷ": 9, "tỉ": 9, "nghìn tỷ": 12},
    extra_months={},
    engagement=("thăm", "cấp cao", "hội đàm", "hội nghị thượng đỉnh"),
    relative_months={"tháng trước": -1, "tháng này": 0, "tháng tới": 1, "tháng sau": 1},
    ago=r"(?P<n>\d+)\s+(?P<unit>năm|tháng)\s+(?:trước|về trước)",
    ago_units={"năm": 12, "tháng": 1},
    may=("có thể",),
    bounds=("đến", "từ", "trước", "sau", "kể từ"),
)

# Numbers written in words, read in quotes ("three agreements" proves "3 agreements"): each
# word's kind and value. "unit" and "tens" add up ("twenty-five", "dix-sept"), "hundred"
# multiplies what comes before it (or one), "thousand" closes a group, "article" is "a"
# before "hundred", "thousand" or "dozen". Vietnamese has none: "năm" is also "year".
_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_FR_UNITS = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split()
NUMBER_WORDS: dict[str, dict[str, tuple[str, int]]] = {
    "en": {
        **{w: ("unit", n) for n, w in enumerate(_EN_UNITS)},
        **{
            w: ("tens", 10 * n)
            for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
        },
        "hundred": ("hundred", 100),
        "dozen": ("hundred", 12),
        "thousand": ("thousand", 1000),
        "a": ("article", 1),
        "an": ("article", 1),
        "and": ("joiner", 0),
    },
    "fr": {
        **{w: ("unit", n) for n, w in enumerate(_FR_UNITS)},
        "une": ("unit", 1),
        **{w: ("tens", 10 * n) for n, w in enumerate("vingt trente quarante cinquante soixante".split(), 2)},
        "vingts": ("tens", 20),
        "cent": ("hundred", 100),
        "cents": ("hundred", 100),
        "mille": ("thousand", 1000),
        "et": ("joiner", 0),
    },
}

_WORDS = {"en": EN, "fr": FR, "vi": VI}


def words(language: str) -> Words:
    return _WORDS.get(language.split("-")[0], EN)


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
    return re.compile(rf"{start}(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{decimal}\d+)?(?!\d)")


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
