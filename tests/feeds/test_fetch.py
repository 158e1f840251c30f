"""The HTTP client against the tests' own misbehaving server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from eventwire.feeds.fetch import Fetcher, FetchError, retry_after

from .conftest import policy
from .server import Server


def test_fetch_reads_an_article(web: Server, fetcher: Fetcher) -> None:
    url = web.articles(1)[0]
    response = fetcher.get(url)
    assert response.status == 200 and response.content_type == "text/html"
    assert "Ministers hold talks (0)" in response.text()


def test_fetch_404_is_a_lasting_failure(web: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/missing"))
    assert caught.value.reason == "HTTP 404" and not caught.value.transient
    assert web.hits["/missing"] == 1  # no retry for a 404


def test_fetch_500_then_success_is_retried(web: Server, fetcher: Fetcher) -> None:
    response = fetcher.get(web.url("/flaky"))
    assert response.status == 200 and web.hits["/flaky"] == 2


def test_fetch_429_waits_as_retry_after_says(web: Server) -> None:
    slept: list[float] = []
    with Fetcher(policy(), sleep=lambda s: (slept.append(s), time.sleep(s))) as client:
        response = client.get(web.url("/busy"))
    assert response.status == 200 and web.hits["/busy"] == 2
    assert slept == [1.0]  # Retry-After: 1, more than the 0.05 s backoff


def test_fetch_retries_are_bounded_and_back_off(web: Server) -> None:
    slept: list[float] = []
    with Fetcher(policy(retries=3, backoff=0.01, max_wait=0.02), sleep=slept.append) as client:
        with pytest.raises(FetchError) as caught:
            client.get(web.url("/always-busy"))
    assert caught.value.reason == "HTTP 503" and caught.value.transient
    assert web.hits["/always-busy"] == 4 and slept == [0.02, 0.02, 0.02]  # Retry-After capped by max_wait
    assert [round(w, 3) for w in _waits(policy(retries=3, backoff=0.01, max_wait=9.0))] == [0.01, 0.02, 0.04]


def _waits(fetch_policy) -> list[float]:  # type: ignore[no-untyped-def]
    """The backoff a server without Retry-After gets: doubling from ``backoff``."""
    slept: list[float] = []
    with Fetcher(fetch_policy, sleep=slept.append) as client:
        client._check = lambda url: (_ for _ in ()).throw(FetchError(url, "x", transient=True))  # type: ignore[method-assign]
        with pytest.raises(FetchError):
            client.get("http://127.0.0.1:9/")
    return slept


def test_fetch_slow_server_times_out(web: Server) -> None:
    started = time.monotonic()
    with Fetcher(policy(read_timeout=0.3, retries=1, backoff=0.01)) as client:
        with pytest.raises(FetchError) as caught:
            client.get(web.url("/slow"))
    assert caught.value.kind == "timeout" and caught.value.transient
    assert time.monotonic() - started < 2.5  # two attempts of 0.3 s, not the server's 3 s


def test_fetch_redirect_loop_stops_after_five_hops(web: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/loop/a"))
    assert caught.value.reason == "too many redirects (more than 5)"
    assert web.hits["/loop/a"] + web.hits["/loop/b"] == 6


def test_fetch_follows_a_redirect_and_reports_the_final_url(web: Server, fetcher: Fetcher) -> None:
    web.articles(1)
    response = fetcher.get(web.url("/redirect-ok"))
    assert response.url == web.url("/news/0")


@pytest.mark.parametrize("path, address", [("/to-private", "10.1.2.3"), ("/to-metadata", "169.254.169.254")])
def test_fetch_redirect_to_a_private_address_is_refused(web: Server, fetcher: Fetcher, path: str,
                                                         address: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url(path))
    assert caught.value.kind == "unsafe_url" and address in caught.value.reason
    assert fetcher.requests == 2  # robots.txt and the redirect; the private address never got one


def test_fetch_100_mb_body_stops_at_the_cap(web: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/huge"))
    assert caught.value.kind == "too_large" and "over the limit of 2,000,000 bytes" in caught.value.reason
    _wait_for(web, "huge")
    assert web.sent["huge"] < 40 * 1024 * 1024  # the server was stopped long before its 100 MB


def test_fetch_declared_100_mb_is_refused_before_reading(web: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/huge-declared"))
    assert caught.value.reason == "body is 104,857,600 bytes, over the limit of 2,000,000"


def test_fetch_gzip_bomb_stops_at_the_inflated_cap(web: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/bomb"))
    assert caught.value.reason == "body inflates to over the limit of 2,000,000 bytes"


def test_fetch_gzip_body_within_the_cap_is_inflated(web: Server, fetcher: Fetcher) -> None:
    import gzip

    web.serve("/zipped", gzip.compress(b"<html><body><p>hello</p></body></html>"),
              headers={"Content-Encoding": "gzip"})
    assert fetcher.get(web.url("/zipped")).body == b"<html><body><p>hello</p></body></html>"


def test_fetch_non_html_body_is_refused(web: Server, fetcher: Fetcher) -> None:
    web.serve("/file.pdf", b"%PDF-1.4 ...", content_type="application/pdf")
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/file.pdf"))
    assert caught.value.kind == "content_type" and caught.value.reason.startswith("content type application/pdf")


def test_fetch_respects_robots_txt(web: Server, fetcher: Fetcher) -> None:
    web.serve("/private/page", "<p>secret</p>")
    with pytest.raises(FetchError) as caught:
        fetcher.get(web.url("/private/page"))
    assert caught.value.kind == "robots" and "/private/page" not in web.hits
    assert web.hits["/robots.txt"] == 1


def test_fetch_waits_between_requests_to_one_host(web: Server) -> None:
    web.articles(3)
    slept: list[float] = []
    with Fetcher(policy(host_interval=0.2), sleep=lambda s: (slept.append(s), time.sleep(s))) as client:
        for n in range(3):
            client.get(web.url(f"/news/{n}"))
    assert len(slept) == 3  # before each article (robots.txt came first)
    assert all(0.1 < s <= 0.2 for s in slept)


def test_fetch_sends_a_user_agent(web: Server, fetcher: Fetcher) -> None:
    assert fetcher.client.headers["User-Agent"].startswith("eventwire/")


def test_fetch_conditional_get_gives_304(web: Server, fetcher: Fetcher) -> None:
    url = web.feed("/feed.xml", [], etag='"v1"')
    assert fetcher.get(url, accept=("application/rss+xml",)).status == 200
    assert fetcher.get(url, headers={"If-None-Match": '"v1"'}).status == 304


@pytest.mark.parametrize("value, seconds", [("3", 3.0), (None, None), ("soon", None),
                                            ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0)])
def test_retry_after_values(value: str | None, seconds: float | None) -> None:
    assert retry_after(value) == seconds


def _wait_for(web: Server, name: str) -> None:
    """The server's handler notes what it sent once the client has gone; a bounded wait for that."""
    deadline = time.monotonic() + 5
    while name not in web.sent and time.monotonic() < deadline:
        time.sleep(0.02)
