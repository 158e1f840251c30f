"""A small threaded HTTP server on 127.0.0.1 (port 0) serving the tests' own feeds and articles, and misbehaving.

Every large body is generated as it is sent (never held in memory or written to disk), and every
loop that writes one is bounded and stops when the client goes away.
"""

from __future__ import annotations

import threading
import time
import zlib
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

COUNTRIES = [("France", "Paris"), ("Germany", "Berlin"), ("Japan", "Tokyo"), ("Brazil", "Brasilia"),
             ("Kenya", "Nairobi"), ("India", "New Delhi"), ("Canada", "Ottawa"), ("Egypt", "Cairo"),
             ("Mexico", "Mexico City"), ("Turkey", "Ankara")]
MB = 1024 * 1024


def article_text(number: int) -> list[str]:
    """Paragraphs of a short made-up news article; each number gives a different text."""
    a, capital = COUNTRIES[number % len(COUNTRIES)]
    b, _ = COUNTRIES[(number * 3 + 1) % len(COUNTRIES)]
    return [
        f"The foreign minister of {a} met her counterpart from {b} in {capital} on Tuesday, officials said, "
        f"in the {number + 1}th round of talks between the two governments this year.",
        f"The ministers discussed trade, energy and security, and agreed to meet again next month. "
        f"A spokesman for the government of {b} said the talks had been useful.",
        f"Protesters gathered outside the ministry in {capital} to demand that {a} cut its ties with {b}, "
        f"and police said {number + 12} people were detained after clashes.",
        f"Report number {number} was written for the eventwire tests and describes no real event.",
    ]


def article_html(number: int) -> str:
    body = "".join(f"<p>{escape(p)}</p>\n" for p in article_text(number))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Talks {number}</title></head>"
            f"<body><nav><a href='/'>Home</a></nav><article><h1>Ministers hold talks ({number})</h1>\n{body}"
            "</article><footer>Test fixture</footer></body></html>")


def rss(items: list[tuple[str, str]], *, title: str = "Test news") -> str:
    """An RSS 2.0 feed of ``(link, title)`` items, published on 7 November 2023."""
    entries = "".join(f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
                      "<pubDate>Tue, 07 Nov 2023 09:00:00 GMT</pubDate></item>" for link, t in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>{title}</title>"
            f"<link>http://example.org/</link><description>tests</description>{entries}</channel></rss>")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        """Fixed responses by path: status, headers, body."""
        self.hits: dict[str, int] = {}
        self.sent: dict[str, int] = {}
        """Bytes the streaming routes wrote before the client went away."""
        self.posts: list[tuple[str, bytes]] = []
        """What webhooks received: (path, body)."""
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: str | bytes, *, status: int = 200, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, data)
        return self.url(path)

    def articles(self, count: int, *, prefix: str = "/news/") -> list[str]:
        """Serve ``count`` articles; return their URLs."""
        return [self.serve(f"{prefix}{n}", article_html(n)) for n in range(count)]

    def feed(self, path: str, links: list[str], *, etag: str | None = None) -> str:
        headers = {"ETag": etag, "Last-Modified": formatdate(1699347600, usegmt=True)} if etag else {}
        return self.serve(path, rss([(link, f"Item {i}") for i, link in enumerate(links)]),
                          content_type="application/rss+xml", headers=headers)

    def count(self, path: str) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.0"  # a body ends when the connection closes: no Content-Length needed

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(min(length, MB))
        with self.server.lock:
            self.server.posts.append((self.path, body))
        self._reply(200, {"Content-Type": "application/json"}, b"{}")

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        hits = self.server.count(path)
        special = getattr(self, "_" + path.strip("/").replace("/", "_").replace("-", "_").replace(".", "_"), None)
        if special is not None and path not in self.server.routes:
            special(hits)
            return
        if path not in self.server.routes:
            self._reply(404, {"Content-Type": "text/plain"}, b"not found")
            return
        status, headers, body = self.server.routes[path]
        etag = headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:
            self._reply(304, {"ETag": etag}, b"")
            return
        self._reply(status, headers, body)

    def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers and status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    # -- misbehaving routes (the name is the path) ----------------------------------------------

    def _robots_txt(self, hits: int) -> None:
        self._reply(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")

    def _flaky(self, hits: int) -> None:
        if hits == 1:
            self._reply(500, {"Content-Type": "text/plain"}, b"try again")
        else:
            self._reply(200, {"Content-Type": "text/html"}, article_html(900).encode())

    def _busy(self, hits: int) -> None:
        if hits == 1:
            self._reply(429, {"Content-Type": "text/plain", "Retry-After": "1"}, b"slow down")
        else:
            self._reply(200, {"Content-Type": "text/html"}, article_html(901).encode())

    def _always_busy(self, hits: int) -> None:
        self._reply(503, {"Content-Type": "text/plain", "Retry-After": "1"}, b"down")

    def _slow(self, hits: int) -> None:
        time.sleep(3)  # bounded: the client gives up first
        try:
            self._reply(200, {"Content-Type": "text/html"}, article_html(902).encode())
        except OSError:
            pass

    def _loop_a(self, hits: int) -> None:
        self._reply(302, {"Location": "/loop/b"}, b"")

    def _loop_b(self, hits: int) -> None:
        self._reply(302, {"Location": "/loop/a"}, b"")

    def _to_private(self, hits: int) -> None:
        self._reply(302, {"Location": "http://10.1.2.3/admin"}, b"")

    def _to_metadata(self, hits: int) -> None:
        self._reply(307, {"Location": "http://169.254.169.254/latest/meta-data/"}, b"")

    def _redirect_ok(self, hits: int) -> None:
        self._reply(301, {"Location": "/news/0"}, b"")

    def _huge(self, hits: int) -> None:
        """100 MB of HTML, written 64 kB at a time, with no Content-Length: only a streamed cap stops it."""
        self._stream("huge", (b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n" for _ in range(1600)),
                     {"Content-Type": "text/html"})

    def _huge_declared(self, hits: int) -> None:
        chunks = (b"y" * (64 * 1024) for _ in range(1600))
        self._stream("huge-declared", chunks, {"Content-Type": "text/html", "Content-Length": str(1600 * 64 * 1024)})

    def _bomb(self, hits: int) -> None:
        """Gzip of 1 GB of spaces made as it is sent (a few kB on the wire per 10 MB inflated)."""
        def chunks():  # noqa: ANN202
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            block = b" " * MB
            for _ in range(1024):
                out = packer.compress(block)
                if out:
                    yield out
            yield packer.flush()
        self._stream("bomb", chunks(), {"Content-Type": "text/html", "Content-Encoding": "gzip"})

    def _stream(self, name: str, chunks, headers: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
        self.send_response(200)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        sent = 0
        try:
            for chunk in chunks:
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:  # the client stopped reading and closed: what the cap is for
            pass
        finally:
            with self.server.lock:
                self.server.sent[name] = sent
