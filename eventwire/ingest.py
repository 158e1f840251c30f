"""Read documents: plain text, HTML, JSON Lines, folders of them, or standard input.

Reading never raises for one bad document: ``read`` yields either a
``Document`` or the ``InputError`` that explains why a document could not be
read, so a batch goes on and the caller records the failure.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import BinaryInput, EmptyInput, EncodingError, InputError, MalformedRecord, TooLarge
from .ingest_warc import is_warc, read_warc
from .records import Document

#: Characters no stored text may hold: NUL (PostgreSQL refuses it, C strings end at it) and lone surrogates
#: (JSON's "\ud800" escapes them into a string no UTF-8 encoder can write).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: File suffix -> input format, for folders and for files given without --input-format.
SUFFIXES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FORMATS = ("text", "html", "jsonl", "warc")
#: Byte-order marks of the encodings with NUL bytes in ordinary text, longest first (UTF-32's starts like UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

log = logging.getLogger(__name__)
#: A path that is a web address: read by ``watch``, not opened as a file (it would be "https:/host/...").
WEB_ADDRESS = re.compile(r"^(?:https?|ftp)://", re.I)


def discover(paths: Iterable[str | Path]) -> list[tuple[str, str | None]]:
    """Expand folders into the recognised files below them, sorted; keep files and ``-`` as given.

    Returns:
        (path, format) pairs; format is None where the suffix is not recognised.
    """
    found: list[tuple[str, str | None]] = []
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-" or WEB_ADDRESS.match(str(raw)):
            found.append((str(raw), None))
        elif path.is_dir():
            found += [(str(p), _format_of(p)) for p in sorted(path.rglob("*"))
                      if p.is_file() and _format_of(p) and not p.name.startswith(".")]
        else:
            found.append((str(path), _format_of(path)))
    return found


def read(
    paths: Iterable[str | Path],
    *,
    input_format: str | None = None,
    date: str | None = None,
    max_bytes: int = 2_000_000,
    skipped: Counter[str] | None = None,
) -> Iterator[Document | InputError]:
    """Read every document named by ``paths`` (files, folders, ``-`` for stdin).

    Args:
        paths: files, folders (walked for .txt, .html, .jsonl, .warc, .warc.gz) or ``-``.
        input_format: force "text", "html", "jsonl" or "warc"; default: by suffix, text otherwise.
        date: publication date for documents that do not carry their own.
        max_bytes: documents (and JSON Lines files' lines, WARC records) larger than this are refused.
        skipped: counts the WARC records that are not HTML responses, by kind.

    Yields:
        A Document per readable document, an InputError per unreadable one.
    """
    for path, suffix_format in discover(paths):
        if WEB_ADDRESS.match(path):
            yield InputError(path, "is a URL: extract and ingest read files; web pages and feeds are read by "
                                   "'eventwire watch' (save a page first to extract it: curl -o page.html URL)")
            continue
        fmt = input_format or suffix_format or "text"
        if fmt == "jsonl":
            yield from _read_jsonl(path, date=date, max_bytes=max_bytes)
            continue
        if fmt == "warc":
            yield from read_warc(path, max_bytes=max_bytes, skipped=skipped)
            continue
        try:
            data = _read_bytes(path, max_bytes=max_bytes)
            text = _decode(data, path)
            yield from_html(text, origin=path, date=date) if fmt == "html" else from_text(text, origin=path, date=date)
        except InputError as exc:
            yield exc
        except OSError as exc:
            yield InputError(path, f"cannot read: {exc.strerror or exc}")


def from_text(text: str, *, origin: str = "<string>", date: str | None = None, **fields: Any) -> Document:
    """Make a Document from plain text; a short first line followed by a blank line is the title."""
    title = fields.pop("title", None)
    if title is None:
        head, sep, rest = text.lstrip().partition("\n")
        if sep and rest.startswith("\n") and _looks_like_title(head):
            title, text = head.strip(), rest
    if "url" in fields:
        fields["url"] = web_url(fields["url"], origin=origin)
    return Document(text=text, title=title, date=date, origin=origin, **fields)


def from_html(html: str, *, origin: str = "<string>", date: str | None = None, **fields: Any) -> Document:
    """Extract the article body and metadata (title, date, author) from HTML with trafilatura."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    result = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False,
                                 include_tables=False, favor_precision=True)
    if not result:
        raise EmptyInput(origin, "no article text found in the HTML")
    meta = json.loads(result)
    return Document(
        text=meta.get("text") or "",
        title=fields.pop("title", None) or meta.get("title"),
        date=date or meta.get("date"),
        author=meta.get("author"),
        url=web_url(fields.pop("url", None) or meta.get("source") or meta.get("url"), origin=origin),
        source=fields.pop("source", None) or meta.get("sitename"),
        origin=origin,
        **fields,
    )


