"""Poll a local feed of N articles twice with ``eventwire watch --once``: wall time and peak memory of each poll.

    python benchmarks/watch_poll.py --items 50

A server on 127.0.0.1 (the tests' own, ``tests/feeds/server.py``) serves an RSS feed of N made-up
articles; each poll runs as its own process under ``/usr/bin/time -v``, so the figures include
starting Python and loading the spaCy pipeline. The first poll must store N documents, the second
none (a conditional GET answered 304). Only loopback traffic, and both polls are bounded.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.feeds.server import Server  # noqa: E402


def timed(command: list[str]) -> tuple[float, int, str]:
    """Run under /usr/bin/time -v: (wall seconds, peak RSS in MB, stderr without time's report)."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {done.stderr[-2000:]}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert wall and rss, done.stderr
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    return seconds, int(rss.group(1)) // 1024, done.stderr.split("\tCommand being timed")[0].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50)
    args = parser.parse_args()
    server = Server()
    server.thread.start()
    try:
        feed = server.feed("/feed.xml", server.articles(args.items), etag='"bench"')
        with tempfile.TemporaryDirectory() as tmp:
            feeds, db = Path(tmp) / "feeds.txt", Path(tmp) / "news.db"
            feeds.write_text(feed + "\n")
            command = [sys.executable, "-c", "from eventwire.cli import main; main()", "watch", str(feeds),
                       "--db", str(db), "--once", "--allow-private", "--host-interval", "0"]
            for number in (1, 2):
                seconds, rss, log = timed(command)
                with sqlite3.connect(db) as reader:
                    stored = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
                print(f"poll {number}: {seconds:.1f} s wall, {rss} MB peak RSS, {stored} documents in the store"
                      f" | {log.splitlines()[-1] if log else ''}")
    finally:
        server.shutdown()
        server.server_close()
    print(f"article requests: {sum(n for path, n in server.hits.items() if path.startswith('/news/'))}"
          f" (of {args.items} articles); feed requests: {server.hits.get('/feed.xml', 0)}")


if __name__ == "__main__":
    main()
