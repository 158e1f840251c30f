"""Small helpers the event tests share."""

from __future__ import annotations

from eventwire.records import Actor, Event


def countries(actor: Actor | None) -> set[str]:
    """Country (or IGO) keys of an actor and its members."""
    if actor is None:
        return set()
    return {a.country or (a.code or "")[:3] for a in actor.members or (actor,)} - {""}


def only(events: list[Event], type_: str) -> Event:
    """The one event of ``type_`` among ``events`` (fails if there is not exactly one)."""
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def assert_coded(events: list[Event], type_: str | None) -> list[str]:
    """Assert that ``events`` hold one of ``type_``, or none at all when ``type_`` is None; return their types."""
    types = [e.type for e in events]
    if type_ is None:
        assert types == []
    else:
        assert type_ in types, types
    return types
