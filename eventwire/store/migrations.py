"""Schema migrations: ordinary functions applied in order, each recorded in ``migrations``.

A migration returns the SQL script it needs; ``migrate`` runs it and records it in
one transaction, so a failed migration leaves the database as it was. Add one by
appending a function to ``MIGRATIONS``; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timezone


def m001_initial() -> str:
    """Documents, entities, timexes, places, quotes, events with their actors, failures."""
    return """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            date TEXT, title TEXT, source TEXT, url TEXT, origin TEXT,
            text TEXT NOT NULL,
            ingested_at TEXT NOT NULL,
            record TEXT NOT NULL            -- the whole extraction as JSON (the contract's shape)
        );
        CREATE INDEX documents_date ON documents(date);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT, label TEXT, start INTEGER, "end" INTEGER,
            canonical TEXT, code TEXT, country TEXT, sector TEXT, title TEXT
        );
        CREATE INDEX entities_doc ON entities(doc_id);
        CREATE INDEX entities_canonical ON entities(canonical);
        CREATE TABLE timexes (
            id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT, start INTEGER, "end" INTEGER, type TEXT, value TEXT
        );
        CREATE INDEX timexes_doc ON timexes(doc_id);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT, start INTEGER, "end" INTEGER, name TEXT, geonameid INTEGER,
            lat REAL, lon REAL, country TEXT, feature TEXT
        );
        CREATE INDEX places_doc ON places(doc_id);
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            speaker_text TEXT, speaker_start INTEGER, speaker_end INTEGER,
            speaker_canonical TEXT, speaker_country TEXT, speaker_code TEXT,
            cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
            content_text TEXT, content_start INTEGER, content_end INTEGER, direct INTEGER
        );
        CREATE INDEX quotes_doc ON quotes(doc_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,           -- position among the document's events
            type TEXT NOT NULL, mode TEXT, cameo TEXT, goldstein REAL, quad INTEGER,
            status TEXT NOT NULL, confidence REAL,
            source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT,
            target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT,
            attributed_code TEXT, attributed_country TEXT, attributed_text TEXT,
            date_value TEXT, date_granularity TEXT,
            day TEXT,                       -- first day the event date covers, else the document date
            location_name TEXT, location_geonameid INTEGER, location_lat REAL, location_lon REAL,
            location_country TEXT,
            trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
            sentence_text TEXT, sentence_start INTEGER, sentence_end INTEGER,
            record TEXT NOT NULL            -- the event as JSON (the contract's shape)
        );
        CREATE INDEX events_doc ON events(doc_id);
        CREATE INDEX events_day ON events(day);
        CREATE INDEX events_type ON events(type, day);
        CREATE INDEX events_status ON events(status);
        -- One row per actor (compound actors give one row per member), for actor filters and dyads.
        CREATE TABLE event_actors (
            event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            role TEXT NOT NULL,             -- source or target
            text TEXT, code TEXT, country TEXT, sector TEXT, canonical TEXT
        );
        CREATE INDEX event_actors_code ON event_actors(code, role);
        CREATE INDEX event_actors_country ON event_actors(country, role);
        CREATE INDEX event_actors_event ON event_actors(event_id);
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            origin TEXT NOT NULL, doc_id TEXT, kind TEXT NOT NULL, stage TEXT NOT NULL,
            reason TEXT NOT NULL, created_at TEXT NOT NULL,
            UNIQUE(origin, stage, kind)
        );
    """


def m002_fulltext() -> str:
    """FTS5 indexes over evidence sentences and document text, kept in sync by triggers; query indexes.

    Both are external-content tables (the text lives once, in ``events``/``documents``); the
    porter tokenizer lets "talks" find "talk". Rows stored before this migration are indexed
    by the ``rebuild`` commands.
    """
    return """
        CREATE VIRTUAL TABLE events_fts USING fts5(
            sentence_text, content='events', content_rowid='id', tokenize='porter unicode61');
        CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, sentence_text) VALUES (new.id, new.sentence_text);
        END;
        CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, sentence_text) VALUES ('delete', old.id, old.sentence_text);
        END;
        CREATE TRIGGER events_fts_update AFTER UPDATE OF sentence_text ON events BEGIN
            INSERT INTO events_fts(events_fts, rowid, sentence_text) VALUES ('delete', old.id, old.sentence_text);
            INSERT INTO events_fts(rowid, sentence_text) VALUES (new.id, new.sentence_text);
        END;
        INSERT INTO events_fts(events_fts) VALUES ('rebuild');

        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid', tokenize='porter unicode61');
        CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        END;
        CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');

        -- For the API's filters and aggregations (map by country, dyads, points).
        CREATE INDEX events_country ON events(location_country, day);
        CREATE INDEX events_place ON events(location_lat, location_lon);
        CREATE INDEX event_actors_event_role ON event_actors(event_id, role);
    """


def m003_aggregate_indexes() -> str:
    """Covering indexes for the API's aggregations: timeline per day and type, actors by code or country, places."""
    return """
        CREATE INDEX events_day_type ON events(day, type, goldstein, quad);
        CREATE INDEX event_actors_key ON event_actors(coalesce(code, country), event_id);
        CREATE INDEX events_place_cover ON events(location_lat, location_lon, location_name, location_country);
    """


