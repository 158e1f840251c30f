"""Checks that a record has the output contract's shape (shared/docs/CONTRACT.md)."""

from __future__ import annotations

from typing import Any

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUSES = {"asserted", "planned", "alleged", "denied", "negated", "hypothetical", "background"}
SECTORS = {"GOV", "MIL", "SPY", "REB", "OPP", "IGO", "NGO", "BUS", "MED", "CVL", "JUD", "LEG", "POL", "COP", None}


def check_span(text: str, span: dict[str, Any], where: str) -> None:
    assert text[span["start"]:span["end"]] == span["text"], f"{where}: offsets do not match {span!r}"


def check_contract(record: dict[str, Any]) -> None:
    """Assert the record follows the contract: keys, enumerations, and every offset into ``text``."""
    for key in ("id", "date", "title", "source", "url", "text", "entities", "timexes", "places", "quotes", "events"):
        assert key in record, f"missing {key}"
    # Added by eventwire (the contract allows new fields): how likely political or conflict news.
    assert isinstance(record["relevance"], float) and 0.0 <= record["relevance"] <= 1.0, record.get("relevance")
    text = record["text"]
    for e in record["entities"]:
        check_span(text, e, "entity")
        assert {"label", "canonical", "code", "country", "sector"} <= e.keys()
        assert e["sector"] in SECTORS
    for t in record["timexes"]:
        check_span(text, t, "timex")
        assert t["type"] in {"DATE", "TIME", "DURATION", "SET"}
    for p in record["places"]:
        check_span(text, p, "place")
        assert {"name", "geonameid", "lat", "lon", "country", "feature"} <= p.keys()
    for q in record["quotes"]:
        check_span(text, q["cue"], "quote cue")
        check_span(text, q["content"], "quote content")
        if q["speaker"]:
            check_span(text, q["speaker"], "quote speaker")
    for ev in record["events"]:
        assert ev["type"] in PLOVER, ev["type"]
        assert ev["status"] in STATUSES, ev["status"]
        assert 0.0 <= ev["confidence"] <= 1.0
        check_span(text, ev["trigger"], "event trigger")
        check_span(text, ev["sentence"], "event sentence")
        assert ev["sentence"]["start"] <= ev["trigger"]["start"] < ev["sentence"]["end"]
        for role in ("source", "target", "attributed_to"):
            actor = ev[role]
            if actor is not None:
                assert "text" in actor and "code" in actor and "country" in actor
                assert actor.get("sector") in SECTORS
        if ev["date"] is not None:
            assert ev["date"]["granularity"] in {"day", "week", "month", "year", None}
