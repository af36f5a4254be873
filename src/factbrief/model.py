"""The fact file as typed data: sources, facts, milestones. No I/O, no rendering."""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import total_ordering
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


class TemplateData:
    """Marks the data classes a template may see: plain values, no paths, no I/O (environment.py)."""

    __slots__ = ()


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate(TemplateData):
    """A date known to the year, the month or the day: ``2025``, ``2025-04``, ``2025-04-28``.
    Print it with the ``date`` filter."""

    year: int  # the year, always known
    month: int | None = None  # 1–12, or None when only the year is known
    day: int | None = None  # the day of the month, or None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        m = _DATE_RE.match(text.strip())
        if not m:
            raise ValueError(f"'{text}' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)")
        year_digits, month_digits, day_digits = m.groups()
        year = int(year_digits)
        month = int(month_digits) if month_digits else None
        day = int(day_digits) if day_digits else None
        if year < 1:
            raise ValueError(f"'{text}' has no year 0 (expected a year from 0001 to 9999)")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has no month {month}")
        if day is not None:
            assert month is not None  # the pattern has no day without a month
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a day of the calendar") from None
        return cls(year, month, day)

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        """(year, month, day), unknown parts 0: a year sorts before its months."""
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class Source:
    """A saved article: who published it, its title, and where its text is."""

    id: str
    publisher: str
    title: str
    file: Path  # absolute
    file_text: str  # as written in the fact file
    line: int
    published: PartialDate | None = None
    url: str | None = None
    language: str | None = None  # the article's language, when not the fact file's
    sha256: str | None = None  # the fingerprint of the file's bytes when it was captured or accepted
    captured: PartialDate | None = None  # the day `factbrief add` saved it


@dataclass(frozen=True)
class Translation:
    """A fact's or milestone's words in another language (``translations: {fr: {text: …}}``): each
    given field is printed instead of the original where the documents are in that language, and
    each is proven against the same quote as the original (verify)."""

    language: str  # a BCP 47 tag Babel knows
    line: int  # where it is in the fact file
    text: str | None = None
    label: str | None = None
    unit: str | None = None
    qualifier: str | None = None
    status: str | None = None
    note: str | None = None
    point: str | None = None  # the talking point's own line (a fact's ``point: <line>``)

    def fields(self) -> dict[str, str]:
        """The fields it gives, by the name of the fact's field each stands for."""
        names = {n: n for n in ("text", "label", "unit", "qualifier", "status", "note")} | {"point": "point_text"}
        return {key: v for n, key in names.items() if (v := getattr(self, n)) is not None}


@dataclass(frozen=True)
class Names:
    """A file's names in another language (top-level ``translations: {fr: {topics: …, units: …}}``)."""

    language: str
    line: int
    topics: dict[str, str] = field(default_factory=dict)  # topic as written → its translation
    units: dict[str, str] = field(default_factory=dict)  # unit as written → its translation
    parties: dict[str, str] = field(default_factory=dict)  # a party's name → its name in the language
    qualifiers: dict[str, str] = field(default_factory=dict)  # "more than" → "plus de"
    statuses: dict[str, str] = field(default_factory=dict)  # "expected" → "prévu"
    heading: dict[str, str] = field(default_factory=dict)  # title, subtitle, purpose, marking → translation


def pick(language: str, translations: Mapping[str, T]) -> T | None:
    """The entry for a language tag: ``fr-CA``, else ``fr``; None if neither."""
    return translations.get(language) or translations.get(language.split("-")[0])


@dataclass(frozen=True)
class Citation(TemplateData):
    """A verbatim quote from one source."""

    source: str  # the source's id: ``doc.sources[citation.source]``
    quote: str  # verbatim from the saved article
    line: int  # where it is in the fact file
    source_line: int | None = None  # where its ``source:`` is (a typo there is reported there)


class Cited(TemplateData):
    """What facts and milestones share: a main citation, and ``also`` the sources that corroborate it."""

    __slots__ = ()
    id: str
    line: int
    citation: Citation
    also: tuple[Citation, ...]

    @property
    def source(self) -> str:
        """The main citation's source id."""
        return self.citation.source

    @property
    def quote(self) -> str:
        """The main citation's quote."""
        return self.citation.quote

    @property
    def citations(self) -> tuple[Citation, ...]:
        """The main citation, then ``also``."""
        return (self.citation, *self.also)


