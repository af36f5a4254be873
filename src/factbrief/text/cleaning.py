"""Captured text made safe to quote: NFC, visible characters only, one paragraph per line.

A fact file refuses hidden characters in quotes (fields.py), so a soft hyphen or zero-width space
left in a saved article would make its sentences unquotable; they are dropped here, once, when
the article is captured.
"""

from __future__ import annotations

import unicodedata

_HIDDEN = {"Cc", "Cf", "Co", "Cn", "Cs"}
_JOINERS = {"\u200c", "\u200d"}  # kept between letters: Persian and Indic scripts need them


def clean_line(text: str) -> str:
    """NFC; every run of whitespace (line breaks included) one space; hidden characters dropped."""
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            ch = " "
        elif unicodedata.category(ch) in _HIDDEN:
            if not (ch in _JOINERS and _letter(text[i - 1 : i]) and _letter(text[i + 1 : i + 2])):
                continue
        elif unicodedata.category(ch).startswith("M") and out and out[-1].isdigit():
            continue  # a combining mark on a digit changes how the figure reads
        out.append(ch)
    return " ".join("".join(out).split())


def _letter(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "LM"


def paragraphs(text: str) -> list[str]:
    """One cleaned paragraph per line of ``text``; lines with no letter or digit (rules, "* * *") dropped."""
    out = []
    for line in text.splitlines():
        cleaned = clean_line(line)
        if any(ch.isalnum() for ch in cleaned):
            out.append(cleaned)
    return out


def has_running_text(paras: list[str]) -> bool:
    """True when some paragraph reads as a sentence (eight words, or sixty characters in a script
    written without spaces), not just links or labels."""
    return any(len(p.split()) >= 8 or len(p) >= 60 for p in paras)


def shorten(text: str, limit: int = 500) -> str:
    """A title no longer than ``limit`` characters, cut at a word ("…" marks the cut)."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"
