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
  the least confident quarter;
- how well the confidence is calibrated (``calibration``): the expected
  calibration error of the map fitted on the other folds, on each held-out
  fold, and of the shipped map on all records, with a reliability table;
- with ``folds``, the type and triple figures on each of that many fixed
  folds of the records (``fold_of``), with their mean, spread and range.

``fit_calibration`` fits the confidence map (``extract/event_calibration.py``)
on the raw scores of all records and writes it: a refit is one command,
``eventwire eval plover --fit-calibration``.

The gold uses an older PLOVER: DEMAND is REQUEST, DISAPPROVE and INVESTIGATE
are ACCUSE, FIGHT is ASSAULT.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ..extract import event_calibration
from ..extract.event_calibration import CALIBRATION_FILE, Calibration, calibrate
from ..records import Actor, Event
from . import Report, extract_events, require

GOLD = "eval/events/PLOVER_GSR_CAMEO.clean.json"
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_COUNTRIES = Path(__file__).resolve().parent.parent / "data" / "events" / "cameo_countries.yaml"

FOLDS = 5
BINS = 10
FOLD_FIGURES = ("type_micro_precision", "type_micro_recall", "type_micro_f1", "triple_f1")

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


def run(
    shared: Path,
    *,
    model: str = "md",
    limit: int | None = None,
    folds: int | None = None,
    fit_calibration: bool = False,
    calibration_file: Path = CALIBRATION_FILE,
) -> Report:
    """Score event coding on the PLOVER gold records.

    The pipeline runs once, with raw confidence; the calibration map is then
    applied exactly as ``find_events`` applies it, so the figures are those of
    what a user gets.

    Args:
        shared: the shared data folder.
        model: the spaCy pipeline to parse with.
        limit: score only the first ``limit`` records.
        folds: also score each of this many folds of the records (see ``fold_of``).
        fit_calibration: fit the confidence map on all scored records and write it
            to ``calibration_file`` before scoring with it.
        calibration_file: the map to score with (and to write).

    Returns:
        The report: type P/R/F1 (micro and per type), type accuracy, triple
        P/R/F1, top- vs bottom-quarter precision by confidence, calibration
        error and reliability, and with ``folds`` the per-fold figures.
    """
    gold = load_gold(require(shared / GOLD, "PLOVER gold records"))
    if limit is not None:
        gold = gold[:limit]
    texts = [g["text"] for g in gold]
    dates = [g.get("date") for g in gold]
    started = time.perf_counter()
    # A text the pipeline refuses (e.g. as not English) has no events: it counts as missed.
    raw = [o if isinstance(o, list) else [] for o in extract_events(texts, dates, model=model, calibrate=False)]
    seconds = time.perf_counter() - started
    if fit_calibration:
        pairs = outcomes(gold, raw)
        blocks = event_calibration.fit([c for c, _ in pairs], [r for _, r in pairs])
        header = FIT_HEADER.format(
            events=len(pairs), sentences=len(gold), model=model, gold=GOLD, min_events=event_calibration.MIN_EVENTS
        )
        cal = event_calibration.write(blocks, calibration_file, header=header)
    else:
        cal = event_calibration.load(calibration_file)
    predictions = [calibrate(events, cal) for events in raw]
    report = score(gold, predictions)
    report.figures["ms_per_sentence"] = 1000 * seconds / max(1, len(gold))
    fold_ids = fold_of(gold, folds or FOLDS)
    report.lines += calibration(report, gold, raw, predictions, fold_ids, folds or FOLDS)
    if folds:
        report.lines += fold_figures(report, gold, predictions, fold_ids, folds)
    return report


FIT_HEADER = """Calibrated event confidence: the raw score of extract/event_selection.py's confidence()
mapped to the probability that the event is right, i.e. that its type is the gold type and it
is the most confident event of that type in its sentence (as evaluate/plover.py's score counts it).
Fitted by isotonic regression (pool-adjacent-violators, extract/event_calibration.py's fit,
each level set by at least {min_events} events) on the {events} events found with calibration off
in the {sentences} PLOVER development sentences, each of which holds one event
(<shared>/{gold}, model {model}), with:
    eventwire eval plover --fit-calibration
Refit with that command whenever the event coder's raw scores change.
Between points the map is a straight line; below the first and above the last it is flat.
"""


def fold_of(gold: list[dict[str, Any]], k: int = FOLDS) -> list[int]:
    """The fold (0 to k-1) of each gold record: fixed, and stratified by gold event type.

    The records have no document ids (all are CAMEO manual examples), so they
    are split one by one: sorted by type, then id, and dealt round-robin, the
    count running on from one type to the next so that folds differ in size
    by one at most and each type is spread as evenly as it can be.
    """
    order = sorted(range(len(gold)), key=lambda i: (gold[i]["event"], str(gold[i].get("id") or gold[i]["text"])))
    out = [0] * len(gold)
    for n, i in enumerate(order):
        out[i] = n % k
    return out


def judge(gtype: str, events: list[Event]) -> list[tuple[Event, bool]]:
    """Each event with whether it is right, most confident first.

    An event is right when its type is the gold type and no more confident
    event of that type came before it (the gold has one event per sentence).
    """
    matched = False
    out = []
    for ev in sorted(events, key=lambda e: -e.confidence):
        right = ev.type == gtype and not matched
        matched = matched or right
        out.append((ev, right))
    return out


def outcomes(gold: list[dict[str, Any]], predictions: list[list[Event]]) -> list[tuple[float, bool]]:
    """(confidence, right) of every predicted event, sentence by sentence (see ``judge``)."""
    return [(ev.confidence, right) for rec, evs in zip(gold, predictions) for ev, right in judge(rec["event"], evs)]


