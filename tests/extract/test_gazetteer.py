"""The gazetteer index: name keys, sources merged, hand-written features and corrections."""

from __future__ import annotations

import pytest

from eventwire.extract import gazetteer


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("the U.S.", "us"),
        ("São Paulo", "sao paulo"),
        ("Russia’s Far East", "russia's far east"),
        ("Winston-Salem", "winston salem"),
        ("St. Louis", "saint louis"),
        ("Ste. Foy", "sainte foy"),
        ("Main St", "main st"),
    ],
)
def test_gazetteer_norm(name: str, key: str) -> None:
    assert gazetteer.norm(name) == key


@pytest.mark.parametrize(
    ("name", "feature", "country", "lat", "lon"),
    [
        ("United States", "PCLI", "USA", 39.76, -98.5),  # GeoNames' own point, corrected in countries.yaml
        ("America", "PCLI", "USA", 39.76, -98.5),
        ("Syrian", "PCLI", "SYR", 35.0, 38.0),
        ("Kiev", "PPLC", "UKR", 50.45, 30.52),
        ("Mo.", "ADM1", "USA", 38.4, -92.4),
        ("Vandenberg Space Force Base", "MILB", "USA", 34.74, -120.57),
        ("Korean peninsula", "PEN", None, 38.0, 127.5),
        ("Europe", "CONT", None, 48.69, 9.14),
        # hand-written features: rivers at their mouths, islands, regions, former countries
        ("Cauvery", "STM", "IND", 11.14, 79.85),
        ("Oahu", "ISL", "USA", 21.47, -157.98),
        ("Yorkshire", "RGN", "GBR", 54.0, -1.5),
        ("Northamptonshire", "ADM2", "GBR", 52.3, -0.9),
        ("USSR", "PCLH", "RUS", 60.0, 100.0),
    ],
)
def test_gazetteer_lookup(name: str, feature: str, country: str | None, lat: float, lon: float) -> None:
    entries = [e for e, _ in gazetteer.load().lookup(name) if e.feature == feature]
    assert entries, f"no {feature} for {name!r}"
    entry = max(entries, key=lambda e: e.population)
    assert entry.country == country
    # admin-1 points are estimated from their towns, so allow a degree there
    assert abs(entry.lat - lat) < 1.5 and abs(entry.lon - lon) < 1.5


def test_gazetteer_towns_carry_ids_and_admin1() -> None:
    austin = max((e for e, _ in gazetteer.load().lookup("Austin")), key=lambda e: e.population)
    assert (austin.geonameid, austin.admin1, austin.country) == (4671654, "US.TX", "USA")


def test_gazetteer_unknown_name() -> None:
    assert gazetteer.load().lookup("Xqzzyville") == ()


def test_gazetteer_country_by_code() -> None:
    entry = gazetteer.load().country("GEO")
    assert entry is not None and entry.name == "Georgia"


def test_gazetteer_cache_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EVENTWIRE_GAZETTEER", str(tmp_path / "g.sqlite"))
    assert gazetteer.cache_path() == tmp_path / "g.sqlite"


def test_gazetteer_cli_usage() -> None:
    assert gazetteer.main([]) == 2


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Bosnian", "BIH", "PCLI"),  # countryinfo's "Bosnian,Herzegovinian", split
        ("Herzegovinian", "BIH", "PCLI"),
        ("Korean", "KOR", "PCLI"),
        ("Texan", "USA", "ADM1"),  # admin1_demonyms.yaml
        ("Welsh", "GBR", "ADM1"),
        ("Kurdish", None, "RGN"),  # extra.yaml demonyms
    ],
)
def test_gazetteer_demonyms(name: str, country: str | None, feature: str) -> None:
    assert any(
        kind == 2 and entry.country == country and entry.feature == feature
        for entry, kind in gazetteer.load().lookup(name)
    )
