"""Text made safe to quote and to compare: NFC, visible characters only, one normal form.

One rule says which characters cannot be trusted to print as written (``hidden_characters``):
the fact file refuses them in every field (factfile/fields.py), and capture drops them from a
saved article (``clean_line``), so a soft hyphen or zero-width space left in a page never makes
its sentences unquotable. ``normalise`` is the form quotes and articles are compared in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

_JOINERS = {"\u200c", "\u200d"}  # shape letters in Persian and Indic scripts; refused next to anything else
# Categories that print nothing, or reorder or alter what is around them.
_HIDDEN_CATEGORIES = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character",
    "Co": "a private-use character",
    "Cn": "an unassigned code point",
    "Cs": "a lone surrogate",
}
# Characters Unicode says to draw as nothing (Default_Ignorable_Code_Point) that are not format
# characters, and blank-looking letters: a Hangul filler between two digits hides them as a name.
_INVISIBLE = {
    0x034F,
    0x115F,
    0x1160,
    0x17B4,
    0x17B5,
    0x3164,
    0xFFA0,
    0x2800,
    *range(0x180B, 0x1810),
    *range(0xFE00, 0xFE10),
    *range(0xE0100, 0xE01F0),
}
# Numbers written without digits (superscripts, fractions, Roman numerals, circled numbers): a
# statement writes its figures with digits, which the checks read. ² and ³ after a letter are units.
_NUMBER_CATEGORIES = {"No", "Nl"}
LINE_CONTROLS = frozenset("\t\n\r")


def hidden_characters(text: str, allowed: frozenset[str] = LINE_CONTROLS) -> Iterator[tuple[int, str]]:
    """(index, why) of each character that prints nothing or changes how its neighbours print:
    a zero-width space between two digits prints "88" from "8 8"; a right-to-left override
    reverses "2024"; a combining mark on a digit changes how the figure reads. Joiners between
    two letters are kept; so are the ``allowed`` controls. (Printable ASCII, most of any fact file,
    has none: it is passed over without reading each character's category.)"""
    if text.isascii() and text.isprintable():
        return
    previous = ""  # the last character not reported
    for i, ch in enumerate(text):
        category = unicodedata.category(ch)
        if ord(ch) in _INVISIBLE:
            yield i, f"{code_point(ch)} prints as nothing"
        elif category in _HIDDEN_CATEGORIES and ch not in allowed:
            if ch in _JOINERS and _is_letter(previous) and _is_letter(text[i + 1 : i + 2]):
                previous = ch
            else:
                yield i, f"{code_point(ch)} is {_HIDDEN_CATEGORIES[category]}"
        elif category.startswith("M") and previous.isdigit():
            yield i, f"{code_point(ch)} is a combining mark on the digit '{previous}'"
        else:
            previous = ch


def hidden_character(text: str) -> str | None:
    """Why the text cannot be trusted to print as written, or None: names the first bad character."""
    for i, why in hidden_characters(text):
        return f"{why} (at character {i + 1})"
    return None


def number_without_digits(text: str) -> str | None:
    """Why a statement's text holds a number the checks cannot read, or None. (ASCII has none.)"""
    if text.isascii():
        return None
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in _NUMBER_CATEGORIES:
            if ch in "²³" and i and text[i - 1].isalpha():
                continue  # km², m³
            return f"{code_point(ch)} is a number written without digits (at character {i + 1}); write it with digits"
    return None


def _is_letter(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch)[0] in "LM"


def code_point(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def clean_line(text: str) -> str:
    """NFC; every run of whitespace (line breaks included) one space; hidden characters dropped."""
    text = "".join(" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", text))
    dropped = {i for i, _why in hidden_characters(text)}
    return " ".join("".join(ch for i, ch in enumerate(text) if i not in dropped).split())


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


# Typographic characters that count as their plain equivalents when matching quotes.
EQUIVALENTS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_TYPOGRAPHIC = re.compile("[" + "".join(map(chr, EQUIVALENTS)) + "]")


def normalise(text: str) -> str:
    """NFC, typographic quotes and dashes made plain, every whitespace run folded to one space.
    (An ASCII text is already NFC and plain; a text with no typographic mark is not translated.)"""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _TYPOGRAPHIC.search(text):
            text = text.translate(EQUIVALENTS)
    return " ".join(text.split())


def normalise_with_positions(raw: str) -> tuple[str, list[int]]:
    """``normalise``'s form of a text, and for each of its characters the raw position.

    ``raw`` must already be NFC. Typographic characters map one to one; whitespace runs fold to
    one space; leading and trailing whitespace is dropped.
    """
    chars: list[str] = []
    positions: list[int] = []
    translated = raw.translate(EQUIVALENTS)
    for i, ch in enumerate(translated):
        if ch.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                positions.append(i)
            continue
        chars.append(ch)
        positions.append(i)
    while chars and chars[-1] == " ":
        chars.pop()
        positions.pop()
    return "".join(chars), positions
