"""PostgreSQL URLs: a password holding any character is found, hidden and used; PGPASSWORD and .pgpass work.

The server tests give one role a password and make the session's server (tests/store/conftest.py,
trust for everyone else) ask that role for it, so libpq really authenticates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import StoreError
from eventwire.store import open_store
from eventwire.store.urls import connection_url, redact, split_url

#: A password with every character that ends a part of a URL; its pieces are words no message holds.
PASSWORD = "Zq9@Xv/7Kp:Wm?Rt#Jy"
PIECES = re.split(r"[@/:?#]", PASSWORD)
ROLE = "eventwire_pw"


@pytest.mark.parametrize("url, shown", [
    ("postgresql://ann:s3cret@db.example:5432/events", "postgresql://ann:***@db.example:5432/events"),
    ("postgresql://ann:p@ss@db.example/events", "postgresql://ann:***@db.example/events"),
    ("postgresql://ann:pa/ss@db.example/events", "postgresql://ann:***@db.example/events"),
    ("postgresql://ann:12/ss@db.example/events", "postgresql://ann:***@db.example/events"),
    ("postgres://ann:a:b?c#d@[::1]:5432/ev?sslmode=disable", "postgres://ann:***@[::1]:5432/ev?sslmode=disable"),
    ("postgresql://ann:@db.example/events", "postgresql://ann:***@db.example/events"),
    ("postgresql://user@server:pw@db.example/events", "postgresql://user@server:***@db.example/events"),
    ("postgresql://ann@db.example/events?password=s3cret&sslmode=require",
     "postgresql://ann@db.example/events?password=***&sslmode=require"),
    ("postgresql://db.example/events", "postgresql://db.example/events"),
    ("postgresql://ann@db.example/events", "postgresql://ann@db.example/events"),
])
def test_urls_redact_hides_the_whole_password(url: str, shown: str) -> None:
    assert redact(url) == shown


@pytest.mark.parametrize("url, given, password", [
    ("postgresql://ann:p@ss/w:rd@db.example:5432/events", "postgresql://ann:p%40ss%2Fw%3Ard@db.example:5432/events",
     "p@ss/w:rd"),
    ("postgresql://ann:p%40ss@db.example/events", "postgresql://ann:p%40ss@db.example/events", "p@ss"),  # as libpq asks
    ("postgresql://ann:50%off@db.example/events", "postgresql://ann:50%25off@db.example/events", "50%off"),
    ("postgresql://ann@db.example/events", "postgresql://ann@db.example/events", None),  # left to PGPASSWORD, .pgpass
    ("postgresql://db.example/events?application_name=a@b", "postgresql://db.example/events?application_name=a@b",
     None),
])
def test_urls_libpq_reads_the_password_whole(url: str, given: str, password: str | None) -> None:
    assert connection_url(url) == given
    assert psycopg.conninfo.conninfo_to_dict(given).get("password") == password
    if password is not None:
        assert psycopg.conninfo.conninfo_to_dict(given)["host"] == "db.example"
        assert split_url(url).rest.startswith("db.example")


@pytest.fixture(scope="module")
def password_server(postgres_url: str) -> Iterator[str]:
    """The session's server with a role that must give PASSWORD (scram-sha-256); the URL without user."""
    open_store(postgres_url).close()  # the schema, owned by the server's own user
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        hba = Path(admin.execute("SHOW hba_file").fetchone()[0])  # type: ignore[index]
        before = hba.read_text()
        hba.write_text(f"host all {ROLE} 127.0.0.1/32 scram-sha-256\n" + before)
        admin.execute("SET password_encryption = 'scram-sha-256'")
        admin.execute(f"CREATE ROLE {ROLE} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
        admin.execute("SELECT pg_reload_conf()")
    try:
        yield postgres_url.replace("postgresql://postgres@", "postgresql://", 1)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            hba.write_text(before)
            admin.execute("SELECT pg_reload_conf()")
            admin.execute(f"REASSIGN OWNED BY {ROLE} TO postgres")
            admin.execute(f"DROP ROLE {ROLE}")


def _url(server: str, password: str | None) -> str:
    user = ROLE if password is None else f"{ROLE}:{password}"
    return server.replace("postgresql://", f"postgresql://{user}@", 1)


@pytest.fixture
def no_password_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No PGPASSWORD and an empty password file, so only what a test sets gives libpq a password; that file."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    passfile = tmp_path / "pgpass"
    passfile.write_text("")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    return passfile


def _shows_no_piece(text: str) -> bool:
    return not any(piece in text for piece in PIECES)


def test_urls_raw_password_connects_and_is_never_shown(password_server: str, no_password_sources: Path) -> None:
    url = _url(password_server, PASSWORD)
    with open_store(url) as store:
        assert store.summary()["store"] == _url(password_server, "***")
    for command in (["summary"], ["summary", "--json"], ["events"], ["failures"]):
        result = CliRunner().invoke(main, [*command, "--db", url], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert _shows_no_piece(result.output), result.output


def test_urls_wrong_password_is_one_line_without_it(password_server: str, no_password_sources: Path) -> None:
    wrong = "Qx1@Bn/8Lk:Wrong"
    with pytest.raises(StoreError, match="password authentication failed") as refused:
        open_store(_url(password_server, wrong))
    assert "Qx1" not in str(refused.value) and "Bn/8Lk" not in str(refused.value) and "***" in str(refused.value)
    result = CliRunner().invoke(main, ["summary", "--db", _url(password_server, wrong)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"error: cannot open store {_url(password_server, '***')}: ")
    assert "Qx1" not in line and "Lk:Wrong" not in line and "Traceback" not in result.output


def test_urls_password_from_pgpassword(password_server: str, no_password_sources: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    url = _url(password_server, None)
    with pytest.raises(StoreError, match="no password supplied"):
        open_store(url)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    with open_store(url) as store:
        assert store.summary()["store"] == url
    result = CliRunner().invoke(main, ["summary", "--db", url], catch_exceptions=False)
    assert result.exit_code == 0 and _shows_no_piece(result.output)


def test_urls_password_from_a_pgpass_file(password_server: str, no_password_sources: Path) -> None:
    host, port = re.search(r"@?([\d.]+):(\d+)/", password_server).groups()  # type: ignore[union-attr]
    escaped = PASSWORD.replace("\\", "\\\\").replace(":", "\\:")  # the file's own escapes
    no_password_sources.write_text(f"{host}:{port}:*:{ROLE}:{escaped}\n")
    with open_store(_url(password_server, None)) as store:
        assert store.summary()["documents"] >= 0
