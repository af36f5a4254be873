"""The lint: every figure a document prints is backed by a footnote that proves it, whoever wrote
the template.

It reads where each printed string came from (provenance.py). The office's own metadata
(titles, parties, the brief's date, source names, topic names, which ``check`` proves) may hold
digits anywhere. Every other figure — from a fact, a milestone, or the template itself — must sit
in a sentence (or table row) that calls a footnote made by ``cite()``, and must be a figure that
footnote proves: one of its quotes' numbers, or of the statement, value and date of the item that
cites it. A heading prints no figure. So a template cannot add "up 95%" beside a cited fact, nor
write a footnote of its own; and with the built-in templates, ``check`` passing means the lint
passes.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from factbrief.templating import META, Span
from factbrief.text.escaping import FOOTNOTE_DEF_RE, FOOTNOTE_REF_RE, IMAGE_RE
from factbrief.text.numbers import FIGURE_RE, figures_in_words, readings_in

_SENTENCE_RE = re.compile(r".*?(?:(?<![A-Z])[.!?](?:\[\^[^\]\s]+\])*(?=\s|$)|$)", re.S)
# Stand-ins while linting: a printed value (its index in two private-use characters, so a value is
# one token a sentence never splits), and metadata, which holds no figure.
_CLAIM, _PLAIN_VALUE, _DIGIT0 = "\ue010", "\ue011", 0xE400
_TOKEN_RE = re.compile("\ue010([\ue400-\ue7ff])([\ue400-\ue7ff])")
_TAG_IN_TEXT_RE = re.compile(r"<[^>\n]*>")
# An ordered list's number, as Markdown writes one ("2. "): the list prints its own ordinal. A
# number and a parenthesis ("999) firms") is text, which Markdown prints as written.
_LIST_MARKER_RE = re.compile(r"^\s*\d{1,2}\.\s")


@dataclass(frozen=True)
class LintIssue:
    line: int
    message: str


def _reduce(clean: str, spans: list[Span]) -> tuple[str, list[str]]:
    """The text with each printed value replaced by a token (metadata by a plain stand-in), and the
    values the tokens stand for."""
    out: list[str] = []
    values: list[str] = []
    position = 0
    for span in spans:
        out.append(clean[position : span.start])
        if span.kind == META:
            out.append(_PLAIN_VALUE)
        else:
            index = len(values)
            values.append(clean[span.start : span.end])
            out.append(_CLAIM + chr(_DIGIT0 + index // 1024) + chr(_DIGIT0 + index % 1024))
        position = span.end
    out.append(clean[position:])
    return "".join(out), values


class _Figures:
    """The figures a unit of text prints: in the values it holds, and in the template's own words."""

    def __init__(self, values: list[str], languages: tuple[str, ...]) -> None:
        self.values = values
        self.languages = languages

    def of(self, unit: str) -> list[tuple[str, AbstractSet[Decimal], str]]:
        """(as written, its possible readings, whose) for each figure: "the fact file" or "the template"."""
        found: list[tuple[str, AbstractSet[Decimal], str]] = []
        for m in _TOKEN_RE.finditer(unit):
            value = self.values[(ord(m.group(1)) - _DIGIT0) * 1024 + ord(m.group(2)) - _DIGIT0]
            found += [(w, r, "a figure from the fact file") for w, r in self._read(value.replace("\\", ""))]
        own = _TOKEN_RE.sub(" ", unit).replace(_PLAIN_VALUE, " ")
        own = _LIST_MARKER_RE.sub(" ", FOOTNOTE_REF_RE.sub(" ", own)).replace("\\", "")
        # The template's own tags print the values of some of their attributes (a form field's
        # value, a broken image's alternative text).
        own = html_module.unescape(_TAG_IN_TEXT_RE.sub(" ", own)) + " " + " ".join(printed_attributes(own))
        found += [(w, r, f"the template's own figure '{w}'") for w, r in self._read(own)]
        found += [
            (w, r, f"the template's own figure in words '{w}'") for w, r, _ in figures_in_words(own, self.languages)
        ]
        return found

    def _read(self, text: str) -> tuple[tuple[str, frozenset[Decimal]], ...]:
        return readings_in(text, self.languages)


def _show(clean_line: str) -> str:
    return clean_line.strip() if len(clean_line.strip()) <= 100 else clean_line.strip()[:100] + "…"


