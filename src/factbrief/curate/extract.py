"""The curation assistant: YAML fact stubs for every sentence of an article that holds a figure.

A stub is a suggestion to edit, not a fact: ``quote`` is the exact sentence (so it verifies),
``text`` starts as the same sentence, and ``value``, ``unit``, ``qualifier``, ``status``,
``as_of``, ``metric`` and ``topic`` are what the sentence's words suggest. Lines that are not the
article's prose (photo captions, file names, headlines, "Related" links, questions) give no
stubs, and a dateline ("HÀ NỘI —", "VOV.VN -") is left out of the quote. Hedges, moods and
relative dates are found with the verifier's own word lists (text/numbers.py, text/dates.py), so a stub
carries the ``qualifier`` and ``status`` that ``check`` will ask for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from factbrief.errors import InputError, Problem
from factbrief.files import is_regular_file, read_text
from factbrief.model import PartialDate
from factbrief.text.dates import date_spans, evidence, relative_words
from factbrief.text.formatting import is_currency_code
from factbrief.text.lexicon import EN, figure_re, scale_name
from factbrief.text.lexicon import words as word_lists
from factbrief.text.numbers import (
    FIGURE_RE,
    MOOD_ACCEPTS,
    clause_of,
    figure_value,
    hedge_class,
    hedge_of,
    mood_class,
    mood_classes,
    moods_before,
    status_for,
)
from factbrief.text.sentences import FILE_NAME, sentences
from factbrief.text.slugs import slug
from factbrief.verify import same_quantity

# -- lines that are not prose ------------------------------------------------------------------

# "(Photo: Dang Khoa)", "Photo: VGP", "— VNS Photo Trọng Kiên", "Photo by …", a Markdown image.
_CAPTION = re.compile(
    r"\((?:Photo|Image)\b|\b(?:Photos?|Images?|Credit)\s*:|\bPhoto(?:graph)?\s+by\b|\b[A-Z]{2,}\s+Photo\b"
    r"|\bFile photo\b|^!\[",
    re.I,
)
_NAVIGATION = re.compile(
    r"^(?:related(?: news| articles| stories)?|read more|see more|see also|more news|tags?|share|advertisement"
    r"|subscribe|most read|latest news)\b\s*:?",
    re.I,
)
# "HÀ NỘI —", "VOV.VN -", "NAIROBI, May 5 (Reuters) –": a place or outlet in capitals, then a dash.
_DATELINE = re.compile(r"^(?P<head>[^—–\n]{2,45}?)\s+[—–-]{1,2}\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_QUESTION = re.compile(r"\?[\"'”’)\]]*$")


def is_prose(line: str) -> bool:
    """False for what surrounds an article's text: captions, file names, navigation, headlines."""
    line = line.strip()
    if not line or FILE_NAME.match(line) or _CAPTION.search(line) or _NAVIGATION.match(line):
        return False
    # A headline or a label has no sentence end; a list item ("- 15 projects") may not either.
    if not _SENTENCE_END.search(line) and not re.match(r"^(?:[-•*]|\d+[.)])\s", line):
        return len(line.split()) > 20
    return True


def strip_dateline(sentence: str) -> str:
    """The sentence without its dateline: "HÀ NỘI — Japan …" → "Japan …"."""
    m = _DATELINE.match(sentence)
    if not m:
        return sentence
    place = re.sub(r"\([^)]*\)", "", m.group("head")).split(",")[0].strip()
    if place.isupper() and not any(ch.isdigit() for ch in place):
        return sentence[m.end() :]
    return sentence


# -- the headline figure: value and unit -------------------------------------------------------

