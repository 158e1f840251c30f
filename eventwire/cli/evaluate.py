"""``eventwire eval``: score eventwire on the development sets under the shared folder."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import SharedDataMissing
from ..evaluate import SCORERS, run


@click.command("eval")
@click.argument("name", type=click.Choice([*SCORERS, "all"]))
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path),
              help="Shared data folder (default: setting shared, ../shared).")
@click.option("--limit", type=click.IntRange(1), help="Score only the first N items (quick look).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_obj
def eval_command(settings, name: str, shared: Path | None, limit: int | None, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    """Score a component on its development set and print the figures.

    \b
    plover  event type P/R/F1 and source-type-target F1 on the PLOVER gold records
    actors  actor code accuracy (PLOVER gold) and entity P/R/F1 (MEANTIME)
    timex   TempEval-3 span and value F1 on TimeBank and AQUAINT
    geo     toponym resolution within 161 km on GeoWebNews and TR-News
    petrarch  actor-pair and triple P/R/F1 on PETRARCH2's unit-test sentences
    quotes  cue, attribution, content and source figures on PolNeAR's dev articles

    \b
    Example:
      eventwire eval plover
      eventwire eval timex --shared /data/shared --limit 20
    """
    names = list(SCORERS) if name == "all" else [name]
    folder = shared or settings.shared
    missing = False
    for scorer in names:
        try:
            report = run(scorer, folder, model=settings.model, limit=limit)
        except SharedDataMissing as exc:
            click.echo(f"skipped {scorer}: {exc}", err=True)
            missing = True
            continue
        click.echo(json.dumps({"name": report.name, **report.figures}) if as_json else report.format() + "\n")
    if missing and len(names) == 1:
        raise SystemExit(1)
