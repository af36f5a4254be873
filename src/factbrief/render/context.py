"""The data every template gets: the fact file, facts by topic, milestones in order, selections.

Templates get plain data only: the fact file's metadata as a ``Doc`` (no paths), sources as
``SourceInfo``, and the model's own facts and milestones, which hold nothing but values. Names
(titles, parties, sources, topics) are ``Meta`` strings, so the lint knows them from figures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from factbrief.model import Fact, FactFile, Milestone, PartialDate, TemplateData
from factbrief.templating import Meta, capitalised, label_of
from factbrief.text.cleaning import normalise
from factbrief.text.lexicon import EN, words
from factbrief.text.names import same_people
from factbrief.text.numbers import FIGURE_RE
from factbrief.verify import Conflict, find_conflicts, reported_done

MAX_KEY_POINTS = 6
MIN_KEY_POINTS = 4
MAX_KEY_FIGURES = 8
MAX_LISTED = 4  # the most asks of one party, deliverables or issues to watch a briefing takes
RECENT_DAYS = 365  # how long ago a "recent" engagement may be


def _meta(text: str | None) -> Meta | None:
    return None if text is None else Meta(text)


@dataclass(frozen=True)
class SourceInfo(TemplateData):
    """A source as templates see it: who published it, its title, date and address."""

    id: str  # the id citations use
    publisher: Meta  # as the article shows it
    title: Meta  # the article's title
    published: PartialDate | None  # as far as the text establishes it
    url: Meta | None  # where it was published, if given


@dataclass(frozen=True)
class Doc(TemplateData):
    """The fact file's metadata as templates see it (``doc``)."""

    title: Meta  # the brief's title
    subtitle: Meta | None  # printed under the title, if given
    parties: tuple[Meta, ...]  # the countries or organisations, in the file's order
    as_of: dt.date  # the date the brief speaks for (print it with ``date``)
    marking: Meta | None  # the security marking, printed in the header band and page margins
    purpose: Meta | None  # the briefing's purpose line, if given
    language: str  # the documents' language, e.g. ``en``
    sources: dict[str, SourceInfo]  # every source by id

    @classmethod
    def of(cls, ff: FactFile) -> Doc:
        sources = {
            s.id: SourceInfo(s.id, Meta(s.publisher), Meta(s.title), s.published, _meta(s.url))
            for s in ff.sources.values()
        }
        return cls(
            Meta(ff.title),
            _meta(ff.subtitle),
            tuple(Meta(p) for p in ff.parties),
            ff.as_of,
            _meta(ff.marking),
            _meta(ff.purpose),
            ff.documents_language,
            sources,
        )


@dataclass(frozen=True)
class Topic(TemplateData):
    """A topic and its facts, in file order."""

    name: Meta  # as written in the fact file ("economy and trade")
    facts: tuple[Fact, ...]  # its facts in file order, one reading per conflict

    @property
    def title(self) -> Meta:
        """The name capitalised, for headings ("Economy and trade")."""
        return capitalised(self.name)

    @property
    def lead(self) -> Fact:
        """The topic's most important fact: best priority, then first in the file."""
        return min(self.facts, key=_rank)


@dataclass(frozen=True)
class Engagements(TemplateData):
    """High-level engagement around the brief's date."""

    recent: tuple[Milestone, ...]  # the last three certainly past within a year of the brief's date, oldest first
    upcoming: tuple[Milestone, ...]  # the next three, soonest first


@dataclass(frozen=True)
class Asks(TemplateData):
    """What one party wants: the facts marked ``ask: PARTY``, best priority first."""

    party: Meta  # as the fact file's ``parties`` names it
    facts: tuple[Fact, ...]  # its asks


@dataclass(frozen=True)
class Series(TemplateData):
    """A metric's figures over time: one reading for each of three or more periods."""

    metric: str  # the metric the facts share
    facts: tuple[Fact, ...]  # one reading per period, oldest first (the preferred where sources differ)

    @property
    def label(self) -> str:
        """The latest reading's label (``label``, else its topic)."""
        return label_of(self.facts[-1])


MIN_SERIES = 3  # periods: two readings are a change, not a series


