"""Events as CSV rows and JSON Lines, streamed page by page so any size of export is flat in memory.

CSV cells are made safe for spreadsheets here, for the API's export and the CLI's alike (``spreadsheet_row``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..periods import label
from ..store import EventFilter, open_store

#: ``date`` is the event's date as people read it ("March 2005", "undated"), ``date_start``/``date_end`` the ISO
#: days of its period (empty when undated: parse them with pandas), ``date_value`` the TIMEX3 value.
CSV_COLUMNS = ("id", "doc_id", "date", "date_start", "date_end", "date_value", "type", "mode", "cameo", "status",
               "goldstein", "quad", "confidence", "source", "source_code", "target", "target_code", "attributed_to",
               "location", "country", "lat", "lon", "trigger", "sentence", "doc_title", "doc_source", "doc_date",
               "doc_url", "doc_relevance")
#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Text that is only a number ("-9.0", "+3", "1e-3"): a spreadsheet reads it as that number, never as a formula.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def iter_events(store_path: str | Path, where: EventFilter, *, sort: str) -> Iterator[dict[str, Any]]:
    """Every event matching ``where``, through a connection of its own that lives as long as the export."""
    with open_store(store_path) as store:
        yield from store.iter_events(where, sort=sort)


def csv_row(event: dict[str, Any]) -> list[Any]:
    """One CSV_COLUMNS row for an event as ``Store.events`` returns it."""
    location = event.get("location") or {}
    value = (event.get("date") or {}).get("value")
    return [event["id"], event["doc_id"], label(value), event.get("date_start"), event.get("date_end"), value,
            event["type"], event.get("mode"), event.get("cameo"),
            event["status"], event.get("goldstein"), event.get("quad"), event.get("confidence"),
            _actor_text(event.get("source")), _actor_code(event.get("source")),
            _actor_text(event.get("target")), _actor_code(event.get("target")),
            _actor_text(event.get("attributed_to")), location.get("name"), location.get("country"),
            location.get("lat"), location.get("lon"), (event.get("trigger") or {}).get("text"),
            (event.get("sentence") or {}).get("text"), event.get("doc_title"), event.get("doc_source"),
            event.get("doc_date"), event.get("doc_url"), event.get("doc_relevance")]


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as written, never runs.

    Args:
        value: the cell: text, a number or None.

    Returns:
        Text starting with ``= + - @``, a tab or a carriage return (after any spaces or line
        breaks) with an apostrophe put before it, as OWASP advises; numbers, and text that is
        only a number (a Goldstein of ``-9.0``), unchanged, so they stay numbers.
    """
    if isinstance(value, str) and value.lstrip(" \n").startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_row(row: Iterable[Any]) -> list[Any]:
    """A CSV row with every cell made safe by ``spreadsheet_cell``: what every CSV eventwire writes goes through."""
    return [spreadsheet_cell(value) for value in row]


def csv_stream(events: Iterator[dict[str, Any]]) -> Iterator[str]:
    """CSV text: a header line, then one line per event (cells made safe for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for n, event in enumerate(events, start=1):
        writer.writerow(spreadsheet_row(csv_row(event)))
        if n % 500 == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def jsonl_stream(events: Iterator[dict[str, Any]]) -> Iterator[str]:
    """One JSON object per line per event."""
    for event in events:
        yield json.dumps(event, ensure_ascii=False) + "\n"


def _drain(buffer: io.StringIO) -> str:
    value = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return value


def _actor_text(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    if actor.get("members"):
        return " + ".join(m.get("text") or "" for m in actor["members"])
    return actor.get("text")


def _actor_code(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    if actor.get("members"):
        return "+".join(m.get("code") or m.get("country") or "?" for m in actor["members"])
    return actor.get("code") or actor.get("country")
