"""Markdown as text: escaping data so it prints literally, and linting rendered documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ESCAPE_RE = re.compile(r"([\\`*_\[\]|])")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
FOOTNOTE_REF_RE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:\s?(.*)$")
_SENTENCE_RE = re.compile(r".*?(?:(?<![A-Z])[.!?](?:\[\^[^\]\s]+\])*(?=\s|$)|$)", re.S)
_DIGIT_RE = re.compile(r"\d")
_SPACES_RE = re.compile(r"\s+")


def escape_markdown(text: object) -> str:
    """Make text print literally in Markdown: no emphasis, links, code, tables or raw HTML."""
    text = _SPACES_RE.sub(" ", str(text))
    text = _ESCAPE_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub("&amp;", text)
    return text.replace("<", "&lt;")


@dataclass(frozen=True)
class LintIssue:
    line: int
    message: str


def split_title_block(markdown: str) -> tuple[str, str]:
    """The title block (everything before the first ``##`` heading) and the body."""
    m = re.search(r"^## ", markdown, re.M)
    if not m:
        return "", markdown
    return markdown[: m.start()], markdown[m.start() :]


def lint_markdown(
    markdown: str, claims: list[str] | tuple[str, ...] = (), labels: set[str] | frozenset[str] = frozenset()
) -> list[LintIssue]:
    """Every body sentence with a digit carries a footnote; every reference and definition match.

    The title block (before the first ``##`` heading) holds the document's metadata and is not
    checked for figures; headings are labels, not claims, and may not hold digits at all.
    ``claims`` are the (escaped) texts of facts and milestones: one of several sentences is
    carried by the footnote that follows the whole claim. ``labels`` are headings taken from the
    data (topic names), which may hold digits ("G7 summits").
    """
    multi = [c for c in claims if len(_units(c)) > 1]
    issues: list[LintIssue] = []
    title_block, _ = split_title_block(markdown)
    first_body_line = title_block.count("\n") + 1
    definitions: dict[str, int] = {}
    references: dict[str, int] = {}
    for number, line in enumerate(markdown.splitlines(), start=1):
        d = FOOTNOTE_DEF_RE.match(line)
        if d:
            if d.group(1) in definitions:
                issues.append(LintIssue(number, f"footnote [^{d.group(1)}] is defined twice"))
            definitions[d.group(1)] = number
            continue
        for ref in FOOTNOTE_REF_RE.findall(line):
            references.setdefault(ref, number)
        if number < first_body_line:
            continue
        if line.lstrip().startswith("#"):
            if _DIGIT_RE.search(line) and line.lstrip("# ").strip().lower() not in labels:
                issues.append(
                    LintIssue(number, f"heading holds a figure, which cannot carry a footnote: {line.strip()!r}")
                )
            continue
        for unit in _units(_fold_cited_claims(line, multi)):
            bare = _without_label_cells(FOOTNOTE_REF_RE.sub("", unit), labels)
            if _DIGIT_RE.search(bare) and not FOOTNOTE_REF_RE.search(unit):
                issues.append(LintIssue(number, f"figure without a footnote: {unit.strip()!r}"))
    for ref, number in references.items():
        if ref not in definitions:
            issues.append(LintIssue(number, f"footnote reference [^{ref}] has no definition"))
    for ref, number in definitions.items():
        if ref not in references:
            issues.append(LintIssue(number, f"footnote [^{ref}] is defined but never referenced"))
    return issues


_CELL_SPLIT_RE = re.compile(r"(?<!\\)\|")


def _without_label_cells(unit: str, labels: set[str] | frozenset[str]) -> str:
    """A table row without the cells that are only a label (a topic name as a group row)."""
    if not unit.startswith("|") or not labels:
        return unit
    cells = _CELL_SPLIT_RE.split(unit)
    return "|".join(c for c in cells if c.strip(" *").lower() not in labels)


def _fold_cited_claims(line: str, claims: list[str]) -> str:
    """Shorten each multi-sentence claim that a footnote follows to its last sentence: the
    footnote after the claim carries all of its sentences."""
    for claim in claims:
        at = line.find(claim)
        if at >= 0 and line.startswith("[^", at + len(claim)):
            line = line[:at] + _units(claim)[-1].strip() + line[at + len(claim) :]
    return line


def _units(line: str) -> list[str]:
    """The sentences of a line; a table row is split into its cells' sentences."""
    stripped = line.strip()
    if stripped.startswith("|"):
        if re.fullmatch(r"[|:\-\s]+", stripped):
            return []
        # A table row is one claim: its cells together must carry the footnote.
        return [stripped]
    return [s for s in _SENTENCE_RE.findall(stripped) if s.strip()]
