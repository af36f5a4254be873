"""Strict YAML: text → node tree, refusing anchors, aliases, tags and non-mapping documents.

PyYAML is only used to parse the text into nodes; values are read from the raw scalar text by
fields.py, according to each field's type (so no node's tag is ever resolved or read).

A text in which no anchor, alias or tag can begin (none of ``& * !`` where a node may start) is
composed by libyaml itself, in C; any other text event by event, here, where each of them is
refused with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from factbrief.errors import FactFileError, Problem

NUMBER_SYNTAX = re.compile(r"^[-+]?(?:0|[1-9]\d*)(?:\.\d+)?$")
# Levels of nesting a fact file may have (it needs five or so): refused alike by both composers,
# and well within Python's recursion limit, which the strict one would otherwise meet first.
MAX_NESTING = 100


class _StrictComposing(yaml.composer.Composer):
    """A composer that refuses anchors, aliases and explicit tags before building any node."""

    peek_event: Callable[[], yaml.Event]  # the parser's, in the loaders it is mixed into
    depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        if self.depth >= MAX_NESTING:
            raise _YamlRefusal(event, f"nesting deeper than {MAX_NESTING} levels (a fact file needs a few)")
        if isinstance(event, yaml.AliasEvent):
            raise _YamlRefusal(event, f"alias '*{event.anchor}' (anchors and aliases are not allowed in a fact file)")
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlRefusal(event, f"anchor '&{anchor}' (anchors and aliases are not allowed in a fact file)")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _YamlRefusal(event, f"tag '{tag}' (tags are not allowed in a fact file)")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _StrictLoader(_StrictComposing, yaml.SafeLoader):
    """PyYAML's own pure-Python parser, strict."""


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _FastStrictLoader(
        _StrictComposing,
        yaml.composer.Composer,
        CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """The same strict composer over libyaml's parser (several times faster than PyYAML's own)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    class _CComposing(CParser):
        """libyaml's parser and composer, both in C, for a text that holds no node properties.
        Tags are never read, so none is resolved (a call per node saved)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            self.depth = 0

        def descend_resolver(self, parent: Node | None, index: Any) -> None:
            self.depth += 1  # libyaml calls this on entering each node, and the next on leaving it
            if self.depth > MAX_NESTING:
                raise _TooDeep()

        def ascend_resolver(self) -> None:
            self.depth -= 1

        def resolve(self, kind: type, value: Any, implicit: Any) -> str:
            return "?"

    _LOADER: type = _FastStrictLoader
    _PLAIN_LOADER: type | None = _CComposing
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADER = _StrictLoader
    _PLAIN_LOADER = None

# Where a node property could begin: an anchor (&a), an alias (*a) or a tag (!t, !!str, %TAG's
# handles) follows the start of the text, white space or one of YAML's indicators. A text with none
# cannot hold one; a text with one (or with "R &D" in a quote) is composed strictly, event by event.
_MAY_HOLD_PROPERTY = re.compile(r"(?:\A|[\s\ufeff\[\]{},:?-])[&*!]")


class _TooDeep(Exception):
    """Nested deeper than MAX_NESTING, found by the C composer (which knows no line)."""


class _YamlRefusal(Exception):
    def __init__(self, event: yaml.Event, message: str) -> None:
        self.line = event.start_mark.line + 1 if event.start_mark else None
        self.message = message


def parse_yaml(data: bytes, display: str) -> MappingNode:
    """Decode UTF-8 and compose the YAML node tree; the top level must be a mapping."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FactFileError(
            Problem(display, line, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")
        ) from None
    try:
        loader = _PLAIN_LOADER if _PLAIN_LOADER is not None and not _MAY_HOLD_PROPERTY.search(text) else _LOADER
        try:
            node = yaml.compose(text, Loader=loader)
        except _TooDeep:
            node = yaml.compose(text, Loader=_LOADER)  # refuses it too, and says where
    except _YamlRefusal as exc:
        raise FactFileError(Problem(display, exc.line, f"refused {exc.message}")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise FactFileError(
            Problem(display, mark.line + 1 if mark else None, f"YAML syntax error: {what}{_hint(exc, text)}")
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise FactFileError(
            Problem(display, line, f"character #x{exc.character:04x} is not allowed in YAML (expected printable text)")
        ) from None
    except yaml.YAMLError as exc:
        raise FactFileError(Problem(display, None, f"YAML error: {exc}")) from None
    except RecursionError:
        raise FactFileError(Problem(display, None, "YAML nesting is too deep")) from None
    if node is None:
        raise FactFileError(
            Problem(
                display,
                1,
                "the file is empty (expected a mapping with title, parties, as_of, sources, facts, milestones)",
            )
        )
    if not isinstance(node, MappingNode):
        raise FactFileError(
            Problem(
                display,
                node.start_mark.line + 1,
                f"the top level is a {kind_of(node)} (expected a mapping of keys such as title, sources, facts)",
            )
        )
    return node


def _hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    """A suggestion for the commonest mistake: a value holding ': ' (or starting with a quote mark)."""
    mark = exc.problem_mark
    if mark is None or "mapping values are not allowed" not in (exc.problem or ""):
        return ""
    line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
    key, _, value = line.partition(": ")
    if value:
        return f" (a value holding ': ' must be quoted: {key.strip(' -')}: \"{value.strip()}\")"
    return ""


def kind_of(node: Node) -> str:
    """'mapping', 'list', 'number' or 'text': how a node reads to the user."""
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    if is_plain(node) and NUMBER_SYNTAX.match(node.value):
        return "number"
    return "text"


def is_plain(node: Node | None) -> bool:
    """A scalar written without quotes or block marks (libyaml says '', PyYAML None)."""
    return isinstance(node, ScalarNode) and not node.style


def line_of(node: Node) -> int:
    return node.start_mark.line + 1
