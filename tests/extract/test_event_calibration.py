"""The confidence map: pool-adjacent-violators, the piecewise-linear map, the shipped data file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eventwire.extract import event_calibration as ec
from eventwire.records import Event, Span


@pytest.mark.parametrize(
    "scores, outcomes, blocks",
    [
        # the textbook case: 0 after 1 is a violation, and so is the 0 after the pooled 0.5
        ([1, 2, 3, 4, 5], [1, 0, 1, 0, 1], [(2.5, 0.5, 4), (5.0, 1.0, 1)]),
        ([0.1, 0.2, 0.3, 0.4], [0, 1, 0, 1], [(0.1, 0.0, 1), (0.25, 0.5, 2), (0.4, 1.0, 1)]),
        # events with the same score are one group before anything is pooled
        ([0.2, 0.5, 0.2, 0.5], [0, 1, 1, 1], [(0.2, 0.5, 2), (0.5, 1.0, 2)]),
        # already increasing: nothing pooled; equal levels are pooled
        ([0.3, 0.6, 0.9], [0, 1, 1], [(0.3, 0.0, 1), (0.75, 1.0, 2)]),
        ([], [], []),
    ],
)
def test_event_calibration_pav_known_answer(scores, outcomes, blocks) -> None:  # type: ignore[no-untyped-def]
    got = [(pytest.approx(b.raw), pytest.approx(b.probability), b.events) for b in ec.pav(scores, outcomes)]
    assert got == blocks


def test_event_calibration_pav_levels_increase() -> None:
    rng = random.Random(7)
    scores = [round(rng.random(), 2) for _ in range(300)]
    outcomes = [rng.random() < s for s in scores]
    blocks = ec.pav(scores, outcomes)
    assert all(a.probability < b.probability and a.raw < b.raw for a, b in zip(blocks, blocks[1:]))
    assert sum(b.events for b in blocks) == 300
    # pooling keeps the count of right events
    assert sum(b.probability * b.events for b in blocks) == pytest.approx(sum(outcomes))


def test_event_calibration_merge_small_joins_the_nearer_neighbour() -> None:
    blocks = [ec.Block(0.1, 0.0, 2), ec.Block(0.5, 0.6, 20), ec.Block(0.7, 0.65, 3), ec.Block(0.9, 0.9, 30)]
    merged = ec.merge_small(blocks, 10)
    assert [b.events for b in merged] == [25, 30]
    assert merged[0].probability == pytest.approx((0.0 * 2 + 0.6 * 20 + 0.65 * 3) / 25)
    assert merged[0].raw == pytest.approx((0.1 * 2 + 0.5 * 20 + 0.7 * 3) / 25)
    # one block is left alone however small
    assert ec.merge_small([ec.Block(0.5, 1.0, 1)], 10) == [ec.Block(0.5, 1.0, 1)]


def test_event_calibration_map_interpolates_and_is_flat_beyond_the_ends() -> None:
    cal = ec.Calibration(((0.2, 0.1), (0.6, 0.5), (0.8, 0.9)))
    assert cal(0.4) == pytest.approx(0.3)
    assert cal(0.7) == pytest.approx(0.7)
    assert (cal(0.0), cal(0.2), cal(0.8), cal(1.0)) == (0.1, 0.1, 0.9, 0.9)
    assert ec.Calibration(())(0.42) == 0.42


def test_event_calibration_fit_keeps_probabilities_off_zero_and_one() -> None:
    cal = ec.from_blocks(ec.fit([0.1] * 10 + [0.9] * 10, [0] * 10 + [1] * 10))
    assert cal.points == ((0.1, ec.FLOOR), (0.9, ec.CEILING))


def test_event_calibration_shipped_map_is_monotone_in_unit_interval() -> None:
    cal = ec.load()
    assert cal.points, "calibration.yaml has no points: run eventwire eval plover --fit-calibration"
    assert ec.CALIBRATION_FILE.read_text(encoding="utf-8").startswith("#")
    assert "eventwire eval plover --fit-calibration" in ec.CALIBRATION_FILE.read_text(encoding="utf-8")
    values = [cal(i / 200) for i in range(201)]
    assert all(0.0 <= v <= 1.0 for v in values)
    assert all(a <= b for a, b in zip(values, values[1:]))
    assert values[-1] > values[0]


def test_event_calibration_write_then_load(tmp_path: Path) -> None:
    path = tmp_path / "calibration.yaml"
    blocks = [ec.Block(0.3, 0.2, 12), ec.Block(0.7, 0.8, 40)]
    cal = ec.write(blocks, path, header="fitted for a test\nwith no command")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# fitted for a test\n# with no command\n")
    assert cal == ec.load(path) == ec.Calibration(((0.3, 0.2), (0.7, 0.8)))


def test_event_calibration_load_refuses_a_falling_map(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("points:\n  - [0.3, 0.8, 10]\n  - [0.7, 0.2, 10]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="non-decreasing"):
        ec.load(path)


def test_event_calibration_calibrate_changes_only_confidence() -> None:
    span = Span("x", 0, 1)
    event = Event("AGREE", None, None, None, None, None, None, "asserted", None, span, span, 0.4)
    [out] = ec.calibrate([event], ec.Calibration(((0.2, 0.1), (0.6, 0.5))))
    assert out.confidence == 0.3
    assert out.type == event.type and out.trigger == event.trigger
