"""Tests for eventwire.evaluate.timex: TimeML reading and TempEval-3 style counting."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate.timex import GoldTimex, read_tml, run, score_doc

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 type="DATE" tid="t0" value="2023-11-07" functionInDocument="CREATION_TIME">11/07/23</TIMEX3></DCT>
<TEXT>
The envoy <EVENT eid="e1">arrived</EVENT> <TIMEX3 type="DATE" tid="t1" value="2023-11-06">Monday</TIMEX3> for <TIMEX3 type="DURATION" tid="t2" value="P2D">two days</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timex_eval_reads_tml(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == "2023-11-07"
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.gold] == [
        ("Monday", "DATE", "2023-11-06"),
        ("two days", "DURATION", "P2D"),
    ]


@pytest.mark.parametrize(
    ("system", "strict", "relaxed", "value", "type_"),
    [
        ([(10, 16, "DATE", "2023-11-06"), (21, 29, "DURATION", "P2D")], 2, 2, 2, 2),
        ([(7, 16, "DATE", "2023-11-06")], 0, 1, 1, 1),
        ([(10, 16, "DATE", "2023-11-13"), (40, 45, "DATE", "2023")], 1, 1, 0, 1),
        ([(10, 29, "DATE", "2023-11-06")], 0, 1, 1, 1),
        ([], 0, 0, 0, 0),
    ],
)
def test_timex_eval_counts_matches(
    system: list[tuple[int, int, str, str | None]], strict: int, relaxed: int, value: int, type_: int
) -> None:
    gold = [GoldTimex(10, 16, "DATE", "2023-11-06"), GoldTimex(21, 29, "DURATION", "P2D")]
    c = score_doc(gold, system)
    assert (c.gold, c.system, c.strict, c.relaxed, c.value, c.type) == (2, len(system), strict, relaxed, value, type_)


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "eval" / "timex" / "TBAQ-cleaned").exists(), reason="../shared absent")
def test_timex_eval_runs_on_shared() -> None:
    report = run(SHARED, limit=3)
    assert 0.0 < report.figures["relaxed_f1"] <= 1.0
    assert report.figures["value_f1"] <= report.figures["relaxed_f1"]
    assert any(line.startswith("TimeBank") for line in report.lines)