def lint_markdown(
    clean: str,
    spans: list[Span],
    pictures: dict[str, frozenset[str]] | None = None,
    proves: dict[str, set[Decimal]] | None = None,
    languages: tuple[str, ...] = ("en",),
    always: frozenset[Decimal] = frozenset(),
) -> list[LintIssue]:
    """Problems in a rendered document: figures without a footnote that proves them, pictures whose
    caption does not cite every value they plot (``pictures``: each picture's file name and the
    notes it needs), and footnotes that do not resolve or that ``cite()`` did not make.

    ``proves``: each note's number and the figures it proves (citations.Footnotes.proves);
    ``languages``: the notations printed figures may be in; ``always``: figures any sentence may
    print (the brief's own date)."""
    reduced, values = _reduce(clean, spans)
    figures = _Figures(values, languages)
    issues: list[LintIssue] = []
    definitions: dict[str, int] = {}
    references: dict[str, int] = {}
    clean_lines = clean.splitlines()
    lines = reduced.splitlines()
    caption = 0  # the line of a picture's caption, linted with its image

    def unproven(unit: str, number: int, shown: str, heading: bool = False) -> LintIssue | None:
        refs = FOOTNOTE_REF_RE.findall(unit)
        for _written, readings, whose in figures.of(unit):
            if readings & always and not heading:
                continue
            if heading:
                return LintIssue(number, f"heading prints {whose}, which cannot carry a footnote: {shown!r}")
            if not refs:
                return LintIssue(number, f"prints {whose} without a footnote: {shown!r}")
            if proves is not None and not readings & set().union(*(proves.get(r, set()) for r in refs)):
                notes = ", ".join(f"[^{r}]" for r in refs)
                return LintIssue(number, f"prints {whose}, which its footnote ({notes}) does not prove: {shown!r}")
        return None

    for number, line in enumerate(lines, start=1):
        shown = _show(clean_lines[number - 1] if number <= len(clean_lines) else line)
        if number == caption:
            continue
        if re.search(r"\bdata-note\b", line, re.I):  # the stylesheet prints it as a note's number
            issues.append(LintIssue(number, f"sets data-note, which only Factbrief's note calls carry: {shown!r}"))
            continue
        image = IMAGE_RE.match(line)
        if image:
            after = lines[number] if number < len(lines) and lines[number].strip() else ""
            caption = number + 1 if after else 0
            for ref in FOOTNOTE_REF_RE.findall(line + " " + after):
                references.setdefault(ref, number)
            issues += _picture_issues(number, image.group(1), line + " " + after, pictures or {}, shown)
            problem = None if image.group(1) in (pictures or {}) else unproven(line + " " + after, number, shown)
            issues += [problem] if problem else []
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
            problem = unproven(line, number, shown, heading=True)
            issues += [problem] if problem else []
            continue
        for unit in _units(line):
            problem = unproven(unit, number, shown)
            if problem:
                issues.append(problem)
                break
    for ref, number in references.items():
        if ref not in definitions:
            issues.append(LintIssue(number, f"footnote reference [^{ref}] has no definition"))
        elif proves is not None and ref not in proves:
            issues.append(
                LintIssue(number, f"footnote [^{ref}] was not made by cite(): only the fact file's sources are notes")
            )
    for ref, number in definitions.items():
        if ref not in references:
            issues.append(LintIssue(number, f"footnote [^{ref}] is defined but never referenced"))
    return issues


def _picture_issues(
    number: int, target: str, unit: str, pictures: dict[str, frozenset[str]], shown: str
) -> list[LintIssue]:
    """An image and its caption are one unit. A picture Factbrief draws must call the note of every
    value it plots (what it prints is checked when it is drawn: pictures.py)."""
    calls = set(FOOTNOTE_REF_RE.findall(unit))
    if target in pictures:
        missing = sorted(pictures[target] - calls, key=lambda ref: (len(ref), ref))
        if missing:
            notes = ", ".join(f"[^{ref}]" for ref in missing)
            return [LintIssue(number, f"picture {target} plots values its caption does not cite ({notes}): {shown!r}")]
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
_ALLOWED_COUNTERS = {"page", "pages", "footnote", "list-item"}  # page numbers and note numbers


def lint_stylesheet(css: str, roots: list[Path] | None = None) -> list[str]:
    """Figures a stylesheet would print (``content: "95%"``, a counter of its own, ``attr()`` of
    anything but a note number), and resources it would fetch from outside the template folders
    (``roots``; the first is where relative URLs start): each as a message.

    Remembered for the last few stylesheets: fitting a document renders the same stylesheet for
    each of its layouts in one type (the fetcher, pdf.py, still refuses any file outside the
    folders when the page is laid out)."""
    return list(_lint_stylesheet(css, None if roots is None else tuple(roots)))


