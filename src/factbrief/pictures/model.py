"""Pictures in the documents: a timeline of milestones, a metric's figures over time, and the
readings of sources that differ.

A template calls ``timeline(items)``, ``chart_series(series)`` or ``chart_conflict(conflict)``;
each returns the Markdown of a picture: an image linked by file name (``NAME-timeline.svg``,
written beside the document) and, on the next line, a caption that cites the source of every
value the picture plots. The lint refuses a picture whose caption lacks one of those notes. What
a picture shows is decided here, as plain data (``Picture``), with every date and figure already
written as the document writes it; nothing is drawn here: matplotlib runs only when a build
writes the pictures (drawing.py), so ``check`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from jinja2 import TemplateRuntimeError
from markupsafe import Markup

from factbrief.model import Fact, Milestone, PartialDate
from factbrief.render.citations import Footnotes
from factbrief.templating.budget import TemplateBudgetExceeded
from factbrief.text.escaping import FOOTNOTE_REF_RE, escape_markdown
from factbrief.text.formatting import as_decimal, format_date, format_figure
from factbrief.verify.checks import Conflict

KINDS = ("timeline", "conflict", "series")
MAX_PICTURES = 50  # per document: each one placed is drawn, which takes a tenth of a second
# A picture in the Markdown: its image line (the caption is the next line).
IMAGE_RE = re.compile(r"^\s*!\[(?:[^\]\\]|\\.)*\]\(([^()\s]+)\)\s*$")


@dataclass(frozen=True)
class Mark:
    """One value a picture plots, with its words as the document prints them."""

    start: dt.date  # the period it refers to: a day, a month or a year
    end: dt.date
    day: bool  # a single day, drawn as a point; a month or year is drawn as a bar
    when: str  # the period as printed: "21 Sept 1973", "Apr 2002", "2003" (empty if none)
    text: str  # what it is: a milestone's text, a reading's figure
    filled: bool = False  # past (timeline) or the preferred reading (conflict)
    who: str = ""  # the source's publisher (conflict)
    value: Decimal | None = None  # the number plotted on a scale (conflict, series)


@dataclass(frozen=True)
class Picture:
    """What one picture shows: everything the drawing needs, and nothing it would have to look up."""

    name: str  # the file name: NAME-timeline.svg, NAME-conflict-METRIC.svg, NAME-series-METRIC.svg
    kind: str  # one of KINDS
    alt: str  # the alternative text: what the picture shows, in words
    marks: tuple[Mark, ...]
    as_of: dt.date
    as_of_label: str  # "as of 1 Sept 2025": the brief's date is metadata
    language: str  # dates' (the documents' language)
    numbers_language: str  # figures' and scales' (the fact file's: its units are its words)
    compact: bool = False  # a timeline for a column: one row, dates only
    by_period: bool = False  # a conflict over when, not how much: marks on a time axis

    @property
    def backed(self) -> frozenset[str]:
        """The digits a picture may print besides its scales: those of the words its marks were
        given (each proven by a note the caption calls) and of the brief's date."""
        words = [self.as_of_label, self.alt] + [w for m in self.marks for w in (m.when, m.text, m.who)]
        return frozenset(d for w in words for d in re.findall(r"\d+", w))


def file_slug(text: str) -> str:
    """A metric as part of a file name: ``two-way-trade``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "metric"


def period(date: PartialDate) -> tuple[dt.date, dt.date, bool]:
    return date.start, date.end, date.day is not None


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
            Mark(*period(m.date), format_date(m.date, True, self.language), m.text, self.is_past(m)) for m in items
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

    def chart_series(self, series, short: bool = False) -> Markup:  # type: ignore[no-untyped-def]
        """A metric's figures over time, one point per period."""
        from factbrief.render.context import Series

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
            name, kind, alt, marks, self.as_of, as_of_label, self.language, self.numbers_language, **options
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
    from factbrief.render.context import label_of

    return label_of(fact)


# -- the stylesheet's settings for pictures --------------------------------------------------------


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
    found: dict[str, object] = {}
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
    return Style(**found)  # type: ignore[arg-type]


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


def draw_all(pictures: tuple[Picture, ...], stylesheet: str) -> dict[str, tuple[str, bytes]]:
    """Each picture's kind and SVG, drawn in the stylesheet's colours and type (matplotlib is
    imported here, and only if there is a picture to draw)."""
    if not pictures:
        return {}
    from factbrief.pictures.canvas import draw

    style = style_of(stylesheet)
    return {p.name: (p.kind, draw(p, style)) for p in pictures}
