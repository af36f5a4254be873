"""The names a statement writes, as far as words tell: runs of capitalised words ("Prime Minister
Phạm Minh Chính", "Osaka"), the statement's own first word left out (a sentence starts with a
capital), and whether two statements name the same people. One reading for `check` (which warns
of two milestones that seem to state one event) and for the documents (which print such an event
once), so that the two never disagree."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def capitalised_words(text: str) -> list[str]:
    """The words that start with a capital letter, in order, the text's first word left out."""
    words = [m.group() for m in _WORD.finditer(text)]
    return [w for w in words[1:] if w[0].isupper()]


def name_runs(text: str, first: bool = True) -> list[str]:
    """The runs of capitalised words a text writes, in order (words next to each other, apart only
    by spaces); ``first=False`` leaves out the text's first word."""
    runs: list[list[str]] = []
    end = -1
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group()
        if (i == 0 and not first) or not word[0].isupper():
            end = -1
            continue
        if end >= 0 and text[end : m.start()].isspace():
            runs[-1].append(word)
        else:
            runs.append([word])
        end = m.end()
    return [" ".join(run) for run in runs]


def names_in(text: str, leave_out: Iterable[str] = ()) -> set[str]:
    """The names a statement writes: its runs of capitalised words, its first word left out, and
    any run spelled as one of ``leave_out`` (the parties' names: every statement names them),
    compared without case."""
    skip = {name.casefold() for name in leave_out}
    return {name for name in name_runs(text, first=False) if name.casefold() not in skip}


def same_people(a: str, b: str, leave_out: Iterable[str] = ()) -> bool:
    """Two statements are about the same people: they share a name of two words or more (Tô Lâm),
    or two names."""
    leave_out = list(leave_out)
    shared = names_in(a, leave_out) & names_in(b, leave_out)
    return len(shared) >= 2 or any(" " in name for name in shared)
