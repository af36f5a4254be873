"""Placing a timeline's marks and labels so that nothing overlaps: geometry in mm, no drawing.

Marks that would overlap are stacked in tracks. Each label is a box above or below the axis (its
lines wrapped: a label is never cut), joined to its mark by a leader, a vertical line beside it
from the axis to the label's far edge. Two labels may not overlap, a leader may not cross another
label, so the labels of a cluster of marks step outwards, one above the other. A label takes its
longest form that fits (its text on the fewest lines, then on more, then its short label); a label
that fits in no form is left out, and the caller says so (it never prints a fragment).
"""

from __future__ import annotations

from dataclasses import dataclass

GAP_MM = 1.6  # between two labels side by side
STACK_MM = 0.6  # between two labels one over the other
CLEAR_MM = 0.8  # between a leader and a label it passes
REACH_MM = 34.0  # the farthest a label's edge may be from the axis, each side
STEP_MM = 4.0  # the cost of a label's distance from the axis: one unit per STEP_MM


@dataclass(frozen=True)
class Slot:
    """Where a label goes: above (1) or below (-1) the axis, how far out, across which mm."""

    side: int
    level: float  # from the side's first line to the label's near edge, in mm
    height: float
    left: float
    right: float
    anchor: float  # its leader's x
    form: int = 0  # which of the label's forms: its text on the fewest lines first, its short label last

    @property
    def far(self) -> float:
        return self.level + self.height


def place_labels(
    anchors: list[float], forms: list[list[tuple[float, float]]], span: float, reach: float = REACH_MM
) -> list[Slot | None]:
    """A slot for each label (None: it fits in none of its forms) where it overlaps no label, its
    leader crosses none and no leader crosses it; ``forms`` gives each label's (width, height) in
    each of its forms. Each label takes the cheapest such slot: its first form, near the axis, to
    the right of its leader, and not over the marks of labels still to place (their leaders could
    not pass it). Labels are placed latest first, or earliest first, or, twice over, those left
    out first: whichever leaves fewest out, then takes fewest later forms."""

    def score(slots: list[Slot | None]) -> tuple[int, int]:
        return sum(s is not None for s in slots), -sum(s.form for s in slots if s)

    latest = sorted(range(len(anchors)), key=lambda i: -anchors[i])
    best = max((_place(anchors, forms, span, reach, order) for order in (latest, latest[::-1])), key=score)
    for _ in range(2):
        left_out = [i for i in latest if best[i] is None]
        if not left_out:
            break
        again = _place(anchors, forms, span, reach, left_out + [i for i in latest if i not in left_out])
        if score(again) <= score(best):
            break
        best = again
    return best


def _place(
    anchors: list[float], forms: list[list[tuple[float, float]]], span: float, reach: float, order: list[int]
) -> list[Slot | None]:
    slots: list[Slot | None] = [None] * len(anchors)
    placed: list[Slot] = []
    waiting = list(order)
    while waiting:
        i = waiting.pop(0)
        a = anchors[i]
        candidates = [
            Slot(side, level, h, left, right, a, form)
            for form, (w, h) in enumerate(forms[i])
            for left, right in ((a + CLEAR_MM, a + CLEAR_MM + w), (a - CLEAR_MM - w, a - CLEAR_MM))
            if left >= 0.5 and right <= span - 1.0  # inside the picture, with room for the type's bearings
            for side in (1, -1)
            for level in [0.0, *(p.far + STACK_MM for p in placed if p.side == side)]
            if level + h <= reach
        ]
        fitting = [c for c in candidates if all(apart(c, p) for p in placed)]
        if fitting:
            best = min(fitting, key=lambda slot: _cost(slot, [anchors[j] for j in waiting]))
            slots[i] = best
            placed.append(best)
    return slots


def _cost(slot: Slot, waiting: list[float]) -> float:
    """A later form costs most, then each mark still to label that the slot would bar (its leader
    could not pass it), then distance from the axis, a box left of its leader, the side below."""
    barred = sum(slot.left - CLEAR_MM <= a <= slot.right + CLEAR_MM for a in waiting)
    return 4 * slot.form + 5 * barred + slot.level / STEP_MM + (slot.left < slot.anchor) * 0.5 + (slot.side < 0) * 0.1


def apart(s: Slot, p: Slot) -> bool:
    """Two labels on different sides, or neither over the other and neither's leader through the other."""
    if s.side != p.side:
        return True
    beside = s.right + GAP_MM <= p.left or p.right + GAP_MM <= s.left
    stacked = s.far + STACK_MM <= p.level + 1e-9 or p.far + STACK_MM <= s.level + 1e-9
    if not (beside or stacked):
        return False
    return not (_crosses(s, p) or _crosses(p, s))


def _crosses(leader: Slot, label: Slot) -> bool:
    """The leader of one label (from the axis to its far edge) runs through the other label."""
    near = label.left - CLEAR_MM + 1e-6 < leader.anchor < label.right + CLEAR_MM - 1e-6  # a leader may run beside
    return near and label.level < leader.far


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
