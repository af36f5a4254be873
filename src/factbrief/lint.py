"""The lint: every figure a document prints carries a footnote, whoever wrote the template.

It reads where each printed string came from (provenance.py). The office's own metadata
(titles, parties, the brief's date, source names, topic names, which ``check`` proves) may hold
digits anywhere. Every other figure — from a fact, a milestone, or the template itself — must sit
in a sentence (or table row) that carries a footnote, and never in a heading. ``check`` proves
every figure of the fact file, so with the built-in templates ``check`` passing means the lint
passes; the lint is there to stop a template printing a figure of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markdown_text import FOOTNOTE_DEF_RE, FOOTNOTE_REF_RE
from .pictures import IMAGE_RE
from .provenance import META, Span
from .verify import FIGURE_RE

_SENTENCE_RE = re.compile(r".*?(?:(?<![A-Z])[.!?](?:\[\^[^\]\s]+\])*(?=\s|$)|$)", re.S)
# Stand-ins while linting: a claim that holds a figure, and any value that does not.
_FIGURE_CLAIM, _PLAIN_VALUE = "\ue010", "\ue011"


@dataclass(frozen=True)
class LintIssue:
    line: int
    message: str


def _reduce(clean: str, spans: list[Span]) -> str:
    """The text with each printed value replaced by one stand-in character, so a value is atomic
    (a fact of three sentences is one claim) and metadata holds no figure."""
    out, position = [], 0
    for span in spans:
        out.append(clean[position : span.start])
        value = clean[span.start : span.end]
        holds_figure = span.kind != META and FIGURE_RE.search(value)
        out.append(_FIGURE_CLAIM if holds_figure else _PLAIN_VALUE)
        position = span.end
    out.append(clean[position:])
    return "".join(out)


def _figure_in(text: str) -> str | None:
    """What in this reduced text is a figure: a value's stand-in, or digits the template wrote."""
    if _FIGURE_CLAIM in text:
        return "a figure from the fact file"
    m = FIGURE_RE.search(text.replace(_PLAIN_VALUE, " "))
    return f"the template's own figure '{m.group()}'" if m else None


def _show(text: str, clean_line: str) -> str:
    return clean_line.strip() if len(clean_line.strip()) <= 100 else clean_line.strip()[:100] + "…"


def lint_markdown(clean: str, spans: list[Span], pictures: dict[str, frozenset[str]] | None = None) -> list[LintIssue]:
    """Problems in a rendered document: unfootnoted figures, pictures whose caption does not cite
    every value they plot (``pictures``: each picture's file name and the notes it needs), and
    footnotes that do not resolve."""
    reduced = _reduce(clean, spans)
    issues: list[LintIssue] = []
    definitions: dict[str, int] = {}
    references: dict[str, int] = {}
    clean_lines = clean.splitlines()
    lines = reduced.splitlines()
    caption = 0  # the line of a picture's caption, linted with its image
    for number, line in enumerate(lines, start=1):
        shown = _show(line, clean_lines[number - 1] if number <= len(clean_lines) else line)
        if number == caption:
            continue
        image = IMAGE_RE.match(line)
        if image:
            after = lines[number] if number < len(lines) and lines[number].strip() else ""
            caption = number + 1 if after else 0
            for ref in FOOTNOTE_REF_RE.findall(line + " " + after):
                references.setdefault(ref, number)
            issues += _picture_issues(number, image.group(1), line + " " + after, pictures or {}, shown)
            continue
        d = FOOTNOTE_DEF_RE.match(line)
        if d:
            if d.group(1) in definitions:
                issues.append(LintIssue(number, f"footnote [^{d.group(1)}] is defined twice"))
            definitions[d.group(1)] = number
            continue
        for ref in FOOTNOTE_REF_RE.findall(line):
            references.setdefault(ref, number)
        if line.lstrip().startswith("#"):
            figure = _figure_in(line)
            if figure:
                issues.append(LintIssue(number, f"heading prints {figure}, which cannot carry a footnote: {shown!r}"))
            continue
        for unit in _units(line):
            figure = _figure_in(FOOTNOTE_REF_RE.sub("", unit))
            if figure and not FOOTNOTE_REF_RE.search(unit):
                issues.append(LintIssue(number, f"prints {figure} without a footnote: {shown!r}"))
                break
    for ref, number in references.items():
        if ref not in definitions:
            issues.append(LintIssue(number, f"footnote reference [^{ref}] has no definition"))
    for ref, number in definitions.items():
        if ref not in references:
            issues.append(LintIssue(number, f"footnote [^{ref}] is defined but never referenced"))
    return issues


