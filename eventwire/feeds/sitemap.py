"""Sitemaps: the article URLs a site lists (``<urlset>``), following ``<sitemapindex>`` a bounded number of times."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zlib

from .fetch import XML_TYPES, Fetcher, FetchError

#: At most this many sitemap files are read for one ``--sitemap`` (an index may list thousands).
MAX_SITEMAPS = 50
_GZIP_TYPES = ("application/gzip", "application/x-gzip")


def sitemap_urls(url: str, fetcher: Fetcher, *, max_urls: int = 50_000) -> list[str]:
    """Article URLs listed by the sitemap at ``url`` (and the sitemaps an index lists), in order, each once.

    Raises:
        FetchError: the first sitemap cannot be fetched or is not a sitemap; later ones that fail are skipped.
    """
    queue, seen_maps, found = [url], set(), dict[str, None]()
    while queue and len(seen_maps) < MAX_SITEMAPS and len(found) < max_urls:
        current = queue.pop(0)
        if current in seen_maps:
            continue
        seen_maps.add(current)
        try:
            kind, locs = _read(current, fetcher)
        except FetchError:
            if current == url:
                raise
            continue
        if kind == "sitemapindex":
            queue += locs
        else:
            found.update(dict.fromkeys(locs[: max_urls - len(found)]))
    return list(found)


def _read(url: str, fetcher: Fetcher) -> tuple[str, list[str]]:
    response = fetcher.get(url, accept=XML_TYPES + _GZIP_TYPES + ("text/plain",))
    body = response.body
    if response.content_type in _GZIP_TYPES or body[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(wbits=47)
        body = inflater.decompress(body, fetcher.policy.max_bytes + 1)
        if len(body) > fetcher.policy.max_bytes:
            raise FetchError(url, f"sitemap inflates to over {fetcher.policy.max_bytes:,} bytes", kind="too_large")
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as exc:
        raise FetchError(url, f"not a sitemap (malformed XML: {exc})", kind="malformed") from exc
    kind = root.tag.rsplit("}", 1)[-1]
    if kind not in ("urlset", "sitemapindex"):
        raise FetchError(url, f"not a sitemap (root element {kind})", kind="malformed")
    locs = [node.text.strip() for node in root.iter() if node.tag.rsplit("}", 1)[-1] == "loc" and node.text]
    return kind, locs
