"""The embedded store: one SQLite file in WAL mode, through Python's sqlite3."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..clean import content_hash
from ..errors import StoreError
from ..records import Actor, Event, Extraction, Failure, to_dict
from .base import SORTS, EventFilter, Store, auto_interval, date_key
from .migrations import migrate


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at ``location``: a SQLite file path."""
    return SQLiteStore(location)


class SQLiteStore(Store):
    """A SQLite file; every document is written in one transaction."""

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
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

    # -- writing -------------------------------------------------------------------------

    def has_content(self, content_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def add(self, extraction: Extraction) -> str:
        return self.add_many([extraction])[0]

    def add_many(self, extractions: list[Extraction]) -> list[str]:
        current = extractions[0].origin if extractions else "<none>"
        try:
            self.db.execute("BEGIN IMMEDIATE")
            for extraction in extractions:
                current = extraction.origin
                self._insert(extraction)
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot store {current}: {exc}") from exc
        return [extraction.id for extraction in extractions]

    def _insert(self, extraction: Extraction) -> None:
        """Write one extraction inside the caller's transaction."""
        record = extraction.to_dict()
        doc_id = extraction.id
        # The same id with new content is an updated article: it replaces the old one.
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        self.db.execute(
            "INSERT INTO documents (id, content_hash, date, title, source, url, origin, text, ingested_at, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, content_hash(extraction.text), extraction.date, extraction.title, extraction.source,
             extraction.url, extraction.origin, extraction.text, _now(), json.dumps(record, ensure_ascii=False)),
        )
        self._add_children(doc_id, extraction)
        self.db.execute("DELETE FROM failures WHERE origin = ?", (extraction.origin,))

    def _add_children(self, doc_id: str, ex: Extraction) -> None:
        db = self.db
        db.executemany(
            'INSERT INTO entities (doc_id, text, label, start, "end", canonical, code, country, sector, title) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, e.text, e.label, e.start, e.end, e.canonical, e.code, e.country, e.sector, e.title)
             for e in ex.entities],
        )
        db.executemany(
            'INSERT INTO timexes (doc_id, text, start, "end", type, value) VALUES (?, ?, ?, ?, ?, ?)',
            [(doc_id, t.text, t.start, t.end, t.type, t.value) for t in ex.timexes],
        )
        db.executemany(
            'INSERT INTO places (doc_id, text, start, "end", name, geonameid, lat, lon, country, feature) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, p.text, p.start, p.end, p.name, p.geonameid, p.lat, p.lon, p.country, p.feature)
             for p in ex.places],
        )
        db.executemany(
            "INSERT INTO quotes (doc_id, speaker_text, speaker_start, speaker_end, speaker_canonical, speaker_country, "
            "speaker_code, cue_text, cue_start, cue_end, content_text, content_start, content_end, direct) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(doc_id, *(_speaker_row(q.speaker)), q.cue.text, q.cue.start, q.cue.end,
              q.content.text, q.content.start, q.content.end, int(q.direct)) for q in ex.quotes],
        )
        for seq, event in enumerate(ex.events):
            event_id = self._add_event(doc_id, seq, event, ex.date)
            rows = [(event_id, role, a.text, a.code, a.country, a.sector, a.canonical)
                    for role, actor in (("source", event.source), ("target", event.target))
                    for a in _members(actor)]
            db.executemany("INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def _add_event(self, doc_id: str, seq: int, e: Event, doc_date: str | None) -> int:
        date_value = e.date.value if e.date else None
        loc = e.location
        src, tgt, att = e.source, e.target, e.attributed_to
        cursor = self.db.execute(
            "INSERT INTO events (doc_id, seq, type, mode, cameo, goldstein, quad, status, confidence, "
            "source_text, source_code, source_country, source_sector, target_text, target_code, target_country, "
            "target_sector, attributed_code, attributed_country, attributed_text, date_value, date_granularity, day, "
            "location_name, location_geonameid, location_lat, location_lon, location_country, "
            "trigger_text, trigger_start, trigger_end, sentence_text, sentence_start, sentence_end, record) "
            "VALUES (" + ", ".join("?" * 35) + ")",
            (doc_id, seq, e.type, e.mode, e.cameo, e.goldstein, e.quad, e.status, e.confidence,
             *_actor_row(src), *_actor_row(tgt),
             att.code if att else None, att.country if att else None, att.text if att else None,
             date_value, e.date.granularity if e.date else None, date_key(date_value) or date_key(doc_date),
             loc.name if loc else None, loc.geonameid if loc else None, loc.lat if loc else None,
             loc.lon if loc else None, loc.country if loc else None,
             e.trigger.text, e.trigger.start, e.trigger.end, e.sentence.text, e.sentence.start, e.sentence.end,
             json.dumps(to_dict(e), ensure_ascii=False)),
        )
        return int(cursor.lastrowid or 0)

    def add_failure(self, failure: Failure) -> None:
        self.db.execute(
            "INSERT INTO failures (origin, doc_id, kind, stage, reason, created_at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(origin, stage, kind) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at",
            (failure.origin, failure.doc_id, failure.kind, failure.stage, failure.reason, _now()),
        )

    # -- reading -------------------------------------------------------------------------

    def events(self, where: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0,
               sort: str = "-date") -> list[dict[str, Any]]:
        clause, params = _where(where)
        rows = self.db.execute(
            f"{_EVENT_SELECT} {clause} ORDER BY {_order(sort)} LIMIT ? OFFSET ?", (*params, limit, offset),
        ).fetchall()
        return [_event_dict(row) for row in rows]

    def iter_events(self, where: EventFilter = EventFilter(), *, sort: str = "-date",
                    page: int = 1000) -> Iterator[dict[str, Any]]:
        # One cursor over the whole result: OFFSET paging would re-run the filter for every page.
        clause, params = _where(where)
        cursor = self.db.execute(f"{_EVENT_SELECT} {clause} ORDER BY {_order(sort)}", params)
        try:
            while batch := cursor.fetchmany(page):
                yield from (_event_dict(row) for row in batch)
        finally:
            cursor.close()

    def event(self, event_id: int) -> dict[str, Any] | None:
        row = self.db.execute(f"{_EVENT_SELECT} WHERE e.id = ?", (event_id,)).fetchone()
        return _event_dict(row) if row else None

    def count_events(self, where: EventFilter = EventFilter()) -> int:
        clause, params = _where(where)
        return int(self.db.execute(f"SELECT count(*) FROM events e {clause}", params).fetchone()[0])

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT record FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return json.loads(row["record"]) if row else None

    def failures(self, *, limit: int = 100) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM failures ORDER BY created_at DESC, id DESC LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def summary(self, *, top: int = 10) -> dict[str, Any]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "store": self.location,
            "documents": one("SELECT count(*) FROM documents"),
            "events": one("SELECT count(*) FROM events"),
            "failures": one("SELECT count(*) FROM failures"),
            "events_by_type": dict(self.db.execute(
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type").fetchall()),
            "events_by_status": dict(self.db.execute(
                "SELECT status, count(*) FROM events GROUP BY status ORDER BY count(*) DESC").fetchall()),
            "top_actors": [dict(row) for row in self.db.execute(
                "SELECT coalesce(code, country) AS code, count(DISTINCT event_id) AS events FROM event_actors "
                "WHERE coalesce(code, country) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", (top,))],
            "date_range": list(self.db.execute("SELECT min(day), max(day) FROM events").fetchone()),
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

    # Aggregations over a selection: ``ids`` is "" (every event) or " AND {column} IN (...)" made by _selection,
    # so the filter (actor EXISTS, full-text MATCH) is evaluated once per request, not once per aggregate.

    @contextmanager
    def _selection(self, where: EventFilter) -> Iterator[Callable[[str], str]]:
        """Materialise the ids of the events matching ``where`` in a temporary table, for several aggregates."""
        clause, params = _where(where)
        if not clause:
            yield lambda column: ""
            return
        self.db.execute("DROP TABLE IF EXISTS temp.selection")
        self.db.execute(f"CREATE TEMP TABLE selection AS SELECT e.id FROM events e {clause}", params)
        self.db.execute("CREATE UNIQUE INDEX temp.selection_id ON selection(id)")
        try:
            yield lambda column: f" AND {column} IN (SELECT id FROM temp.selection)"
        finally:
            self.db.execute("DROP TABLE IF EXISTS temp.selection")

    def _count(self, ids: Callable[[str], str]) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM events e WHERE 1{ids('e.id')}").fetchone()[0])

    def _date_range(self, ids: Callable[[str], str]) -> tuple[str | None, str | None]:
        first, last = self.db.execute(f"SELECT min(e.day), max(e.day) FROM events e WHERE 1{ids('e.id')}").fetchone()
        return first, last

    def _timeline(self, ids: Callable[[str], str], interval: str) -> list[dict[str, Any]]:
        if interval not in _PERIODS:
            raise ValueError(f"unknown interval {interval!r} (known: {', '.join(_PERIODS)})")
        # Count per day first (a covering index scan), then bucket the few day rows into weeks or months.
        # Without a Goldstein score the quad class says which side an event is on.
        rows = self.db.execute(
            f"SELECT {_PERIODS[interval]} AS period, type, sum(n) AS events, sum(conflict) AS conflict, "
            "sum(cooperation) AS cooperation, sum(score) / nullif(sum(scored), 0) AS goldstein FROM ("
            "  SELECT e.day AS day, e.type AS type, count(*) AS n, "
            "  sum(coalesce(e.goldstein < 0, e.quad >= 3, 0)) AS conflict, "
            "  sum(coalesce(e.goldstein > 0, e.quad <= 2, 0)) AS cooperation, "
            "  sum(e.goldstein) AS score, count(e.goldstein) AS scored "
            f"  FROM events e WHERE e.day IS NOT NULL{ids('e.id')} GROUP BY e.day, e.type"
            ") GROUP BY 1, 2 ORDER BY 1, 2")
        return [dict(row) for row in rows]

    def _top_actors(self, ids: Callable[[str], str], limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT coalesce(a.code, a.country) AS code, count(DISTINCT a.event_id) AS events FROM event_actors a "
            f"WHERE coalesce(a.code, a.country) IS NOT NULL{ids('a.event_id')} "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", (limit,)).fetchall()
        names = self._names([row["code"] for row in rows])
        return [{"code": row["code"], "name": names.get(row["code"]), "events": row["events"]} for row in rows]

    def _dyads(self, ids: Callable[[str], str], limit: int) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT coalesce(s.code, s.country) AS source, coalesce(t.code, t.country) AS target, "
            "count(DISTINCT e.id) AS events, avg(e.goldstein) AS goldstein FROM event_actors s "
            "JOIN event_actors t ON t.event_id = s.event_id AND t.role = 'target' "
            "JOIN events e ON e.id = s.event_id "
            "WHERE s.role = 'source' AND coalesce(s.code, s.country) IS NOT NULL "
            f"AND coalesce(t.code, t.country) IS NOT NULL{ids('s.event_id')} "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def _countries(self, ids: Callable[[str], str]) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT e.location_country AS country, count(*) AS events FROM events e "
            f"WHERE e.location_country IS NOT NULL{ids('e.id')} GROUP BY 1 ORDER BY 2 DESC, 1")
        return [dict(row) for row in rows]

    def _points(self, ids: Callable[[str], str], limit: int) -> list[dict[str, Any]]:
        # Group by exact coordinates first (in index order), then merge points within ~1 km.
        rows = self.db.execute(
            "SELECT max(name) AS name, round(lat, 2) AS lat, round(lon, 2) AS lon, max(country) AS country, "
            "sum(n) AS events FROM ("
            "  SELECT e.location_lat AS lat, e.location_lon AS lon, max(e.location_name) AS name, "
            "  max(e.location_country) AS country, count(*) AS n FROM events e "
            f"  WHERE e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL{ids('e.id')} "
            "  GROUP BY e.location_lat, e.location_lon"
            ") GROUP BY 2, 3 ORDER BY 5 DESC, 1 LIMIT ?", (limit,))
        return [dict(row) for row in rows]

    def actors(self, q: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
        terms, params = ["coalesce(code, country) IS NOT NULL"], []
        if q and q.strip():
            needle = q.strip()
            terms.append("(coalesce(code, country) LIKE ? ESCAPE '\\' OR canonical LIKE ? ESCAPE '\\' "
                         "OR text LIKE ? ESCAPE '\\')")
            params += [_like(needle.upper()) + "%", "%" + _like(needle) + "%", "%" + _like(needle) + "%"]
        rows = self.db.execute(
            "SELECT coalesce(code, country) AS code, count(DISTINCT event_id) AS events FROM event_actors "
            f"WHERE {' AND '.join(terms)} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?", (*params, limit)).fetchall()
        names = self._names([row["code"] for row in rows])
        return [{"code": row["code"], "name": names.get(row["code"]), "events": row["events"]} for row in rows]

    def search_documents(self, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        match = fts_query(q)
        if match is None:
            return []
        rows = self.db.execute(
            "SELECT d.id, d.title, d.date, d.source, "
            "snippet(documents_fts, 1, '[', ']', ' … ', 16) AS snippet "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (match, limit, offset))
        return [dict(row) for row in rows]

    def _names(self, codes: list[str]) -> dict[str, str]:
        """The most frequent canonical name (else mention text) of each actor code or country.

        Counted over a sample of each code's mentions, so a code with 30,000 events costs no more than one with 30.
        """
        names: dict[str, str] = {}
        for code in codes:
            sample = Counter(row[0] for row in self.db.execute(
                "SELECT coalesce(canonical, text) FROM event_actors WHERE coalesce(code, country) = ? "
                "AND coalesce(canonical, text) IS NOT NULL LIMIT 500", (code,)))
            if sample:
                names[code] = min(sample.items(), key=lambda item: (-item[1], item[0]))[0]
        return names

    def close(self) -> None:
        self.db.close()


_EVENT_SELECT = (
    "SELECT e.id, e.doc_id, e.day, e.record, d.title, d.date AS doc_date, d.source AS doc_source "
    "FROM events e JOIN documents d ON d.id = e.doc_id"
)

#: SQL for each sort key of ``SORTS``; ties keep document order.
_SORT_COLUMNS = {"date": "e.day", "confidence": "e.confidence", "goldstein": "e.goldstein", "type": "e.type",
                 "id": "e.id"}

#: SQL for the first day of each ``INTERVALS`` bucket (weeks start on Monday, as ISO weeks do).
_PERIODS = {"day": "day", "week": "date(day, '-6 days', 'weekday 1')", "month": "substr(day, 1, 7) || '-01'"}


def _order(sort: str) -> str:
    """ORDER BY terms for a ``SORTS`` key, "-" first for descending."""
    key = sort.lstrip("-")
    if key not in _SORT_COLUMNS or key not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (known: {', '.join(SORTS)}, '-' first for descending)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{_SORT_COLUMNS[key]} {direction} NULLS LAST, e.doc_id, e.seq"


def _event_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "doc_id": row["doc_id"], "day": row["day"], "doc_title": row["title"],
            "doc_date": row["doc_date"], "doc_source": row["doc_source"], **json.loads(row["record"])}


def fts_query(text: str | None) -> str | None:
    """An FTS5 MATCH expression requiring every word of ``text``; None if it has no words.

    Each word becomes a quoted phrase (so FTS5 operators and punctuation in user input are
    inert: "U.S." is the phrase "u s"); a trailing ``*`` keeps its meaning as a prefix search.
    """
    if not text:
        return None
    phrases = []
    for word in text.split():
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if not re.search(r"\w", core):
            continue
        phrases.append('"' + core.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(phrases) or None


def _where(f: EventFilter, *extra: str) -> tuple[str, list[Any]]:
    """SQL WHERE clause and parameters for a filter over ``events e``, ANDed with ``extra`` terms."""
    terms: list[str] = list(extra)
    params: list[Any] = []

    def actor_term(value: str, role: str | None) -> None:
        role_sql = " AND a.role = ?" if role else ""
        terms.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id"
                     f" AND (a.code = ? OR a.country = ? OR a.code LIKE ?){role_sql})")
        params.extend([value.upper(), value.upper(), value.upper() + "%"] + ([role] if role else []))

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
    if f.since:
        terms.append("e.day >= ?")
        params.append(f.since)
    if f.until:
        terms.append("e.day <= ?")
        params.append(f.until)
    if f.min_confidence is not None:
        terms.append("e.confidence >= ?")
        params.append(f.min_confidence)
    match = fts_query(f.text)
    if match:
        terms.append("e.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(match)
    return ("WHERE " + " AND ".join(terms)) if terms else "", params


def _like(value: str) -> str:
    """Escape LIKE wildcards (with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
