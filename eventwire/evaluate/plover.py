"""Score event coding on the PLOVER gold standard records.

Each gold record is one sentence with one event (type, source and target
actors with CAMEO-style codes). The real pipeline pieces run over its text
(parse, actors, dates, places, events, anchored at the record's date) and we
report:

- event type precision, recall and F1 per type and micro-averaged; a
  predicted event is correct when its type equals the gold type, matched one
  to one, so extra events in a sentence count against precision;
- type accuracy: the share of sentences whose most confident event has the
  gold type;
- source-type-target triple precision, recall and F1 at country level
  (symmetric types match either way round; compound actors give one triple
  per coded member);
- the precision of the most confident quarter of predicted events against
  the least confident quarter.

The gold uses an older PLOVER: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE
are ACCUSE, FIGHT is ASSAULT.
"""

from __future__ import annotations

import json
import time
from collections import Counter

from pathlib import Path
from typing import Any

import yaml

from ..records import Actor, Event
from . import Report, extract_events, require

GOLD = "eval/events/PLOVER_GSR_CAMEO.clean.json"
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_COUNTRIES = Path(__file__).resolve().parent.parent / "data" / "events" / "cameo_countries.yaml"

Triple = tuple[str | None, str, str | None]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read the gold records, skipping the DOCUMENT record and mapping old types."""
    with open(path, encoding="utf-8") as fh:
        records = json.load(fh)
    out = []
    for rec in records:
        if rec.get("event") == "DOCUMENT" or not rec.get("text"):
            continue
        rec = dict(rec)
        rec["event"] = OLD_TYPES.get(rec["event"], rec["event"])
        out.append(rec)
    return out


def gold_country(code: str | None, table: dict[str, str]) -> str | None:
    """Country part of a gold actor code ("JAP" -> "JPN", "IGO..." -> "IGO")."""
    if not code:
        return None
    head = code[:3].upper()
    return table.get(head, head)


def actor_countries(actor: Actor | None) -> list[str | None]:
    """Country-level keys of a predicted actor, one per coded member of a compound.

    An uncoded member of a compound ("Fabius and a group of deputies") says
    nothing about a country, so it adds no triple of its own; an actor with no
    coded member at all counts as missing.
    """
    if actor is None:
        return [None]
    members = actor.members or (actor,)
    out: list[str | None] = []
    for m in members:
        if m.country:
            out.append(m.country)
        elif m.code:
            out.append(m.code[:3].upper())
    return out or [None]


def triples(type_: str, sources: list[str | None], targets: list[str | None], symmetric: frozenset[str]) -> set[Triple]:
    """(source, type, target) triples, one per pair of members.

    For a symmetric type (CONSULT, COOPERATE, AGREE) the parties are what
    counts: "X and Y agreed" (a compound source, no target) is the pair X-Y,
    the same as "X agreed with Y"; pairs are kept in sorted order so that
    either way round matches.
    """
    if type_ in symmetric:
        if targets == [None] and len({s for s in sources if s}) >= 2:
            members = sorted({s for s in sources if s})
            return {(a, type_, b) for i, a in enumerate(members) for b in members[i + 1 :]}
        out: set[Triple] = set()
        for s in sources:
            for t in targets:
                a, b = (s, t) if s is None or t is None else tuple(sorted((s, t)))
                out.add((a, type_, b) if a is not None or b is None else (b, type_, a))
        return out
    return {(s, type_, t) for s in sources for t in targets}


def gold_triples(rec: dict[str, Any], table: dict[str, str], symmetric: frozenset[str] = frozenset()) -> set[Triple]:
    """The gold record's triples at country level (see ``triples``)."""
    def side(value: Any) -> list[str | None]:
        if not isinstance(value, list) or not value:
            return [None]
        return [gold_country(a.get("code"), table) for a in value]

    return triples(rec["event"], side(rec.get("source")), side(rec.get("target")), symmetric)


def event_triples(event: Event, symmetric: frozenset[str] = frozenset()) -> set[Triple]:
    """The predicted event's triples at country level (see ``triples``)."""
    return triples(event.type, actor_countries(event.source), actor_countries(event.target), symmetric)


