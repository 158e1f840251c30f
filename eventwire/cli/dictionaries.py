"""``eventwire import-tabari``: convert TABARI/PETRARCH dictionaries into an eventwire actor file."""

from __future__ import annotations

from pathlib import Path

import click

from ..dictionaries.tabari import convert_files, write_actor_file
from ..errors import EventwireError

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("import-tabari")
@click.argument("actors_file", type=_FILE)
@click.option("--agents", "agents_file", type=_FILE, help="A TABARI/PETRARCH .agents file to convert as well.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The YAML actor file to write (use it with --actors-file or EVENTWIRE_ACTORS_FILE).")
@click.option("-q", "--quiet", is_flag=True, help="Do not list what could not be converted.")
def import_tabari(actors_file: Path, agents_file: Path | None, out: Path, quiet: bool) -> None:
    """Convert a TABARI/PETRARCH .actors file (and .agents file) into an eventwire actor file.

    Codes, synonyms and date-restricted codes carry over; what eventwire cannot express
    (stem matching, several codes for one actor, agent codes with no eventwire sector)
    is listed on stderr.

    \b
    Example:
      eventwire import-tabari Phoenix.Countries.actors.txt --agents Phoenix.agents.txt --out my_actors.yaml
      eventwire extract article.txt --actors-file my_actors.yaml
    """
    try:
        conversion = convert_files(actors_file, agents_file)
        sources = ", ".join(str(p) for p in (actors_file, agents_file) if p)
        write_actor_file(conversion, out, f"converted from {sources} by eventwire import-tabari")
    except (EventwireError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        for warning in conversion.warnings:
            click.echo(f"warning: {warning}", err=True)
    n_actors = len(conversion.data["actors"])
    n_agents = len(conversion.data.get("agents", {}))
    click.echo(f"wrote {n_actors} actors and {n_agents} agent phrases to {out} ({len(conversion.warnings)} warnings)")
