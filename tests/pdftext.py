"""What a PDF page shows, as runs of text with their position, size and colour (read with pypdf)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


@dataclass(frozen=True)
class Run:
    page: int  # 0-based
    text: str
    x: float  # points from the left edge
    y: float  # points from the bottom edge, at the baseline
    size: float  # points, as printed
    color: tuple[float, ...]  # the fill colour's components (RGB 0–1)


def text_runs(path: Path | str) -> list[Run]:
    """Every run of text on every page, in the order the PDF draws them."""
    runs: list[Run] = []
    for number, page in enumerate(PdfReader(path).pages):
        state: dict = {"color": (0.0,), "shown": None}
        saved: list[dict] = []

        def before(op, args, cm, tm, state=state, saved=saved):
            if op in (b"rg", b"g", b"sc", b"scn"):
                state["color"] = tuple(float(a) for a in args if isinstance(a, int | float))
            elif op == b"q":
                saved.append(dict(state))
            elif op == b"Q" and saved:
                state.update(saved.pop())
            elif op in (b"Tj", b"TJ", b"'", b'"') and state["shown"] is None:
                state["shown"] = state["color"]  # pypdf reports the text later, when it flushes it

        def visit(text, cm, tm, font, size, state=state, number=number):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * abs(cm[3])
                color = state["shown"] if state["shown"] is not None else state["color"]
                runs.append(Run(number, text, x, y, size * scale, color))
            state["shown"] = None

        page.extract_text(visitor_operand_before=before, visitor_text=visit)
    return runs


def find(runs: list[Run], text: str) -> list[Run]:
    return [r for r in runs if text in r.text]
