"""Sentences of a saved article: where each starts and ends, and the lines that are not prose."""

from __future__ import annotations

import re

# A line that is only an image's or a document's file name ("IMG_20250427_0931.jpg"), saved with
# the page: its digits are not figures of the article.
FILE_NAME = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp|svg|pdf)\s*\|?$", re.I)

# A sentence ends at . ! ? or …, but not after an initial ("Rufus T. Firefly").
_SENTENCE_END = re.compile(r"(?<=[.!?…])(?<!\s[A-Z]\.)[\"'”’)]*\s+")


def sentences(raw: str) -> list[tuple[int, int, int]]:
    """(start, end, line) of each sentence: lines first, then sentence ends within a line."""
    out = []
    offset = 0
    for number, line in enumerate(raw.split("\n"), start=1):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            out.append((offset + start, offset + m.start(), number))
            start = m.end()
        if line[start:].strip():
            out.append((offset + start, offset + len(line), number))
        offset += len(line) + 1
    return [s for s in out if raw[s[0] : s[1]].strip()]