@dataclass(frozen=True)
class Fact(Cited):
    """One statement the documents print, with its figure and the quote that proves it."""

    id: str  # unique across facts and milestones; a key, never printed
    topic: str  # documents group facts by topic, in order of first appearance
    text: str  # the statement to print
    citation: Citation  # the main source and quote (``source`` and ``quote`` below)
    line: int  # where the fact starts in the fact file
    value: float | int | None = None  # the headline number, proved by the quote; print it with ``figure``
    unit: str | None = None  # printed with the value: "%", "people", "US$ billion" (currency first)
    qualifier: str | None = None  # the hedge printed before the value: "more than", "nearly"
    status: str | None = None  # the mood printed after it: "expected", "proposed", "target"
    as_of: PartialDate | None = None  # the period the figure refers to
    metric: str | None = None  # what the value measures: facts sharing a metric can conflict
    label: str | None = None  # a short label for tables (the ``label`` filter falls back to the topic)
    priority: int | None = None  # 1–9, 1 first: picks the briefing's key points
    glance: bool = False  # shown in the briefing's "relationship at a glance"
    watch: bool = False  # listed under the briefing's "issues to watch"
    preferred: bool = False  # among conflicting readings, the one to print first
    note: str | None = None  # why the sources differ
    also: tuple[Citation, ...] = ()  # further sources that prove the same figure
    translations: tuple[Translation, ...] = ()  # its words in other languages (not for templates)

    def translated(self, language: str, names: Names | None) -> Fact:
        """The fact as a document in ``language`` prints it: each translated field instead of the
        original, the file's topic and unit names; the rest (id, value, citations) as it is."""
        tr = pick(language, {t.language: t for t in self.translations})
        changes: dict[str, object] = dict(tr.fields()) if tr else {}
        if names:
            changes["topic"] = names.topics.get(self.topic, self.topic)
            for key, table in (("unit", names.units), ("qualifier", names.qualifiers), ("status", names.statuses)):
                own = getattr(self, key)
                if own and key not in changes and own in table:
                    changes[key] = table[own]
        return dataclasses.replace(self, **changes) if changes else self  # type: ignore[arg-type]

    ask: str | None = None  # the party that asks for it: listed under "what each party wants"
    deliverable: bool = False  # something the meeting could deliver: "possible deliverables"
    point: bool = False  # a point to raise: the talking points are built from these
    point_text: str | None = None  # the line to say, when ``point:`` gives one (else ``text``)
    point_line: int | None = None  # where that line is in the fact file
    sentence: bool = False  # a table row prints the fact's sentence, not its bare figure
    stale_after: int | None = None  # days after ``as_of`` when its status is to be confirmed


@dataclass(frozen=True)
class Milestone(Cited):
    """A dated event in the relationship."""

    id: str  # unique across facts and milestones; a key, never printed
    date: PartialDate  # when it happened, or is to happen
    text: str  # the statement to print
    citation: Citation  # the main source and quote (``source`` and ``quote`` below)
    line: int  # where the milestone starts in the fact file
    topic: str | None = None  # e.g. "high-level visits": engagement milestones feed the briefing
    also: tuple[Citation, ...] = ()  # further sources that prove it
    short: str | None = None  # a shorter label the timeline may print, proven like the text
    translations: tuple[Translation, ...] = ()  # its text in other languages (not for templates)

    def translated(self, language: str, names: Names | None) -> Milestone:
        """The milestone as a document in ``language`` prints it (its text translated, if it is)."""
        tr = pick(language, {t.language: t for t in self.translations})
        return dataclasses.replace(self, text=tr.text) if tr and tr.text else self


@dataclass(frozen=True)
class Ignored:
    """A figure in a source that is deliberately not a fact, and why."""

    source: str
    figure: str
    quote: str
    reason: str
    line: int


