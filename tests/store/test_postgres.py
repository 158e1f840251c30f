"""What only the PostgreSQL store does, against a real server (tests/store/conftest.py starts one).

Behaviour shared with SQLite is tested on both backends in test_common.py; here, the URL
handling, its migrations, concurrent writers, the same answers as SQLite for every query,
and the command line and API over a PostgreSQL database.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from click.testing import CliRunner, Result

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.config import load_settings
from eventwire.errors import StoreError
from eventwire.store import EventFilter, SQLiteStore, Store, open_store
from eventwire.store.common import SQLStore, redact
from eventwire.store.migrations import MIGRATIONS as SQLITE_MIGRATIONS
from eventwire.store.postgres import PostgresStore
from eventwire.store.postgres_migrations import MIGRATIONS
from tests.test_api import PLAN, expected
from tests.web.builders import extraction, random_plan, running


def test_postgres_open_store_takes_urls(postgres_store_url: str) -> None:
    for url in (postgres_store_url, postgres_store_url.replace("postgresql://", "postgres://", 1)):
        with open_store(url) as store:
            assert isinstance(store, PostgresStore)
            assert store.summary()["store"] == url


@pytest.mark.parametrize("url, shown", [
    ("postgresql://ann:s3cret@db.example:5432/events", "postgresql://ann:***@db.example:5432/events"),
    ("postgres://ann@127.0.0.1/events", "postgres://ann@127.0.0.1/events"),
    ("postgresql://ann:p%40ss@[::1]:5432/ev?sslmode=disable", "postgresql://ann:***@[::1]:5432/ev?sslmode=disable"),
])
def test_postgres_redact_hides_password(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_postgres_unreachable_server_is_store_error(postgres_url: str) -> None:
    with pytest.raises(StoreError, match="cannot open store .*nosuchdb"):
        PostgresStore(postgres_url.rsplit("/", 1)[0] + "/nosuchdb")


def test_postgres_migrations_recorded_once(postgres_db: str) -> None:
    PostgresStore(postgres_db).close()
    PostgresStore(postgres_db).close()  # reopening applies nothing twice
    with psycopg.connect(postgres_db) as db:
        names = [row[0] for row in db.execute("SELECT name FROM migrations ORDER BY version")]
        kind = db.execute("SELECT data_type FROM information_schema.columns "
                          "WHERE table_name = 'events' AND column_name = 'goldstein'").fetchone()
    assert names == [m.__name__ for m in SQLITE_MIGRATIONS] == [m.__name__ for m in MIGRATIONS]
    assert kind == ("double precision",)  # 8-byte floats, as SQLite stores them


def test_postgres_writers_opening_a_new_database_migrate_once(postgres_db: str) -> None:
    start, errors = threading.Barrier(4), []

    def open_one() -> None:
        start.wait()
        try:
            PostgresStore(postgres_db).close()
        except StoreError as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    with psycopg.connect(postgres_db) as db:
        assert db.execute("SELECT count(*) FROM migrations").fetchone() == (len(MIGRATIONS),)


def test_postgres_second_writer_waits_then_keeps_the_first_copy(postgres_store_url: str) -> None:
    doc = extraction("same", random_plan(1, 2)["doc00000"])
    first, second = PostgresStore(postgres_store_url), PostgresStore(postgres_store_url)
    outcome: list[object] = []
    late = threading.Thread(target=lambda: outcome.append(second.add(doc)))
    with first._transaction():
        first._lock([doc])
        first._insert(doc)
        late.start()
        time.sleep(0.3)
        assert late.is_alive()  # blocked until the first writer commits
    late.join(timeout=30)
    assert outcome == ["same"]
    assert first.summary()["documents"] == 1 and first.count_events() == 2
    first.close()
    second.close()


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> Iterator[tuple[Store, Store]]:
    """The same documents in a SQLite file and a PostgreSQL database (its own, so other tests leave it alone)."""
    plan = random_plan(60, 3, seed=5)
    url = postgres_url.rsplit("/", 1)[0] + "/pair"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("CREATE DATABASE pair")
    stores: tuple[Store, Store] = (SQLiteStore(tmp_path_factory.mktemp("pair") / "events.db"), PostgresStore(url))
    for store in stores:
        # Relevance 0.0, 0.1, ... 0.9 in turn, and none for every seventh document.
        store.add_many([extraction(doc_id, planned, title=f"Report {doc_id}",
                                   relevance=None if n % 7 == 0 else (n % 10) / 10)
                        for n, (doc_id, planned) in enumerate(plan.items())])
    yield stores
    for store in stores:
        store.close()


FILTERS = [EventFilter(), EventFilter(actor="USA"), EventFilter(source="RUS", type="assault"),
           EventFilter(target="KOR", since="2023-10-20", until="2023-11-10"), EventFilter(country="UKR"),
           EventFilter(text="attacked Kyiv"), EventFilter(text="Nov* korea"), EventFilter(min_confidence=0.95),
           EventFilter(min_relevance=0.5), EventFilter(min_relevance=0.3, actor="KOR")]


@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("sort", ["-date", "date", "goldstein", "-confidence", "type", "-id"])
def test_postgres_events_match_sqlite(pair: tuple[Store, Store], where: EventFilter, sort: str) -> None:
    sqlite, postgres = pair
    assert postgres.count_events(where) == sqlite.count_events(where)
    page = dict(limit=25, offset=10, sort=sort)
    assert postgres.events(where, **page) == sqlite.events(where, **page)  # type: ignore[arg-type]
    assert list(postgres.iter_events(where, sort=sort, page=7)) == list(sqlite.iter_events(where, sort=sort, page=7))


@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("interval", [None, "day", "week", "month"])
def test_postgres_stats_match_sqlite(pair: tuple[Store, Store], where: EventFilter, interval: str | None) -> None:
    sqlite, postgres = pair
    assert postgres.stats(where, interval=interval, top=5) == sqlite.stats(where, interval=interval, top=5)


def test_postgres_other_reads_match_sqlite(pair: tuple[Store, Store]) -> None:
    sqlite, postgres = pair
    calls = [lambda s: s.event(7), lambda s: s.event(99999), lambda s: s.document("doc00003"),
             lambda s: s.actors("korea"), lambda s: s.actors("IGO"), lambda s: s.actors(None, limit=3),
             lambda s: s.timeline(EventFilter(type="AID"), interval="week"), lambda s: s.date_range(),
             lambda s: s.top_actors(limit=4), lambda s: s.dyads(limit=6), lambda s: s.countries(),
             lambda s: s.points(limit=3), lambda s: {**s.summary(), "store": None}, lambda s: s.failures(),
             lambda s: sorted(d["id"] for d in s.search_documents("Geneva", limit=50)),  # ranks differ
             lambda s: sorted((d["id"], d["relevance"]) for d in s.search_documents("Kyiv", limit=50, min_relevance=0.6))]
    for call in calls:
        assert call(postgres) == call(sqlite)
    assert isinstance(postgres, SQLStore) and isinstance(sqlite, SQLStore)


def test_postgres_url_in_settings_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = "postgresql://ann@127.0.0.1:5432/events"
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("EVENTWIRE_DB", url)
    assert load_settings().db == url
    monkeypatch.setenv("EVENTWIRE_DB", "~/events.db")
    assert load_settings().db == Path.home() / "events.db"


ARTICLE = (
    "GENEVA, March 4 (Reuters) - Russia and Ukraine held talks in Geneva on Monday, the United Nations said. "
    "Ukrainian officials accused Russian forces of shelling Kharkiv overnight.\n"
)


def _ingest(runner: CliRunner, folder: Path, url: str) -> Result:
    return runner.invoke(main, ["ingest", str(folder), "--db", url, "--date", "2024-03-04"], catch_exceptions=False)


@pytest.fixture
def ingested(postgres_store_url: str, tmp_path: Path) -> str:
    """``eventwire ingest FOLDER --db postgresql://...`` run once (the real pipeline); the URL."""
    (tmp_path / "geneva.txt").write_text(ARTICLE, encoding="utf-8")
    result = _ingest(CliRunner(), tmp_path, postgres_store_url)
    assert result.exit_code == 0, result.output
    return postgres_store_url


