"""Names the statements spell more than one way ("Pham Minh Chinh", "Phạm Minh Chính")."""

from __future__ import annotations

from collections import defaultdict

from factbrief.model import FactFile
from factbrief.text.names import name_runs
from factbrief.text.slugs import fold


def _folded(name: str) -> str:
    return fold(name).lower().replace(" ", "").replace("-", "")


def name_spellings(fact_file: FactFile) -> list[list[tuple[str, str]]]:
    """Names the statements spell more than one way ("Pham Minh Chinh", "Phạm Minh Chính";
    "Viet Nam", "Việt Nam"): for each, every spelling with an id that uses it, longest names first."""
    spellings: dict[str, dict[str, str]] = defaultdict(dict)
    texts = [(f.id, t) for f in fact_file.facts for t in (f.text, f.label or "")]
    texts += [(m.id, t) for m in fact_file.milestones for t in (m.text, m.short or "")]
    texts += [("title", fact_file.title)] + [("parties", p) for p in fact_file.parties]
    for ref, text in texts:
        for run in name_runs(text):
            for words in _sub_names(run):
                spellings[_folded(words)].setdefault(words, ref)
    groups = sorted((sorted(v.items()) for v in spellings.values() if len(v) > 1), key=lambda g: -len(g[0][0]))
    kept: list[list[tuple[str, str]]] = []
    for group in groups:  # "Pham Minh" is news only if "Pham Minh Chinh" was not reported
        if not any(all(any(name in other for other, _ in k) for name, _ in group) for k in kept):
            kept.append(group)
    return kept


def _sub_names(name: str) -> list[str]:
    """A run of capitalised words and each run of two or three words inside it."""
    words = name.split()
    out = {name}
    for size in (2, 3):
        out.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return [n for n in out if len(n.split()) >= 2 or len(n) >= 6]
