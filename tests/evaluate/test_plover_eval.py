"""The PLOVER scorer: matching rules on hand-made records, and a short run on the shared gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate import plover
from eventwire.records import Actor, Event, Span

SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE"})


def event(type_: str, source: Actor | None, target: Actor | None, confidence: float = 0.5) -> Event:
    span = Span("x", 0, 1)
    return Event(type_, None, None, source, target, None, None, "asserted", None, span, span, confidence)


def actor(*countries: str) -> Actor:
    members = tuple(Actor(text=c, code=c, country=c) for c in countries)
    return members[0] if len(members) == 1 else Actor(text="+".join(countries), members=members)


def gold(type_: str, source: list[str], target: list[str] | None) -> dict[str, object]:
    return {
        "event": type_,
        "source": [{"code": c} for c in source],
        "target": [{"code": c} for c in target] if target else "",
    }


@pytest.mark.parametrize(
    "record, predicted, matches",
    [
        # a compound source gives one triple per member
        (gold("AGREE", ["USA", "JOR"], None), event("AGREE", actor("USA", "JOR"), None), 1),
        # symmetric types: a compound source equals the same pair as source and target
        (gold("CONSULT", ["USA", "RUS"], None), event("CONSULT", actor("USA"), actor("RUS")), 1),
        (gold("CONSULT", ["RUS"], ["USA"]), event("CONSULT", actor("USA"), actor("RUS")), 1),
        # others are directed
        (gold("ACCUSE", ["RUS"], ["USA"]), event("ACCUSE", actor("USA"), actor("RUS")), 0),
        # old CAMEO country codes map to ISO 3166 alpha-3
        (gold("ASSAULT", ["ITL"], ["JAP"]), event("ASSAULT", actor("ITA"), actor("JPN")), 1),
        (gold("ASSAULT", ["IGO"], ["JAP"]), event("ASSAULT", Actor(text="UN", code="IGOUNO"), actor("JPN")), 1),
        # an uncoded member of a compound adds no triple of its own
        (
            gold("CONSULT", ["FRA"], ["ROU"]),
            event("CONSULT", Actor(text="x", members=(Actor(text="France", country="FRA"), Actor(text="deputies"))), actor("ROU")),
            1,
        ),
    ],
)
def test_plover_eval_triples(record, predicted, matches) -> None:  # type: ignore[no-untyped-def]
    report = plover.score([record], [[predicted]])
    assert report.figures["triple_recall"] == matches
    assert report.figures["triple_precision"] == matches


def test_plover_eval_type_scores_and_confidence_split() -> None:
    records = [gold("AGREE", ["USA"], None), gold("ASSAULT", ["ISR"], ["PSE"]), gold("PROTEST", ["IDN"], None)]
    predictions = [
        [event("AGREE", actor("USA"), None, 0.9), event("AGREE", actor("USA"), None, 0.2)],
        [event("COERCE", actor("ISR"), actor("PSE"), 0.8)],
        [],
    ]
    report = plover.score(records, predictions)
    # one right of three predicted (the second AGREE is a duplicate), one of three gold
    assert report.figures["type_micro_precision"] == pytest.approx(1 / 3)
    assert report.figures["type_micro_recall"] == pytest.approx(1 / 3)
    assert report.figures["type_accuracy"] == pytest.approx(1 / 3)
    assert report.figures["confidence_top_quarter_precision"] == 1.0
    assert report.figures["confidence_bottom_quarter_precision"] == 0.0


@pytest.mark.parametrize("old, new", [("DEMAND", "REQUEST"), ("FIGHT", "ASSAULT"), ("DISAPPROVE", "ACCUSE")])
def test_plover_eval_old_types_mapped(tmp_path: Path, old: str, new: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(f'[{{"event": "DOCUMENT"}}, {{"event": "{old}", "text": "A sentence."}}]', encoding="utf-8")
    assert [r["event"] for r in plover.load_gold(path)] == [new]


@pytest.mark.shared
def test_plover_eval_runs_on_gold(shared: Path) -> None:
    report = plover.run(shared, limit=8)
    assert report.figures["sentences"] == 8
    for key in ("type_micro_f1", "type_accuracy", "triple_f1"):
        assert 0.0 <= report.figures[key] <= 1.0
    assert any(line.startswith("AGREE") for line in report.lines)


def records(counts: dict[str, int]) -> list[dict[str, object]]:
    """Gold records with ids, ``counts[type]`` of each type."""
    return [
        {**gold(t, ["USA"], None), "id": f"GSR-{t}-{i:04d}", "text": f"{t} {i}."}
        for t, n in counts.items()
        for i in range(n)
    ]


def test_plover_eval_folds_fixed_disjoint_stratified_covering() -> None:
    recs = records({"AGREE": 13, "ASSAULT": 7, "PROTEST": 2, "REJECT": 11})
    folds = plover.fold_of(recs, 5)
    assert len(folds) == len(recs) and set(folds) == set(range(5))
    # each record in exactly one fold, and folds differ in size by one at most
    sizes = [folds.count(f) for f in range(5)]
    assert sum(sizes) == len(recs) and max(sizes) - min(sizes) <= 1
    for typ in ("AGREE", "ASSAULT", "PROTEST", "REJECT"):
        per_fold = [sum(1 for r, f in zip(recs, folds) if r["event"] == typ and f == k) for k in range(5)]
        assert max(per_fold) - min(per_fold) <= 1, (typ, per_fold)
    # fixed: the same fold for a record whatever the input order
    shuffled = list(reversed(recs))
    by_id = {str(r["id"]): f for r, f in zip(shuffled, plover.fold_of(shuffled, 5))}
    assert by_id == {str(r["id"]): f for r, f in zip(recs, folds)}


@pytest.mark.parametrize(
    "pairs, expected",
    [
        ([], 0.0),
        ([(0.95, True), (0.95, False)], 0.45),
        # two bins, each weighted by its events
        ([(0.1, False), (0.1, True), (0.9, True), (0.9, True)], 0.5 * 0.4 + 0.5 * 0.1),
        ([(0.1, True), (0.1, True), (0.1, True), (0.9, True)], 0.75 * 0.9 + 0.25 * 0.1),
        # 0.0 falls in the first bin, 1.0 in the last
        ([(0.0, False), (1.0, True)], 0.0),
        ([(0.72, True), (0.78, False), (0.75, True)], abs(0.75 - 2 / 3)),
    ],
)
def test_plover_eval_ece(pairs, expected) -> None:  # type: ignore[no-untyped-def]
    assert plover.ece(pairs) == pytest.approx(expected)


def test_plover_eval_reliability_table() -> None:
    table = plover.reliability([(0.05, False), (0.55, True), (0.58, False), (0.99, True)])
    assert len(table) == 10
    assert table[0] == (1, 0.05, 0.0)
    assert table[5] == (2, pytest.approx(0.565), 0.5)
    assert table[9] == (1, 0.99, 1.0)
    assert table[3] == (0, 0.0, 0.0)


def test_plover_eval_cross_validation_holds_each_fold_out() -> None:
    # fold 0 (ids 0 and 2) is always right, fold 1 (ids 1 and 3) always wrong: each fold's
    # map is fitted on the other, so it is as wrong as it can be; in-sample it would be exact
    recs = records({"AGREE": 4})
    folds = plover.fold_of(recs, 2)
    assert folds == [0, 1, 0, 1]
    raw = [[event("AGREE" if f == 0 else "COERCE", actor("USA"), None, 0.5)] for f in folds]
    held_out = plover.cross_validated(recs, raw, folds, 2)
    assert held_out == [[(0.01, True), (0.01, True)], [(0.99, False), (0.99, False)]]
    assert plover.ece([p for fold in held_out for p in fold]) == pytest.approx(0.99)


def test_plover_eval_report_has_calibration_and_fold_figures() -> None:
    recs = records({"AGREE": 6, "REJECT": 4})
    raw = [[event(str(r["event"]) if i % 3 else "COERCE", actor("USA"), None, 0.3 + 0.05 * i)] for i, r in enumerate(recs)]
    folds = plover.fold_of(recs, 2)
    report = plover.score(recs, raw)
    lines = plover.calibration(report, recs, raw, raw, folds, 2)
    lines += plover.fold_figures(report, recs, raw, folds, 2)
    for key in ("confidence_ece_cross_validated", "confidence_ece_in_sample", "type_micro_f1_fold_mean",
                "type_micro_f1_fold_std", "type_micro_precision_fold_min", "triple_f1_fold_max"):
        assert 0.0 <= report.figures[key] <= 1.0, key
    assert report.figures["folds"] == 2
    halves = [plover.score([r for r, f in zip(recs, folds) if f == k], [p for p, f in zip(raw, folds) if f == k])
              for k in range(2)]
    assert report.figures["type_micro_f1_fold_mean"] == pytest.approx(
        sum(h.figures["type_micro_f1"] for h in halves) / 2
    )
    assert report.figures["type_micro_f1_fold_min"] == min(h.figures["type_micro_f1"] for h in halves)
    assert sum(line.startswith(("0.", "ECE")) for line in lines) == 11
    assert any(line.startswith("std") for line in lines)


def test_plover_eval_folds_only_for_plover() -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["eval", "actors", "--folds", "5"])
    assert result.exit_code == 2 and "plover only" in result.output
    result = CliRunner().invoke(main, ["eval", "plover", "--fit-calibration", "--limit", "3"])
    assert result.exit_code == 2 and "--limit" in result.output


@pytest.mark.shared
def test_plover_eval_folds_on_gold(shared: Path) -> None:
    recs = plover.load_gold(shared / plover.GOLD)
    folds = plover.fold_of(recs)
    assert len(folds) == len(recs) and sorted(set(folds)) == [0, 1, 2, 3, 4]
    for typ in {r["event"] for r in recs}:
        per_fold = [sum(1 for r, f in zip(recs, folds) if r["event"] == typ and f == k) for k in range(5)]
        assert max(per_fold) - min(per_fold) <= 1


@pytest.mark.shared
def test_plover_eval_fit_and_folds_on_gold(shared: Path, tmp_path: Path) -> None:
    path = tmp_path / "calibration.yaml"
    report = plover.run(shared, limit=12, folds=3, fit_calibration=True, calibration_file=path)
    assert "eventwire eval plover --fit-calibration" in path.read_text(encoding="utf-8")
    assert report.figures["folds"] == 3
    for key in ("confidence_ece_cross_validated", "confidence_ece_in_sample", "triple_f1_fold_mean"):
        assert 0.0 <= report.figures[key] <= 1.0
    assert any("in-sample" in line for line in report.lines)
