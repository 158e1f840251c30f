"""Web archives: every HTML response record of a WARC (or .warc.gz) file as a Document (warcio).

A record's target URI becomes the document's URL and origin, its WARC-Date the document's date.
Records that are not HTML responses (requests, metadata, images, PDFs) are skipped and counted,
so ``eventwire ingest`` can say how many there were.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from .errors import EmptyInput, InputError, TooLarge
from .records import Document

HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    """True for a ``.warc`` or ``.warc.gz`` file name."""
    return path.lower().endswith((".warc", ".warc.gz"))


def read_warc(path: str, *, max_bytes: int, skipped: Counter[str] | None = None) -> Iterator[Document | InputError]:
    """The HTML responses of the WARC file at ``path``, in file order.

    Args:
        max_bytes: a record's payload larger than this is a TooLarge error for that record.
        skipped: counts the records left out, by why ("warcinfo", "request", "image/png"...).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .ingest import from_html

    counts = skipped if skipped is not None else Counter()
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    number = 0
    try:
        if not _starts_as_warc(stream):
            yield InputError(path, "not a WARC file (it does not start with a WARC/1.x record)")
            return
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                counts[record.rec_type] += 1
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in HTML_TYPES:
                counts[content_type or "no content type"] += 1
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{number}"
            warc_date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            try:
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    raise TooLarge(uri, f"WARC record is over the limit of {max_bytes:,} bytes (setting max_bytes)")
                html = _decode(body, record.http_headers.get_header("Content-Type") or "")
                if not html.strip():
                    raise EmptyInput(uri, "empty HTML response in the WARC file")
                yield from_html(html, origin=uri, date=warc_date, url=uri)
            except InputError as exc:
                yield exc
    except ArchiveLoadFailed as exc:
        yield InputError(path, f"not a valid WARC file after record {number}: {' '.join(str(exc).split())}")
    finally:
        stream.close()


def _starts_as_warc(stream: BinaryIO) -> bool:
    """True if the file's first record (inflated, for .warc.gz) starts with a WARC version line; rewinds."""
    head = stream.read(512)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _decode(body: bytes, content_type: str) -> str:
    """The page's text by its declared charset, else UTF-8, else Windows-1252 (what browsers fall back to)."""
    charset = next((part.split("=", 1)[1].strip().strip('"') for part in content_type.split(";")[1:]
                    if part.strip().lower().startswith("charset=")), None)
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return body.decode("cp1252", errors="replace")
