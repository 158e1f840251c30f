"""The store interface every backend implements, and the query filter it takes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..records import Extraction, Failure

#: Sort keys ``events`` accepts; a leading "-" sorts descending.
SORTS = ("date", "confidence", "goldstein", "type", "id")
#: Time buckets ``timeline`` accepts.
INTERVALS = ("day", "week", "month")


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Every field is optional; set fields are ANDed."""

    actor: str | None = None
    """An actor code ("USAGOV"), a code prefix or country ("USA"), or a name ("Tony Blair"), source or target."""
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
    place: str | None = None
    """The name of the event's location, as the map shows it ("Kyiv"), in any case."""
    doc_id: str | None = None
    text: str | None = None
    """Words that must occur in the evidence sentence (full-text search; ``word*`` is a prefix)."""
    min_confidence: float | None = None
    min_relevance: float | None = None
    """Events of documents at least this relevant (``Extraction.relevance``); documents without one are left out."""


class Store(ABC):
    """Documents, everything extracted from them, and failures."""

    location: str

    @abstractmethod
    def has_content(self, content_hash: str) -> bool:
        """True if a document with this content hash is stored."""

    @abstractmethod
    def add(self, extraction: Extraction) -> str:
        """Store one extraction atomically (all of it or nothing); return its document id.

        The same id replaces the stored document; the same text as a stored document (under any id)
        stores nothing and returns that document's id, so concurrent writers never fail on a duplicate.

        Raises:
            NotStored: the store refused the document (a value it cannot hold, a constraint); nothing of it
                is stored and the store can go on with the next one.
        """

    @abstractmethod
    def add_many(self, extractions: list[Extraction]) -> list[str]:
        """Store several extractions in one transaction (all of them or none); return their ids (as ``add``).

        Raises:
            NotStored: naming the first document the store refused; none of them is stored.
        """

    @abstractmethod
    def add_failure(self, failure: Failure) -> None:
        """Record a document that could not be processed.

        Raises:
            StoreError: the store cannot be written at all.
        """

    @abstractmethod
    def events(self, where: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0,
               sort: str = "-date") -> list[dict[str, Any]]:
        """Events matching ``where``, newest first, as contract-shaped dicts with ``id`` and ``doc_id``.

        Each also carries ``day`` and its document's ``doc_title``, ``doc_date``, ``doc_source``
        and ``doc_relevance``.

        ``sort`` is one of ``SORTS``, "-" first for descending; ties keep document order.
        """

    def iter_events(self, where: EventFilter = EventFilter(), *, sort: str = "-date",
                    page: int = 1000) -> Iterator[dict[str, Any]]:
        """Every event matching ``where``, in ``sort`` order, read a page at a time (for exports)."""
        offset = 0
        while True:
            batch = self.events(where, limit=page, offset=offset, sort=sort)
            yield from batch
            if len(batch) < page:
                return
            offset += page

    @abstractmethod
    def event(self, event_id: int) -> dict[str, Any] | None:
        """One event, shaped like the items of ``events``, or None."""

    @abstractmethod
    def stats(self, where: EventFilter = EventFilter(), *, interval: str | None = None,
              top: int = 20, points: int = 1000) -> dict[str, Any]:
        """Everything the page's views need for ``where``, the filter evaluated once.

        Returns ``{total, interval, date_range, timeline, top_actors, dyads, countries, points}``,
        each as the method of that name returns it; ``interval`` None picks one by the date range
        (``auto_interval``).
        """

    @abstractmethod
    def timeline(self, where: EventFilter = EventFilter(), *, interval: str = "day") -> list[dict[str, Any]]:
        """Event counts per period and type: ``{period, type, events, conflict, cooperation, goldstein}``.

        ``period`` is the first day of the day, ISO week (Monday) or month; ``conflict`` and
        ``cooperation`` count events with a negative or positive Goldstein score.
        """

    @abstractmethod
    def date_range(self, where: EventFilter = EventFilter()) -> tuple[str | None, str | None]:
        """The first and last day of the matching events, or (None, None)."""

    @abstractmethod
    def top_actors(self, where: EventFilter = EventFilter(), *, limit: int = 20) -> list[dict[str, Any]]:
        """Actors (code, else country) in the most matching events: ``{code, name, events}``."""

    @abstractmethod
    def dyads(self, where: EventFilter = EventFilter(), *, limit: int = 50) -> list[dict[str, Any]]:
        """Source-target pairs with most matching events: ``{source, target, events, goldstein}`` (mean)."""

    @abstractmethod
    def countries(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        """Matching events per location country (ISO3): ``{country, events}``."""

    @abstractmethod
    def points(self, where: EventFilter = EventFilter(), *, limit: int = 1000) -> list[dict[str, Any]]:
        """Matching events per location point: ``{name, lat, lon, country, events}``, most first."""

    @abstractmethod
    def actors(self, q: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
        """Known actors whose code starts with, or name contains, ``q``: ``{code, name, events}``."""

    @abstractmethod
    def resolve_actor(self, value: str, *, limit: int = 5) -> list[dict[str, Any]]:
        """The stored actors an actor filter value (a code, a prefix, a country or a name) matches:
        ``{code, name, events}``, most events first."""

    @abstractmethod
    def search_documents(self, q: str, *, limit: int = 20, offset: int = 0,
                         min_relevance: float | None = None) -> list[dict[str, Any]]:
        """Documents matching full-text ``q``, best first: ``{id, title, date, source, relevance, snippet}``.

        ``min_relevance`` keeps documents at least that relevant (none without a relevance).
        """

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


def auto_interval(first: str | None, last: str | None) -> str:
    """A timeline bucket giving a readable number of bars: days up to ~4 months, weeks up to ~2 years, else months."""
    if not first or not last:
        return "day"
    span = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return "day" if span <= 120 else "week" if span <= 730 else "month"
