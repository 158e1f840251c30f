"""PostgreSQL URLs: the password found whatever it holds, hidden wherever the URL is shown.

    postgresql://USER:PASSWORD@HOST:PORT/DATABASE?PARAMETERS

libpq wants "@", "/", ":", "?" and "%" in a password percent-encoded (``p%40ss``). Given one
raw, it reads part of the password as the host or the port, and its error message names that
host, so the password leaks. Here the password runs from the first ":" after "//" to the URL's
last "@", whatever it holds; an "@" after the host (in the database name or a parameter) must be
written ``%40``. A URL with no password is handed to libpq as it is, so ``PGPASSWORD`` and the
``.pgpass`` file (or ``PGPASSFILE``) supply one, as they do for psql.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

#: URL schemes that name a PostgreSQL server rather than a SQLite file.
SERVER_SCHEMES = ("postgresql://", "postgres://")
#: A ``password`` parameter (``?password=...``), which libpq also reads.
_PASSWORD_PARAMETER = re.compile(r"([?&]password=)[^&]*")


@dataclass(frozen=True)
class ServerURL:
    """A PostgreSQL URL cut at its user part."""

    scheme: str
    """``postgresql://`` or ``postgres://``."""
    user: str | None
    """The user as written (percent-encoded or not); None without a user part."""
    password: str | None
    """The password as written; None without one ("ann@host"), "" for an empty one ("ann:@host")."""
    rest: str
    """The host(s), port, database and parameters, as written."""


def split_url(url: str) -> ServerURL:
    """Cut a PostgreSQL URL into scheme, user, password and the rest (see the module docstring)."""
    scheme = next((s for s in SERVER_SCHEMES if url.startswith(s)), "")
    body = url[len(scheme):]
    user_part, at, rest = body.rpartition("@")
    if not at:
        return ServerURL(scheme, None, None, body)
    user, colon, password = user_part.partition(":")
    return ServerURL(scheme, user, password if colon else None, rest)


def redact(url: str) -> str:
    """The URL without its password (as ``***``), for messages and ``summary()``; a ``password=`` parameter too."""
    parts = split_url(url)
    rest = _PASSWORD_PARAMETER.sub(r"\1***", parts.rest)
    if parts.user is None:
        return parts.scheme + rest
    return parts.scheme + parts.user + ("" if parts.password is None else ":***") + "@" + rest


def connection_url(url: str) -> str:
    """The URL libpq is given: its user and password percent-encoded, so libpq reads each whole.

    Already-encoded ones (``p%40ss``) stay as they are; a URL with no password is returned unchanged.
    """
    parts = split_url(url)
    if parts.user is None or parts.password is None:
        return url
    encode = lambda text: quote(unquote(text), safe="")  # noqa: E731
    return f"{parts.scheme}{encode(parts.user)}:{encode(parts.password)}@{parts.rest}"