_N = rf"(?P<number>{FIGURE_RE.pattern})"
# A scale after the number, in full or abbreviated (the lexicon's English scales): "billion", "bn", "m".
_SCALES = {w: scale_name(p) or w for w, p in {**EN.scales, **EN.glued_scales}.items()}
_SCALE_WORDS = "|".join(sorted((w for w in _SCALES if len(w) > 1), key=len, reverse=True))
_SCALE_LETTERS = "".join(w for w in _SCALES if len(w) == 1)
_SCALE = rf"(?:\s?(?P<scale>{_SCALE_WORDS})|(?P<abbr>[{_SCALE_LETTERS}]))?(?![\w])"
_SYMBOL = r"(?P<currency>[A-Z]{1,3}\$|\$|€|£|¥|₹|₩|₫|₦)"
# Currencies written as words after a number ("12.5 billion ducats", "5 million shillings").
CURRENCY_NAMES = (
    "dollars euros pounds yen yuan renminbi won rupees shillings kroner krone kronor francs dong baht pesos "
    "rand naira ringgit rupiah riyals dirhams ducats"
).split()
# Codes that more often name something else in a briefing ("COP 28", "SDG 7").
_NOT_CURRENCIES = {"COP", "SDG"}
_PHYSICAL_ABBREVIATIONS = r"GWh|MWh|kWh|TWh|GW|MW|kW|TW|km²|km2|sq km|km|cm|mm|ha|kg|Mt|bcm|TEU|°C"
_PHYSICAL_WORDS = (
    r"(?:square )?(?:kilo)?met(?:re|er)s?|miles?|hectares?|acres?|tonnes?|tons?|kilograms?|lit(?:re|er)s?"
    r"|barrels?|(?:kilo|mega|giga)watts?(?:[- ]hours?)?|degrees?"
)
# Words that do not name what is counted ("2,000 in", "5 of the").
FUNCTION_WORDS = set(
    "a an the of in on at to for from by with and or but than as into over under about around per this that "
    "these those its their his her our was were is are be been has have had will would shall can could may "
    "might which who whom whose what when where while year years month months day days".split()
)
_IRREGULAR_COUNTS = {"people", "children", "staff", "personnel", "women", "men", "police", "aircraft", "fish"}
# "630,000 Vietnamese", "2,000 Kenyans", "400 Norwegians".
_DEMONYM = re.compile(r"^[A-Z][a-zà-ỹ]+(?:ese|ians|ans|is)$")


@dataclass(frozen=True)
class Figure:
    """The sentence's headline figure: its number, the unit to print with it, and where it is."""

    number: Decimal
    unit: str | None
    kind: str  # "money", "physical", "percent", "times", "count" or "scale"
    start: int
    end: int
    counted: tuple[str, ...] = ()  # for counts: the words naming what is counted ("investment projects")

    @property
    def value(self) -> int | float:
        return int(self.number) if self.number == self.number.to_integral() else float(self.number)


def _number(m: re.Match[str]) -> Decimal:
    return Decimal(m.group("number").replace(",", ""))


def _scale(m: re.Match[str]) -> str | None:
    word = m.group("scale") or m.group("abbr")
    return _SCALES.get(word, word) if word else None


def _money(sentence: str) -> Figure | None:
    patterns = (
        re.compile(_SYMBOL + r"\s?" + _N + _SCALE),  # US$46.2 billion, €3bn, ¥1.2 trillion
        re.compile(r"(?<![\w$])(?P<currency>[A-Z]{3})\s?" + _N + _SCALE),  # NOK 120 million
        re.compile(_N + _SCALE + r"\s?(?P<currency>[A-Z]{3})(?![\w])"),  # 120 million NOK
        re.compile(_N + _SCALE + rf"\s(?P<currency>{'|'.join(CURRENCY_NAMES)})(?![\w])"),  # 12.5 billion ducats
    )
    found = []
    for i, pattern in enumerate(patterns):
        for m in pattern.finditer(sentence):
            currency, scale = m.group("currency"), _scale(m)
            if i in (1, 2) and (not is_currency_code(currency) or currency in _NOT_CURRENCIES):
                continue
            # Symbols and codes go first, as format_quantity prints them; a word stays after the number.
            words = (scale, currency) if i == 3 else (currency, scale)
            found.append(Figure(_number(m), " ".join(w for w in words if w), "money", m.start(), m.end()))
            break
    return min(found, key=lambda f: f.start, default=None)


def _plural(word: str) -> str:
    return word if word.endswith("s") or word.isupper() else word + "s"


def _physical(sentence: str) -> Figure | None:
    abbreviation = re.compile(_N + rf"(?:\s?|-)(?P<unit>{_PHYSICAL_ABBREVIATIONS})(?![\w])")
    words = re.compile(_N + rf"(?:\s|-)(?P<unit>{_PHYSICAL_WORDS})(?![\w])", re.I)
    hits = [m for m in (abbreviation.search(sentence), words.search(sentence)) if m]
    if not hits:
        return None
    m = min(hits, key=lambda h: h.start())
    unit = m.group("unit")
    # "a 340-metre crossing" is 340 metres; "25 GW" stays as written.
    unit = unit if re.fullmatch(_PHYSICAL_ABBREVIATIONS, unit) else _plural(unit.lower())
    return Figure(_number(m), unit, "physical", m.start(), m.end())


