"""``eventwire ingest --sitemap``: a one-off crawl of the articles sitemaps list."""

from __future__ import annotations

import click

from ..feeds.fetch import Fetcher, FetchError
from ..feeds.poll import PollReport, add_urls, crawl
from ..feeds.sitemap import sitemap_urls
from ..records import Failure
from ..store import open_store
from .common import echo_failure, model_pipeline


def crawl_sitemaps(settings, db, sitemaps: tuple[str, ...], *, quiet: bool, fetcher: Fetcher) -> PollReport:  # type: ignore[no-untyped-def]
    """Add every URL the sitemaps list as pending items, then fetch, process and store them (as ``watch`` does)."""
    report = PollReport()
    with open_store(db) as store, fetcher:
        for sitemap in sitemaps:
            try:
                urls = sitemap_urls(sitemap, fetcher)
            except FetchError as exc:
                failure = Failure(origin=sitemap, kind=exc.kind, stage="feed", reason=f"sitemap: {exc.reason}")
                store.add_failure(failure)
                echo_failure(failure)
                report.feed_errors += 1
                continue
            report.new_items += add_urls(store, sitemap, urls)  # type: ignore[arg-type]
        crawl(store, model_pipeline(settings).run, fetcher, report, echo_failure, sources=sitemaps)  # type: ignore[arg-type]
    if not quiet:
        click.echo(f"sitemaps: {report.new_items} new articles, {report.stored} stored, {report.failed} failed", err=True)
    return report