# The names templates see, each a member of Context of the same name whose docstring says what it
# is: docs/templates.md is generated from them (reference.py). Values first, then functions.
VALUES = (
    "doc",
    "language",
    "numbers_language",
    "facts",
    "sources",
    "milestones",
    "milestones_past",
    "milestones_ahead",
    "topics",
    "figures",
    "key_points",
    "key_figures",
    "engagements",
    "priorities",
    "watch",
    "conflicts",
    "disputed_ids",
    "series",
    "asks",
    "deliverables",
    "talking_points",
    "merged",
)
FUNCTIONS = ("conflict_of", "others", "lead_for_priorities", "stale", "dated")


@dataclass
class Context:
    """What a template sees (besides ``cite``, the settings and the filters: render.py)."""

    ff: FactFile

    def __post_init__(self) -> None:
        # Documents in another language print each item's translations where it has them.
        self.ff = self.ff.in_language(self.ff.documents_language)
        self._conflict_of = {f.id: c for c in self.conflicts for f in c.facts}

    def variables(self) -> dict[str, object]:
        """Every name in VALUES and FUNCTIONS. Functions are passed as plain functions, so a
        template reaches neither this object nor the fact file behind it."""
        values: dict[str, object] = {name: getattr(self, name) for name in VALUES}
        values.update({name: _function(getattr(self, name)) for name in FUNCTIONS})
        return values

    # -- plain data --------------------------------------------------------------------------

    @cached_property
    def doc(self) -> Doc:
        """The fact file's metadata: title, parties, date, marking, purpose, sources."""
        return Doc.of(self.ff)

    @property
    def language(self) -> str:
        """The documents' language, a BCP 47 tag such as ``en`` (``build --language``, else the fact
        file's ``language``)."""
        return self.ff.documents_language

    @property
    def numbers_language(self) -> str:
        """The language figures are written in: the fact file's (``language``), whose words their
        units and qualifiers are, so ``US$46.2 billion`` stays whole in a French document (where
        "46,2 billion" would read as 46.2 × 10¹²). Dates follow ``language``."""
        return self.ff.numbers_language

    @property
    def facts(self) -> list[Fact]:
        """Every fact, in file order (conflicting readings included)."""
        return self.ff.facts

    @property
    def sources(self) -> dict[str, SourceInfo]:
        """The sources by id (the same as ``doc.sources``)."""
        return self.doc.sources

    @cached_property
    def milestones(self) -> list[Milestone]:
        """All milestones, oldest first."""
        return sorted(self.ff.milestones, key=lambda m: m.date.sort_key())

    @cached_property
    def topics(self) -> list[Topic]:
        """Facts grouped by topic, topics in order of first appearance; conflict losers folded in."""
        groups: dict[str, list[Fact]] = {}
        for fact in self.ff.facts:
            if self.is_secondary(fact):
                continue
            groups.setdefault(fact.topic, []).append(fact)
        return [Topic(Meta(name), tuple(facts)) for name, facts in groups.items()]

    # -- conflicts ---------------------------------------------------------------------------

    @cached_property
    def conflicts(self) -> list[Conflict]:
        """Every conflict: facts of one metric whose sources give different values or dates."""
        return find_conflicts(self.ff)

    @property
    def disputed_ids(self) -> list[str]:
        """The ids of every fact in a conflict, and of every milestone that states a disputed fact
        (it cites the same words of the same source), sorted (``f.id in disputed_ids``)."""
        return sorted({*self._conflict_of, *self._disputed_milestones})

    @cached_property
    def _disputed_milestones(self) -> set[str]:
        disputed = {
            (c.source, c.quote) for f in self.ff.facts if f.id in self._conflict_of and f.as_of for c in f.citations
        }
        return {m.id for m in self.ff.milestones if any((c.source, c.quote) in disputed for c in m.citations)}

    def conflict_of(self, fact: Fact) -> Conflict | None:
        """The conflict the fact is part of, if any."""
        return self._conflict_of.get(fact.id)

    def primary(self, conflict: Conflict) -> Fact:
        """The fact shown for a conflict: the preferred one, else the first in the file."""
        return conflict.preferred or conflict.facts[0]

    def is_secondary(self, fact: Fact) -> bool:
        conflict = self.conflict_of(fact)
        return conflict is not None and self.primary(conflict) is not fact

    def others(self, fact: Fact) -> list[Fact]:
        """The other facts that give the same metric a different reading."""
        conflict = self.conflict_of(fact)
        return [f for f in conflict.facts if f is not fact] if conflict else []

    @cached_property
    def series(self) -> list[Series]:
        """Every metric with figures for three or more periods, in file order: one reading per
        period (the preferred, else the first in the file), in the unit of its preferred reading."""
        facts: dict[str, list[Fact]] = {}
        for fact in self.ff.facts:
            if fact.metric and fact.value is not None and fact.as_of is not None:
                facts.setdefault(fact.metric, []).append(fact)
        found = []
        for metric, readings in facts.items():
            readings.sort(key=lambda f: (not f.preferred, f.line))
            per_period: dict[PartialDate, Fact] = {}
            for fact in readings:
                if fact.unit == readings[0].unit and fact.as_of is not None:  # (every reading here has one)
                    per_period.setdefault(fact.as_of, fact)
            if len(per_period) >= MIN_SERIES:
                by_period = sorted(per_period.items(), key=lambda reading: reading[0].sort_key())
                found.append(Series(metric, tuple(fact for _period, fact in by_period)))
        return found

    # -- selections for the briefing ---------------------------------------------------------

    # The briefing's sections choose their items in this order, each skipping what an earlier
    # one took: issues to watch, asks, deliverables, the glance box, then the key points. An item
    # that quotes the same passage as one already chosen (the same source sentence, or one quote
    # inside the other) is not printed again: ``merged`` says which was kept.

    @cached_property
    def _once(self) -> _Once:
        return _Once(self.ff.parties)

    @cached_property
    def key_points(self) -> list[Fact]:
        """4–6 facts across the topics: the best of each topic by priority before a second of any
        one; facts with a priority first, then each topic's lead. Never an issue to watch, an ask,
        a deliverable, a glance figure, or a fact quoting a passage one of them quotes."""
        _ = self.key_figures  # chosen first: a figure in the glance box is not a key point too
        ranked = [f for f in self._candidates() if f.priority is not None]
        points = self._once.take(_across_topics(ranked), MAX_KEY_POINTS)
        if len(points) < MIN_KEY_POINTS:
            leads = [t.lead for t in self.topics]
            rest = [f for f in self._candidates() if f not in points]
            points += self._once.take(
                [f for f in dict.fromkeys([*leads, *rest]) if f not in points], MAX_KEY_POINTS - 1 - len(points)
            )
        return points

    def _candidates(self) -> list[Fact]:
        return [
            f for f in self.ff.facts if not self.is_secondary(f) and not f.watch and f.ask is None and not f.deliverable
        ]

    @cached_property
    def key_figures(self) -> list[Fact]:
        """The figures for an at-a-glance table: `glance` facts, across the topics by priority
        (the best of each topic before a second of any one); else one figure per topic."""
        _ = self.deliverables  # chosen first
        chosen = [f for f in self._candidates() if f.glance]
        if not chosen:
            # No `glance` marks: one figure per topic, facts with a value first.
            seen: set[str] = set()
            candidates = [f for f in self._candidates() if FIGURE_RE.search(f.text)]
            for fact in sorted(candidates, key=lambda f: f.value is None):
                if fact.topic not in seen:
                    chosen.append(fact)
                    seen.add(fact.topic)
            return self._once.take(chosen, MAX_KEY_FIGURES)
        return self._once.take(_across_topics(chosen), MAX_KEY_FIGURES)

    @cached_property
    def asks(self) -> list[Asks]:
        """What each party wants: the facts marked ``ask``, by party in the file's order (parties
        that ask nothing left out)."""
        _ = self.watch  # chosen first
        by_party = [
            Asks(
                Meta(p),
                tuple(
                    self._once.take(
                        sorted((f for f in self.ff.facts if f.ask == p and not self.is_secondary(f)), key=_rank),
                        MAX_LISTED,
                    )
                ),
            )
            for p in self.ff.parties
        ]
        return [a for a in by_party if a.facts]

    @cached_property
    def deliverables(self) -> list[Fact]:
        """The facts marked ``deliverable: true``, best priority first: what the meeting could deliver."""
        _ = self.asks  # chosen first
        marked = sorted((f for f in self.ff.facts if f.deliverable and not self.is_secondary(f)), key=_rank)
        return self._once.take(marked, MAX_LISTED)

    @cached_property
    def talking_points(self) -> list[Fact]:
        """The lines for the talking points: the facts marked ``point``, best priority first (say
        ``point_text`` where given, else ``text``); else the key points."""
        marked = sorted((f for f in self.ff.facts if f.point and not self.is_secondary(f)), key=_rank)
        return marked or self.key_points

    @property
    def merged(self) -> list[str]:
        """What the briefing's selection printed once: "'a' for 'b' (the same passage)"."""
        _ = self.key_points
        return list(self._once.merged)

    def dated(self, item: Fact) -> PartialDate | None:
        """The date an item's figure or status speaks for: its ``as_of``, else its source's date."""
        if item.as_of is not None:
            return item.as_of
        source = self.ff.sources.get(item.source)
        return source.published if source else None

    def stale(self, item: Fact) -> bool:
        """Whether the item's status is to be confirmed: its date (``dated``) is older than its
        ``stale_after``, or, for an issue to watch or a figure with a ``status``, the brief's
        ``max_age`` (``check --max-age``), before the brief's date."""
        limit = item.stale_after
        if limit is None and (item.watch or item.status):
            limit = self.ff.max_age_days
        date = self.dated(item)
        return limit is not None and date is not None and (self.ff.as_of - date.end).days > limit

    @cached_property
    def figures(self) -> list[Fact]:
        """Every fact with a value, one per metric (the preferred reading), in file order."""
        return [f for f in self.ff.facts if f.value is not None and not self.is_secondary(f)]

    @cached_property
    def engagements(self) -> Engagements:
        """Milestones marked as high-level engagement (or all, if none is), split at the brief's date.

        Recent means certainly past: a milestone dated only "2025" in a brief as of September 2025
        may still be ahead, so it is listed as upcoming.
        """
        engagement = re.compile("|".join(map(re.escape, {*EN.engagement, *words(self.ff.language).engagement})), re.I)
        marked = [m for m in self.milestones if m.topic and engagement.search(m.topic)]
        _ = self.key_points  # the facts are chosen first: an event they quote is not listed again
        pool = self._once.events([m for m in marked or self.milestones if self._once.free(m)])
        past = [m for m in pool if self.is_past(m)]
        future = sorted((m for m in pool if not self.is_past(m)), key=lambda m: _later_key(m.date))
        # Recent: within a year of the brief's date (the last one, if none is).
        within = [m for m in past if (self.ff.as_of - m.date.end).days <= RECENT_DAYS] or past[-1:]
        return Engagements(recent=tuple(within[-3:]), upcoming=tuple(future[:3]))

    def is_past(self, milestone: Milestone) -> bool:
        """The one rule for partial dates: past only if the whole period ended by the brief's date
        (a milestone dated "2025" in a brief as of September 2025 is still ahead), or if it has
        begun and a cited source reports it done (never upcoming what a source says happened)."""
        if milestone.date.end <= self.ff.as_of:
            return True
        return milestone.date.start <= self.ff.as_of and reported_done(milestone, self.ff)

    @cached_property
    def milestones_past(self) -> list[Milestone]:
        """The milestones certainly past at the brief's date, oldest first."""
        return [m for m in self.milestones if self.is_past(m)]

    @cached_property
    def milestones_ahead(self) -> list[Milestone]:
        """The milestones not certainly past (a year-only date in the brief's year included), soonest
        first; one known only to its year or month after the dated ones of that period."""
        return sorted((m for m in self.milestones if not self.is_past(m)), key=lambda m: _later_key(m.date))

    @cached_property
    def priorities(self) -> list[Topic]:
        """Topics ranked by their best fact's priority, for 'cooperation priorities'."""
        points = set(id(f) for f in self.key_points)
        topics = [t for t in self.topics if not all(f.watch or id(f) in points for f in t.facts)]
        return sorted(topics, key=lambda t: _rank(t.lead)[0])

    def lead_for_priorities(self, topic: Topic, shown: list[Fact] | None = None) -> Fact:
        """The topic's best fact that is not a key point shown (default: any key point) or an issue to watch."""
        points = set(id(f) for f in (self.key_points if shown is None else shown))
        rest = [f for f in topic.facts if id(f) not in points and not f.watch]
        return min(rest, key=_rank) if rest else topic.lead

    @cached_property
    def watch(self) -> list[Fact]:
        """The facts marked ``watch: true``, for "issues to watch" (one reading per conflict; one
        of any that quote the same passage)."""
        return self._once.take([f for f in self.ff.facts if f.watch and not self.is_secondary(f)], MAX_LISTED)