def test_postgres_cli_ingest_stores_once(ingested: str, tmp_path: Path) -> None:
    with PostgresStore(ingested) as store:
        assert store.summary()["documents"] == 1
        types = {e["type"] for e in store.events()}
        assert "CONSULT" in types, types
    again = _ingest(CliRunner(), tmp_path, ingested)
    assert again.exit_code == 0 and "1 already stored" in again.stderr


def test_postgres_cli_events_and_summary(ingested: str) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["events", "--db", ingested, "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    with PostgresStore(ingested) as store:
        assert events == store.events(limit=50)
    summary = runner.invoke(main, ["summary", "--db", ingested])
    assert summary.exit_code == 0 and f"store      {ingested}" in summary.stdout


def test_postgres_api_reads(postgres_store_url: str) -> None:
    with PostgresStore(postgres_store_url) as store:
        store.add_many([extraction(doc_id, planned, title=f"Report {doc_id}") for doc_id, planned in PLAN.items()])
    with running(create_app(postgres_store_url)) as base, httpx.Client(base_url=base, timeout=30) as http:
        for where in ({}, {"actor": "KOR"}, {"q": "attacked"}, {"country": "UKR", "type": "ASSAULT"}):
            body = http.get("/api/events", params={**where, "limit": 1000}).json()
            assert body["total"] == expected(where) == len(body["events"])
        first = body["events"][0]
        detail = http.get(f"/api/events/{first['id']}").json()
        assert detail["event"]["type"] == "ASSAULT" and detail["document"]["id"] == first["doc_id"]
        assert http.get("/api/stats", params={"actor": "UKR"}).json()["total"] == expected({"actor": "UKR"})
        assert [d["id"] for d in http.get("/api/documents", params={"q": "Geneva"}).json()["documents"]]
        rows = list(csv.reader(io.StringIO(http.get("/api/events.csv", params={"type": "AID"}).text)))
        assert len(rows) - 1 == expected({"type": "AID"})