def reliability(pairs: list[tuple[float, bool]], bins: int = BINS) -> list[tuple[int, float, float]]:
    """Per equal-width confidence bin: (events, mean confidence, precision); empty bins give (0, 0, 0)."""
    sums = [[0.0, 0.0, 0.0] for _ in range(bins)]  # events, sum of confidence, right
    for conf, right in pairs:
        b = sums[min(int(conf * bins), bins - 1)]
        b[0] += 1
        b[1] += conf
        b[2] += right
    return [(int(n), c / n, r / n) if n else (0, 0.0, 0.0) for n, c, r in sums]


def ece(pairs: list[tuple[float, bool]], bins: int = BINS) -> float:
    """Expected calibration error: |mean confidence - precision| per equal-width bin, weighted by its events."""
    total = len(pairs)
    return sum(n / total * abs(c - p) for n, c, p in reliability(pairs, bins)) if total else 0.0


def cross_validated(
    gold: list[dict[str, Any]], raw: list[list[Event]], fold_ids: list[int], k: int
) -> list[list[tuple[float, bool]]]:
    """Per fold, its events' (confidence, right) under the map fitted on the other folds' raw scores."""
    judged = [[(ev.confidence, right) for ev, right in judge(rec["event"], evs)] for rec, evs in zip(gold, raw)]
    out: list[list[tuple[float, bool]]] = []
    for fold in range(k):
        train = [p for f, sent in zip(fold_ids, judged) if f != fold for p in sent]
        cal = event_calibration.from_blocks(event_calibration.fit([c for c, _ in train], [r for _, r in train]))
        # the same rounding as calibrate()
        out.append([(round(cal(c), 3), r) for f, sent in zip(fold_ids, judged) if f == fold for c, r in sent])
    return out


def calibration(
    report: Report,
    gold: list[dict[str, Any]],
    raw: list[list[Event]],
    predictions: list[list[Event]],
    fold_ids: list[int],
    k: int,
) -> list[str]:
    """Add the calibration figures to ``report``; return the reliability table's lines.

    Args:
        report: the report to add to.
        gold: the gold records.
        raw: each record's events with raw confidence.
        predictions: the same events with the shipped map's confidence.
        fold_ids: each record's fold (``fold_of``).
        k: the number of folds.
    """
    held_out = cross_validated(gold, raw, fold_ids, k)
    pooled = [p for fold in held_out for p in fold]
    shipped = outcomes(gold, predictions)
    report.figures["confidence_ece_cross_validated"] = ece(pooled)
    report.figures["confidence_ece_in_sample"] = ece(shipped)
    lines = [
        "",
        f"confidence reliability: cross-validated (the map fitted on {k - 1} of {k} folds, on the held-out fold,",
        "pooled) and in-sample (the shipped map on all records)",
        f"{'':<9} {'cross-validated':>18}   {'in-sample':>18}",
        f"{'bin':<9} {'n':>4} {'conf':>6} {'prec':>6}   {'n':>4} {'conf':>6} {'prec':>6}",
    ]
    for b, (cv, ins) in enumerate(zip(reliability(pooled), reliability(shipped))):
        cells = "   ".join(f"{n:4d} {conf:6.3f} {prec:6.3f}" for n, conf, prec in (cv, ins))
        lines.append(f"{b / BINS:.1f}-{(b + 1) / BINS:.1f}   {cells}")
    lines.append(f"{'ECE':<9} {ece(pooled):>18.4f}   {ece(shipped):>18.4f}")
    return lines


def fold_figures(
    report: Report, gold: list[dict[str, Any]], predictions: list[list[Event]], fold_ids: list[int], k: int
) -> list[str]:
    """Add the spread of the folds' figures (mean, sample standard deviation, min, max) to ``report``.

    Returns:
        The per-fold table's lines.
    """
    per_fold = []
    for fold in range(k):
        idx = [i for i, f in enumerate(fold_ids) if f == fold]
        figures = score([gold[i] for i in idx], [predictions[i] for i in idx]).figures
        per_fold.append((len(idx), int(figures["predicted_events"]), [figures[m] for m in FOLD_FIGURES]))
    report.figures["folds"] = float(k)
    columns = list(zip(*(values for _, _, values in per_fold)))
    spread = {
        "mean": [statistics.fmean(c) for c in columns],
        "std": [statistics.stdev(c) if len(c) > 1 else 0.0 for c in columns],
        "min": [min(c) for c in columns],
        "max": [max(c) for c in columns],
    }
    for stat, values in spread.items():
        for name, value in zip(FOLD_FIGURES, values):
            report.figures[f"{name}_fold_{stat}"] = value
    lines = ["", f"{k} folds (stratified by gold type; std is the sample standard deviation)",
             f"{'fold':<5} {'sent':>5} {'pred':>5} {'type P':>7} {'type R':>7} {'type F1':>7} {'tripleF1':>8}"]

    def cells(values: list[float]) -> str:
        return " ".join(f"{v:7.3f}" for v in values[:3]) + f" {values[3]:8.3f}"

    for fold, (n, pred, values) in enumerate(per_fold):
        lines.append(f"{fold + 1:<5} {n:5d} {pred:5d} {cells(values)}")
    for stat, values in spread.items():
        lines.append(f"{stat:<17} {cells(values)}")
    return lines


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
        for ev, right in judge(gtype, events):
            pred_by[ev.type] += 1
            tp_by[gtype] += right
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