@dataclass
class FactFile:
    """A whole fact file, every node keeping the line it came from."""

    path: Path
    display: str  # the path as the user named it, for messages
    title: str
    parties: list[str]
    as_of: dt.date
    sources: dict[str, Source]
    facts: list[Fact]
    milestones: list[Milestone]
    subtitle: str | None = None
    marking: str | None = None
    purpose: str | None = None
    office: str | None = None  # who issues the documents: the Word files' author (printing/wordpost.py)
    language: str = "en"
    page: dict[str, str] = field(default_factory=dict)  # size, margin, font_size, font_family
    ignored: list[Ignored] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> line
    reader_language: str | None = None  # the documents' language, when a build asks for another
    names: dict[str, Names] = field(default_factory=dict)  # language → topic and unit names in it
    figures_language: str | None = None  # set by ``in_language`` when every figure's words are translated
    max_age_days: int | None = None  # ``max_age``: older figures print "status to be confirmed"

    @property
    def documents_language(self) -> str:
        """The language the documents are written in: the reader's, else the fact file's."""
        return self.reader_language or self.language

    @property
    def numbers_language(self) -> str:
        """The language figures are written in: the fact file's, whatever the documents' language.
        A figure's unit and qualifier are the fact file's words ("US$46.2 billion"), and a reader
        of French would take "46,2 billion" for 46.2 × 10¹²: the number keeps their notation."""
        return self.figures_language or self.language

    def untranslated(self, language: str) -> list[Fact | Milestone]:
        """The facts and milestones a document in ``language`` prints in the fact file's language:
        no translation of their text (or, for a figure, of its unit, qualifier or status)."""
        if language.split("-")[0] == self.language.split("-")[0]:
            return []
        names = pick(language, self.names)
        out: list[Fact | Milestone] = []
        items: list[Fact | Milestone] = [*self.facts, *self.milestones]
        for item in items:
            shown = item.translated(language, names)
            figure_left = isinstance(item, Fact) and isinstance(shown, Fact) and not _figure_translated(item, shown)
            point_left = (
                isinstance(item, Fact)
                and isinstance(shown, Fact)
                and item.point_text is not None
                and shown.point_text == item.point_text
            )
            if shown.text == item.text or figure_left or point_left:
                out.append(item)
        return out

    def in_language(self, language: str) -> FactFile:
        """The fact file as documents in ``language`` print it: each item's translations, the
        topics' and units' names. Figures are written in that language's notation only when every
        figure's words (unit, qualifier, status) are translated: "46,2 billion" would read as
        46.2 × 10¹² in French."""
        if language.split("-")[0] == self.language.split("-")[0]:
            return self
        names = pick(language, self.names)
        facts = [f.translated(language, names) for f in self.facts]
        milestones = [m.translated(language, names) for m in self.milestones]
        whole = all(_figure_translated(f, t) for f, t in zip(self.facts, facts, strict=True) if f.value is not None)
        if not whole:  # the figures keep the fact file's words and notation
            keep = ("unit", "qualifier", "status")
            facts = [
                dataclasses.replace(t, **{k: getattr(f, k) for k in keep})
                for f, t in zip(self.facts, facts, strict=True)
            ]
        heading: dict[str, Any] = dict(names.heading) if names else {}
        parties = [names.parties.get(p, p) for p in self.parties] if names else self.parties
        if names:  # an ask names its party as the document does
            facts = [dataclasses.replace(f, ask=names.parties.get(f.ask, f.ask)) if f.ask else f for f in facts]
        return dataclasses.replace(
            self,
            facts=facts,
            milestones=milestones,
            figures_language=language if whole else None,
            parties=parties,
            **heading,
        )

    @property
    def folder(self) -> Path:
        return self.path.parent


def figure_words_left(fact: Fact, shown: Fact) -> list[str]:
    """The words printed with the fact's figure that are still in the fact file's language, as
    ``field 'words'`` (a unit of signs alone, "%", is in every language)."""
    if fact.value is None:
        return []
    left = []
    if fact.unit is not None and shown.unit == fact.unit and re.search(r"[^\W\d_]", fact.unit):
        left.append(f"unit '{fact.unit}'")
    for key in ("qualifier", "status"):
        value = getattr(fact, key)
        if value is not None and getattr(shown, key) == value:
            left.append(f"{key} '{value}'")
    return left


def _figure_translated(fact: Fact, shown: Fact) -> bool:
    """Whether every word printed with the fact's figure is in the other language."""
    return not figure_words_left(fact, shown)
