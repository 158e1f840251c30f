"""Run the pipeline on a Dask cluster when one process is not enough.

The driver reads and cleans documents (cheap), sends batches of cleaned documents to the
workers, and yields outcomes in input order, exactly as ``Pipeline.run`` does, so the
same store writer, progress bar and error lines serve both. Each worker process loads
the spaCy pipeline and knowledge bases once and keeps them for every batch it gets.
Only a bounded number of batches is in flight, so a corpus of any size streams through.

    with dask_client("local:4") as client:
        for outcome in run_on_dask(read(paths), settings, client):
            ...

Workers on other machines need eventwire installed (``make install``) like the driver.
"""

from __future__ import annotations

import itertools
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError
from .pipeline import Outcome, Pipeline, Skipped, prepare
from .records import CleanDocument, Document, Extraction, Failure

if TYPE_CHECKING:
    from distributed import Client, Future

log = logging.getLogger(__name__)

#: Batches kept in flight per worker thread: one running, one queued behind it.
_IN_FLIGHT_PER_THREAD = 2
#: One pipeline per worker process and settings, loaded on first use.
_PIPELINES: dict[Settings, Pipeline] = {}


@contextmanager
def dask_client(address: str) -> Iterator[Client]:
    """Connect to a Dask scheduler, or start a local cluster.

    Args:
        address: a scheduler address ("tcp://10.0.0.5:8786"), or "local" / "local:N" for
            N worker processes on this machine (default: one per core), one thread each,
            since spaCy parsing holds the GIL.

    Yields:
        A connected ``distributed.Client``; the local cluster is shut down on exit.
    """
    from distributed import Client, LocalCluster

    # The scheduler and nannies log every connection at INFO: keep the user's terminal for eventwire.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    if address == "local" or address.startswith("local:"):
        count = address.partition(":")[2]
        if count and not (count.isdigit() and int(count) > 0):
            raise ValueError(f"'{count}' is not a number of workers: use local, local:N (N >= 1) or tcp://host:port")
        workers = int(count) if count else None
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0",  # any free port: the default 8787 may be taken
                          silence_logs=logging.WARNING) as cluster, Client(cluster) as client:
            yield client
    else:
        with Client(address) as client:
            yield client


def run_on_dask(
    documents: Iterable[Document | InputError],
    settings: Settings,
    client: Client,
    *,
    batch_size: int = 64,
    skip: Callable[[CleanDocument], bool] | None = None,
) -> Iterator[Outcome]:
    """Process a stream of documents on the cluster behind ``client``, in input order.

    Args:
        documents: what ``ingest.read`` yields: documents, or the errors of unreadable ones.
        settings: the settings each worker builds its pipeline from.
        client: a connected Dask client (see ``dask_client``).
        batch_size: documents per task; larger batches amortise scheduling, smaller ones
            balance load better.
        skip: called on each cleaned document on the driver; True leaves it out.

    Yields:
        An Extraction, a Failure or a Skipped per input item, as ``Pipeline.run`` does.
        A batch whose worker died becomes one Failure per document in it.
    """
    in_flight = max(1, sum(client.nthreads().values())) * _IN_FLIGHT_PER_THREAD
    window: deque[tuple[list[CleanDocument | Failure | Skipped], Future | None]] = deque()
    prepared = (prepare(item, skip, max_chars=settings.max_chars) for item in documents)
    while chunk := list(itertools.islice(prepared, batch_size)):
        cleaned = [item for item in chunk if isinstance(item, CleanDocument)]
        future = client.submit(_extract_batch, settings, cleaned, pure=False) if cleaned else None
        window.append((chunk, future))
        if len(window) > in_flight:
            yield from _collect(*window.popleft())
    while window:
        yield from _collect(*window.popleft())


def _collect(chunk: list[CleanDocument | Failure | Skipped], future: Future | None) -> Iterator[Outcome]:
    """A batch's outcomes in input order, its failures and skips put back in their places."""
    results: Iterator[Extraction | Failure] = iter(())
    if future is not None:
        try:
            results = iter(future.result())
        except Exception as exc:  # noqa: BLE001 - a lost worker must not end the run
            log.debug("batch failed on the cluster", exc_info=True)
            reason = f"{type(exc).__name__} on a Dask worker: {exc}"
            results = iter([
                Failure(origin=item.origin, kind="internal", reason=reason, stage="extract", doc_id=item.id)
                for item in chunk if isinstance(item, CleanDocument)
            ])
        finally:
            future.release()
    for item in chunk:
        yield next(results) if isinstance(item, CleanDocument) else item


def _extract_batch(settings: Settings, documents: list[CleanDocument]) -> list[Extraction | Failure]:
    """Runs on a worker: parse and extract one batch with the process's pipeline."""
    pipeline = _PIPELINES.get(settings)
    if pipeline is None:
        pipeline = _PIPELINES[settings] = Pipeline(settings)
    return pipeline.extract_cleaned(documents)