def _simple(sentence: str) -> Figure | None:
    """Percentages and multiples: '2.7%', '12 per cent', '3 percentage points', '1.8 times'."""
    patterns = (
        (r"\s?(?:%|per ?cent\b|percent\b)", "%", "percent"),
        (r"\s(?:percentage points?)\b", "percentage points", "percent"),
        (r"(?:\s(?:times)\b|-fold\b)", "times", "times"),
    )
    for suffix, unit, kind in patterns:
        m = re.search(_N + suffix, sentence)
        if m:
            return Figure(_number(m), unit, kind, m.start(), m.end())
    return None


_WORD = re.compile(r"\s([^\W\d][\w’'-]*)")


def _is_plural(word: str) -> bool:
    lower = word.lower()
    return lower in _IRREGULAR_COUNTS or (
        word.islower() and lower.endswith("s") and not lower.endswith("ss") and len(lower) > 3
    )


def _count(sentence: str) -> Figure | None:
    """'5,557 valid investment projects', '100 million people', 'over 630,000 Vietnamese'."""
    for m in re.finditer(_N + r"(?:\s(?P<scale>thousand|million|billion|trillion))?", sentence):
        number = m.group("number")
        if re.fullmatch(r"1[89]\d\d|20\d\d", number) and not m.group("scale"):
            continue  # a year, not a count
        # The counted noun is one of the next three words: a plural ("2,000 Japanese companies"),
        # else a people's name ("630,000 Vietnamese are living in Japan").
        words: list[tuple[str, int]] = []
        end = m.end()
        while len(words) < 3:
            w = _WORD.match(sentence, end)
            if not w or w.group(1).lower() in FUNCTION_WORDS:
                break
            end = w.end()
            words.append((w.group(1), end))
        nouns = [i for i, (word, _end) in enumerate(words) if _is_plural(word)]
        nouns = nouns or [i for i, (word, _end) in enumerate(words) if _DEMONYM.match(word)]
        if nouns:
            word, end = words[nouns[0]]
            unit = f"{m.group('scale')} {word}" if m.group("scale") else word
            counted = tuple(w for w, _end in words[: nouns[0] + 1])
            return Figure(_number(m), unit, "count", m.start(), end, counted)
        if m.group("scale"):
            return Figure(_number(m), m.group("scale"), "scale", m.start(), m.end())
    return None


def find_figure(sentence: str) -> Figure | None:
    """The sentence's headline figure: money first, then physical quantities, percentages,
    multiples and counts (the first of the first kind the sentence has)."""
    for finder in (_money, _physical, _simple, _count):
        figure = finder(sentence)
        if figure is not None:
            return figure
    return None


def parse_value(sentence: str) -> tuple[float | int | None, str | None]:
    """The sentence's headline figure and unit, when one is recognised."""
    figure = find_figure(sentence)
    return (figure.value, figure.unit) if figure else (None, None)


# -- what the figure measures: metric and topic ------------------------------------------------

# Verbs and prepositions that link a measure to its figure ("trade reached US$46.2 billion").
_LINKS = (
    "reach reached reaching reaches totalled totaled totalling totaling totals amounted amounting stood standing hit "
    "was were is are rose grew grown fell increased decreased climbed dropped jumped surged of worth valued cost costs"
).split()
_FILLER = {"total", "valid", "new", "newly", "some", "over", "cumulative", "current", "combined", "annual", "overall"}
_GENERIC_TAILS = {"turnover", "value", "volume", "amount", "figure", "level"}
_PLACE_WORDS = {"in", "to", "from", "into", "with", "between", "across", "of"}
_STOPS = {"between", "since", "among", "during", "until", "after", "before", "within", "across", "through", "worth"}
_AUXILIARIES = {"has", "have", "had", "was", "were", "is", "are", "been", "be", "will", "would"}


def _content_words(words: list[str]) -> list[str]:
    """The last run of words that name a thing: lower case, no digits, no function words."""
    run: list[str] = []
    for i, word in enumerate(reversed(words)):
        bare = word.rstrip(",") if i == 0 else word  # "15 projects, totalling US$20 billion"
        if re.search(r"[^\w’'-]|\d|['’]s?$", bare) or bare.lower() in FUNCTION_WORDS:
            break
        # "the proposed transmission line" measures a transmission line (a "growth target" is one).
        if bare.lower() not in _FILLER and not (bare.endswith("ed") and mood_class(bare)) and not hedge_class(bare):
            run.insert(0, bare.lower())
    run = run[-3:]
    while len(run) > 1 and run[0].endswith("ing"):  # "advancing investment projects"
        run.pop(0)
    return run


