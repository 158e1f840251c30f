"""Score event coding on PETRARCH2's own unit-test sentences.

The unit tests (``eval/events/petrarch2_unittest``) are short, mostly stylised sentences about
fictional states (Arnor, Gondor, ...) with the events PETRARCH2 must code from its validation
dictionaries. Here the Validate ``.actors`` and ``.agents`` files are converted with
``eventwire.dictionaries.tabari`` into a user actor file and the Validate ``.verbs`` file with
``eventwire.dictionaries.tabari_verbs`` into a user trigger file (the setting ``verbs_file``:
eventwire's own lexicon wins where both have an entry), as PETRARCH2's own tests run with all
three; each sentence's plain text is parsed with spaCy (the Treebank parse is ignored) and run
through actors, dates, places and events, anchored at the record's date. The report also gives
the dyad and type figures of eventwire's own lexicon alone (``without_verbs_*``), so that the
change of conditions stays visible. Records marked ``error`` (discard lists, bad input parses) test
PETRARCH's input handling and are left out; records marked ``noevents`` are kept, so that any
event predicted there counts against precision.

Figures, matched one to one within each sentence:

- dyad P/R/F1: (source, target) pairs at actor level, whatever the event type;
- CAMEO root P/R/F1: the 2-digit root code;
- PLOVER type P/R/F1: the gold code mapped with ``CAMEO2PLOVER-2021.txt``;
- triple P/R/F1: (source, PLOVER type, target) at actor level (symmetric types either way).

Actor level is the code's first three letters (``ARNGOV`` -> ``ARN``; ``IGO``/``NGO``/``IMG``
codes keep six: ``IGOAFR``); a null (``---GOV``) or new-actor (quoted) code is "no actor".
Caveat, from the validation verbs file's own header: its codes are mostly WEIS codes from a
KEDS dictionary, tweaked to exercise the coder ("restore diplomatic ties" is 064, WEIS "grant
diplomatic recognition"; CAMEO 064 is "share intelligence"). Read as CAMEO they say little
about the meaning, so the root, type and triple figures are a weak measure here and the dyad
figures are the telling ones. Codes with a root above 20 (``345``, ``9xx``) are not CAMEO at
all: sentences with one are left out of the root, type and triple figures (counted in
``sentences_non_cameo``) but kept in the dyad figures.
"""

from __future__ import annotations

import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..dictionaries import cameo
from ..dictionaries.cameo import cameo_root
from ..records import Actor, Event
from . import Report, extract_events, require
from .plover import prf, triple_matches, triples

UNITTEST = "eval/events/petrarch2_unittest"
RECORDS = f"{UNITTEST}/PETR.UnitTest.records.xml"
ACTORS = f"{UNITTEST}/PETR.Validate.actors.txt"
AGENTS = f"{UNITTEST}/PETR.Validate.agents.txt"
VERBS = f"{UNITTEST}/PETR.Validate.verbs.txt"
CAMEO2PLOVER = cameo.TABLE

#: Code prefixes whose actor is the body itself, not a country: compare six letters.
_BODIES = ("IGO", "NGO", "IMG")

Triple = tuple[str | None, str, str | None]
Dyad = tuple[str | None, str | None]


@dataclass(frozen=True)
class GoldEvent:
    """One expected event of a unit-test record."""

    source: str
    target: str
    code: str


@dataclass(frozen=True)
class UnitTest:
    """One unit-test record."""

    id: str
    category: str
    date: str | None
    """ISO date."""
    text: str
    events: tuple[GoldEvent, ...] = ()
    """Empty when the record expects no event."""


