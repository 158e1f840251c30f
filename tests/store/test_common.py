"""The store's behaviour on every backend (``store`` is parametrized: a SQLite file, a PostgreSQL database)."""

from __future__ import annotations

import dataclasses
import threading
from datetime import date

import pytest

from eventwire.clean import content_hash
from eventwire.errors import StoreError
from eventwire.records import Actor, Entity, Event, EventDate, Extraction, Failure, Location, Span
from eventwire.store import EventFilter, Store, open_store
from eventwire.store.common import search_words
from tests.web.builders import Planned, random_plan
from tests.web.builders import extraction as built

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


def test_common_add_and_query_roundtrip(store: Store) -> None:
    store.add(extraction())
    assert store.count_events() == 2
    consult = store.events(EventFilter(actor="JPN"))
    assert [e["type"] for e in consult] == ["CONSULT"]
    assert consult[0]["source"]["members"][0]["code"] == "USA"
    assert store.events(EventFilter(type="assault"))[0]["status"] == "alleged"
    alleged = store.events(EventFilter(status="alleged"))[0]
    # No date of its own: undated (not put on its document's date), last in "newest first".
    assert (alleged["day"], alleged["date_start"], alleged["date_label"]) == (None, None, "undated")
    assert [e["type"] for e in store.events()] == ["CONSULT", "ASSAULT"]
    assert store.events(EventFilter(since="2024-01-09")) == []
    assert [e["type"] for e in store.events(EventFilter(until="2024-01-08"))] == ["CONSULT"]
    assert store.events(EventFilter(source="USA", target="JPN")) == []
    assert [e["type"] for e in store.events(EventFilter(text="convoy"))] == []  # not in the evidence sentence
    assert store.document("d1")["text"] == TEXT
    summary = store.summary()
    assert summary["documents"] == 1 and summary["events_by_type"] == {"ASSAULT": 1, "CONSULT": 1}
    assert {a["code"] for a in summary["top_actors"]} == {"USA", "JPN", "REB"}


def test_common_same_id_replaces_and_hash_is_known(store: Store) -> None:
    store.add(extraction())
    store.add(extraction(text=TEXT + " Talks will resume."))
    assert store.summary()["documents"] == 1
    assert store.count_events() == 2
    assert store.has_content(content_hash(TEXT + " Talks will resume."))
    assert not store.has_content(content_hash(TEXT))


def test_common_same_text_under_another_id_is_stored_once(store: Store) -> None:
    assert store.add(extraction("d1")) == "d1"
    assert store.add_many([extraction("d2"), extraction("d3", text=TEXT + " More.")]) == ["d1", "d3"]
    assert store.summary()["documents"] == 2 and store.count_events() == 4
    assert store.document("d2") is None


def test_common_failed_write_stores_nothing(store: Store) -> None:
    broken = extraction("d2")
    broken.events.append(event("CONSULT", USA, JPN, day="2024-01-08"))
    object.__setattr__(broken.events[-1], "status", None)  # violates NOT NULL mid-write
    with pytest.raises(StoreError, match="d2.txt"):
        store.add_many([extraction("d1", text="Another text."), broken])
    assert store.summary()["documents"] == 0 and store.count_events() == 0
    store.add(extraction("d3"))  # the store is usable after the rollback
    assert store.count_events() == 2


def test_common_failures_recorded_once_per_origin(store: Store) -> None:
    for reason in ("binary data (NUL bytes), not text", "still binary"):
        store.add_failure(Failure("bad.txt", "binary", reason, "read"))
    assert [(f["origin"], f["reason"]) for f in store.failures()] == [("bad.txt", "still binary")]
    store.add(Extraction(id="bad", date=None, title=None, source=None, url=None, text="Now it reads.", origin="bad.txt"))
    assert store.failures() == []  # storing the document clears its failure


