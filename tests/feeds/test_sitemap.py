"""Sitemaps on the tests' server: an index, a plain and a gzipped urlset, and a one-off crawl through ingest."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.feeds.fetch import Fetcher, FetchError
from eventwire.feeds.poll import document_id
from eventwire.feeds.sitemap import sitemap_urls
from eventwire.store import SQLiteStore

from .server import Server

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def urlset(urls: list[str]) -> str:
    return f"<?xml version='1.0'?><urlset xmlns='{NS}'>" + "".join(f"<url><loc>{u}</loc></url>" for u in urls) + "</urlset>"


def serve_sitemaps(web: Server) -> list[str]:
    links = web.articles(3)
    web.serve("/sitemap-1.xml", urlset(links[:2]), content_type="application/xml")
    web.serve("/sitemap-2.xml.gz", gzip.compress(urlset([links[2], links[0]]).encode()), content_type="application/gzip")
    web.serve("/sitemap.xml", f"<?xml version='1.0'?><sitemapindex xmlns='{NS}'>"
              f"<sitemap><loc>{web.url('/sitemap-1.xml')}</loc></sitemap>"
              f"<sitemap><loc>{web.url('/sitemap-2.xml.gz')}</loc></sitemap>"
              f"<sitemap><loc>{web.url('/sitemap-gone.xml')}</loc></sitemap></sitemapindex>",
              content_type="application/xml")
    return links


def test_sitemap_index_lists_every_article_once(web: Server, fetcher: Fetcher) -> None:
    links = serve_sitemaps(web)
    assert sitemap_urls(web.url("/sitemap.xml"), fetcher) == links  # the missing third sitemap is skipped


def test_sitemap_that_is_not_one_is_an_error(web: Server, fetcher: Fetcher) -> None:
    web.serve("/page.xml", "<?xml version='1.0'?><html/>", content_type="application/xml")
    with pytest.raises(FetchError, match="not a sitemap"):
        sitemap_urls(web.url("/page.xml"), fetcher)


def test_ingest_sitemap_crawls_and_stores_once(web: Server, tmp_path: Path) -> None:
    links = serve_sitemaps(web)
    db = tmp_path / "crawl.db"
    command = ["ingest", "--sitemap", web.url("/sitemap.xml"), "--db", str(db), "--allow-private", "--host-interval", "0"]
    first = CliRunner().invoke(main, command)
    assert first.exit_code == 0, first.output
    assert "sitemaps: 3 new articles, 3 stored, 0 failed" in first.stderr
    again = CliRunner().invoke(main, command)
    assert "sitemaps: 0 new articles, 0 stored, 0 failed" in again.stderr
    with SQLiteStore(db) as store:
        assert store.summary()["documents"] == 3
        assert store.document(document_id(links[2]))["url"] == links[2]  # type: ignore[index]
