"""The ``eventwire`` command: a thin Click group over the library, one module per command."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from .. import __version__
from ..config import load_settings
from ..errors import EventwireError


class _Group(click.Group):
    """Turns the library's errors (a store that cannot be opened, a bad setting) into one line, exit 2."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            click.echo(f"error: {' '.join(str(exc).split())}", err=True)
            ctx.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(version=__version__, package_name="eventwire")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML settings file (default: ./eventwire.toml if present).")
@click.option("--model", help="spaCy pipeline: md (default), sm, a package name or a path.")
@click.option("-v", "--verbose", is_flag=True, help="Log debug detail to stderr.")
@click.pass_context
def main(ctx: click.Context, config_file: Path | None, model: str | None, verbose: bool) -> None:
    """Turn news articles into event data: who did what to whom, when and where.

    \b
    Example:
      eventwire extract article.txt --date 2023-11-07
      eventwire ingest articles/ --db events.db
      eventwire events --db events.db --actor USA --type CONSULT
    """
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(config_file)
    except EventwireError as exc:
        raise click.UsageError(str(exc)) from exc
    ctx.obj = settings.replace(model=model)


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error and exit."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def _register() -> None:
    from .actors import actors
    from .alerts import alerts
    from .dictionaries import import_tabari
    from .evaluate import eval_command
    from .extract import extract
    from .ingest import ingest
    from .query import events, failures, summary
    from .watch import watch

    for command in (extract, ingest, events, summary, failures, eval_command, actors, import_tabari, watch,
                    alerts):
        main.add_command(command)
    try:
        from .serve import serve
    except ImportError:  # the web extra is optional
        return
    main.add_command(serve)


_register()
