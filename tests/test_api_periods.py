"""The API's #20 additions: event periods, undated counts, actors by name with their codes, the place filter."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest

from eventwire.api import create_app
from eventwire.store import SQLiteStore
from tests.web.builders import running
from tests.web.test_desk import desk_extractions


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """The app over a store of the desk's documents, served by uvicorn on 127.0.0.1."""
    path = tmp_path_factory.mktemp("periods") / "events.db"
    with SQLiteStore(path) as store:
        for ex in desk_extractions():
            store.add(ex)
    with running(create_app(path)) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_api_periods_events_carry_their_period(http) -> None:  # type: ignore[no-untyped-def]
    events = http.get("/api/events", params={"doc_id": "long", "sort": "id"}).json()["events"]
    assert [(e["date_label"], e["date_start"], e["date_end"]) for e in events] == [
        ("2023-11-07", "2023-11-07", "2023-11-07"), ("2030", "2030-01-01", "2030-12-31"), ("undated", None, None)]
    # A range filter finds the year-only event by its period; the undated one by none.
    since = http.get("/api/events", params={"since": "2030-06-01"}).json()["events"]
    assert [e["date_label"] for e in since] == ["2030"]
    rows = list(csv.DictReader(io.StringIO(http.get("/api/events.csv", params={"doc_id": "long"}).text)))
    assert {r["date"]: (r["date_start"], r["date_end"]) for r in rows}["2030"] == ("2030-01-01", "2030-12-31")


def test_api_periods_stats_count_undated_and_coarse(http) -> None:  # type: ignore[no-untyped-def]
    stats = http.get("/api/stats").json()
    assert (stats["undated"], stats["coarse"], stats["total"]) == (1, 1, 4)
    assert stats["date_range"] == ["2023-11-06", "2023-11-07"]  # 2030 does not stretch it


def test_api_periods_actor_by_name_says_its_code(http) -> None:  # type: ignore[no-untyped-def]
    by_name = http.get("/api/events", params={"actor": "antony blinken"}).json()
    by_code = http.get("/api/events", params={"actor": "USAGOV"}).json()
    assert [e["id"] for e in by_name["events"]] == [e["id"] for e in by_code["events"]] and by_code["events"]
    assert by_name["actors"]["actor"][0]["code"] == "USAGOV"
    assert http.get("/api/events", params={"actor": "Nobody Known"}).json()["actors"] == {"actor": []}


def test_api_periods_place_filter_is_the_place(http) -> None:  # type: ignore[no-untyped-def]
    irpin = http.get("/api/events", params={"place": "irpin"}).json()
    assert irpin["total"] == 1 and irpin["events"][0]["location"]["name"] == "Irpin"
    assert http.get("/api/events", params={"country": "UKR"}).json()["total"] == 3
