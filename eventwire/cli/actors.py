"""``eventwire actors``: look names up in the actor knowledge base and add your own actors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click
import yaml

from ..errors import EventwireError
from ..extract.actors import get_resolver
from ..extract.kb import SECTORS
from .common import date_option

_FILE_HELP = "Your YAML actor file (default: setting actors_file or EVENTWIRE_ACTORS_FILE)."


def _user_file(ctx_obj: Any, option: Path | None) -> Path | None:
    """The user's actor file: the option, else the setting, else the environment variable."""
    if option is not None:
        return option
    setting = getattr(ctx_obj, "actors_file", None)
    if setting:
        return Path(setting)
    env = os.environ.get("EVENTWIRE_ACTORS_FILE")
    return Path(env) if env else None


@click.group("actors")
def actors() -> None:
    """Look up and extend the actor knowledge base.

    \b
    Example:
      eventwire actors lookup "Moon Jae-in" --date 2019-05-01
      eventwire actors add "Jane Doe" --code USAGOV --title "Envoy" --start 2024-01-01 --actors-file my_actors.yaml
    """


@actors.command("lookup")
@click.argument("name")
@click.option("--date", callback=date_option, help="Resolve roles on this date (YYYY-MM-DD; default: latest role).")
@click.option("--context", metavar="TEXT", help="Text of the story the name is in, read first, as extraction reads it.")
@click.option("--actors-file", type=click.Path(dir_okay=False, path_type=Path), help=_FILE_HELP)
@click.pass_obj
def lookup(obj: Any, name: str, date: str | None, context: str | None, actors_file: Path | None) -> None:
    """Print what NAME resolves to in a text, as extraction resolves it, and why; then the knowledge base's entries.

    \b
    Example:
      eventwire actors lookup "Moon Jae-in" --date 2019-05-01
      eventwire actors lookup "Mr Howard" --date 2005-01-15 --context "The BBC asked the Tory leader in London."
    """
    from ..extract.actors_lookup import lookup as resolve
    from ..nlp import load

    path = _user_file(obj, actors_file)
    if path is not None and not path.is_file():
        raise click.UsageError(f"actors file {path} does not exist")
    try:
        found = resolve(get_resolver(str(path) if path else None), load(getattr(obj, "model", None) or "md"),
                        name, date, context)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    actor = found.actor
    coded = actor is not None and bool(actor.code or actor.country)
    if not coded and not found.candidates:
        click.echo(f"{name}: not in the knowledge base, and no political actor in a text")
        click.echo(f"  why: {found.why}")
        raise SystemExit(1)
    where = "in the given story" if context else "in a sentence"
    if coded:
        assert actor is not None
        click.echo(f"{where}: {name} -> " + "\t".join(_fields(actor, name)))
    else:
        click.echo(f"{where}: {name} -> no actor")
    click.echo(f"  why: {found.why}")
    if found.candidates:
        click.echo("knowledge base:")
    for known, why in found.candidates:
        click.echo("\t".join(_fields(known, name)))
        click.echo(f"  why: {why}")


def _fields(actor: Any, name: str) -> list[str]:
    fields = [actor.code or "-", actor.country or "-", actor.sector or "-", actor.canonical or name]
    return fields + ([actor.title] if actor.title else [])


@actors.command("add")
@click.argument("name")
@click.option("--code", help="CAMEO-style code, e.g. USAGOV (country code + sector) or IGOUNO.")
@click.option("--country", help="ISO 3166-1 alpha-3 country (implied by --code when omitted).")
@click.option("--sector", type=click.Choice(sorted(SECTORS)), help="Sector (implied by --code when omitted).")
@click.option("--title", help='Title held in this role, e.g. "Foreign Minister".')
@click.option("--start", callback=date_option, help="First day of the role (YYYY-MM-DD).")
@click.option("--end", callback=date_option, help="Last day of the role (YYYY-MM-DD).")
@click.option("--alias", "aliases", multiple=True, help="Another name for the actor (repeatable).")
@click.option("--actors-file", type=click.Path(dir_okay=False, path_type=Path), help=_FILE_HELP)
@click.pass_obj
def add(obj: Any, name: str, code: str | None, country: str | None, sector: str | None, title: str | None,
        start: str | None, end: str | None, aliases: tuple[str, ...], actors_file: Path | None) -> None:
    """Append an actor (or one more role of it) to your actor file.

    \b
    Example:
      eventwire actors add "Jane Doe" --code USAGOV --title Envoy --start 2024-01-01 --actors-file my_actors.yaml
    """
    path = _user_file(obj, actors_file)
    if path is None:
        raise click.UsageError("name your actor file with --actors-file or EVENTWIRE_ACTORS_FILE")
    if not (code or country or sector):
        raise click.UsageError("give at least one of --code, --country, --sector")
    role = {k: v for k, v in dict(code=code, country=country, sector=sector, title=title, start=start, end=end).items() if v}
    try:
        add_actor(path, name, role, list(aliases))
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"added {name} to {path}")


def add_actor(path: Path, name: str, role: dict[str, str], aliases: list[str]) -> None:
    """Append ``name`` with ``role`` to the YAML file at ``path`` (a new role if the name is there).

    Args:
        path: the user's actor file (created if missing).
        name: the actor's canonical name.
        role: code/country/sector/title/start/end values.
        aliases: other names.
    """
    from ..errors import ConfigError
    from ..extract.kb import load_shipped, user_role

    user_role(load_shipped(), role, path)  # validates the sector and code before writing
    data: Any = {}
    if path.exists():
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"actors file {path}: {exc}") from exc
    items = data if isinstance(data, list) else data.setdefault("actors", [])
    entry = next((e for e in items if isinstance(e, dict) and e.get("name") == name), None)
    if entry is None:
        entry = {"name": name, "roles": []}
        items.append(entry)
    if "roles" not in entry:
        entry["roles"] = [{k: entry.pop(k) for k in ("code", "country", "sector", "title", "start", "end") if k in entry}]
    entry["roles"].append(role)
    if aliases:
        entry["aliases"] = sorted(set(entry.get("aliases", [])) | set(aliases))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    get_resolver.cache_clear()  # type: ignore[attr-defined]
