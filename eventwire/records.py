"""Plain typed records handed from stage to stage.

Every record carries only plain types and character offsets into the cleaned
text, so records pickle (for Dask), serialise to JSON (for the CLI and the
API) and map to rows (for the store) without adapters. The JSON shape is the
one in ``shared/docs/CONTRACT.md``; ``to_dict`` produces it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Document:
    """One input document, as read by ``ingest``, before cleaning."""

    text: str
    """Plain body text (HTML is already reduced to text by ingest)."""
    id: str | None = None
    """The caller's id, or None (a content hash is used)."""
    date: str | None = None
    """Publication date, ISO 8601, or None."""
    title: str | None = None
    source: str | None = None
    """Publisher or agency ("Reuters")."""
    url: str | None = None
    author: str | None = None
    origin: str = "<string>"
    """Where it came from, for error messages: a path, ``path:line`` or ``-``."""


@dataclass(frozen=True)
class Dateline:
    """What a dateline ("SEOUL, Nov 7 (Reuters) -") says."""

    text: str
    place: str | None = None
    date: str | None = None
    """ISO date, resolved against the document date when the dateline has no year."""
    source: str | None = None


@dataclass(frozen=True)
class CleanDocument:
    """A document after ``clean``: the body every offset points into."""

    id: str
    text: str
    date: str | None
    title: str | None
    source: str | None
    url: str | None
    origin: str
    dateline: Dateline | None = None
    removed: tuple[str, ...] = ()
    """Strings clean removed (captions, credits, bylines, tags, junk), for audit."""


@dataclass(frozen=True)
class Span:
    """A piece of the cleaned text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A political actor: who did something, or to whom."""

    text: str
    code: str | None = None
    """CAMEO-style code: country + sector (``USAGOV``) or an IGO code (``IGOUNO``)."""
    country: str | None = None
    """ISO 3166-1 alpha-3."""
    sector: str | None = None
    canonical: str | None = None
    start: int | None = None
    end: int | None = None
    title: str | None = None
    members: tuple[Actor, ...] = ()
    """For a compound actor ("the United States and Jordan")."""


@dataclass(frozen=True)
class Entity:
    """A named entity mention with its actor coding where known."""

    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Timex:
    """A temporal expression normalised TIMEX3-style."""

    text: str
    start: int
    end: int
    type: str
    """DATE, TIME, DURATION or SET."""
    value: str | None


@dataclass(frozen=True)
class Place:
    """A place mention resolved to the gazetteer."""

    text: str
    start: int
    end: int
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    feature: str | None


@dataclass(frozen=True)
class Speaker:
    """Who a quote is from."""

    text: str
    start: int
    end: int
    canonical: str | None = None
    country: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Quote:
    """Something said, and who said it."""

    speaker: Speaker | None
    cue: Span
    content: Span
    direct: bool


@dataclass(frozen=True)
class EventDate:
    value: str | None
    granularity: str | None
    """day, week, month or year."""


@dataclass(frozen=True)
class Location:
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None


@dataclass(frozen=True)
class Event:
    """Who did what to whom, when and where, with its evidence."""

    type: str
    mode: str | None
    cameo: str | None
    source: Actor | None
    target: Actor | None
    date: EventDate | None
    location: Location | None
    status: str
    attributed_to: Actor | None
    trigger: Span
    sentence: Span
    confidence: float
    goldstein: float | None = None
    """Conflict (-10) to cooperation (+10) score of the CAMEO code."""
    quad: int | None = None
    """Quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict."""
    reciprocal: bool = False
    """The members of a compound source act towards each other ("X and Y renewed their ties").
    PLOVER codes this as one event with all parties as the actor and no recipient; a dyadic
    (CAMEO-style) reading is one event from each member to the others."""


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: the contract's output record."""

    id: str
    date: str | None
    title: str | None
    source: str | None
    url: str | None
    text: str
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relevance: float | None = None
    """How likely the document is political or conflict news, in [0, 1] (``extract/relevance.py``)."""
    dateline: Dateline | None = None
    origin: str = "<string>"

    def to_dict(self) -> dict[str, Any]:
        """Return the contract's JSON object (plain dicts and lists)."""
        return to_dict(self)


def to_dict(record: Any) -> Any:
    """Convert a record (or a list of them) to plain JSON-ready data.

    Empty ``members`` tuples are dropped so simple actors keep the contract's shape.
    """
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(record):
            value = getattr(record, f.name)
            if f.name == "members" and not value:
                continue
            out[f.name] = to_dict(value)
        return out
    if isinstance(record, (list, tuple)):
        return [to_dict(v) for v in record]
    return record



@dataclass(frozen=True)
class Failure:
    """A document that could not be processed, and why; stored in the ``failures`` table."""

    origin: str
    """Where the document came from (path, ``path:line``, ``-``)."""
    kind: str
    """The error's kind: empty, binary, encoding, too_large, too_long, malformed, not_english, input, store,
    internal."""
    reason: str
    stage: str
    """Where it failed: read, clean, nlp, extract, store."""
    doc_id: str | None = None

    @property
    def message(self) -> str:
        """The one-line error shown on stderr."""
        return f"error: {self.origin}: {self.reason}"
