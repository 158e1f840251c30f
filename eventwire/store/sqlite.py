"""The embedded store: one SQLite file in WAL mode, through Python's sqlite3."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..clean import content_hash
from ..errors import StoreError
from ..records import Actor, Event, Extraction, Failure, to_dict
from .base import EventFilter, Store, date_key
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
        record = extraction.to_dict()
        doc_id = extraction.id
        try:
            self.db.execute("BEGIN IMMEDIATE")
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
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(f"cannot store {extraction.origin}: {exc}") from exc
        return doc_id

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

    def events(self, where: EventFilter = EventFilter(), *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        clause, params = _where(where)
        rows = self.db.execute(
            "SELECT e.id, e.doc_id, e.day, e.record, d.title, d.date AS doc_date, d.source AS doc_source "
            f"FROM events e JOIN documents d ON d.id = e.doc_id {clause} "
            "ORDER BY e.day DESC NULLS LAST, e.doc_id, e.seq LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [
            {"id": row["id"], "doc_id": row["doc_id"], "day": row["day"], "doc_title": row["title"],
             "doc_date": row["doc_date"], "doc_source": row["doc_source"], **json.loads(row["record"])}
            for row in rows
        ]

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

    def close(self) -> None:
        self.db.close()


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    """SQL WHERE clause and parameters for a filter over ``events e``."""
    terms: list[str] = []
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
    if f.text:
        for word in f.text.split():
            terms.append("e.sentence_text LIKE ? ESCAPE '\\'")
            params.append("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return ("WHERE " + " AND ".join(terms)) if terms else "", params


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
