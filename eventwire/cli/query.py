"""``eventwire events``, ``summary`` and ``failures``: read what is stored."""

from __future__ import annotations

import json
import math
from pathlib import Path

import click

from ..store import EventFilter, is_server_url, open_store, watch_state
from . import store_option
from .common import date_option, printable
from ..views.exports import CSV_COLUMNS, csv_row
from .event_options import say_actors, type_option
from .output import STORED_EVENT_COLUMNS, csv_text, jsonl, stored_event_row, table

db_option = store_option.db_option()


def _open(settings, db: Path | str | None):  # type: ignore[no-untyped-def]
    path = db or settings.db
    if not is_server_url(path) and not Path(path).exists():
        raise click.UsageError(f"no store at {path}; create one with 'eventwire ingest PATH --db {path}'")
    return open_store(path)


def fraction_option(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """Check an option that is a number from 0 to 1; a bad one is a one-line error, exit 2."""
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0.0 <= number <= 1.0:  # also refuses nan
        click.echo(f"error: --{(param.name or '').replace('_', '-')}: {value!r} is not a number from 0 to 1", err=True)
        ctx.exit(2)
    return number


@click.command()
@db_option
@click.option("--actor", help='Actor code, country or name, either side (USA, USAGOV, IGOUNO, "Tony Blair").')
@click.option("--source", help="Actor code, country or name on the source side.")
@click.option("--target", help="Actor code, country or name on the target side.")
@click.option("--type", "type_", metavar="TYPE", callback=type_option, help="PLOVER type (CONSULT, ASSAULT, ...).")
@click.option("--status", type=click.Choice(["asserted", "planned", "alleged", "denied", "negated", "hypothetical", "background"]))
@click.option("--since", callback=date_option, help="Events on or after this date (YYYY-MM-DD).")
@click.option("--until", callback=date_option, help="Events on or before this date (YYYY-MM-DD).")
@click.option("--country", help="ISO3 country of the event's location.")
@click.option("--text", help="Words the evidence sentence must contain.")
@click.option("--min-relevance", metavar="X", callback=fraction_option,
              help="Only events of documents at least this relevant (0 to 1: how likely political news).")
@click.option("--limit", type=click.IntRange(1),
              help="At most this many events (default: 50 in a table; every matching event in jsonl and csv).")
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True)
@click.pass_obj
def events(settings, db, actor, source, target, type_, status, since, until, country, text, min_relevance, limit,  # type: ignore[no-untyped-def]
           offset, fmt) -> None:
    """List stored events, newest first, with their evidence sentence.

    Dates read as people write them ("March 2005", "undated"); csv adds date_start and date_end,
    the ISO days of each date's period (empty when undated), with the same columns as the API's
    /api/events.csv.

    \b
    Example:
      eventwire events --db events.db --actor PRK --type THREATEN --since 2023-01-01
      eventwire events --db events.db --status planned --format csv > planned.csv
      eventwire events --db events.db --actor "Tony Blair" --type CONSULT
      eventwire events --db events.db --min-relevance 0.5
    """
    where = EventFilter(actor=actor, source=source, target=target, type=type_, status=status, since=since,
                        until=until, country=country, text=text, min_relevance=min_relevance)
    with _open(settings, db) as store:
        say_actors(store, actor=actor, source=source, target=target)
        if fmt in ("jsonl", "csv"):
            # A machine format writes every matching event unless --limit says otherwise.
            found = (store.iter_events(where) if limit is None and not offset
                     else store.events(where, limit=limit or store.count_events(where) or 1, offset=offset))
            if fmt == "jsonl":
                for event in found:
                    click.echo(jsonl(event))
            else:
                click.echo(csv_text((csv_row(e) for e in found), CSV_COLUMNS), nl=False)
            return
        rows = [stored_event_row(e) for e in store.events(where, limit=limit or 50, offset=offset)]
        click.echo(table(rows, STORED_EVENT_COLUMNS) if rows else "(no events match)")
        total = store.count_events(where)
        if total > len(rows):
            click.echo(f"({len(rows)} of {total} shown; use --limit and --offset for more)", err=True)


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def summary(settings, db: Path | None, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Summarise a store: documents, events by type and status, top actors, failures.

    \b
    Example:
      eventwire summary --db events.db
    """
    with _open(settings, db) as store:
        info = store.summary()
        info["feeds"] = watch_state.feeds(store)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    store = info["store"]
    click.echo(f"store      {store if is_server_url(store) else Path(store).resolve()}")
    click.echo(f"documents  {info['documents']}")
    first, last = info["date_range"]
    click.echo(f"events     {info['events']}   " + (f"(days {first} to {last})" if first else "(none has a day)"))
    if info["events"]:
        dayless = info["undated"] + info["coarse"]
        click.echo(f"no day     {dayless} ({100 * dayless / info['events']:.0f}%): {info['undated']} undated, "
                   f"{info['coarse']} dated only to a season or year")
    click.echo(f"failures   {info['failures']}")
    click.echo("\nevents by type")
    click.echo(table(sorted(info["events_by_type"].items(), key=lambda kv: -kv[1]), ("type", "events")))
    click.echo("\nevents by status")
    click.echo(table(list(info["events_by_status"].items()), ("status", "events")))
    click.echo("\ntop actors")
    click.echo(table([(a["code"], a["events"]) for a in info["top_actors"]], ("actor", "events")))
    if info["feeds"]:
        click.echo("\nfeeds (eventwire watch)")
        click.echo(table([(f["url"], f["items"], f["stored"], f["pending"], f["failed"], f["errors"], f["polled_at"])
                          for f in info["feeds"]], ("feed", "articles", "stored", "pending", "failed", "errors",
                                                    "polled"), max_width=60))


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.pass_obj
def failures(settings, db: Path | None, limit: int) -> None:  # type: ignore[no-untyped-def]
    """List documents that could not be processed, and why.

    \b
    Example:
      eventwire failures --db events.db
    """
    with _open(settings, db) as store:
        rows = [(f["created_at"], printable(f["origin"]), f["stage"], f["kind"], f["reason"])
                for f in store.failures(limit=limit)]
    click.echo(table(rows, ("when", "document", "stage", "kind", "reason"), max_width=80) if rows else "(no failures)")
