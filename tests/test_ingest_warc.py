"""WARC and WARC.gz files: each HTML response record a document with its target URI and WARC date."""

from __future__ import annotations

from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.cli import main
from eventwire.errors import InputError, TooLarge
from eventwire.ingest import discover, read
from eventwire.records import Document
from tests.feeds.server import article_html


def write_warc(path: Path, *, gzip: bool) -> None:
    """Two HTML responses, a PNG response, a request, and a warcinfo record."""
    with open(path, "wb") as out:
        writer = _Writer(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventwire tests"}))
        for number, uri in ((3, "https://news.example/a/3"), (4, "https://news.example/a/4")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=BytesIO(article_html(number).encode()), http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2023-11-0{number}T08:00:00Z"}))
            request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", payload=BytesIO(b""), http_headers=request))
        png = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/logo.png", "response",
                                                      payload=BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
                                                      http_headers=png))


class _Writer(WARCWriter):
    """warcio's writer, closing the temporary buffer it spools each record's payload into for its digest."""

    def write_record(self, record, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().write_record(record, *args, **kwargs)
        finally:
            for buffer in (getattr(record, "buffered_stream", None), getattr(record, "raw_stream", None)):
                if buffer is not None and hasattr(buffer, "close"):
                    buffer.close()


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_ingest_warc_html_responses_become_documents(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    write_warc(path, gzip=gzip)
    assert discover([tmp_path]) == [(str(path), "warc")]
    skipped: Counter[str] = Counter()
    docs = list(read([path], skipped=skipped))
    assert all(isinstance(d, Document) for d in docs)
    assert [(d.url, d.origin, d.date) for d in docs] == [  # type: ignore[union-attr]
        ("https://news.example/a/3", "https://news.example/a/3", "2023-11-03"),
        ("https://news.example/a/4", "https://news.example/a/4", "2023-11-04")]
    assert "4th round of talks" in docs[0].text  # article 3  # type: ignore[union-attr]
    assert skipped == Counter({"request": 2, "warcinfo": 1, "image/png": 1})


def test_ingest_warc_record_over_max_bytes_is_its_own_failure(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    outcomes = list(read([path], max_bytes=300))  # the articles are about 1 kB
    assert [type(o) for o in outcomes] == [TooLarge, TooLarge]
    assert outcomes[0].origin == "https://news.example/a/3"  # type: ignore[union-attr]


def test_ingest_not_a_warc_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a web archive\n" * 10)
    (error,) = list(read([path]))
    assert isinstance(error, InputError) and error.origin == str(path) and error.reason.startswith("not a WARC file")


def test_ingest_cli_warc_counts_skipped_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 0, result.output
    assert "warc: 4 records skipped, not HTML responses (request 2, warcinfo 1, image/png 1)" in result.stderr
    summary = CliRunner().invoke(main, ["summary", "--db", str(tmp_path / "w.db"), "--json"])
    assert '"documents": 2' in summary.output