def m004_relevance() -> str:
    """Each document's relevance (``Extraction.relevance``), for the ``min_relevance`` filter.

    Documents stored before this migration have none (NULL), and no ``min_relevance`` filter
    keeps them: their relevance was never computed, and ingesting them again skips them (their
    text is stored already); store them in a new database to have it.
    """
    return """
        ALTER TABLE documents ADD COLUMN relevance REAL;
        CREATE INDEX documents_relevance ON documents(relevance);
    """


def m006_watch() -> str:
    """What ``eventwire watch`` and alerts remember between runs (#13).

    ``feeds``: each feed's HTTP validators (ETag, Last-Modified) for conditional GET, its error count and last
    error. ``feed_items``: every article URL a feed or sitemap listed, once by its canonical form, with its
    feed, publication date, fetch time and what became of it (``pending`` until stored or failed, so a poll
    killed half-way leaves the rest to the next). ``alert_firings``: which rule fired for which event, so each
    fires once.
    """
    return """
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            etag TEXT, last_modified TEXT, polled_at TEXT,
            items INTEGER NOT NULL DEFAULT 0,  -- article URLs it has listed
            errors INTEGER NOT NULL DEFAULT 0, last_error TEXT
        );
        CREATE TABLE feed_items (
            url TEXT PRIMARY KEY,              -- canonical (courlan): one article reached twice is one row
            feed TEXT NOT NULL, link TEXT NOT NULL, title TEXT, published TEXT,
            status TEXT NOT NULL,              -- pending, stored, failed
            attempts INTEGER NOT NULL DEFAULT 0,
            doc_id TEXT, fetched_at TEXT, added_at TEXT NOT NULL
        );
        CREATE INDEX feed_items_status ON feed_items(status, added_at);
        CREATE TABLE alert_firings (
            rule TEXT NOT NULL, event_id INTEGER NOT NULL, fired_at TEXT NOT NULL,
            PRIMARY KEY (rule, event_id)
        );
    """


def m008_date_periods() -> str:
    """Each event's period (``date_start``/``date_end``, ISO days; NULL when undated) and FTS tables Datasette finds.

    ``day`` becomes the day an event is drawn and sorted by: its first day when its date is a month
    or less, else NULL (a year-only date no longer sits on 1 January, an undated event no longer on
    its document's date). Rows stored before are filled from their date value and ``day``; seasons
    and halves stored before stay undated (``periods.py`` computes them for new rows). The
    full-text tables are declared again with ``content=[events]``, the quoting Datasette looks
    for, so ``?_search=`` works on ``datasette events.db``.
    """
    return """
        ALTER TABLE events ADD COLUMN date_start TEXT;
        ALTER TABLE events ADD COLUMN date_end TEXT;
        UPDATE events SET date_start = day, date_end = day
            WHERE date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND day = substr(date_value, 1, 10);
        UPDATE events SET date_start = day, date_end = date(day, '+6 days')
            WHERE date_value GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]' AND day IS NOT NULL;
        UPDATE events SET date_start = day, date_end = date(day, '+1 month', '-1 day')
            WHERE date_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' AND day = date_value || '-01';
        UPDATE events SET date_start = day, date_end = date(day, '+3 months', '-1 day')
            WHERE date_value GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]' AND day IS NOT NULL;
        UPDATE events SET date_start = day, date_end = substr(day, 1, 4) || '-12-31'
            WHERE date_value GLOB '[0-9][0-9][0-9][0-9]' AND day = date_value || '-01-01';
        UPDATE events SET day = NULL
            WHERE date_start IS NULL OR julianday(date_end) - julianday(date_start) >= 31;
        CREATE INDEX events_start ON events(date_start, date_end);

        DROP TRIGGER events_fts_insert;
        DROP TRIGGER events_fts_delete;
        DROP TRIGGER events_fts_update;
        DROP TABLE events_fts;
        DROP TRIGGER documents_fts_insert;
        DROP TRIGGER documents_fts_delete;
        DROP TRIGGER documents_fts_update;
        DROP TABLE documents_fts;
    """ + m002_fulltext().split("-- For the API")[0].replace("content='events'", "content=[events]").replace(
        "content='documents'", "content=[documents]")


#: The migrations in order. Each one's version is the number in its name (m008 is 8), not its place in
#: the list, so branches that add migrations with numbers given out in advance merge cleanly.
MIGRATIONS: list[Callable[[], str]] = [m001_initial, m002_fulltext, m003_aggregate_indexes, m004_relevance,
                                       m006_watch, m008_date_periods]


def version_of(migration: Callable[[], str]) -> int:
    """The version a migration is recorded under: the number in its name (``m008_...`` is 8)."""
    return int(migration.__name__[1:4])


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database has not had yet; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    done = {row[0] for row in db.execute("SELECT version FROM migrations")}
    applied = []
    for migration in MIGRATIONS:
        version = version_of(migration)
        if version in done:
            continue
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            db.executescript(
                f"BEGIN; {migration()};\n"
                f"INSERT INTO migrations VALUES ({version}, '{migration.__name__}', '{stamp}'); COMMIT;"
            )
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        applied.append(migration.__name__)
    return applied
