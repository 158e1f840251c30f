"""One bounded, polite HTTP client for feeds, article pages, sitemaps, robots.txt and webhooks (httpx).

Everything a stranger's server can do to a client is bounded here: connect and read timeouts,
at most ``max_redirects`` hops (each checked by ``safety``), a size cap counted as the body streams
in (a larger ``Content-Length`` is refused before reading), gzip inflated by hand with the same cap on
what it inflates to (a gzip bomb stops at the cap), and only the content types the caller accepts.
Politeness: a User-Agent that says who is asking, robots.txt, at most one request per host every
``host_interval`` seconds, and retries with exponential backoff on 429 and 5xx (``Retry-After``
honoured up to ``max_wait``).

Errors form one small tree::

    FetchError          the URL could not be fetched; ``transient`` says whether a later poll may succeed
"""

from __future__ import annotations

import email.utils
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

import httpx

from ..errors import EventwireError
from .safety import SafetyPolicy, Target, UnsafeURL

#: Content types of web pages; feeds and sitemaps are XML.
HTML_TYPES = ("text/html", "application/xhtml+xml")
XML_TYPES = ("application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "application/rdf+xml")
PAGE_TYPES = HTML_TYPES + XML_TYPES
_REDIRECTS = (301, 302, 303, 307, 308)
#: What robots.txt rules are matched against.
ROBOTS_TOKEN = "eventwire"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "dev"


class FetchError(EventwireError):
    """A URL that could not be fetched, and why."""

    def __init__(self, url: str, reason: str, *, kind: str = "fetch", transient: bool = False,
                 retry_after: float | None = None) -> None:
        self.url = url
        self.reason = reason
        self.kind = kind
        self.transient = transient
        """True for what may pass (a timeout, 429, 5xx): the URL is tried again at a later poll."""
        self.retry_after = retry_after
        super().__init__(f"{url}: {reason}")


@dataclass(frozen=True)
class FetchPolicy:
    """Limits and manners of every request."""

    user_agent: str = f"eventwire/{_version()} (news event coder; respects robots.txt)"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    """Seconds to wait for each piece of the response (not for the whole body)."""
    max_redirects: int = 5
    max_bytes: int = 2_000_000
    """Largest body, both as sent and once inflated (the ``max_bytes`` setting)."""
    retries: int = 3
    """Further attempts after a 429, a 5xx, a timeout or a refused connection."""
    backoff: float = 1.0
    """Seconds before the first retry, doubled for each next one."""
    max_wait: float = 60.0
    """The longest wait between attempts, whatever ``Retry-After`` asks for."""
    host_interval: float = 5.0
    """At least this many seconds between two requests to one host."""
    robots: bool = True
    safety: SafetyPolicy = field(default_factory=SafetyPolicy)


@dataclass(frozen=True)
class Response:
    """A fetched body, read whole (within the cap)."""

    url: str
    """The final URL, after redirects."""
    status: int
    headers: dict[str, str]
    """Lower-cased names."""
    body: bytes
    """Inflated, at most ``max_bytes``."""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
        return None

    def text(self) -> str:
        """The body as text: by its declared charset, else UTF-8, else Windows-1252 (what browsers fall back to)."""
        for encoding in (self.charset, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    pass
        return self.body.decode("cp1252", errors="replace")


class Fetcher:
    """An HTTP client with ``FetchPolicy``'s limits; one per poll, closed after it."""

    def __init__(self, policy: FetchPolicy | None = None, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy or FetchPolicy()
        self.sleep = sleep
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        # trust_env=False: a proxy from the environment would connect where safety did not look.
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False,
                                   headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip"})
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self.requests = 0
        """Requests sent, for reports and tests."""

    def get(self, url: str, *, accept: tuple[str, ...] = PAGE_TYPES, headers: dict[str, str] | None = None) -> Response:
        """GET ``url``, retrying what may pass; a 304 (conditional GET) is returned with an empty body.

        Raises:
            FetchError: unsafe, refused by robots.txt, an HTTP error, a timeout, too large, a content type
                not in ``accept``, too many redirects.
        """
        return self._with_retries(lambda: self._follow(url, accept, headers or {}), url)

    def post_json(self, url: str, payload: Any) -> Response:
        """POST ``payload`` as JSON to ``url`` (a webhook); redirects are not followed."""
        def send() -> Response:
            response = self._send(self._check(url), "POST", {}, accept=None, json=payload)
            if response.status >= 300:
                raise FetchError(url, f"HTTP {response.status} (webhook redirects are not followed)", kind="http")
            return response
        return self._with_retries(send, url)

    def allowed(self, url: str) -> bool:
        """True if robots.txt of ``url``'s site lets eventwire fetch it (or the policy ignores robots.txt)."""
        if not self.policy.robots:
            return True
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = None  # robots.txt itself may always be fetched
            self._robots[site] = self._read_robots(site + "/robots.txt")
        rules = self._robots[site]
        return True if rules is None else rules.can_fetch(ROBOTS_TOKEN, url)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the steps ---------------------------------------------------------------------------

    def _with_retries(self, attempt: Callable[[], Response], url: str) -> Response:
        for number in range(self.policy.retries + 1):
            try:
                return attempt()
            except FetchError as exc:
                if not exc.transient or number == self.policy.retries:
                    raise
                wait = self.policy.backoff * 2 ** number
                if exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                self.sleep(min(wait, self.policy.max_wait))
        raise AssertionError("unreachable")  # the loop returns or raises

    def _follow(self, url: str, accept: tuple[str, ...] | None, headers: dict[str, str]) -> Response:
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            target = self._check(current)
            if not self.allowed(current):
                raise FetchError(current, "robots.txt does not allow eventwire to fetch it", kind="robots")
            response = self._send(target, "GET", headers, accept=accept)
            if response.status in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(current, f"HTTP {response.status} redirect without a Location")
                current = urljoin(current, location.strip())
                continue
            return Response(url=current, status=response.status, headers=response.headers, body=response.body)
        raise FetchError(url, f"too many redirects (more than {self.policy.max_redirects})", kind="redirects")

    def _check(self, url: str) -> Target:
        try:
            return self.policy.safety.check(url)
        except UnsafeURL as exc:
            raise FetchError(url, str(exc).removeprefix(f"{url}: "), kind="unsafe_url") from exc

    def _send(self, target: Target, method: str, headers: dict[str, str], *, accept: tuple[str, ...] | None,
              json: Any = None) -> Response:
        """One request to the checked address; the body read within the caps (redirects and 304 have none)."""
        self._wait_for(target.host)
        address = f"[{target.address}]" if ":" in target.address else target.address
        parts = urlsplit(target.url)
        pinned = urlunsplit((target.scheme, f"{address}:{target.port}", parts.path or "/", parts.query, ""))
        # Host and the TLS server name stay the URL's: the address changes, not whom we talk to.
        sent = {**headers, "Host": parts.netloc.rsplit("@", 1)[-1]}
        extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
        self.requests += 1
        try:
            with self.client.stream(method, pinned, headers=sent, extensions=extensions, json=json) as response:
                found = {name.lower(): value for name, value in response.headers.items()}
                status = response.status_code
                if status in _REDIRECTS or status == 304:
                    return Response(url=target.url, status=status, headers=found, body=b"")
                if status == 429 or status >= 500:
                    raise FetchError(target.url, f"HTTP {status}", kind="http", transient=True,
                                     retry_after=retry_after(found.get("retry-after")))
                if status >= 400:
                    raise FetchError(target.url, f"HTTP {status}", kind="http")
                kind = found.get("content-type", "").split(";")[0].strip().lower()
                if accept is not None and kind not in accept:
                    raise FetchError(target.url, f"content type {kind or 'missing'} is not one of {', '.join(accept)}",
                                     kind="content_type")
                body = self._read(response, target.url, found)
                return Response(url=target.url, status=status, headers=found, body=body)
        except httpx.TimeoutException as exc:
            raise FetchError(target.url, f"timed out ({type(exc).__name__})", kind="timeout", transient=True) from exc
        except httpx.HTTPError as exc:
            raise FetchError(target.url, f"cannot fetch: {' '.join(str(exc).split()) or type(exc).__name__}",
                             kind="network", transient=True) from exc

    def _read(self, response: httpx.Response, url: str, headers: dict[str, str]) -> bytes:
        """The body, streamed: refused as soon as it (or what it inflates to) is over ``max_bytes``."""
        cap = self.policy.max_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"body is {int(declared):,} bytes, over the limit of {cap:,}", kind="too_large")
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", "gzip", "x-gzip", ""):
            raise FetchError(url, f"content encoding {encoding} is not supported", kind="encoding")
        inflater = zlib.decompressobj(wbits=47) if "gzip" in encoding else None  # 47: gzip or zlib header
        raw = 0
        out = bytearray()
        for chunk in response.iter_raw(65536):
            raw += len(chunk)
            if raw > cap:
                raise FetchError(url, f"body is over the limit of {cap:,} bytes", kind="too_large")
            if inflater is None:
                out += chunk
                continue
            try:
                # max_length bounds each step: a bomb's few bytes never inflate past the cap in memory.
                data = chunk
                while data:
                    out += inflater.decompress(data, cap + 1 - len(out))
                    if len(out) > cap:
                        raise FetchError(url, f"body inflates to over the limit of {cap:,} bytes", kind="too_large")
                    data = inflater.unconsumed_tail
            except zlib.error as exc:
                raise FetchError(url, f"bad gzip data: {exc}", kind="encoding") from exc
        return bytes(out)

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.policy.host_interval - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = time.monotonic()

    def _read_robots(self, url: str) -> RobotFileParser | None:
        """The site's rules; None (everything allowed) when it has none (4xx). Unreachable: nothing allowed."""
        rules = RobotFileParser(url)
        try:
            response = self._follow(url, None, {})
        except FetchError as exc:
            if exc.kind == "http" and not exc.transient:
                return None  # no robots.txt: no rules
            rules.disallow_all = True  # RFC 9309: a site whose rules cannot be read is not crawled
            return rules
        rules.parse(response.text().splitlines())
        return rules


def retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
