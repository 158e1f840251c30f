"""Render records for the terminal: JSON Lines, JSON, CSV and plain tables."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..periods import label
from ..views.exports import spreadsheet_row


def jsonl(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str], *, max_width: int = 60) -> str:
    """A plain text table; cells longer than ``max_width`` are cut with an ellipsis."""
    def cell(value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def csv_text(rows: Iterable[Sequence[Any]], headers: Sequence[str]) -> str:
    """CSV with a header row; cells that a spreadsheet would run as formulas are neutralised (``spreadsheet_row``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(spreadsheet_row(row) for row in rows)
    return buffer.getvalue()


EVENT_COLUMNS = ("date", "type", "mode", "status", "source", "target", "location", "confidence", "sentence")
#: Columns of a stored event: its id, and its document's relevance before the sentence.
STORED_EVENT_COLUMNS = ("id", *EVENT_COLUMNS[:-1], "relevance", EVENT_COLUMNS[-1])


def event_row(event: dict[str, Any]) -> list[Any]:
    """One row of EVENT_COLUMNS for a contract-shaped event dict; its date as people read it ("undated")."""
    def actor(a: dict[str, Any] | None) -> str | None:
        if not a:
            return None
        if a.get("members"):
            return "+".join(m.get("code") or m.get("text") for m in a["members"])
        return a.get("code") or a.get("country") or a.get("text")

    date = label((event.get("date") or {}).get("value"))
    location = (event.get("location") or {}).get("name")
    return [date, event["type"], event.get("mode"), event["status"], actor(event.get("source")),
            actor(event.get("target")), location, f"{event['confidence']:.2f}", event["sentence"]["text"]]


def stored_event_row(event: dict[str, Any]) -> list[Any]:
    """One row of STORED_EVENT_COLUMNS for an event as ``Store.events`` returns it."""
    row = event_row(event)
    return [event["id"], *row[:-1], score(event.get("doc_relevance")), row[-1]]


def score(value: float | None) -> str | None:
    """A score in [0, 1] as two decimals, or None (nothing shown) when there is none."""
    return None if value is None else f"{value:.2f}"
