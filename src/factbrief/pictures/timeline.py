"""The timeline: every milestone a mark on a time axis scaled to its dates.

A day is a point and a month or a year a bar across its period; past milestones are filled,
scheduled ones hollow; a line marks the brief's date. Marks that would overlap are stacked. Each
label (the date in bold over the milestone's text, whole, wrapped onto as few lines as fit) sits
above or below the axis, joined to its mark by a leader (placement.py); where labels crowd, they
step outwards and wrap narrower, then a milestone's ``short:`` label stands for its text, and the
picture grows taller. A label is never cut: a timeline that cannot print every label whole is
refused, naming the milestone to give a ``short:`` label. (A column's compact timeline labels its
marks with their dates alone, thinned where they crowd: its table prints the milestones.) When
most milestones crowd the years around the brief's date, a second row shows those three years in
detail, on the shade that marks them on the first row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from factbrief.errors import Problem, RenderError
from factbrief.pictures.canvas import PT, TEXT_PT, WIDTH_MM, Canvas, date_ticks, text_width, wrap_text
from factbrief.pictures.model import Mark, Picture
from factbrief.pictures.placement import REACH_MM, STACK_MM, Slot, place_labels, stack
from factbrief.pictures.style import Style

COMPACT_MM = 85.0  # a column of the briefing
LINE_MM = TEXT_PT * 1.2 * PT  # one line of a label
MARK_MM = 1.8  # a point's diameter, a bar's height, a bar's least width
TRACK_MM = 2.2  # between stacked marks
WRAPS_MM = (46.0, 34.0, 26.0)  # the widths a label's text is wrapped to, the widest first
REACHES_MM = (REACH_MM, 52.0, 70.0)  # how far labels may go from the axis, tried in turn
TICKS_MM = 3.8  # the scale's labels, under the row
STRIP_MM = LINE_MM + 0.6  # the brief's date, over the row


@dataclass
class Row:
    """One axis of the timeline and the marks on it, laid out in mm (y = 0 on the axis)."""

    marks: list[Mark]
    numbers: list[int]  # each mark's place among the picture's marks, for its id in the SVG
    lo: dt.date
    hi: dt.date
    width: float
    dated: bool = False  # the brief's date is marked on this row
    band: tuple[dt.date, dt.date] | None = None  # the period the next row details
    shaded: bool = False  # this row details the band
    tracks: list[int] = field(default_factory=list)
    slots: list[Slot | None] = field(default_factory=list)
    forms: list[list[tuple[str, list[str]]]] = field(default_factory=list)  # each mark's labels: date, lines

    def x(self, day: dt.date) -> float:
        return (day - self.lo).days / max(1, (self.hi - self.lo).days) * self.width

    def extent(self, mark: Mark) -> tuple[float, float]:
        left, right = self.x(mark.start), self.x(mark.end + dt.timedelta(days=1))
        middle = (left + right) / 2
        return (min(left, middle - MARK_MM / 2), max(right, middle + MARK_MM / 2))

    def lay_out(self, style: Style, compact: bool, name: str = "timeline", fact_file: str = "") -> None:
        """Each mark's track and its label's slot; every label whole (or, compact, its date)."""
        extents = [self.extent(m) for m in self.marks]
        self.tracks = stack(extents)
        self.forms = [_forms(m, style, compact) for m in self.marks]
        sizes = [
            [
                (max([text_width(d, style, bold=True)] + [text_width(t, style) for t in lines]), label_height(lines))
                for d, lines in f
            ]
            for f in self.forms
        ]
        anchors = [(a + b) / 2 for a, b in extents]
        if compact:  # two lines of dates at most, thinned where they crowd
            self.slots = place_labels(anchors, sizes, self.width, reach=2 * LINE_MM + STACK_MM + 0.01)
            return
        for reach in REACHES_MM:
            self.slots = place_labels(anchors, sizes, self.width, reach=reach)
            if all(self.slots):
                return
        mark = self.marks[self.slots.index(None)]
        what = f"milestone '{mark.ref}'" if mark.ref else f"the milestone of {mark.when}"
        advice = (
            "its short label does not fit either (make it shorter)"
            if mark.short
            else "give it a short label in the fact file (short: …)"
        )
        message = f"{what}: the timeline ({name}) has no room to print its label whole among its neighbours: {advice}"
        raise RenderError(Problem(fact_file or name, mark.line if fact_file else None, message))

    def reach(self, side: int) -> float:
        """How far the labels on one side go from the axis, in mm."""
        return max((s.far for s in self.slots if s and s.side == side), default=0.0)

    @property
    def marks_top(self) -> float:
        return max(self.tracks, default=0) * TRACK_MM + MARK_MM / 2

    def bounds(self) -> tuple[float, float]:
        """The row's lowest and highest y (the scale's labels below, the date's strip above)."""
        top = self.marks_top + 1.0 + self.reach(1) + (STRIP_MM if self.dated else 0)
        return -(MARK_MM / 2 + 1.0 + self.reach(-1)) - 0.5, top


