"""What only the SQLite store does: a WAL file, its migrations table. Shared behaviour is in test_common.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.store import SQLiteStore, open_store
from eventwire.store.base import date_key
from eventwire.store.migrations import MIGRATIONS


def test_sqlite_wal_and_migrations_recorded(db_path: Path) -> None:
    open_store(db_path).close()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    open_store(db_path).close()  # reopening applies nothing twice
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


@pytest.mark.parametrize(
    "value,key",
    [("2023-11-08", "2023-11-08"), ("2023-11", "2023-11-01"), ("2023-W44", "2023-10-30"), ("2023", "2023-01-01"),
     ("2023-Q2", "2023-04-01"), ("XXXX-11-30", None), ("PRESENT_REF", None), (None, None),
     ("2023-02-30", None), ("2023-13", None), ("2023-W54", None), ("2023-11-08T10:00", "2023-11-08")],
)
def test_store_date_key(value: str | None, key: str | None) -> None:
    assert date_key(value) == key


@pytest.mark.parametrize("location", ["events.db", "sub/dir/events.db", "postgresql.db", "postgres:/x.db"])
def test_sqlite_open_store_takes_paths(tmp_path: Path, location: str) -> None:
    with open_store(tmp_path / location) as store:
        assert isinstance(store, SQLiteStore)
    assert (tmp_path / location).is_file()
