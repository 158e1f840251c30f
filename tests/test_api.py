"""The REST API over real HTTP (uvicorn on 127.0.0.1) against real SQLite stores."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from eventwire.api import create_app
from eventwire.store import SQLiteStore
from tests.web.builders import ACTORS, PLACES, VERBS, Planned, fill_store, random_plan, running

#: Hand-made documents with known facts, plus random ones for paging and aggregation.
KNOWN = {
    "a1": [Planned(0, 0, 1, 0, date(2023, 11, 7)), Planned(2, 4, 1, 0, date(2023, 11, 8), status="planned")],
    "a2": [Planned(3, 2, 4, 1, date(2023, 11, 1)), Planned(4, 3, 3, 1, date(2023, 11, 2), status="alleged")],
    "a3": [Planned(5, 1, 4, 3, date(2023, 10, 15)), Planned(0, 5, 6, 2, date(2023, 10, 20))],
}
PLAN = {**KNOWN, **random_plan(40, 3, seed=11)}
#: Document relevance: a1 to a3 by hand, the random ones 0, 0.25, ... 1 in turn, every sixth none (stored before it).
RELEVANCE = {"a1": 0.91, "a2": 0.42, "a3": 0.1,
             **{doc: (n % 5) / 4 for n, doc in enumerate(list(PLAN)[3:]) if n % 6}}
ALL = [p for planned in PLAN.values() for p in planned]


def _side_matches(index: int, value: str) -> bool:
    _, code, country, _ = ACTORS[index]
    return code == value or country == value or code.startswith(value)


def expected(where: dict[str, str]) -> int:
    """Count the planned events a filter should return, computed from the plan rather than the store."""
    def keep(p: Planned) -> bool:
        sentence = f"{ACTORS[p.source][0]} {VERBS[p.verb][0]} {ACTORS[p.target][0]} in {PLACES[p.place][0]}"
        checks: dict[str, Callable[[str], bool]] = {
            "actor": lambda v: _side_matches(p.source, v) or _side_matches(p.target, v),
            "source": lambda v: _side_matches(p.source, v),
            "target": lambda v: _side_matches(p.target, v),
            "type": lambda v: VERBS[p.verb][1] == v,
            "status": lambda v: p.status == v,
            "country": lambda v: PLACES[p.place][3] == v,
            "since": lambda v: p.day.isoformat() >= v,
            "until": lambda v: p.day.isoformat() <= v,
            "q": lambda v: all(word.lower() in sentence.lower().split() for word in v.split()),
        }
        return all(checks[k](v) for k, v in where.items())

    return sum(keep(p) for p in ALL)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = fill_store(tmp_path_factory.mktemp("api") / "events.db", PLAN, relevance=RELEVANCE)
    with running(create_app(store)) as url:
        yield url


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        yield client


@pytest.mark.parametrize("where", [
    {}, {"actor": "USA"}, {"actor": "USAGOV"}, {"actor": "KOR"}, {"source": "PRK"}, {"target": "UKR"},
    {"type": "ASSAULT"}, {"status": "planned"}, {"status": "alleged"}, {"country": "UKR"},
    {"since": "2023-11-01", "until": "2023-11-08"}, {"q": "attacked"}, {"q": "Kyiv"}, {"q": "sent aid"},
    {"actor": "RUS", "type": "ASSAULT", "country": "UKR"},
])
def test_api_events_filter(http: httpx.Client, where: dict[str, str]) -> None:
    response = http.get("/api/events", params={**where, "limit": 1000})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == expected(where) == len(body["events"])
    if "type" in where:
        assert {e["type"] for e in body["events"]} <= {where["type"]}


def test_api_events_paging_and_sort(http: httpx.Client) -> None:
    first = http.get("/api/events", params={"limit": 50}).json()
    second = http.get("/api/events", params={"limit": 50, "offset": 50}).json()
    assert first["total"] == len(ALL)
    assert len(first["events"]) == 50
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in second["events"]}
    days = [e["day"] for e in first["events"] + second["events"]]
    assert days == sorted(days, reverse=True)
    by_score = http.get("/api/events", params={"limit": 1000, "sort": "goldstein"}).json()["events"]
    scores = [e["goldstein"] for e in by_score]
    assert scores == sorted(scores)


@pytest.mark.parametrize("params", [{"since": "2023-13-01"}, {"since": "yesterday"}, {"sort": "nonsense"},
                                    {"limit": 0}, {"limit": 5000}, {"status": "rumoured"},
                                    {"min_relevance": "1.5"}, {"min_relevance": "-0.1"}, {"min_relevance": "high"}])
def test_api_events_bad_parameters(http: httpx.Client, params: dict[str, object]) -> None:
    response = http.get("/api/events", params=params)
    assert response.status_code == 422
    assert "detail" in response.json()


@pytest.mark.parametrize("value", [0.0, 0.25, 0.42, 0.5, 0.91, 1.0])
def test_api_min_relevance_filters_every_event_view(http: httpx.Client, value: float) -> None:
    kept = {doc for doc, relevance in RELEVANCE.items() if relevance >= value}
    total = sum(len(PLAN[doc]) for doc in kept)
    assert 0 < total < len(ALL)  # every value keeps some events and leaves some out
    params = {"min_relevance": value, "limit": 1000}
    body = http.get("/api/events", params=params).json()
    assert body["total"] == total == len(body["events"])
    assert {e["doc_id"] for e in body["events"]} == kept
    assert all(e["doc_relevance"] == RELEVANCE[e["doc_id"]] for e in body["events"])
    assert http.get("/api/stats", params={"min_relevance": value}).json()["total"] == total
    rows = list(csv.DictReader(io.StringIO(http.get("/api/events.csv", params={"min_relevance": value}).text)))
    assert len(rows) == total and all(float(r["doc_relevance"]) >= value for r in rows)
    assert len(http.get("/api/events.jsonl", params={"min_relevance": value}).text.splitlines()) == total


def test_api_relevance_in_document_and_event_responses(http: httpx.Client) -> None:
    assert http.get("/api/documents/a2").json()["relevance"] == 0.42
    listed = http.get("/api/events", params={"doc_id": "a1"}).json()["events"]
    assert {e["doc_relevance"] for e in listed} == {0.91}
    detail = http.get(f"/api/events/{listed[0]['id']}").json()
    assert detail["event"]["doc_relevance"] == detail["document"]["relevance"] == 0.91
    unknown = next(doc for doc in PLAN if doc not in RELEVANCE)
    assert http.get(f"/api/documents/{unknown}").json()["relevance"] is None
    found = http.get("/api/documents", params={"q": "Seoul", "limit": 200}).json()["documents"]
    relevant = http.get("/api/documents", params={"q": "Seoul", "limit": 200, "min_relevance": 0.5}).json()["documents"]
    assert {d["id"] for d in relevant} == {d["id"] for d in found if d["relevance"] is not None and d["relevance"] >= 0.5}
    assert 0 < len(relevant) < len(found)
    assert http.get("/api/documents", params={"q": "Seoul", "min_relevance": 2}).status_code == 422


def test_api_event_evidence_spans(http: httpx.Client) -> None:
    listed = http.get("/api/events", params={"doc_id": "a1", "type": "THREATEN"}).json()["events"]
    assert len(listed) == 1
    body = http.get(f"/api/events/{listed[0]['id']}").json()
    text = body["document"]["text"]
    spans = {s["kind"]: s for s in body["spans"]}
    assert {k: text[s["start"]:s["end"]] for k, s in spans.items() if k != "sentence"} == {
        "trigger": "threatened", "source": "North Korea", "target": "South Korea", "place": "Seoul",
        "date": "November 8, 2023"}
    assert text[spans["sentence"]["start"]:spans["sentence"]["end"]].startswith("North Korea threatened")
    assert body["event"]["status"] == "planned"


@pytest.mark.parametrize("path", ["/api/events/999999", "/api/documents/nope"])
def test_api_not_found(http: httpx.Client, path: str) -> None:
    assert http.get(path).status_code == 404


def test_api_document_record(http: httpx.Client) -> None:
    record = http.get("/api/documents/a2").json()
    assert record["id"] == "a2"
    assert [e["type"] for e in record["events"]] == ["ASSAULT", "ACCUSE"]


@pytest.mark.parametrize("q, code", [("usa", "USAGOV"), ("North", "PRK"), ("IGO", "IGOUNO"), ("forces", "RUSMIL")])
def test_api_actors_search(http: httpx.Client, q: str, code: str) -> None:
    actors = http.get("/api/actors", params={"q": q}).json()["actors"]
    assert code in [a["code"] for a in actors]
    named = next(a for a in actors if a["code"] == code)
    assert named["name"] == next(name for name, c, _, _ in ACTORS if c == code)


@pytest.mark.parametrize("where", [{}, {"actor": "UKR"}, {"type": "AID"}])
def test_api_stats_add_up(http: httpx.Client, where: dict[str, str]) -> None:
    stats = http.get("/api/stats", params={**where, "top": 100}).json()
    total = expected(where)
    assert stats["total"] == total
    assert sum(row["events"] for row in stats["timeline"]) == total
    assert sum(t["events"] for t in stats["types"]) == total
    assert sum(c["events"] for c in stats["countries"]) == total
    assert sum(p["events"] for p in stats["points"]) == total
    pairs = Counter((ACTORS[p.source][1], ACTORS[p.target][1]) for p in ALL
                    if all(_matches_one(p, k, v) for k, v in where.items()))
    assert {(d["source"], d["target"]): d["events"] for d in stats["dyads"]} == dict(pairs)


def _matches_one(p: Planned, key: str, value: str) -> bool:
    if key == "actor":
        return _side_matches(p.source, value) or _side_matches(p.target, value)
    return VERBS[p.verb][1] == value


@pytest.mark.parametrize("interval, first", [("day", "2023-10-01"), ("week", "2023-09-25"), ("month", "2023-10-01")])
def test_api_stats_intervals(http: httpx.Client, interval: str, first: str) -> None:
    stats = http.get("/api/stats", params={"interval": interval}).json()
    assert stats["interval"] == interval
    assert min(row["period"] for row in stats["timeline"]) == first


def test_api_stats_country_codes_for_the_map(http: httpx.Client) -> None:
    countries = {c["country"]: c for c in http.get("/api/stats").json()["countries"]}
    assert countries["UKR"]["numeric"] == "804"
    assert countries["KOR"]["numeric"] == "410"


@pytest.mark.parametrize("where", [{}, {"actor": "KOR"}, {"q": "attacked"}])
def test_api_exports_follow_the_filter(http: httpx.Client, where: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(http.get("/api/events.csv", params=where).text)))
    lines = http.get("/api/events.jsonl", params=where).text.splitlines()
    assert len(rows) == len(lines) == expected(where)
    assert {r["id"] for r in rows} == {str(json.loads(line)["id"]) for line in lines}


def test_api_search_documents(http: httpx.Client) -> None:
    found = http.get("/api/documents", params={"q": "sent aid Geneva"}).json()["documents"]
    assert "a3" in [d["id"] for d in found]
    assert all("[" in d["snippet"] for d in found)


def test_api_schema_docs_and_page(http: httpx.Client) -> None:
    schema = http.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/stats", "/api/actors", "/api/documents",
            "/api/documents/{doc_id}", "/api/events.csv", "/api/events.jsonl"} <= set(schema["paths"])
    assert "/api/stats" in http.get("/docs").text
    page = http.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert http.get("/static/app.js").status_code == 200
    assert http.get("/vendor/../../etc/passwd").status_code == 404


# -- POST ---------------------------------------------------------------------------------------

TOKEN = "test-token"


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    store = fill_store(tmp_path / "events.db", KNOWN)
    with running(create_app(store, token=TOKEN, max_body=20_000)) as url:
        yield url, store


def _documents(store: Path) -> int:
    with SQLiteStore(store) as db:
        return int(db.db.execute("SELECT count(*) FROM documents").fetchone()[0])


@pytest.mark.parametrize("headers, body, status", [
    ({}, b'{"text": "x"}', 401),
    ({"Authorization": "Bearer wrong"}, b'{"text": "x"}', 401),
    ({"Authorization": f"Bearer {TOKEN}"}, b"", 400),
    ({"Authorization": f"Bearer {TOKEN}"}, b'{"text": "unclosed', 400),
    ({"Authorization": f"Bearer {TOKEN}"}, b'{"text": "A fine line."}\n{"text": broken}\n', 400),
    ({"Authorization": f"Bearer {TOKEN}"}, b'{"title": "no text"}', 422),
    ({"Authorization": f"Bearer {TOKEN}"}, b'[1, 2]', 422),
    ({"Authorization": f"Bearer {TOKEN}"}, b'{"text": "A fine line."}\n{"id": 3}\n', 422),
    ({"Authorization": f"Bearer {TOKEN}"}, json.dumps({"text": "word " * 10_000}).encode(), 413),
    ({"Authorization": f"Bearer {TOKEN}"}, b"\xff\xfe\x00", 400),
])
def test_api_post_refused_stores_nothing(writable: tuple[str, Path], headers: dict[str, str], body: bytes,
                                         status: int) -> None:
    url, store = writable
    before = _documents(store)
    response = httpx.post(f"{url}/api/documents", content=body, headers=headers, timeout=30)
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert _documents(store) == before


def test_api_post_disabled_without_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    with running(create_app(tmp_path / "events.db")) as url:
        response = httpx.post(f"{url}/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403


def test_api_private_reads_need_the_token(tmp_path: Path) -> None:
    with running(create_app(tmp_path / "events.db", token=TOKEN, private=True)) as url:
        assert httpx.get(f"{url}/api/events").status_code == 401
        assert httpx.get(f"{url}/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def _pipeline_imports() -> bool:
    try:
        import eventwire.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


needs_pipeline = pytest.mark.skipif(not _pipeline_imports(), reason="the extraction pipeline does not import yet")

ARTICLE = ("SEOUL, Nov 7 (Reuters) - U.S. Secretary of State Antony Blinken met South Korean President "
           "Yoon Suk Yeol in Seoul on Tuesday to discuss North Korea's missile launches.")


@needs_pipeline
@pytest.mark.parametrize("body, content_type, stored", [
    (json.dumps({"id": "p1", "text": ARTICLE, "date": "2023-11-07"}), "application/json", 1),
    (json.dumps({"id": "p1", "text": ARTICLE, "date": "2023-11-07"}) + "\n"
     + json.dumps({"id": "p2", "text": ARTICLE.replace("Tuesday", "Wednesday"), "date": "2023-11-08"}) + "\n",
     "application/x-ndjson", 2),
])
def test_api_post_extracts_and_stores(writable: tuple[str, Path], body: str, content_type: str, stored: int) -> None:
    url, store = writable
    before = _documents(store)
    response = httpx.post(f"{url}/api/documents", content=body.encode(), timeout=300,
                          headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": content_type})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["stored"] == stored == len(result["documents"])
    assert _documents(store) == before + stored
    assert httpx.get(f"{url}/api/documents/p1").json()["text"].startswith("U.S. Secretary")


@needs_pipeline
def test_api_post_batch_with_a_bad_document_stores_none(writable: tuple[str, Path]) -> None:
    url, store = writable
    before = _documents(store)
    body = json.dumps({"id": "ok", "text": ARTICLE}) + "\n" + json.dumps({"id": "empty", "text": "   "}) + "\n"
    response = httpx.post(f"{url}/api/documents", content=body.encode(), timeout=300,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422, response.text
    assert _documents(store) == before


def test_api_served_by_the_cli(tmp_path: Path) -> None:
    """``eventwire serve`` starts uvicorn on the given port over the given store."""
    import socket
    import subprocess
    import sys
    import time

    store = fill_store(tmp_path / "events.db", KNOWN)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = Path(sys.executable).parent / "eventwire"  # the console script pip installed beside python
    server = subprocess.Popen([str(command), "serve", "--db", str(store), "--port", str(port)],
                              stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/events", params={"actor": "UKR"}, timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else "server exited"
                assert time.monotonic() < deadline, "eventwire serve did not start"
                time.sleep(0.2)
        assert response.json()["total"] == sum(_side_matches(p.source, "UKR") or _side_matches(p.target, "UKR")
                                               for planned in KNOWN.values() for p in planned)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stderr:
            server.stderr.close()


# -- hardening: huge integers, search words, spreadsheet cells, security headers, URLs (#18) -------------

@pytest.mark.parametrize("path, status", [
    ("/api/events?offset=99999999999999999999", 422),
    ("/api/events?offset=9223372036854775808", 422),
    ("/api/events?offset=-1", 422),
    ("/api/events?limit=99999999999999999999", 422),
    ("/api/documents?q=Seoul&offset=99999999999999999999", 422),
    ("/api/documents?q=Seoul&limit=99999999999999999999", 422),
    ("/api/actors?limit=99999999999999999999", 422),
    ("/api/stats?top=99999999999999999999", 422),
    ("/api/events/99999999999999999999999", 404),
    ("/api/events/9223372036854775808", 404),
    ("/api/events/-99999999999999999999999", 404),
    ("/api/events/0", 404),
    ("/api/events?offset=9223372036854775807", 200),
    ("/api/events/9223372036854775807", 404),
])
def test_api_huge_integers_are_refused_not_a_500(http: httpx.Client, path: str, status: int) -> None:
    response = http.get(path)
    assert response.status_code == status, response.text
    assert "detail" in response.json() or response.json()["events"] == []


@pytest.mark.parametrize("q", ["!!!", "*", "—", "...", " ", "\"'()"])
@pytest.mark.parametrize("path", ["/api/events", "/api/documents", "/api/stats", "/api/events.csv"])
def test_api_query_without_a_word_is_refused_everywhere(http: httpx.Client, path: str, q: str) -> None:
    response = http.get(path, params={"q": q})
    assert response.status_code == 422, response.text
    assert "no word to search for" in response.json()["detail"]


def test_api_query_words_with_punctuation_search_alike(http: httpx.Client) -> None:
    events = http.get("/api/events", params={"q": "Seoul!", "limit": 1000}).json()
    documents = http.get("/api/documents", params={"q": "Seoul!", "limit": 200}).json()["documents"]
    assert events["total"] == expected({"q": "Seoul"}) > 0
    assert {d["id"] for d in documents} == {e["doc_id"] for e in events["events"]}
    assert http.get("/api/events", params={"q": ""}).json()["total"] == len(ALL)  # an empty filter is no filter


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"), ("  =1+1", "'  =1+1"), ("\n=1", "'\n=1"), ("-", "'-"),
    ("Seoul", "Seoul"), ("a=b", "a=b"), ("", ""), (None, None), ("2023-11-07", "2023-11-07"),
    (-9.0, -9.0), (10, 10), ("-9.0", "-9.0"), ("+2.5", "+2.5"), ("-1e-3", "-1e-3"), ("-.5", "-.5"),
])
def test_api_spreadsheet_cell(value: object, safe: object) -> None:
    from eventwire.views.exports import spreadsheet_cell

    assert spreadsheet_cell(value) == safe


@pytest.fixture(scope="module")
def formula_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.web.builders import formula_extraction

    path = tmp_path_factory.mktemp("formulas") / "events.db"
    with SQLiteStore(path) as store:
        store.add(formula_extraction("f1", KNOWN["a2"]))
    with running(create_app(path)) as url:
        yield url


def test_api_csv_export_neutralises_formulas(formula_url: str) -> None:
    from tests.web.builders import FORMULAS

    text = httpx.get(f"{formula_url}/api/events.csv", timeout=30).text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 2
    for row in rows:
        for column, key in [("doc_title", "title"), ("doc_source", "source"), ("sentence", "sentence"),
                            ("trigger", "trigger"), ("source", "actor"), ("location", "place"), ("mode", "mode")]:
            assert row[column] == "'" + FORMULAS[key], column
        for column, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
            assert not value.startswith("-") or float(value) < 0, (column, value)  # negative numbers stay numbers
    assert {row["goldstein"] for row in rows} == {"-9.0", "-3.0"}
    assert {row["lon"] for row in rows} == {"30.524"}
    # JSON is no spreadsheet: the JSON Lines export keeps the text as stored.
    lines = [json.loads(line) for line in httpx.get(f"{formula_url}/api/events.jsonl", timeout=30).text.splitlines()]
    assert {e["sentence"]["text"] for e in lines} == {FORMULAS["sentence"]}


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/", 200), ("GET", "/docs", 200), ("GET", "/openapi.json", 200), ("GET", "/static/app.js", 200),
    ("GET", "/static/style.css", 200), ("GET", "/static/docs.css", 200), ("GET", "/vendor/d3.min.js", 200),
    ("GET", "/api/events", 200), ("GET", "/api/events.csv", 200), ("GET", "/api/events.jsonl", 200),
    ("GET", "/api/stats", 200), ("GET", "/api/events/999999", 404), ("GET", "/api/events?limit=0", 422),
    ("GET", "/static/nope.js", 404), ("GET", "/nope", 404), ("POST", "/api/documents", 403),
])
def test_api_security_headers_on_every_response(http: httpx.Client, method: str, path: str, status: int) -> None:
    from eventwire.views.headers import SECURITY_HEADERS

    response = http.request(method, path)
    assert response.status_code == status
    assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
    policy = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    assert policy["script-src"] == policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_api_security_headers_on_a_server_error(tmp_path: Path) -> None:
    from eventwire.views.headers import SECURITY_HEADERS

    app = create_app(fill_store(tmp_path / "events.db", KNOWN))

    def broken() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/broken", broken)
    with running(app) as url:
        response = httpx.get(f"{url}/broken", timeout=30)
    assert response.status_code == 500
    assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS


def test_api_page_has_no_inline_script_or_style(http: httpx.Client) -> None:
    """The Content-Security-Policy allows only the server's own files, so the page must not need inline code."""
    import re

    for path in ("/", "/docs"):
        page = http.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", page), path
    script = http.get("/static/app.js").text
    assert not re.search(r"\sstyle=|\son[a-z]+=\"", script)


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/story", True), ("http://example.org/a?b=c", True), ("HTTPS://EXAMPLE.ORG/", True),
    ("javascript:alert(document.cookie)", False), (" JavaScript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("\x01javascript:alert(1)", False), ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False), ("file:///etc/passwd", False), ("//example.org/a", False), ("https:alert", False),
    ("http://[::1", False),
])
def test_api_post_body_keeps_only_web_urls(url: str, kept: bool, caplog: pytest.LogCaptureFixture) -> None:
    from eventwire.views.bodies import parse_documents

    body = json.dumps({"id": "u", "text": "The minister met his counterpart.", "url": url}).encode()
    with caplog.at_level("WARNING", logger="eventwire.ingest"):
        (document,), warnings = parse_documents(body, max_bytes=10_000)
    assert document.url == (url if kept else None)
    assert bool(warnings) is not kept and bool(caplog.records) is not kept
    if not kept:
        assert warnings == [f"request: url {url[:80]!r} is not an http(s) URL; not stored"]


@needs_pipeline
def test_api_post_drops_a_script_url(writable: tuple[str, Path]) -> None:
    url, _ = writable
    body = json.dumps({"id": "js", "text": ARTICLE, "url": "javascript:alert(document.cookie)"}) + "\n" \
        + json.dumps({"id": "web", "text": ARTICLE.replace("Tuesday", "Friday"), "url": "https://example.org/s"})
    response = httpx.post(f"{url}/api/documents", content=body.encode(), timeout=300,
                          headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 201, response.text
    assert response.json()["warnings"] == ["request:1: url 'javascript:alert(document.cookie)' is not an http(s) URL; "
                                           "not stored"]
    assert httpx.get(f"{url}/api/documents/js").json()["url"] is None
    assert httpx.get(f"{url}/api/documents/web").json()["url"] == "https://example.org/s"