def label_height(lines: list[str]) -> float:
    """A label's height: its date's line and its text's."""
    return LINE_MM * (1 + len(lines))


def _forms(mark: Mark, style: Style, compact: bool) -> list[tuple[str, list[str]]]:
    """A mark's labels, the first that fits printed: its text whole, wrapped to each width (the
    widest first), then its short label; a compact timeline's, its date alone."""
    if compact:
        return [(mark.when, [])]
    texts = [mark.text] + ([mark.short] if mark.short else [])
    forms = [(mark.when, wrap_text(text, width, style)) for text in texts for width in WRAPS_MM]
    return list({tuple(lines): (when, lines) for when, lines in forms}.values())


def rows_of(picture: Picture) -> list[Row]:
    """One row; or, when at least four milestones fall in the three years around the brief's date
    and the others span twelve years or more, those years in a second row."""
    marks, as_of = list(picture.marks), picture.as_of
    first, last = min([m.start for m in marks] + [as_of]), max([m.end for m in marks] + [as_of])
    width = COMPACT_MM if picture.compact else WIDTH_MM
    window = (dt.date(as_of.year - 1, 1, 1), dt.date(as_of.year + 1, 12, 31))
    inside = [i for i, m in enumerate(marks) if window[0] <= m.start and m.end <= window[1]]
    outside = [i for i in range(len(marks)) if i not in inside]
    if not picture.compact and len(inside) >= 4 and outside and (last - first).days > 12 * 365:
        pad = (last - first) * 0.03
        lo, hi = min(first, window[0]) - pad, max(last, window[1]) + pad
        overview = Row([marks[i] for i in outside], outside, lo, hi, width, band=window)
        margin = dt.timedelta(days=45)  # room for the first year's label
        detail = Row(
            [marks[i] for i in inside], inside, window[0] - margin, window[1] + margin, width, True, None, True
        )
        return [overview, detail]
    pad = max((last - first) * 0.04, dt.timedelta(days=20))
    return [Row(marks, list(range(len(marks))), first - pad, last + pad, width, dated=True)]


def draw_timeline(picture: Picture, style: Style):
    rows = rows_of(picture)
    for row in rows:
        row.lay_out(style, picture.compact, picture.name, picture.fact_file)
    heights = [row.bounds()[1] - row.bounds()[0] + TICKS_MM for row in rows]
    canvas = Canvas(rows[0].width, sum(heights) + 2.5 * (len(rows) - 1), style)
    base = canvas.height
    for row, height in zip(rows, heights, strict=True):
        base -= height
        _draw_row(canvas, row, base, picture, style)
        base -= 2.5
    return canvas.figure


