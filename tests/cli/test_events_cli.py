"""``eventwire events`` as an analyst meets it: every row in machine formats, readable dates, names as filters."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from datetime import date
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.records import EventDate
from eventwire.store import SQLiteStore
from tests.web.builders import Planned, extraction, fill_store, random_plan

#: More events than a table shows by default (50).
MANY = random_plan(20, 4, seed=3)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def many(tmp_path: Path) -> Path:
    return fill_store(tmp_path / "ew.db", MANY)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_events_cli_machine_formats_write_every_row(many: Path, fmt: str) -> None:
    result = run("events", "--db", str(many), "--format", fmt)
    lines = result.stdout.splitlines()
    assert len(lines) - (fmt == "csv") == 80  # not the table's 50
    assert result.stderr == ""
    limited = run("events", "--db", str(many), "--format", fmt, "--limit", "7")
    assert len(limited.stdout.splitlines()) - (fmt == "csv") == 7


def test_events_cli_table_says_when_it_cut(many: Path) -> None:
    result = run("events", "--db", str(many))
    assert len(result.stdout.splitlines()) == 2 + 50
    assert "50 of 80 shown" in result.stderr


def test_events_cli_unknown_type_lists_the_types(many: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(many), "--type", "FIGHT"])
    assert result.exit_code == 2
    assert "'FIGHT' is not a PLOVER type" in result.stderr
    assert "ASSAULT" in result.stderr and "CONSULT" in result.stderr
    assert run("events", "--db", str(many), "--type", "assault", "--format", "jsonl").exit_code == 0


def test_events_cli_actor_by_name_shows_the_code(many: Path) -> None:
    by_code = run("events", "--db", str(many), "--actor", "USAGOV", "--format", "jsonl").stdout.splitlines()
    by_name = run("events", "--db", str(many), "--actor", "antony blinken", "--format", "jsonl")
    assert by_name.stdout.splitlines() == by_code and by_code
    assert "USAGOV (Antony Blinken" in by_name.stderr
    source = run("events", "--db", str(many), "--source", "Russian forces", "--format", "jsonl").stdout.splitlines()
    assert source and all(json.loads(line)["source"]["code"] == "RUSMIL" for line in source)
    nobody = run("events", "--db", str(many), "--actor", "Nobody Known")
    assert "no stored actor has that code, country or name" in nobody.stderr


def _dated_store(path: Path) -> Path:
    """Three events of one document: dated to a day, to a year only, and not at all (XXXX-WXX)."""
    base = extraction("d1", [Planned(0, 0, 1, 0, date(2023, 11, 7))] * 3, url="https://example.org/d1")
    dates = [EventDate("2023-11-07", "day"), EventDate("2030", "year"), EventDate("XXXX-WXX", "week")]
    with SQLiteStore(path) as store:
        store.add(dataclasses.replace(base, events=[dataclasses.replace(e, date=d) for e, d in zip(base.events, dates)]))
    return path


def test_events_cli_dates_people_read_and_periods(tmp_path: Path) -> None:
    db = _dated_store(tmp_path / "ew.db")
    table = run("events", "--db", str(db)).stdout
    assert "XXXX" not in table and "undated" in table and "2030" in table
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", str(db), "--format", "csv").stdout)))
    got = [(r["date"], r["date_start"], r["date_end"], r["date_value"]) for r in rows]
    # Newest first by day: the year-only and undated events come after the dated one, not on top.
    assert got == [("2023-11-07", "2023-11-07", "2023-11-07", "2023-11-07"), ("2030", "2030-01-01", "2030-12-31", "2030"),
                   ("undated", "", "", "XXXX-WXX")]
    assert {(r["doc_date"], r["doc_url"]) for r in rows} == {("2023-11-07", "https://example.org/d1")}


def test_events_cli_csv_has_the_api_columns(tmp_path: Path) -> None:
    db = _dated_store(tmp_path / "ew.db")
    cli = run("events", "--db", str(db), "--format", "csv").stdout
    transport = httpx.ASGITransport(app=create_app(db))

    async def api() -> str:
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return (await client.get("/api/events.csv")).text

    import asyncio

    assert cli.splitlines()[0] == asyncio.run(api()).splitlines()[0]
    assert cli.replace("\r\n", "\n") == asyncio.run(api()).replace("\r\n", "\n")
