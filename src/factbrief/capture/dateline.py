"""Dates a document states in its visible text, offered to the user, never written by themselves.

A page's metadata may give no publication date while its dateline ("Published 3 July 2025")
does; a PDF has no such metadata, but its first page often prints the date. Such a date is a
reading of running text, where a date may as well be an event's, so `add` only suggests it: the
user confirms it with ``--published``. Dates are read by text/dates.py, in the page's language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lxml import html as lxml_html

from factbrief.model import PartialDate
from factbrief.text.dates import stated_dates

# Elements that hold a dateline: their class or id names a date, a byline or the article's meta line.
_DATELINE_HINT = re.compile(r"date|time|publish|posted|byline|dateline|timestamp|article-?meta|entry-?meta", re.I)
_MAX_DATELINE_CHARS = 200
_FIRST_PARAGRAPHS = 3


@dataclass(frozen=True)
class Suggestion:
    """A date the document states, and where it says it ("the page's dateline", "the PDF's first page")."""

    date: PartialDate
    where: str


def first_stated(texts: list[str], where: str, today: dt.date, language: str = "en") -> Suggestion | None:
    """The first whole date (day, month, year) in ``texts`` that is not after today."""
    for text in texts:
        for date in stated_dates(text, _language(language)):
            if 1900 <= date.year and date.start <= today + dt.timedelta(days=1):
                return Suggestion(date, where)
    return None


def dateline_texts(tree: lxml_html.HtmlElement) -> list[str]:
    """The short texts of a page that may be its dateline: its <time> elements, then the elements
    whose class or id names a date, a byline or the article's meta line."""
    shown = [e.text_content() for e in tree.iter("time")]
    shown += [
        e.text_content()
        for e in tree.iter()
        if isinstance(e.tag, str)
        and e.tag not in ("html", "body", "article", "main")
        and _DATELINE_HINT.search(f"{e.get('class') or ''} {e.get('id') or ''}")
    ]
    return [" ".join(t.split()) for t in shown if t and len(t.strip()) <= _MAX_DATELINE_CHARS]


def page_dateline(shown: list[str], paragraphs: list[str], today: dt.date, language: str) -> Suggestion | None:
    """A date the page shows in its dateline, else in the first paragraphs of its article text
    (the dateline of a news agency's story)."""
    return first_stated(shown, "the page's dateline", today, language) or first_stated(
        paragraphs[:_FIRST_PARAGRAPHS], "the article's first lines", today, language
    )


def first_lines(paragraphs: list[str], where: str, today: dt.date) -> Suggestion | None:
    """A date in a document's first paragraphs (a PDF's first page, a text's first lines)."""
    return first_stated(paragraphs[:_FIRST_PARAGRAPHS], where, today)


def _language(language: str) -> str:
    return language.split("-")[0].lower() if re.match(r"^[A-Za-z]{2,3}(?:-|$)", language) else "en"