def triple_matches(pred: Triple, gold: set[Triple], symmetric: frozenset[str]) -> bool:
    """True when a predicted triple is in the gold (either way round for symmetric types)."""
    if pred in gold:
        return True
    s, typ, t = pred
    return typ in symmetric and (t, typ, s) in gold


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run(shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Score event coding on the PLOVER gold records.

    Args:
        shared: the shared data folder.
        model: the spaCy pipeline to parse with.
        limit: score only the first ``limit`` records.

    Returns:
        The report: type P/R/F1 (micro and per type), type accuracy, triple
        P/R/F1, and top- vs bottom-quarter precision by confidence.
    """
    gold = load_gold(require(shared / GOLD, "PLOVER gold records"))
    if limit is not None:
        gold = gold[:limit]
    texts = [g["text"] for g in gold]
    dates = [g.get("date") for g in gold]
    started = time.perf_counter()
    # A text the pipeline refuses (e.g. as not English) has no events: it counts as missed.
    predictions = [o if isinstance(o, list) else [] for o in extract_events(texts, dates, model=model)]
    seconds = time.perf_counter() - started
    report = score(gold, predictions)
    report.figures["ms_per_sentence"] = 1000 * seconds / max(1, len(gold))
    return report


def score(gold: list[dict[str, Any]], predictions: list[list[Event]]) -> Report:
    """Compare predicted events with the gold records, sentence by sentence.

    Args:
        gold: gold records from ``load_gold``.
        predictions: the events predicted for each record's text, in order.

    Returns:
        The report (see ``run``).
    """
    from ..extract.lexicon import load

    with open(CAMEO_COUNTRIES, encoding="utf-8") as fh:
        table = {str(k): str(v) for k, v in yaml.safe_load(fh).items()}
    symmetric = load().symmetric_types

    tp_by: Counter[str] = Counter()
    pred_by: Counter[str] = Counter()
    gold_by: Counter[str] = Counter()
    top_right = 0
    scored: list[tuple[float, bool]] = []
    t_tp_pred = t_tp_gold = t_pred = t_gold = 0
    for rec, events in zip(gold, predictions):
        gtype = rec["event"]
        gold_by[gtype] += 1
        matched = False
        for ev in sorted(events, key=lambda e: -e.confidence):
            pred_by[ev.type] += 1
            right = ev.type == gtype and not matched
            if right:
                matched = True
                tp_by[gtype] += 1
            scored.append((ev.confidence, right))
        if events and max(events, key=lambda e: e.confidence).type == gtype:
            top_right += 1
        gtriples = gold_triples(rec, table, symmetric)
        ptriples: set[Triple] = set()
        for ev in events:
            ptriples |= event_triples(ev, symmetric)
        t_pred += len(ptriples)
        t_gold += len(gtriples)
        t_tp_pred += sum(triple_matches(p, gtriples, symmetric) for p in ptriples)
        t_tp_gold += sum(
            any(triple_matches(p, {g}, symmetric) for p in ptriples) for g in gtriples
        )

    tp = sum(tp_by.values())
    n_pred = sum(pred_by.values())
    p, r, f = prf(tp, n_pred, len(gold))
    tp_ = t_tp_pred / t_pred if t_pred else 0.0
    tr_ = t_tp_gold / t_gold if t_gold else 0.0
    tf_ = 2 * tp_ * tr_ / (tp_ + tr_) if tp_ + tr_ else 0.0
    scored.sort(key=lambda x: -x[0])
    q = max(1, len(scored) // 4)
    top = scored[:q]
    bottom = scored[-q:]
    figures = {
        "sentences": float(len(gold)),
        "predicted_events": float(n_pred),
        "type_micro_precision": p,
        "type_micro_recall": r,
        "type_micro_f1": f,
        "type_accuracy": top_right / len(gold) if gold else 0.0,
        "triple_precision": tp_,
        "triple_recall": tr_,
        "triple_f1": tf_,
        "confidence_top_quarter_precision": sum(x[1] for x in top) / len(top) if scored else 0.0,
        "confidence_bottom_quarter_precision": sum(x[1] for x in bottom) / len(bottom) if scored else 0.0,
    }
    lines = [f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'pred':>5} {'gold':>5}"]
    for typ in sorted(set(gold_by) | set(pred_by)):
        tp_t, pp, rr = tp_by[typ], pred_by[typ], gold_by[typ]
        a, b, c = prf(tp_t, pp, rr)
        lines.append(f"{typ:<12} {a:6.3f} {b:6.3f} {c:6.3f} {pp:5d} {rr:5d}")
    return Report("plover", figures, lines)
