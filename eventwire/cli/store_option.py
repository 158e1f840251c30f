"""The ``--db`` option of the commands that open a store: a SQLite file path or a PostgreSQL URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..store import is_server_url

F = TypeVar("F", bound=Callable[..., Any])


class StoreLocation(click.ParamType):
    """A PostgreSQL URL, kept as the string it is; anything else is a file path (not a directory)."""

    name = "path|url"

    def __init__(self) -> None:
        self.path = click.Path(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        if is_server_url(value):
            return str(value)
        return self.path.convert(value, param, ctx)  # type: ignore[no-any-return]


def db_option(*, created: bool = False) -> Callable[[F], F]:
    """``--db``: where the store is (default: the db setting); ``created`` says the command creates it if absent."""
    return click.option("--db", type=StoreLocation(), metavar="PATH|URL",
                        help="SQLite file or postgresql://user@host:5432/db (default: setting db, eventwire.db)"
                        + ("; created if absent." if created else "."))
