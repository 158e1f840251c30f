"""What only the SQLite store does: a WAL file, its migrations table. Shared behaviour is in test_common.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.store import SQLiteStore, open_store
from eventwire.store.migrations import MIGRATIONS


def test_sqlite_wal_and_migrations_recorded(db_path: Path) -> None:
    open_store(db_path).close()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    open_store(db_path).close()  # reopening applies nothing twice
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


@pytest.mark.parametrize("location", ["events.db", "sub/dir/events.db", "postgresql.db", "postgres:/x.db"])
def test_sqlite_open_store_takes_paths(tmp_path: Path, location: str) -> None:
    with open_store(tmp_path / location) as store:
        assert isinstance(store, SQLiteStore)
    assert (tmp_path / location).is_file()
