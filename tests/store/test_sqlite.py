from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.records import Actor, Entity, Event, EventDate, Extraction, Failure, Location, Span
from eventwire.store import EventFilter, open_store
from eventwire.store.base import date_key
from eventwire.store.migrations import MIGRATIONS

TEXT = "The United States and Japan held talks in Tokyo on Monday. Rebels attacked a convoy."


def event(type_: str, source: Actor | None, target: Actor | None, *, day: str | None, status: str = "asserted",
          trigger: tuple[int, int] = (37, 42)) -> Event:
    return Event(
        type=type_, mode=None, cameo="040", source=source, target=target,
        date=EventDate(day, "day") if day else None,
        location=Location("Tokyo", 1850147, 35.69, 139.69, "JPN"), status=status, attributed_to=None,
        trigger=Span(TEXT[trigger[0]:trigger[1]], *trigger), sentence=Span(TEXT[:58], 0, 58), confidence=0.8,
        goldstein=1.0, quad=1,
    )


USA = Actor("The United States", "USA", "USA", None)
JPN = Actor("Japan", "JPN", "JPN", None)
REB = Actor("Rebels", "REB", None, "REB")


def extraction(doc_id: str = "d1", text: str = TEXT, date: str = "2024-01-08") -> Extraction:
    return Extraction(
        id=doc_id, date=date, title="Talks", source="Wire", url=None, text=text,
        entities=[Entity("Japan", "GPE", 22, 27, "Japan", "JPN", "JPN", None)],
        events=[
            event("CONSULT", Actor("The United States and Japan", members=(USA, JPN)), None, day="2024-01-08"),
            event("ASSAULT", REB, None, day=None, status="alleged", trigger=(66, 74)),
        ],
        origin=f"{doc_id}.txt",
    )


def test_sqlite_add_and_query_roundtrip(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add(extraction())
        assert store.count_events() == 2
        consult = store.events(EventFilter(actor="JPN"))
        assert [e["type"] for e in consult] == ["CONSULT"]
        assert consult[0]["source"]["members"][0]["code"] == "USA"
        assert store.events(EventFilter(type="assault"))[0]["status"] == "alleged"
        assert store.events(EventFilter(status="alleged"))[0]["day"] == "2024-01-08"  # document date as fallback
        assert store.events(EventFilter(since="2024-01-09")) == []
        assert len(store.events(EventFilter(until="2024-01-08"))) == 2
        assert store.events(EventFilter(source="USA", target="JPN")) == []
        assert [e["type"] for e in store.events(EventFilter(text="convoy"))] == []  # not in the evidence sentence
        assert store.document("d1")["text"] == TEXT
        summary = store.summary()
        assert summary["documents"] == 1 and summary["events_by_type"] == {"ASSAULT": 1, "CONSULT": 1}
        assert {a["code"] for a in summary["top_actors"]} == {"USA", "JPN", "REB"}


def test_sqlite_wal_and_migrations_recorded(db_path: Path) -> None:
    open_store(db_path).close()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)
    open_store(db_path).close()  # reopening applies nothing twice
    assert db.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


def test_sqlite_same_id_replaces_and_hash_is_known(db_path: Path) -> None:
    from eventwire.clean import content_hash

    with open_store(db_path) as store:
        store.add(extraction())
        store.add(extraction(text=TEXT + " Talks will resume."))
        assert store.summary()["documents"] == 1
        assert store.count_events() == 2
        assert store.has_content(content_hash(TEXT + " Talks will resume."))
        assert not store.has_content(content_hash(TEXT))


def test_sqlite_failed_write_stores_nothing(db_path: Path) -> None:
    from eventwire.errors import StoreError

    broken = extraction("d2")
    broken.events.append(event("CONSULT", USA, JPN, day="2024-01-08"))
    object.__setattr__(broken.events[-1], "status", None)  # violates NOT NULL mid-write
    with open_store(db_path) as store:
        with pytest.raises(StoreError, match="d2.txt"):
            store.add(broken)
        assert store.summary()["documents"] == 0 and store.count_events() == 0


def test_sqlite_failures_recorded_once_per_origin(db_path: Path) -> None:
    with open_store(db_path) as store:
        for _ in range(2):
            store.add_failure(Failure("bad.txt", "binary", "binary data (NUL bytes), not text", "read"))
        assert [f["origin"] for f in store.failures()] == ["bad.txt"]


@pytest.mark.parametrize(
    "value,key",
    [("2023-11-08", "2023-11-08"), ("2023-11", "2023-11-01"), ("2023-W44", "2023-10-30"), ("2023", "2023-01-01"),
     ("2023-Q2", "2023-04-01"), ("XXXX-11-30", None), ("PRESENT_REF", None), (None, None)],
)
def test_store_date_key(value: str | None, key: str | None) -> None:
    assert date_key(value) == key
