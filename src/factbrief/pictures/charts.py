"""Two charts of a fact file's figures: the readings of sources that differ, and a metric over time.

Where sources differ, each reading is a row: the source's name, a dot at its value on one scale
from zero (so a gap between sources looks as large as it is), and its figure as the documents
print it; the preferred reading is filled and bold. Readings that give one value for different
periods sit on a time axis instead. A metric's figures over time are a line over its periods,
each point labelled with its figure.
"""

from __future__ import annotations

import datetime as dt

from factbrief.pictures.canvas import PT, TEXT_PT, WIDTH_MM, Canvas, date_ticks, number_ticks, text_width, value_range
from factbrief.pictures.model import Mark, Picture
from factbrief.pictures.style import Style

ROW_MM = 4.4  # one reading
CONFLICT_MM = WIDTH_MM - 6  # the fact sheet prints a conflict's chart in its list item, indented
MARK_PT = 4.8  # a dot's diameter


def _num(day: dt.date) -> float:
    from matplotlib.dates import date2num

    return float(date2num(day))


def _middle(mark: Mark) -> dt.date:
    return mark.start + (mark.end - mark.start) / 2


def draw_conflict(picture: Picture, style: Style):
    """One row per reading, each on the same scale: values from zero, or dates."""
    marks = picture.marks
    names = [m.who for m in marks]
    left = max(text_width(n, style) for n in names) + 3
    right = max(text_width(m.text, style, bold=m.filled) for m in marks) + 4
    height = 1 + ROW_MM * len(marks) + 4.4  # the scale's labels under the rows
    canvas = Canvas(CONFLICT_MM, height, style)
    ax = canvas.panel(left, 4.4, CONFLICT_MM - left - right, height - 5.4)
    rows = list(range(len(marks)))
    if picture.by_period:
        first, last = min(m.start for m in marks), max(m.end for m in marks)
        pad = max((last - first) * 0.2, dt.timedelta(days=3))
        lo, hi = first - pad, last + pad
        ticks = [(_num(d), label) for d, label in date_ticks(lo, hi, CONFLICT_MM - left - right, picture.language)]
        ax.set_xlim(_num(lo), _num(hi))
    else:
        low, high = value_range([float(m.value or 0) for m in marks])
        ticks = number_ticks(low, high, picture.numbers_language)
        ax.set_xlim(min(low * 1.03, ticks[0][0]), max(high * 1.03, ticks[-1][0]))
    ax.set_xticks([t for t, _ in ticks], [label for _, label in ticks])
    ax.set_yticks(rows, names)
    ax.set_ylim(len(marks) - 0.5, -0.5)
    ax.grid(axis="x", color=style.rule, linewidth=0.4)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    for row, mark in zip(rows, marks, strict=True):
        face = style.mark if mark.filled else style.paper
        if picture.by_period and not mark.day:
            start, end = _num(mark.start), _num(mark.end)
            ax.barh(
                row,
                end - start,
                left=start,
                height=0.32,
                color=face,
                edgecolor=style.mark,
                linewidth=0.8,
                gid=f"mark-{row}-{'preferred' if mark.filled else 'other'}",
            )
            x = end
        else:
            x = _num(_middle(mark)) if picture.by_period else float(mark.value or 0)
            if not picture.by_period:  # a stem from zero: the reading's size, not only its place
                ax.plot([0, x], [row, row], color=style.rule, linewidth=0.8, zorder=1)
            ax.scatter(
                [x],
                [row],
                s=MARK_PT**2,
                facecolor=face,
                edgecolor=style.mark,
                linewidth=0.8,
                zorder=3,
                clip_on=False,
                gid=f"mark-{row}-{'preferred' if mark.filled else 'other'}",
            )
        ax.annotate(
            mark.text,
            (x, row),
            xytext=(MARK_PT / 2 + 2.5, 0),
            textcoords="offset points",
            va="center_baseline",
            color=style.ink,
            fontweight="bold" if mark.filled else "normal",
            annotation_clip=False,
            gid=f"reading-{row}",
        )
    return canvas.figure


