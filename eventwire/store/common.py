"""One ``Store`` in plain SQL for every backend: SQLite and PostgreSQL run the same statements.

``SQLStore`` holds all of the reading and writing; a backend supplies the connection (rows
as mappings, ``?`` placeholders), its transactions, its full-text search and the few bits of
SQL that differ between dialects (date buckets, rounding, case-blind LIKE, temp tables).
"""

from __future__ import annotations

import json
import re
from abc import abstractmethod
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from typing import Any

from ..clean import content_hash
from ..errors import NotStored, StoreError
from ..periods import bounds, label, sort_day
from ..records import Actor, Event, Extraction, Failure, to_dict
from .base import SORTS, EventFilter, Store, auto_interval
from .urls import SERVER_SCHEMES
from .urls import redact as redact

#: A selection of event ids: "" (every event) or " AND {column} IN (...)" for a column name.
Ids = Callable[[str], str]


def is_server_url(location: object) -> bool:
    """True if ``location`` is a PostgreSQL URL (``postgresql://...`` or ``postgres://...``)."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


def search_words(text: str | None) -> list[tuple[str, bool]]:
    """The words of a full-text query as ``(word, is_prefix)``; words without a letter or digit are dropped.

    A trailing ``*`` makes a word a prefix ("Seo*"); every other character is kept for the
    backend to quote, so operators in user input never act as operators.
    """
    words = []
    for word in (text or "").split():
        core = word.rstrip("*")
        if re.search(r"\w", core):
            words.append((core, word.endswith("*")))
    return words


class SQLStore(Store):
    """The store's tables and queries in the SQL both backends speak; subclasses add the connection."""

    #: The driver's exceptions: a document's write that raises one is NotStored, any other write StoreError.
    errors: tuple[type[Exception], ...] = ()
    #: What a driver raises for a value it cannot convert (an integer over 64 bits, a lone surrogate).
    value_errors: tuple[type[Exception], ...] = (ValueError, OverflowError)
    #: LIKE that ignores ASCII case (SQLite's LIKE does; PostgreSQL's ILIKE under the "C" collation).
    like = "LIKE"
    #: SQL for the first day of each ``INTERVALS`` bucket of the ISO text column ``day``.
    periods: dict[str, str] = {}
    #: ``expr`` rounded to 2 decimals, as a float.
    round2 = "round({}, 2)"
    #: The temporary table of selected event ids, and the statement indexing it.
    selection = "temp.selection"
    selection_index = "CREATE UNIQUE INDEX temp.selection_id ON selection(id)"

    # -- what a backend provides ---------------------------------------------------------------

    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Execute one statement with ``?`` placeholders; return the cursor (rows are mappings)."""

    @abstractmethod
    def _run_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Execute one statement for each row of parameters."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """A write transaction: committed when the block ends, rolled back if it raises."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any], page: int) -> Iterator[Any]:
        """Every row of a query, fetched ``page`` rows at a time through one cursor."""

    @abstractmethod
    def _text_match(self, words: list[tuple[str, bool]]) -> tuple[str, list[Any]]:
        """A condition on ``events e`` requiring every word (see ``search_words``) in the evidence sentence."""

    def _lock(self, extractions: list[Extraction]) -> None:
        """Wait, inside the write transaction, until no other writer holds these documents (ids or texts).

        A backend whose transactions already exclude each other (SQLite's one writer) needs nothing.
        """

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of a query, or None (the cursor is read to the end, so the statement is done)."""
        rows = self._run(sql, params).fetchall()
        return rows[0] if rows else None

    # -- writing -------------------------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        return self._one("SELECT 1 AS found FROM documents WHERE content_hash = ?", (content_hash,)) is not None

    def add(self, extraction: Extraction) -> str:
        return self.add_many([extraction])[0]

    def add_many(self, extractions: list[Extraction]) -> list[str]:
        current = extractions[0].origin if extractions else "<none>"
        ids = []
        try:
            with self._transaction():
                self._lock(extractions)
                for extraction in extractions:
                    current = extraction.origin
                    ids.append(self._insert(extraction))
        except (*self.errors, *self.value_errors) as exc:
            # One document the store refuses is that document's failure (NotStored), not the batch's.
            raise NotStored(current, " ".join(str(exc).split()) or type(exc).__name__) from exc
        return ids

    def _insert(self, extraction: Extraction) -> str:
        """Write one extraction inside the caller's transaction; return the id its text is stored under."""
        doc_id = extraction.id
        digest = content_hash(extraction.text)
        # The same id with new content is an updated article: it replaces the old one.
        self._run("DELETE FROM documents WHERE id = ?", (doc_id,))
        stored = self._one(
            "INSERT INTO documents (id, content_hash, date, title, source, url, origin, text, ingested_at, relevance, "
            "record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
            (doc_id, digest, extraction.date, extraction.title, extraction.source, extraction.url,
             extraction.origin, extraction.text, now(), extraction.relevance,
             json.dumps(extraction.to_dict(), ensure_ascii=False)),
        )
        if stored is None:
            # The same text is stored already (another writer got there first): keep that copy.
            return str(self._one("SELECT id FROM documents WHERE content_hash = ?", (digest,))["id"])
        self._add_children(doc_id, extraction)
        self._run("DELETE FROM failures WHERE origin = ?", (extraction.origin,))
        return doc_id

    def _add_children(self, doc_id: str, ex: Extraction) -> None:
        self._insert_rows("entities", ("text", "label", "start", '"end"', "canonical", "code", "country", "sector",
                                       "title"),
                          [(doc_id, e.text, e.label, e.start, e.end, e.canonical, e.code, e.country, e.sector,
                            e.title) for e in ex.entities])
        self._insert_rows("timexes", ("text", "start", '"end"', "type", "value"),
                          [(doc_id, t.text, t.start, t.end, t.type, t.value) for t in ex.timexes])
        self._insert_rows("places", ("text", "start", '"end"', "name", "geonameid", "lat", "lon", "country", "feature"),
                          [(doc_id, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature)
                           for p in ex.places])
        self._insert_rows("quotes", ("speaker_text", "speaker_start", "speaker_end", "speaker_canonical",
                                     "speaker_country", "speaker_code", "cue_text", "cue_start", "cue_end",
                                     "content_text", "content_start", "content_end", "direct"),
                          [(doc_id, *(_speaker_row(q.speaker)), q.cue.text, q.cue.start, q.cue.end,
                            q.content.text, q.content.start, q.content.end, int(q.direct)) for q in ex.quotes])
        ids = self._add_events(doc_id, ex.events, ex.date)
        self._run_many("INSERT INTO event_actors (event_id, role, text, code, country, sector, canonical) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(ids[seq], role, a.text, a.code, a.country, a.sector, a.canonical)
                        for seq, event in enumerate(ex.events)
                        for role, actor in (("source", event.source), ("target", event.target))
                        for a in _members(actor)])

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Insert rows of a document's child table: each row is its doc_id, then ``columns``."""
        self._run_many(f"INSERT INTO {table} (doc_id, {', '.join(columns)}) "
                       f"VALUES ({', '.join('?' * (len(columns) + 1))})", rows)

    def _add_events(self, doc_id: str, events: list[Event], doc_date: str | None) -> dict[int, int]:
        """Insert a document's events, a few hundred per statement (one round trip); return their ids by seq."""
        ids: dict[int, int] = {}
        rows = [_event_row(doc_id, seq, event, doc_date) for seq, event in enumerate(events)]
        for start in range(0, len(rows), _EVENTS_PER_INSERT):
            chunk = rows[start:start + _EVENTS_PER_INSERT]
            values = ", ".join(["(" + ", ".join("?" * len(_EVENT_COLUMNS)) + ")"] * len(chunk))
            returned = self._run(f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES {values} RETURNING id, seq",
                                 [value for row in chunk for value in row]).fetchall()
            ids.update((row["seq"], row["id"]) for row in returned)
        return ids

    def add_failure(self, failure: Failure) -> None:
        try:
            self._run(
                "INSERT INTO failures (origin, doc_id, kind, stage, reason, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (origin, stage, kind) DO UPDATE SET reason = excluded.reason, "
                "created_at = excluded.created_at",
                (failure.origin, failure.doc_id, failure.kind, failure.stage, failure.reason, now()),
            )
        except (*self.errors, *self.value_errors) as exc:
            raise StoreError(f"cannot record the failure of {failure.origin!r}: {' '.join(str(exc).split())}") from exc

    # -- reading -------------------------------------------------------------------------------

    def events(self, where: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0,
               sort: str = "-date") -> list[dict[str, Any]]:
        clause, params = self._where(where)
        rows = self._run(f"{EVENT_SELECT} {clause} ORDER BY {order_by(sort)} LIMIT ? OFFSET ?",
                         (*params, limit, offset)).fetchall()
        return [event_dict(row) for row in rows]

    def iter_events(self, where: EventFilter = EventFilter(), *, sort: str = "-date",
                    page: int = 1000) -> Iterator[dict[str, Any]]:
        # One cursor over the whole result: OFFSET paging would re-run the filter for every page.
        clause, params = self._where(where)
        for row in self._stream(f"{EVENT_SELECT} {clause} ORDER BY {order_by(sort)}", params, page):
            yield event_dict(row)

    def event(self, event_id: int) -> dict[str, Any] | None:
        row = self._one(f"{EVENT_SELECT} WHERE e.id = ?", (event_id,))
        return event_dict(row) if row else None

    def count_events(self, where: EventFilter = EventFilter()) -> int:
        clause, params = self._where(where)
        return int(self._one(f"SELECT count(*) AS n FROM events e {clause}", params)["n"])

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT record, relevance FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            return None
        record: dict[str, Any] = json.loads(row["record"])
        record.setdefault("relevance", row["relevance"])  # records stored before relevance lack the key
        return record

    def failures(self, *, limit: int = 100) -> list[dict[str, Any]]:
        rows = self._run("SELECT id, origin, doc_id, kind, stage, reason, created_at FROM failures "
                         "ORDER BY created_at DESC, id DESC LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def summary(self, *, top: int = 10) -> dict[str, Any]:
        count = lambda table: self._one(f"SELECT count(*) AS n FROM {table}")["n"]  # noqa: E731
        by = lambda column: {row["key"]: row["n"] for row in self._run(  # noqa: E731
            f"SELECT {column} AS key, count(*) AS n FROM events GROUP BY {column} ORDER BY count(*) DESC, {column}")}
        days = self._one("SELECT min(day) AS first, max(day) AS last FROM events")
        return {
            "store": self.location,
            "documents": count("documents"),
            "events": count("events"),
            "failures": count("failures"),
            "events_by_type": by("type"),
            "events_by_status": by("status"),
            "top_actors": [dict(row) for row in self._run(
                "SELECT coalesce(code, country) AS code, count(DISTINCT event_id) AS events FROM event_actors "
                "WHERE coalesce(code, country) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", (top,))],
            "date_range": [days["first"], days["last"]],
            **self._dating(lambda column: ""),
        }

    def stats(self, where: EventFilter = EventFilter(), *, interval: str | None = None,
              top: int = 20, points: int = 1000) -> dict[str, Any]:
        with self._selection(where) as ids:
            first, last = self._date_range(ids)
            chosen = interval or auto_interval(first, last)
            return {
                "total": self._count(ids), "interval": chosen, "date_range": [first, last],
                "timeline": self._timeline(ids, chosen), "top_actors": self._top_actors(ids, top),
                "dyads": self._dyads(ids, top), "countries": self._countries(ids), "points": self._points(ids, points),
                **self._dating(ids),
            }

    def timeline(self, where: EventFilter = EventFilter(), *, interval: str = "day") -> list[dict[str, Any]]:
        with self._selection(where) as ids:
            return self._timeline(ids, interval)

    def date_range(self, where: EventFilter = EventFilter()) -> tuple[str | None, str | None]:
        with self._selection(where) as ids:
            return self._date_range(ids)

    def top_actors(self, where: EventFilter = EventFilter(), *, limit: int = 20) -> list[dict[str, Any]]:
        with self._selection(where) as ids:
            return self._top_actors(ids, limit)

    def dyads(self, where: EventFilter = EventFilter(), *, limit: int = 50) -> list[dict[str, Any]]:
        with self._selection(where) as ids:
            return self._dyads(ids, limit)

    def countries(self, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
        with self._selection(where) as ids:
            return self._countries(ids)

    def points(self, where: EventFilter = EventFilter(), *, limit: int = 1000) -> list[dict[str, Any]]:
        with self._selection(where) as ids:
            return self._points(ids, limit)

    # Aggregations over a selection made by _selection, so the filter (actor EXISTS, full-text match)
    # is evaluated once per request, not once per aggregate.

    @contextmanager
    def _selection(self, where: EventFilter) -> Iterator[Ids]:
        """Materialise the ids of the events matching ``where`` in a temporary table, for several aggregates."""
        clause, params = self._where(where)
        if not clause:
            yield lambda column: ""
            return
        self._run(f"DROP TABLE IF EXISTS {self.selection}")
        self._run(f"CREATE TEMP TABLE selection AS SELECT e.id FROM events e {clause}", params)
        self._run(self.selection_index)
        try:
            yield lambda column: f" AND {column} IN (SELECT id FROM {self.selection})"
        finally:
            self._run(f"DROP TABLE IF EXISTS {self.selection}")

    def _dating(self, ids: Ids) -> dict[str, int]:
        """``undated``: events with no known period; ``coarse``: dated only to more than a month (a season, a
        year), so on no timeline bar."""
        row = self._one("SELECT count(*) - count(e.date_start) AS undated, "
                        "count(e.date_start) - count(e.day) AS coarse "
                        f"FROM events e WHERE true{ids('e.id')}")
        return {"undated": int(row["undated"] or 0), "coarse": int(row["coarse"] or 0)}

    def _count(self, ids: Ids) -> int:
        return int(self._one(f"SELECT count(*) AS n FROM events e WHERE true{ids('e.id')}")["n"])

    def _date_range(self, ids: Ids) -> tuple[str | None, str | None]:
        row = self._one(f"SELECT min(e.day) AS first, max(e.day) AS last FROM events e WHERE true{ids('e.id')}")
        return row["first"], row["last"]

    def _timeline(self, ids: Ids, interval: str) -> list[dict[str, Any]]:
        if interval not in self.periods:
            raise ValueError(f"unknown interval {interval!r} (known: {', '.join(self.periods)})")
        # Count per day first (a covering index scan), then bucket the few day rows into weeks or months.
        # Without a Goldstein score the quad class says which side an event is on.
        rows = self._run(
            f"SELECT {self.periods[interval]} AS period, type, CAST(sum(n) AS BIGINT) AS events, "
            "CAST(sum(conflict) AS BIGINT) AS conflict, CAST(sum(cooperation) AS BIGINT) AS cooperation, "
            "sum(score) / nullif(CAST(sum(scored) AS DOUBLE PRECISION), 0) AS goldstein FROM ("
            "  SELECT e.day AS day, e.type AS type, count(*) AS n, "
            "  sum(CASE WHEN coalesce(e.goldstein < 0, e.quad >= 3) THEN 1 ELSE 0 END) AS conflict, "
            "  sum(CASE WHEN coalesce(e.goldstein > 0, e.quad <= 2) THEN 1 ELSE 0 END) AS cooperation, "
            "  sum(e.goldstein) AS score, count(e.goldstein) AS scored "
            f"  FROM events e WHERE e.day IS NOT NULL{ids('e.id')} GROUP BY e.day, e.type"
            ") AS per_day GROUP BY 1, 2 ORDER BY 1, 2")
        return [dict(row) for row in rows]

    def _top_actors(self, ids: Ids, limit: int) -> list[dict[str, Any]]:
        rows = self._run(
            "SELECT coalesce(a.code, a.country) AS code, count(DISTINCT a.event_id) AS events FROM event_actors a "
            f"WHERE coalesce(a.code, a.country) IS NOT NULL{ids('a.event_id')} "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", (limit,)).fetchall()
        return self._named(rows)

    def _dyads(self, ids: Ids, limit: int) -> list[dict[str, Any]]:
        rows = self._run(
            "SELECT coalesce(s.code, s.country) AS source, coalesce(t.code, t.country) AS target, "
            "count(DISTINCT e.id) AS events, avg(e.goldstein) AS goldstein FROM event_actors s "
            "JOIN event_actors t ON t.event_id = s.event_id AND t.role = 'target' "
            "JOIN events e ON e.id = s.event_id "
            "WHERE s.role = 'source' AND coalesce(s.code, s.country) IS NOT NULL "
            f"AND coalesce(t.code, t.country) IS NOT NULL{ids('s.event_id')} "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?", (limit,)).fetchall()
        # Each side's most frequent name too, so a network shows "Antony Blinken" beside USAGOV.
        names = self._names(sorted({row["source"] for row in rows} | {row["target"] for row in rows}))
        return [{**dict(row), "source_name": names.get(row["source"]), "target_name": names.get(row["target"])}
                for row in rows]

    def _countries(self, ids: Ids) -> list[dict[str, Any]]:
        rows = self._run(
            "SELECT e.location_country AS country, count(*) AS events FROM events e "
            f"WHERE e.location_country IS NOT NULL{ids('e.id')} GROUP BY 1 ORDER BY 2 DESC, 1")
        return [dict(row) for row in rows]

    def _points(self, ids: Ids, limit: int) -> list[dict[str, Any]]:
        # Group by exact coordinates first (in index order), then merge points within ~1 km.
        rows = self._run(
            f"SELECT max(name) AS name, {self.round2.format('lat')} AS lat, {self.round2.format('lon')} AS lon, "
            "max(country) AS country, CAST(sum(n) AS BIGINT) AS events FROM ("
            "  SELECT e.location_lat AS lat, e.location_lon AS lon, max(e.location_name) AS name, "
            "  max(e.location_country) AS country, count(*) AS n FROM events e "
            f"  WHERE e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL{ids('e.id')} "
            "  GROUP BY e.location_lat, e.location_lon"
            ") AS per_point GROUP BY 2, 3 ORDER BY 5 DESC, 1 LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def actors(self, q: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
        terms, params = ["coalesce(code, country) IS NOT NULL"], []
        if q and q.strip():
            needle = q.strip()
            terms.append(" OR ".join(f"{column} {self.like} ? ESCAPE '\\'"
                                     for column in ("coalesce(code, country)", "canonical", "text")))
            params += [like_escape(needle.upper()) + "%", "%" + like_escape(needle) + "%",
                       "%" + like_escape(needle) + "%"]
        rows = self._run(
            "SELECT coalesce(code, country) AS code, count(DISTINCT event_id) AS events FROM event_actors "
            f"WHERE {' AND '.join(f'({term})' for term in terms)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            (*params, limit)).fetchall()
        return self._named(rows)

    def resolve_actor(self, value: str, *, limit: int = 5) -> list[dict[str, Any]]:
        """The actors an actor filter value matches (as ``_where`` matches them), most events first:
        ``{code, name, events}``, so a filter by name can say which codes it found."""
        rows = self._run(
            "SELECT coalesce(a.code, a.country) AS code, count(DISTINCT a.event_id) AS events FROM event_actors a "
            f"WHERE coalesce(a.code, a.country) IS NOT NULL AND ({ACTOR_MATCH.format(like=self.like)}) "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", (*actor_params(value), limit)).fetchall()
        return self._named(rows)

    def _named(self, rows: list[Any]) -> list[dict[str, Any]]:
        """``{code, name, events}`` for rows of ``{code, events}``, with each code's most frequent name."""
        names = self._names([row["code"] for row in rows])
        return [{"code": row["code"], "name": names.get(row["code"]), "events": row["events"]} for row in rows]

    def _names(self, codes: list[str]) -> dict[str, str]:
        """The most frequent canonical name (else mention text) of each actor code or country.

        Counted over a sample of each code's mentions, so a code with 30,000 events costs no more than one with 30.
        """
        names: dict[str, str] = {}
        for code in codes:
            sample = Counter(row["name"] for row in self._run(
                "SELECT coalesce(canonical, text) AS name FROM event_actors WHERE coalesce(code, country) = ? "
                "AND coalesce(canonical, text) IS NOT NULL LIMIT 500", (code,)))
            if sample:
                names[code] = min(sample.items(), key=lambda item: (-item[1], item[0]))[0]
        return names

    def _where(self, f: EventFilter) -> tuple[str, list[Any]]:
        """SQL WHERE clause and parameters for a filter over ``events e``."""
        terms: list[str] = []
        params: list[Any] = []

        def actor_term(value: str, role: str | None) -> None:
            role_sql = " AND a.role = ?" if role else ""
            terms.append(f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND ({ACTOR_MATCH}){role_sql})"
                         .format(like=self.like))
            params.extend([*actor_params(value), *([role] if role else [])])

        if f.actor:
            actor_term(f.actor, None)
        if f.source:
            actor_term(f.source, "source")
        if f.target:
            actor_term(f.target, "target")
        for column, value in (("type", f.type and f.type.upper()), ("status", f.status and f.status.lower()),
                              ("location_country", f.country and f.country.upper()), ("doc_id", f.doc_id)):
            if value:
                terms.append(f"e.{column} = ?")
                params.append(value)
        if f.place:
            terms.append(f"e.location_name {self.like} ? ESCAPE '\\'")
            params.append(like_escape(f.place.strip()))
        # A period overlapping the range is in it: "2005" is found by --since 2005-06-01.
        if f.since:
            terms.append("e.date_end >= ?")
            params.append(f.since)
        if f.until:
            terms.append("e.date_start <= ?")
            params.append(f.until)
        if f.min_confidence is not None:
            terms.append("e.confidence >= ?")
            params.append(f.min_confidence)
        if f.min_relevance is not None:
            terms.append("EXISTS (SELECT 1 FROM documents r WHERE r.id = e.doc_id AND r.relevance >= ?)")
            params.append(f.min_relevance)
        words = search_words(f.text)
        if words:
            term, values = self._text_match(words)
            terms.append(term)
            params.extend(values)
        return ("WHERE " + " AND ".join(terms)) if terms else "", params


#: An ``event_actors a`` row matching a filter value: a code, a code prefix or a country ("USA", "USAGOV"), or a
#: name, the canonical one or as written, in any case ("Tony Blair", "the Kremlin").
ACTOR_MATCH = ("a.code = ? OR a.country = ? OR a.code {like} ? ESCAPE '\\' OR a.canonical {like} ? ESCAPE '\\' "
               "OR a.text {like} ? ESCAPE '\\'")


def actor_params(value: str) -> list[str]:
    """The parameters of ``ACTOR_MATCH`` for a filter value."""
    name = like_escape(value.strip())
    return [value.upper(), value.upper(), like_escape(value.upper()) + "%", name, name]


EVENT_SELECT = (
    "SELECT e.id, e.doc_id, e.day, e.date_start, e.date_end, e.record, d.title, d.date AS doc_date, "
    "d.source AS doc_source, d.url AS doc_url, d.relevance AS doc_relevance "
    "FROM events e JOIN documents d ON d.id = e.doc_id"
)

#: SQL for each sort key of ``SORTS``; ties keep document order.
SORT_COLUMNS = {"date": "e.day {direction} NULLS LAST, e.date_start", "confidence": "e.confidence", "goldstein": "e.goldstein", "type": "e.type",
                "id": "e.id"}


def order_by(sort: str) -> str:
    """ORDER BY terms for a ``SORTS`` key, "-" first for descending."""
    key = sort.lstrip("-")
    if key not in SORT_COLUMNS or key not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (known: {', '.join(SORTS)}, '-' first for descending)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{SORT_COLUMNS[key].format(direction=direction)} {direction} NULLS LAST, e.doc_id, e.seq"


def event_dict(row: Any) -> dict[str, Any]:
    """An ``EVENT_SELECT`` row as the contract-shaped event with its id, day, period and document fields.

    ``date_start``/``date_end`` are the ISO days of the event date's period (None when undated), and
    ``date_label`` the date as people read it ("March 2005", "undated": ``periods.label``).
    """
    record = json.loads(row["record"])
    return {"id": row["id"], "doc_id": row["doc_id"], "day": row["day"], "date_start": row["date_start"],
            "date_end": row["date_end"], "date_label": label((record.get("date") or {}).get("value")),
            "doc_title": row["title"], "doc_date": row["doc_date"], "doc_source": row["doc_source"],
            "doc_url": row["doc_url"], "doc_relevance": row["doc_relevance"], **record}


def like_escape(value: str) -> str:
    """Escape LIKE wildcards (with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


#: The columns of an events row, as ``_event_row`` gives them.
_EVENT_COLUMNS = (
    "doc_id", "seq", "type", "mode", "cameo", "goldstein", "quad", "status", "confidence",
    "source_text", "source_code", "source_country", "source_sector", "target_text", "target_code", "target_country",
    "target_sector", "attributed_code", "attributed_country", "attributed_text", "date_value", "date_granularity",
    "day", "date_start", "date_end", "location_name", "location_geonameid", "location_lat", "location_lon", "location_country",
    "trigger_text", "trigger_start", "trigger_end", "sentence_text", "sentence_start", "sentence_end", "record",
)
#: Rows per multi-row INSERT: 37 parameters each, well under SQLite's limit of 32,766 per statement.
_EVENTS_PER_INSERT = 200


def _event_row(doc_id: str, seq: int, e: Event, doc_date: str | None) -> tuple[Any, ...]:
    """The ``_EVENT_COLUMNS`` values of one event: ``day`` is the first day of a period of a month or less."""
    date_value = e.date.value if e.date else None
    loc, att = e.location, e.attributed_to
    return (doc_id, seq, e.type, e.mode, e.cameo, e.goldstein, e.quad, e.status, e.confidence,
            *_actor_row(e.source), *_actor_row(e.target),
            att.code if att else None, att.country if att else None, att.text if att else None,
            date_value, e.date.granularity if e.date else None, sort_day(date_value), *bounds(date_value),
            loc.name if loc else None, loc.geonameid if loc else None, loc.lat if loc else None,
            loc.lon if loc else None, loc.country if loc else None,
            e.trigger.text, e.trigger.start, e.trigger.end, e.sentence.text, e.sentence.start, e.sentence.end,
            json.dumps(to_dict(e), ensure_ascii=False))


def _members(actor: Actor | None) -> list[Actor]:
    if actor is None:
        return []
    return list(actor.members) if actor.members else [actor]


def _actor_row(actor: Actor | None) -> tuple[str | None, str | None, str | None, str | None]:
    if actor is None:
        return (None, None, None, None)
    return (actor.text, actor.code, actor.country, actor.sector)


def _speaker_row(speaker: Any) -> tuple[Any, ...]:
    if speaker is None:
        return (None,) * 6
    return (speaker.text, speaker.start, speaker.end, speaker.canonical, speaker.country, speaker.code)
