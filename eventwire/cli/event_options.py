"""What ``eventwire events`` checks and says about its filters: known types, actors given by name."""

from __future__ import annotations

import functools
import importlib.resources
from typing import Any

import click
import yaml


@functools.cache
def plover_types() -> tuple[str, ...]:
    """The PLOVER event types events are coded with (``data/events/plover.yaml``)."""
    text = importlib.resources.files("eventwire").joinpath("data/events/plover.yaml").read_text(encoding="utf-8")
    return tuple(yaml.safe_load(text)["types"])


def type_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check ``--type``: a PLOVER type in any case; anything else is a usage error listing the valid ones."""
    if value is None:
        return None
    if value.upper() not in plover_types():
        raise click.BadParameter(f"{value!r} is not a PLOVER type; the types are {', '.join(plover_types())}")
    return value.upper()


def say_actors(store: Any, **values: str | None) -> None:
    """Tell (on stderr) which stored actors each actor filter matched: a name finds codes, so show them."""
    for option, value in values.items():
        if not value:
            continue
        found = store.resolve_actor(value)
        if not found:
            click.echo(f"--{option} {value!r}: no stored actor has that code, country or name", err=True)
        elif any(a["code"] != value.upper() for a in found):
            listed = ", ".join(f"{a['code']} ({a['name']}, {a['events']} events)" if a["name"] else a["code"]
                               for a in found)
            click.echo(f"--{option} {value!r}: {listed}", err=True)
