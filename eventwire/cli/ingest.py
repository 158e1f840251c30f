"""``eventwire ingest``: process documents into the store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ..clean import content_hash
from ..errors import NotStored
from ..ingest import FORMATS, discover, read
from ..pipeline import Skipped
from ..progress import Progress
from ..records import CleanDocument, Extraction, Failure
from ..store import open_store
from .common import dask_option, date_option, echo_failure, exit_for, outcomes
from .dating import Dating
from .store_option import db_option
from .watch import fetch_options, make_fetcher


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True))
@db_option(created=True)
@click.option("--input-format", type=click.Choice(FORMATS), help="Read every file as this (default: by suffix, else text).")
@click.option("--date", callback=date_option, help="Publication date (YYYY-MM-DD) for documents without one.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, log lines or summary.")
@dask_option
@click.option("--sitemap", "sitemaps", multiple=True, metavar="URL",
              help="Fetch the articles a sitemap lists (repeatable); the fetch options below apply.")
@fetch_options
@click.pass_obj
def ingest(settings, paths: tuple[str, ...], db: Path | None, input_format: str | None, date: str | None,  # type: ignore[no-untyped-def]
           quiet: bool, dask_address: str | None, sitemaps: tuple[str, ...], **fetching) -> None:
    """Process documents in PATHS and store everything extracted from them.

    PATHS are files, folders (walked for .txt, .html, .jsonl, .warc, .warc.gz) or - for
    standard input. A WARC file gives one document per HTML response record (its target URI
    and WARC date); other records are skipped and counted. A document already stored (same
    content) is skipped, so an interrupted run can simply be run again. Failures are printed
    and recorded in the store's failures table.

    \b
    Example:
      eventwire ingest articles/ --db events.db
      eventwire ingest crawl.warc.gz --db events.db
      eventwire ingest --sitemap https://news.example/sitemap.xml --db events.db
      eventwire ingest corpus/ --dask local:4
    """
    if not paths and not sitemaps:
        raise click.UsageError("give PATHS to read, or --sitemap URL")
    if sitemaps:
        from .sitemap import crawl_sitemaps

        crawl_sitemaps(settings, db or settings.db, sitemaps, quiet=quiet, fetcher=make_fetcher(settings, **fetching))
        if not paths:
            return
    files = discover(paths)
    total = (None if any(fmt in ("jsonl", "warc") or path == "-" for path, fmt in files) or input_format in ("jsonl", "warc")
             else len(files))
    succeeded = failed = 0
    with open_store(db or settings.db) as store:
        seen: set[str] = set()

        def already_stored(doc: CleanDocument) -> bool:
            # Documents are checked before earlier ones in the same batch are written,
            # so duplicates within this run are caught by ``seen``.
            digest = content_hash(doc.text)
            duplicate = digest in seen or store.has_content(digest)
            seen.add(digest)
            return duplicate

        progress = Progress(total, quiet=quiet)
        dating = Dating(quiet=quiet)
        skipped: Counter[str] = Counter()
        documents = read(paths, input_format=input_format, date=date, max_bytes=settings.max_bytes, skipped=skipped)
        for outcome in outcomes(settings, documents, dask_address=dask_address, skip=already_stored):
            if isinstance(outcome, Extraction):
                try:
                    store.add(outcome)
                except NotStored as exc:
                    # The store refused this document (a value it cannot hold): its failure, not the run's.
                    outcome = Failure(origin=outcome.origin, kind=exc.kind, stage="store", doc_id=outcome.id,
                                      reason=f"the store refused it: {exc.reason}")
            if isinstance(outcome, Failure):
                failed += 1
                store.add_failure(outcome)
                echo_failure(outcome)
                progress.update(failed=True)
            elif isinstance(outcome, Skipped):
                succeeded += 1
                progress.update(skipped=True)
            else:
                succeeded += 1
                dating.add(outcome)
                progress.update(events=len(outcome.events))
        progress.close()
        if not quiet:
            dating.report()
            if skipped:
                kinds = ", ".join(f"{kind} {n}" for kind, n in skipped.most_common())
                click.echo(f"warc: {sum(skipped.values())} records skipped, not HTML responses ({kinds})", err=True)
            click.echo(f"store: {store.location}", err=True)
    exit_for(succeeded, failed)
