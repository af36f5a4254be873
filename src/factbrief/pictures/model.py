"""What a picture shows, as plain data: every mark with its words already written as the document
writes them, and nothing the drawing would have to look up (pictures/svg.py draws it)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from factbrief.model import PartialDate
from factbrief.text.slugs import slug

KINDS = ("timeline", "conflict", "series")


@dataclass(frozen=True)
class Mark:
    """One value a picture plots, with its words as the document prints them."""

    start: dt.date  # the period it refers to: a day, a month or a year
    end: dt.date
    day: bool  # a single day, drawn as a point; a month or year is drawn as a bar
    when: str  # the period as printed: "21 Sept 1973", "Apr 2002", "2003" (empty if none)
    text: str  # what it is: a milestone's text, a reading's figure
    filled: bool = False  # past (timeline) or the preferred reading (conflict)
    who: str = ""  # the source's publisher (conflict)
    value: Decimal | None = None  # the number plotted on a scale (conflict, series)
    ref: str = ""  # the milestone's id, for messages
    line: int | None = None  # where the milestone starts in the fact file, for messages
    short: str = ""  # a milestone's short label (``short:``), printed where its text cannot fit whole


@dataclass(frozen=True)
class Picture:
    """What one picture shows: everything the drawing needs, and nothing it would have to look up."""

    name: str  # the file name: NAME-timeline.svg, NAME-conflict-METRIC.svg, NAME-series-METRIC.svg
    kind: str  # one of KINDS
    alt: str  # the alternative text: what the picture shows, in words
    marks: tuple[Mark, ...]
    as_of: dt.date
    as_of_label: str  # "as of 1 Sept 2025": the brief's date is metadata
    language: str  # dates' (the documents' language)
    numbers_language: str  # figures' and scales' (the fact file's: its units are its words)
    compact: bool = False  # a timeline for a column: one row, dates only
    by_period: bool = False  # a conflict over when, not how much: marks on a time axis
    fact_file: str = ""  # the fact file as the user named it, for messages

    @property
    def backed(self) -> frozenset[str]:
        """The digits a picture may print besides its scales: those of the words its marks were
        given (each proven by a note the caption calls) and of the brief's date."""
        words = [self.as_of_label, self.alt] + [w for m in self.marks for w in (m.when, m.text, m.who, m.short)]
        return frozenset(d for w in words for d in re.findall(r"\d+", w))


def file_slug(text: str) -> str:
    """A metric as part of a file name: ``two-way-trade``."""
    return slug(text, chars=60) or "metric"


def period(date: PartialDate) -> tuple[dt.date, dt.date, bool]:
    return date.start, date.end, date.day is not None
