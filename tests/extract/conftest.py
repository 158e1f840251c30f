"""Fixtures for the extraction tests: the event coder run on one sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from eventwire.extract import events as events_mod
from eventwire.extract import timex
from eventwire.extract.actors import get_resolver
from eventwire.records import Event

ANCHOR = "2023-11-07"


@pytest.fixture(scope="module")
def code(nlp) -> Callable[[str], list[Event]]:  # type: ignore[no-untyped-def]
    """Parse a text and return its events (document date ANCHOR, no places)."""
    resolver = get_resolver()

    def run(text: str) -> list[Event]:
        doc = nlp(text)
        actors = resolver.document(doc, ANCHOR)
        return events_mod.find_events(doc, actors, timex.find_timexes(doc, ANCHOR), [], anchor=ANCHOR)

    return run
