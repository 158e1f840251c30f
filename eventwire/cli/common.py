"""What the commands share: options, the pipeline, error lines, exit codes."""

from __future__ import annotations

import re
import sys
from datetime import date as Date

import click

from collections.abc import Callable, Iterable, Iterator

from ..config import Settings
from ..errors import EventwireError, InputError
from ..pipeline import Outcome, Pipeline
from ..records import CleanDocument, Document, Failure

#: ``--dask`` on the commands that process documents.
dask_option = click.option(
    "--dask", "dask_address", metavar="ADDRESS",
    help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or local[:N] for N local worker processes.",
)


def date_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check an ISO date option."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise click.BadParameter("use YYYY-MM-DD")
    try:
        Date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    return value


def model_pipeline(settings: Settings) -> Pipeline:
    """Load the pipeline, turning a bad setting into a one-line error."""
    try:
        return Pipeline(settings)
    except EventwireError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def outcomes(
    settings: Settings,
    documents: Iterable[Document | InputError],
    *,
    dask_address: str | None = None,
    skip: Callable[[CleanDocument], bool] | None = None,
) -> Iterator[Outcome]:
    """Every document's outcome in input order, from this process or from a Dask cluster."""
    if not dask_address:
        yield from model_pipeline(settings).run(documents, skip=skip)
        return
    from ..distributed import dask_client, run_on_dask

    try:
        with dask_client(dask_address) as client:
            yield from run_on_dask(documents, settings, client, skip=skip)
    except (OSError, TimeoutError, ValueError) as exc:
        click.echo(f"error: Dask cluster {dask_address}: {exc}", err=True)
        sys.exit(2)


def echo_failure(failure: Failure) -> None:
    """Print a failure's one-line error: its origin escaped (``printable``), its reason's line breaks folded."""
    click.echo(f"error: {printable(failure.origin)}: {' '.join(failure.reason.split())}", err=True)


def printable(text: str) -> str:
    """``text`` with every character that does not print (a line break, a tab, an escape) written as repr writes it.

    A file name may hold a line break; shown raw it would split its error line in two.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def exit_for(succeeded: int, failed: int) -> None:
    """Exit 0 if any document succeeded (or there was nothing to do), 1 if all failed."""
    if failed and not succeeded:
        sys.exit(1)
