"""POST bodies: one JSON document or a JSON Lines batch, checked whole before anything is processed."""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError
from ..ingest import from_record, json_problem
from ..records import Document


class BodyError(Exception):
    """A body that cannot be accepted: ``status`` 400 (not JSON) or 422 (JSON, but not documents)."""

    def __init__(self, status: int, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.problems = problems or []


def parse_documents(body: bytes, *, max_bytes: int) -> tuple[list[Document], list[str]]:
    """Read a request body as the contract's input: one JSON object, or one object per line.

    Args:
        body: the raw request body (UTF-8).
        max_bytes: largest text (or html) of one document, in characters.

    Returns:
        The documents, in order (origins ``request`` or ``request:LINE``), and warnings about what
        was left out of them: a ``url`` that is not http(s) (``ingest.web_url``) is none.

    Raises:
        BodyError: naming every bad line, so the caller can refuse the whole batch.
    """
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BodyError(400, f"body is not valid UTF-8 (byte at offset {exc.start})") from exc
    if not text.strip():
        raise BodyError(400, "empty body: send one JSON document or JSON Lines")
    records: list[tuple[str, Any]]
    try:
        records = [("request", json.loads(text))]
    except json.JSONDecodeError:
        records = _json_lines(text)
    problems: list[str] = []
    warnings: list[str] = []
    documents: list[Document] = []
    for origin, record in records:
        try:
            document = from_record(record, origin=origin)
        except InputError as exc:
            problems.append(f"{exc.origin}: {exc.reason}")
            continue
        if len(document.text) > max_bytes:
            problems.append(f"{origin}: document is over the limit of {max_bytes:,} characters")
            continue
        given = record.get("url")
        if given is not None and str(given).strip() and document.url != str(given):
            warnings.append(f"{origin}: url {str(given)[:80]!r} is not an http(s) URL; not stored")
        documents.append(document)
    if problems:
        raise BodyError(422, f"{len(problems)} of {len(records)} documents are not valid input; nothing was stored",
                        problems)
    return documents, warnings


def _json_lines(text: str) -> list[tuple[str, Any]]:
    records, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((f"request:{number}", json.loads(line)))
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: {json_problem(exc)}")
    if problems:
        raise BodyError(400, "body is neither a JSON document nor JSON Lines; nothing was stored", problems)
    return records
