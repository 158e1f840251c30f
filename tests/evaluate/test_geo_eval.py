"""The geo scorer: distances, span matching, loaders, and a short run on the shared sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluate import geo
from eventwire.records import Place


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [((51.5074, -0.1278), (48.8566, 2.3522), 344.0), ((0.0, 0.0), (0.0, 0.0), 0.0), ((40.7128, -74.006), (34.0522, -118.2437), 3936.0)],
)
def test_geo_eval_haversine(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert geo.haversine(*a, *b) == pytest.approx(km, abs=5.0)


def _place(start: int, end: int, lat: float, lon: float) -> Place:
    return Place("x", start, end, "x", None, lat, lon, None, None)


def test_geo_eval_score_counts_found_right_and_unfound() -> None:
    article = geo.Article(
        "Paris and Lyon and Nice",
        [
            geo.Gold("Paris", 0, 5, 48.85, 2.35, "PPLC"),
            geo.Gold("Lyon", 10, 14, 45.76, 4.83, "PPL"),
            geo.Gold("Nice", 19, 23, 43.70, 7.27, "PPL"),
        ],
    )
    found = [_place(0, 5, 48.86, 2.34), _place(10, 14, 40.0, -3.7)]  # Paris right, Lyon 700 km off, Nice unfound
    figures, lines = geo.score("t", [article], [found])
    assert figures["t_recall"] == pytest.approx(2 / 3)
    assert figures["t_acc161_found"] == pytest.approx(1 / 2)
    assert figures["t_acc161_all"] == pytest.approx(1 / 3)
    assert lines[0].startswith("t: 3 gold")


def test_geo_eval_loaders(tmp_path: Path) -> None:
    tr = tmp_path / "tr.xml"
    tr.write_text(
        "<articles><article><text><![CDATA[Rain in Oslo.]]></text><toponyms><toponym><phrase>Oslo</phrase>"
        "<start>8</start><end>12</end><gaztag geonameid='3143244'><fcode>PPLC</fcode><lat>59.91</lat>"
        "<lon>10.75</lon></gaztag></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    gwn = tmp_path / "gwn.xml"
    gwn.write_text(
        "<articles><article><text>Rain in Oslo.</text><toponyms><toponym><extractedName>Oslo</extractedName>"
        "<type>Literal</type><start>8</start><end>12</end><latitude>59.91</latitude><longitude>10.75</longitude>"
        "</toponym><toponym><extractedName>rain</extractedName><type>Non_Toponym</type><start>0</start><end>4</end>"
        "<latitude/><longitude/></toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    for articles in (geo.load_tr_news(tr), geo.load_gwn(gwn)):
        assert [(g.text, g.start, g.end, g.lat) for g in articles[0].gold] == [("Oslo", 8, 12, 59.91)]


@pytest.mark.shared
def test_geo_eval_run_on_shared(shared: Path) -> None:
    report = geo.run(shared, limit=3)
    assert 0.0 < report.figures["trnews_recall"] <= 1.0
    assert 0.0 < report.figures["gwn_acc161_found"] <= 1.0
