"""Coverage of the articles: which figures in each source no fact, milestone or `ignored` entry quotes."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from factbrief.files import read_text
from factbrief.model import FactFile, Ignored, Source
from factbrief.text.cleaning import normalise, normalise_with_positions
from factbrief.text.dates import date_spans
from factbrief.text.lexicon import figure_re
from factbrief.text.sentences import FILE_NAME, sentences


@dataclass(frozen=True)
class Figure:
    """A number written in a source, with the sentence around it."""

    text: str
    line: int
    sentence: str
    state: str  # "quoted", "ignored" or "uncovered"
    reason: str | None = None  # why it is ignored: the reason of the `ignored` entry that quotes it


@dataclass
class SourceCoverage:
    source: Source
    figures: list[Figure] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(f.state == state for f in self.figures)

    @property
    def covered(self) -> int:
        """Figures a fact, a milestone or an ``ignored`` entry quotes."""
        return self.count("quoted") + self.count("ignored")


def _spans(norm: str, quote: str) -> list[tuple[int, int]]:
    """Every place a (normalised) quote occurs in the normalised source."""
    quote = normalise(quote)
    spans, start = [], norm.find(quote)
    while quote and start >= 0:
        spans.append((start, start + len(quote)))
        start = norm.find(quote, start + 1)
    return spans


def source_coverage(fact_file: FactFile, source: Source) -> SourceCoverage:
    """Classify every figure of one source as quoted, ignored or uncovered."""
    raw = read_text(source.file, source.file_text)
    norm, positions = normalise_with_positions(raw)

    def raw_spans(quotes: list[str]) -> list[tuple[int, int]]:
        out = []
        for quote in quotes:
            for a, b in _spans(norm, quote):
                out.append((positions[a], positions[b - 1] + 1))
        return out

    cited = [
        c.quote for item in [*fact_file.facts, *fact_file.milestones] for c in item.citations if c.source == source.id
    ]
    quoted = raw_spans(cited)
    entries = [(entry, raw_spans([entry.quote])) for entry in fact_file.ignored if entry.source == source.id]
    ignored = [span for _entry, spans in entries for span in spans]
    result = SourceCoverage(source)
    spans = sentences(raw)
    starts = [s for s, _e, _n in spans]
    inside_quoted, inside_ignored = _Ranges(quoted), _Ranges(ignored)
    # Each line and sentence is looked at once, however many figures it holds: a line of a
    # hundred thousand figures takes linear time.
    file_names: dict[int, bool] = {}  # lines that are no prose: a file name, the headline
    framing: dict[int, int] = {}  # per line: how many characters a dateline takes ("Nairobi 3 July 2025 —")
    shown: dict[tuple[int, int], str] = {}
    for m in figure_re(source.language or fact_file.language).finditer(raw):
        a, b = m.span()
        line_start = raw.rfind("\n", 0, a) + 1
        if line_start not in file_names:
            text = raw[line_start : _line_end(raw, b)]
            file_names[line_start] = bool(FILE_NAME.match(text.strip())) or _is_headline(text, line_start, raw, source)
            framing[line_start] = _dateline(text, source.language or fact_file.language)
        if file_names[line_start] or a - line_start < framing[line_start]:
            continue
        state = "quoted" if inside_quoted.covers(a, b) else "ignored" if inside_ignored.covers(a, b) else "uncovered"
        i = bisect_right(starts, a) - 1
        if i >= 0 and spans[i][0] <= a < spans[i][1]:
            start, end, line = spans[i]
        else:
            start, end, line = a, b, raw.count("\n", 0, a) + 1
        if end - start > SENTENCE_SHOWN:  # a sentence too long to print whole: the words around the figure
            start, end = max(start, a - SENTENCE_SHOWN // 2), min(end, b + SENTENCE_SHOWN // 2)
        if (start, end) not in shown:
            shown[(start, end)] = " ".join(raw[start:end].split())
        reason = _reason(entries, m.group(), a, b) if state == "ignored" else None
        result.figures.append(Figure(m.group(), line, shown[(start, end)], state, reason))
    return result


# A dateline: a place (one to four capitalised words, perhaps a comma), its date, then a dash or
# the line's end ("Nairobi 3 July 2025", "NAIROBI, July 3, 2025 —").
_DATELINE_PLACE = re.compile(r"^\s*(?:[A-ZÀ-ỸĐ][\w.'’-]*\s*){1,4},?\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")


def _dateline(line: str, language: str) -> int:
    """The length of the line's dateline, 0 if it has none: a dateline's figures are the article's
    date, not the article's figures."""
    place = _DATELINE_PLACE.match(line)
    if not place:
        return 0
    spans = date_spans(line, language)
    first = min(spans, default=None)
    if first is None or first[0] != place.end():
        return 0
    rest = line[first[1] :]
    dash = re.match(r"\s*(?:\([^)]*\)\s*)?(?:[—–-]{1,2}\s*|$)", rest)
    return first[1] + dash.end() if dash else 0


def _is_headline(line: str, line_start: int, raw: str, source: Source) -> bool:
    """The article's headline: its title, or its first line when that has no sentence end."""
    text = line.strip()
    if source.title and normalise(text) == normalise(source.title):
        return True
    return not raw[:line_start].strip() and not _SENTENCE_END.search(text)


SENTENCE_SHOWN = 300  # characters of a figure's sentence a report prints at most


def _line_end(raw: str, at: int) -> int:
    end = raw.find("\n", at)
    return len(raw) if end < 0 else end


def _reason(entries: list[tuple[Ignored, list[tuple[int, int]]]], figure: str, a: int, b: int) -> str:
    """The reason of the ``ignored`` entry whose quote holds [a, b), preferring one that names the
    figure itself (a quote such as "April 27-29" ignores both numbers, one entry at a time)."""
    holding = [entry for entry, spans in entries if any(x <= a and b <= y for x, y in spans)]
    return next((e.reason for e in holding if e.figure == figure), holding[0].reason)


class _Ranges:
    """Does any of these ranges hold [a, b)? In logarithmic time: sorted starts, running max of ends."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [x for x, _y in ranges]
        self.reach: list[int] = []
        furthest = -1
        for _x, y in ranges:
            furthest = max(furthest, y)
            self.reach.append(furthest)

    def covers(self, a: int, b: int) -> bool:
        i = bisect_right(self.starts, a) - 1
        return i >= 0 and self.reach[i] >= b


def coverage(fact_file: FactFile) -> list[SourceCoverage]:
    """Coverage of every readable source file of the fact file."""
    out = []
    for source in fact_file.sources.values():
        if source.file.resolve().is_relative_to(fact_file.folder) and source.file.is_file():
            out.append(source_coverage(fact_file, source))
    return out
