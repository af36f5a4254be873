"""A note's short form: the clauses of its quote that show what the sentence citing it claims.

A one-page document prints each note as an excerpt of its quote. The excerpt must prove the
claim, not only its number: it keeps every clause the claim depends on — the figures, the date,
the names, the words that qualify it ("the first by a Japanese Prime Minister", "one of Japan's
top foreign policy priorities") — and cuts the rest, with an ellipsis where it cuts. Where a
claim rests on most of its quote, the note is long: a short note that leaves out what its
sentence says proves nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from factbrief.text.numbers import numbers_in
from factbrief.text.slugs import fold

_CLAUSE_RE = re.compile(r"((?<=[,;:])\s+|\s+[-–—]\s+|(?<=[.!?])\s+)")  # the separators kept
_WORD_RE = re.compile(r"[^\W\d_]+")
CLAUSE_MAX = 110  # a run longer than this is cut around the words it is kept for
STEM = 5  # words match on their first letters: "upgraded" and "upgrade", "labour" and "labor"
# Words that carry no claim of their own, in the languages briefs are written in.
_FUNCTION_WORDS = frozenset(
    """the and of to in a an with for its his her their was were is are be been by on as at from
    that this these those has have had will would which who whose into than then there also over
    le la les des du de et en un une au aux pour par sur dans avec est sont qui que ont été
    và của các những cho với được là có trong một này""".split()
)


def excerpt(quote: str, wanted: set[Decimal], claim: str = "", also: frozenset[str] = frozenset()) -> str:
    """The clauses of ``quote`` that show ``claim``: every wanted number, then every word of the
    claim the quote has (names, dates, qualifying words; ``also``: more words to show, such as
    the month names of a milestone's date), fewest clauses first; ellipses where text was cut.

    Remembered: fitting renders a document once per layout it considers, each time with the same
    notes."""
    return _excerpt(quote, frozenset(wanted), claim, frozenset(also))


@lru_cache(maxsize=16_384)
def _excerpt(quote: str, wanted: frozenset[Decimal], claim: str, also: frozenset[str]) -> str:
    quote = " ".join(quote.split())
    pieces = _CLAUSE_RE.split(quote)
    clauses, separators = pieces[0::2], pieces[1::2]
    anchors: frozenset[str] = _anchors(claim) | {_key(w) for w in also}
    covers = [_anchors(c) & anchors for c in clauses]
    chosen: set[int] = set()
    for number in wanted:  # every figure the note backs, in the first clause that states it
        index = next((i for i, c in enumerate(clauses) if number in numbers_in(c)), None)
        if index is not None:
            chosen.add(index)
    covered: set[str] = set().union(*(covers[i] for i in chosen))
    while True:  # then the clause that shows most of what is still missing
        gains = [0 if i in chosen else len(cover - covered) for i, cover in enumerate(covers)]
        best = max(range(len(clauses)), key=lambda i: (gains[i], -i))
        if gains[best] == 0:
            break
        chosen.add(best)
        covered |= covers[best]
    return _joined(clauses, separators, sorted(chosen or {0}), anchors, wanted)


def _anchors(text: str) -> frozenset[str]:
    """The words a text claims with: each word of three letters or more that is not a function
    word, folded (no accents, lower case) and cut to its stem."""
    return frozenset(_key(w) for w in _WORD_RE.findall(text) if len(w) >= 3 and fold(w).lower() not in _FUNCTION_WORDS)


def _key(word: str) -> str:
    return fold(word).lower()[:STEM]


def _joined(
    clauses: list[str], separators: list[str], chosen: list[int], anchors: frozenset[str], wanted: frozenset[Decimal]
) -> str:
    runs: list[list[int]] = []
    for i in chosen:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    parts = [
        _around(
            "".join(c + (separators[i] if i < run[-1] else "") for i, c in enumerate(clauses) if i in run),
            anchors,
            wanted,
        )
        for run in runs
    ]
    text = " … ".join(p.strip(" ,;:") for p in parts)
    prefix = "" if chosen[0] == 0 and not parts[0].startswith("…") else "…"
    suffix = "" if chosen[-1] == len(clauses) - 1 and not parts[-1].endswith("…") else "…"
    return f"{prefix}{text}{suffix}".replace("……", "…").replace("… …", "…")


def _around(text: str, anchors: frozenset[str], wanted: frozenset[Decimal]) -> str:
    """A long run cut to the words from its first to its last anchor (every one kept), with a
    few words of context."""
    if len(text) <= CLAUSE_MAX:
        return text
    words = text.split(" ")
    marks = [i for i, w in enumerate(words) if (_anchors(w) & anchors) or (numbers_in(w) & wanted)]
    if not marks:
        return text
    start, end = max(0, marks[0] - 3), min(len(words), marks[-1] + 4)
    return ("…" if start else "") + " ".join(words[start:end]) + ("…" if end < len(words) else "")
