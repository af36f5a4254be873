"""The footnote registry: one number per set of citations, numbered in the order of first call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from jinja2 import TemplateRuntimeError

from factbrief.model import Citation, Fact, FactFile, Milestone
from factbrief.render.excerpts import excerpt
from factbrief.text.cleaning import normalise
from factbrief.text.dates import evidence
from factbrief.text.escaping import escape_markdown
from factbrief.text.formatting import format_date
from factbrief.text.lexicon import months, words
from factbrief.text.numbers import numbers_in, scaled_in, spelled_in


def _month_words(item: Fact | Milestone) -> frozenset[str]:
    """The names of the month an item is dated to (its milestone date, its as_of), which its note
    must show when the quote gives them ("since taking office in October")."""
    date = item.date if isinstance(item, Milestone) else item.as_of
    if date is None or date.month is None:
        return frozenset()
    return frozenset(name for name, number in months("en").items() if number == date.month and len(name) > 3)


def _date_numbers(date) -> set:
    """Year, month and day of a partial date, as the numbers a page may print for it (1/9/2025)."""
    if date is None:
        return set()
    return {Decimal(n) for n in (date.year, date.month, date.day) if n}


def printed_figures(item: Fact | Milestone, language: str = "en") -> set:
    """The figures a document prints for an item, which its note must hold: the statement's (read
    in ``language``), the value, and the year and day of its date (a milestone's date, a fact's as_of)."""
    numbers = numbers_in(item.text, language)
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
    wanted: frozenset  # numbers the citing text prints, which the short form must show
    claim: str  # the citing text: the short form shows the words it claims with
    words: frozenset[str] = frozenset()  # more words the short form must show: its date's month


class Footnotes:
    """Numbers footnotes for one document; the same citations always get the same number."""

    def __init__(self, fact_file: FactFile, gettext: Callable[[str], str] = str) -> None:
        self.fact_file = fact_file
        self._numbers: dict[tuple, Note] = {}
        self.cited_ids: set[str] = set()  # every fact and milestone cited, for "printed nowhere"
        self.items_of: dict[int, list[Fact | Milestone]] = {}  # note number → the items that cite it
        self.language = fact_file.documents_language
        self.gettext = gettext
        items: list[Fact | Milestone] = [*fact_file.facts, *fact_file.milestones]
        self._written = {i.id: i.text for i in items}  # the texts as the fact file writes them

    def cite(self, item: Fact | Milestone, short: bool = False) -> str:
        """The Markdown footnote reference for this fact or milestone, e.g. ``[^3]``."""
        if not isinstance(item, Fact | Milestone):
            raise TemplateRuntimeError(f"cite() takes a fact or a milestone, not {type(item).__name__}")
        self.cited_ids.add(item.id)
        key = (tuple((c.source, normalise(c.quote)) for c in item.citations), short)
        note = self._numbers.get(key)
        if note is None:
            wanted = printed_figures(item, *self.translated_into(item))
            note = Note(len(self._numbers) + 1, item.citations, short, frozenset(wanted), item.text, _month_words(item))
            self._numbers[key] = note
        cited = self.items_of.setdefault(note.number, [])
        if item not in cited:
            cited.append(item)
        return f"[^{note.number}]"

    def translated_into(self, item: Fact | Milestone) -> tuple[str, ...]:
        """(the documents' language) where the item prints a translation of its text, else ()."""
        return (self.language,) if self._written.get(item.id, item.text) != item.text else ()

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
                figures |= set().union(*spelled_in(quote, language))  # "four priority areas"
                figures |= {Decimal(y) for y in evidence(quote, source.published, language).years}
                figures |= _date_numbers(source.published)
            for item in self.items_of.get(note.number, []):
                (written,) = self.translated_into(item) or (self.fact_file.language,)
                figures |= printed_figures(item, *self.translated_into(item)) | numbers_in(item.text, written)
                if isinstance(item, Milestone) and item.short:  # the timeline may print it
                    figures |= numbers_in(item.short, self.fact_file.language)
                figures |= _date_numbers(item.date if isinstance(item, Milestone) else item.as_of)
                # how many sources back it (a table's Sources column): the note names each of them
                figures |= {Decimal(n) for n in range(1, len({c.source for c in item.citations}) + 1)}
            out[str(note.number)] = figures
        return out

    @property
    def notes(self) -> list[Note]:
        return sorted(self._numbers.values(), key=lambda n: n.number)

    def renumber(self, calls: list[int]) -> dict[int, int]:
        """Number the notes in the order the document's text calls them now (after its sections
        were put in reading order: render/sections.py); the old number → the new."""
        mapping = {old: new for new, old in enumerate(dict.fromkeys([*calls, *(n.number for n in self.notes)]), 1)}
        self._numbers = {key: replace(note, number=mapping[note.number]) for key, note in self._numbers.items()}
        self.items_of = {mapping[number]: items for number, items in self.items_of.items()}
        return mapping

    def note_text(self, note: Note) -> str:
        """The footnote's Markdown text: full form, or the short form for one-page documents."""
        first, *others = note.citations
        source = self.fact_file.sources[first.source]
        lq, rq = words(self.language).quotation  # “…” in English, « … » in French
        colon = words(self.language).colon
        if note.short:
            when = format_date(source.published, True, self.language)
            head = f"{source.publisher}, {when}" if when else source.publisher
            text = f"{head}{colon} {lq}{excerpt(first.quote, set(note.wanted), note.claim, note.words)}{rq}"
            names = dict.fromkeys(self.fact_file.sources[c.source].publisher for c in others)
            if names:
                text += "; " + self.gettext("also") + " " + ", ".join(names)
            return escape_markdown(text)
        when = format_date(source.published, language=self.language)
        text = f"{source.publisher}, {lq}{source.title}{rq}" + (f", {when}" if when else "")
        text += f"{colon} {lq}{' '.join(first.quote.split())}{rq}"
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