def _draw_row(canvas: Canvas, row: Row, base: float, picture: Picture, style: Style) -> None:
    from matplotlib.dates import date2num

    bottom, top = row.bounds()
    ax = canvas.panel(0, base + TICKS_MM, row.width, top - bottom)
    lo, hi = float(date2num(row.lo)), float(date2num(row.hi))
    ax.set_xlim(lo, hi)
    ax.set_ylim(bottom, top)
    ax.patch.set_alpha(0)
    ax.yaxis.set_visible(False)
    for spine in ax.spines.values():  # the scale's labels only, under the row
        spine.set_visible(False)

    def x(mm: float) -> float:
        return lo + mm / row.width * (hi - lo)

    paper = style.band if row.shaded else style.paper
    if row.shaded:
        ax.add_patch(_rectangle((lo, bottom), hi - lo, top - bottom, style.band, zorder=0))
    if row.band:
        start, end = (float(date2num(d)) for d in row.band)
        ax.add_patch(_rectangle((start, bottom), end - start, top - bottom, style.band, zorder=0))
    ticks = [
        (day, label)
        for day, label in date_ticks(row.lo, row.hi, row.width, picture.language)
        if text_width(label, style) / 2 + 0.5 <= row.x(day) <= row.width - text_width(label, style) / 2 - 0.5
    ]
    ax.set_xticks([float(date2num(d)) for d, _ in ticks], [label for _, label in ticks])
    ax.vlines([float(date2num(d)) for d, _ in ticks], bottom, 0, color=style.rule, linewidth=0.4, zorder=0)
    ax.axhline(0, color=style.muted, linewidth=0.6, zorder=1)
    if row.dated:
        at = float(date2num(picture.as_of))
        ax.vlines([at], bottom, top - STRIP_MM + 0.2, color=style.date, linewidth=0.9, zorder=1)
        label_width = text_width(picture.as_of_label, style, bold=True)
        where = min(max(row.x(picture.as_of), label_width / 2), row.width - label_width / 2)
        ax.text(
            x(where),
            top - 0.2,
            picture.as_of_label,
            ha="center",
            va="top",
            color=style.date,
            fontweight="bold",
            gid="as-of",
        )
    for i, (mark, track, slot) in enumerate(zip(row.marks, row.tracks, row.slots, strict=True)):
        left, right = row.extent(mark)
        y = track * TRACK_MM
        face = style.mark if mark.filled else style.paper
        gid = f"mark-{row.numbers[i]}-{'past' if mark.filled else 'ahead'}"
        if mark.day:
            ax.scatter(
                [x((left + right) / 2)],
                [y],
                s=(MARK_MM / PT) ** 2,
                facecolor=face,
                edgecolor=style.mark,
                linewidth=0.8,
                zorder=3,
                gid=gid,
            )
        else:
            ax.add_patch(
                _rectangle(
                    (x(left), y - MARK_MM * 0.4),
                    x(right) - x(left),
                    MARK_MM * 0.8,
                    face,
                    edge=style.mark,
                    zorder=3,
                    gid=gid,
                )
            )
        if slot is not None:
            _draw_label(ax, x, row, i, slot, y, style, paper)


def _draw_label(ax, x, row: Row, i: int, slot: Slot, y: float, style: Style, paper: str) -> None:
    """A label at its slot, its date in bold over its text's lines, and the leader to its mark."""
    when, text = row.forms[i][slot.form]
    box = {"boxstyle": "square,pad=0.1", "facecolor": paper, "edgecolor": "none"}
    align, at = ("left", slot.left) if slot.left > slot.anchor else ("right", slot.right)
    height = label_height(text)  # the leader runs beside the label, the length of its lines
    lines = [(when, "bold", "date")] + [(words, "normal", f"text-{k}") for k, words in enumerate(text)]
    if slot.side > 0:
        edge = row.marks_top + 1.0 + slot.level
        ax.vlines([x(slot.anchor)], y + MARK_MM / 2, edge + height, color=style.muted, linewidth=0.4, zorder=2)
        levels = [(edge + height - (k + 1) * LINE_MM, "bottom") for k in range(len(lines))]
    else:
        edge = -(MARK_MM / 2 + 1.0 + slot.level)
        ax.vlines([x(slot.anchor)], edge - height, y - MARK_MM / 2, color=style.muted, linewidth=0.4, zorder=2)
        levels = [(edge - k * LINE_MM, "top") for k in range(len(lines))]
    for (words, weight, part), (level, valign) in zip(lines, levels, strict=True):
        if words:
            ax.text(
                x(at),
                level,
                words,
                ha=align,
                va=valign,
                fontweight=weight,
                color=style.ink,
                bbox=box,
                zorder=4,
                gid=f"label-{row.numbers[i]}-{part}",
            )


def _rectangle(xy, width, height, face, edge="none", zorder=0, gid=None):
    from matplotlib.patches import Rectangle

    return Rectangle(
        xy,
        width,
        height,
        facecolor=face,
        edgecolor=edge,
        linewidth=0.8 if edge != "none" else 0,
        zorder=zorder,
        gid=gid,
    )
