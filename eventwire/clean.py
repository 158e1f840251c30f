"""Clean an article body: captions, credits, bylines, datelines, agency tags and junk.

The cleaned text is what every offset in the output points into, so cleaning
works on whole lines and on a leading dateline and trailing tag only: it never
rewrites the inside of a sentence. What it removes is kept in
``CleanDocument.removed`` for audit, and what it learns (the dateline's place,
date and source; a trailing agency tag) fills the document's empty fields.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date as Date

from .errors import EmptyInput, NotEnglish, TooLong
from .language import looks_english
from .records import CleanDocument, Dateline, Document

AGENCIES = r"Reuters|AP|AFP|Associated Press|Agence France-Presse|Bloomberg|Xinhua|Yonhap|Kyodo|TASS|Interfax|UPI|dpa|DPA|ANSA|EFE|PTI|IANS|Anadolu|KCNA|BBC|CNN|Al Jazeera|RIA Novosti"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}

# "SEOUL, Nov 7 (Reuters) - ", "WASHINGTON (AP) — ", "KYIV, Ukraine, March 3, 2024 (AFP) -- ", "LONDON — "
DATELINE = re.compile(
    rf"""^(?P<place>[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+){{0,3}})          # SEOUL / NEW YORK / ST. LOUIS
        (?:,\s(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?       # , Ukraine / , Calif.
        (?:,?\s(?P<month>{_MONTH})\s(?P<day>\d{{1,2}})(?:,\s(?P<year>\d{{4}}))?)?
        \s*(?:\((?P<agency>{AGENCIES})\))?
        \s*(?:-{{1,2}}|–|—)\s*""",
    re.VERBOSE,
)
AGENCY_TAIL = re.compile(rf"\s*(?:(?:-{{1,2}}|–|—)\s*(?P<a1>{AGENCIES})|\((?P<a2>{AGENCIES})\))\s*\.?\s*$")
REPORTING_LINE = re.compile(r"^\(?\s*(?:Reporting|Writing|Editing|Additional reporting|Compiled) by\b.*$", re.I)
BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3})*(?:\s*[,|/-]\s*[\w .]+)?$")
CAPTION = re.compile(
    r"""^(?:\(?(?:Photo|Image|Picture|File\ photo|Caption|Credit)s?\b[:\s]
        |.*\b(?:VIA\ FLICKR|via\ Flickr|Getty\ Images|AP\ Photo|REUTERS/|AFP\ via|/AFP|Shutterstock|EPA-EFE|Photograph:)
        |.*\s(?:—|–|-)\s[A-Z][A-Z.'\-]+(?:\s[A-Z][A-Z.'\-]+)+$)""",
    re.VERBOSE,
)
_VOWELS = set("aeiouyAEIOUY")


def clean(doc: Document, *, check_language: bool = True, max_chars: int | None = None) -> CleanDocument:
    """Clean one document.

    Args:
        doc: the document as read.
        check_language: refuse text that does not look like English.
        max_chars: refuse a cleaned text longer than this (None: any length).

    Returns:
        The cleaned document, with a content-hash id where the input had none.

    Raises:
        EmptyInput: nothing is left to read.
        NotEnglish: the text is not English.
        TooLong: the cleaned text is longer than ``max_chars``.
    """
    removed: list[str] = []
    lines = [ln.rstrip() for ln in doc.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = _drop_junk_edges(lines, removed)
    kept = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped and (_is_caption(stripped) or (i < 3 and BYLINE.match(stripped)) or REPORTING_LINE.match(stripped)):
            removed.append(stripped)
            continue
        kept.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    source = doc.source
    tail = AGENCY_TAIL.search(text)
    if tail:
        removed.append(tail.group(0).strip())
        source = source or tail.group("a1") or tail.group("a2")
        text = text[: tail.start()].rstrip()
    dateline = None
    match = DATELINE.match(text)
    if match and _plausible_dateline(match):
        dateline = _dateline(match, doc.date)
        removed.append(match.group(0).strip())
        source = source or dateline.source
        text = text[match.end():]
    if not text.strip():
        raise EmptyInput(doc.origin, "no text left to read" + (" after cleaning" if doc.text.strip() else ""))
    if not any(c.isalpha() for c in text):
        raise EmptyInput(doc.origin, "no words to read (only figures or symbols)")
    if max_chars is not None and len(text) > max_chars:
        raise TooLong(doc.origin, f"the text is {len(text):,} characters, over the limit of {max_chars:,} "
                                  "(setting max_chars)")
    if check_language and not looks_english(text):
        raise NotEnglish(doc.origin, "the text does not look like English (only English is supported)")
    return CleanDocument(
        id=doc.id or content_id(doc.text),
        text=text,
        date=_iso_date(doc.date) or (dateline.date if dateline and dateline.date and "X" not in dateline.date else None),
        title=doc.title,
        source=source,
        url=doc.url,
        origin=doc.origin,
        dateline=dateline,
        removed=tuple(removed),
    )


def content_hash(text: str) -> str:
    """SHA-256 of the text with white space folded: the same article read twice hashes the same."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def content_id(text: str) -> str:
    """A short stable id from the content hash, for documents that come without one."""
    return "sha256-" + content_hash(text)[:16]


def _is_caption(line: str) -> bool:
    # Captions and credits are short lines; a long paragraph that happens to mention
    # "Getty Images" is body text.
    return len(line) < 250 and bool(CAPTION.match(line)) and not line.endswith((".", '"', "”")) or (
        len(line) < 250 and line.lower().startswith(("photo:", "image:", "image caption", "picture:", "(photo", "file photo"))
    )


def _drop_junk_edges(lines: list[str], removed: list[str]) -> list[str]:
    """Drop lone unpronounceable tokens ("XbQerTtuvWQ") on the first and last non-empty lines."""
    def first_content(seq: list[str]) -> int | None:
        return next((i for i, ln in enumerate(seq) if ln.strip()), None)

    for reverse in (False, True):
        seq = lines[::-1] if reverse else lines
        while (i := first_content(seq)) is not None and _is_junk(seq[i].strip()):
            removed.append(seq[i].strip())
            seq = seq[i + 1:]
        lines = seq[::-1] if reverse else seq
    return lines


def _is_junk(token: str) -> bool:
    if " " in token or len(token) < 5 or not token.isalnum():
        return False
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return False
    vowel_ratio = sum(c in _VOWELS for c in letters) / len(letters)
    case_flips = sum(1 for a, b in zip(token, token[1:]) if a.isalpha() and b.isalpha() and a.isupper() != b.isupper())
    has_digit_mix = any(c.isdigit() for c in token) and len(letters) > 2
    return vowel_ratio < 0.25 or case_flips >= 3 or has_digit_mix


def _plausible_dateline(match: re.Match[str]) -> bool:
    # An all-caps first word followed by a dash could be a shouted headline; a dateline
    # is short and names a place (and usually an agency or a date).
    place = match.group("place")
    return len(place) <= 30 and (bool(match.group("agency") or match.group("month")) or len(place.split()) <= 2)


def _dateline(match: re.Match[str], doc_date: str | None) -> Dateline:
    place = match.group("place").title()
    value = None
    if match.group("month"):
        month = _MONTHS[match.group("month")[:3].lower()]
        day = int(match.group("day"))
        year = match.group("year") or (doc_date[:4] if doc_date and doc_date[:4].isdigit() else None)
        value = f"{year or 'XXXX'}-{month:02d}-{day:02d}"
        if year:
            try:
                Date(int(year), month, day)
            except ValueError:
                value = None
    return Dateline(text=match.group(0).strip(), place=place, date=value, source=match.group("agency"))


def _iso_date(value: str | None) -> str | None:
    """The date part of an ISO date or datetime; other formats are parsed with dateparser."""
    if not value:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    return parsed.date().isoformat() if parsed else None