def _subject(before: str) -> list[str]:
    """The words before the last linking verb: "two-way trade turnover reached …" → two-way trade."""
    words = before.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _LINKS:
            subject = words[:i]
            while subject and subject[-1].lower() in _AUXILIARIES:  # "trade has grown"
                subject.pop()
            # "investment in Viet Nam reached …", "trade between Norway and Kenya reached …": the
            # measure, not the places.
            names = len(subject)
            while names and (subject[names - 1][:1].isupper() or subject[names - 1] in ("and", "&")):
                names -= 1
            if names < len(subject) and names and subject[names - 1].lower() in _PLACE_WORDS:
                subject = subject[: names - 1]
            # "Bilateral trade between the two countries reached …": the measure is what comes
            # before the places, however they are named.
            cut = next((j for j, w in enumerate(subject) if j and w.lower() in _PLACE_WORDS - {"of"}), None)
            if cut is not None and _content_words(subject[:cut]):
                subject = subject[:cut]
            run = _content_words(subject)
            while len(run) > 1 and run[-1] in _GENERIC_TAILS:
                run.pop()
            return run
    return []


def _following(after: str) -> list[str]:
    """The thing a figure is of, for or in: "25 GW of renewable capacity" → renewable capacity;
    "a 46 per cent tariff" → tariff."""
    m = re.match(r"\s*(?:(?:of|for|in|on)\s+)?(?:(?:a|an|the)\s+)?((?:[^\W\d][\w-]*\s*){1,3})", after)
    if not m:
        return []
    run: list[str] = []
    for word in m.group(1).split():
        # A name ("in Kenya") or a word of time or place ("since", "between") ends the thing measured.
        if word.lower() in FUNCTION_WORDS or word.lower() in _FILLER or word.lower() in _STOPS or word[:1].isupper():
            break
        run.append(word.lower())
    # A verb may follow the figure ("2.7% compared to", "50% of graduates achieving"); a word in
    # -ing between two nouns names the thing ("a geothermal training centre").
    while run and run[-1].endswith(("ed", "ing")):
        run.pop()
    return run if run and not run[0].endswith(("ed", "ing")) else []


def _place(after: str) -> list[str]:
    """'… studying in Norway' → ['in', 'norway']: where the counted are, or go."""
    m = re.match(r"(?:\s+[a-z][\w-]*){0,3}?\s+(in|to)\s+((?:[A-ZÀ-ỸĐ][\w’'-]*\s?){1,3})", after)
    return [m.group(1), *m.group(2).lower().split()] if m else []


def _ends_with_link(before: str) -> bool:
    """ "a growth rate of [about] 7.52%": the measure is named before the figure."""
    words = [w for w in before.lower().split() if hedge_class(w) is None]
    return bool(words) and words[-1] in _LINKS


def suggest_metric(sentence: str, figure: Figure) -> str | None:
    """A slug for what the figure measures, from the words around it: 'two-way-trade',
    'registered-capital', 'students-in-norway', 'renewable-capacity'."""
    clause = clause_of(sentence, figure.number)
    offset = sentence.find(clause)
    inside = 0 <= offset <= figure.start <= offset + len(clause)
    before = sentence[offset : figure.start] if inside else sentence[: figure.start]
    after = sentence[figure.end :]
    if figure.kind == "count":
        counted = [w.lower() for w in figure.counted if w.lower() not in _FILLER]
        words = counted + _place(after)
    elif figure.kind in ("physical", "percent") and not _ends_with_link(before):
        words = _following(after) or _subject(before)
    else:
        words = _subject(before) or _following(after)
    if len(words) == 1 and (words[0] in _LINKS or words[0] in _STOPS):
        return None
    return same_quantity(slug(" ".join(words))) or None


