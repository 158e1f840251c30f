"""``eventwire import-tabari``: convert TABARI/PETRARCH dictionaries into eventwire actor and trigger files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..config import load_settings
from ..dictionaries import cameo
from ..dictionaries.tabari import convert_files, write_actor_file
from ..dictionaries.tabari_verbs import convert_file, write_lexicon_file
from ..errors import EventwireError

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)
_OUT = click.Path(dir_okay=False, path_type=Path)


@click.command("import-tabari")
@click.argument("actors_file", type=_FILE, required=False)
@click.option("--agents", "agents_file", type=_FILE, help="A TABARI/PETRARCH .agents file to convert as well.")
@click.option("--out", "out", type=_OUT,
              help="The YAML actor file to write (use it as the setting actors_file, EVENTWIRE_ACTORS_FILE).")
@click.option("--verbs", "verbs_file", type=_FILE, help="A TABARI/PETRARCH verbs dictionary to convert.")
@click.option("--verbs-out", "verbs_out", type=_OUT,
              help="The YAML trigger file to write (use it as the setting verbs_file, EVENTWIRE_VERBS_FILE).")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path),
              help="Shared data folder with the CAMEO to PLOVER table the verbs need (default: setting shared).")
@click.option("-q", "--quiet", is_flag=True, help="Do not list what could not be converted.")
@click.pass_obj
def import_tabari(settings: Any, actors_file: Path | None, agents_file: Path | None, out: Path | None,
                  verbs_file: Path | None, verbs_out: Path | None, shared: Path | None, quiet: bool) -> None:
    """Convert TABARI/PETRARCH dictionaries: an .actors file (and .agents file) into an
    eventwire actor file, a verbs file into an eventwire trigger file.

    Actors: codes, synonyms and date-restricted codes carry over. Verbs: verbs and their
    block's or own CAMEO code, two-word verbs, and the patterns "- * WORD [code]" and
    "- * (PREP) [code]" (with synonym sets) as "verb word" phrases, each code mapped to a
    PLOVER type with the CAMEO to PLOVER table; eventwire's own triggers win where both have
    one. What eventwire cannot express (stem matching, several codes for one actor, agent
    codes with no eventwire sector, longer patterns, codes with no PLOVER type) is listed on
    stderr.

    \b
    Example:
      eventwire import-tabari Phoenix.Countries.actors.txt --agents Phoenix.agents.txt --out my_actors.yaml
      eventwire import-tabari --verbs CAMEO.2.0.txt --verbs-out my_verbs.yaml
      EVENTWIRE_ACTORS_FILE=my_actors.yaml EVENTWIRE_VERBS_FILE=my_verbs.yaml eventwire extract article.txt
    """
    if actors_file is None and verbs_file is None:
        raise click.UsageError("name an ACTORS_FILE (with --out) or a --verbs file (with --verbs-out)")
    if actors_file is not None and out is None:
        raise click.UsageError("--out names the actor file to write")
    if agents_file is not None and actors_file is None:
        raise click.UsageError("--agents goes with an ACTORS_FILE")
    if verbs_file is not None and verbs_out is None:
        raise click.UsageError("--verbs-out names the trigger file to write")
    warnings: list[str] = []
    done: list[str] = []
    try:
        if actors_file is not None and out is not None:
            conversion = convert_files(actors_file, agents_file)
            sources = ", ".join(str(p) for p in (actors_file, agents_file) if p)
            write_actor_file(conversion, out, f"converted from {sources} by eventwire import-tabari")
            warnings += conversion.warnings
            n_agents = len(conversion.data.get("agents", {}))
            done.append(f"wrote {len(conversion.data['actors'])} actors and {n_agents} agent phrases to {out} "
                        f"({len(conversion.warnings)} warnings)")
        if verbs_file is not None and verbs_out is not None:
            folder = shared or (settings or load_settings()).shared
            verbs = convert_file(verbs_file, folder / cameo.TABLE)
            write_lexicon_file(verbs, verbs_out, f"converted from {verbs_file} by eventwire import-tabari")
            warnings += verbs.warnings
            done.append(f"wrote {verbs_out}: {verbs.summary()} ({len(verbs.warnings)} warnings)")
    except (EventwireError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    for line in done:
        click.echo(line)
