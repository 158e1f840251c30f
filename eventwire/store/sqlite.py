"""The embedded store: one SQLite file in WAL mode, through Python's sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .common import SQLStore, is_server_url, search_words
from .migrations import migrate
from .urls import redact


class SQLiteStore(SQLStore):
    """A SQLite file; every document is written in one transaction."""

    errors = (sqlite3.Error,)
    periods = {"day": "day", "week": "date(day, '-6 days', 'weekday 1')", "month": "substr(day, 1, 7) || '-01'"}

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
        if is_server_url(path):
            # Not a file name: a path made of it would leave "postgresql:/..." folders behind.
            raise StoreError(f"{redact(self.location)} is a PostgreSQL URL: open it with open_store()")
        try:
            if self.location != ":memory:":
                Path(self.location).parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: transactions are explicit (BEGIN ... COMMIT) below.
            self.db = sqlite3.connect(self.location, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=10000")
            migrate(self.db)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.location}: {exc}") from exc

    def _run(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, params)

    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.db.executemany(sql, rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so two writers queue (busy_timeout) instead of deadlocking.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _stream(self, sql: str, params: Sequence[Any], page: int) -> Iterator[sqlite3.Row]:
        cursor = self.db.execute(sql, params)
        try:
            while batch := cursor.fetchmany(page):
                yield from batch
        finally:
            cursor.close()

    def _text_match(self, words: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        return "e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)", [_phrases(words)]

    def search_documents(self, q: str, *, limit: int = 20, offset: int = 0,
                         min_relevance: float | None = None) -> list[dict[str, Any]]:
        match = fts_query(q)
        if match is None:
            return []
        relevant = "" if min_relevance is None else " AND d.relevance >= ?"
        rows = self.db.execute(
            "SELECT d.id, d.title, d.date, d.source, d.relevance, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            f"WHERE documents_fts MATCH ?{relevant} ORDER BY rank LIMIT ? OFFSET ?",
            (match, *([] if min_relevance is None else [min_relevance]), limit, offset))
        return [dict(row) for row in rows]

    def close(self) -> None:
        self.db.close()


def fts_query(text: str | None) -> str | None:
    """An FTS5 MATCH expression requiring every word of ``text``; None if it has no words.

    Each word becomes a quoted phrase (so FTS5 operators and punctuation in user input are
    inert: "U.S." is the phrase "u s"); a trailing ``*`` keeps its meaning as a prefix search.
    """
    words = search_words(text)
    return _phrases(words) if words else None


def _phrases(words: list[tuple[str, bool]]) -> str:
    return " ".join('"' + word.replace('"', '""') + '"' + ("*" if prefix else "") for word, prefix in words)
