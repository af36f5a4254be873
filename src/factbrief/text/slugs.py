"""Names as plain ASCII: ``fold`` drops the diacritics, ``slug`` makes ids and file names.

The one place a name loses its accents: source ids (``bao-dien-tu``), metric suggestions
(``viet-nam``), picture file names and the comparison of name spellings all fold the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """The text without diacritics: 'Phạm Minh Chính' → 'Pham Minh Chinh', 'Đồng' → 'Dong'
    (compatibility forms decomposed too: 'ﬁ' → 'fi'). Letters without an ASCII base stay."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(text: str, words: int | None = None, chars: int | None = None, skip: Collection[str] = ()) -> str:
    """Lower-case ASCII words joined by '-': 'Báo Điện tử' → 'bao-dien-tu'; at most ``words``
    words (``skip`` left out) and ``chars`` characters, never ending in '-'."""
    parts = [w for w in _WORD.findall(fold(text).lower()) if w not in skip]
    joined = "-".join(parts[:words] if words is not None else parts)
    return (joined[:chars] if chars is not None else joined).strip("-")
