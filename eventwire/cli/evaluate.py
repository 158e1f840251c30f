"""``eventwire eval``: score eventwire on the development sets under the shared folder."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import SharedDataMissing
from ..evaluate import GROUPS, SCORERS, run


@click.command("eval")
@click.argument("name", type=click.Choice([*SCORERS, *GROUPS]))
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path),
              help="Shared data folder (default: setting shared, ../shared).")
@click.option("--limit", type=click.IntRange(1), help="Score only the first N items (quick look).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--folds", type=click.IntRange(2), help="plover: also score N fixed folds of the records, with their spread.")
@click.option("--fit-calibration", is_flag=True, help="plover: refit the event confidence map on all records and write it.")
@click.option("--sample-out", type=click.Path(dir_okay=False, path_type=Path),
              help="noise: also write a random sample of its events to this TSV file, to judge by hand.")
@click.option("--sample-size", type=click.IntRange(1), default=50, show_default=True,
              help="noise: events in that sample.")
@click.pass_obj
def eval_command(settings, name: str, shared: Path | None, limit: int | None, as_json: bool,  # type: ignore[no-untyped-def]
                 folds: int | None, fit_calibration: bool, sample_out: Path | None, sample_size: int) -> None:
    """Score a component on its development set and print the figures.

    \b
    plover  event type P/R/F1 and source-type-target F1 on the PLOVER gold records
    actors  actor code accuracy (PLOVER gold) and entity P/R/F1 (MEANTIME)
    timex   TempEval-3 span and value F1 on TimeBank and AQUAINT
    geo     toponym resolution within 161 km on GeoWebNews and TR-News
    petrarch  actor-pair and triple P/R/F1 on PETRARCH2's unit-test sentences
    quotes  cue, attribution, content and source figures on PolNeAR's dev articles
    noise   events per 100 sentences on BBC sport, entertainment and tech news, against politics
    coding  plover with 5 folds, petrarch and noise: the three sources a coding change must help
    all     every scorer

    \b
    Example:
      eventwire eval plover
      eventwire eval timex --shared /data/shared --limit 20
      eventwire eval plover --folds 5
      eventwire eval plover --fit-calibration   # after changing the event coder
      eventwire eval noise --sample-out benchmarks/noise_sample.tsv
      eventwire eval coding --limit 100   # before keeping a change to rules or lexicons
    """
    if name == "coding" and folds is None:
        folds = 5
    if (folds or fit_calibration) and name not in ("plover", "coding"):
        raise click.UsageError("--folds and --fit-calibration are for plover only")
    if fit_calibration and limit:
        raise click.UsageError("--fit-calibration fits on all records: leave out --limit")
    if sample_out and name not in ("noise", "coding"):
        raise click.UsageError("--sample-out is for noise only")
    own = {
        "plover": {key: value for key, value in {"folds": folds, "fit_calibration": fit_calibration}.items() if value},
        "noise": {"sample_out": sample_out, "sample_size": sample_size} if sample_out else {},
    }
    names = GROUPS.get(name, [name])
    folder = shared or settings.shared
    missing = False
    for scorer in names:
        try:
            # --limit caps the BBC articles per category for noise; the other sets are small
            report = run(scorer, folder, model=settings.model, limit=limit if scorer == "noise" or name != "coding" else None,
                         **own.get(scorer, {}))
        except SharedDataMissing as exc:
            click.echo(f"skipped {scorer}: {exc}", err=True)
            missing = True
            continue
        click.echo(json.dumps({"name": report.name, **report.figures}) if as_json else report.format() + "\n")
        if fit_calibration:
            from ..extract.event_calibration import CALIBRATION_FILE

            click.echo(f"wrote {CALIBRATION_FILE}", err=True)
    if missing and len(names) == 1:
        raise SystemExit(1)