def _later_key(date: PartialDate) -> tuple[int, int, int]:
    """Ahead, "2025" means later in 2025: after every dated event of 2025 (and "2025-09" after 2 September)."""
    return (date.year, date.month or 13, date.day or 32)


def _function(method: Callable[..., object]) -> Callable[..., object]:
    """A plain function that calls the method: it has no ``__self__`` to reach the object by."""
    return lambda *args, **kwargs: method(*args, **kwargs)


def _rank(fact: Fact) -> tuple[int, int]:
    return (fact.priority or 10, fact.line)


def _across_topics(facts: list[Fact]) -> list[Fact]:
    """The facts best priority first, the best of each topic before a second of any one."""
    ranked = sorted(facts, key=_rank)
    round_of: dict[str, int] = {}
    order = []
    for fact in ranked:
        round_of[fact.topic] = round_of.get(fact.topic, -1) + 1
        order.append((round_of[fact.topic], _rank(fact), fact))
    return [fact for *_key, fact in sorted(order, key=lambda o: (o[0], o[1]))]


def _passages(item: Fact | Milestone) -> list[str]:
    return [_passage(c.quote) for c in item.citations]


@lru_cache(maxsize=65_536)
def _passage(quote: str) -> str:
    """A quote as passages compare: normalised, case folded (each document asks for it again)."""
    return normalise(quote).casefold()


