"""``eventwire serve``: the REST API and the web page over a store, in one process."""

from __future__ import annotations

from pathlib import Path

import click

from ..store.common import redact
from .store_option import db_option


@click.command()
@db_option(created=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="EVENTWIRE_TOKEN", help="Bearer token for POST /api/documents (env EVENTWIRE_TOKEN); "
              "without one, posting is disabled.")
@click.option("--private", is_flag=True, help="Require the token for reads too.")
@click.option("--max-body", type=click.IntRange(1), help="Largest POST body in bytes (default: 5 x max_bytes).")
@click.pass_obj
def serve(settings, db: Path | None, host: str, port: int, token: str | None, private: bool,
          max_body: int | None) -> None:  # type: ignore[no-untyped-def]
    """Serve the analyst's desk: a web page and a REST API over a store.

    The page (timeline, map, actor network, evidence) is at http://HOST:PORT/, the API
    under /api (schema at /openapi.json, reference at /docs).

    \b
    Example:
      eventwire ingest samples/ --db eventwire.db
      eventwire serve --db eventwire.db --port 8000
    """
    import uvicorn

    from ..api import create_app

    path = db or settings.db
    if private and not token:
        raise click.UsageError("--private needs --token (or EVENTWIRE_TOKEN)")
    app = create_app(path, settings, token=token, max_body=max_body, private=private)
    click.echo(f"serving {redact(str(path))} on http://{host}:{port}/ (API docs at /docs){'' if token else '; POST disabled (no token)'}",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
