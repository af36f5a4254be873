"""Fonts: the faces the stylesheet needs, and what to install for a character no font here has.

``python -m factbrief.printing.fonts`` (run by ``make``) asks fontconfig whether each face the built-in
stylesheet uses is installed as itself, not replaced by a fallback: with only Debian's
``fonts-dejavu-core``, the condensed faces fall back to wider ones (the briefing then drops half
its key figures to fit) and the italics to upright type. It imports nothing outside the standard
library, so it runs before Factbrief is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factbrief.model import FactFile

# The families style.css sets its text in (the first of each font stack; tests/test_fonts.py keeps
# the two in step), each needed upright and italic, regular and bold.
FAMILIES = ("DejaVu Serif Condensed", "DejaVu Sans Condensed")
# Where the stylesheet's stacks fall back for Chinese, Japanese and Korean script.
CJK_FAMILIES = ("Noto Serif CJK JP", "Noto Sans CJK JP")
INSTALL_DEJAVU = (
    "apt-get install fonts-dejavu-core fonts-dejavu-extra (Debian/Ubuntu), "
    "dnf install dejavu-serif-fonts dejavu-sans-fonts (Fedora), brew install --cask font-dejavu (macOS)"
)
INSTALL_CJK = (
    "apt-get install fonts-noto-cjk (Debian/Ubuntu), "
    "dnf install google-noto-serif-cjk-fonts google-noto-sans-cjk-fonts (Fedora)"
)
# fontconfig's numbers for the weights and slants the stylesheet uses.
_WEIGHTS = {"regular": 80, "bold": 200}
_SLANTS = {"upright": (0,), "italic": (100, 110)}  # an oblique face serves as the italic


@dataclass(frozen=True)
class Face:
    family: str
    weight: str = "regular"
    slant: str = "upright"

    def __str__(self) -> str:
        style = " ".join(s for s in (self.weight, self.slant) if s not in ("regular", "upright"))
        return f"{self.family} {style.title()}".strip()


def required_faces() -> list[Face]:
    return [Face(f, w, s) for f in FAMILIES for w in _WEIGHTS for s in _SLANTS]


def missing_faces(faces: list[Face]) -> list[Face]:
    """The faces fontconfig does not resolve to themselves (it would substitute another font)."""
    return [face for face in faces if not _resolves(face)]


def _resolves(face: Face) -> bool:
    pattern = f"{face.family}:weight={_WEIGHTS[face.weight]}:slant={_SLANTS[face.slant][0]}"
    found = subprocess.run(
        ["fc-match", "--format", "%{family}\n%{weight}\n%{slant}\n", pattern],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    if len(found) < 3:
        return False
    families, weight, slant = found[0].split(","), found[1], found[2]
    return (
        face.family in families
        and weight.isdigit()
        and int(weight) == _WEIGHTS[face.weight]
        and slant.isdigit()
        and int(slant) in _SLANTS[face.slant]
    )


def covers(char: str) -> bool:
    """Whether any installed font has this character."""
    found = subprocess.run(
        ["fc-list", f":charset={ord(char):x}", "family"], capture_output=True, text=True, check=False
    )
    return bool(found.stdout.strip())


def package_for(char: str) -> str:
    """The Debian package that gives a font for this character."""
    name = unicodedata.name(char, "")
    if name.startswith(("CJK ", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC", "FULLWIDTH")):
        return "fonts-noto-cjk"
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "fonts-noto-color-emoji"
    return "fonts-noto-core"


def describe(char: str) -> str:
    """``'石' (U+77F3)``."""
    return f"'{char}' (U+{ord(char):04X})"


def where(char: str, fact_file: FactFile) -> list[tuple[int | None, str, str | None]]:
    """Where the fact file writes this character, first line first: (line, "fact 'id'", id)."""
    places: list[tuple[int | None, str, str | None, tuple[str | None, ...]]] = [
        (fact_file.lines.get(key), f"the file's {key}", None, (value,))
        for key, value in (
            ("title", fact_file.title),
            ("subtitle", fact_file.subtitle),
            ("marking", fact_file.marking),
            ("purpose", fact_file.purpose),
            ("parties", " ".join(fact_file.parties)),
        )
    ]
    places += [(s.line, f"source '{s.id}'", s.id, (s.publisher, s.title)) for s in fact_file.sources.values()]
    for kind, items in (("fact", fact_file.facts), ("milestone", fact_file.milestones)):
        for item in items:
            fields = ("label", "unit", "qualifier", "status", "note")
            texts = (item.text, item.topic, *(getattr(item, k, None) for k in fields))
            places.append((item.line, f"{kind} '{item.id}'", item.id, texts))
            places += [(c.line, f"{kind} '{item.id}'", item.id, (c.quote,)) for c in item.citations]
    found = {place[:3] for place in places if any(char in (text or "") for text in place[3])}
    return sorted(found, key=lambda place: (place[0] or 0, place[1]))


def main(argv: list[str] | None = None) -> int:
    """Check the faces the stylesheet uses; say what to install. Exit 1 if any is missing."""
    if shutil.which("fc-match") is None:
        print("Hint: fontconfig's fc-match is not on PATH, so the fonts were not checked.")
        return 0
    missing = missing_faces(required_faces())
    if missing:
        print(
            f"The PDFs are set in faces that are missing here: {', '.join(map(str, missing))} "
            f"(without them the type is wider, and the briefing drops content to fit). Install them: {INSTALL_DEJAVU}."
        )
        return 1
    if not covers("\u77f3"):  # 石
        print(f"Hint: no font here prints Chinese, Japanese or Korean script (optional): {INSTALL_CJK}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
