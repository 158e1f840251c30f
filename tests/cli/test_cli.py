"""The command line, end to end, with the real spaCy pipeline and real SQLite files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main

from ..contract import check_contract

ARTICLE = (
    "SEOUL, Nov 7 (Reuters) - US Secretary of State Antony Blinken is due to arrive in Seoul on Wednesday "
    "for talks with South Korean Foreign Minister Park Jin. North Korea fired two ballistic missiles into the sea "
    "on Monday, the South Korean military said. Japan condemned the launch.\n"
)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "seoul.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(runner: CliRunner, *args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


def test_cli_extract_prints_contract_jsonl(runner: CliRunner, article: Path) -> None:
    result = run(runner, "extract", str(article), "--date", "2023-11-07")
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.strip().splitlines()
    record = json.loads(line)
    check_contract(record)
    assert record["date"] == "2023-11-07" and record["source"] == "Reuters"
    assert record["text"].startswith("US Secretary of State")
    assert any(e["type"] == "CONSULT" for e in record["events"])


def test_cli_extract_reads_stdin_jsonl_in_order(runner: CliRunner) -> None:
    lines = "\n".join(json.dumps({"id": f"d{i}", "text": ARTICLE, "date": "2023-11-07"}) for i in range(3))
    result = run(runner, "extract", "-", "--input-format", "jsonl", input=lines)
    assert result.exit_code == 0
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["d0", "d1", "d2"]


def test_cli_extract_table_and_json_formats(runner: CliRunner, article: Path) -> None:
    table = run(runner, "extract", str(article), "--format", "table")
    assert table.exit_code == 0 and "CONSULT" in table.stdout and "confidence" in table.stdout
    header = table.stdout.splitlines()[0]
    assert header.startswith("# ") and float(header.rsplit("relevance ", 1)[1]) >= 0.5  # a political article
    as_json = run(runner, "extract", str(article), "--format", "json")
    assert isinstance(json.loads(as_json.stdout), list)


def test_cli_library_gives_same_record_as_cli(runner: CliRunner, article: Path) -> None:
    import eventwire

    cli_record = json.loads(run(runner, "extract", str(article), "--date", "2023-11-07").stdout)
    lib_record = eventwire.extract(ARTICLE, date="2023-11-07").to_dict()
    for key in ("text", "entities", "timexes", "places", "quotes", "events", "date", "source"):
        assert lib_record[key] == cli_record[key], key


def bad_inputs(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; return name -> the words its error line must contain."""
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00")
    (folder / "latin1.txt").write_bytes("Le caf\xe9 est ferm\xe9".encode("latin-1"))
    (folder / "huge.txt").write_bytes(b"The minister said the talks would go on. " * 1_300_000)  # ~53 MB
    (folder / "french.txt").write_text(
        "Le gouvernement a annoncé mercredi une série de mesures pour soutenir les entreprises touchées par la crise.")
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "ok-1", "text": ARTICLE.replace("Japan", "Australia")}) + "\n{oops\n" + json.dumps({"id": "no-text"}) + "\n")
    return {"empty.txt": "no text", "binary.txt": "binary", "latin1.txt": "UTF-8", "huge.txt": "over the limit",
            "french.txt": "English", "batch.jsonl:2": "not valid JSON", "batch.jsonl:3": "neither 'text' nor 'html'"}


