"""A poll: read each feed (conditional GET), add its new article URLs, fetch and process every pending one.

    feeds -> fetch (If-None-Match / If-Modified-Since) -> feedparser -> canonical URLs (courlan)
          -> feed_items (pending) -> validators saved -> each pending URL: fetch -> trafilatura
          -> pipeline -> store -> item stored

Why this order survives ``kill -9`` at any point: a feed's new URLs are written (pending) before its
validators, so a feed read again after a crash lists them again and nothing is lost; an article's
document id is made from its canonical URL and the item is marked stored only after the document is,
so a restart finds the document already there (or stores it once: ``Store.add`` replaces by id and
skips the same text) and nothing is stored twice.
"""

from __future__ import annotations

import hashlib
import io
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

from ..errors import InputError
from ..ingest import from_html
from ..records import Document, Extraction, Failure
from ..store.common import SQLStore
from ..store import watch_state
from ..store.watch_state import Item
from .fetch import HTML_TYPES, PAGE_TYPES, XML_TYPES, Fetcher, FetchError

log = logging.getLogger(__name__)
#: A transient failure (timeout, 429, 5xx) leaves an article pending for this many polls, then it has failed.
MAX_ATTEMPTS = 3


@dataclass
class PollReport:
    """What one poll did."""

    feeds: int = 0
    not_modified: int = 0
    new_items: int = 0
    stored: int = 0
    already: int = 0
    """Pending items whose document was stored already (a poll killed between the two writes)."""
    failed: int = 0
    retry: int = 0
    """Articles that failed for now (timeout, 429, 5xx) and stay pending."""
    feed_errors: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.feeds} feeds ({self.not_modified} unchanged, {self.feed_errors} with errors), "
                f"{self.new_items} new articles, {self.stored} stored, {self.failed} failed, "
                f"{self.retry} to retry, in {self.seconds:.1f} s")


#: Runs documents through the pipeline: ``Pipeline.run``'s signature.
Process = Callable[[Iterator[Document | InputError]], Iterator[Any]]


def poll(feeds: list[str], store: SQLStore, process: Process, fetcher: Fetcher, *,
         on_failure: Callable[[Failure], None] = lambda failure: None, limit: int | None = None) -> PollReport:
    """Read every feed once, then fetch, process and store every pending article.

    Args:
        feeds: feed URLs (``opml.read_feeds``).
        store: where documents and feed state go.
        process: the pipeline's ``run`` (documents in, extractions and failures out, in order).
        fetcher: the HTTP client; its policy holds every limit.
        on_failure: called with each failure, after it is recorded (the CLI prints its line).
        limit: fetch at most this many pending articles in this poll (the rest wait for the next).
    """
    started = time.perf_counter()
    report = PollReport()
    for feed in feeds:
        report.feeds += 1
        read_feed(feed, store, fetcher, report, on_failure)
    crawl(store, process, fetcher, report, on_failure, limit=limit)
    report.seconds = time.perf_counter() - started
    return report


