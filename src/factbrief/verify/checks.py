"""Prove the fact file from its sources: quotes, numbers, ids, citations, conflicts and age."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from decimal import Decimal

from factbrief.errors import FactbriefError, Problem, VerificationError
from factbrief.files import MAX_SOURCE_BYTES, InputFileError, read_input, read_text
from factbrief.model import Citation, Fact, FactFile, Milestone, PartialDate, pick
from factbrief.text.cleaning import normalise
from factbrief.text.dates import (
    parse_age,  # noqa: F401 - the verify seam names it (cli, check --max-age)
    wrong_weekdays,
)
from factbrief.text.formatting import format_figure, format_number
from factbrief.text.names import capitalised_words, same_people
from factbrief.text.numbers import as_decimal, numbers_in, ranks_in, show_numbers
from factbrief.verify.conflicts import Conflict, describe_reading, find_conflicts, hidden_conflicts
from factbrief.verify.meaning import MeaningChecks, Proof, proof_of, reported_done
from factbrief.verify.names import name_spellings

_show = show_numbers

# Checks items[start:end] of a fact file and gives their findings.
ItemChecks = Callable[[int, int], list[Problem]]
# Runs ItemChecks over all of a file's items (the count given) and gives the findings of each run,
# in the items' order: in this process by default, or spread over the machine's cores (build/pool.py),
# where the findings are collected as they are read (the checks of the whole file run meanwhile).
Spread = Callable[[ItemChecks, int], Iterable[list[Problem]]]


def one_run(check: ItemChecks, count: int) -> list[list[Problem]]:
    """Every item checked in this process, in one run."""
    return [check(0, count)]


class SourceTexts:
    """Source files read once each, kept in their normalised form, or the reason they cannot be."""

    def __init__(self, fact_file: FactFile) -> None:
        self.fact_file = fact_file
        self._texts: dict[str, str | None] = {}
        self.problems: dict[str, str] = {}

    def refuse(self, source_id: str) -> None:
        self._texts[source_id] = None

    def get(self, source_id: str) -> str | None:
        if source_id not in self._texts:
            source = self.fact_file.sources[source_id]
            try:
                self._texts[source_id] = normalise(read_text(source.file, source.file_text))
            except FactbriefError as exc:
                self.problems[source_id] = exc.first_message()
                self._texts[source_id] = None
        return self._texts[source_id]


class Verifier:
    """Runs every check on one fact file and collects the findings."""

    def __init__(self, fact_file: FactFile, display: str | None = None) -> None:
        self.ff = fact_file
        self.display = display or fact_file.display
        self.texts = SourceTexts(fact_file)
        self.findings: list[Problem] = []
        self.meaning = MeaningChecks(fact_file, self.add)

    def add(self, line: int | None, message: str, level: str = "error", ref: str | None = None) -> None:
        # Terminal messages use plain spaces (a figure formats with no-break ones: "USD\xa06 billion").
        message = message.replace("\xa0", " ").replace("\u202f", " ")
        self.findings.append(Problem(self.display, line, message, level, ref))

    # -- errors ----------------------------------------------------------------------------

    def check_sources(self) -> None:
        folder = self.ff.folder.resolve()
        seen: dict[str, str] = {}  # normalised text → the first source that has it
        for source in self.ff.sources.values():
            where = f"source '{source.id}'"
            resolved = source.file.resolve()
            if not resolved.is_relative_to(folder):
                self.add(
                    source.line,
                    f"{where}: file '{source.file_text}' is outside the fact file's folder (expected a path inside {folder.name}/)",
                )
                self.texts.refuse(source.id)  # never read a file outside the folder
            elif self.texts.get(source.id) is None:
                reason = self.texts.problems.get(source.id, "cannot be read")
                if reason == "does not exist":
                    reason = "does not exist (expected the saved article text)"
                self.add(source.line, f"{where}: file '{source.file_text}' {reason}")
            else:
                # One article, one source: two ids for one text would let it corroborate itself.
                first = seen.setdefault(self.texts.get(source.id) or "", source.id)
                if first != source.id:
                    self.add(
                        source.line,
                        f"{where}: file '{source.file_text}' holds the same article as source '{first}' "
                        "(one article is one source: cite it once)",
                    )

    def check_fingerprints(self) -> None:
        """A captured source's saved text must still be the text that was captured (or accepted)."""
        folder = self.ff.folder.resolve()
        for source in self.ff.sources.values():
            if source.sha256 is None or not source.file.resolve().is_relative_to(folder):
                continue
            try:
                digest = hashlib.sha256(read_input(source.file, MAX_SOURCE_BYTES)).hexdigest()
            except InputFileError:
                continue  # a missing or unreadable file is reported by check_sources
            if digest != source.sha256:
                self.add(
                    source.line,
                    f"source '{source.id}': {source.file_text} has changed since it was captured "
                    f"(sha256 {digest[:12]}…, the fact file records {source.sha256[:12]}…); if the change is "
                    f"deliberate, accept it: factbrief accept {source.id} {self.display}",
                    ref=source.id,
                )

    def check_ids(self) -> None:
        seen: dict[str, int] = {}
        for item in [*self.ff.facts, *self.ff.milestones]:
            if item.id in seen:
                self.add(item.line, f"duplicate id '{item.id}' (first used at line {seen[item.id]})", ref=item.id)
            else:
                seen[item.id] = item.line

    def check_citation(self, what: str, citation: Citation, ref: str) -> Proof | None:
        """The quote is in the cited source, verbatim: what it proves; None (reported) otherwise."""
        if citation.source not in self.ff.sources:
            known = ", ".join(sorted(self.ff.sources)) or "none"
            self.add(
                citation.source_line or citation.line,
                f"{what} cites unknown source '{citation.source}' (known: {known})",
                ref=ref,
            )
            return None
        text = self.texts.get(citation.source)
        if text is None:
            return None  # already reported by check_sources
        quote = normalise(citation.quote)
        if quote in text:
            return proof_of(citation, quote, self.ff)
        source = self.ff.sources[citation.source]
        self.add(citation.line, f"{what}: quote not found in {source.file_text}{_divergence(quote, text)}", ref=ref)
        return None

    def check_item(self, item: Fact | Milestone, kind: str) -> None:
        what = f"{kind} '{item.id}'"
        main = self.check_citation(what, item.citation, item.id)
        also = [self.check_citation(f"{what} (also)", other, item.id) for other in item.also]
        proofs = [p for p in (main, *also) if p is not None]
        if main is not None:
            self.check_figures(item, what, main, proofs)
        self.meaning.check(item, what, proofs)
        if isinstance(item, Fact) and item.point_text:
            # the talking points print this line instead of the statement: proven as the statement is
            said = dataclasses.replace(item, text=item.point_text, line=item.point_line or item.line)
            if main is not None:
                self.check_figures(said, f"{what} (point)", main, proofs)
            self.meaning.check(said, f"{what} (point)", proofs)
        self.check_translations(item, what, main, proofs)

    def check_translations(self, item: Fact | Milestone, what: str, main: Proof | None, proofs: list[Proof]) -> None:
        """Each translation is proven against the same quotes, by the same checks, as the statement:
        the item with its translated fields, read in the translation's language."""
        own = {t.language: t for t in item.translations}
        for language in dict.fromkeys([*own, *self.ff.names]):
            # as a document in that language prints it: its fields, the file's unit and word names
            shown = item.translated(language, pick(language, self.ff.names))
            if shown == item:
                continue
            shown = dataclasses.replace(shown, line=own[language].line if language in own else item.line)
            what_tr = f"{what} ({language})"
            if isinstance(shown, Fact) and isinstance(item, Fact) and shown.point_text != item.point_text:
                said = dataclasses.replace(shown, text=shown.point_text or shown.text)  # the talking point, translated
                if main is not None:
                    self.check_figures(said, f"{what_tr} (point)", main, proofs, language)
                MeaningChecks(self.ff, self.add, language).check(said, f"{what_tr} (point)", proofs, translation=True)
            if shown.text == item.text:
                # Only the figure's words are translated (the file's unit names): the figure as it prints.
                if isinstance(shown, Fact) and shown.value is not None and main is not None:
                    figure = format_figure(shown.value, shown.unit, shown.qualifier, shown.status, language)
                    self.check_figures(dataclasses.replace(shown, text=figure), what_tr, main, proofs, language)
                continue
            if main is not None:
                self.check_figures(shown, what_tr, main, proofs, language)
            MeaningChecks(self.ff, self.add, language).check(shown, what_tr, proofs, translation=True)

    def check_translated_names(self) -> None:
        """A topic's or unit's translation names the same figures as the original (a heading has
        no footnote, and a unit is printed with every value): "2030 agenda" stays "agenda 2030"."""
        for names in self.ff.names.values():
            heading = {getattr(self.ff, k) or "": v for k, v in names.heading.items()}
            for part, pairs in (
                ("topic", names.topics),
                ("unit", names.units),
                ("name", names.parties),
                ("heading", heading),
            ):
                for original, translated in pairs.items():
                    if _figures_named(translated, names.language) != _figures_named(original, self.ff.language):
                        self.add(
                            names.line,
                            f"translations.{names.language}: {part} '{translated}' does not give the figures of "
                            f"'{original}'",
                        )

    def check_figures(
        self, item: Fact | Milestone, what: str, main: Proof, proofs: list[Proof], language: str | None = None
    ) -> None:
        """Every figure the item prints is in its quote: statement, value, and the words around them
        (read in ``language``, the fact file's unless a translation's)."""
        language = language or self.ff.language
        allowed = main.allows(item.text, language)
        short = item.short if isinstance(item, Milestone) else None
        # Words printed beside the figure are checked like the statement: a unit or label cannot
        # carry a figure or a date of its own ("billion (up 95% since 1999)", "Trade to 8 December").
        beside: list[tuple[str, str | None]] = (
            [("unit", item.unit), ("label", item.label), ("qualifier", item.qualifier), ("status", item.status)]
            if isinstance(item, Fact)
            else [("topic", item.topic), ("short", item.short)]
        )
        # A date the quote does not state is reported as a date, and its numbers not again as numbers.
        dates = {"text": main.unproven_dates(item.text, language)}
        own = item.as_of if isinstance(item, Fact) else item.date  # proven apart (check_dates)
        dates |= {field: main.unproven_dates(value or "", language, own) for field, value in beside}
        in_dates = {field: {n for w in found for n in numbers_in(w, language)} for field, found in dates.items()}
        missing = main.unproven(item.text, language) - in_dates["text"]
        if missing:
            self.add(
                item.line,
                f"{what}: number {_show(missing)} in text is not in its quote (the quote has: {_show(main.numbers)})",
                ref=item.id,
            )
        printed = item.text
        if isinstance(item, Fact) and item.value is not None and item.unit:
            printed += f" ({format_number(as_decimal(item.value), language)} {item.unit})"  # as tables print it
        for words, quoted in main.miscounted(item.text, language):
            self.add(
                item.line,
                f"{what}: the text says “{words}”, but the quote counts “{quoted}”",
                ref=item.id,
            )
        for field, value in [("text", printed), *beside]:  # a label's "Fifth-largest partner" too
            for words, rank in main.misranked(value or "", language):
                says = f"the quote says “{rank}”" if rank else "its quote gives no such place"
                self.add(item.line, f"{what}: the {field} says “{words}”, but {says}", ref=item.id)
        for words, quoted in main.misscaled(printed, language):
            self.add(
                item.line,
                f"{what}: “{words}” is not the quote's figure: the quote gives it at another scale (“{quoted}”)",
                ref=item.id,
            )
        for field, found in dates.items():  # (the timeline prints the short label; tables the label)
            for words in found:
                self.add(
                    item.line,
                    f"{what}: date “{words}” in {field} is not stated in its quote (the quote states {main.dates.stated()})",
                    ref=item.id,
                )
        for field, value in [("text", item.text), *beside]:
            for words in main.unglued(value or "", language):
                self.add(item.line, f"{what}: “{words}” in {field} is not in its quote", ref=item.id)
            for words, weekday in wrong_weekdays(value or "", language):
                self.add(
                    item.line,
                    f"{what}: “{words}” in {field} names the wrong weekday: that date is a "
                    f"{weekday.capitalize() if language.split('-')[0] in ('en', 'de') else weekday}",
                    ref=item.id,
                )
        for words, quoted in main.miscounted(short or "", language):
            self.add(item.line, f"{what}: the short label says “{words}”, but the quote counts “{quoted}”", ref=item.id)
        for field, value in beside:
            stray = numbers_in(value or "", language) - allowed - in_dates.get(field, set())
            if stray:
                self.add(
                    item.line,
                    f"{what}: number {_show(stray)} in {field} is not in its quote (the quote has: {_show(main.numbers)})",
                    ref=item.id,
                )
        if isinstance(item, Fact):
            if item.value is not None and as_decimal(item.value) not in main.numbers:
                self.add(
                    item.line,
                    f"{what}: value {format(as_decimal(item.value), 'f')} is not in its quote (the quote has: {_show(main.numbers)})",
                    ref=item.id,
                )
            if item.note:
                # A note reconciles a conflict: it may cite the figures of the facts it weighs.
                group = self.quoted_by_metric.get(item.metric, set()) if item.metric else set()
                stray = numbers_in(item.note, language) - set().union(group, *(p.allowed for p in proofs))
                if stray:
                    self.add(item.line, f"{what}: number {_show(stray)} in note is in none of its quotes", ref=item.id)

    def check_topics(self) -> None:
        """A topic is printed as a heading, which cannot carry a footnote: a figure in a topic's
        name must be in the quote of every fact under it."""
        first: dict[str, Fact] = {}
        for fact in self.ff.facts:
            first.setdefault(fact.topic, fact)
            wanted = numbers_in(fact.topic)  # (a name with digits, "G7 and G20", is the office's label)
            missing = wanted - numbers_in(normalise(fact.quote))
            if wanted and missing:
                self.add(
                    fact.line,
                    f"fact '{fact.id}': topic '{fact.topic}' prints {_show(missing)} as a heading, but this fact's "
                    "quote does not have it (a heading cannot carry a footnote: put the figure in a fact)",
                    ref=fact.id,
                )

    def check_names(self) -> None:
        """One spelling of each name within the documents (a warning: the quotes keep theirs)."""
        for spellings in name_spellings(self.ff):
            shown = "; ".join(f"“{name}” ({ref})" for name, ref in spellings)
            line = next((i.line for i in [*self.ff.facts, *self.ff.milestones] if i.id == spellings[0][1]), None)
            self.add(line, f"a name is spelled {len(spellings)} ways: {shown}", level="warning", ref=spellings[0][1])

    def check_ignored(self) -> None:
        for entry in self.ff.ignored:
            what = f"ignored figure '{entry.figure}'"
            if self.check_citation(what, Citation(entry.source, entry.quote, entry.line), entry.figure):
                if entry.figure not in entry.quote:
                    self.add(entry.line, f"{what} is not in its quote", ref=entry.figure)

    # -- warnings --------------------------------------------------------------------------

    def check_conflicts(self) -> list[Conflict]:
        conflicts = find_conflicts(self.ff)
        for c in conflicts:
            level = "info" if c.reconciled else "warning"
            state = "reconciled conflict" if c.reconciled else "conflict"
            sides = "; ".join(describe_reading(f, self.ff) for f in c.facts)
            self.add(c.facts[0].line, f"{state} on metric '{c.metric}': {sides}", level=level, ref=c.facts[0].id)
        for a, b in hidden_conflicts(self.ff):
            self.add(
                b.line,
                f"fact '{b.id}' (metric '{b.metric}') and fact '{a.id}' (metric '{a.metric}') measure the same "
                f"thing in the same unit for {a.as_of}, but disagree: {describe_reading(b, self.ff)}; "
                f"{describe_reading(a, self.ff)} (give them one metric, so the conflict is shown and reconciled)",
                level="warning",
                ref=b.id,
            )
        return conflicts

    def check_uncited(self) -> None:
        cited = {c.source for item in [*self.ff.facts, *self.ff.milestones] for c in item.citations}
        for source in self.ff.sources.values():
            if source.id not in cited:
                self.add(
                    source.line,
                    f"source '{source.id}' is cited by no fact or milestone",
                    level="warning",
                    ref=source.id,
                )

    def check_source_dates(self) -> None:
        """A source dated only to a month or year that holds the brief's date may be newer than the
        brief: what it reports as done may be after it (a warning, to give the day)."""
        for source in self.ff.sources.values():
            published = source.published
            if published is None or published.day is not None or not published.start <= self.ff.as_of < published.end:
                continue
            # It matters only where the source reports as done what is dated after the brief.
            after = [
                m
                for m in self.ff.milestones
                if m.date.start > self.ff.as_of
                and any(c.source == source.id for c in m.citations)
                and reported_done(m, self.ff)
            ]
            if after:
                self.add(
                    source.line,
                    f"source '{source.id}' is dated only {published}, so it may be newer than the brief "
                    f"({self.ff.as_of}), and it reports '{after[0].id}' ({after[0].date}) as done: give its day (published: YYYY-MM-DD), or date the brief after it",
                    level="warning",
                    ref=source.id,
                )

    def check_events(self) -> None:
        """Two milestones of one document that state one event (an official visit, dated April 2025,
        and the talks held during it, dated 27 April 2025) print as two engagements; and one event
        given two dates by two sources is disputed (warnings)."""
        milestones = self.ff.milestones
        for i, a in enumerate(milestones):
            for b in milestones[i + 1 :]:
                inner, outer = (
                    (a, b) if _within(a.date, b.date) else (b, a) if _within(b.date, a.date) else (None, None)
                )
                if (
                    inner is not None
                    and outer is not None
                    and a.date != b.date
                    and (a.topic or "") == (b.topic or "")
                    and same_people(a.text, b.text, self.ff.parties)
                ):
                    self.add(
                        inner.line,
                        f"milestones '{outer.id}' ({outer.date}) and '{inner.id}' ({inner.date}) seem to state one "
                        "event (one's date holds the other's, and they name the same people): if so, keep one, "
                        "or they print as two engagements, out of order",
                        level="warning",
                        ref=inner.id,
                    )
                elif a.source != b.source and a.date != b.date and _same_event(a.text, b.text):
                    if a.date.year == b.date.year and inner is None:
                        self.add(
                            b.line,
                            f"milestones '{a.id}' ({a.date}, from {a.source}) and '{b.id}' ({b.date}, from {b.source}) "
                            "seem to date one event two ways: keep the date the sources support, or say both",
                            level="warning",
                            ref=b.id,
                        )

    def check_age(self, max_age_days: int) -> None:
        for fact in self.ff.facts:
            if fact.as_of is None:
                continue
            age = (self.ff.as_of - fact.as_of.end).days
            if age > max_age_days:
                self.add(
                    fact.line,
                    f"fact '{fact.id}' is {age} days old (as of {fact.as_of}; the limit is {max_age_days} days before {self.ff.as_of})",
                    level="warning",
                    ref=fact.id,
                )

    def check_items(self, start: int, end: int) -> list[Problem]:
        """The findings of the facts and milestones items[start:end] (facts first). Each item is
        checked on its own, against the sources read before, so runs of them can be checked in
        forked processes and their findings put together in order."""
        before = len(self.findings)
        for item in self.items[start:end]:
            self.check_item(item, "fact" if isinstance(item, Fact) else "milestone")
        found = self.findings[before:]
        del self.findings[before:]
        return found

    def run(self, max_age_days: int | None = None, spread: Spread = one_run) -> list[Problem]:
        self.quoted_by_metric: dict[str, set] = {}
        for fact in self.ff.facts:
            if not fact.metric:
                continue
            for citation in fact.citations:
                self.quoted_by_metric.setdefault(fact.metric, set()).update(numbers_in(normalise(citation.quote)))
        self.check_sources()
        self.check_fingerprints()
        self.check_ids()
        self.items: list[Fact | Milestone] = [*self.ff.facts, *self.ff.milestones]
        runs = spread(self.check_items, len(self.items))  # (on other cores, the runs go on meanwhile)
        before = len(self.findings)
        self.check_topics()
        self.check_names()
        self.check_translated_names()
        self.check_ignored()
        self.check_conflicts()
        self.check_uncited()
        self.check_source_dates()
        self.check_events()
        if max_age_days is not None:
            self.check_age(max_age_days)
        whole = self.findings[before:]  # the checks of the whole file, after the items' in order
        del self.findings[before:]
        for found in runs:
            self.findings += found
        self.findings += whole
        return sorted(self.findings, key=lambda p: p.line or 0)


