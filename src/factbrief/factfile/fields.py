"""Typed values from YAML nodes: every text, id, number, flag and date read by its field's type.

Values are read from the raw scalar text, so YAML 1.1 surprises (``no`` → false, ``010`` → 8,
``1:20`` → 80) cannot happen. Every text is normalised (NFC) and refused if it holds a character
that prints nothing or changes how its neighbours print (a zero-width space between two digits
prints "88" from "8 8"; a right-to-left override reverses "2024"). Each mistake becomes one
Problem naming the field.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factbrief.errors import Problem
from factbrief.factfile.yamlnodes import NUMBER_SYNTAX, is_plain, kind_of, line_of
from factbrief.model import PartialDate
from factbrief.text.cleaning import hidden_character, number_without_digits

MAX_ABS_VALUE = 1e15
MAX_TEXT_CHARS = 4000  # a paragraph; a whole article belongs in sources/
ID_SYNTAX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
NULLS = {"", "~", "null", "Null", "NULL"}


class FieldReader:
    """Reads typed values from nodes of one file, collecting one Problem per mistake."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.problems: list[Problem] = []

    def problem(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.display, None if node is None else line_of(node), message))

    def mapping(
        self, node: Node, where: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Node] | None:
        """A mapping with known keys; duplicates, unknown and missing keys are reported."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{where} is a {kind_of(node)} (expected a mapping)")
            return None
        out: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        allowed = required + optional
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, f"{where} has a {kind_of(key_node)} as a key (expected a name)")
                continue
            key = key_node.value
            if key in first_line:
                self.problem(key_node, f"{where}: duplicate key '{key}' (first given at line {first_line[key]})")
                continue
            first_line[key] = line_of(key_node)
            if key not in allowed:
                self.problem(key_node, f"{where}: unknown key '{key}' (expected one of: {', '.join(allowed)})")
                continue
            out[key] = value_node
        missing = [k for k in required if k not in out]
        if missing:
            self.problem(
                node,
                f"{where}: missing required key{'s' if len(missing) > 1 else ''} {', '.join(repr(k) for k in missing)}",
            )
        return out

    def scalar(self, node: Node, where: str) -> ScalarNode | None:
        if not isinstance(node, ScalarNode):
            self.problem(node, f"{where} is a {kind_of(node)} (expected a single value)")
            return None
        return node

    def text(self, node: Node | None, where: str, required: bool = True, statement: bool = True) -> str | None:
        """A text value: any scalar read literally (never as a bool, number or date), NFC, visible.
        A ``statement`` (anything but a quote, which is verbatim) writes its numbers with digits."""
        if node is None:
            return None
        scalar = self.scalar(node, where)
        if scalar is None:
            return None
        if is_plain(scalar) and scalar.value in NULLS or not scalar.value.strip():
            if required:
                self.problem(node, f"{where} is empty (expected text)")
            return None
        value = unicodedata.normalize("NFC", scalar.value.strip())
        hidden = hidden_character(value) or (number_without_digits(value) if statement else None)
        if hidden:
            self.problem(
                node, f"{where}: {hidden}; hidden characters and numbers without digits could change how a figure reads"
            )
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.problem(node, f"{where} is {len(value):,} characters long (the limit is {MAX_TEXT_CHARS:,})")
            return None
        return value

    def ident(self, node: Node | None, where: str) -> str | None:
        """An id: text, not a bare number, made of letters, digits, '-', '_' or '.'."""
        if node is None:
            return None
        scalar = self.scalar(node, where)
        if scalar is None:
            return None
        value = scalar.value
        if is_plain(scalar) and value in NULLS or not value.strip():
            self.problem(node, f"{where} is empty (expected an id such as 'vov')")
            return None
        if is_plain(scalar) and NUMBER_SYNTAX.match(value):
            self.problem(node, f"{where} is the number {value} (expected a text id; quote it if you mean the text)")
            return None
        if not ID_SYNTAX.match(value) or len(value) > 100:
            shown = value if len(value) <= 40 else value[:40] + "…"
            self.problem(
                node, f"{where} {shown!r} is not a valid id (expected up to 100 letters, digits, '-', '_' or '.')"
            )
            return None
        return value

    def number(self, node: Node | None, where: str) -> float | int | None:
        if node is None:
            return None
        scalar = self.scalar(node, where)
        if scalar is None:
            return None
        raw = scalar.value.strip()
        if re.match(r"^[-+]?0\d", raw):
            self.problem(
                node, f"{where} '{raw}' has a leading zero (YAML 1.1 would read it as octal; write it without the zero)"
            )
            return None
        if len(raw) > 40 or not NUMBER_SYNTAX.match(raw):
            hint = (
                "not a finite number"
                if raw.lower().lstrip("+-") in {".nan", ".inf", "nan", "inf"}
                else "not a plain decimal number"
            )
            self.problem(node, f"{where} '{raw[:40]}' is {hint} (expected a number such as 46.2)")
            return None
        value = float(raw) if "." in raw else int(raw)
        if not math.isfinite(value) or abs(value) > MAX_ABS_VALUE:
            self.problem(node, f"{where} '{raw}' is absurdly large (expected at most {MAX_ABS_VALUE:.0e})")
            return None
        return value

    def boolean(self, node: Node | None, where: str) -> bool:
        if node is None:
            return False
        scalar = self.scalar(node, where)
        if scalar is None:
            return False
        if is_plain(scalar) and scalar.value in ("true", "false"):
            return scalar.value == "true"
        self.problem(node, f"{where} is '{scalar.value[:40]}' (expected true or false)")
        return False

    def integer(self, node: Node | None, where: str, low: int, high: int) -> int | None:
        value = self.number(node, where)
        if value is None:
            return None
        if not isinstance(value, int) or not low <= value <= high:
            self.problem(node, f"{where} is {value} (expected a whole number from {low} to {high})")
            return None
        return value

    def date(self, node: Node | None, where: str, full: bool = False) -> PartialDate | None:
        if node is None:
            return None
        scalar = self.scalar(node, where)
        if scalar is None:
            return None
        try:
            value = PartialDate.parse(scalar.value)
        except ValueError as exc:
            self.problem(node, f"{where}: {exc}")
            return None
        if full and value.day is None:
            self.problem(node, f"{where} '{scalar.value}' is not a full date (expected YYYY-MM-DD)")
            return None
        return value

    def items(self, node: Node | None, where: str, read: Callable[[Node, str], Any]) -> list[Any]:
        """A list, each item read by ``read``; items that fail are left out (their problem is reported)."""
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{where} is a {kind_of(node)} (expected a list)")
            return []
        out = [read(item, f"{where}[{i}]") for i, item in enumerate(node.value)]
        return [x for x in out if x is not None]


def named(node: Node, kind: str, where: str) -> str:
    """ "fact 'trade'" when the mapping has a usable id, else its position such as "facts[3]"."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                if ID_SYNTAX.match(value.value) and len(value.value) <= 100:
                    return f"{kind} '{value.value}'"
    return where
