"""What the commands share: options, the pipeline, error lines, exit codes."""

from __future__ import annotations

import re
import sys
from datetime import date as Date

import click

from ..config import Settings
from ..errors import EventwireError
from ..pipeline import Pipeline
from ..records import Failure


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


def echo_failure(failure: Failure) -> None:
    click.echo(failure.message, err=True)


def exit_for(succeeded: int, failed: int) -> None:
    """Exit 0 if any document succeeded (or there was nothing to do), 1 if all failed."""
    if failed and not succeeded:
        sys.exit(1)