# Generic topics of bilateral relations, each with the word stems that suggest it ("|" between
# them; matched at the start of a word, in lower case). The topic whose stems occur most wins;
# a tie goes to the first.
TOPICS: dict[str, str] = {
    "defence and security": "defen|security|military|armed forces|navy|naval|coast guard|peacekeep|weapon|arms |cyber",
    "energy": (
        "energy|electricity|transmission|grid|power plant|power station|gw |mw |megawatt|gigawatt|renewable|solar"
        "|wind power|wind farm|offshore wind|geothermal|hydro|lng|gas |oil |nuclear|emission|decarboni|net zero|climate"
    ),
    "health": "health|hospital|vaccin|medic|disease|pandemic|covid",
    "science and technology": (
        "science|scientific|technolog|digital|semiconductor|research|innovation|artificial intelligence|ai |space "
        "|satellite"
    ),
    "education": "student|universit|education|school|scholarship|training|language|doctoral|phd|academic",
    "development cooperation": (
        "oda |official development|development assistance|aid |grant|concessional|loan|infrastructure|railway|metro"
        "|bridge|road|port |airport"
    ),
    "investment": "invest|registered capital|fdi",
    "economy and trade": "trade|export|import|gdp|econom|tariff|market|business|enterprise|compan|firm",
    "people-to-people ties": (
        "touris|visitor|travel|diaspora|living in|residing|communit|cultur|festival|exchange|people-to-people|labour"
        "|worker"
    ),
    "multilateral affairs": (
        "united nations|un |asean|african union|eu |european union|g7|g20|apec|multilateral|wto|imf|world bank"
        "|commonwealth"
    ),
    "high-level visits": "visit|prime minister|president|minister|king|queen|talks|summit",
    "political relations": "diplomatic relations|partnership|relations|ties|embassy|ambassador|memorandum|agreement|treaty",
}


def suggest_topic(sentence: str) -> str:
    """The generic topic whose words the sentence uses most, else "general"."""
    lower = " " + re.sub(r"[^\w\s+-]", " ", sentence.lower()) + " "
    scores = [
        (sum(lower.count(" " + stem) for stem in stems.split("|")), -i, topic)
        for i, (topic, stems) in enumerate(TOPICS.items())
    ]
    best = max(scores)
    return best[2] if best[0] else "general"


# -- dates, hedges and moods -------------------------------------------------------------------


def suggest_qualifier(sentence: str, number: Decimal, language: str = "en") -> str | None:
    """The hedge the sentence puts on the value ("more than 2,000" → "more than"), as check asks."""
    hedge = hedge_of(sentence, number, language)
    return hedge[1].lower() if hedge and hedge[0] else None


def suggest_status(sentence: str, number: Decimal, language: str = "en") -> str | None:
    """The status the value needs when the sentence gives it as expected, proposed or a goal ("Kenya
    plans to add 25 GW" → "expected"): one that every mood before the value accepts."""
    if not mood_classes(clause_of(sentence, number, language=language), language):
        return None
    moods = moods_before(sentence, number, language)
    for mood, words in moods.items():
        if all(mood in MOOD_ACCEPTS.get(other, {other}) for other in moods):
            return status_for(mood, words)
    return None


# -- stubs -------------------------------------------------------------------------------------


@dataclass
class Stub:
    """A fact stub: the fields to paste under ``facts:``, and comments for the curator."""

    fields: dict[str, object]
    comments: list[str] = field(default_factory=list)


def find_figure_in(sentence: str, language: str) -> Figure | None:
    """The headline figure in any language: in English the full reading of currencies and units
    (find_figure); elsewhere the first figure read in the language's notation, with the words
    after it ("46,2 tỷ USD" → 46.2, "tỷ USD")."""
    if language.split("-")[0] == "en":
        return find_figure(sentence)
    dates = date_spans(sentence, language)
    m = next((m for m in figure_re(language).finditer(sentence) if not any(a <= m.start() < b for a, b in dates)), None)
    if m is None:
        return None
    after = sentence[m.end() :].split()
    unit = " ".join(after[:2]).strip(" ,.;:") or None
    return Figure(figure_value(m.group(), language), unit, "count", m.start(), m.end())


