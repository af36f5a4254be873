"""Placing a timeline's marks and labels so that nothing overlaps: geometry in mm, no drawing.

Marks that would overlap are stacked in tracks. Each label sits in a lane above or below the axis,
joined to its mark by a leader, a vertical line beside it. Two labels may not overlap in a lane,
and a leader may not cross a label in a lane nearer the axis, so the labels of a cluster of marks
step outwards, the latest nearest the axis; a label that fits nowhere is cut shorter, then to its
date, then left out.
"""

from __future__ import annotations

from dataclasses import dataclass

GAP_MM = 1.6  # between two labels in a lane
CLEAR_MM = 0.8  # between a leader and a label it passes
LANES = 3  # above and below the axis, each


@dataclass(frozen=True)
class Slot:
    """Where a label goes: above (1) or below (-1) the axis, in which lane, across which mm."""

    side: int
    lane: int
    left: float
    right: float
    anchor: float  # its leader's x
    form: int = 0  # which of the label's forms: the longest text first, its date alone last


def place_labels(anchors: list[float], forms: list[list[float]], span: float, lanes: int = LANES) -> list[Slot | None]:
    """A slot for each label (None: left out) where it overlaps no label, its leader crosses none
    and no leader crosses it. Each label takes the cheapest such slot: its longest form, near the
    axis, to the right of its leader, and not over the marks of labels still to place (a label
    in a lane near the axis would bar their leaders from the lanes beyond). Labels are placed
    latest first, or earliest first, or, twice over, those left out first: whichever leaves
    fewest out, then cuts fewest short."""

    def score(slots: list[Slot | None]) -> tuple[int, int]:
        return sum(s is not None for s in slots), -sum(s.form for s in slots if s)

    latest = sorted(range(len(anchors)), key=lambda i: -anchors[i])
    best = max((_place(anchors, forms, span, lanes, order) for order in (latest, latest[::-1])), key=score)
    for _ in range(2):
        left_out = [i for i in latest if best[i] is None]
        if not left_out:
            break
        again = _place(anchors, forms, span, lanes, left_out + [i for i in latest if i not in left_out])
        if score(again) <= score(best):
            break
        best = again
    return best


def _place(
    anchors: list[float], forms: list[list[float]], span: float, lanes: int, order: list[int]
) -> list[Slot | None]:
    slots: list[Slot | None] = [None] * len(anchors)
    placed: list[Slot] = []
    waiting = list(order)
    while waiting:
        i = waiting.pop(0)
        a = anchors[i]
        candidates = [
            Slot(side, lane, left, right, a, form)
            for form, w in enumerate(forms[i])
            for left, right in ((a + CLEAR_MM, a + CLEAR_MM + w), (a - CLEAR_MM - w, a - CLEAR_MM))
            if left >= 0.5 and right <= span - 1.0  # inside the picture, with room for the type's bearings
            for lane in range(lanes)
            for side in (1, -1)
        ]
        fitting = [c for c in candidates if all(_apart(c, p) for p in placed)]
        if fitting:
            best = min(fitting, key=lambda slot: _cost(slot, [anchors[j] for j in waiting], lanes))
            slots[i] = best
            placed.append(best)
    return slots


def _cost(slot: Slot, waiting: list[float], lanes: int) -> float:
    """A shorter form costs most, then each mark still to label that the slot would bar (its leader
    could reach no lane beyond), then distance from the axis, a box left of its leader, the side
    below."""
    barred = 0 if slot.lane == lanes - 1 else sum(slot.left - CLEAR_MM <= a <= slot.right + CLEAR_MM for a in waiting)
    return 4 * slot.form + 5 * barred + slot.lane + (slot.left < slot.anchor) * 0.5 + (slot.side < 0) * 0.1


def _apart(s: Slot, p: Slot) -> bool:
    if s.side != p.side:
        return True
    if s.lane == p.lane:
        return s.right + GAP_MM <= p.left or p.right + GAP_MM <= s.left
    near, far = (s, p) if s.lane < p.lane else (p, s)  # the far label's leader crosses the near lane
    return not near.left - CLEAR_MM <= far.anchor <= near.right + CLEAR_MM


def stack(extents: list[tuple[float, float]]) -> list[int]:
    """A track for each mark (0 on the axis, then upwards) so that no two marks overlap."""
    ends: list[float] = []  # where the last mark of each track ends
    tracks = [0] * len(extents)
    for i in sorted(range(len(extents)), key=lambda i: extents[i]):
        left, right = extents[i]
        track = next((k for k, end in enumerate(ends) if left >= end + 0.4), len(ends))
        if track == len(ends):
            ends.append(right)
        ends[track] = right
        tracks[i] = track
    return tracks
