"""The ordered stages, from a read document to an Extraction, one document or a stream.

    read (ingest) -> clean -> parse (nlp) -> actors -> relevance -> timexes -> places -> quotes -> events

A document below the ``relevance_floor`` setting keeps only its strong events
(``extract.relevance.relevant_events``).

Texts are parsed in batches bounded in characters, a long one in pieces (``nlp.pipe``),
and a cleaned text over the ``max_chars`` setting is refused ("too_long") before it is parsed.
A document that fails at any stage becomes a ``Failure`` and the stream goes on;
``Pipeline.timings`` adds up the seconds each stage took, for ``make bench``.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from spacy.tokens import Doc

from . import nlp
from .clean import clean
from .config import Settings, load_settings
from .errors import InputError
from .extract.actors import get_resolver
from .extract.event_calibration import load as load_calibration
from .extract.events import find_events
from .extract.lexicon import load as load_lexicon
from .extract.places import find_places, resolve_dateline
from .extract.quotes import find_quotes
from .extract.relevance import document_relevance, relevant_events
from .extract.timex import find_timexes
from .records import CleanDocument, Document, Extraction, Failure

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Skipped:
    """A document left out because ``skip`` said so (already in the store)."""

    origin: str
    doc_id: str


Outcome = Extraction | Failure | Skipped


class Pipeline:
    """Loads the spaCy pipeline and the knowledge bases once; runs documents through every stage."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.nlp = nlp.load(self.settings.model)
        self.resolver = get_resolver(str(self.settings.actors_file) if self.settings.actors_file else None)
        self.lexicon = load_lexicon(str(self.settings.verbs_file) if self.settings.verbs_file else None)
        self.timings: Counter[str] = Counter()
        # strong_confidence is a calibrated probability; with calibration off, events carry the raw score
        self._probability = None if self.settings.calibrate else load_calibration()

    def run(
        self,
        documents: Iterable[Document | InputError],
        *,
        skip: Callable[[CleanDocument], bool] | None = None,
    ) -> Iterator[Outcome]:
        """Process a stream of documents in input order.

        Args:
            documents: what ``ingest.read`` yields: documents, or the errors of unreadable ones.
            skip: called on each cleaned document; True leaves it out (e.g. already stored).

        Yields:
            An Extraction, a Failure or a Skipped per input item, in input order.
        """
        # Failures and skips ride through nlp.pipe as empty texts so that output order is input order.
        items = (self._prepare(item, skip) for item in documents)
        parsed = nlp.pipe(self.nlp, items, batch_size=self.settings.batch_size)
        started, cleaning = time.perf_counter(), self.timings["clean"]
        for doc, ctx in parsed:
            # nlp.pipe pulls documents through _prepare, so its time includes cleaning: take that out.
            self.timings["parse"] += time.perf_counter() - started - (self.timings["clean"] - cleaning)
            if isinstance(ctx, CleanDocument):
                yield self._extract_safely(ctx, doc)
            else:
                yield ctx
            started, cleaning = time.perf_counter(), self.timings["clean"]

    def extract(self, document: Document) -> Extraction:
        """Process one document; raise its InputError instead of returning a Failure."""
        cleaned = clean(document, max_chars=self.settings.max_chars)
        ((doc, _),) = nlp.pipe(self.nlp, [(cleaned.text, None)])
        if isinstance(doc, Exception):
            raise doc
        return self.extract_clean(cleaned, doc)

    def extract_clean(self, cleaned: CleanDocument, doc: Doc) -> Extraction:
        """Run the extraction stages over one parsed document."""
        clock = _Clock(self.timings)
        date = cleaned.date
        actors = clock("actors", self.resolver.document, doc, date)
        relevance = clock("relevance", document_relevance, doc, actors.entities)
        timexes = clock("timex", find_timexes, doc, date)
        dateline_place = cleaned.dateline.place if cleaned.dateline else None
        places = clock("places", find_places, doc, dateline_place=dateline_place)
        quotes = clock("quotes", find_quotes, doc, actors)
        dateline_resolved = resolve_dateline(dateline_place) if dateline_place else None
        events = clock("events", find_events, doc, actors, timexes, places, anchor=date,
                       dateline_place=dateline_resolved, calibrate=self.settings.calibrate, lexicon=self.lexicon,
                       relevance=relevance)
        events = relevant_events(events, relevance, floor=self.settings.relevance_floor,
                                 strong=self.settings.strong_confidence, probability=self._probability)
        return Extraction(
            id=cleaned.id, date=date, title=cleaned.title, source=cleaned.source, url=cleaned.url,
            text=cleaned.text, entities=list(actors.entities), timexes=timexes, places=places,
            quotes=quotes, events=events, relevance=relevance, dateline=cleaned.dateline, origin=cleaned.origin,
        )

    def extract_cleaned(self, documents: Sequence[CleanDocument]) -> list[Extraction | Failure]:
        """Parse and extract a batch of cleaned documents (what a Dask worker runs), in order."""
        parsed = nlp.pipe(self.nlp, ((d.text, d) for d in documents), batch_size=self.settings.batch_size)
        return [self._extract_safely(cleaned, doc) for doc, cleaned in parsed]

    def _prepare(
        self, item: Document | InputError, skip: Callable[[CleanDocument], bool] | None
    ) -> tuple[str, CleanDocument | Failure | Skipped]:
        started = time.perf_counter()
        try:
            prepared = prepare(item, skip, max_chars=self.settings.max_chars)
        finally:
            self.timings["clean"] += time.perf_counter() - started
        return (prepared.text if isinstance(prepared, CleanDocument) else ""), prepared

    def _extract_safely(self, cleaned: CleanDocument, doc: Doc | Exception) -> Extraction | Failure:
        if isinstance(doc, Exception):  # the parser failed on this text alone (nlp.pipe)
            return Failure(origin=cleaned.origin, kind="internal", reason=f"{type(doc).__name__}: {doc}",
                           stage="nlp", doc_id=cleaned.id)
        try:
            return self.extract_clean(cleaned, doc)
        except Exception as exc:  # noqa: BLE001 - one bad document must not end the batch
            log.debug("extraction failed for %s", cleaned.origin, exc_info=True)
            return Failure(origin=cleaned.origin, kind="internal", reason=f"{type(exc).__name__}: {exc}",
                           stage="extract", doc_id=cleaned.id)


def prepare(
    item: Document | InputError, skip: Callable[[CleanDocument], bool] | None = None, *, max_chars: int | None = None
) -> CleanDocument | Failure | Skipped:
    """Clean one read item: the cleaned document, or the Failure or Skipped that stands for it.

    Args:
        item: what ``ingest.read`` yields: a document, or the error of an unreadable one.
        skip: called on the cleaned document; True leaves it out (e.g. already stored).
        max_chars: a cleaned text longer than this is a "too_long" Failure (the ``max_chars`` setting).
    """
    if isinstance(item, InputError):
        return Failure(origin=item.origin, kind=item.kind, reason=item.reason, stage="read")
    try:
        cleaned = clean(item, max_chars=max_chars)
    except InputError as exc:
        return Failure(origin=exc.origin, kind=exc.kind, reason=exc.reason, stage="clean", doc_id=item.id)
    if skip is not None and skip(cleaned):
        return Skipped(origin=cleaned.origin, doc_id=cleaned.id)
    return cleaned


class _Clock:
    """Calls a stage and adds its run time to the named counter."""

    def __init__(self, timings: Counter[str]) -> None:
        self.timings = timings

    def __call__(self, stage: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.timings[stage] += time.perf_counter() - started
