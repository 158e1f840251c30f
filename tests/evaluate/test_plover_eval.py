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
