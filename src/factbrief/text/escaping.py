"""Markdown as text: escaping data so it prints literally, and the footnote syntax."""

from __future__ import annotations

import re

# Braces too: "{: …}" after a heading, cell or block would set its attributes (attr_list).
_ESCAPE_RE = re.compile(r"([\\`*_\[\]|{}])")
_ENTITY_RE = re.compile(r"&(?=#?\w+;)")
# No-break spaces are kept: "5 557", "46,2 %" and "« … »" must not break across lines.
_SPACES_RE = re.compile(r"[^\S\u00a0\u202f]+")
# What would start a block if the text began a line: a heading, quote, list item, rule or table.
_BLOCK_START_RE = re.compile(r"^(\s*)(#|>|[-+=~]|\d+[.)](?=\s|$))")
FOOTNOTE_REF_RE = re.compile(r"(?<!\\)\[\^([^\]\s]+)\](?!:)")
FOOTNOTE_DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:\s?(.*)$")


def escape_markdown(text: object) -> str:
    """Make text print literally in Markdown: no emphasis, links, code, tables, raw HTML,
    attributes, or blocks (a value printed at the start of a line cannot become a heading, quote, list or rule)."""
    text = _SPACES_RE.sub(" ", str(text))
    text = _ESCAPE_RE.sub(r"\\\1", text)
    text = _ENTITY_RE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    return _BLOCK_START_RE.sub(_escape_block_start, text)


def _escape_block_start(m: re.Match[str]) -> str:
    space, start = m.group(1), m.group(2)
    if start[0].isdigit():  # "2025. A year" would be an ordered list
        return space + start[:-1] + "\\" + start[-1]
    if start in "=~":  # no backslash escape for these in Python-Markdown
        return f"{space}&#{ord(start)};"
    return space + "\\" + start


# A heading's attribute list, "## Key points {: #key-points}": unescaped braces come from a template.
_HEADING_ATTRS_RE = re.compile(r"^(#{1,6} .*?)[ ]+(?<!\\)\{:[^}\n]*\}[ ]*$", re.M)


def without_heading_attributes(markdown: str) -> str:
    """The Markdown as people read it: section names (``{: #name}``, for the stylesheet) dropped."""
    return _HEADING_ATTRS_RE.sub(r"\1", markdown)


# A picture in the Markdown: its image line (the caption is the next line).
IMAGE_RE = re.compile(r"^\s*!\[(?:[^\]\\]|\\.)*\]\(([^()\s]+)\)\s*$")
