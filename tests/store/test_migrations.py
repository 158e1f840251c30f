"""Upgrading a store written by an older release, on both backends: the m004_relevance migration.

An old store is built the way release 0.2.0 left it: the first three migrations applied, its
documents written without a relevance column and with records that have no ``relevance`` key.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest
from psycopg.rows import dict_row

from eventwire.records import EventDate, Extraction
from eventwire.store import EventFilter, SQLiteStore, open_store
from eventwire.store import migrations as sqlite_migrations
from eventwire.store import postgres_migrations
from eventwire.store.common import SQLStore
from eventwire.store.postgres import PostgresStore
from tests.web.builders import Planned, extraction

#: Migrations that release 0.2.0 had applied.
BEFORE_RELEVANCE = 3
#: Columns m008_date_periods adds.
PERIOD_COLUMNS = ("date_start", "date_end")
OLD = {"old1": [Planned(3, 2, 4, 1, date(2023, 11, 1))], "old2": [Planned(0, 0, 1, 0, date(2023, 11, 7))]}


def write_as_before_relevance(store: SQLStore, extractions: list[Extraction]) -> None:
    """Store documents as releases before m004_relevance did: no relevance column, no ``relevance`` in records."""
    postgres = isinstance(store, PostgresStore)
    store._run("ALTER TABLE documents ADD COLUMN relevance REAL")  # today's writer needs the columns...
    for column in PERIOD_COLUMNS:
        store._run(f"ALTER TABLE events ADD COLUMN {column} TEXT")
    store.add_many(extractions)
    # ...and the old writer put an event's first day, else the document's date, in ``day``.
    store._run("UPDATE events SET day = coalesce(date_start, (SELECT d.date FROM documents d WHERE d.id = doc_id))")
    for column in PERIOD_COLUMNS:
        store._run(f"ALTER TABLE events DROP COLUMN {column}")
    store._run("UPDATE documents SET record = CAST(CAST(record AS jsonb) - 'relevance' AS TEXT)" if postgres
               else "UPDATE documents SET record = json_remove(record, '$.relevance')")
    store._run("ALTER TABLE documents DROP COLUMN relevance")  # ...that the old schema did not have


def old_sqlite(path: Path, old: dict[str, list[Planned]] = OLD) -> str:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, migration in enumerate(sqlite_migrations.MIGRATIONS[:BEFORE_RELEVANCE], start=1):
        db.executescript(f"BEGIN; {migration()}; INSERT INTO migrations VALUES ({version}, '{migration.__name__}', "
                         "'then'); COMMIT;")
    db.close()
    store = SQLiteStore.__new__(SQLiteStore)  # not __init__: it would migrate
    store.location = str(path)
    store.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    store.db.row_factory = sqlite3.Row
    write_as_before_relevance(store, [dated(extraction(doc_id, planned)) for doc_id, planned in old.items()])
    store.close()
    return str(path)


def old_postgres(url: str, old: dict[str, list[Planned]] = OLD) -> str:
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for version, migration in enumerate(postgres_migrations.MIGRATIONS[:BEFORE_RELEVANCE], start=1):
            db.execute(migration())
            db.execute("INSERT INTO migrations VALUES (%s, %s, 'then')", (version, migration.__name__))
    store = PostgresStore.__new__(PostgresStore)
    store.location = url
    store.db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
    write_as_before_relevance(store, [dated(extraction(doc_id, planned)) for doc_id, planned in old.items()])
    store.close()
    return url


#: Date values of the events of the store ``dated`` writes, and the (date_start, date_end, day) m008 gives them.
PERIODS = {
    "2023-11-01": ("2023-11-01", "2023-11-01", "2023-11-01"),
    "2023-11": ("2023-11-01", "2023-11-30", "2023-11-01"),
    "2023-W45": ("2023-11-06", "2023-11-12", "2023-11-06"),
    "2023-Q4": ("2023-10-01", "2023-12-31", None),
    "1948": ("1948-01-01", "1948-12-31", None),
    "XXXX-09": (None, None, None),
    None: (None, None, None),
}
DATED = {"dated": [Planned(0, 0, 1, 0, date(2023, 11, 1))] * len(PERIODS)}


def dated(ex: Extraction) -> Extraction:
    """The ``DATED`` document with one event per ``PERIODS`` value; other documents as they are."""
    if ex.id != "dated":
        return ex
    return dataclasses.replace(ex, events=[
        dataclasses.replace(e, date=EventDate(value, None) if value else None) for e, value in zip(ex.events, PERIODS)])


@pytest.fixture(params=["sqlite", "postgres"])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store written before m004_relevance is, on each backend."""
    if request.param == "sqlite":
        return old_sqlite(tmp_path / "old.db")
    return old_postgres(request.getfixturevalue("postgres_db"))


def _migrations(store: SQLStore) -> list[str]:
    return [row["name"] for row in store._run("SELECT name FROM migrations ORDER BY version")]


def test_migrations_relevance_upgrades_an_old_store(old_store: str) -> None:
    with open_store(old_store) as store:
        assert isinstance(store, SQLStore)
        # m004_relevance, then the later ones (m006_watch: the feed tables, #13)
        assert _migrations(store)[BEFORE_RELEVANCE:] == [m.__name__ for m in sqlite_migrations.MIGRATIONS[BEFORE_RELEVANCE:]]
        assert _migrations(store)[BEFORE_RELEVANCE] == "m004_relevance"
        assert store._one("SELECT count(*) AS n FROM feed_items")["n"] == 0
        assert store.count_events() == 2
        # Old documents have no relevance: shown as none, and no min_relevance filter keeps them.
        assert store.document("old1")["relevance"] is None
        assert {e["doc_relevance"] for e in store.events()} == {None}
        assert store.count_events(EventFilter(min_relevance=0.0)) == 0
        store.add(extraction("new", [Planned(2, 4, 1, 0, date(2023, 11, 8))], relevance=0.8))
        assert [e["doc_id"] for e in store.events(EventFilter(min_relevance=0.5))] == ["new"]
        assert store.document("new")["relevance"] == 0.8
    with open_store(old_store) as again:  # reopening applies nothing twice
        assert isinstance(again, SQLStore)
        assert _migrations(again) == [m.__name__ for m in sqlite_migrations.MIGRATIONS]
        assert again.count_events() == 3


def test_migrations_relevance_same_on_both_backends() -> None:
    names = [m.__name__ for m in sqlite_migrations.MIGRATIONS]
    assert names == [m.__name__ for m in postgres_migrations.MIGRATIONS]
    assert names[BEFORE_RELEVANCE] == "m004_relevance"
    assert [sqlite_migrations.version_of(m) for m in sqlite_migrations.MIGRATIONS] == [1, 2, 3, 4, 6, 8]
    assert "DOUBLE PRECISION" in postgres_migrations.m004_relevance()  # 8-byte floats, as SQLite stores them


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_migrations_periods_fill_old_events(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    # An old store: day was the first day of any date value, else the document's date.
    where = (old_sqlite(tmp_path / "old.db", DATED) if backend == "sqlite"
             else old_postgres(request.getfixturevalue("postgres_db"), DATED))
    with open_store(where) as store:
        assert isinstance(store, SQLStore)
        got = {(e.get("date") or {}).get("value"): (e["date_start"], e["date_end"], e["day"])
               for e in store.events(limit=20)}
        assert got == PERIODS
        assert store.stats()["undated"] == 2 and store.stats()["coarse"] == 2
