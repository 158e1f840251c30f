"""The store interface every backend implements, and the query filter it takes."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..records import Extraction, Failure


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Every field is optional; set fields are ANDed."""

    actor: str | None = None
    """An actor code ("USAGOV"), a code prefix or country ("USA"), source or target."""
    source: str | None = None
    """Like ``actor``, source side only."""
    target: str | None = None
    """Like ``actor``, target side only."""
    type: str | None = None
    """PLOVER type, e.g. CONSULT."""
    status: str | None = None
    since: str | None = None
    """ISO date: events on or after it (event date, else the document date)."""
    until: str | None = None
    """ISO date: events on or before it."""
    country: str | None = None
    """ISO3 of the event's location."""
    doc_id: str | None = None
    text: str | None = None
    """Words that must occur in the evidence sentence."""
    min_confidence: float | None = None


class Store(ABC):
    """Documents, everything extracted from them, and failures."""

    location: str

    @abstractmethod
    def has_content(self, content_hash: str) -> bool:
        """True if a document with this content hash is stored."""

    @abstractmethod
    def add(self, extraction: Extraction) -> str:
        """Store one extraction atomically (all of it or nothing); return its document id."""

    @abstractmethod
    def add_failure(self, failure: Failure) -> None:
        """Record a document that could not be processed."""

    @abstractmethod
    def events(self, where: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events matching ``where``, newest first, as contract-shaped dicts with ``id`` and ``doc_id``."""

    @abstractmethod
    def count_events(self, where: EventFilter = EventFilter()) -> int:
        """How many events match ``where``."""

    @abstractmethod
    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document's full extraction record, or None."""

    @abstractmethod
    def failures(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """Recorded failures, newest first."""

    @abstractmethod
    def summary(self, *, top: int = 10) -> dict[str, Any]:
        """Counts: documents, events, events by type and status, top actors, failures."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def date_key(value: str | None) -> str | None:
    """The first day a TIMEX3 date value covers, as an ISO date, for sorting and range filters.

    "2023-11-08" -> "2023-11-08", "2023-11" -> "2023-11-01", "2023-W44" -> "2023-10-30",
    "2023" -> "2023-01-01"; values with X's or non-dates -> None.
    """
    if not value or "X" in value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return value[:10]
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        try:
            return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1).isoformat()
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}", value):
        return value + "-01-01"
    quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if quarter:
        return f"{quarter.group(1)}-{3 * int(quarter.group(2)) - 2:02d}-01"
    return None


def next_day(iso: str) -> str:
    """The ISO date after ``iso``."""
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat()
