"""What ``ingest`` says about dates: once, when documents carry none, and the share of events without a day."""

from __future__ import annotations

import click

from ..periods import sort_day
from ..records import Extraction
from .common import printable


class Dating:
    """Counts documents without a date and events without a day over an ingest run; tells the fix once."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.documents = self.undated_documents = self.events = self.dayless = 0

    def add(self, extraction: Extraction) -> None:
        """Count one stored document; the first without a date prints how to give one."""
        self.documents += 1
        self.events += len(extraction.events)
        # "A day" as the store's: one a timeline can draw (a day, week or month), see periods.sort_day.
        self.dayless += sum(1 for e in extraction.events if sort_day(e.date.value if e.date else None) is None)
        if extraction.date is None:
            self.undated_documents += 1
            if self.undated_documents == 1 and not self.quiet:
                click.echo(f"note: {printable(extraction.origin)} carries no publication date (nor may the others), so "
                           "its events get no day unless the text names one; give it with --date YYYY-MM-DD, or a "
                           "\"date\" field in JSON Lines", err=True)

    def report(self) -> None:
        """One line: how many documents had no date and what share of events has no day."""
        if not self.events and not self.undated_documents:
            return
        share = 100 * self.dayless / self.events if self.events else 0.0
        click.echo(f"dates: {self.undated_documents} of {self.documents} documents without a date; "
                   f"{self.dayless} of {self.events} events ({share:.0f}%) without a day", err=True)

