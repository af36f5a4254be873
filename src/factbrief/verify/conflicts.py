"""Conflicts: facts of one metric whose sources give it different values or dates."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from factbrief.model import Fact, FactFile, TemplateData
from factbrief.text.formatting import format_figure
from factbrief.text.numbers import as_decimal


@dataclass(frozen=True)
class Conflict(TemplateData):
    """Facts that give one metric different values or dates from different sources."""

    metric: str  # the metric they share
    facts: tuple[Fact, ...]  # every reading, in file order

    @property
    def preferred(self) -> Fact | None:
        """The reading marked ``preferred: true``, if any."""
        return next((f for f in self.facts if f.preferred), None)

    @property
    def notes(self) -> list[str]:
        """The readings' notes on why the sources differ."""
        return [f.note for f in self.facts if f.note]

    @property
    def reconciled(self) -> bool:
        """A reading is preferred or a note explains the difference."""
        return self.preferred is not None or bool(self.notes)


# The facts last asked about and their conflicts: check asks, and then every document it renders
# (each fitted layout too), of the same facts.
_LAST: list[tuple[tuple[Fact, ...], list[Conflict]]] = []


def find_conflicts(fact_file: FactFile) -> list[Conflict]:
    """Facts of one metric from different sources that disagree: different values for the same
    period (an undated figure could be any period), or the same value for different periods.
    Readings of different periods with different values are a series, not a conflict. Each group
    of facts joined by such disagreements is one conflict."""
    facts = tuple(fact_file.facts)
    # The same facts, the same objects (a Fact is frozen): the same conflicts, holding them.
    if _LAST and len(_LAST[0][0]) == len(facts) and all(a is b for a, b in zip(_LAST[0][0], facts, strict=True)):
        return list(_LAST[0][1])
    found = _find_conflicts(facts)
    _LAST[:] = [(facts, found)]
    return list(found)


def _find_conflicts(facts: tuple[Fact, ...]) -> list[Conflict]:
    groups: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.metric:
            groups[fact.metric].append(fact)
    out = []
    for metric, readings in groups.items():
        out += [Conflict(metric, tuple(group)) for group in _disagreeing_groups(readings)]
    return out


def _disagreeing_groups(facts: list[Fact]) -> list[list[Fact]]:
    """The facts joined, directly or through others, by disagreements; each group in file order,
    the groups in the order of their last fact.

    Facts can disagree only in a few ways, each found without comparing every pair (a long series
    of one metric is thousands of readings): of one period, by value; of one value, by period; or
    undated, with any other."""
    joined = list(range(len(facts)))  # union-find: each fact's representative

    def find(i: int) -> int:
        while joined[i] != i:
            joined[i] = joined[joined[i]]
            i = joined[i]
        return i

    def join_where_they_disagree(indices: list[int]) -> None:
        for n, i in enumerate(indices):
            for j in indices[n + 1 :]:
                if find(i) != find(j) and _disagree(facts[i], facts[j]):
                    joined[find(j)] = find(i)

    by_period: dict[object, list[int]] = defaultdict(list)
    by_value: dict[object, list[int]] = defaultdict(list)
    undated = []
    for i, fact in enumerate(facts):
        if fact.as_of is None:
            undated.append(i)
        else:
            by_period[fact.as_of].append(i)
        by_value[None if fact.value is None else as_decimal(fact.value)].append(i)
    for indices in [*by_period.values(), *by_value.values()]:
        join_where_they_disagree(indices)
    for i in undated:
        for j in range(len(facts)):
            if j != i and find(i) != find(j) and _disagree(facts[i], facts[j]):
                joined[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(facts)):
        groups[find(i)].append(i)
    kept = sorted((g for g in groups.values() if len(g) > 1), key=lambda g: g[-1])
    return [[facts[i] for i in g] for g in kept]


def _disagree(a: Fact, b: Fact) -> bool:
    if a.source == b.source:
        return False
    same_value = (a.value is None and b.value is None) or (
        a.value is not None and b.value is not None and as_decimal(a.value) == as_decimal(b.value)
    )
    same_period = a.as_of == b.as_of or a.as_of is None or b.as_of is None
    return (same_period and not same_value) or (same_value and a.as_of != b.as_of)


# Words that describe how a quantity is counted, not which quantity it is: "two-way trade",
# "bilateral trade", "trade turnover" and "total trade" are one quantity, trade.
_DESCRIPTIVE = {"two", "way", "bilateral", "total", "turnover", "volume", "value", "overall", "combined"}


def same_quantity(metric: str) -> str:
    """The metric that names one quantity however sources word it: 'two-way-trade',
    'bilateral-trade' and 'trade-turnover' → 'trade'."""
    kept = [w for w in metric.split("-") if w not in _DESCRIPTIVE]
    return "-".join(kept) if kept else metric


def hidden_conflicts(fact_file: FactFile) -> list[tuple[Fact, Fact]]:
    """Facts of different metrics from different sources whose unit, period and metric's words say
    they measure one quantity, and which give it different values: a conflict under two names.
    In file order (by the first fact of each pair, then the second).

    Only facts of one period and one unit can pair, of two metrics, and one's metric words must hold
    the other's: each fact looks up the word sets that are part of its own (through each set's
    rarest word), never every other fact of the file."""
    facts = [f for f in fact_file.facts if f.metric and f.value is not None and f.as_of is not None]
    groups: dict[tuple, dict[frozenset[str], dict[str, list[int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for i, fact in enumerate(facts):
        assert fact.metric is not None
        unit = " ".join((fact.unit or "").lower().split())
        groups[(fact.as_of, unit)][frozenset(same_quantity(fact.metric).split("-"))][fact.metric].append(i)
    pairs: set[tuple[int, int]] = set()
    for by_words in groups.values():
        parts = _parts_by_rarest_word(list(by_words))
        for words, by_metric in by_words.items():
            for part in (p for w in words for p in parts.get(w, ()) if p <= words):
                for metric, members in by_metric.items():
                    for other, others in by_words[part].items():
                        if other != metric:
                            pairs.update((min(i, j), max(i, j)) for i in members for j in others)
    out = []
    for i, j in sorted(pairs):
        a, b = facts[i], facts[j]
        if a.source == b.source:
            continue
        assert a.value is not None and b.value is not None
        if as_decimal(a.value) != as_decimal(b.value):
            out.append((a, b))
    return out


def _parts_by_rarest_word(word_sets: list[frozenset[str]]) -> dict[str, list[frozenset[str]]]:
    """Each word set under its rarest word: a set that is part of another has that word too, so a
    set's parts are among those filed under its own words (one list each, whatever their size)."""
    counts = Counter(w for words in word_sets for w in words)
    filed: dict[str, list[frozenset[str]]] = defaultdict(list)
    for words in word_sets:
        filed[min(words, key=lambda w: (counts[w], w))].append(words)
    return filed


def describe_reading(fact: Fact, fact_file: FactFile) -> str:
    """One reading of a conflict as documents print it: "US$2.1 billion as of 2024 from vov [trade]"."""
    language = fact_file.language
    value = "—" if fact.value is None else format_figure(fact.value, fact.unit, fact.qualifier, fact.status, language)
    as_of = f" as of {fact.as_of}" if fact.as_of else ""
    mark = " (preferred)" if fact.preferred else ""
    return f"{value}{as_of} from {fact.source} [{fact.id}]{mark}"