def verify(fact_file: FactFile, max_age_days: int | None = None, spread: Spread = one_run) -> list[Problem]:
    """Every finding about the fact file: errors, warnings and reconciled conflicts (info);
    ``spread`` checks the facts and milestones (``one_run``: here, one after another)."""
    return Verifier(fact_file).run(max_age_days, spread)


def require_valid(fact_file: FactFile) -> list[Problem]:
    """Raise VerificationError if any check fails; return the warnings otherwise."""
    findings = verify(fact_file)
    errors = [f for f in findings if f.level == "error"]
    if errors:
        raise VerificationError(errors)
    return [f for f in findings if f.level != "error"]


def _figures_named(text: str, language: str) -> tuple[set[Decimal], set[int]]:
    """What a name (a topic, a unit) says in figures: its numbers and its places ("third
    pillar"): a translation must say the same."""
    return numbers_in(text, language), {r.place for r in ranks_in(text, language)}


def _within(inner: PartialDate, outer: PartialDate) -> bool:
    """The one date's period lies inside the other's (27 April 2025 within April 2025)."""
    return outer.start <= inner.start and inner.end <= outer.end


def _same_event(a: str, b: str) -> bool:
    """Two statements name one event: they share a run of three capitalised words after the first
    ("Expo National Day", "Joint Trade Committee")."""

    def runs(text: str) -> set[tuple[str, ...]]:
        words = capitalised_words(text)
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    return bool(runs(a) & runs(b))


def _divergence(quote: str, text: str) -> str:
    """Where the quote stops matching the source: the longest prefix found, by binary search."""
    low, high = 0, len(quote)
    while low < high:
        mid = (low + high + 1) // 2
        if quote[:mid] in text:
            low = mid
        else:
            high = mid - 1
    if low < 8:
        return f" (no passage starts with “{quote[:40]}”)"
    return f" (matches up to “…{quote[max(0, low - 30) : low]}”, then the quote has “{quote[low : low + 30]}…”)"