def test_common_two_writers_add_the_same_documents(store: Store) -> None:
    # Two drivers that both missed has_content() store the same articles at once: neither fails.
    plan = random_plan(30, 2, seed=3)
    batch = [built(doc_id, planned) for doc_id, planned in plan.items()]
    start, errors, results = threading.Barrier(2), [], []

    def write(order: int) -> None:
        with open_store(store.location) as writer:
            start.wait()
            try:
                for i in range(0, len(batch), 5):
                    results.append(writer.add_many(batch[i:i + 5][::order]))
            except Exception as exc:  # reported below, on the test's thread
                errors.append(exc)

    writers = [threading.Thread(target=write, args=(order,)) for order in (1, -1)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(doc for ids in results for doc in ids) == sorted(list(plan) * 2)
    assert store.summary()["documents"] == 30 and store.count_events() == 60
    assert {e["doc_id"] for e in store.events(limit=100)} == set(plan)


DAY = date(2023, 11, 7)
DOCS = {
    "seoul": [Planned(0, 0, 1, 0, DAY), Planned(2, 4, 1, 0, DAY)],  # Blinken met South Korea; North Korea threatened
    "kyiv": [Planned(3, 2, 4, 1, DAY)],  # Russian forces attacked Ukraine in Kyiv
}


@pytest.fixture
def texts(store: Store) -> Store:
    """``store`` holding DOCS."""
    for doc_id, planned in DOCS.items():
        store.add(built(doc_id, planned))
    return store


@pytest.mark.parametrize("text, count", [
    ("threatened", 1), ("threaten", 1),  # stemming: a form of the word finds it
    ("attack", 1), ("Kyiv", 1), ("korea", 2), ("South Korea", 2), ("North Korea", 1),
    ("Seo*", 2), ("forces Kyiv", 1), ("Blinken Kyiv", 0), ("in", 3), ("on Seoul", 2),  # no stop words
    ('NEAR("x" OR', 0), ("AND", 0), ("-", 3), ('"Korea"', 2), ("OR Kyiv", 0), ("-Kyiv", 1),  # operators are words
    ("Nov* Kor*", 2), ("it's", 0), ("(south)", 2), ("south|north", 0), ("korea:*", 2), ("*korea", 2), ("_*", 0),
    ("x\\y", 0),
])
def test_common_text_filter(texts: Store, text: str, count: int) -> None:
    assert texts.count_events(EventFilter(text=text)) == count
    assert len(texts.events(EventFilter(text=text))) == count


def test_common_text_follows_replace_and_delete(texts: Store) -> None:
    texts.add(built("kyiv", [Planned(5, 1, 4, 3, DAY)]))  # same id, new content: replaces the article
    assert texts.count_events(EventFilter(text="attacked")) == 0
    assert texts.count_events(EventFilter(text="aid")) == 1
    texts.db.execute("DELETE FROM documents WHERE id = 'seoul'")  # type: ignore[attr-defined]
    assert texts.count_events(EventFilter(text="korea")) == 0
    assert [d["id"] for d in texts.search_documents("Geneva")] == ["kyiv"]
    assert texts.search_documents("Seoul") == []


def test_common_search_documents_snippets(texts: Store) -> None:
    found = texts.search_documents("threatened")
    assert [d["id"] for d in found] == ["seoul"]
    assert "[threatened]" in found[0]["snippet"]
    assert [d["id"] for d in texts.search_documents("Seo* korea")] == ["seoul"]
    assert texts.search_documents("- *") == []


@pytest.mark.parametrize("text, words", [
    ("talks", [("talks", False)]), ("U.S. talks*", [("U.S.", False), ("talks", True)]),
    ("- * !", []), ("", []), (None, []),
])
def test_common_search_words(text: str | None, words: list[tuple[str, bool]]) -> None:
    assert search_words(text) == words


def test_common_relevance_stored_and_filtered(store: Store) -> None:
    store.add(_with_relevance("talks", TEXT, 0.92))
    store.add(_with_relevance("match", TEXT + " The match ended 2-1.", 0.08))
    column = {row["id"]: row["relevance"] for row in store._run("SELECT id, relevance FROM documents")}  # type: ignore[attr-defined]
    assert column == {"talks": 0.92, "match": 0.08}
    assert store.document("talks")["relevance"] == 0.92
    assert {(e["doc_id"], e["doc_relevance"]) for e in store.events()} == {("talks", 0.92), ("match", 0.08)}
    assert store.count_events(EventFilter(min_relevance=0.5)) == 2
    assert {e["doc_id"] for e in store.events(EventFilter(min_relevance=0.5))} == {"talks"}
    assert store.count_events(EventFilter(min_relevance=0.08)) == 4  # at least: the bound is kept
    assert store.count_events(EventFilter(min_relevance=0.0, type="ASSAULT")) == 2
    assert store.stats(EventFilter(min_relevance=0.93))["total"] == 0
    assert len(list(store.iter_events(EventFilter(min_relevance=0.5)))) == 2
    assert [d["id"] for d in store.search_documents("talks", min_relevance=0.5)] == ["talks"]
    assert {d["id"]: d["relevance"] for d in store.search_documents("Tokyo")} == {"talks": 0.92, "match": 0.08}


def _with_relevance(doc_id: str, text: str, relevance: float) -> Extraction:
    return dataclasses.replace(extraction(doc_id, text=text), relevance=relevance)
