"""The footnote registry: one number per set of citations, numbered in the order of first call."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import TemplateRuntimeError

from .formatting import format_date
from .markdown_text import escape_markdown
from .model import Citation, Fact, FactFile, Milestone
from .verify import FIGURE_RE, normalise, numbers_in

_CLAUSE_RE = re.compile(r"(?<=[,;:])\s+|\s+[-–—]\s+")
SHORT_QUOTE_MAX = 110


def short_quote(quote: str, wanted: set, claim: str = "") -> str:
    """The clause(s) of a quote holding the wanted numbers, with ellipses where text was cut.

    Without a wanted number, the clause sharing most words with the claim it supports is shown.
    """
    quote = " ".join(quote.split())
    clauses = _CLAUSE_RE.split(quote)
    hits = [i for i, c in enumerate(clauses) if numbers_in(c) & wanted]
    if not hits:
        claim_words = _words(claim)
        shared = [len(_words(c) & claim_words) for c in clauses]
        if max(shared) > 0:
            hits = [shared.index(max(shared))]
    if not hits:
        hits = [i for i, c in enumerate(clauses) if FIGURE_RE.search(c)] or [0]
    first, last = hits[0], hits[-1]
    while last > first and len(" ".join(clauses[first : last + 1])) > SHORT_QUOTE_MAX:
        last -= 1
    text = " ".join(clauses[first : last + 1])
    span_start = quote.find(clauses[first])
    text = quote[span_start : span_start + len(text)] if span_start >= 0 else text
    if len(text) > SHORT_QUOTE_MAX:
        text = text[:SHORT_QUOTE_MAX].rsplit(" ", 1)[0]
    prefix = "…" if not quote.startswith(text) else ""
    suffix = "…" if not quote.endswith(text) else ""
    return f"{prefix}{text.strip(' ,;:')}{suffix}"


def _words(text: str) -> set[str]:
    """The words of a text worth matching: four letters or more, lower-cased."""
    return set(re.findall(r"\w{4,}", text.lower()))


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

    def __init__(self, fact_file: FactFile) -> None:
        self.fact_file = fact_file
        self._numbers: dict[tuple, Note] = {}
        self.cited_ids: set[str] = set()  # every fact and milestone cited, for "printed nowhere"
        self.language = fact_file.language

    def cite(self, item: Fact | Milestone, short: bool = False) -> str:
        """The Markdown footnote reference for this fact or milestone, e.g. ``[^3]``."""
        if not isinstance(item, Fact | Milestone):
            raise TemplateRuntimeError(f"cite() takes a fact or a milestone, not {type(item).__name__}")
        self.cited_ids.add(item.id)
        key = (tuple((c.source, normalise(c.quote)) for c in item.citations), short)
        note = self._numbers.get(key)
        if note is None:
            value = item.value if isinstance(item, Fact) else None
            wanted = numbers_in(item.text) or numbers_in(str(value or ""))
            note = Note(len(self._numbers) + 1, item.citations, short, frozenset(wanted), item.text)
            self._numbers[key] = note
        return f"[^{note.number}]"

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
                text += f"; also {', '.join(names)}"
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
            text += "; also " + "; ".join(dict.fromkeys(also))
        return escape_markdown(text)

    def definitions(self) -> str:
        """Every footnote definition, in number order, as Markdown."""
        return "\n".join(f"[^{n.number}]: {self.note_text(n)}" for n in self.notes)
