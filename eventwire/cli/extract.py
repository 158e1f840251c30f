"""``eventwire extract``: print what eventwire finds in documents."""

from __future__ import annotations

import json

import click

from ..ingest import FORMATS, read
from ..records import Extraction, Failure
from .common import dask_option, date_option, echo_failure, exit_for, outcomes
from .output import EVENT_COLUMNS, event_row, jsonl, score, table


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--input-format", type=click.Choice(FORMATS), help="Read every file as this (default: by suffix, else text).")
@click.option("--date", callback=date_option, help="Publication date (YYYY-MM-DD) for documents without one.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True)
@dask_option
@click.pass_obj
def extract(settings, files: tuple[str, ...], input_format: str | None, date: str | None, fmt: str,
            dask_address: str | None) -> None:
    """Extract entities, dates, places, quotes and events from FILES and print them.

    FILES are text, HTML or JSON Lines files, folders of them, or - for standard input.
    Output is one JSON object a document (the output contract), in input order.
    Bad documents get a one-line error on stderr; the others go on.

    \b
    Example:
      eventwire extract article.txt --date 2023-11-07
      cat batch.jsonl | eventwire extract - --input-format jsonl --format table
    """
    documents = read(files, input_format=input_format, date=date, max_bytes=settings.max_bytes)
    succeeded = failed = 0
    records = []
    for outcome in outcomes(settings, documents, dask_address=dask_address):
        if isinstance(outcome, Failure):
            failed += 1
            echo_failure(outcome)
            continue
        assert isinstance(outcome, Extraction)
        succeeded += 1
        if fmt == "jsonl":
            click.echo(jsonl(outcome.to_dict()))
        elif fmt == "json":
            records.append(outcome.to_dict())
        else:
            click.echo(f"# {outcome.id}  {outcome.title or ''}  {outcome.date or 'undated'}  "
                       f"relevance {score(outcome.relevance)}")
            rows = [event_row(e) for e in outcome.to_dict()["events"]]
            click.echo(table(rows, EVENT_COLUMNS) if rows else "(no events)")
            click.echo()
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    exit_for(succeeded, failed)
