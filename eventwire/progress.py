"""Progress for long runs: a bar on a terminal, periodic plain lines elsewhere, nothing with --quiet."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm


class Progress:
    """Counts documents done, events found and failures; shows them as the run goes."""

    def __init__(self, total: int | None, *, quiet: bool = False, stream: TextIO | None = None,
                 every: float = 10.0, label: str = "documents") -> None:
        self.stream = stream or sys.stderr
        self.total, self.label, self.every = total, label, every
        self.done = self.events = self.failures = self.skipped = 0
        self.started = self._last = time.monotonic()
        self.quiet = quiet
        self.bar = None
        if not quiet and self.stream.isatty():
            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True, desc=label)

    def update(self, *, events: int = 0, failed: bool = False, skipped: bool = False) -> None:
        self.done += 1
        self.events += events
        self.failures += failed
        self.skipped += skipped
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(events=self.events, failures=self.failures, skipped=self.skipped, refresh=False)
        elif not self.quiet and time.monotonic() - self._last >= self.every:
            self._last = time.monotonic()
            print(self.line(), file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        of = f"/{self.total}" if self.total else ""
        return (f"{self.done}{of} {self.label}, {self.done / elapsed:.1f} docs/s, {self.events} events, "
                f"{self.failures} failures, {self.skipped} already stored")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        if not self.quiet:
            print(f"done: {self.line()}", file=self.stream, flush=True)
