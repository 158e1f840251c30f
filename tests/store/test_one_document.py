"""One document never stops a batch, on SQLite and PostgreSQL: long texts, NUL bytes, what the store refuses, odd names.

Each test ingests a folder of small texts written here (the long one generated in tmp_path) with the
real pipeline into a real store of each backend, and checks that every other document is stored and
the bad one is one named failure, with one error line.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from click.testing import CliRunner, Result

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.config import load_settings
from eventwire.errors import NotStored
from eventwire.store import Store, open_store
from tests.web.builders import Planned, extraction, running

#: Three short articles that store cleanly, each with its own text.
ARTICLES = {
    "b_seoul.txt": "North Korea fired two ballistic missiles into the sea on Monday, the South Korean military said.\n",
    "c_berlin.txt": "Germany and France agreed on a new trade deal in Berlin on Tuesday, officials said.\n",
    "d_paris.txt": "Thousands of protesters marched in Paris against the pension reform on Thursday.\n",
}
#: A paragraph to repeat into a text longer than spaCy's nlp.max_length of 1,000,000 characters.
PARAGRAPH = "The minister said the talks on the border would resume next week after officials met in the capital.\n\n"
LONG = 1_500_000


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's location on each backend: a SQLite file, a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    return str(request.getfixturevalue("postgres_store_url"))


def _folder(tmp_path: Path, extra: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in {**ARTICLES, **extra}.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")
    return folder


def _ingest(folder: Path, url: str) -> Result:
    return CliRunner().invoke(main, ["ingest", str(folder), "--db", url, "--quiet"], catch_exceptions=False)


def _stored(url: str) -> tuple[set[str], list[dict[str, Any]]]:
    """The names of the stored documents' files, and the recorded failures."""
    with open_store(url) as store:
        origins = {row["origin"] for row in store._run("SELECT origin FROM documents")}  # type: ignore[attr-defined]
        return {Path(origin).name for origin in origins}, store.failures()


