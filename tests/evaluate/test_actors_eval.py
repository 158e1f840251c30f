"""The actors scorer: code mapping on hand-made values, and a short real run on ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate import actors as scorer


@pytest.mark.parametrize(
    ("code", "country"),
    [("JAP", "JPN"), ("USA", "USA"), ("IGO", "IGO"), ("NGO", "NGO"), ("ITL", "ITA"), ("ISM", "IMG")],
)
def test_actors_eval_gold_country(code: str, country: str) -> None:
    assert scorer.gold_country(code) == country


@pytest.mark.parametrize(
    ("code", "country", "level"),
    [("IGOUNO", None, "IGO"), ("KORGOV", "KOR", "KOR"), (None, "USA", "USA"), (None, None, None)],
)
def test_actors_eval_ours_country(code: str | None, country: str | None, level: str | None) -> None:
    assert scorer.ours_country(code, country) == level


@pytest.mark.parametrize(
    ("sentence", "actor_text", "found"),
    [
        ("Senior Hungarian officials met.", "Senior  Hungarian  officials", "Senior Hungarian officials"),
        ("U.S. and Russian negotiators met.", "U.S. ... negotiators", "U.S."),
        ("Nobody came.", "Martians", None),
    ],
)
def test_actors_eval_find_span(nlp, sentence: str, actor_text: str, found: str | None) -> None:  # type: ignore[no-untyped-def]
    span = scorer.find_span(nlp(sentence), sentence, actor_text)
    assert (span.text if span is not None else None) == found


@pytest.mark.shared
def test_actors_eval_runs_on_shared(shared: Path) -> None:
    report = scorer.run(shared, model="md", limit=20)
    assert report.name == "actors"
    assert 0.0 <= report.figures["plover_country_accuracy"] <= 1.0
    assert report.figures["plover_actors"] > 0
    assert 0.0 < report.figures["meantime_entity_f1"] <= 1.0