def stub_for(sentence: str, stub_id: str, source_id: str, language: str = "en") -> Stub:
    """The stub for one sentence: what its figure, hedge, mood, words and date suggest."""
    stub = Stub({"id": stub_id, "topic": suggest_topic(sentence), "text": sentence, "source": source_id})
    stub.fields["quote"] = sentence
    figure = find_figure_in(sentence, language)
    if figure is not None:
        stub.fields["value"] = figure.value
        stub.fields["unit"] = figure.unit
        for name, suggested in (
            ("qualifier", suggest_qualifier(sentence, figure.number, language)),
            ("status", suggest_status(sentence, figure.number, language)),
            ("metric", suggest_metric(sentence, figure) if language.split("-")[0] == "en" else None),
        ):
            if suggested:
                stub.fields[name] = suggested
    # A figure dated in words ("in 2024") keeps that date, whatever else the sentence says
    # ("officials said on Wednesday"): the relative words date the saying, not the figure.
    when = date_of(sentence, language)
    if when:
        stub.fields["as_of"] = when
    relative = relative_words(sentence, language)
    if relative:
        # relative_words gives the words in lower case; the comment quotes them as written.
        start = sentence.lower().find(relative[0])
        words = sentence[start : start + len(relative[0])] if start >= 0 else relative[0]
        left = "" if when else "; as_of left out"
        stub.comments.append(f"says “{words}”: write the date it means in text (the article's date resolves it){left}")
    return stub


def date_of(sentence: str, language: str = "en") -> str | None:
    """The period a sentence dates its figure to, read in its language: its most precise date
    (a day, then a single month, then a year), the first of those, that is not a bound ("by
    2030" is a deadline, "since 2015" a start: neither is the period the figure refers to). "The
    first half of 2025" is the year: a span of months gives no one month."""
    found = evidence(sentence, None, language)
    bounds = word_lists(language).bounds
    candidates = []
    for year in found.years:
        at = _period_use(sentence, year, bounds)
        if at is None:
            continue
        months = sorted(found.months.get(year, ()))
        month = months[0] if len(months) == 1 else None
        days = sorted(found.days.get((year, month), ())) if month else []
        date = PartialDate(year, month, days[0] if len(days) == 1 else None)
        candidates.append((-(month is not None) - (date.day is not None), at, date))
    return str(min(candidates)[2]) if candidates else None


def _period_use(sentence: str, year: int, bounds: tuple[str, ...]) -> int | None:
    """Where the sentence first names the year other than as a bound, or None."""
    for m in re.finditer(rf"(?<!\d){year}(?!\d)", sentence):
        before = sentence[: m.start()].lower().split()
        if not (before and before[-1] in bounds):
            return m.start()
    return None


_HTML_RE = re.compile(r"\s*(?:<!doctype html|<html\b|<head\b|<body\b|<(?:p|div|article)\b[^>]*>)", re.I)


def _capture_hint(kind: str, article: Path) -> str:
    return (
        f"is {kind}, not an article's saved text: capture it with `factbrief add {article} FACT_FILE`, "
        "which saves its text, then extract from that"
    )


def _starts_with(path: Path, magic: bytes) -> bool:
    if not is_regular_file(path):  # a FIFO would block on open
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def extract_stubs(article: Path, source_id: str, language: str = "en") -> list[Stub]:
    """One fact stub per sentence of prose with a figure: quote = the exact sentence, ready to edit.
    Figures are read in the article's ``language`` (5.557 is 5557 in Vietnamese)."""
    try:
        raw = read_text(article)
    except InputError:
        if _starts_with(article, b"%PDF-"):
            raise InputError(Problem(str(article), None, _capture_hint("a PDF", article))) from None
        raise
    if _HTML_RE.match(raw):
        raise InputError(Problem(str(article), None, _capture_hint("a web page", article)))
    lines = raw.split("\n")
    stubs = []
    seen: set[str] = set()
    first_of_line: set[int] = set()
    prose: dict[int, bool] = {}  # per line: a long paragraph is read once, not once per sentence
    for n, (start, end, line) in enumerate(sentences(raw), start=1):
        if line not in prose:
            prose[line] = is_prose(lines[line - 1])
        if not prose[line]:
            continue
        sentence = " ".join(raw[start:end].split())
        if line not in first_of_line:
            first_of_line.add(line)
            sentence = strip_dateline(sentence)
        if _QUESTION.search(sentence) or not figure_re(language).search(sentence) or sentence in seen:
            continue  # a question states nothing; a repeated sentence (a teaser) was stubbed once
        seen.add(sentence)
        stubs.append(stub_for(sentence, f"{source_id}-{n:03d}", source_id, language))
    return stubs


def stubs_to_yaml(stubs: list[Stub]) -> str:
    """YAML ready to paste under ``facts:`` (a list, indented by two spaces), comments above each stub."""
    out = []
    for stub in stubs:
        out += [f"  # {comment}\n" for comment in stub.comments]
        text = yaml.safe_dump([stub.fields], allow_unicode=True, sort_keys=False, width=100_000)
        out += [f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True)]
    return "".join(out)
