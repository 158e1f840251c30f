"""Tests for eventwire.evaluate.quotes: brat reading and attribution matching."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from eventwire.evaluate.quotes import Article, GoldAttribution, Tally, read_brat, run, score_article
from eventwire.records import Quote, Span, Speaker

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# Written for this test: "The mayor said the bridge will reopen. Critics disagree, reporters noted."
TEXT = "The mayor said the bridge will reopen. Critics disagree, reporters noted."
ANN = "\n".join([
    "T1\tSource 0 9\tThe mayor",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 15 37\tthe bridge will reopen",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
    "T5\tContent 39 46;47 55\tCritics disagree",
    "T6\tCue 67 72\tnoted",
    "T7\tAttribution 67 72\tnoted",
    "E2\tAttribution:T7 Content:T5 Cue:T6",
])


def quote(cue: tuple[int, int], content: tuple[int, int], speaker: tuple[int, int] | None) -> Quote:
    return Quote(
        speaker=Speaker(TEXT[speaker[0]:speaker[1]], *speaker) if speaker else None,
        cue=Span(TEXT[cue[0]:cue[1]], *cue),
        content=Span(TEXT[content[0]:content[1]], *content),
        direct=False,
    )


def test_quotes_eval_reads_brat_relations(tmp_path: Path) -> None:
    path = tmp_path / "doc.ann"
    path.write_text(ANN, encoding="utf-8")
    assert read_brat(path) == [
        GoldAttribution(cue=((10, 14),), content=((15, 37),), source=((0, 9),)),
        GoldAttribution(cue=((67, 72),), content=((39, 46), (47, 55)), source=()),
    ]


@pytest.mark.parametrize(
    ("predicted", "cue_matched", "matched", "exact", "source_right"),
    [
        ([quote((10, 14), (15, 37), (0, 9))], 1, 1, 1, 1),
        ([quote((10, 14), (15, 25), (4, 9))], 1, 1, 0, 1),  # content partly, speaker head only
        ([quote((10, 14), (15, 37), (57, 66))], 1, 1, 1, 0),  # wrong speaker
        ([quote((10, 14), (57, 66), (0, 9))], 1, 0, 0, 0),  # right cue, content elsewhere
        ([quote((27, 31), (32, 37), (15, 25))], 0, 0, 0, 0),  # a cue nobody annotated
        ([quote((10, 14), (15, 37), (0, 9)), quote((10, 14), (15, 37), (0, 9))], 1, 1, 1, 1),  # one-to-one
        ([quote((67, 72), (39, 55), (57, 66))], 1, 1, 1, 0),  # no gold source: not counted
    ],
)
def test_quotes_eval_matches_one_to_one(
    tmp_path: Path, predicted: list[Quote], cue_matched: int, matched: int, exact: int, source_right: int
) -> None:
    path = tmp_path / "doc.ann"
    path.write_text(ANN, encoding="utf-8")
    tally, missed = Tally(), Counter()
    score_article(Article("doc", None, TEXT, read_brat(path)), predicted, tally, missed)
    assert (tally.gold, tally.predicted) == (2, len(predicted))
    assert (tally.cue_matched, tally.matched, tally.exact, tally.source_right) == (
        cue_matched, matched, exact, source_right,
    )
    assert sum(missed.values()) == 2 - cue_matched


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "eval" / "quotes" / "PolNeAR").exists(), reason="../shared absent")
def test_quotes_eval_runs_on_shared() -> None:
    report = run(SHARED, limit=2)
    assert report.figures["articles"] == 2
    assert 0.0 < report.figures["cue_recall"] <= 1.0
    assert report.figures["attribution_f1"] <= report.figures["cue_f1"]
