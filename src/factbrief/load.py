"""Read a fact file: YAML text → typed model, every problem reported with its file and line.

PyYAML is only used to parse the text into nodes. Values are then read from the raw scalar text
according to the field's declared type, so YAML 1.1 surprises (``no`` → false, ``010`` → 8,
``1:20`` → 80) cannot happen, and anchors, aliases, tags and duplicate keys are refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import FactFileError, Problem
from .model import Citation, Fact, FactFile, Ignored, Milestone, PartialDate, Source

FORMAT_VERSION = 1
MAX_ABS_VALUE = 1e15
_NUMBER_RE = re.compile(r"^[-+]?(?:0|[1-9]\d*)(?:\.\d+)?$")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_LENGTH = r"\d+(?:\.\d+)?(?:mm|cm|in|pt)"
_PAGE_PATTERNS = {
    "size": (
        rf"(?:A[3-6]|B[4-5]|letter|legal|{_LENGTH} {_LENGTH})(?: (?:portrait|landscape))?",
        "A4, letter, legal or two lengths",
    ),
    "margin": (rf"{_LENGTH}(?: {_LENGTH}){{0,3}}", "one to four lengths such as 18mm 16mm"),
    "font_size": (r"\d+(?:\.\d+)?pt", "a size in points such as 9.5pt"),
    "font_family": (r"[A-Za-z0-9 \-]+", "a font family name such as DejaVu Serif"),
}


class _StrictComposing:
    """A composer that refuses anchors, aliases and explicit tags before building any node."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _YamlRefusal(
                event.start_mark, f"alias '*{event.anchor}' (anchors and aliases are not allowed in a fact file)"
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlRefusal(
                event.start_mark, f"anchor '&{anchor}' (anchors and aliases are not allowed in a fact file)"
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _YamlRefusal(event.start_mark, f"tag '{tag}' (tags are not allowed in a fact file)")
        return super().compose_node(parent, index)  # type: ignore[misc]


class _StrictLoader(_StrictComposing, yaml.SafeLoader):
    """PyYAML's own pure-Python parser, strict."""


if yaml.__with_libyaml__:

    class _FastStrictLoader(
        _StrictComposing,
        yaml.composer.Composer,
        yaml.cyaml.CParser,
        yaml.constructor.SafeConstructor,
        yaml.resolver.Resolver,
    ):
        """The same strict composer over libyaml's parser (several times faster than PyYAML's own)."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_scalar_node(self, anchor: Any) -> ScalarNode:
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # libyaml marks a plain scalar '', PyYAML None
            return node

    _LOADER: type = _FastStrictLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _LOADER = _StrictLoader


class _YamlRefusal(Exception):
    def __init__(self, mark: yaml.Mark, message: str) -> None:
        self.mark = mark
        self.message = message


def load_fact_file(path: Path | str) -> FactFile:
    """Load and validate a fact file; raise FactFileError listing every problem found."""
    path = Path(path)
    display = _display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FactFileError(Problem(display, None, "no such fact file")) from None
    except OSError as exc:
        raise FactFileError(Problem(display, None, f"cannot read the fact file ({exc.strerror})")) from None
    root = parse_yaml(data, display)
    reader = _Reader(display, path.resolve().parent)
    fact_file = reader.read_root(root, path)
    if reader.problems:
        raise FactFileError(reader.problems)
    assert fact_file is not None
    return fact_file


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
        node = yaml.compose(text, Loader=_LOADER)
    except _YamlRefusal as exc:
        raise FactFileError(Problem(display, exc.mark.line + 1, f"refused {exc.message}")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        raise FactFileError(Problem(display, mark.line + 1 if mark else None, f"YAML syntax error: {what}")) from None
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
                f"the top level is a {_kind(node)} (expected a mapping of keys such as title, sources, facts)",
            )
        )
    return node


def _display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "list"
    return "number" if node.style is None and _NUMBER_RE.match(node.value) else "text"


def _named(node: Node, kind: str, where: str) -> str:
    """ "fact 'trade'" when the mapping has a usable id, else its position such as "facts[3]"."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode):
                if _ID_RE.match(value.value):
                    return f"{kind} '{value.value}'"
    return where


def _line(node: Node) -> int:
    return node.start_mark.line + 1


class _Reader:
    """Reads nodes into model objects, collecting one Problem per mistake."""

    def __init__(self, display: str, folder: Path) -> None:
        self.display = display
        self.folder = folder
        self.problems: list[Problem] = []

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(Problem(self.display, _line(node), message))

    # -- generic shapes ------------------------------------------------------------------

    def mapping(
        self, node: Node, where: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, Node] | None:
        """Read a mapping with known keys; report duplicates, unknown and missing keys."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{where} is a {_kind(node)} (expected a mapping)")
            return None
        out: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        allowed = required + optional
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problem(key_node, f"{where} has a {_kind(key_node)} as a key (expected a name)")
                continue
            key = key_node.value
            if key in first_line:
                self.problem(key_node, f"{where}: duplicate key '{key}' (first given at line {first_line[key]})")
                continue
            first_line[key] = _line(key_node)
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
            self.problem(node, f"{where} is a {_kind(node)} (expected a single value)")
            return None
        return node

    def text(self, node: Node | None, where: str, required: bool = True) -> str | None:
        """A text value: any scalar read literally, never as a bool, number or date."""
        if node is None:
            return None
        scalar = self.scalar(node, where)
        if scalar is None:
            return None
        if scalar.style is None and scalar.value in _NULLS or not scalar.value.strip():
            if required:
                self.problem(node, f"{where} is empty (expected text)")
            return None
        return scalar.value.strip()

    def ident(self, node: Node | None, where: str) -> str | None:
        """An id: text, not a bare number, made of letters, digits, '-', '_' or '.'."""
        if node is None:
            return None
        scalar = self.scalar(node, where)
        if scalar is None:
            return None
        value = scalar.value
        if scalar.style is None and value in _NULLS or not value.strip():
            self.problem(node, f"{where} is empty (expected an id such as 'vov')")
            return None
        if scalar.style is None and _NUMBER_RE.match(value):
            self.problem(node, f"{where} is the number {value} (expected a text id; quote it if you mean the text)")
            return None
        if not _ID_RE.match(value):
            self.problem(node, f"{where} '{value}' is not a valid id (expected letters, digits, '-', '_' or '.')")
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
        if not _NUMBER_RE.match(raw):
            hint = (
                "not a finite number"
                if raw.lower().lstrip("+-") in {".nan", ".inf", "nan", "inf"}
                else "not a plain decimal number"
            )
            self.problem(node, f"{where} '{raw}' is {hint} (expected a number such as 46.2)")
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
        if scalar.style is None and scalar.value in ("true", "false"):
            return scalar.value == "true"
        self.problem(node, f"{where} is '{scalar.value}' (expected true or false)")
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
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.problem(node, f"{where} is a {_kind(node)} (expected a list)")
            return []
        out = [read(item, f"{where}[{i}]") for i, item in enumerate(node.value)]
        return [x for x in out if x is not None]

    # -- the fact file ---------------------------------------------------------------------

    def read_root(self, root: MappingNode, path: Path) -> FactFile | None:
        keys = self.mapping(
            root,
            "fact file",
            required=("title", "parties", "as_of", "sources", "facts", "milestones"),
            optional=("format", "subtitle", "marking", "purpose", "language", "page", "ignored"),
        )
        if keys is None:
            return None
        if "format" in keys:
            version = self.number(keys["format"], "format")
            if version is not None and version != FORMAT_VERSION:
                self.problem(keys["format"], f"format {version} is not supported (expected {FORMAT_VERSION})")
        title = self.text(keys.get("title"), "title")
        parties = self.items(keys.get("parties"), "parties", lambda n, w: self.text(n, w))
        if "parties" in keys and isinstance(keys["parties"], SequenceNode) and len(parties) < 2:
            self.problem(keys["parties"], f"parties lists {len(parties)} name(s) (expected two or more)")
        as_of = self.date(keys.get("as_of"), "as_of", full=True)
        sources = self.read_sources(keys.get("sources"))
        facts = self.items(keys.get("facts"), "facts", self.read_fact)
        milestones = self.items(keys.get("milestones"), "milestones", self.read_milestone)
        ignored = self.items(keys.get("ignored"), "ignored", self.read_ignored)
        if self.problems or title is None or as_of is None:
            return None
        return FactFile(
            path=path.resolve(),
            display=self.display,
            title=title,
            parties=parties,
            as_of=as_of.start,
            sources=sources,
            facts=facts,
            milestones=milestones,
            subtitle=self.text(keys.get("subtitle"), "subtitle", required=False),
            marking=self.text(keys.get("marking"), "marking", required=False),
            purpose=self.text(keys.get("purpose"), "purpose", required=False),
            language=self.text(keys.get("language"), "language", required=False) or "en",
            page=self.read_page(keys.get("page")),
            ignored=ignored,
            lines={k: _line(v) for k, v in keys.items()},
        )

    def read_page(self, node: Node | None) -> dict[str, str]:
        """Page setup, each value checked against a strict pattern: it is written into CSS."""
        if node is None:
            return {}
        keys = self.mapping(node, "page", (), tuple(_PAGE_PATTERNS))
        out = {}
        for key, value_node in (keys or {}).items():
            value = self.text(value_node, f"page.{key}")
            pattern, expected = _PAGE_PATTERNS[key]
            if value is not None and not re.fullmatch(pattern, value):
                self.problem(value_node, f"page.{key} '{value}' is not allowed (expected {expected})")
            elif value is not None:
                out[key] = value
        return out

    def read_sources(self, node: Node | None) -> dict[str, Source]:
        if node is None:
            return {}
        if not isinstance(node, MappingNode):
            self.problem(
                node, f"sources is a {_kind(node)} (expected a mapping from source id to publisher, title, file)"
            )
            return {}
        out: dict[str, Source] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            sid = self.ident(key_node, "source id")
            if sid is None:
                continue
            if sid in seen:
                self.problem(key_node, f"sources: duplicate key '{sid}' (first given at line {seen[sid]})")
                continue
            seen[sid] = _line(key_node)
            where = f"sources.{sid}"
            keys = self.mapping(value_node, where, ("publisher", "title", "file"), ("published", "url"))
            if keys is None:
                continue
            publisher = self.text(keys.get("publisher"), f"{where}.publisher")
            title = self.text(keys.get("title"), f"{where}.title")
            file_text = self.text(keys.get("file"), f"{where}.file")
            published = self.date(keys.get("published"), f"{where}.published")
            url = self.text(keys.get("url"), f"{where}.url", required=False)
            if publisher and title and file_text:
                out[sid] = Source(
                    id=sid,
                    publisher=publisher,
                    title=title,
                    file=(self.folder / file_text),
                    file_text=file_text,
                    line=_line(key_node),
                    published=published,
                    url=url,
                )
        return out

    def read_citation(self, keys: dict[str, Node], where: str) -> Citation | None:
        source = self.ident(keys.get("source"), f"{where}.source")
        quote = self.text(keys.get("quote"), f"{where}.quote")
        if source is None or quote is None:
            return None
        return Citation(source=source, quote=quote, line=_line(keys["quote"]))

    def read_also(self, node: Node | None, where: str) -> tuple[Citation, ...]:
        def one(item: Node, w: str) -> Citation | None:
            keys = self.mapping(item, w, ("source", "quote"), ())
            return None if keys is None else self.read_citation(keys, w)

        return tuple(self.items(node, f"{where}.also", one))

    def read_fact(self, node: Node, where: str) -> Fact | None:
        where = _named(node, "fact", where)
        keys = self.mapping(
            node,
            where,
            required=("id", "topic", "text", "source", "quote"),
            optional=(
                "value",
                "unit",
                "as_of",
                "metric",
                "label",
                "priority",
                "glance",
                "watch",
                "preferred",
                "note",
                "also",
            ),
        )
        if keys is None:
            return None
        fid = self.ident(keys.get("id"), f"{where}.id")
        topic = self.text(keys.get("topic"), f"{where}.topic")
        text = self.text(keys.get("text"), f"{where}.text")
        citation = self.read_citation(keys, where)
        fact = dict(
            value=self.number(keys.get("value"), f"{where}.value"),
            unit=self.text(keys.get("unit"), f"{where}.unit", required=False),
            as_of=self.date(keys.get("as_of"), f"{where}.as_of"),
            metric=self.ident(keys.get("metric"), f"{where}.metric") if "metric" in keys else None,
            label=self.text(keys.get("label"), f"{where}.label", required=False),
            priority=self.integer(keys.get("priority"), f"{where}.priority", 1, 9) if "priority" in keys else None,
            glance=self.boolean(keys.get("glance"), f"{where}.glance"),
            watch=self.boolean(keys.get("watch"), f"{where}.watch"),
            preferred=self.boolean(keys.get("preferred"), f"{where}.preferred"),
            note=self.text(keys.get("note"), f"{where}.note", required=False),
            also=self.read_also(keys.get("also"), where),
        )
        if fid is None or topic is None or text is None or citation is None:
            return None
        return Fact(id=fid, topic=topic, text=text, citation=citation, line=_line(node), **fact)

    def read_milestone(self, node: Node, where: str) -> Milestone | None:
        where = _named(node, "milestone", where)
        keys = self.mapping(node, where, required=("id", "date", "text", "source", "quote"), optional=("topic", "also"))
        if keys is None:
            return None
        mid = self.ident(keys.get("id"), f"{where}.id")
        date = self.date(keys.get("date"), f"{where}.date")
        text = self.text(keys.get("text"), f"{where}.text")
        citation = self.read_citation(keys, where)
        topic = self.text(keys.get("topic"), f"{where}.topic", required=False)
        also = self.read_also(keys.get("also"), where)
        if mid is None or date is None or text is None or citation is None:
            return None
        return Milestone(id=mid, date=date, text=text, citation=citation, line=_line(node), topic=topic, also=also)

    def read_ignored(self, node: Node, where: str) -> Ignored | None:
        keys = self.mapping(node, where, required=("source", "figure", "quote", "reason"), optional=())
        if keys is None:
            return None
        source = self.ident(keys.get("source"), f"{where}.source")
        figure = self.text(keys.get("figure"), f"{where}.figure")
        quote = self.text(keys.get("quote"), f"{where}.quote")
        reason = self.text(keys.get("reason"), f"{where}.reason")
        if None in (source, figure, quote, reason):
            return None
        return Ignored(source=source, figure=figure, quote=quote, reason=reason, line=_line(node))
