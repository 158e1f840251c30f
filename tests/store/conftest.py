"""A real PostgreSQL server for the store tests (started once per session), and a ``store`` on each backend."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.store import SQLiteStore, Store

#: Where Debian's postgresql package puts the server binaries (one folder per major version).
PG_BIN_GLOB = "/usr/lib/postgresql/*/bin"
#: Tables with an identity id, restarted between tests so event ids are the same on every run.
IDENTITY_TABLES = ("entities", "timexes", "places", "quotes", "events", "failures")
_names = itertools.count()


def _bin_dir() -> Path:
    found = sorted(Path(p) for p in glob.glob(PG_BIN_GLOB) if (Path(p) / "initdb").is_file())
    if not found:
        pytest.fail(f"PostgreSQL server binaries not found ({PG_BIN_GLOB}/initdb): install them with "
                    "'apt-get install -y postgresql' (the store tests start a real server)", pytrace=False)
    return found[-1]  # the newest major version


def _as_server_user(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a server command as "postgres" when we are root (initdb and pg_ctl refuse root), else as ourselves."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120, **kwargs)  # type: ignore[call-overload,no-any-return]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 (fsync off, trust auth) with one database; its URL.

    The cluster lives in a fresh temp dir owned by the server user and is stopped and removed
    at the end of the session.
    """
    bin_dir = _bin_dir()
    # Not pytest's tmp_path: its parent is private to root and the server runs as "postgres".
    root = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("no 'postgres' user to run the server as: install it with 'apt-get install -y postgresql'",
                        pytrace=False)
        os.chown(root, user.pw_uid, user.pw_gid)
    data, port = root / "data", _free_port()
    try:
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                         "--locale=C.UTF-8", "--no-sync"])
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "start",
                         "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off "
                         "-c synchronous_commit=off -c full_page_writes=off"])
    except subprocess.CalledProcessError as exc:
        log = root / "server.log"
        detail = log.read_text() if log.exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"cannot start PostgreSQL: {exc.stderr or exc.stdout}\n{detail}", pytrace=False)
    base = f"postgresql://postgres@127.0.0.1:{port}"
    try:
        _create_database(base, "eventwire")
        yield f"{base}/eventwire"
    finally:
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
        shutil.rmtree(root, ignore_errors=True)


def _create_database(base: str, name: str) -> str:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


@pytest.fixture
def postgres_db(postgres_url: str) -> str:
    """The URL of a new, empty database on the session's server (for tests of creating the schema)."""
    return _create_database(postgres_url.rsplit("/", 1)[0], f"test{next(_names)}")


@pytest.fixture
def postgres_store_url(postgres_url: str) -> str:
    """The session's database, migrated, with every table emptied and ids restarted: a clean store, quickly."""
    import psycopg

    from eventwire.store.postgres import PostgresStore

    PostgresStore(postgres_url).close()  # creates the schema the first time; a no-op after
    # DELETE, not TRUNCATE: the tables are tiny, and TRUNCATE rewrites every table and index (~0.2 s).
    restart = " ".join(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 1, false);" for table in IDENTITY_TABLES)
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(f"DELETE FROM documents; DELETE FROM failures; DELETE FROM feeds; DELETE FROM feed_items; "
                   f"DELETE FROM alert_firings; {restart}")  # children go by ON DELETE CASCADE
    return postgres_url


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on each backend: a SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        opened: Store = SQLiteStore(tmp_path / "events.db")
    else:
        from eventwire.store.postgres import PostgresStore

        opened = PostgresStore(request.getfixturevalue("postgres_store_url"))
    with opened:
        yield opened