@lru_cache(maxsize=16)
def _lint_stylesheet(css: str, roots_seen: tuple[Path, ...] | None) -> tuple[str, ...]:
    import tinycss2

    roots = None if roots_seen is None else list(roots_seen)

    problems: list[str] = []

    def declarations(tokens) -> None:
        for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
            if item.type == "declaration":
                check(item.lower_name, item.value)
            elif item.type in ("qualified-rule", "at-rule") and item.content is not None:
                declarations(item.content)

    def check(name: str, value) -> None:
        for token in _flatten(value):
            url = _url_of(token)
            if url is not None and roots is not None and not _fetchable(url, roots):
                problems.append(
                    f"'{name}' fetches {url}, outside the template folders (only data: URLs and files there)"
                )
            # A custom property's string prints wherever content: var(--name) asks for it.
            printing = name in _PRINTING or name.startswith("--")
            if printing and token.type == "string" and FIGURE_RE.search(token.value):
                problems.append(f"'{name}' prints the figure in {token.value!r}")
            elif name in _COUNTER_SETTERS and token.type == "number":
                problems.append(f"'{name}' sets a counter to a number of its own ({token.representation})")
            elif name in _PRINTING and token.type == "function" and token.lower_name == "attr":
                args = [t.value for t in token.arguments if t.type == "ident"]
                if not set(args) <= _ALLOWED_ATTR:
                    problems.append(f"'{name}' prints attr({', '.join(args)}), which is not a note number")
            elif name in _PRINTING and token.type == "function" and token.lower_name in ("counter", "counters"):
                args = [t.value for t in token.arguments if t.type == "ident"]
                if args and args[0] not in _ALLOWED_COUNTERS:
                    problems.append(f"'{name}' prints counter {args[0]}, which is not a page or note number")
            elif name in _COUNTER_SETTERS and token.type == "ident" and token.value not in _ALLOWED_COUNTERS | {"none"}:
                problems.append(f"'{name}' keeps a counter of its own ({token.value}), which could print a figure")

    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "at-rule" and rule.lower_at_keyword == "counter-style":
            problems.append("@counter-style can print symbols of its own")
        elif rule.type == "at-rule" and rule.lower_at_keyword == "import":
            url = next((u for t in rule.prelude if (u := _url_of(t) or _string_of(t)) is not None), None)
            if url is not None and roots is not None and not _fetchable(url, roots):
                problems.append(
                    f"@import fetches {url}, outside the template folders (only data: URLs and files there)"
                )
        if rule.content is not None and rule.type != "error":
            declarations(rule.content)
    return tuple(problems)


def _string_of(token) -> str | None:
    """An @import's URL may be a plain string: ``@import "file:///etc/passwd";``."""
    return token.value if token.type == "string" else None


def _url_of(token) -> str | None:
    if token.type == "url":
        return token.value
    if token.type == "function" and token.lower_name == "url":
        strings = [t.value for t in token.arguments if t.type == "string"]
        return strings[0] if strings else None
    return None


def _fetchable(url: str, roots: list[Path]) -> bool:
    """What the renderer's locked fetcher would serve (pdf.py): data: URLs, files in the roots."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme not in ("", "file") or (scheme == "" and url.startswith("//")):
        return False
    path = Path(unquote(parts.path))
    path = (path if path.is_absolute() else roots[0] / path).resolve()
    return any(path.is_relative_to(root.resolve()) for root in roots)


def _flatten(tokens):
    for token in tokens:
        yield token
        if token.type == "function":
            yield from _flatten(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            yield from _flatten(token.content)


_SCRIPT_RE = re.compile(r"<script\b.*?</script\s*>|<!--.*?-->", re.S | re.I)
_STYLE_RE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_TAG_RE = re.compile(r"<[^>]*>")


# Attributes whose value a page prints (a form field's value, a broken image's alternative text)
# or fetches (an image, a stylesheet).
_PRINTED_ATTRIBUTE_RE = re.compile(r"""\b(value|placeholder|alt|label)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_FETCHED_RE = re.compile(
    r"""\b(src|srcset|poster|data)\s*=\s*["']?([^"'\s>]+)|<link\b[^>]*\b(href)\s*=\s*["']?([^"'\s>]+)""", re.I
)


def printed_attributes(html: str) -> list[str]:
    """The values of the attributes an HTML fragment's tags print."""
    return [
        html_module.unescape(next(v for v in m.groups()[1:] if v is not None))
        for tag in _TAG_RE.findall(html)
        for m in _PRINTED_ATTRIBUTE_RE.finditer(tag)
    ]


def lint_page_shell(shell: str, data: list[str], roots: list[Path] | None = None) -> list[str]:
    """Figures the page template itself prints around the document (``shell`` is the page with
    the body left out; ``data`` the values it was given, which may hold the office's own digits):
    its text (the title included, which becomes the PDF's title), its own styles, and attributes
    the stylesheet could print (``data-note``)."""
    problems = []
    for css in _STYLE_RE.findall(shell):
        problems += [f"its <style>: {p}" for p in lint_stylesheet(css, roots)]
    if re.search(r"\bdata-note\s*=", shell, re.I):
        problems.append("sets data-note, which only Factbrief's note calls carry (the stylesheet prints it)")
    for match in _FETCHED_RE.finditer(_STYLE_RE.sub(" ", shell)):
        attribute, url = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        if (
            roots is not None
            and not url.lower().startswith("data:")
            and not _fetchable(html_module.unescape(url), roots)
        ):
            problems.append(
                f"{attribute}= fetches {url}, outside the template folders (only data: URLs and files there)"
            )
    for value in printed_attributes(_STYLE_RE.sub(" ", shell)):
        if FIGURE_RE.search(value) and not any(value == html_module.unescape(d) for d in data):
            problems.append(f"prints the figure in {value!r} (an attribute the page shows) outside the document")
    text = _STYLE_RE.sub(" ", _SCRIPT_RE.sub(" ", shell))
    text = html_module.unescape(_TAG_RE.sub(" ", text))
    for value in sorted(data, key=len, reverse=True):
        if value:
            text = text.replace(html_module.unescape(value), " ")
    return problems + [f"prints the figure '{m.group()}' outside the document" for m in FIGURE_RE.finditer(text)]
