"""Where extractions are kept: one interface (``base.Store``), SQLite and PostgreSQL backends."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import EventFilter, Store
from .common import is_server_url
from .sqlite import SQLiteStore


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at ``location``.

    Args:
        location: a PostgreSQL URL (``postgresql://user@host:5432/db`` or ``postgres://...``),
            else the path of a SQLite file.

    Returns:
        A ``PostgresStore`` for a URL, else a ``SQLiteStore``.
    """
    if is_server_url(location):
        # Imported here so SQLite users never load the PostgreSQL driver.
        try:
            from .postgres import PostgresStore
        except ImportError as exc:
            raise StoreError(f"a PostgreSQL store needs psycopg (pip install 'psycopg[binary]'): {exc}") from exc

        return PostgresStore(str(location))
    return SQLiteStore(location)


__all__ = ["EventFilter", "SQLiteStore", "Store", "is_server_url", "open_store"]
