"""The footnote registry: one number per set of citations, numbered in the order of first call."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jinja2 import TemplateRuntimeError

from factbrief.model import Citation, Fact, FactFile, Milestone
from factbrief.text.cleaning import normalise
from factbrief.text.dates import DATE_WORDS_RE, evidence
from factbrief.text.escaping import escape_markdown
from factbrief.text.formatting import format_date
from factbrief.text.numbers import FIGURE_RE, numbers_in, scaled_in

_CLAUSE_RE = re.compile(r"(?<=[,;:])\s+|\s+[-–—]\s+")
SHORT_QUOTE_MAX = 110


def short_quote(quote: str, wanted: set, claim: str = "") -> str:
    """The clause(s) of a quote holding every wanted number, with ellipses where text was cut.

    Every wanted number the quote holds stays in the short form, however long that makes it:
    a note that leaves out the figure it backs proves nothing. Without a wanted number, the
    clause sharing most words with the claim it supports is shown.
    """
    quote = " ".join(quote.split())
    clauses = _CLAUSE_RE.split(quote)
    found = [n for n in wanted if any(n in numbers_in(c) for c in clauses)]
    chosen = sorted({next(i for i, c in enumerate(clauses) if n in numbers_in(c)) for n in found})
    if len(found) < len(wanted):  # a year the quote gives in words ("In April this year")
        dated = next((i for i, c in enumerate(clauses) if DATE_WORDS_RE.search(c)), None)
        if dated is not None:
            chosen = sorted({*chosen, dated})
    if not found:  # no figure to go by: the clause that shares most words with the claim
        claim_words = _words(claim)
        shared = [len(_words(c) & claim_words) for c in clauses]
        if max(shared) > 0:
            chosen = sorted({*chosen, shared.index(max(shared))})
    if not chosen:
        chosen = [next((i for i, c in enumerate(clauses) if FIGURE_RE.search(c)), 0)]
    whole = " ".join(clauses[chosen[0] : chosen[-1] + 1])
    runs = [whole] if len(whole) <= SHORT_QUOTE_MAX else [" ".join(clauses[a : b + 1]) for a, b in _runs(chosen)]
    parts = [_around(run, set(found)) for run in runs]
    text = " … ".join(p.strip(" ,;:") for p in parts)
    prefix = "" if quote.startswith(parts[0].lstrip("…")) else "…"
    suffix = "" if quote.endswith(parts[-1].rstrip("…")) else "…"
    return f"{prefix}{text}{suffix}".replace("……", "…")


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Consecutive indices grouped: [1, 2, 4] → [(1, 2), (4, 4)]."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _around(text: str, wanted: set) -> str:
    """A long clause cut to the words around its wanted numbers (all kept)."""
    if len(text) <= SHORT_QUOTE_MAX:
        return text
    spans = [m.span() for m in FIGURE_RE.finditer(text) if numbers_in(m.group()) & wanted]
    if not spans:
        return text[:SHORT_QUOTE_MAX].rsplit(" ", 1)[0] + "…"
    start = max(0, spans[0][0] - 45)
    end = min(len(text), spans[-1][1] + 45)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = text.find(" ", end) if text.find(" ", end) >= 0 else len(text)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _words(text: str) -> set[str]:
    """The words of a text worth matching: four letters or more, lower-cased."""
    return set(re.findall(r"\w{4,}", text.lower()))


def _date_numbers(date) -> set:
    """Year, month and day of a partial date, as the numbers a page may print for it (1/9/2025)."""
    if date is None:
        return set()
    return {Decimal(n) for n in (date.year, date.month, date.day) if n}


def printed_figures(item: Fact | Milestone) -> set:
    """The figures a document prints for an item, which its note must hold: the statement's, the
    value, and the year and day of its date (a milestone's date, a fact's as_of)."""
    numbers = numbers_in(item.text)
    date = item.date if isinstance(item, Milestone) else item.as_of
    if isinstance(item, Fact) and item.value is not None:
        numbers |= numbers_in(str(item.value))
    if date is not None:
        numbers |= {Decimal(date.year)} | ({Decimal(date.day)} if date.day else set())
    return numbers


@dataclass(frozen=True)
class Note:
    """One footnote: its number and the citations it gives."""

    number: int
    citations: tuple[Citation, ...]
    short: bool
    wanted: frozenset  # numbers the citing text prints, to pick the clause in short form
    claim: str  # the citing text, to pick the clause when it prints no number


class Footnotes:
    """Numbers footnotes for one document; the same citations always get the same number."""

    def __init__(self, fact_file: FactFile, gettext: Callable[[str], str] = str) -> None:
        self.fact_file = fact_file
        self._numbers: dict[tuple, Note] = {}
        self.cited_ids: set[str] = set()  # every fact and milestone cited, for "printed nowhere"
        self.items_of: dict[int, list[Fact | Milestone]] = {}  # note number → the items that cite it
        self.language = fact_file.documents_language
        self.gettext = gettext

    def cite(self, item: Fact | Milestone, short: bool = False) -> str:
        """The Markdown footnote reference for this fact or milestone, e.g. ``[^3]``."""
        if not isinstance(item, Fact | Milestone):
            raise TemplateRuntimeError(f"cite() takes a fact or a milestone, not {type(item).__name__}")
        self.cited_ids.add(item.id)
        key = (tuple((c.source, normalise(c.quote)) for c in item.citations), short)
        note = self._numbers.get(key)
        if note is None:
            wanted = printed_figures(item)
            note = Note(len(self._numbers) + 1, item.citations, short, frozenset(wanted), item.text)
            self._numbers[key] = note
        cited = self.items_of.setdefault(note.number, [])
        if item not in cited:
            cited.append(item)
        return f"[^{note.number}]"

    def proves(self) -> dict[str, set]:
        """For each note: every figure it backs — its quotes' numbers (read in each source's
        language, with the years their relative dates resolve to and the articles' dates) and the
        figures of the items that cite it (their statements, values and dates, which check proves
        from those quotes). The lint holds each sentence's figures to the notes it calls."""
        out: dict[str, set] = {}
        for note in self._numbers.values():
            figures: set = set()
            for c in note.citations:
                source = self.fact_file.sources[c.source]
                language = source.language or self.fact_file.language
                quote = normalise(c.quote)
                figures |= numbers_in(quote, language) | scaled_in(quote, language)
                figures |= {Decimal(y) for y in evidence(quote, source.published, language).years}
                figures |= _date_numbers(source.published)
            for item in self.items_of.get(note.number, []):
                figures |= printed_figures(item) | numbers_in(item.text, self.fact_file.language)
                figures |= _date_numbers(item.date if isinstance(item, Milestone) else item.as_of)
            out[str(note.number)] = figures
        return out

    @property
    def notes(self) -> list[Note]:
        return list(self._numbers.values())

    def note_text(self, note: Note) -> str:
        """The footnote's Markdown text: full form, or the short form for one-page documents."""
        first, *others = note.citations
        source = self.fact_file.sources[first.source]
        if note.short:
            when = format_date(source.published, True, self.language)
            head = f"{source.publisher}, {when}" if when else source.publisher
            text = f"{head}: “{short_quote(first.quote, set(note.wanted), note.claim)}”"
            names = dict.fromkeys(self.fact_file.sources[c.source].publisher for c in others)
            if names:
                text += "; " + self.gettext("also") + " " + ", ".join(names)
            return escape_markdown(text)
        when = format_date(source.published, language=self.language)
        text = f"{source.publisher}, “{source.title}”" + (f", {when}" if when else "")
        text += f": “{' '.join(first.quote.split())}”"
        # Corroborating sources are named, with their date; their quotes are checked like the first.
        also = []
        for c in others:
            other = self.fact_file.sources[c.source]
            other_when = format_date(other.published, language=self.language)
            also.append(other.publisher + (f", {other_when}" if other_when else ""))
        if also:
            text += "; " + self.gettext("also") + " " + "; ".join(dict.fromkeys(also))
        return escape_markdown(text)

    def definitions(self) -> str:
        """Every footnote definition, in number order, as Markdown."""
        return "\n".join(f"[^{n.number}]: {self.note_text(n)}" for n in self.notes)
