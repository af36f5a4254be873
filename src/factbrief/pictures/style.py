"""The pictures' colours and type, read from the stylesheet's ``:root`` variables (``--picture-*``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Style:
    """The pictures' colours and type, read from the stylesheet's ``:root`` variables (``--picture-*``)."""

    ink: str = "#1b1f24"  # labels
    muted: str = "#5a6470"  # scales and leader lines
    rule: str = "#c9d1db"  # axes and grid lines
    mark: str = "#1f3a5f"  # marks, filled or outlined
    date: str = "#b4862b"  # the brief's date
    band: str = "#eef2f7"  # the period a detailed row shows
    paper: str = "#ffffff"  # the inside of hollow marks, behind labels
    font: tuple[str, ...] = field(default=("DejaVu Sans Condensed", "DejaVu Sans", "sans-serif"))


def style_of(css: str) -> Style:
    """The ``--picture-*`` variables of a stylesheet's ``:root`` rules (``var()`` resolved); the
    built-in colours for any it does not set."""
    import tinycss2

    variables: dict[str, list] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == ":root":
            for item in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
                if item.type == "declaration" and item.name.startswith("--"):
                    variables[item.name] = item.value
    found: dict[str, Any] = {}  # a field's name → its value: a colour (str), or the font stack (a tuple)
    for name in Style.__dataclass_fields__:
        tokens = _resolve(variables.get(f"--picture-{name}"), variables)
        if not tokens:
            continue
        text = tinycss2.serialize(tokens).strip()
        if name == "font":  # a font stack: "DejaVu Sans Condensed", DejaVu Sans, sans-serif
            families = tuple(f.strip().strip("'\"").strip() for f in text.split(","))
            found[name] = tuple(f for f in families if f) or Style.font
        else:
            found[name] = text
    return Style(**found)


def _resolve(tokens: list | None, variables: dict[str, list], depth: int = 0) -> list:
    """The tokens with each ``var(--name)`` replaced by that variable's tokens."""
    if tokens is None or depth > 8:
        return []
    out: list = []
    for token in tokens:
        if token.type == "function" and token.lower_name == "var":
            args = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
            name = args[0].value if args and args[0].type == "ident" else ""
            out += _resolve(variables.get(name), variables, depth + 1)
        elif token.type != "comment":
            out.append(token)
    return out