def _picture_issues(
    number: int, target: str, unit: str, pictures: dict[str, frozenset[str]], shown: str
) -> list[LintIssue]:
    """An image and its caption are one unit. A picture Factbrief draws must call the note of every
    value it plots; any other image that prints a figure (in its alternative text) needs a footnote."""
    calls = set(FOOTNOTE_REF_RE.findall(unit))
    if target in pictures:
        missing = sorted(pictures[target] - calls, key=lambda ref: (len(ref), ref))
        if missing:
            notes = ", ".join(f"[^{ref}]" for ref in missing)
            return [LintIssue(number, f"picture {target} plots values its caption does not cite ({notes}): {shown!r}")]
        return []
    figure = _figure_in(FOOTNOTE_REF_RE.sub("", unit))
    if figure and not calls:
        return [LintIssue(number, f"image prints {figure} without a footnote: {shown!r}")]
    return []


def _units(line: str) -> list[str]:
    """The sentences of a line; a table row is one unit (its cells together carry the footnote)."""
    stripped = line.strip()
    if stripped.startswith("|"):
        return [] if re.fullmatch(r"[|:\-\s]+", stripped) else [stripped]
    return [s for s in _SENTENCE_RE.findall(stripped) if s.strip()]


# -- the page around the document: the stylesheet and page.html.j2 --------------------------------

# Declarations that print text: a figure in one would reach the page without a footnote.
_PRINTING = {
    "content",
    "quotes",
    "string-set",
    "list-style",
    "list-style-type",
    "symbols",
    "additive-symbols",
    "prefix",
    "suffix",
    "negative",
    "pad",
}
_COUNTER_SETTERS = {"counter-reset", "counter-set", "counter-increment"}
_ALLOWED_ATTR = {"data-note"}  # the note number of a footnote call


def lint_stylesheet(css: str) -> list[str]:
    """Figures a stylesheet would print (``content: "95%"``, a counter set to 94, ``attr()`` of
    anything but a note number): each as a message."""
    import tinycss2

    problems: list[str] = []

    def declarations(tokens) -> None:  # type: ignore[no-untyped-def]
        for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
            if item.type == "declaration":
                check(item.lower_name, item.value)
            elif item.type in ("qualified-rule", "at-rule") and item.content is not None:
                declarations(item.content)

    def check(name: str, value) -> None:  # type: ignore[no-untyped-def]
        for token in _flatten(value):
            if name in _PRINTING and token.type == "string" and FIGURE_RE.search(token.value):
                problems.append(f"'{name}' prints the figure in {token.value!r}")
            elif name in _PRINTING and token.type == "function" and token.lower_name == "attr":
                args = [t.value for t in token.arguments if t.type == "ident"]
                if not set(args) <= _ALLOWED_ATTR:
                    problems.append(f"'{name}' prints attr({', '.join(args)}), which is not a note number")
            elif name in _COUNTER_SETTERS and token.type == "number" and token.value not in (0, 1):
                problems.append(f"'{name}' sets a counter to {token.representation}")

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "counter-style":
            problems.append("@counter-style can print symbols of its own")
        elif rule.content is not None:
            declarations(rule.content)
    return problems


def _flatten(tokens):  # type: ignore[no-untyped-def]
    for token in tokens:
        yield token
        if token.type == "function":
            yield from _flatten(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _flatten(token.content)


_TAG_RE = re.compile(r"<(style|title|script)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)


def lint_page_shell(shell: str, data: list[str]) -> list[str]:
    """Figures the page template itself prints around the document (``shell`` is the page with
    the body left out; ``data`` the values it was given, which may hold the office's own digits)."""
    import html as html_module

    text = html_module.unescape(_TAG_RE.sub(" ", shell))
    for value in sorted(data, key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    return [f"prints the figure '{m.group()}' outside the document" for m in FIGURE_RE.finditer(text)]
