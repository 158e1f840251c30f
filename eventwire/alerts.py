"""Alerts: rules that fire once per new matching event, and spikes of event counts over their baseline.

A rules file (YAML) is a list of rules, each a name, filters (the ``EventFilter`` fields: actor, source,
target, type, status, country, min_confidence, min_relevance, since, until, text) and an action: append
one JSON line per event to a file and/or POST it as JSON to a webhook (through the same safe fetcher as
feeds: http(s) only, no private addresses unless allowed)::

    - name: north-korea-threats
      filters: {actor: PRK, type: THREATEN, min_confidence: 0.5}
      action: {jsonl: alerts/prk.jsonl, webhook: https://hooks.example/eventwire}

Spikes: a (key, type) pair, the key an actor (code, else country) or an event location's country, whose
count on one day is far above its trailing 28-day baseline. Far means a Poisson tail: with ``lam`` the
mean daily count over the 28 days before (plus a half event, so a pair never seen before has a small
baseline rather than none), the probability of at least that day's count is below ``p`` (default 0.001),
and the day has at least ``min_count`` events.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .store.base import EventFilter
from .store.common import SQLStore
from .store import watch_state

#: Filters a rule may use: the EventFilter fields a user sets.
FILTERS = ("actor", "source", "target", "type", "status", "country", "since", "until", "text",
           "min_confidence", "min_relevance")
ACTIONS = ("jsonl", "webhook")


@dataclass(frozen=True)
class Rule:
    """One alert rule."""

    name: str
    where: EventFilter
    jsonl: Path | None = None
    """A file each firing appends one JSON line to."""
    webhook: str | None = None
    """A URL each firing POSTs the JSON to."""


def load_rules(path: str | Path) -> list[Rule]:
    """Read and check a rules file.

    Raises:
        ConfigError: not YAML, or a rule without a name, with an unknown filter or action, or with no action.
    """
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the rules: {' '.join(str(exc).split())}") from exc
    entries = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: expected a list of rules (name, filters, action)")
    rules: list[Rule] = []
    for number, entry in enumerate(entries, start=1):
        rules.append(_rule(entry, f"{path}: rule {number}"))
    names = [rule.name for rule in rules]
    if len(set(names)) != len(names):
        raise ConfigError(f"{path}: two rules share a name ({', '.join(sorted({n for n in names if names.count(n) > 1}))})")
    return rules


def _rule(entry: Any, where: str) -> Rule:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise ConfigError(f"{where}: needs a name")
    where = f"{where} ({entry['name']})"
    unknown = set(entry) - {"name", "filters", "action"}
    if unknown:
        raise ConfigError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: name, filters, action)")
    filters = entry.get("filters") or {}
    action = entry.get("action") or {}
    if not isinstance(filters, dict) or not isinstance(action, dict):
        raise ConfigError(f"{where}: filters and action are mappings")
    bad = set(filters) - set(FILTERS)
    if bad:
        raise ConfigError(f"{where}: unknown filter {sorted(bad)[0]!r} (known: {', '.join(FILTERS)})")
    if set(action) - set(ACTIONS) or not action:
        raise ConfigError(f"{where}: action needs jsonl (a file) and/or webhook (a URL), and nothing else")
    values: dict[str, Any] = {}
    for key, value in filters.items():
        if key.startswith("min_"):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 1:
                raise ConfigError(f"{where}: {key} must be a number from 0 to 1, not {value!r}")
            values[key] = float(value)
        else:
            values[key] = str(value)
    return Rule(name=entry["name"].strip(), where=EventFilter(**values),
                jsonl=Path(action["jsonl"]) if action.get("jsonl") else None,
                webhook=str(action["webhook"]) if action.get("webhook") else None)


def run_rules(rules: list[Rule], store: SQLStore, fetcher: Any, *,
              on_error: Callable[[str], None] = lambda line: None) -> int:
    """Fire every rule for each matching event it has not fired for yet; return how many firings.

    A firing is recorded before its action runs and forgotten if the action fails, so a failed webhook is
    tried again at the next run and a delivered one is never sent twice.
    """
    count = 0
    for rule in rules:
        done = watch_state.fired(store, rule.name)
        for event in list(store.iter_events(rule.where, sort="id")):
            if event["id"] in done or not watch_state.first_firing(store, rule.name, event["id"]):
                continue
            try:
                deliver(rule, {"rule": rule.name, "event": event}, fetcher)
            except Exception as exc:  # noqa: BLE001 - one failed action (a full disk, a dead webhook) must not stop the rest
                watch_state.unfire(store, rule.name, event["id"])
                on_error(f"alert {rule.name}: event {event['id']}: {' '.join(str(exc).split())}")
                continue
            count += 1
    return count


def deliver(rule: Rule, payload: dict[str, Any], fetcher: Any) -> None:
    """Run a rule's actions for one event."""
    if rule.jsonl is not None:
        rule.jsonl.parent.mkdir(parents=True, exist_ok=True)
        with rule.jsonl.open("a", encoding="utf-8") as out:
            out.write(json.dumps(payload, ensure_ascii=False, default=str) + "\n")
    if rule.webhook is not None:
        fetcher.post_json(rule.webhook, payload)


@dataclass(frozen=True)
class Spike:
    """A day on which a (key, type) pair had far more events than its baseline."""

    by: str
    """"actor" or "country"."""
    key: str
    type: str
    day: str
    count: int
    baseline: float
    """Mean events a day over the trailing window (without the half-event prior)."""
    p_value: float
    """P(at least ``count`` events | Poisson with the baseline rate)."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def spikes(store: SQLStore, *, day: str | None = None, by: tuple[str, ...] = ("actor", "country"), window: int = 28,
           p: float = 0.001, min_count: int = 3) -> list[Spike]:
    """Pairs whose count on ``day`` (default: the last day with events) is a spike; most surprising first."""
    if day is None:
        row = store._one("SELECT max(day) AS last FROM events")
        day = row["last"] if row else None
        if day is None:
            return []
    today = date.fromisoformat(day)
    start = (today - timedelta(days=window)).isoformat()
    found: list[Spike] = []
    for side in by:
        counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
        for row in watch_state.daily_counts(store, by=side, since=start):
            if row["day"] <= day:
                counts[(row["key"], row["type"])][row["day"]] = int(row["n"])
        for (key, kind), days in counts.items():
            now = days.get(day, 0)
            if now < min_count:
                continue
            before = sum(n for d, n in days.items() if d < day)
            tail = poisson_tail(now, (before + 0.5) / window)
            if tail < p:
                found.append(Spike(by=side, key=key, type=kind, day=day, count=now, baseline=round(before / window, 3),
                                   p_value=tail))
    return sorted(found, key=lambda s: (s.p_value, -s.count, s.by, s.key, s.type))


def poisson_tail(count: int, lam: float) -> float:
    """P(X >= count) for X ~ Poisson(lam), summed in log space (no overflow for large counts)."""
    if count <= 0:
        return 1.0
    below = sum(math.exp(k * math.log(lam) - lam - math.lgamma(k + 1)) for k in range(count))
    return max(0.0, 1.0 - below) if below < 0.999 else _upper_sum(count, lam)


def _upper_sum(count: int, lam: float) -> float:
    """The tail summed from ``count`` up (accurate when it is tiny), until the terms stop mattering."""
    total, k = 0.0, count
    while True:
        term = math.exp(k * math.log(lam) - lam - math.lgamma(k + 1))
        total += term
        if term < total * 1e-12 or k > count + 10_000:
            return total
        k += 1