@dataclass
class Tally:
    """Matched, predicted and gold counts of one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        """Add one sentence's counts."""
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall and F1."""
        return prf(self.tp, self.pred, self.gold)


@dataclass
class Scores:
    """The tallies of every measure, overall or for one category."""

    sentences: int = 0
    dyad: Tally = field(default_factory=Tally)
    root: Tally = field(default_factory=Tally)
    type: Tally = field(default_factory=Tally)
    triple: Tally = field(default_factory=Tally)


def _iso(day: str | None) -> str | None:
    day = (day or "").strip()
    return f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 and day.isdigit() else None


def load_records(path: Path) -> list[UnitTest]:
    """Read the unit-test records, leaving out the ``error`` ones (see the module docstring).

    Args:
        path: ``PETR.UnitTest.records.xml``.

    Returns:
        The records in file order; a record with no event coding at all counts as expecting none.
    """
    out = []
    for sent in ET.parse(path).getroot().iter("Sentence"):
        codings = sent.findall("EventCoding")
        if any("error" in c.attrib for c in codings):
            continue
        events = tuple(
            GoldEvent(c.get("sourcecode", "").strip(), c.get("targetcode", "").strip(), c.get("eventcode", "").strip())
            for c in codings
            if "eventcode" in c.attrib
        )
        text = " ".join((sent.findtext("Text") or "").split())
        if text:
            out.append(UnitTest(sent.get("id", "?"), sent.get("category", "").upper(), _iso(sent.get("date")), text, events))
    return out


def load_cameo2plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER type from the ``CAMEO2PLOVER`` table (root lines included)."""
    return {code: type_ for code, (type_, _) in cameo.read_table(path).items()}


def plover_type(code: str | None, table: dict[str, str]) -> str | None:
    """The PLOVER type of a CAMEO code: its most specific prefix in the table (``174K`` -> ``174``)."""
    return cameo.lookup(code, table)


def actor_key(code: str | None) -> str | None:
    """The actor part of a code: ``ARNGOV`` -> ``ARN``, ``IGOAFR`` -> ``IGOAFR``; None for no actor."""
    code = (code or "").strip().upper()
    if not code or not code[0].isalpha():
        return None  # "---GOV" (null actor), "###", '"NEW ACTOR"'
    return code[:6] if code.startswith(_BODIES) else code[:3]


def predicted_keys(actor: Actor | None) -> list[str | None]:
    """Actor-level keys of a predicted actor, one per member of a compound."""
    if actor is None:
        return [None]
    members = actor.members or (actor,)
    return [actor_key(m.code) or actor_key(m.country) for m in members]


def _matched(pred: list[object], gold: list[object]) -> int:
    """How many predicted items match a gold item, one to one."""
    left = Counter(gold)
    tp = 0
    for item in pred:
        if left[item] > 0:
            left[item] -= 1
            tp += 1
    return tp


def _dyads(sources: list[str | None], targets: list[str | None]) -> set[Dyad]:
    return {(s, t) for s in sources for t in targets}


def event_dyads(event: Event, symmetric: frozenset[str]) -> set[Dyad]:
    """The predicted event's (source, target) pairs at actor level.

    "X and Y met" (a symmetric type, a compound source, no target) and "X and Y renewed their
    ties" (an event marked reciprocal) are each party towards the other, the way PETRARCH
    codes them (X->Y and Y->X).
    """
    sources, targets = predicted_keys(event.source), predicted_keys(event.target)
    parties = sorted({s for s in sources if s})
    if (event.type in symmetric or event.reciprocal) and targets == [None] and len(parties) >= 2:
        return {(a, b) for a in parties for b in parties if a != b}
    return _dyads(sources, targets)


def score_sentence(rec: UnitTest, events: list[Event], table: dict[str, str], symmetric: frozenset[str], into: Scores) -> None:
    """Add one sentence's counts to ``into`` (see the module docstring for the measures).

    Args:
        rec: the unit-test record.
        events: the events predicted for its text.
        table: CAMEO -> PLOVER.
        symmetric: the PLOVER types whose parties may come either way round.
        into: the tallies to add to.
    """
    into.sentences += 1
    gold_dyads: set[Dyad] = set()
    for g in rec.events:
        gold_dyads |= _dyads([actor_key(g.source)], [actor_key(g.target)])
    pred_dyads: set[Dyad] = set()
    for ev in events:
        pred_dyads |= event_dyads(ev, symmetric)
    into.dyad.add(len(pred_dyads & gold_dyads), len(pred_dyads), len(gold_dyads))

    if any(cameo_root(g.code) is None for g in rec.events):
        return  # a non-CAMEO gold code: no type can be right or wrong here
    gold_roots = [cameo_root(g.code) for g in rec.events]
    pred_roots = [cameo_root(ev.cameo) for ev in events]
    into.root.add(_matched(pred_roots, gold_roots), len(pred_roots), len(gold_roots))  # type: ignore[arg-type]
    gold_types = [plover_type(g.code, table) for g in rec.events]
    pred_types = [ev.type for ev in events]
    into.type.add(_matched(pred_types, gold_types), len(pred_types), len(gold_types))  # type: ignore[arg-type]

    gold_triples: set[Triple] = set()
    for g, typ in zip(rec.events, gold_types):
        gold_triples |= triples(typ or "?", [actor_key(g.source)], [actor_key(g.target)], symmetric)
    pred_triples: set[Triple] = set()
    for ev in events:
        pred_triples |= triples(ev.type, predicted_keys(ev.source), predicted_keys(ev.target), symmetric)
    tp = sum(triple_matches(p, gold_triples, symmetric) for p in pred_triples)
    into.triple.add(tp, len(pred_triples), len(gold_triples))