def read_feed(feed: str, store: SQLStore, fetcher: Fetcher, report: PollReport,
              on_failure: Callable[[Failure], None]) -> None:
    """Fetch one feed (conditionally) and add its new article URLs as pending items."""
    import feedparser  # imported here: only watch needs it

    state = watch_state.feed_state(store, feed) or {}
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = state["etag"]
    if state.get("last_modified"):
        headers["If-Modified-Since"] = state["last_modified"]
    try:
        response = fetcher.get(feed, accept=XML_TYPES + ("text/plain",), headers=headers)
    except FetchError as exc:
        _feed_failure(store, feed, exc.kind, f"feed {feed}: {exc.reason}", report, on_failure)
        return
    if response.status == 304:
        report.not_modified += 1
        watch_state.touch(store, feed)
        return
    # A stream, never a string: feedparser would take a string for a URL or a file name and open it.
    parsed = feedparser.parse(io.BytesIO(response.body), response_headers=response.headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        reason = f"feed {feed}: malformed feed XML ({' '.join(str(problem).split())})"
        _feed_failure(store, feed, "malformed", reason, report, on_failure)
        if not parsed.entries:
            return
    items = [item for entry in parsed.entries if (item := _item(feed, response.url, entry)) is not None]
    report.new_items += watch_state.add_items(store, items)
    # Only now: had the poll died before the items were written, the next one must see the feed again in full.
    watch_state.save_validators(store, feed, etag=response.headers.get("etag"),
                                last_modified=response.headers.get("last-modified"))


def add_urls(store: SQLStore, source: str, links: list[str]) -> int:
    """Add article URLs found elsewhere (a sitemap) as pending items of ``source``; return how many were new."""
    items = [Item(url=url, feed=source, link=link) for link in links if (url := canonical_url(link))]
    return watch_state.add_items(store, items)


def crawl(store: SQLStore, process: Process, fetcher: Fetcher, report: PollReport,
          on_failure: Callable[[Failure], None], *, limit: int | None = None,
          sources: tuple[str, ...] | None = None) -> None:
    """Fetch, process and store every pending item (of any feed, or of ``sources``), oldest first."""
    items = {item.url: item for item in watch_state.pending(store, limit=limit, feeds=sources)}

    def fail(item: Item, kind: str, reason: str, *, stage: str) -> None:
        failure = Failure(origin=item.url, kind=kind, stage=stage, doc_id=document_id(item.url),
                          reason=f"feed {item.feed}: {reason}")
        store.add_failure(failure)
        watch_state.count_error(store, item.feed, failure.reason)
        report.failures.append(failure)
        on_failure(failure)

    def documents() -> Iterator[Document | InputError]:
        for item in items.values():
            doc_id = document_id(item.url)
            if watch_state.has_document(store, doc_id):
                watch_state.mark(store, item.url, "stored", doc_id=doc_id)
                report.already += 1
                continue
            try:
                response = fetcher.get(item.link, accept=PAGE_TYPES)
                yield from_html(response.text(), origin=item.url, date=item.published, id=doc_id, url=item.url)
            except FetchError as exc:
                if exc.transient and item.attempts + 1 < MAX_ATTEMPTS:
                    watch_state.retry_later(store, item.url)
                    report.retry += 1
                    log.warning("%s: %s (tried again at the next poll)", item.url, exc.reason)
                    continue
                watch_state.mark(store, item.url, "failed")
                report.failed += 1
                fail(item, exc.kind, exc.reason, stage="fetch")
            except InputError as exc:
                # The page has no article text (trafilatura found none): a failure of this article.
                yield exc

    for outcome in process(documents()):
        item = items.get(outcome.origin)
        if item is None:
            continue
        if isinstance(outcome, Extraction):
            stored_as = store.add(outcome)
            watch_state.mark(store, item.url, "stored", doc_id=stored_as)
            report.stored += 1
        elif isinstance(outcome, Failure):
            watch_state.mark(store, item.url, "failed")
            report.failed += 1
            fail(item, outcome.kind, outcome.reason, stage=outcome.stage)
        else:  # Skipped: the same text is stored under another URL
            watch_state.mark(store, item.url, "stored", doc_id=getattr(outcome, "doc_id", None))
            report.already += 1


def canonical_url(link: str, base: str | None = None) -> str | None:
    """The URL one article has however it is reached: courlan's normal form, tracking parameters and fragment
    dropped, host lower-cased; None for what is not an http(s) URL."""
    from courlan import normalize_url

    absolute = urljoin(base, link.strip()) if base else link.strip()
    if not absolute.lower().startswith(("http://", "https://")):
        return None
    try:
        return str(normalize_url(absolute, strict=True))
    except (ValueError, AttributeError):
        return None


def document_id(url: str) -> str:
    """A stored article's id, made from its canonical URL, so a restart finds what it stored before."""
    return "web-" + hashlib.sha256(url.encode()).hexdigest()[:24]


def _item(feed: str, base: str, entry: Any) -> Item | None:
    link = entry.get("link")
    if not link:
        return None
    url = canonical_url(link, base)
    if url is None:
        # Kept, so its fetch records the refusal (a javascript: or file: link names itself in failures).
        url = link.strip()
    return Item(url=url, feed=feed, link=urljoin(base, link.strip()), title=entry.get("title"),
                published=_published(entry))


def _published(entry: Any) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    return datetime(*stamp[:6], tzinfo=timezone.utc).date().isoformat()


def _feed_failure(store: SQLStore, feed: str, kind: str, reason: str, report: PollReport,
                  on_failure: Callable[[Failure], None]) -> None:
    failure = Failure(origin=feed, kind=kind, stage="feed", reason=reason)
    store.add_failure(failure)
    watch_state.count_error(store, feed, reason)
    report.feed_errors += 1
    report.failures.append(failure)
    on_failure(failure)


__all__ = ["HTML_TYPES", "PollReport", "add_urls", "canonical_url", "crawl", "document_id", "poll", "read_feed"]
