"""Where an event's evidence lies in its article: the spans the evidence view highlights."""

from __future__ import annotations

from typing import Any


def evidence_spans(event: dict[str, Any], document: dict[str, Any]) -> list[dict[str, Any]]:
    """The highlighted pieces of an event's evidence, as offsets into the document text.

    Args:
        event: a contract-shaped event (trigger, sentence, source, target, date, location).
        document: its document's contract-shaped extraction (text, timexes, places).

    Returns:
        ``{kind, start, end, text}`` dicts, kind one of sentence, trigger, source, target,
        attributed_to, date, place; sorted by start, longest first. The date and place are
        the sentence's time expression and place mention that resolve to the event's date
        and location, where there is one.
    """
    text = document.get("text") or ""
    sentence = event.get("sentence") or {}
    lo, hi = sentence.get("start", 0), sentence.get("end", len(text))
    spans: list[dict[str, Any]] = []

    def add(kind: str, start: int | None, end: int | None) -> None:
        if start is None or end is None or not 0 <= start < end <= len(text):
            return
        spans.append({"kind": kind, "start": start, "end": end, "text": text[start:end]})

    add("sentence", lo, hi)
    trigger = event.get("trigger") or {}
    add("trigger", trigger.get("start"), trigger.get("end"))
    for role in ("source", "target", "attributed_to"):
        for actor in _members(event.get(role)):
            add(role, actor.get("start"), actor.get("end"))
    date_value = (event.get("date") or {}).get("value")
    if date_value:
        for timex in document.get("timexes") or ():
            if lo <= timex["start"] < hi and timex.get("value") and (
                    timex["value"] == date_value or timex["value"].startswith(date_value)):
                add("date", timex["start"], timex["end"])
                break
    location = event.get("location") or {}
    if location:
        for place in document.get("places") or ():
            same = (location.get("geonameid") is not None and place.get("geonameid") == location.get("geonameid")) \
                or place.get("name") == location.get("name")
            if lo <= place["start"] < hi and same:
                add("place", place["start"], place["end"])
                break
    return sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"])))


def _members(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    """An actor's members (a compound actor) or the actor itself; an actor with its own span counts whole."""
    if not actor:
        return []
    if actor.get("start") is not None or not actor.get("members"):
        return [actor]
    return list(actor["members"])