def _error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("name", ["a_long.txt", "z_long.txt"])  # the long file sorts first, then last
def test_store_long_text_is_one_failure_and_the_others_are_stored(tmp_path: Path, store_url: str, name: str) -> None:
    long_text = (PARAGRAPH * (LONG // len(PARAGRAPH) + 1))[:LONG]
    folder = _folder(tmp_path, {name: long_text})
    result = _ingest(folder, store_url)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    stored, failures = _stored(store_url)
    assert stored == set(ARTICLES)
    assert [(Path(f["origin"]).name, f["kind"], f["stage"]) for f in failures] == [(name, "too_long", "clean")]
    reason = f"the text is {len(long_text.strip()):,} characters, over the limit of 200,000 (setting max_chars)"
    assert failures[0]["reason"] == reason
    assert _error_lines(result) == [f"error: {folder / name}: {reason}"]


def test_store_long_text_extract_prints_the_others(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a_long.txt": PARAGRAPH * 15_000})
    result = CliRunner().invoke(main, ["extract", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == len(ARTICLES)
    (line,) = _error_lines(result)
    assert "a_long.txt" in line and "over the limit of 200,000 (setting max_chars)" in line


def test_store_nul_byte_after_8kb_is_one_failure(tmp_path: Path, store_url: str) -> None:
    content = (PARAGRAPH * 100).encode() + b"\x00" + PARAGRAPH.encode()  # the NUL at byte 10,200
    folder = _folder(tmp_path, {"c_nul.txt": content})
    result = _ingest(folder, store_url)
    assert result.exit_code == 0, result.output
    stored, failures = _stored(store_url)
    assert stored == set(ARTICLES)
    assert [(Path(f["origin"]).name, f["kind"]) for f in failures] == [("c_nul.txt", "binary")]
    reason = "binary data (a NUL byte at offset 10,200), not text"
    assert _error_lines(result) == [f"error: {folder / 'c_nul.txt'}: {reason}"]


def test_store_nul_escape_in_a_json_record_is_one_failure(tmp_path: Path, store_url: str) -> None:
    lines = [json.dumps({"id": "ok", "text": "Japan condemned the missile launch on Monday."}),
             json.dumps({"id": "nul", "text": "Japan condemned the launch.\u0000"}),
             json.dumps({"id": "surrogate", "text": "Japan condemned the launch \ud83d."})]
    folder = _folder(tmp_path, {"e_batch.jsonl": "\n".join(lines) + "\n"})
    result = _ingest(folder, store_url)
    assert result.exit_code == 0, result.output
    stored, failures = _stored(store_url)
    assert stored == set(ARTICLES) | {"e_batch.jsonl:1"}
    assert sorted((Path(f["origin"]).name, f["kind"]) for f in failures) == [("e_batch.jsonl:2", "binary"),
                                                                            ("e_batch.jsonl:3", "encoding")]


@pytest.fixture
def refusing(store_url: str) -> Iterator[str]:
    """The store, with a trigger that refuses a document titled "Refused story" (a real error of each backend)."""
    with open_store(store_url):
        pass  # create the schema
    if store_url.startswith("postgresql://"):
        with psycopg.connect(store_url, autocommit=True) as db:
            db.execute("CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "IF NEW.title = 'Refused story' THEN RAISE EXCEPTION 'refused by a test trigger'; END IF; "
                       "RETURN NEW; END $$")
            db.execute("CREATE TRIGGER refuse_one BEFORE INSERT ON documents FOR EACH ROW "
                       "EXECUTE FUNCTION refuse_one()")
        try:
            yield store_url
        finally:
            with psycopg.connect(store_url, autocommit=True) as db:
                db.execute("DROP TRIGGER refuse_one ON documents; DROP FUNCTION refuse_one()")
        return
    with sqlite3.connect(store_url) as db:
        db.execute("CREATE TRIGGER refuse_one BEFORE INSERT ON documents WHEN NEW.title = 'Refused story' "
                   "BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END")
    yield store_url


def test_store_a_document_the_store_refuses_is_one_failure(tmp_path: Path, refusing: str) -> None:
    folder = _folder(tmp_path, {"c_refused.txt": "Refused story\n\nJapan condemned the launch on Monday.\n"})
    result = _ingest(folder, refusing)
    assert result.exit_code == 0, result.output
    stored, failures = _stored(refusing)
    assert stored == set(ARTICLES)  # d_paris.txt, after the refused one, too
    assert [(Path(f["origin"]).name, f["kind"], f["stage"]) for f in failures] == [("c_refused.txt", "store", "store")]
    assert "refused by a test trigger" in failures[0]["reason"]
    (line,) = _error_lines(result)
    assert line.startswith(f"error: {folder / 'c_refused.txt'}: the store refused it: ") and "test trigger" in line


def test_store_add_refused_is_not_stored_and_the_store_goes_on(store: Store) -> None:
    good = extraction("good", [Planned(0, 0, 1, 0, date(2023, 11, 7))])
    entity = dataclasses.replace(good.entities[0], start=2**64)  # over 64 bits: neither backend can hold it
    bad = dataclasses.replace(extraction("bad", [Planned(1, 1, 2, 1, date(2023, 11, 8))]), origin="bad.txt",
                              entities=[entity])
    with pytest.raises(NotStored) as refused:
        store.add(bad)
    assert refused.value.origin == "bad.txt" and refused.value.kind == "store" and "\n" not in refused.value.reason
    assert store.add(good) == "good"
    assert store.summary()["documents"] == 1 and store.document("bad") is None


def test_store_file_name_with_a_line_break_stays_one_line(tmp_path: Path, store_url: str) -> None:
    folder = _folder(tmp_path, {"bad\nname.txt": "", "tab\tname.txt": "   "})
    result = _ingest(folder, store_url)
    assert result.exit_code == 0
    errors = _error_lines(result)
    assert len(result.stderr.splitlines()) == 2 == len(errors)
    assert sorted(errors) == sorted([f"error: {folder}/bad\\nname.txt: no text left to read",
                                     f"error: {folder}/tab\\tname.txt: no text left to read"])
    stored, failures = _stored(store_url)
    assert {Path(f["origin"]).name for f in failures} == {"bad\nname.txt", "tab\tname.txt"}  # the names as they are
    listed = CliRunner().invoke(main, ["failures", "--db", store_url], catch_exceptions=False)
    rows = listed.stdout.splitlines()[2:]
    assert len(rows) == 2 and any("bad\\nname.txt" in row for row in rows) and any("tab\\tname.txt" in row
                                                                                 for row in rows)


@pytest.mark.parametrize("record, problem", [
    ({"text": PARAGRAPH * 15_000},
     "request: the text is 1,529,998 characters, over the limit of 200,000 (setting max_chars)"),
    ({"text": "Japan condemned the launch.\u0000"},
     "request: 'text' has a NUL character (\\u0000) at offset 27: binary data, not text"),
])
def test_store_api_post_refuses_a_long_text_or_a_nul_without_a_500(store_url: str, record: dict[str, str],
                                                                    problem: str) -> None:
    with running(create_app(store_url, load_settings(), token="t0ken")) as base:
        response = httpx.post(f"{base}/api/documents", json=record, headers={"Authorization": "Bearer t0ken"},
                              timeout=300)
    assert response.status_code == 422, response.text
    assert response.json()["problems"] == [problem]
    with open_store(store_url) as store:
        assert store.summary()["documents"] == 0
