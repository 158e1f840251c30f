"""The local web server the feed tests talk to (127.0.0.1 only), and a fetcher allowed to reach it and nothing else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.feeds.fetch import Fetcher, FetchPolicy
from eventwire.feeds.safety import SafetyPolicy, networks

from .server import Server

#: Only the tests' own server: loopback is allowed, every other non-public address still refused.
LOOPBACK_ONLY = SafetyPolicy(allowed_networks=networks(["127.0.0.1/32"]))


def policy(**changes: object) -> FetchPolicy:
    """Short limits, so every misbehaving route ends in well under a few seconds."""
    values: dict[str, object] = {"safety": LOOPBACK_ONLY, "host_interval": 0.0, "retries": 2, "backoff": 0.05,
                                 "max_wait": 2.0, "connect_timeout": 1.0, "read_timeout": 1.0, "max_bytes": 2_000_000}
    values.update(changes)
    return FetchPolicy(**values)  # type: ignore[arg-type]


@pytest.fixture
def web() -> Iterator[Server]:
    server = Server()
    server.thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(policy()) as client:
        yield client


# The stores of the store tests (a SQLite file, the throwaway PostgreSQL server), for the poll tests.
from tests.store.conftest import postgres_store_url, postgres_url, store  # noqa: E402,F401
