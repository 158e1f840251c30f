"""Alert rules over a real store (both backends), webhooks to the tests' own server, and spikes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.alerts import load_rules, poisson_tail, run_rules, spikes
from eventwire.cli import main
from eventwire.errors import ConfigError
from eventwire.feeds.fetch import Fetcher
from eventwire.store import SQLiteStore
from tests.feeds.conftest import policy, web  # noqa: F401 - the server fixture
from tests.feeds.server import Server
from tests.store.conftest import postgres_store_url, postgres_url, store  # noqa: F401 - both backends
from tests.web.builders import Planned, extraction

DAY = date(2023, 11, 7)
# ACTORS: 0 USAGOV, 1 KOR, 2 PRK; VERBS: 0 CONSULT, 4 THREATEN; PLACES: 0 Seoul (KOR), 2 Washington (USA)
THREATS = [Planned(2, 4, 1, 0, DAY), Planned(2, 4, 0, 2, DAY)]
TALKS = [Planned(0, 0, 1, 0, DAY)]


def write_rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "alerts.yaml"
    path.write_text(text)
    return path


def test_alerts_each_matching_event_fires_once(store, tmp_path: Path, web: Server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    out = tmp_path / "out" / "prk.jsonl"
    rules = load_rules(write_rules(tmp_path, f"""
- name: prk-threats
  filters: {{actor: PRK, type: THREATEN, min_confidence: 0.1}}
  action: {{jsonl: {out}, webhook: {web.url('/hook')}}}
"""))
    store.add(extraction("d1", THREATS + TALKS))
    with Fetcher(policy()) as fetcher:
        assert run_rules(rules, store, fetcher) == 2
        assert run_rules(rules, store, fetcher) == 0  # nothing new: nothing fires again
        store.add(extraction("d2", [Planned(2, 4, 4, 1, DAY)]))
        assert run_rules(rules, store, fetcher) == 1
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(x["rule"], x["event"]["type"], x["event"]["source"]["code"]) for x in lines] == [
        ("prk-threats", "THREATEN", "PRK")] * 3
    assert len({x["event"]["id"] for x in lines}) == 3
    assert [json.loads(body)["event"]["id"] for path, body in web.posts] == [x["event"]["id"] for x in lines]


def test_alerts_failed_webhook_is_not_fired_and_is_tried_again(store, tmp_path: Path, web: Server) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    private = load_rules(write_rules(tmp_path, "- name: r\n  filters: {type: THREATEN}\n"
                                               "  action: {webhook: 'http://10.0.0.9/hook'}\n"))
    store.add(extraction("d1", THREATS))
    errors: list[str] = []
    with Fetcher(policy()) as fetcher:
        assert run_rules(private, store, fetcher, on_error=errors.append) == 0
        assert len(errors) == 2 and "10.0.0.9, a private address" in errors[0] and errors[0].startswith("alert r: event")
        fixed = load_rules(write_rules(tmp_path, f"- name: r\n  filters: {{type: THREATEN}}\n"
                                                 f"  action: {{webhook: '{web.url('/hook')}'}}\n"))
        assert run_rules(fixed, store, fetcher) == 2  # the failed firings were forgotten
    assert web.posts and all(path == "/hook" for path, _ in web.posts)


@pytest.mark.parametrize("text, message", [
    ("- filters: {type: AID}\n  action: {jsonl: a.jsonl}", "rule 1: needs a name"),
    ("- name: x\n  filters: {colour: red}\n  action: {jsonl: a.jsonl}", "unknown filter 'colour'"),
    ("- name: x\n  filters: {type: AID}", "action needs jsonl (a file) and/or webhook"),
    ("- name: x\n  filters: {min_confidence: 2}\n  action: {jsonl: a}", "min_confidence must be a number from 0 to 1"),
    ("- name: x\n  action: {jsonl: a}\n- name: x\n  action: {jsonl: b}", "two rules share a name (x)"),
    ("rules: [", "cannot read the rules"),
])
def test_alerts_bad_rules_are_one_clear_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_rules(write_rules(tmp_path, text))


def _history(store) -> None:  # type: ignore[no-untyped-def]
    """28 days of one KOR-USA meeting a day; PRK threats once a week; then a day of eight PRK threats."""
    for back in range(1, 29):
        day = DAY - timedelta(days=back)
        plan = [Planned(0, 0, 1, 0, day)] + ([Planned(2, 4, 1, 0, day)] if back % 7 == 0 else [])
        store.add(extraction(f"h{back}", plan))
    store.add(extraction("today", [Planned(2, 4, 1, 0, DAY)] * 8 + [Planned(0, 0, 1, 0, DAY)] * 2))


def test_alerts_spikes_find_the_burst_and_not_the_steady_pair(store) -> None:  # type: ignore[no-untyped-def]
    _history(store)
    found = spikes(store, by=("actor",))
    keys = {(s.key, s.type) for s in found}
    assert ("PRK", "THREATEN") in keys
    assert ("USAGOV", "CONSULT") not in keys and ("KOR", "CONSULT") not in keys  # 2 against 1 a day: no spike
    prk = next(s for s in found if (s.key, s.type) == ("PRK", "THREATEN"))
    assert (prk.day, prk.count, prk.baseline) == ("2023-11-07", 8, round(4 / 28, 3))
    assert prk.p_value == pytest.approx(poisson_tail(8, 4.5 / 28))
    by_country = {(s.key, s.type) for s in spikes(store, by=("country",))}
    assert ("KOR", "THREATEN") in by_country  # the threats were located in Seoul
    assert spikes(store, day="2023-11-06") == []


def test_poisson_tail() -> None:
    assert poisson_tail(0, 2.0) == 1.0
    assert poisson_tail(1, 2.0) == pytest.approx(1 - 2.718281828 ** -2)
    assert poisson_tail(3, 1.0) == pytest.approx(1 - (1 + 1 + 0.5) * 2.718281828 ** -1)
    assert 0 < poisson_tail(150, 1.0) < 1e-200  # the far tail summed directly, not 1 minus almost 1


def test_alerts_cli_run_and_spikes(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    with SQLiteStore(db) as opened:
        _history(opened)
    out = tmp_path / "fired.jsonl"
    rules = write_rules(tmp_path, f"- name: threats\n  filters: {{type: THREATEN}}\n  action: {{jsonl: {out}}}\n")
    runner = CliRunner()
    result = runner.invoke(main, ["alerts", "run", "--rules", str(rules), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "alerts: 12 fired, 0 failed" in result.stderr and len(out.read_text().splitlines()) == 12
    again = runner.invoke(main, ["alerts", "run", "--rules", str(rules), "--db", str(db)])
    assert "alerts: 0 fired" in again.stderr
    shown = runner.invoke(main, ["alerts", "spikes", "--db", str(db), "--by", "actor"])
    assert shown.exit_code == 0 and any(line.split()[:5] == ["2023-11-07", "actor", "PRK", "THREATEN", "8"]
                                        for line in shown.output.splitlines())
