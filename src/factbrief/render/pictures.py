"""The pictures a document's template asks for: ``timeline()``, ``chart_series()`` and
``chart_conflict()``.

Each returns the Markdown of a picture: an image linked by file name (``NAME-timeline.svg``,
written beside the document) and, on the next line, a caption that cites the source of every
value the picture plots. The lint refuses a picture whose caption lacks one of those notes. What
a picture shows is decided here, as plain data (``Picture``), with every date and figure already
written as the document writes it; nothing is drawn here: matplotlib runs only when a build
writes the pictures (pictures/svg.py), so ``check`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable

from jinja2 import TemplateRuntimeError
from markupsafe import Markup

from factbrief.model import Fact, Milestone, PartialDate
from factbrief.pictures import Mark, Picture, file_slug, period
from factbrief.render.citations import Footnotes
from factbrief.render.context import Series
from factbrief.templating import TemplateBudgetExceeded, label_of
from factbrief.text.escaping import FOOTNOTE_REF_RE, IMAGE_RE, escape_markdown
from factbrief.text.formatting import as_decimal, format_date, format_figure
from factbrief.verify import Conflict

MAX_PICTURES = 50  # per document: each one placed is drawn, which takes a tenth of a second


class Pictures:
    """The pictures one document's template asks for, and the notes each caption must call."""

    def __init__(
        self,
        document: str,
        footnotes: Footnotes,
        as_of: dt.date,
        language: str,
        gettext: Callable[[str], str] = str,
        is_past: Callable[[Milestone], bool] | None = None,
        numbers_language: str | None = None,
    ) -> None:
        self.document = document
        self.footnotes = footnotes
        self.as_of = as_of
        self.language = language
        self.numbers_language = numbers_language or language
        self.gettext = gettext
        self.is_past = is_past or (lambda m: m.date.end <= as_of)
        self.made: dict[str, Picture] = {}
        self.refs: dict[str, frozenset[str]] = {}  # file name → the notes its caption must call

    def functions(self) -> dict[str, Callable[..., Markup]]:
        return {"timeline": self.timeline, "chart_series": self.chart_series, "chart_conflict": self.chart_conflict}

    # -- what templates call ---------------------------------------------------------------

    def timeline(self, items: Iterable[Milestone], short: bool = False, compact: bool = False) -> Markup:
        """Milestones on a time axis scaled to their dates, past ones filled, scheduled ones hollow.
        The caption calls their notes in the order given: the order the document lists them in,
        so that notes are numbered as the text reads."""
        given = _only(items, Milestone, "timeline")
        items = sorted(given, key=lambda m: m.date.sort_key())
        if not items:
            return Markup("")
        _ = self.gettext
        marks = tuple(
            Mark(
                *period(m.date),
                format_date(m.date, True, self.language),
                m.text,
                self.is_past(m),
                ref=m.id,
                line=m.line,
                short=m.short or "",
            )
            for m in items
        )
        first, last = (
            format_date(items[0].date, language=self.language),
            format_date(items[-1].date, language=self.language),
        )
        alt = _(
            "Timeline from %(first)s to %(last)s: each milestone is a mark at its date, a point for a day "
            "and a bar for a month or a year, filled if past and hollow if scheduled; a line marks the "
            "brief's date, %(as_of)s."
        ) % {"first": first, "last": last, "as_of": self._as_of(False)}
        caption = _("Filled: past; hollow: scheduled; the line: the brief's date.")
        picture = self._picture("timeline", "", alt, marks, compact=compact)
        return self._markdown(picture, given, caption, short)

    def chart_conflict(self, conflict: Conflict, short: bool = False) -> Markup:
        """The readings of each source on one scale, the preferred one filled; empty when they cannot
        share a scale (units differ, or a reading has no value and they differ in value)."""
        if not isinstance(conflict, Conflict):
            raise TemplateRuntimeError(f"chart_conflict() takes a conflict, not {type(conflict).__name__}")
        facts = conflict.facts
        values = {None if f.value is None else as_decimal(f.value) for f in facts}
        by_period = len(values) == 1 and all(f.as_of for f in facts)
        if not by_period and (None in values or len({f.unit for f in facts}) > 1):
            return Markup("")
        _ = self.gettext
        sources = self.footnotes.fact_file.sources
        marks = tuple(self._reading(f, sources[f.source].publisher, with_period=True) for f in facts)
        label = _label(facts[0] if conflict.preferred is None else conflict.preferred)
        readings = "; ".join(f"{m.who}: {m.text}" + (f" ({_('preferred')})" if m.filled else "") for m in marks)
        alt = _("How the sources differ on %(label)s, on one scale: %(readings)s.") % {
            "label": label,
            "readings": readings,
        }
        if conflict.preferred is not None:
            caption = _("%(label)s: each source's reading; filled: the preferred one.") % {"label": label}
        else:
            caption = _("%(label)s: each source's reading; none is preferred.") % {"label": label}
        picture = self._picture("conflict", conflict.metric, alt, marks, by_period=by_period)
        return self._markdown(picture, facts, caption, short)

    def chart_series(self, series, short: bool = False) -> Markup:
        """A metric's figures over time, one point per period."""
        if not isinstance(series, Series):
            raise TemplateRuntimeError(f"chart_series() takes a series, not {type(series).__name__}")
        _ = self.gettext
        marks = tuple(self._reading(f, "", with_period=False) for f in series.facts)
        label = _label(series.facts[-1])
        points = "; ".join(f"{m.when}: {m.text}" for m in marks)
        alt = _("%(label)s over time: %(points)s.") % {"label": label, "points": points}
        caption = _("%(label)s over time.") % {"label": label}
        picture = self._picture("series", series.metric, alt, marks)
        return self._markdown(picture, series.facts, caption, short)

    # -- the pictures placed ---------------------------------------------------------------

    def placed(self, markdown: str) -> tuple[Picture, ...]:
        """The pictures the Markdown links (a template may ask for one and not print it)."""
        linked = {m.group(1) for m in map(IMAGE_RE.match, markdown.splitlines()) if m}
        return tuple(p for name, p in self.made.items() if name in linked)

    # -- helpers ---------------------------------------------------------------------------

    def _reading(self, fact: Fact, who: str, with_period: bool) -> Mark:
        """A fact's reading: its figure (``for 2024`` added where the picture's scale does not show
        the period), or, without a value, its date."""
        start, end, day = period(fact.as_of) if fact.as_of else (self.as_of, self.as_of, True)
        when = format_date(fact.as_of, True, self.language) if fact.as_of else ""
        if fact.value is None:
            text = format_date(fact.as_of, language=self.language)
        else:
            text = format_figure(fact.value, fact.unit, fact.qualifier, fact.status, self.numbers_language)
            text = re.sub(r"(?<=\d)[\u00a0\u202f](?=\d{3})", "", text)  # a picture splits "710 000" at the space
            if when and with_period:
                text += " " + self.gettext("for %(period)s") % {"period": when}
        value = None if fact.value is None else as_decimal(fact.value)
        return Mark(start, end, day, when, text, fact.preferred, who, value)

    def _as_of(self, short: bool) -> str:
        return format_date(PartialDate(self.as_of.year, self.as_of.month, self.as_of.day), short, self.language)

    def _picture(self, kind: str, slug: str, alt: str, marks: tuple[Mark, ...], **options: bool) -> Picture:
        if len(self.made) >= MAX_PICTURES:
            raise TemplateBudgetExceeded(f"asked for over {MAX_PICTURES} pictures")
        stem = f"{self.document}-{kind}" + (f"-{file_slug(slug)}" if slug else "")
        name, n = f"{stem}.svg", 1
        while name in self.made:
            n += 1
            name = f"{stem}-{n}.svg"
        as_of_label = self.gettext("as of %(date)s") % {"date": self._as_of(True)}
        picture = Picture(
            name,
            kind,
            alt,
            marks,
            self.as_of,
            as_of_label,
            self.language,
            self.numbers_language,
            fact_file=self.footnotes.fact_file.display,
            **options,
        )
        self.made[name] = picture
        return picture

    def _markdown(self, picture: Picture, items: Iterable[Fact | Milestone], caption: str, short: bool) -> Markup:
        """The image, then the caption with a call to the note of every value plotted."""
        calls = "".join(self.footnotes.cite(item, short) for item in items)
        self.refs[picture.name] = frozenset(FOOTNOTE_REF_RE.findall(calls))
        return Markup(f"![{escape_markdown(picture.alt)}]({picture.name})\n*{escape_markdown(caption)}*{calls}")


def _only(items: Iterable[object], kind: type, function: str) -> list:
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise TemplateRuntimeError(f"{function}() takes a list of milestones, not {type(items).__name__}")
    items = list(items)
    wrong = next((i for i in items if not isinstance(i, kind)), None)
    if wrong is not None:
        raise TemplateRuntimeError(f"{function}() takes milestones, not {type(wrong).__name__}")
    return items


def _label(fact: Fact) -> str:
    return label_of(fact)
