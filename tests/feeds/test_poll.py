"""Polls of the tests' own feeds on 127.0.0.1 into a real store, through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.feeds.fetch import Fetcher
from eventwire.feeds.poll import canonical_url, document_id, poll
from eventwire.store import SQLiteStore, watch_state

from .conftest import policy
from .server import Server


@pytest.fixture
def sqlite(tmp_path: Path):  # type: ignore[no-untyped-def]
    with SQLiteStore(tmp_path / "news.db") as opened:
        yield opened


def run(store, pipeline, feeds: list[str], **limits: object):  # type: ignore[no-untyped-def]
    failures = []
    with Fetcher(policy(**limits)) as fetcher:
        report = poll(feeds, store, pipeline.run, fetcher, on_failure=failures.append)
    return report, failures


def test_poll_stores_each_new_article_once_and_then_nothing(web: Server, pipeline, store) -> None:  # type: ignore[no-untyped-def]
    feed = web.feed("/feed.xml", web.articles(3), etag='"v1"')
    report, failures = run(store, pipeline, [feed])
    assert (report.new_items, report.stored, failures) == (3, 3, [])
    assert store.summary()["documents"] == 3
    doc = store.document(document_id(web.url("/news/1")))
    assert doc is not None and doc["url"] == web.url("/news/1") and doc["date"] == "2023-11-07"
    assert "2th round of talks" in doc["text"]  # trafilatura's article body, as ingest reads HTML
    item = store._one("SELECT feed, published, fetched_at, status FROM feed_items WHERE url = ?", (web.url("/news/1"),))
    assert (item["feed"], item["published"], item["status"]) == (feed, "2023-11-07", "stored") and item["fetched_at"]

    again, _ = run(store, pipeline, [feed])
    assert (again.not_modified, again.new_items, again.stored) == (1, 0, 0)  # 304: the ETag was sent
    assert web.hits["/news/1"] == 1 and store.summary()["documents"] == 3


def test_poll_without_validators_still_stores_nothing_twice(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    feed = web.feed("/plain.xml", web.articles(2))  # no ETag or Last-Modified: the feed comes back whole
    run(sqlite, pipeline, [feed])
    again, _ = run(sqlite, pipeline, [feed])
    assert (again.not_modified, again.new_items, again.stored) == (0, 0, 0)
    assert sqlite.summary()["documents"] == 2


def test_poll_duplicate_url_with_tracking_parameters_is_one_article(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    url = web.articles(1)[0]
    feed = web.feed("/dup.xml", [url, url + "?utm_source=rss&utm_medium=feed", url + "#comments",
                                 url.replace("http://", "HTTP://")])
    report, failures = run(sqlite, pipeline, [feed])
    assert (report.new_items, report.stored, failures) == (1, 1, [])
    assert web.hits["/news/0"] == 1


def test_canonical_url_drops_tracking_and_fragments() -> None:
    assert canonical_url("HTTP://Example.COM/a/b?utm_source=x&id=3#top") == "http://example.com/a/b?id=3"
    assert canonical_url("/a?fbclid=1", "https://example.com/feed") == "https://example.com/a"
    assert canonical_url("javascript:alert(1)") is None


def test_poll_failures_are_recorded_with_feed_and_url_and_the_batch_goes_on(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    good = web.articles(2)
    web.serve("/file.pdf", b"%PDF-1.4", content_type="application/pdf")
    links = [good[0], web.url("/missing"), web.url("/loop/a"), web.url("/to-private"), web.url("/huge"),
             web.url("/bomb"), web.url("/file.pdf"), "file:///etc/passwd", good[1]]
    feed = web.feed("/mixed.xml", links)
    report, failures = run(sqlite, pipeline, [feed])
    assert report.stored == 2 and report.failed == 7
    reasons = {f.origin: f.reason for f in failures}
    assert reasons[web.url("/missing")] == f"feed {feed}: HTTP 404"
    assert reasons[web.url("/loop/a")] == f"feed {feed}: too many redirects (more than 5)"
    assert "10.1.2.3, a private address" in reasons[web.url("/to-private")]
    assert "over the limit" in reasons[web.url("/huge")] and "inflates" in reasons[web.url("/bomb")]
    assert "application/pdf" in reasons[web.url("/file.pdf")]
    # feedparser writes the link as file://etc/passwd: refused by its scheme either way
    assert "only http and https URLs are fetched, not file" in next(r for o, r in reasons.items() if o.startswith("file:"))
    stored = {row["origin"]: row["reason"] for row in sqlite.failures()}
    assert stored == reasons  # each recorded in the store's failures table
    (state,) = watch_state.feeds(sqlite)
    assert (state["errors"], state["stored"], state["failed"], state["pending"]) == (7, 2, 7, 0)


def test_poll_transient_failures_stay_pending_then_succeed(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    feed = web.feed("/transient.xml", [web.url("/flaky"), web.url("/busy"), web.url("/slow")])
    report, _ = run(sqlite, pipeline, [feed], retries=0, read_timeout=0.3)
    assert (report.stored, report.retry, report.failed) == (0, 3, 0)  # 500, 429 and a timeout: later
    later, _ = run(sqlite, pipeline, [feed], retries=1, read_timeout=0.3)
    assert later.stored == 2  # the 500 and the 429 passed; the slow one is still pending (attempt 2 of 3)
    last, failures = run(sqlite, pipeline, [feed], retries=0, read_timeout=0.3)
    assert last.failed == 1 and failures[0].kind == "timeout" and failures[0].origin == web.url("/slow")


def test_poll_malformed_feed_is_an_error_and_other_feeds_go_on(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    broken = web.serve("/broken.xml", "<?xml version='1.0'?><rss><channel><title>x</title><item><link>",
                       content_type="application/rss+xml")
    good = web.feed("/good.xml", web.articles(1))
    report, failures = run(sqlite, pipeline, [broken, web.url("/missing.xml"), good])
    assert report.feed_errors == 2 and report.stored == 1
    assert failures[0].origin == broken and failures[0].reason.startswith(f"feed {broken}: malformed feed XML")
    assert failures[1].reason == f"feed {web.url('/missing.xml')}: HTTP 404"
    errors = {f["url"]: f["errors"] for f in watch_state.feeds(sqlite)}
    assert errors == {broken: 1, web.url("/missing.xml"): 1, good: 0}


def test_poll_feed_on_loopback_is_refused_without_allow_private(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    from eventwire.feeds.safety import SafetyPolicy

    feed = web.feed("/feed.xml", web.articles(1))
    report, failures = run(sqlite, pipeline, [feed], safety=SafetyPolicy())
    assert report.feed_errors == 1 and "a loopback address" in failures[0].reason
    assert web.hits == {}  # not one request reached the server


def test_poll_atom_feed(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    links = web.articles(2)
    entries = "".join(f"<entry><title>A {n}</title><link href='{link}'/><id>{link}</id>"
                      f"<updated>2024-02-0{n + 1}T10:00:00Z</updated></entry>" for n, link in enumerate(links))
    feed = web.serve("/atom.xml", f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
                     f"{entries}</feed>", content_type="application/atom+xml")
    report, _ = run(sqlite, pipeline, [feed])
    assert report.stored == 2
    assert sqlite.document(document_id(links[1]))["date"] == "2024-02-02"


def test_poll_50_item_feed_stores_50_once_and_a_second_poll_none(web: Server, pipeline, sqlite) -> None:  # type: ignore[no-untyped-def]
    links = web.articles(50)
    feed = web.feed("/fifty.xml", links, etag='"50"')
    first, failures = run(sqlite, pipeline, [feed])
    assert (first.new_items, first.stored, failures) == (50, 50, [])
    second, _ = run(sqlite, pipeline, [feed])
    assert (second.not_modified, second.new_items, second.stored) == (1, 0, 0)
    ids = [row["id"] for row in sqlite._run("SELECT id FROM documents").fetchall()]
    assert sorted(ids) == sorted(document_id(link) for link in links)
    assert all(web.hits[f"/news/{n}"] == 1 for n in range(50))
