"""The REST API and the page of ``eventwire serve``, over the store the CLI writes (SQLite or PostgreSQL).

Reads (events, documents, actors, stats, exports) are open unless the app is made private;
``POST /api/documents`` runs the pipeline and needs the bearer token. Every aggregation is
done by the store in SQL, and lists are paged, so a store of 100k events stays quick. Every
integer a request gives is bounded, and every response carries the security headers of
``views/headers.py``.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp

from .config import Settings, load_settings
from .errors import StoreError
from .records import Extraction, Failure
from .store import EventFilter, open_store
from .store import Store as AnyStore
from .store.base import INTERVALS, SORTS
from .store.common import search_words
from .views.assets import VENDOR, WEB, countries, docs_page, node_modules
from .views.bodies import BodyError, parse_documents
from .views.evidence import evidence_spans
from .views.exports import csv_stream, iter_events, jsonl_stream
from .views.headers import SecurityHeaders

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
SORT_PATTERN = "^-?(" + "|".join(SORTS) + ")$"
STATUSES = ("asserted", "planned", "alleged", "denied", "negated", "hypothetical", "background")
#: The largest integer both stores hold (SQLite's INTEGER, PostgreSQL's bigint): a larger offset is
#: 422, a larger id 404, instead of the driver's OverflowError.
MAX_INTEGER = 2**63 - 1
Offset = Annotated[int, Query(ge=0, le=MAX_INTEGER)]
#: ``min_relevance``, on the event views and the document search.
MinRelevance = Annotated[float | None, Query(ge=0, le=1, description=(
    "Only documents at least this relevant (0 to 1: how likely political or conflict news)."))]


def create_app(
    store_path: str | Path,
    settings: Settings | None = None,
    *,
    token: str | None = None,
    max_body: int | None = None,
    private: bool = False,
) -> FastAPI:
    """Build the app over the store at ``store_path`` (created if absent).

    Args:
        store_path: the store ``eventwire ingest`` writes: a SQLite file or a postgresql:// URL.
        settings: pipeline settings for POST (default: ``load_settings()``).
        token: bearer token for POST (default: $EVENTWIRE_TOKEN); without one, POST is refused.
        max_body: largest POST body in bytes (default: 5 x the max_bytes setting); larger gets 413.
        private: require the token for reads too.

    Returns:
        The FastAPI application; serve it with uvicorn.
    """
    settings = settings or load_settings()
    token = token or os.environ.get("EVENTWIRE_TOKEN") or None
    body_limit = max_body or 5 * settings.max_bytes
    path = str(store_path)
    open_store(path).close()  # create and migrate once, before the first request
    extractor = _Extractor(settings)

    app = _App(title="eventwire", version=_version(), docs_url=None, redoc_url=None,
               description="Events extracted from news text: who did what to whom, when and where.")

    def check_token(request: Request) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if token is None:
            raise HTTPException(403, "writes are disabled: start the server with --token or EVENTWIRE_TOKEN")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    def check_read(request: Request) -> None:
        if private:
            check_token(request)

    app.state.store_path = path
    reads = [Depends(check_read)]

    @app.get("/api/events", dependencies=reads, summary="Events matching the filters, paged")
    def list_events(where: Filter, db: Store,
                    limit: Annotated[int, Query(ge=1, le=1000, description="Events per page.")] = 50,
                    offset: Offset = 0,
                    sort: Annotated[str, Query(pattern=SORT_PATTERN,
                                               description="date, confidence, goldstein, type or id; '-' first for descending.")] = "-date",
                    ) -> dict[str, Any]:
        """Events newest first by default, each the contract's event with id, doc_id, day and its document's
        title, date, source and relevance (``doc_relevance``)."""
        return {"total": db.count_events(where), "limit": limit, "offset": offset, "sort": sort,
                "events": db.events(where, limit=limit, offset=offset, sort=sort), "actors": matched_actors(db, where)}

    @app.get("/api/events.csv", dependencies=reads, summary="The filtered events as CSV")
    def export_csv(where: Filter, sort: Annotated[str, Query(pattern=SORT_PATTERN)] = "-date") -> StreamingResponse:
        """Every matching event (not one page), one row each, streamed."""
        return StreamingResponse(csv_stream(iter_events(path, where, sort=sort)), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/api/events.jsonl", dependencies=reads, summary="The filtered events as JSON Lines")
    def export_jsonl(where: Filter, sort: Annotated[str, Query(pattern=SORT_PATTERN)] = "-date") -> StreamingResponse:
        """Every matching event (not one page), one JSON object per line, streamed."""
        return StreamingResponse(jsonl_stream(iter_events(path, where, sort=sort)),
                                 media_type="application/x-ndjson; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="events.jsonl"'})

    @app.get("/api/events/{event_id}", dependencies=reads, summary="One event with its article and evidence spans")
    def get_event(event_id: int, db: Store) -> dict[str, Any]:
        """The event, its document (text and metadata) and the spans to highlight in it."""
        event = db.event(event_id) if 0 < event_id <= MAX_INTEGER else None
        if event is None:
            raise HTTPException(404, f"no event {event_id}")
        record = db.document(event["doc_id"]) or {}
        document = {k: record.get(k) for k in ("id", "title", "date", "source", "url", "relevance", "text")}
        return {"event": event, "document": document, "spans": evidence_spans(event, record)}

    @app.get("/api/documents", dependencies=reads, summary="Full-text search over documents")
    def search_documents(db: Store, q: Annotated[str, Query(min_length=1, description="Words to find (word* for a prefix).")],
                         limit: Annotated[int, Query(ge=1, le=200)] = 20,
                         offset: Offset = 0,
                         min_relevance: MinRelevance = None) -> dict[str, Any]:
        """Documents best matching ``q``, each with its relevance and a snippet where the words are [bracketed]."""
        check_words(q)
        return {"documents": db.search_documents(q, limit=limit, offset=offset, min_relevance=min_relevance),
                "limit": limit, "offset": offset}

    @app.get("/api/documents/{doc_id}", dependencies=reads, summary="One stored document's extraction record")
    def get_document(doc_id: str, db: Store) -> dict[str, Any]:
        """The contract's output record of the document."""
        record = db.document(doc_id)
        if record is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return record

    @app.get("/api/actors", dependencies=reads, summary="Actors by code or name")
    def list_actors(db: Store, q: Annotated[str | None, Query(description="Code prefix or part of a name.")] = None,
                    limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
        """Actors (code, else country) with their most common name and their number of events, most first."""
        return {"actors": db.actors(q, limit=limit)}

    @app.get("/api/stats", dependencies=reads, summary="Aggregates for the timeline, map and network")
    def stats(where: Filter, db: Store,
              interval: Annotated[str, Query(pattern="^(auto|" + "|".join(INTERVALS) + ")$",
                                             description="Timeline bucket; auto picks by the date range.")] = "auto",
              top: Annotated[int, Query(ge=1, le=200, description="How many actors and dyads.")] = 30) -> dict[str, Any]:
        """Counts by type per period, per type, top actors, top dyads, counts by country and by place."""
        result = db.stats(where, interval=None if interval == "auto" else interval, top=top)
        by_type: dict[str, list[float]] = {}
        for row in result["timeline"]:
            events, score, scored = by_type.setdefault(row["type"], [0, 0.0, 0])
            has_score = row["goldstein"] is not None
            by_type[row["type"]] = [events + row["events"], score + (row["goldstein"] or 0) * row["events"],
                                    scored + (row["events"] if has_score else 0)]
        result["types"] = sorted(({"type": kind, "events": int(events), "goldstein": score / scored if scored else None}
                                  for kind, (events, score, scored) in by_type.items()), key=lambda t: -t["events"])
        known = countries()
        result["countries"] = [{**row, **known.get(row["country"], {"numeric": None, "name": row["country"]})}
                               for row in result["countries"]]
        return result

    @app.get("/api/spikes", dependencies=reads, summary="(actor or country, type) pairs far above their baseline")
    def list_spikes(db: Store, day: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
                    window: Annotated[int, Query(ge=1, le=366)] = 28, p: Annotated[float, Query(gt=0, le=1)] = 0.001,
                    min_count: Annotated[int, Query(ge=1)] = 3) -> dict[str, Any]:
        """Spikes on ``day`` (default: the last day with events): a Poisson tail below ``p`` (``alerts.spikes``)."""
        from .alerts import spikes

        found = spikes(db, day=day, window=window, p=p, min_count=min_count)  # type: ignore[arg-type]
        return {"spikes": [spike.to_dict() for spike in found]}

    @app.post("/api/documents", status_code=201, summary="Extract events from documents and store them")
    async def post_documents(request: Request) -> JSONResponse:
        """One JSON document (the contract's input: text or html, id, date, title, source, url) or JSON Lines.

        Needs ``Authorization: Bearer TOKEN``. All documents are stored, or none: a malformed
        one (400/422), one the pipeline cannot process (422) or a body over the limit (413)
        leaves the store as it was. Returns the extraction records, and ``warnings`` about what
        was left out (a ``url`` that is not http(s) is stored as none).
        """
        check_token(request)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > body_limit:
            raise HTTPException(413, f"body is {int(length):,} bytes, over the limit of {body_limit:,}")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > body_limit:
                raise HTTPException(413, f"body is over the limit of {body_limit:,} bytes")
        try:
            documents, warnings = parse_documents(bytes(body), max_bytes=settings.max_bytes)
        except BodyError as exc:
            return JSONResponse({"detail": exc.message, "problems": exc.problems}, status_code=exc.status)
        return await run_in_threadpool(extractor.store_all, path, documents, warnings)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(docs_page(app.openapi()))

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        if name not in VENDOR:
            raise HTTPException(404, f"no vendored file {name!r}")
        file = node_modules() / VENDOR[name]
        if not file.is_file():
            raise HTTPException(404, f"{file} is missing: run 'npm ci' at the repository root (make install does)")
        return FileResponse(file, headers={"Cache-Control": "max-age=86400"})

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def event_filter(
    actor: Annotated[str | None, Query(description="Actor code, code prefix, country or name, either side (USA, USAGOV, "
                                                   "Tony Blair).")] = None,
    source: Annotated[str | None, Query(description="Like actor, source side only.")] = None,
    target: Annotated[str | None, Query(description="Like actor, target side only.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type (CONSULT, ASSAULT, ...).")] = None,  # noqa: A002
    status: Annotated[str | None, Query(pattern="^(" + "|".join(STATUSES) + ")$")] = None,
    since: Annotated[str | None, Query(pattern=ISO_DATE, description="Events on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(pattern=ISO_DATE, description="Events on or before (YYYY-MM-DD).")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of the event's location.")] = None,
    place: Annotated[str | None, Query(description="Name of the event's location (Kyiv), any case.")] = None,
    q: Annotated[str | None, Query(description="Full-text search over evidence sentences (word* for a prefix).")] = None,
    doc_id: Annotated[str | None, Query(description="Events of one document.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    min_relevance: MinRelevance = None,
) -> EventFilter:
    """The query parameters every event view shares, as a store filter (empty strings are unset)."""
    if q:
        check_words(q)
    for name, value in (("since", since), ("until", until)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError as exc:
                raise HTTPException(422, f"{name}: {exc}") from exc
    return EventFilter(actor=actor or None, source=source or None, target=target or None, type=type or None,
                       status=status or None, since=since or None, until=until or None, country=country or None,
                       text=q or None, doc_id=doc_id or None, place=place or None, min_confidence=min_confidence,
                       min_relevance=min_relevance)


def matched_actors(db: AnyStore, where: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """For each actor filter given (actor, source, target), the stored actors it matched: a name shows its codes."""
    return {key: db.resolve_actor(value) for key, value in
            (("actor", where.actor), ("source", where.source), ("target", where.target)) if value}


def check_words(q: str) -> None:
    """Refuse (422) a full-text query with no word in it ("!!!"): the event views and the document search alike."""
    if not search_words(q):
        raise HTTPException(422, f"q: {q[:80]!r} has no word to search for (letters or digits)")


def request_store(request: Request) -> Iterator[AnyStore]:
    """The app's store, one connection per request (a sqlite3 connection must not be shared across requests)."""
    opened = open_store(request.app.state.store_path)
    try:
        yield opened
    finally:
        opened.close()


Store = Annotated[AnyStore, Depends(request_store)]
Filter = Annotated[EventFilter, Depends(event_filter)]


class _App(FastAPI):
    """FastAPI whose every response carries the security headers: outside even the 500 handler."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


class _Extractor:
    """The pipeline, loaded on the first POST and run by one request at a time (spaCy models are not shared)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.pipeline: Any = None

    def store_all(self, path: str, documents: list[Any], warnings: list[str]) -> JSONResponse:
        """Run every document through the pipeline, then store all of them in one transaction, or none."""
        with self.lock:
            if self.pipeline is None:
                try:
                    from .pipeline import Pipeline
                except ImportError as exc:
                    raise HTTPException(503, f"extraction is unavailable: {exc}") from exc
                self.pipeline = Pipeline(self.settings)
            outcomes = list(self.pipeline.run(documents))
        failures = [o for o in outcomes if isinstance(o, Failure)]
        if failures:
            return JSONResponse({"detail": f"{len(failures)} of {len(outcomes)} documents could not be processed; "
                                           "nothing was stored",
                                 "problems": [f.message.removeprefix("error: ") for f in failures]}, status_code=422)
        extractions = [o for o in outcomes if isinstance(o, Extraction)]
        try:
            with open_store(path) as db:
                db.add_many(extractions)
        except StoreError as exc:
            return JSONResponse({"detail": f"nothing was stored: {exc}", "problems": []}, status_code=409)
        return JSONResponse({"stored": len(extractions), "events": sum(len(e.events) for e in extractions),
                             "warnings": warnings, "documents": [e.to_dict() for e in extractions]},
                            status_code=201)


def _version() -> str:
    # The package's own number, not the installed metadata's: an editable install keeps the number it had.
    from . import __version__

    return __version__