def from_record(record: Any, *, origin: str, date: str | None = None) -> Document:
    """Make a Document from one JSON Lines object with the contract's input fields."""
    if not isinstance(record, dict):
        raise MalformedRecord(origin, f"expected a JSON object, got {type(record).__name__}")
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise MalformedRecord(origin, "record has neither 'text' nor 'html' as a string")
    for key in ("text", "html", "id", "title", "source", "url", "author", "date"):
        if isinstance(record.get(key), str):
            _check_storable(record[key], key, origin)
    fields = {k: _str_or_none(record.get(k)) for k in ("id", "title", "source", "url", "author")}
    fields["url"] = web_url(fields["url"], origin=origin)
    doc_date = _str_or_none(record.get("date")) or date
    if isinstance(text, str):
        return Document(text=text, date=doc_date, origin=origin, **fields)
    return from_html(str(html), origin=origin, date=doc_date, **fields)


def web_url(url: str | None, *, origin: str) -> str | None:
    """``url`` if it is an http(s) URL; any other (javascript:, data:, file:) is None, with a warning logged.

    The page makes a document's URL a link, so only a web address may be stored as one.
    """
    if url is None or not url.strip():
        return None
    try:
        parts = urlsplit(url)  # drops what browsers drop first (leading controls and spaces, tabs, newlines)
    except ValueError:
        parts = None
    if parts and parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    log.warning("%s: url %r is not an http(s) URL; stored without one", origin, url[:80])
    return None


def _read_jsonl(path: str, *, date: str | None, max_bytes: int) -> Iterator[Document | InputError]:
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    try:
        for number, line in enumerate(stream, start=1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                if len(line) > max_bytes:
                    raise TooLarge(origin, f"record is {len(line):,} bytes, over the limit of {max_bytes:,}")
                record = json.loads(_decode(line, origin).rstrip("\r\n"))  # so an unclosed string is named as one
                yield from_record(record, origin=origin, date=date)
            except json.JSONDecodeError as exc:
                yield MalformedRecord(origin, json_problem(exc))
            except InputError as exc:
                yield exc
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _read_bytes(path: str, *, max_bytes: int) -> bytes:
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise TooLarge(path, f"file is {size:,} bytes, over the limit of {max_bytes:,} (setting max_bytes)")
        data = Path(path).read_bytes()
    if len(data) > max_bytes:
        raise TooLarge(path, f"input is over the limit of {max_bytes:,} bytes (setting max_bytes)")
    return data


def json_problem(exc: json.JSONDecodeError) -> str:
    """What is wrong with a JSON text, in one phrase: "not valid JSON (Expecting value at column 7)".

    Some of json's messages end in "at" ("Unterminated string starting at"): the column follows them once.
    """
    return f"not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"


def _check_storable(value: str, key: str, origin: str) -> None:
    """Refuse a record whose field holds a NUL character or a lone surrogate (``_UNSTORABLE``)."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return
    char, where = found.group(), f"at offset {found.start():,}"
    if char == "\x00":
        raise BinaryInput(origin, f"'{key}' has a NUL character (\\u0000) {where}: binary data, not text")
    raise EncodingError(origin, f"'{key}' has a lone surrogate (\\u{ord(char):04x}) {where}: not valid Unicode")


def _format_of(path: Path) -> str | None:
    """The input format a file name says: by suffix, ``.warc.gz`` included; None if not recognised."""
    return "warc" if is_warc(path.name) else SUFFIXES.get(path.suffix.lower())


def _decode(data: bytes, origin: str) -> str:
    # UTF-16 and UTF-32 text is full of NUL bytes: with a byte-order mark it is text, read by its BOM.
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)  # the codec reads the BOM for the byte order and drops it
            except UnicodeDecodeError as exc:
                raise EncodingError(origin, f"not valid {encoding.upper()} despite its byte-order mark "
                                    f"(at offset {exc.start})") from exc
            found = _UNSTORABLE.search(text)
            if found is not None:
                raise BinaryInput(origin, f"a NUL character at offset {found.start():,} of the {encoding.upper()} "
                                  "text: binary data, not text")
            return text
    # The whole input, not its start: a NUL anywhere is refused by PostgreSQL and cuts C strings short.
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(origin, f"binary data (a NUL byte at offset {nul:,}), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(origin, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})") from exc


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 150 and not line.endswith((".", "!", "?", ":", ";", ",")) and "  " not in line


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
