"""The curation assistant: YAML fact stubs for every sentence of an article that holds a figure."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from .coverage import sentences
from .figures import FIGURE_RE as NUMBER_RE
from .files import read_text
from .model import PartialDate

_NUM = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
_SCALE = r"(?:\s*(billion|million|trillion))?"
# (pattern, unit builder), tried in order; the first match gives the stub's value and unit.
_UNIT_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    (re.compile(r"(US\$|\$|€|£|¥)\s?" + _NUM + _SCALE), lambda m: (m[2], " ".join(x for x in (m[1], m[3]) if x))),
    (re.compile(_NUM + _SCALE + r"\s*(USD|JPY|VND|EUR)\b"), lambda m: (m[1], " ".join(x for x in (m[3], m[2]) if x))),
    (re.compile(_NUM + r"\s*(%|per cent|percent)"), lambda m: (m[1], "%")),
    (re.compile(_NUM + r"\s+(times)\b"), lambda m: (m[1], "times")),
    (
        re.compile(
            _NUM + r"\s+(?:[A-Za-z-]+\s+){0,2}(people|projects|students|visitors|tourists|participants|learners|"
            r"enterprises|companies|firms|universities|partnerships|passengers|doctoral students|PhDs|"
            r"doctoral candidates|Vietnamese|Japanese)\b"
        ),
        lambda m: (m[1], m[2]),
    ),
]
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(), 1
    )
}
_DATE_PATTERNS = [
    re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})"),  # September 21, 1973
    re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]+)\s+(\d{4})"),  # 21 September 1973
    re.compile(r"\b([A-Z][a-z]+)\s+(\d{4})"),  # November 2023
    re.compile(r"\b(?:in|In|since|by|of)\s+(\d{4})\b"),  # in 2024
]
TOPIC_KEYWORDS: list[tuple[str, tuple[str, ...]]] = [
    ("defence and security", ("defence", "defense", "security", "military", "navy", "destroyer", "2+2")),
    ("energy and green transition", ("energy", "lng", "wind", "power", "emission", "green", "climate", "azec")),
    (
        "science, technology and semiconductors",
        ("semiconductor", "technology", "digital", " ai ", "research", "innovation"),
    ),
    ("education and human resources", ("student", "universit", "education", "training", "language", "doctoral", "phd")),
    ("ODA and infrastructure", ("oda", "loan", "metro", "railway", "infrastructure", "wastewater", "bridge")),
    ("investment", ("invest", "registered capital", "projects")),
    ("economy and trade", ("trade", "export", "import", "gdp", "growth", "economy", "enterprises", "companies")),
    ("multilateral and trade issues", ("tariff", "asean", "apec", "g7", "g20", "united nations", "mekong")),
    (
        "people-to-people ties and tourism",
        ("tourist", "visitor", "festival", "living in", "community", "culture", "travel"),
    ),
    ("high-level visits", ("visit", "prime minister", "president", "general secretary", "talks", "summit")),
    ("political relations", ("diplomatic relations", "partnership", "relations", "ties")),
]


def suggest_topic(sentence: str) -> str:
    lower = f" {sentence.lower()} "
    for topic, words in TOPIC_KEYWORDS:
        if any(w in lower for w in words):
            return topic
    return "general"


def parse_value(sentence: str) -> tuple[float | int | None, str | None]:
    """The sentence's headline figure and unit, when a pattern recognises one."""
    for pattern, build in _UNIT_PATTERNS:
        m = pattern.search(sentence)
        if m:
            number, unit = build(m)  # type: ignore[operator]
            value = Decimal(number.replace(",", ""))
            return (int(value) if value == value.to_integral() else float(value)), unit
    return None, None


def parse_date(sentence: str) -> str | None:
    """The first date the sentence names, as YYYY, YYYY-MM or YYYY-MM-DD."""
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(sentence):
            groups = m.groups()
            try:
                if len(groups) == 1:
                    return str(PartialDate(int(groups[0])))
                if len(groups) == 2 and groups[0].lower() in _MONTHS:
                    return str(PartialDate(int(groups[1]), _MONTHS[groups[0].lower()]))
                if len(groups) == 3 and groups[0].lower() in _MONTHS:
                    return str(PartialDate.parse(f"{groups[2]}-{_MONTHS[groups[0].lower()]:02d}-{int(groups[1]):02d}"))
                if len(groups) == 3 and groups[1].lower() in _MONTHS:
                    return str(PartialDate.parse(f"{groups[2]}-{_MONTHS[groups[1].lower()]:02d}-{int(groups[0]):02d}"))
            except ValueError:
                continue
    return None


def extract_stubs(article: Path, source_id: str) -> list[dict[str, object]]:
    """One fact stub per sentence with a figure: quote = the exact sentence, ready to edit."""
    raw = read_text(article)
    stubs = []
    for n, (start, end, _line) in enumerate(sentences(raw), start=1):
        sentence = " ".join(raw[start:end].split())
        if not NUMBER_RE.search(sentence):
            continue
        stub: dict[str, object] = {
            "id": f"{source_id}-{n:03d}",
            "topic": suggest_topic(sentence),
            "text": sentence,
            "source": source_id,
            "quote": sentence,
        }
        value, unit = parse_value(sentence)
        if value is not None:
            stub["value"] = value
            stub["unit"] = unit
        when = parse_date(sentence)
        if when:
            stub["as_of"] = when
        stubs.append(stub)
    return stubs


def stubs_to_yaml(stubs: list[dict[str, object]]) -> str:
    """YAML ready to paste under ``facts:`` (a list, indented by two spaces)."""
    text = yaml.safe_dump(stubs, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True))
