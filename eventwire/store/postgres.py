"""The server store: a PostgreSQL database shared by several ingest runs and the API, through psycopg 3.

Use it when more than one process writes at once (``eventwire ingest --dask`` drivers on
several machines, the API accepting documents while a batch runs): each document is one
transaction, and two writers storing the same text store it once. Open it with
``open_store("postgresql://user@host:5432/db")``; the schema is created on first use, so the
user needs CREATE on the database's schema.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.rows import dict_row

from ..clean import content_hash
from ..errors import StoreError
from ..records import Extraction
from .common import SQLStore, search_words
from .postgres_migrations import TEXT_CONFIG, migrate
from .urls import connection_url, redact


class PostgresStore(SQLStore):
    """A PostgreSQL database; every ``add_many`` is one transaction, safe beside other writers."""

    errors = (psycopg.Error,)
    # Under the "C" collation of the schema's text columns ILIKE folds ASCII only, as SQLite's LIKE does.
    like = "ILIKE"
    periods = {"day": "day", "week": "to_char(date_trunc('week', CAST(day AS DATE)), 'YYYY-MM-DD')",
               "month": "substr(day, 1, 7) || '-01'"}
    round2 = "CAST(round(CAST({} AS NUMERIC), 2) AS DOUBLE PRECISION)"
    selection = "pg_temp.selection"
    selection_index = "CREATE UNIQUE INDEX selection_id ON pg_temp.selection(id)"

    def __init__(self, url: str) -> None:
        self.location = redact(url)
        try:
            # Autocommit: reads need no transaction; writes open one explicitly (_transaction).
            # synchronous_commit=off is the durability of SQLite's WAL with synchronous=NORMAL: a server
            # crash may lose the last moment of commits (ingest simply stores them again), never corrupts.
            self.db: psycopg.Connection[dict[str, Any]] = psycopg.connect(
                connection_url(url), autocommit=True, row_factory=dict_row, application_name="eventwire")
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {self.location}: {exc}") from exc
        try:
            self.db.execute("SET synchronous_commit = off")
            migrate(self.db)
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"cannot open store {self.location}: {exc}") from exc

    def _run(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[dict[str, Any]]:
        return self.db.execute(_placeholders(sql), params)

    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            with self.db.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # Pipeline mode: statements whose results are not read go out without waiting for the server,
        # so a document costs a few round trips rather than one per statement.
        with self.db.pipeline(), self.db.transaction():
            yield

    def _lock(self, extractions: list[Extraction]) -> None:
        # Row locks are taken document by document, so two writers storing overlapping batches in
        # different orders could deadlock; advisory locks on every id and text, taken in one sorted
        # order, make the second writer wait for the first, then skip (same text) or replace (same id).
        keys = sorted({_lock_key("id", e.id) for e in extractions} | {_lock_key("text", content_hash(e.text))
                                                                       for e in extractions})
        self._run("SELECT count(pg_advisory_xact_lock(key)) AS n FROM unnest(CAST(? AS BIGINT[])) AS key", (keys,))

    def _stream(self, sql: str, params: Sequence[Any], page: int) -> Iterator[dict[str, Any]]:
        # A server-side cursor lives in a transaction; it keeps memory flat for an export of any size.
        with self.db.transaction(), self.db.cursor(name="eventwire_stream") as cursor:
            cursor.execute(_placeholders(sql), params)
            while batch := cursor.fetchmany(page):
                yield from batch

    def _text_match(self, words: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        query, params = tsquery(words)
        return f"e.sentence_tsv @@ {query}", params

    def search_documents(self, q: str, *, limit: int = 20, offset: int = 0,
                         min_relevance: float | None = None) -> list[dict[str, Any]]:
        words = search_words(q)
        if not words:
            return []
        query, params = tsquery(words)
        relevant = "" if min_relevance is None else " AND d.relevance >= ?"
        rows = self._run(
            "SELECT d.id, d.title, d.date, d.source, d.relevance, "
            f"ts_headline('{TEXT_CONFIG}', d.text, q.query, 'StartSel=[, StopSel=], MaxWords=16, MinWords=8') "
            f"AS snippet FROM documents d, (SELECT {query} AS query) AS q WHERE d.tsv @@ q.query{relevant} "
            "ORDER BY ts_rank(d.tsv, q.query) DESC, d.id LIMIT ? OFFSET ?",
            (*params, *([] if min_relevance is None else [min_relevance]), limit, offset))
        return [dict(row) for row in rows]

    def close(self) -> None:
        self.db.close()


def tsquery(words: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
    """A tsquery expression requiring every word, and its parameters.

    Whole words go through ``websearch_to_tsquery``, each quoted, so "or", "-" and quotes in user
    input are words, never operators; a ``word*`` prefix becomes ``'word':*`` for ``to_tsquery``.
    """
    parts, params = [], []
    whole = [word for word, prefix in words if not prefix]
    if whole:
        parts.append(f"websearch_to_tsquery('{TEXT_CONFIG}', ?)")
        params.append(" ".join('"' + word.replace('"', " ") + '"' for word in whole))
    for word in (word for word, prefix in words if prefix):
        parts.append(f"to_tsquery('{TEXT_CONFIG}', ?)")
        params.append("'" + word.replace("\\", "\\\\").replace("'", "''") + "':*")
    return "(" + " && ".join(parts) + ")", params


def _lock_key(kind: str, value: str) -> int:
    """A signed 64-bit advisory lock key for a document id or text hash."""
    return int.from_bytes(hashlib.blake2b(f"{kind}:{value}".encode(), digest_size=8).digest(), "big", signed=True)


def _placeholders(sql: str) -> str:
    """The shared SQL's ``?`` placeholders as psycopg's ``%s`` (a literal % doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")
