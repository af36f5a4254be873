"""Editing a fact file in place: a new source entry, or a new fingerprint, and every other byte kept.

The file is parsed with the project's strict YAML to find where the `sources:` mapping and its
entries lie; new lines are spliced in at the entries' own indentation, with the file's own line
endings. Whoever calls this re-loads the result before writing it (see capture.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factbrief.errors import CaptureError, Problem
from factbrief.factfile.yamlnodes import is_plain, parse_yaml

# The line breaks YAML knows (PyYAML and libyaml count lines by these).
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\t]*$")


@dataclass
class FactText:
    """A fact file's text split into YAML lines, each keeping its own line break."""

    lines: list[str]
    newline: str
    bom: bool
    root: MappingNode
    display: str

    @classmethod
    def parse(cls, data: bytes, display: str) -> FactText:
        root = parse_yaml(data, display)
        bom = data.startswith(b"\xef\xbb\xbf")
        text = data.decode("utf-8-sig")
        first = _BREAK.search(text)
        lines, start = [], 0
        for m in _BREAK.finditer(text):
            lines.append(text[start : m.end()])
            start = m.end()
        if start < len(text):
            lines.append(text[start:])
        return cls(lines, first.group() if first else "\n", bom, root, display)

    def encode(self) -> bytes:
        return ("\ufeff" if self.bom else "").encode() + "".join(self.lines).encode("utf-8")

    def refuse(self, node: Node, message: str) -> CaptureError:
        return CaptureError(Problem(self.display, node.start_mark.line + 1, message))

    def insert(self, index: int, new_lines: list[str]) -> None:
        """Insert lines (without line breaks) before line ``index`` (0-based), ending each as the line above ends."""
        above = _BREAK.search(self.lines[index - 1]) if index > 0 else None
        newline = above.group() if above else self.newline
        if index > 0 and not above:
            self.lines[index - 1] += newline  # the file ended without a line break
        self.lines[index:index] = [line + newline for line in new_lines]


def sources_node(doc: FactText) -> tuple[ScalarNode, Node]:
    for key, value in doc.root.value:
        if isinstance(key, ScalarNode) and key.value == "sources":
            return key, value
    raise CaptureError(Problem(doc.display, None, "the fact file has no sources: mapping"))


def check_editable(doc: FactText) -> None:
    """Refuse, before anything is fetched, a layout that cannot be extended line by line."""
    if doc.root.flow_style:
        raise doc.refuse(doc.root, "the fact file is written in flow style ({…}); write it as block YAML to use add")
    key, value = sources_node(doc)
    if isinstance(value, MappingNode) and value.flow_style and value.value:
        raise doc.refuse(
            key,
            "sources is written in flow style ({…}); write each source as a block (as in the README) and run add again",
        )
    if not isinstance(value, MappingNode) and not _empty(value):
        raise doc.refuse(key, "sources is not a mapping (expected source id → publisher, title, file)")


def insert_source(doc: FactText, sid: str, fields: list[tuple[str, str]]) -> int:
    """Add ``sid:`` and its fields as the last entry of sources; return the entry's line (1-based)."""
    check_editable(doc)
    key, value = sources_node(doc)
    if isinstance(value, MappingNode) and value.value:
        indent = value.value[0][0].start_mark.column
        step = next(
            (v.value[0][0].start_mark.column - indent for _, v in value.value if _block_mapping(v)),
            2,
        )
        at = _after(doc, value.value[-1][1], indent)
    else:  # empty: `sources:`, `sources: {}` or `sources: ~`; the value is replaced by the block
        line = key.start_mark.line
        if value.start_mark.line == line == value.end_mark.line:
            doc.lines[line] = _cut(doc.lines[line], value.start_mark.column, value.end_mark.column)
        indent, step, at = key.start_mark.column + 2, 2, line + 1
    pad = " " * indent
    doc.insert(at, [f"{pad}{sid}:", *(f"{pad}{' ' * step}{k}: {v}" for k, v in fields)])
    return at + 1


def set_field(doc: FactText, sid: str, name: str, text: str) -> int:
    """Write ``name: text`` into source ``sid``, replacing its value or adding the line; return its line."""
    _, sources = sources_node(doc)
    entry = next((v for k, v in getattr(sources, "value", []) if k.value == sid), None)
    if entry is None:
        raise CaptureError(Problem(doc.display, None, f"no source '{sid}'"))
    if not _block_mapping(entry):
        raise doc.refuse(entry, f"source '{sid}' is written in flow style ({{…}}); add `{name}: {text}` to it by hand")
    for k, v in entry.value:
        if k.value == name:
            if not isinstance(v, ScalarNode) or v.start_mark.line != v.end_mark.line:
                raise doc.refuse(k, f"sources.{sid}.{name} is not a one-line value; edit it by hand")
            line = doc.lines[v.start_mark.line]
            doc.lines[v.start_mark.line] = line[: v.start_mark.column] + text + line[v.end_mark.column :]
            return v.start_mark.line + 1
    indent = entry.value[0][0].start_mark.column
    at = _after(doc, entry.value[-1][1], indent - 1)
    doc.insert(at, [f"{' ' * indent}{name}: {text}"])
    return at + 1


def _cut(line: str, start: int, end: int) -> str:
    """The line without columns start to end ("sources: {}  # none" → "sources:  # none")."""
    m = _BREAK.search(line)
    body, brk = (line[: m.start()], m.group()) if m else (line, "")
    after = body[end:]
    return body[:start].rstrip(" ") + (after if after.strip() else "") + brk


def _after(doc: FactText, node: Node, indent: int) -> int:
    """The line index just after ``node`` and the comment lines indented under it."""
    at = _last_line(node) + 1
    while at < len(doc.lines):
        stripped = doc.lines[at].lstrip(" ")
        if not stripped.startswith("#") or len(doc.lines[at]) - len(stripped) <= indent:
            break
        at += 1
    return at


def _last_line(node: Node) -> int:
    """The 0-based line of the last character of a node's content."""
    if isinstance(node, MappingNode | SequenceNode) and node.value:
        last = node.value[-1]
        return _last_line(last[1] if isinstance(last, tuple) else last)
    end = node.end_mark
    return end.line - 1 if end.column == 0 and end.line > node.start_mark.line else end.line


def _block_mapping(node: Node | None) -> bool:
    return isinstance(node, MappingNode) and not node.flow_style and bool(node.value)


def _empty(node: Node) -> bool:
    return is_plain(node) and node.value in ("", "~", "null", "Null", "NULL")


def scalar(value: str) -> str:
    """A text value as YAML: plain when it reads back as itself, else double-quoted."""
    if _PLAIN.match(value) and ": " not in value and " #" not in value and not value.endswith((" ", ":")):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)
