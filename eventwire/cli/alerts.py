"""``eventwire alerts``: run alert rules over stored events, and find spikes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import ConfigError
from .common import date_option
from .output import table
from .store_option import db_option
from .watch import fetch_options, make_fetcher


@click.group()
def alerts() -> None:
    """Alert rules that fire once per new matching event, and spikes over a baseline.

    \b
    Example:
      eventwire alerts run --rules alerts.yaml --db news.db
      eventwire alerts spikes --db news.db
    """


@alerts.command("run")
@click.option("--rules", "rules_file", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Rules file (YAML): name, filters, action (jsonl file and/or webhook URL).")
@db_option()
@fetch_options
@click.pass_obj
def run(settings, rules_file: str, db: Path | None, **fetching) -> None:  # type: ignore[no-untyped-def]
    """Fire each rule once for every stored event it matches and has not fired for.

    \b
    Example:
      eventwire alerts run --rules alerts.yaml --db news.db
    """
    from ..alerts import load_rules, run_rules
    from .query import _open

    try:
        rules = load_rules(rules_file)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    errors: list[str] = []

    def report(line: str) -> None:
        errors.append(line)
        click.echo(f"error: {line}", err=True)

    with _open(settings, db) as store, make_fetcher(settings, **fetching) as fetcher:
        fired = run_rules(rules, store, fetcher, on_error=report)
    click.echo(f"alerts: {fired} fired, {len(errors)} failed", err=True)
    if errors and not fired:
        raise SystemExit(1)


@alerts.command("spikes")
@db_option()
@click.option("--day", callback=date_option, help="The day to test (default: the last day with events).")
@click.option("--by", type=click.Choice(["actor", "country", "both"]), default="both", show_default=True,
              help="Pairs of (actor or location country, type).")
@click.option("--window", type=click.IntRange(1, 366), default=28, show_default=True, help="Baseline days before it.")
@click.option("--p", "p_value", type=click.FloatRange(0, 1, min_open=True), default=0.001, show_default=True,
              help="Poisson tail probability below which a count is a spike.")
@click.option("--min-count", type=click.IntRange(1), default=3, show_default=True, help="Fewest events on the day.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per spike.")
@click.pass_obj
def spikes_command(settings, db, day, by, window, p_value, min_count, as_json) -> None:  # type: ignore[no-untyped-def]
    """(actor or country, type) pairs whose daily count is far above their trailing baseline.

    A count is a spike when, with the mean daily count of the WINDOW days before as a Poisson
    rate (plus half an event), seeing at least that many has probability below --p.

    \b
    Example:
      eventwire alerts spikes --db news.db --day 2023-11-07 --by actor
    """
    from ..alerts import spikes
    from .query import _open

    sides = ("actor", "country") if by == "both" else (by,)
    with _open(settings, db) as store:
        found = spikes(store, day=day, by=sides, window=window, p=p_value, min_count=min_count)
    if as_json:
        for spike in found:
            click.echo(json.dumps(spike.to_dict()))
        return
    rows = [(s.day, s.by, s.key, s.type, s.count, f"{s.baseline:.2f}", f"{s.p_value:.2g}") for s in found]
    click.echo(table(rows, ("day", "by", "key", "type", "events", "baseline/day", "p")) if rows else "(no spikes)")
