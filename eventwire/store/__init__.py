"""Where extractions are kept: one interface (``base.Store``), a SQLite backend."""

from __future__ import annotations

from .base import EventFilter, Store
from .sqlite import SQLiteStore, open_store

__all__ = ["EventFilter", "SQLiteStore", "Store", "open_store"]