class _Once:
    """The items a document has chosen, so that no fact, event or source passage prints twice."""

    def __init__(self, parties: tuple[str, ...] | list[str] = ()) -> None:
        self.chosen: list[Fact | Milestone] = []
        self.merged: list[str] = []
        self.parties = {p.casefold() for p in parties}

    def same_passage(self, item: Fact | Milestone) -> Fact | Milestone | None:
        """The chosen item that quotes the same passage (one quote inside the other), if any."""
        mine = _passages(item)
        for other in self.chosen:
            if other is item or any(a in b or b in a for a in mine for b in _passages(other)):
                return other
        return None

    def free(self, item: Fact | Milestone) -> bool:
        kept = self.same_passage(item)
        if kept is not None and kept is not item:
            note = f"prints '{kept.id}' once for '{item.id}' (the same passage)"
            if note not in self.merged:
                self.merged.append(note)
        return kept is None

    def events(self, milestones: list[Milestone]) -> list[Milestone]:
        """The milestones with one of each event: of two with the same topic whose dates overlap
        (April 2025 and 27 April 2025), the one dated more exactly."""
        kept: list[Milestone] = []
        for m in sorted(milestones, key=lambda m: -_precision(m.date)):
            # a year alone holds too much to tell one event ("to visit this year" is not the fair of 9 September)
            same = next(
                (
                    k
                    for k in kept
                    if m.topic
                    and k.topic == m.topic
                    and m.date.month is not None
                    and _overlap(k.date, m.date)
                    and same_people(k.text, m.text, self.parties)  # and they name the same people
                ),
                None,
            )
            if same is None:
                kept.append(m)
            else:
                self.merged.append(f"prints '{same.id}' once for '{m.id}' (the same event)")
        return sorted(kept, key=lambda m: m.date.sort_key())

    def take(self, items: list[Fact], limit: int) -> list[Fact]:
        taken: list[Fact] = []
        for item in items:
            if len(taken) >= limit:
                break
            if self.free(item):
                self.chosen.append(item)
                taken.append(item)
        return taken


def _precision(date: PartialDate) -> int:
    return 1 + (date.month is not None) + (date.day is not None)


def _overlap(a: PartialDate, b: PartialDate) -> bool:
    return a.start <= b.end and b.start <= a.end
