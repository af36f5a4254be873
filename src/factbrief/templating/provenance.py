"""Where each printed string came from, so the lint can tell the office's metadata from figures.

While a document renders, every value a template prints is wrapped in invisible markers that
carry a per-render secret: ``Meta`` values (titles, names, dates of the brief, topic names: the
office's own words, or names that ``check`` proves) in metadata markers, every other value
(fact text, figures, anything a template computes) in claim markers. The lint reads the markers
and removes them; a template cannot forge one, because it never sees the secret, and any marker
character not made by Factbrief is refused. A template can capture a marked value
(``{% set x %}{{ doc.title }}{% endset %}``) and edit the text between its markers; so a
metadata marker also carries a digest of its text under the secret, and a span whose text no
longer matches its digest is read as a claim.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from contextvars import ContextVar, Token
from dataclasses import dataclass

# Private-use code points: fields.py refuses them in fact files, the template loader in templates.
OPEN, SEP, CLOSE = "\ue000", "\ue001", "\ue002"
MARKER_CHARS = (OPEN, SEP, CLOSE)
META, CLAIM = "m", "c"


class Meta(str):
    """Text that names rather than claims: the brief's title, parties and date, sources, topics."""

    __slots__ = ()


_nonce: ContextVar[str | None] = ContextVar("factbrief_render_nonce", default=None)


def begin() -> tuple[str, Token[str | None]]:
    """Start marking for one render: returns the secret and a token for ``end``."""
    nonce = secrets.token_hex(8)
    return nonce, _nonce.set(nonce)


def end(token: Token[str | None]) -> None:
    _nonce.reset(token)


def mark(value: object, text: str) -> str:
    """``text`` (the value, already escaped) wrapped in this render's markers, if a render is on."""
    nonce = _nonce.get()
    if nonce is None:
        return text
    kind = META if isinstance(value, Meta) else CLAIM
    return f"{OPEN}{nonce}{kind}{_seal(nonce, text)}{SEP}{text}{CLOSE}"


def _seal(nonce: str, text: str) -> str:
    """A digest of the marked text under this render's secret (16 hex digits)."""
    return hashlib.sha256(f"{nonce}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class Span:
    start: int  # in the text without markers
    end: int
    kind: str


def unmark(text: str, nonce: str) -> tuple[str, list[Span]]:
    """The text without this render's markers, and where each marked value sits in it.

    Raises ValueError if a marker character is left that this render did not make (forged).
    """
    pattern = re.compile(
        re.escape(OPEN + nonce) + f"([{META}{CLAIM}])([0-9a-f]{{16}})" + SEP + f"([^{OPEN}{SEP}{CLOSE}]*)" + CLOSE
    )
    out: list[str] = []
    spans: list[Span] = []
    position = length = 0
    for m in pattern.finditer(text):
        kind, seal, value = m.group(1), m.group(2), m.group(3)
        out.append(text[position : m.start()])
        length += m.start() - position
        # Metadata whose text was edited after it was marked is no longer the office's words.
        spans.append(Span(length, length + len(value), kind if seal == _seal(nonce, value) else CLAIM))
        out.append(value)
        length += len(value)
        position = m.end()
    out.append(text[position:])
    clean = "".join(out)
    if any(ch in clean for ch in MARKER_CHARS):
        raise ValueError(
            "the output holds reserved private-use characters (U+E000–U+E002) that Factbrief did not write"
        )
    return clean, spans
