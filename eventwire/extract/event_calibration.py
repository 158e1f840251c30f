"""Calibrated event confidence: the raw score of ``event_selection.confidence`` as a probability.

The raw score ranks events (``dedupe`` keeps the higher one), but 0.8 did not
mean "right four times in five". The map from raw score to the share of events
that are right is monotone: isotonic regression by pool-adjacent-violators
(``pav``; ``merge_small`` sees that each level rests on ``MIN_EVENTS`` events
or more), fitted on the PLOVER development records by
``eventwire eval plover --fit-calibration`` and stored as points in
``data/events/calibration.yaml``. Between points the map is a straight line, so
events whose raw scores differ keep their order; below the first point and
above the last it is flat.

"Right" is what ``evaluate/plover.py`` counts as right: the event's type is
the gold type and it is the sentence's most confident event of that type.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from ..records import Event

CALIBRATION_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "calibration.yaml"

#: no finite sample makes an event certain, or certainly wrong
FLOOR, CEILING = 0.01, 0.99
#: the fewest events that set one level of the map
MIN_EVENTS = 10


@dataclass(frozen=True)
class Block:
    """One level of an isotonic fit: events pooled because their precision did not rise with the score."""

    raw: float
    """The mean raw score of the pooled events (the block's centre)."""
    probability: float
    """The share of the pooled events that are right."""
    events: int
    """How many events were pooled."""


@dataclass(frozen=True)
class Calibration:
    """A monotone map from raw score to probability: points joined by straight lines, flat beyond the ends."""

    points: tuple[tuple[float, float], ...]
    """(raw score, probability) pairs, raw scores increasing; none is the identity map."""

    def __call__(self, raw: float) -> float:
        """The probability of an event with raw score ``raw``."""
        pts = self.points
        if not pts:
            return raw
        if raw <= pts[0][0]:
            return pts[0][1]
        if raw >= pts[-1][0]:
            return pts[-1][1]
        i = bisect.bisect_right([x for x, _ in pts], raw)
        (x0, y0), (x1, y1) = pts[i - 1], pts[i]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


def pav(scores: Sequence[float], outcomes: Sequence[bool | float]) -> list[Block]:
    """Isotonic regression by pool-adjacent-violators.

    Events with the same score are pooled first; then, in order of score, a
    block whose precision is not above the one before is merged into it, so
    the block precisions strictly increase.

    Args:
        scores: each event's raw score.
        outcomes: whether each event is right (1) or not (0).

    Returns:
        The blocks in order of score.
    """
    groups: dict[float, list[float]] = {}
    for x, y in zip(scores, outcomes, strict=True):
        g = groups.setdefault(x, [0.0, 0.0])
        g[0] += float(y)
        g[1] += 1
    pooled: list[list[float]] = []  # [sum of scores, sum of outcomes, count]
    for x in sorted(groups):
        right, n = groups[x]
        pooled.append([x * n, right, n])
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] >= pooled[-1][1] / pooled[-1][2]:
            last = pooled.pop()
            pooled[-1] = [a + b for a, b in zip(pooled[-1], last)]
    return [Block(sx / n, right / n, int(n)) for sx, right, n in pooled]


def merge_small(blocks: Sequence[Block], min_events: int = MIN_EVENTS) -> list[Block]:
    """The blocks with each one of fewer than ``min_events`` events pooled into a neighbour.

    A level set by two or three events is noise (two wrong events at the
    lowest score are no proof that such events are never right). A small
    block joins the neighbour whose precision is nearer its own; pooling two
    adjacent blocks keeps the levels increasing.
    """
    out = list(blocks)
    while len(out) > 1:
        small = [i for i, b in enumerate(out) if b.events < min_events]
        if not small:
            break
        i = small[0]
        if i == 0:
            j = 1
        elif i == len(out) - 1:
            j = i - 1
        else:
            below, above = out[i - 1], out[i + 1]
            j = i - 1 if out[i].probability - below.probability <= above.probability - out[i].probability else i + 1
        lo, hi = min(i, j), max(i, j)
        a, b = out[lo], out[hi]
        n = a.events + b.events
        raw = (a.raw * a.events + b.raw * b.events) / n
        out[lo : hi + 1] = [Block(raw, (a.probability * a.events + b.probability * b.events) / n, n)]
    return out


def fit(scores: Sequence[float], outcomes: Sequence[bool | float], *, min_events: int = MIN_EVENTS) -> list[Block]:
    """The blocks of the calibration map for events' raw scores and outcomes (``pav``, then ``merge_small``)."""
    return merge_small(pav(scores, outcomes), min_events)


def from_blocks(blocks: Sequence[Block]) -> Calibration:
    """The map through the blocks' centres, their probabilities kept within [FLOOR, CEILING]."""
    return Calibration(tuple((b.raw, min(CEILING, max(FLOOR, b.probability))) for b in blocks))


@lru_cache(maxsize=4)
def load(path: Path = CALIBRATION_FILE) -> Calibration:
    """Read a calibration file (``write``'s format): its ``points``, each [raw, probability, events]."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    points = tuple((float(p[0]), float(p[1])) for p in data.get("points") or ())
    if any(b[0] <= a[0] or b[1] < a[1] for a, b in zip(points, points[1:])):
        raise ValueError(f"{path}: points must have increasing raw scores and non-decreasing probabilities")
    return Calibration(points)


def write(blocks: Sequence[Block], path: Path, *, header: str) -> Calibration:
    """Write ``blocks`` as a calibration file, ``header`` as its opening comment; return the map as read back."""
    cal = from_blocks(blocks)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines.append("points:  # [raw score, probability, events pooled]")
    lines += [f"  - [{x:.4f}, {y:.4f}, {b.events}]" for (x, y), b in zip(cal.points, blocks)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load.cache_clear()
    return load(path)


def calibrate(events: list[Event], calibration: Calibration | None = None) -> list[Event]:
    """The events with their raw confidence replaced by its calibrated probability.

    Args:
        events: events whose ``confidence`` is the raw score.
        calibration: the map (default: the shipped one, ``load()``).
    """
    cal = calibration or load()
    return [dataclasses.replace(e, confidence=round(cal(e.confidence), 3)) for e in events]