def error_class(rec: UnitTest, events: list[Event], symmetric: frozenset[str]) -> str | None:
    """The main reason a sentence's dyads are wrong, or None when they are right.

    One of: "no event" (gold has events, none predicted), "spurious event" (gold has none),
    "extra events" (every gold dyad found, more predicted), "partly right" (some gold dyads
    found), "swapped roles", "source missing", "wrong source", "target missing",
    "wrong target", "wrong pairing".
    """
    gold = {(actor_key(g.source), actor_key(g.target)) for g in rec.events}
    pred: set[Dyad] = set()
    for ev in events:
        pred |= event_dyads(ev, symmetric)
    if pred == gold:
        return None
    if not rec.events:
        return "spurious event"
    if not events:
        return "no event"
    if gold <= pred:
        return "extra events"
    if gold & pred:
        return "partly right"
    gs, gt = {s for s, _ in gold}, {t for _, t in gold}
    ps, pt = {s for s, _ in pred}, {t for _, t in pred}
    if any((t, s) in pred for s, t in gold):
        return "swapped roles"
    if not gs & ps:
        return "source missing" if ps <= {None} else "wrong source"
    if not gt & pt:
        return "target missing" if pt <= {None} else "wrong target"
    return "wrong pairing"


def run(shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Score event coding on the PETRARCH2 unit-test records.

    Args:
        shared: the shared data folder.
        model: the spaCy pipeline to parse with.
        limit: score only the first ``limit`` records.

    Returns:
        The report: dyad, CAMEO root, PLOVER type and triple P/R/F1 with the validation verbs,
        the dyad and type figures without them (``without_verbs_*``), crashes, what the verbs
        conversion gave, a breakdown per category and the error classes of the sentences whose
        dyads are wrong (with the verbs).
    """
    from ..dictionaries.tabari import convert_files, write_actor_file
    from ..dictionaries.tabari_verbs import convert_file, write_lexicon_file

    records = load_records(require(shared / RECORDS, "PETRARCH2 unit-test records"))
    if limit is not None:
        records = records[:limit]
    table_path = require(shared / CAMEO2PLOVER, "CAMEO to PLOVER table")
    table = load_cameo2plover(table_path)
    conversion = convert_files(require(shared / ACTORS, "PETRARCH2 validation actors"),
                               require(shared / AGENTS, "PETRARCH2 validation agents"))
    verbs = convert_file(require(shared / VERBS, "PETRARCH2 validation verbs"), table_path)
    texts, dates = [r.text for r in records], [r.date for r in records]

    def coded(actors_file: Path, verbs_file: Path) -> list[list[Event] | BaseException]:
        return [o if isinstance(o, list) else RuntimeError(o) for o in
                extract_events(texts, dates, model=model, actors_file=actors_file, verbs_file=verbs_file)]

    with tempfile.TemporaryDirectory() as tmp:
        actors_file = Path(tmp) / "petrarch_validate_actors.yaml"
        write_actor_file(conversion, actors_file)
        verbs_file = Path(tmp) / "petrarch_validate_verbs.yaml"
        write_lexicon_file(verbs, verbs_file)
        # a trigger file that adds nothing, not None: a user's own verbs_file must stay out of it
        no_verbs = Path(tmp) / "no_verbs.yaml"
        no_verbs.write_text("verbs: {}\n", encoding="utf-8")
        started = time.perf_counter()
        outcomes = coded(actors_file, verbs_file)
        seconds = time.perf_counter() - started
        own_only = score(records, coded(actors_file, no_verbs), table)
    report = score(records, outcomes, table)
    for name in ("dyad", "type"):
        for measure in ("precision", "recall", "f1"):
            report.figures[f"without_verbs_{name}_{measure}"] = own_only.figures[f"{name}_{measure}"]
    report.figures["converted_actors"] = float(len(conversion.data["actors"]))
    report.figures["conversion_warnings"] = float(len(conversion.warnings))
    for name in ("verbs", "phrases", "not_events", "patterns_not_expressible", "codes_unmapped"):
        report.figures[f"converted_verbs_{name}"] = float(verbs.counts[name])
    report.figures["ms_per_sentence"] = 1000 * seconds / max(1, len(records))
    return report


def score(records: list[UnitTest], outcomes: Iterable[list[Event] | BaseException], table: dict[str, str]) -> Report:
    """Compare predicted events with the unit tests' expected events.

    Args:
        records: from ``load_records``.
        outcomes: per record, its predicted events or the exception it raised.
        table: CAMEO -> PLOVER, from ``load_cameo2plover``.

    Returns:
        The report (see ``run``).
    """
    from ..extract.lexicon import load

    symmetric = load().symmetric_types
    total = Scores()
    by_category: dict[str, Scores] = defaultdict(Scores)
    crashes: list[str] = []
    errors: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    non_cameo = 0
    false_alarms = 0
    for rec, outcome in zip(records, outcomes):
        if isinstance(outcome, BaseException):
            crashes.append(f"{rec.id}: {type(outcome).__name__}: {outcome}")
            outcome = []
        if any(cameo_root(g.code) is None for g in rec.events):
            non_cameo += 1
        if not rec.events and outcome:
            false_alarms += 1
        score_sentence(rec, outcome, table, symmetric, total)
        score_sentence(rec, outcome, table, symmetric, by_category[rec.category])
        why = error_class(rec, outcome, symmetric)
        if why:
            errors[why] += 1
            if len(examples[why]) < 4:
                examples[why].append(rec.id)

    figures: dict[str, float] = {
        "sentences": float(len(records)),
        "sentences_expecting_events": float(sum(bool(r.events) for r in records)),
        "sentences_expecting_none": float(sum(not r.events for r in records)),
        "sentences_non_cameo": float(non_cameo),
        "crashes": float(len(crashes)),
        # the share of sentences expecting no event that get one (the no-event false-alarm rate)
        "no_event_false_alarms": float(false_alarms),
        "no_event_false_alarm_rate": false_alarms / max(1, sum(not r.events for r in records)),
    }
    for name in ("dyad", "root", "type", "triple"):
        p, r, f = getattr(total, name).prf()
        figures[f"{name}_precision"], figures[f"{name}_recall"], figures[f"{name}_f1"] = p, r, f

    lines = [f"{'category':<10} {'n':>4} {'dyadP':>6} {'dyadR':>6} {'rootP':>6} {'rootR':>6} "
             f"{'typeP':>6} {'typeR':>6} {'tripF1':>6}"]
    for cat in sorted(by_category):
        s = by_category[cat]
        dp, dr, _ = s.dyad.prf()
        rp, rr, _ = s.root.prf()
        tp_, tr, _ = s.type.prf()
        _, _, xf = s.triple.prf()
        lines.append(f"{cat:<10} {s.sentences:4d} {dp:6.3f} {dr:6.3f} {rp:6.3f} {rr:6.3f} {tp_:6.3f} {tr:6.3f} {xf:6.3f}")
    lines += ["", "sentences whose dyads are wrong, by main error class:"]
    for why, n in errors.most_common():
        lines.append(f"  {why:<16} {n:4d}  e.g. {', '.join(examples[why])}")
    if crashes:
        lines += ["", "crashes:"] + [f"  {c}" for c in crashes]
    return Report("petrarch", figures, lines)
