"""The timeline: every milestone a mark on a time axis scaled to its dates.

A day is a point and a month or a year a bar across its period; past milestones are filled,
scheduled ones hollow; a line marks the brief's date. Marks that would overlap are stacked. Each
label (the date, and the text cut to a few words) sits in a lane above or below the axis, joined to
its mark by a leader (placement.py); where labels crowd, a label is cut shorter, then to its date,
then left out: the picture thins its labels, the document's table keeps every milestone. When most
milestones crowd the years around the brief's date, a second row shows those three years in
detail, on the shade that marks them on the first row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from factbrief.pictures.canvas import PT, TEXT_PT, WIDTH_MM, Canvas, date_ticks, fit_text, text_width
from factbrief.pictures.model import Mark, Picture
from factbrief.pictures.placement import LANES, Slot, place_labels, stack
from factbrief.pictures.style import Style

COMPACT_MM = 85.0  # a column of the briefing
LINE_MM = TEXT_PT * 1.2 * PT  # one line of a label
MARK_MM = 1.8  # a point's diameter, a bar's height, a bar's least width
TRACK_MM = 2.2  # between stacked marks
LABEL_MM = 46.0  # the widest a label's text may be; where that crowds, 26 mm, then the date alone
SHORT_MM = 26.0
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
    forms: list[list[tuple[str, str]]] = field(default_factory=list)  # each mark's labels: (date, text)

    def x(self, day: dt.date) -> float:
        return (day - self.lo).days / max(1, (self.hi - self.lo).days) * self.width

    def extent(self, mark: Mark) -> tuple[float, float]:
        left, right = self.x(mark.start), self.x(mark.end + dt.timedelta(days=1))
        middle = (left + right) / 2
        return (min(left, middle - MARK_MM / 2), max(right, middle + MARK_MM / 2))

    def lay_out(self, style: Style, compact: bool) -> None:
        extents = [self.extent(m) for m in self.marks]
        self.tracks = stack(extents)
        widths = () if compact else (LABEL_MM, SHORT_MM)
        self.forms = [
            list(dict.fromkeys([*((m.when, fit_text(m.text, w, style)) for w in widths), (m.when, "")]))
            for m in self.marks
        ]
        sizes = [[max(text_width(d, style, bold=True), text_width(t, style)) for d, t in f] for f in self.forms]
        anchors = [(a + b) / 2 for a, b in extents]
        self.slots = place_labels(anchors, sizes, self.width, lanes=2 if compact else LANES)

    def lanes(self, side: int) -> int:
        return max((s.lane + 1 for s in self.slots if s and s.side == side), default=0)

    @property
    def marks_top(self) -> float:
        return max(self.tracks, default=0) * TRACK_MM + MARK_MM / 2

    def bounds(self, lane: float) -> tuple[float, float]:
        """The row's lowest and highest y (the scale's labels below, the date's strip above)."""
        top = self.marks_top + 1.0 + self.lanes(1) * lane + (STRIP_MM if self.dated else 0)
        return -(MARK_MM / 2 + 1.0 + self.lanes(-1) * lane) - 0.5, top


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
    lane = LINE_MM + 0.8 if picture.compact else 2 * LINE_MM + 0.8
    for row in rows:
        row.lay_out(style, picture.compact)
    heights = [row.bounds(lane)[1] - row.bounds(lane)[0] + TICKS_MM for row in rows]
    canvas = Canvas(rows[0].width, sum(heights) + 2.5 * (len(rows) - 1), style)
    base = canvas.height
    for row, height in zip(rows, heights, strict=True):
        base -= height
        _draw_row(canvas, row, base, lane, picture, style)
        base -= 2.5
    return canvas.figure


def _draw_row(canvas: Canvas, row: Row, base: float, lane: float, picture: Picture, style: Style) -> None:
    from matplotlib.dates import date2num

    bottom, top = row.bounds(lane)
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
            _draw_label(ax, x, row, i, slot, y, lane, style, paper)


def _draw_label(ax, x, row: Row, i: int, slot: Slot, y: float, lane: float, style: Style, paper: str) -> None:
    """A label in its lane, its date in bold over its text, and the leader to its mark."""
    when, text = row.forms[i][slot.form]
    box = {"boxstyle": "square,pad=0.1", "facecolor": paper, "edgecolor": "none"}
    align, at = ("left", slot.left) if slot.left > slot.anchor else ("right", slot.right)
    height = LINE_MM * (2 if text else 1)  # the leader runs beside the label, the length of its lines
    if slot.side > 0:
        edge = row.marks_top + 1.0 + slot.lane * lane
        lines = [(text, edge, "bottom", "normal"), (when, edge + height - LINE_MM, "bottom", "bold")]
        ax.vlines([x(slot.anchor)], y + MARK_MM / 2, edge + height, color=style.muted, linewidth=0.4, zorder=2)
    else:
        edge = -(MARK_MM / 2 + 1.0 + slot.lane * lane)
        lines = [(when, edge, "top", "bold"), (text, edge - LINE_MM, "top", "normal")]
        ax.vlines([x(slot.anchor)], edge - height, y - MARK_MM / 2, color=style.muted, linewidth=0.4, zorder=2)
    for words, level, valign, weight in lines:
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
                gid=f"label-{row.numbers[i]}-{'date' if weight == 'bold' else 'text'}",
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
