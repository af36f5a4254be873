"""Sections placed in columns, put in reading order before their notes are numbered.

A template places a section in a column with its heading's attribute, ``## Title {: .left}`` or
``{: .right}``, in any order. A run of consecutive sections placed in columns is read down the
left column, then down the right (printing/placing.py lays them out so), so the Markdown is put in
that order too: the notes are then numbered as the page reads, in the .md as in the PDF.
"""

from __future__ import annotations

import re

COLUMNS = ("left", "right")
_ATTRIBUTES = re.compile(r"\{:([^{}]*)\}\s*$")


def column_of(heading: str) -> str | None:
    """The column a ``## `` heading line places its section in, or None (across both)."""
    m = _ATTRIBUTES.search(heading) if heading.startswith("## ") else None
    classes = {token[1:] for token in m.group(1).split() if token.startswith(".")} if m else set()
    return next((c for c in COLUMNS if c in classes), None)


def in_reading_order(markdown: str) -> str:
    """The Markdown with each run of column sections in reading order: its left sections, then its
    right ones, each in the template's order."""
    lines = markdown.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not any(column_of(lines[i]) for i in starts):
        return markdown
    sections = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    out = lines[: starts[0]]
    run: list[list[str]] = []
    for section in sections:
        if column_of(section[0]) is None:
            out += _ordered(run) + section
            run = []
        else:
            run.append(section)
    out += _ordered(run)
    return "\n".join(out)


def _ordered(run: list[list[str]]) -> list[str]:
    ordered = sorted(run, key=lambda section: COLUMNS.index(column_of(section[0]) or "left"))
    return [line for section in ordered for line in section]
