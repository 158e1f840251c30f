"""``eventwire watch`` as a user runs it: a real process, the tests' own server on 127.0.0.1, a real SQLite file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.feeds.poll import document_id
from tests.feeds.conftest import web  # noqa: F401 - the server fixture
from tests.feeds.server import Server

EVENTWIRE = [sys.executable, "-c", "from eventwire.cli import main; main()"]


def _count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as reader:
            return int(reader.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_watch_kill_9_during_a_poll_then_restart_loses_nothing_and_stores_nothing_twice(
        web: Server, tmp_path: Path) -> None:  # noqa: F811
    links = web.articles(24)
    feeds = tmp_path / "feeds.txt"
    feed = web.feed("/feed.xml", links, etag='"v1"')
    feeds.write_text(f"# the tests' feed\n{feed}\n")
    db = tmp_path / "news.db"
    command = [*EVENTWIRE, "watch", str(feeds), "--db", str(db), "--once", "--allow-private", "--host-interval", "0.05"]
    env = {**os.environ, "EVENTWIRE_BATCH_SIZE": "2"}  # small batches: documents are stored one pair at a time
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while _count(db, "SELECT count(*) FROM documents") < 4 and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.poll() is None, "the poll ended before it could be killed"
        first.send_signal(signal.SIGKILL)
    finally:
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    stored_before = _count(db, "SELECT count(*) FROM documents")
    assert 4 <= stored_before < 24  # killed in the middle

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    with sqlite3.connect(db) as reader:
        ids = [row[0] for row in reader.execute("SELECT id FROM documents")]
        statuses = dict(reader.execute("SELECT status, count(*) FROM feed_items GROUP BY status").fetchall())
    assert sorted(ids) == sorted(document_id(link) for link in links)  # every article, each once
    assert statuses == {"stored": 24}
    assert all(web.hits[f"/news/{n}"] <= 2 for n in range(24))


def test_watch_cli_once_and_summary_show_feed_errors(web: Server, tmp_path: Path) -> None:  # noqa: F811
    feeds = tmp_path / "feeds.opml"
    good = web.feed("/feed.xml", web.articles(2) + [web.url("/missing")])
    feeds.write_text(f"<?xml version='1.0'?><opml version='2.0'><body><outline text='news'>"
                     f"<outline type='rss' xmlUrl='{good}'/><outline type='rss' xmlUrl='{web.url('/gone.xml')}'/>"
                     "</outline></body></opml>")
    db = tmp_path / "news.db"
    runner = CliRunner()
    result = runner.invoke(main, ["watch", str(feeds), "--db", str(db), "--once", "--allow-private",
                                  "--host-interval", "0"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert f"error: {web.url('/missing')}: feed {good}: HTTP 404" in lines
    assert f"error: {web.url('/gone.xml')}: feed {web.url('/gone.xml')}: HTTP 404" in lines
    assert any(line.startswith("poll 1: 2 feeds (0 unchanged, 1 with errors), 3 new articles, 2 stored, 1 failed")
               for line in lines)
    summary = runner.invoke(main, ["summary", "--db", str(db)])
    assert "feeds (eventwire watch)" in summary.output
    row = next(line.split() for line in summary.output.splitlines() if line.startswith(good))
    assert row[1:6] == ["3", "2", "0", "1", "1"]  # articles, stored, pending, failed, errors


def test_watch_cli_refuses_loopback_without_allow_private(web: Server, tmp_path: Path) -> None:  # noqa: F811
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(web.feed("/feed.xml", web.articles(1)) + "\n")
    result = CliRunner().invoke(main, ["watch", str(feeds), "--db", str(tmp_path / "x.db"), "--once"])
    assert result.exit_code == 1
    assert "is 127.0.0.1, a loopback address (refused; --allow-private allows it)" in result.stderr
    assert web.hits == {}