def test_cli_ingest_bad_input_one_line_each_batch_goes_on(runner: CliRunner, tmp_path: Path, article: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = bad_inputs(folder)
    (folder / "good.txt").write_text(ARTICLE)
    db = tmp_path / "ew.db"
    result = run(runner, "ingest", str(folder), "--db", str(db), "--quiet")
    assert result.exit_code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == len(expected)
    for name, words in expected.items():
        assert any(name in line and words in line for line in errors), (name, errors)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2  # good.txt and batch.jsonl:1
    stored = {row[0] for row in con.execute("SELECT origin FROM failures")}
    assert {Path(o).name for o in stored} == set(expected)


def test_cli_ingest_duplicates_within_one_run_stored_once(runner: CliRunner, tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE)
    db = tmp_path / "ew.db"
    result = run(runner, "ingest", str(tmp_path), "--db", str(db))
    assert result.exit_code == 0 and "1 already stored" in result.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone()[0] == 1


def test_cli_exit_1_when_every_document_fails(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = run(runner, "extract", str(tmp_path / "empty.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "empty.txt" in result.stderr


def test_cli_usage_error_exit_2(runner: CliRunner, article: Path) -> None:
    assert runner.invoke(main, ["extract", str(article), "--date", "07/11/2023"]).exit_code == 2
    assert runner.invoke(main, ["events", "--db", "/nonexistent/x.db"]).exit_code == 2
    assert runner.invoke(main, ["nosuchcommand"]).exit_code == 2


def test_cli_ingest_twice_stores_once_then_query(runner: CliRunner, tmp_path: Path, article: Path) -> None:
    db = tmp_path / "ew.db"
    first = run(runner, "ingest", str(article), "--db", str(db), "--date", "2023-11-07")
    assert first.exit_code == 0 and "1 documents" in first.stderr
    second = run(runner, "ingest", str(article), "--db", str(db))
    assert "1 already stored" in second.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    listed = run(runner, "events", "--db", str(db), "--format", "jsonl")
    events = [json.loads(x) for x in listed.stdout.splitlines()]
    assert events and all("sentence" in e for e in events)
    coded = next(e for e in events if (e["source"] or e["target"] or {}).get("country"))
    country = (coded["source"] or coded["target"])["country"]
    chosen = run(runner, "events", "--db", str(db), "--type", coded["type"], "--actor", country, "--format", "csv")
    assert chosen.stdout.startswith("id,doc_id,date,date_start,date_end,date_value,type")
    assert str(coded["id"]) in [line.split(",")[0] for line in chosen.stdout.splitlines()[1:]]
    planned = run(runner, "events", "--db", str(db), "--status", "planned", "--format", "jsonl")
    assert all(json.loads(x)["status"] == "planned" for x in planned.stdout.splitlines())
    summary = run(runner, "summary", "--db", str(db))
    assert "documents  1" in summary.stdout and str(db) in summary.stdout


@pytest.mark.parametrize("command", ["extract", "ingest", "events", "summary", "failures", "eval", "actors"])
def test_cli_help_fits_one_screen(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout or command == "actors"
    assert len(result.stdout.splitlines()) <= 50


def test_cli_eval_missing_shared_is_a_clear_message(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["eval", "plover", "--shared", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "not found" in result.stderr and "--shared" in result.stderr


def test_cli_every_command_and_setting_is_in_the_readme() -> None:
    from eventwire.config import Settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"`{name} " in readme or f"`{name}`" in readme, f"command {name} is not in the README"
    for setting in Settings.__dataclass_fields__:
        assert f"`{setting}`" in readme, f"setting {setting} is not in the README"


@pytest.mark.parametrize("command", [["events"], ["summary"], ["ingest", "samples", "-q"]])
def test_cli_unreachable_store_is_one_line(command: list[str]) -> None:
    url = "postgresql://reader:secret@127.0.0.1:1/events"  # port 1: nothing listens
    result = CliRunner().invoke(main, [*command, "--db", url])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot open store postgresql://reader:***@")
    assert "secret" not in result.output and "Traceback" not in result.output


#: Stored documents and their relevance, for the --min-relevance filter.
RELEVANCE = {"a1": 0.91, "a2": 0.42, "a3": 0.1}


@pytest.fixture
def relevance_store(tmp_path: Path) -> Path:
    from tests.test_api import KNOWN
    from tests.web.builders import fill_store

    return fill_store(tmp_path / "ew.db", KNOWN, relevance=RELEVANCE)


@pytest.mark.parametrize("value, docs", [("0", {"a1", "a2", "a3"}), ("0.42", {"a1", "a2"}), ("0.5", {"a1"}),
                                         ("1", set())])
def test_cli_events_min_relevance(runner: CliRunner, relevance_store: Path, value: str, docs: set[str]) -> None:
    listed = run(runner, "events", "--db", str(relevance_store), "--min-relevance", value, "--format", "jsonl")
    assert listed.exit_code == 0, listed.output
    events = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {e["doc_id"] for e in events} == docs
    assert all(e["doc_relevance"] == RELEVANCE[e["doc_id"]] for e in events)
    rows = run(runner, "events", "--db", str(relevance_store), "--min-relevance", value, "--format", "csv")
    lines = rows.stdout.splitlines()
    assert lines[0].split(",")[:3] == ["id", "doc_id", "date"] and "doc_relevance" in lines[0].split(",")
    assert len(lines) - 1 == len(events)


def test_cli_events_table_shows_relevance(runner: CliRunner, relevance_store: Path) -> None:
    table = run(runner, "events", "--db", str(relevance_store), "--min-relevance", "0.9")
    header, _, *rows = table.stdout.splitlines()
    assert "relevance" in header.split()
    assert rows and all(" 0.91 " in row for row in rows)


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high", "nan", ""])
def test_cli_events_bad_min_relevance_is_one_line(runner: CliRunner, relevance_store: Path, value: str) -> None:
    result = runner.invoke(main, ["events", "--db", str(relevance_store), "--min-relevance", value])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"error: --min-relevance: {value!r} is not a number from 0 to 1"]


def test_cli_events_csv_neutralises_formulas(runner: CliRunner, tmp_path: Path) -> None:
    """The CLI's CSV and the API's go through one function: text a spreadsheet would run gets an apostrophe (#18)."""
    import csv
    import io

    from eventwire.store import SQLiteStore
    from eventwire.views.exports import CSV_COLUMNS
    from tests.test_api import KNOWN
    from tests.web.builders import FORMULAS, formula_extraction

    with SQLiteStore(tmp_path / "ew.db") as store:
        store.add(formula_extraction("f1", KNOWN["a2"]))
    result = run(runner, "events", "--db", str(tmp_path / "ew.db"), "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert tuple(header) == CSV_COLUMNS
    assert len(rows) == 2
    for row in map(dict, (zip(header, r) for r in rows)):
        assert (row["sentence"], row["location"], row["mode"]) == (
            "'" + FORMULAS["sentence"], "'" + FORMULAS["place"], "'" + FORMULAS["mode"])
        assert float(row["confidence"]) == 0.9
    table = run(runner, "events", "--db", str(tmp_path / "ew.db"))
    assert "'" + FORMULAS["sentence"] not in table.stdout and FORMULAS["sentence"] in table.stdout  # only CSV


def test_cli_ingest_keeps_only_web_urls(runner: CliRunner, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A document's url that is not http(s) is stored as none, with a warning naming the line (#18)."""
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(record) for record in [
        {"id": "js", "text": ARTICLE, "url": "javascript:alert(document.cookie)", "date": "2023-11-07"},
        {"id": "web", "text": ARTICLE.replace("Wednesday", "Friday"), "url": "https://example.org/s"},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "ew.db"
    with caplog.at_level("WARNING", logger="eventwire.ingest"):
        result = run(runner, "ingest", str(source), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(db)
    assert dict(con.execute("SELECT id, url FROM documents").fetchall()) == {"js": None, "web": "https://example.org/s"}
    assert [r.getMessage() for r in caplog.records] == [
        f"{source}:1: url 'javascript:alert(document.cookie)' is not an http(s) URL; stored without one"]
