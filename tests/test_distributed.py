"""Tests for eventwire.distributed: the pipeline on a real Dask scheduler gives what it gives alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.config import load_settings
from eventwire.distributed import run_on_dask
from eventwire.errors import BinaryInput, InputError
from eventwire.pipeline import Pipeline, Skipped
from eventwire.records import Document, Extraction, Failure

TEXTS = [
    "Israeli troops fired on protesters in Hebron on Friday, witnesses said.",
    "",  # empty: refused at cleaning
    "The foreign ministers of Japan and South Korea met in Tokyo on Tuesday to discuss trade.",
    "Kenya pledged aid to flood victims in Somalia.",
    "Kenya pledged aid to flood victims in Somalia.",  # skipped below as a repeat
]


def documents() -> list[Document | InputError]:
    items: list[Document | InputError] = [
        Document(text=t, date="2023-11-07", origin=f"doc {i}") for i, t in enumerate(TEXTS)
    ]
    items.insert(2, BinaryInput("unreadable.bin", "binary file, not text"))
    return items


def skip_repeats() -> object:
    seen: set[str] = set()

    def skip(doc) -> bool:  # type: ignore[no-untyped-def]
        repeat = doc.text in seen
        seen.add(doc.text)
        return repeat

    return skip


def summary(outcome: Extraction | Failure | Skipped) -> tuple[object, ...]:
    if isinstance(outcome, Extraction):
        return ("ok", outcome.origin, tuple((e.type, e.trigger.text) for e in outcome.events))
    if isinstance(outcome, Failure):
        return ("failed", outcome.origin, outcome.kind)
    return ("skipped", outcome.origin)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """A real scheduler with one in-process worker thread (the spaCy pipeline is already loaded here)."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        with Client(cluster) as dask:
            yield dask


def test_distributed_same_outcomes_in_same_order(pipeline: Pipeline, client) -> None:  # type: ignore[no-untyped-def]
    alone = [summary(o) for o in pipeline.run(documents(), skip=skip_repeats())]  # type: ignore[arg-type]
    settings = pipeline.settings
    on_dask = [summary(o) for o in run_on_dask(documents(), settings, client, batch_size=2, skip=skip_repeats())]  # type: ignore[arg-type]
    assert on_dask == alone
    assert [s[0] for s in on_dask] == ["ok", "failed", "failed", "ok", "ok", "skipped"]
    assert any(s[2] for s in on_dask if s[0] == "ok")  # events were found, not just empty records


def test_distributed_a_failed_batch_fails_its_documents_only(client) -> None:  # type: ignore[no-untyped-def]
    broken = load_settings().replace(model="/nonexistent/spacy-model")
    outcomes = list(run_on_dask(documents(), broken, client, batch_size=3))
    assert [type(o).__name__ for o in outcomes] == ["Failure"] * 6
    assert [o.origin for o in outcomes] == ["doc 0", "doc 1", "unreadable.bin", "doc 2", "doc 3", "doc 4"]
    assert "Dask worker" in outcomes[0].reason and outcomes[1].kind == "empty"


@pytest.mark.slow
def test_distributed_cli_ingest_on_local_worker_processes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    counts = []
    for name, extra in (("alone", []), ("dask", ["--dask", "local:1"])):
        db = tmp_path / f"{name}.db"
        result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--date", "2023-11-07", "-q", *extra])
        assert result.exit_code == 0, result.output
        with sqlite3.connect(db) as con:
            counts.append(tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                for t in ("documents", "events", "failures")))
    assert counts[0] == counts[1]
    assert counts[1][0] == 3 and counts[1][2] == 1  # the empty file is a recorded failure; the repeat is skipped


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("local:many", "'many' is not a number of workers"),
        ("local:0", "'0' is not a number of workers"),
        ("tcp://127.0.0.1:1", "Timed out trying to connect"),  # nothing listens on port 1
    ],
)
def test_distributed_cli_bad_cluster_is_one_line(tmp_path: Path, address: str, message: str) -> None:
    import dask.config

    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    db = tmp_path / "events.db"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "-q", "--dask", address])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: Dask cluster {address}: ") and message in lines[0]
