"""``datasette events.db`` on a store eventwire wrote: full-text search and facets work (a dev dependency)."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.web.builders import Planned, fill_store

datasette_app = pytest.importorskip("datasette.app")

PLAN = {"a": [Planned(0, 0, 1, 0, date(2023, 11, 1)), Planned(3, 2, 4, 1, date(2023, 11, 2))],
        "b": [Planned(2, 4, 1, 0, date(2023, 11, 3))]}


def get(path: Path, url: str) -> dict[str, Any]:
    """A JSON page of Datasette serving the store, through its own ASGI client (no socket)."""
    async def fetch() -> dict[str, Any]:
        ds = datasette_app.Datasette([str(path)])
        response = await ds.client.get(url)
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]
    return asyncio.run(fetch())


def test_datasette_search_finds_evidence_sentences(tmp_path: Path) -> None:
    store = fill_store(tmp_path / "events.db", PLAN)
    found = get(store, "/events/events.json?_search=attacked&_shape=objects")
    assert [row["type"] for row in found["rows"]] == ["ASSAULT"]
    docs = get(store, "/events/documents.json?_search=threatened&_shape=objects")
    assert [row["id"] for row in docs["rows"]] == ["b"]


def test_datasette_facets_and_periods(tmp_path: Path) -> None:
    store = fill_store(tmp_path / "events.db", PLAN)
    page = get(store, "/events/events.json?_facet=type&_facet=date_start&_shape=objects")
    facets = {f["value"]: f["count"] for f in page["facet_results"]["type"]["results"]}
    assert facets == {"CONSULT": 1, "ASSAULT": 1, "THREATEN": 1}
    assert {f["value"] for f in page["facet_results"]["date_start"]["results"]} == {
        "2023-11-01", "2023-11-02", "2023-11-03"}