def draw_series(picture: Picture, style: Style):
    """A line over the periods, every point labelled where its label has room."""
    marks = picture.marks
    low, high = value_range([float(m.value or 0) for m in marks])
    low, high = low * 1.12, high * 1.12  # room for the highest point's label
    if low == high:
        high = 1.0  # every reading zero: a scale from 0 to 1, not five ticks of 0 and -0
    ticks = number_ticks(low, high, picture.numbers_language)
    left = max(text_width(label, style) for _, label in ticks) + 3
    height = 38.0
    canvas = Canvas(WIDTH_MM, height, style)
    plot_width = WIDTH_MM - left - 6
    ax = canvas.panel(left, 5, plot_width, height - 7)
    xs = [_num(_middle(m)) for m in marks]
    first, last = _num(min(m.start for m in marks)), _num(max(m.end for m in marks))
    # Room at either end for half the widest period's label under the first and last points (in
    # days; a date less a fraction of a day was the date itself, and a series of days put its
    # first point, and its label, on the value scale's).
    half = max(text_width(m.when, style) for m in marks) / 2 + 1
    span = last - first
    pad = max(span * 0.06, span * half / max(plot_width - 2 * half, 1.0), 1.0)
    lo, hi = first - pad, last + pad
    ax.set_xlim(lo, hi)
    bottom, top = min(low, ticks[0][0]), max(high, ticks[-1][0])
    ax.set_ylim(bottom, top)
    ax.set_yticks([t for t, _ in ticks], [label for _, label in ticks])
    places = [(x - lo) / (hi - lo) * plot_width for x in xs]
    ax.set_xticks(xs, _spaced([m.when for m in marks], places, style))
    ax.tick_params(axis="x", pad=MARK_PT / 2 + 1)  # below a point on the baseline, not over it
    ax.grid(axis="y", color=style.rule, linewidth=0.4)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ys = [float(m.value or 0) for m in marks]
    ax.plot(xs, ys, color=style.mark, linewidth=1.2, zorder=2)
    ax.scatter(xs, ys, s=MARK_PT**2, facecolor=style.mark, edgecolor=style.mark, zorder=3, gid="mark-points")
    # Each point's height on the panel, in mm: a label is not set where it would cover a point.
    heights = [(y - bottom) / ((top - bottom) or 1) * (height - 7) for y in ys]
    for i, align in _labelled(xs, [m.text for m in marks], lo, hi, plot_width, style, heights):
        ax.annotate(
            marks[i].text,
            (xs[i], ys[i]),
            xytext=(0, MARK_PT / 2 + 2),
            textcoords="offset points",
            ha=align,
            va="bottom",
            color=style.ink,
            fontsize=TEXT_PT,
            annotation_clip=False,
            gid=f"point-{i}",
        )
    return canvas.figure


def _spaced(labels: list[str], places: list[float], style: Style, gap: float = 2.0) -> list[str]:
    """The periods' labels under their points, as many as stand ``gap`` mm apart (the latest
    first); the others blank. Labels that touched would print, and read, as one run of digits."""
    kept = [""] * len(labels)
    left = float("inf")  # where the label kept last (to the right) begins
    for i in reversed(range(len(labels))):
        half = text_width(labels[i], style) / 2
        if places[i] + half + gap <= left:
            kept[i], left = labels[i], places[i] - half
    return kept


def _labelled(
    xs: list[float],
    labels: list[str],
    lo: float,
    hi: float,
    width: float,
    style: Style,
    heights: list[float],
) -> list[tuple[int, str]]:
    """The points whose label fits beside its neighbours' (the latest first), each with its
    alignment: centred over its point, or running inwards at either end of the scale. A label
    that would cover another point (``heights``: each point's, in mm) is left out too: a steep
    rise puts the next point where the label would be."""
    chosen: list[tuple[float, float, float, float]] = []  # each kept label's box: left, right, foot, top
    keep: list[tuple[int, str]] = []
    places = [(x - lo) / (hi - lo) * width for x in xs]
    radius = MARK_PT / 2 * PT + 0.3  # a point's disc, and the proof's margin
    for i in reversed(range(len(xs))):
        x = places[i]
        size = text_width(labels[i], style) + 2
        align, a, b = "center", x - size / 2, x + size / 2
        if a < 0:
            align, a, b = "left", x - 1, x + size
        elif b > width:
            align, a, b = "right", x - size, x + 1
        base = heights[i] + (MARK_PT / 2 + 2) * PT  # where annotate sets the label's foot
        roof = base + TEXT_PT * 1.4 * PT
        if any(
            j != i and a - radius < places[j] < b + radius and base - radius < heights[j] < roof + radius
            for j in range(len(xs))
        ):
            continue
        # A label high above another (a spike over a flat run) does not need the room beside it.
        if all(b < c or a > d or roof < foot or base > top for c, d, foot, top in chosen):
            chosen.append((a, b, base, roof))
            keep.append((i, align))
    return sorted(keep)
