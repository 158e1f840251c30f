"""The PETRARCH2 unit-test scorer: code readings, matching on hand-made records, a short shared run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from eventwire.evaluate import petrarch
from eventwire.records import Actor, Event, Span

TABLE = {"04": "CONSULT", "042": "CONSULT", "11": "ACCUSE", "111": "ACCUSE", "17": "COERCE", "174": "COERCE"}


def event(type_: str, cameo: str | None, source: Actor | None, target: Actor | None) -> Event:
    span = Span("x", 0, 1)
    return Event(type_, None, cameo, source, target, None, None, "asserted", None, span, span, 0.5)


def actor(*codes: str) -> Actor:
    members = tuple(Actor(text=c, code=c, country=c[:3]) for c in codes)
    return members[0] if len(members) == 1 else Actor(text="+".join(codes), members=members)


def record(*events: tuple[str, str, str]) -> petrarch.UnitTest:
    return petrarch.UnitTest("T-1", "DEMO", "1995-01-01", "text", tuple(petrarch.GoldEvent(*e) for e in events))


@pytest.mark.parametrize(
    "code, key",
    [("ARNGOV", "ARN"), ("arn", "ARN"), ("IGOAFRGOV", "IGOAFR"), ("---GOV", None), ('"NEW ACTOR"', None), ("", None)],
)
def test_petrarch_eval_actor_key_keeps_the_actor_part(code: str, key: str | None) -> None:
    assert petrarch.actor_key(code) == key


@pytest.mark.parametrize(
    "code, root, type_",
    [("042", "04", "CONSULT"), ("1711", "17", "COERCE"), ("174K", "17", "COERCE"), ("111", "11", "ACCUSE"),
     ("345", None, None), ("901", None, None), ("", None, None)],
)
def test_petrarch_eval_reads_cameo_codes(code: str, root: str | None, type_: str | None) -> None:
    assert petrarch.cameo_root(code) == root
    assert petrarch.plover_type(code, TABLE) == type_


@pytest.mark.parametrize(
    "gold, predicted, dyad, type_",
    [
        # right dyad, right type
        ([("ARNGOV", "GON", "042")], [event("CONSULT", "042", actor("ARNGOV"), actor("GON"))], (1, 1, 1), (1, 1, 1)),
        # right dyad, wrong type
        ([("ARN", "GON", "111")], [event("CONSULT", "042", actor("ARN"), actor("GON"))], (1, 1, 1), (0, 1, 1)),
        # roles the wrong way round
        ([("ARN", "GON", "111")], [event("ACCUSE", "111", actor("GON"), actor("ARN"))], (0, 1, 1), (1, 1, 1)),
        # a record expecting no event: the prediction counts against precision
        ([], [event("ACCUSE", "111", actor("GON"), actor("ARN"))], (0, 1, 0), (0, 1, 0)),
        # "X and Y met": each towards the other, as PETRARCH codes it
        ([("ARN", "GON", "042"), ("GON", "ARN", "042")], [event("CONSULT", "042", actor("ARN", "GON"), None)],
         (2, 2, 2), (1, 1, 2)),
        # a non-CAMEO gold code: the dyad is scored, the type is not
        ([("ARN", "GON", "901")], [event("CONSULT", "042", actor("ARN"), actor("GON"))], (1, 1, 1), (0, 0, 0)),
    ],
)
def test_petrarch_eval_score_sentence_counts(
    gold: list[tuple[str, str, str]], predicted: list[Event], dyad: tuple[int, int, int], type_: tuple[int, int, int]
) -> None:
    scores = petrarch.Scores()
    petrarch.score_sentence(record(*gold), predicted, TABLE, frozenset({"CONSULT"}), scores)
    assert (scores.dyad.tp, scores.dyad.pred, scores.dyad.gold) == dyad
    assert (scores.type.tp, scores.type.pred, scores.type.gold) == type_


@pytest.mark.parametrize(
    "gold, predicted, why",
    [
        ([("ARN", "GON", "042")], [], "no event"),
        ([], [event("ACCUSE", "111", actor("GON"), None)], "spurious event"),
        ([("ARN", "GON", "042")], [event("CONSULT", "042", None, actor("GON"))], "source missing"),
        ([("ARN", "GON", "042")], [event("CONSULT", "042", actor("ARN"), None)], "target missing"),
        ([("ARN", "GON", "042")], [event("CONSULT", "042", actor("GON"), actor("ARN"))], "swapped roles"),
        ([("ARN", "GON", "042")], [event("CONSULT", "042", actor("ARN"), actor("GON"))], None),
    ],
)
def test_petrarch_eval_error_class(gold: list[tuple[str, str, str]], predicted: list[Event], why: str | None) -> None:
    assert petrarch.error_class(record(*gold), predicted, frozenset()) == why


def test_petrarch_eval_crash_is_counted_not_raised() -> None:
    report = petrarch.score([record(("ARN", "GON", "042"))], [RuntimeError("boom")], TABLE)
    assert report.figures["crashes"] == 1.0
    assert any("T-1: RuntimeError: boom" in line for line in report.lines)


def test_petrarch_eval_no_event_false_alarm_rate() -> None:
    quiet, coded = record(), record(("ARN", "GON", "042"))
    spurious = [event("CONSULT", "042", actor("ARN"), actor("GON"))]
    report = petrarch.score([quiet, record(), coded], [spurious, [], spurious], TABLE)
    assert report.figures["no_event_false_alarms"] == 1.0
    assert report.figures["no_event_false_alarm_rate"] == 0.5


@pytest.mark.shared
def test_petrarch_eval_runs_on_unit_tests(shared: Path) -> None:
    report = petrarch.run(shared, limit=10)
    assert report.figures["sentences"] == 10
    assert report.figures["crashes"] == 0
    for name in ("dyad", "root", "type", "triple"):
        for measure in ("precision", "recall", "f1"):
            assert 0.0 <= report.figures[f"{name}_{measure}"] <= 1.0
    assert report.figures["dyad_recall"] > 0.0  # the converted dictionaries know Arnor and Gondor


def test_petrarch_eval_reciprocal_event_is_read_each_way() -> None:
    # "X and Y postponed their talks": one PLOVER event, two CAMEO dyads
    plain = event("SANCTION", "160", actor("ARN", "GON"), None)
    both = petrarch.event_dyads(dataclasses.replace(plain, reciprocal=True), frozenset())
    assert both == {("ARN", "GON"), ("GON", "ARN")}
    assert petrarch.event_dyads(plain, frozenset()) == {("ARN", None), ("GON", None)}
