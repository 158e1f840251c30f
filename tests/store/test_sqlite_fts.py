"""Full-text search in the SQLite store: the m002_fulltext migration, its triggers, FTS5 query quoting.

What the text filter finds, on every backend, is tested in test_common.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.store import EventFilter, SQLiteStore
from eventwire.store.migrations import MIGRATIONS, m001_initial, migrate
from eventwire.store.sqlite import fts_query
from tests.store.test_common import DAY, DOCS
from tests.store.test_migrations import write_as_before_relevance
from tests.web.builders import Planned, extraction


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    opened = SQLiteStore(tmp_path / "fts.db")
    for doc_id, planned in DOCS.items():
        opened.add(extraction(doc_id, planned))
    return opened


@pytest.mark.parametrize("text, match", [
    ("talks", '"talks"'), ("U.S. talks*", '"U.S." "talks"*'), ('say "hi"', '"say" """hi"""'),
    ("- * !", None), ("", None), (None, None),
])
def test_sqlite_fts_query_quotes_words(text: str | None, match: str | None) -> None:
    assert fts_query(text) == match


def test_sqlite_fts_indexes_follow_replace_and_delete(store: SQLiteStore) -> None:
    # What the searches see on every backend is in test_common.py; here, that FTS5's own index agrees.
    store.add(extraction("kyiv", [Planned(5, 1, 4, 3, DAY)]))
    store.db.execute("DELETE FROM documents WHERE id = 'seoul'")
    for table in ("events_fts", "documents_fts"):
        store.db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    assert store.db.execute("SELECT count(*) FROM events_fts").fetchone()[0] == 1


def test_sqlite_fts_migration_indexes_existing_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    # A store written before m002: only the first migration applied.
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    db.executescript(f"BEGIN; {m001_initial()}; INSERT INTO migrations VALUES (1, 'm001_initial', 'then'); COMMIT;")
    db.close()
    assert MIGRATIONS[0] is m001_initial
    old = _store_without_migrations(path)
    write_as_before_relevance(old, [extraction("kyiv", DOCS["kyiv"])])
    old.db.close()
    with SQLiteStore(path) as upgraded:
        assert upgraded.count_events(EventFilter(text="attacked")) == 1
        assert [d["id"] for d in upgraded.search_documents("Kyiv")] == ["kyiv"]


def _store_without_migrations(path: Path) -> SQLiteStore:
    """A SQLiteStore over an old database, without running newer migrations (as an older release would)."""
    store = SQLiteStore.__new__(SQLiteStore)
    store.location = str(path)
    store.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    store.db.row_factory = sqlite3.Row
    store.db.execute("PRAGMA foreign_keys=ON")
    return store


def test_sqlite_fts_migration_is_recorded(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    assert migrate(db) == [m.__name__ for m in MIGRATIONS]
    assert "m002_fulltext" in [row[0] for row in db.execute("SELECT name FROM migrations")]
    assert migrate(db) == []
