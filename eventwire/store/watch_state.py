"""What ``eventwire watch`` and alerts keep in the store (tables of migration ``m006_watch``), for both backends.

Functions over a ``SQLStore``, in the SQL both backends speak, apart from ``common.py`` so that the
store's core stays about documents and events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .common import SQLStore, now


@dataclass(frozen=True)
class Item:
    """An article URL a feed (or sitemap) listed."""

    url: str
    """Canonical form: the key that makes one article reached twice one item."""
    feed: str
    link: str
    """As the feed gave it (fetched as is)."""
    title: str | None = None
    published: str | None = None
    """ISO date or datetime from the feed, or None."""
    attempts: int = 0


def feed_state(store: SQLStore, feed: str) -> dict[str, Any] | None:
    """The feed's row (etag, last_modified, polled_at, items, errors, last_error), or None."""
    row = store._one("SELECT * FROM feeds WHERE url = ?", (feed,))
    return dict(row) if row else None


def save_validators(store: SQLStore, feed: str, *, etag: str | None, last_modified: str | None) -> None:
    """Remember the validators of the feed's last full response, for the next conditional GET."""
    store._run("INSERT INTO feeds (url, etag, last_modified, polled_at) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
               "polled_at = excluded.polled_at", (feed, etag, last_modified, now()))


def touch(store: SQLStore, feed: str) -> None:
    """Record a poll that found the feed unchanged (304)."""
    store._run("INSERT INTO feeds (url, polled_at) VALUES (?, ?) "
               "ON CONFLICT (url) DO UPDATE SET polled_at = excluded.polled_at", (feed, now()))


def count_error(store: SQLStore, feed: str, reason: str) -> None:
    """Add one to the feed's error count (a feed that could not be read, or one of its articles)."""
    store._run("INSERT INTO feeds (url, errors, last_error, polled_at) VALUES (?, 1, ?, ?) "
               "ON CONFLICT (url) DO UPDATE SET errors = feeds.errors + 1, last_error = excluded.last_error",
               (feed, reason, now()))


def add_items(store: SQLStore, items: list[Item]) -> int:
    """Add the items not known yet (by canonical URL) as pending, in one transaction; return how many were new."""
    new = 0
    with store._transaction():
        for item in items:
            added = store._one(
                "INSERT INTO feed_items (url, feed, link, title, published, status, added_at) "
                "VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT (url) DO NOTHING RETURNING url",
                (item.url, item.feed, item.link, item.title, item.published, now()))
            if added is not None:
                new += 1
                store._run("INSERT INTO feeds (url, items) VALUES (?, 1) "
                           "ON CONFLICT (url) DO UPDATE SET items = feeds.items + 1", (item.feed,))
    return new


def pending(store: SQLStore, *, limit: int | None = None, feeds: tuple[str, ...] | None = None) -> list[Item]:
    """Items not yet stored or failed (of ``feeds``, else of all), oldest first (a killed poll's leftovers among them)."""
    only = "" if feeds is None else f" AND feed IN ({', '.join('?' * len(feeds))})"
    rows = store._run("SELECT url, feed, link, title, published, attempts FROM feed_items WHERE status = 'pending'"
                      f"{only} ORDER BY added_at, url" + ("" if limit is None else f" LIMIT {int(limit)}"),
                      tuple(feeds or ())).fetchall()
    return [Item(**dict(row)) for row in rows]


def mark(store: SQLStore, url: str, status: str, *, doc_id: str | None = None) -> None:
    """Set what became of an item: ``stored`` (as ``doc_id``) or ``failed``."""
    store._run("UPDATE feed_items SET status = ?, doc_id = ?, fetched_at = ? WHERE url = ?",
               (status, doc_id, now(), url))


def retry_later(store: SQLStore, url: str) -> int:
    """Count a failed attempt of an item that stays pending; return its attempts so far."""
    store._run("UPDATE feed_items SET attempts = attempts + 1, fetched_at = ? WHERE url = ?", (now(), url))
    return int(store._one("SELECT attempts FROM feed_items WHERE url = ?", (url,))["attempts"])


def has_document(store: SQLStore, doc_id: str) -> bool:
    """True if a document with this id is stored."""
    return store._one("SELECT 1 AS found FROM documents WHERE id = ?", (doc_id,)) is not None


def feeds(store: SQLStore) -> list[dict[str, Any]]:
    """Every feed polled: ``{url, items, stored, pending, failed, errors, last_error, polled_at}``."""
    rows = store._run(
        "SELECT f.url, f.items, f.errors, f.last_error, f.polled_at, "
        "(SELECT count(*) FROM feed_items i WHERE i.feed = f.url AND i.status = 'stored') AS stored, "
        "(SELECT count(*) FROM feed_items i WHERE i.feed = f.url AND i.status = 'pending') AS pending, "
        "(SELECT count(*) FROM feed_items i WHERE i.feed = f.url AND i.status = 'failed') AS failed "
        "FROM feeds f ORDER BY f.url").fetchall()
    return [dict(row) for row in rows]


def first_firing(store: SQLStore, rule: str, event_id: int) -> bool:
    """Record that ``rule`` fired for ``event_id``; True the first time, False if it had fired already."""
    row = store._one("INSERT INTO alert_firings (rule, event_id, fired_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (rule, event_id) DO NOTHING RETURNING rule", (rule, event_id, now()))
    return row is not None


def unfire(store: SQLStore, rule: str, event_id: int) -> None:
    """Forget a firing whose action failed, so the next run tries it again."""
    store._run("DELETE FROM alert_firings WHERE rule = ? AND event_id = ?", (rule, event_id))


def fired(store: SQLStore, rule: str) -> set[int]:
    """Event ids ``rule`` has fired for."""
    return {int(row["event_id"]) for row in store._run("SELECT event_id FROM alert_firings WHERE rule = ?", (rule,))}


def daily_counts(store: SQLStore, *, by: str, since: str) -> list[dict[str, Any]]:
    """Events per ``(key, type, day)`` from ``since`` on: ``by`` "actor" (code, else country, either side) or
    "country" (the event's location)."""
    if by == "actor":
        sql = ("SELECT coalesce(a.code, a.country) AS key, e.type, e.day, count(DISTINCT e.id) AS n "
               "FROM events e JOIN event_actors a ON a.event_id = e.id "
               "WHERE e.day >= ? AND coalesce(a.code, a.country) IS NOT NULL GROUP BY 1, 2, 3")
    elif by == "country":
        sql = ("SELECT e.location_country AS key, e.type, e.day, count(*) AS n FROM events e "
               "WHERE e.day >= ? AND e.location_country IS NOT NULL GROUP BY 1, 2, 3")
    else:
        raise ValueError(f"by must be actor or country, not {by!r}")
    return [dict(row) for row in store._run(sql, (since,)).fetchall()]
