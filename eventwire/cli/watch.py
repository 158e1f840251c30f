"""``eventwire watch``: poll news feeds into the store, now and every so often."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import click

from ..errors import InputError
from ..feeds.fetch import Fetcher, FetchPolicy
from ..feeds.opml import read_feeds
from ..feeds.safety import SafetyPolicy
from ..store import open_store
from .common import echo_failure, model_pipeline
from .store_option import db_option


def duration(ctx: click.Context, param: click.Parameter, value: str) -> float:
    """A duration: "90", "90s", "15m", "2h" -> seconds."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value or "")
    if not found:
        raise click.BadParameter("use a number of seconds, or 30s, 15m, 2h")
    return float(found.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[found.group(2)]


def fetch_options(command):  # type: ignore[no-untyped-def]
    """The options every command that fetches from the web shares (watch, ingest --sitemap, alerts)."""
    for option in reversed([
        click.option("--allow-private", is_flag=True,
                     help="Also fetch from private, loopback and link-local addresses (your own network)."),
        click.option("--host-interval", type=click.FloatRange(0), default=5.0, show_default=True,
                     help="Seconds between two requests to one host."),
        click.option("--timeout", type=click.FloatRange(0.1), default=15.0, show_default=True,
                     help="Seconds to wait to connect and for each piece of a response."),
        click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
                     help="Further attempts after a 429, a 5xx or a timeout (backoff doubles from 1 s)."),
        click.option("--no-robots", is_flag=True, help="Do not read robots.txt (only for your own sites)."),
    ]):
        command = option(command)
    return command


def make_fetcher(settings, allow_private: bool, host_interval: float, timeout: float, retries: int,  # type: ignore[no-untyped-def]
                 no_robots: bool) -> Fetcher:
    """The HTTP client the fetch options describe; the size cap is the max_bytes setting."""
    return Fetcher(FetchPolicy(connect_timeout=min(timeout, 10.0), read_timeout=timeout, retries=retries,
                               host_interval=host_interval, max_bytes=settings.max_bytes, robots=not no_robots,
                               safety=SafetyPolicy(allow_private=allow_private)))


@click.command()
@click.argument("feeds_file", metavar="FEEDS", type=click.Path(exists=True, dir_okay=False))
@db_option(created=True)
@click.option("--every", default="15m", show_default=True, callback=duration,
              help="Time between polls (30s, 15m, 2h).")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--polls", type=click.IntRange(1), help="Stop after this many polls.")
@click.option("--limit", type=click.IntRange(1), help="Fetch at most this many new articles per poll.")
@click.option("--alerts", "rules_file", type=click.Path(exists=True, dir_okay=False),
              help="Alert rules (YAML) run over new events after each poll.")
@fetch_options
@click.option("--quiet", "-q", is_flag=True, help="No line per poll.")
@click.pass_obj
def watch(settings, feeds_file: str, db: Path | None, every: float, once: bool, polls: int | None,  # type: ignore[no-untyped-def]
          limit: int | None, rules_file: str | None, allow_private: bool, host_interval: float, timeout: float,
          retries: int, no_robots: bool, quiet: bool) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS and store their new articles.

    FEEDS is a text file with one feed URL a line (# for comments) or an OPML file. Each poll
    asks each feed only for what changed (ETag, Last-Modified), fetches each new article once
    (by its canonical URL), extracts it as ingest does and stores it with its URL, feed, fetch
    time and publication date. robots.txt is respected; private and loopback addresses are
    refused unless --allow-private. Failures are printed and recorded in the store.

    \b
    Example:
      eventwire watch feeds.txt --db news.db --every 15m
      eventwire watch feeds.opml --db news.db --once
    """
    try:
        feeds = read_feeds(feeds_file)
    except InputError as exc:
        raise click.UsageError(str(exc)) from exc
    pipeline = model_pipeline(settings)
    rules = None
    if rules_file:
        from ..alerts import load_rules

        rules = load_rules(rules_file)
    done = 0
    with open_store(db or settings.db) as store:
        while True:
            from ..feeds.poll import poll

            with make_fetcher(settings, allow_private, host_interval, timeout, retries, no_robots) as fetcher:
                report = poll(feeds, store, pipeline.run, fetcher, on_failure=echo_failure, limit=limit)  # type: ignore[arg-type]
                if rules is not None:
                    from ..alerts import run_rules

                    fired = run_rules(rules, store, fetcher, on_error=lambda line: click.echo(f"error: {line}", err=True))
                    if not quiet and fired:
                        click.echo(f"alerts: {fired} fired", err=True)
            done += 1
            if not quiet:
                click.echo(f"poll {done}: {report.line()}", err=True)
            if once or (polls is not None and done >= polls):
                break
            try:
                time.sleep(every)
            except KeyboardInterrupt:
                break
    if report.feeds and report.feed_errors == report.feeds and not report.stored:
        sys.exit(1)
