"""Score actor resolution: PLOVER gold actor codes and MEANTIME named-entity mentions.

PLOVER: for each gold source/target actor, the gold ``actorText`` is found in the sentence,
the span is resolved with the document's resolver, and the country part of the code is
compared (gold CAMEO country codes mapped to ISO alpha-3: JAP -> JPN; IGO, NGO and IMG
compared as such), then the full code (country + sector, gold sectors mapped onto
eventwire's; gold "***" sectors are left out of the full-code figure).

MEANTIME: named (NAM) mentions of PER, ORG and LOC entities in the annotated first six
sentences against spaCy's PERSON, ORG and GPE/LOC/FAC/NORP entities: exact spans (with and
without the type), and "head" matches that share the mention's end (MEANTIME mentions take in
articles, titles and appositions: "the United States", "airframer Boeing").
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, Span

from .. import nlp
from ..extract.actors import get_resolver
from . import Report, require

#: Gold (CAMEO 1.x) country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "KSV": "XKX", "ROM": "ROU", "GMY": "DEU", "UK": "GBR"}
#: Gold codes for non-state actors, compared at that level.
NON_STATE = {"IGO", "NGO", "IMG", "ISM", "MNC"}
#: Gold sector prefixes -> eventwire sectors (None: no sector of ours).
GOLD_SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "SPY": "SPY", "REB": "REB", "OPP": "OPP", "COP": "COP", "JUD": "JUD",
    "LEG": "LEG", "MED": "MED", "JRN": "MED", "BUS": "BUS", "CVL": "CVL", "CIV": "CVL", "REF": "CVL",
    "EDU": "CVL", "LAB": "CVL", "AGR": "CVL", "MOS": "CVL", "REL": "CVL", "CRM": "CVL", "SOC": "CVL",
    "PTY": "POL", "UAF": "REB", "ELI": None,
}
MEANTIME_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}


def run(shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Score actor codes on the PLOVER gold records and entities on MEANTIME.

    Args:
        shared: the shared data folder.
        model: spaCy pipeline name.
        limit: score only the first N records / documents.

    Returns:
        The report.
    """
    report = Report("actors")
    plover(shared, model=model, limit=limit, report=report)
    meantime(shared, model=model, limit=limit, report=report)
    return report


def _gold_actors(record: dict) -> list[dict]:
    out = []
    for role in ("source", "target"):
        value = record.get(role)
        if isinstance(value, dict):
            value = [value]
        if isinstance(value, list):
            out += [a for a in value if isinstance(a, dict) and a.get("actorText") and a.get("code")]
    return out


def find_span(doc: Doc, sentence: str, actor_text: str) -> Span | None:
    """The doc span of a gold ``actorText`` in its sentence, or None.

    Tries the text as given, then with spaces collapsed, then the first part of an elided
    text ("U.S. ... negotiators" -> "U.S."), case-insensitively.
    """
    low = sentence.lower()
    candidates = [actor_text.strip(), " ".join(actor_text.split())]
    candidates += [p.strip() for p in re.split(r"\s*\.\.+\s*", " ".join(actor_text.split())) if p.strip()][:1]
    for text in candidates:
        at = sentence.find(text)
        if at < 0:
            at = low.find(text.lower())
        if at >= 0:
            return doc.char_span(at, at + len(text), alignment_mode="expand")
    return None


def gold_country(code: str) -> str:
    """Gold code -> the ISO alpha-3 country, or the non-state level (IGO, NGO, IMG)."""
    head = code[:3].upper()
    if head in NON_STATE:
        return "IMG" if head == "ISM" else head
    return CAMEO_TO_ISO.get(head, head)


def ours_country(code: str | None, country: str | None) -> str | None:
    """Our actor -> the same comparison level as ``gold_country``."""
    if code and code[:3] in NON_STATE:
        return code[:3]
    return country


def plover(shared: Path, *, model: str, limit: int | None, report: Report) -> None:
    """PLOVER gold actor accuracy (country level and full code)."""
    path = require(shared / "eval" / "events" / "PLOVER_GSR_CAMEO.clean.json", "PLOVER gold records")
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT" and r.get("text")]
    records = records[:limit] if limit else records
    resolver = get_resolver()
    n = country_ok = found = resolved = full_n = full_ok = 0
    misses: Counter[str] = Counter()
    for record, doc in zip(records, nlp.parse((r["text"] for r in records), model=model)):
        actors = resolver.document(doc, record.get("date"))
        for gold in _gold_actors(record):
            n += 1
            span = find_span(doc, record["text"], gold["actorText"])
            if span is None:
                misses["text not found"] += 1
                continue
            found += 1
            actor = actors.actor(span)
            want = gold_country(gold["code"])
            if actor is not None and actor.members:
                # the gold lists a compound actor's parts one by one: score the matching part
                actor = next((m for m in actor.members if ours_country(m.code, m.country) == want), actor.members[0])
            got = ours_country(actor.code, actor.country) if actor else None
            resolved += got is not None
            if got == want:
                country_ok += 1
            else:
                misses[f"{want}<-{got}"] += 1
            gold_sector = (gold.get("sector") or "")[:3]
            if gold_sector == "***":
                continue
            full_n += 1
            want_sector = GOLD_SECTORS.get(gold_sector) if gold_sector else None
            if want in NON_STATE:
                want_sector, got_sector = None, None
            else:
                got_sector = actor.sector if actor else None
            full_ok += got == want and got_sector == want_sector
    report.figures["plover_actors"] = float(n)
    report.figures["plover_country_accuracy"] = country_ok / n if n else 0.0
    report.figures["plover_code_accuracy"] = full_ok / full_n if full_n else 0.0
    report.figures["plover_resolved_rate"] = resolved / n if n else 0.0
    report.lines.append(f"PLOVER: {n} gold actors, text found for {found}; most common misses (gold<-ours):")
    report.lines += [f"  {k:<24} {v}" for k, v in misses.most_common(15)]


#: MEANTIME annotates entities only in each article's first six sentences (title, date, 4 more).
MEANTIME_SENTENCES = 6


def _meantime_doc(path: Path) -> tuple[str, list[tuple[int, int, str]], int]:
    """Text (tokens joined by spaces), gold (start, end, type) named mentions and the annotated length."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    pos = 0
    last_sentence = None
    annotated = 0
    for tok in root.iter("token"):
        if last_sentence is not None and tok.get("sentence") != last_sentence:
            parts.append("\n")
            pos += 1
        elif parts:
            parts.append(" ")
            pos += 1
        text = tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        last_sentence = tok.get("sentence")
        if int(last_sentence or 0) < MEANTIME_SENTENCES:
            annotated = pos
    markables = root.find("Markables")
    types: dict[str, str] = {}
    mentions: dict[str, tuple[int, int]] = {}
    if markables is not None:
        for ent in markables.iter("ENTITY"):
            types[ent.get("m_id", "")] = ent.get("ent_type", "")
        for m in markables.iter("ENTITY_MENTION"):
            if m.get("syntactic_type") != "NAM":
                continue
            ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
            spans = [offsets[i] for i in ids if i in offsets]
            if spans:
                mentions[m.get("m_id", "")] = (min(s for s, _ in spans), max(e for _, e in spans))
    gold = []
    for rel in root.iter("REFERS_TO"):
        target = rel.find("target")
        etype = types.get(target.get("m_id", ""), "") if target is not None else ""
        # names of other types (FIN, PRO, MIX) are kept with kind "" so that predictions on
        # them count neither way: those types are outside what is scored
        kind = MEANTIME_TYPES.get(etype, "")
        for src in rel.iter("source"):
            if src.get("m_id") in mentions:
                s, e = mentions[src.get("m_id", "")]
                gold.append((s, e, kind))
    return "".join(parts), sorted(set(gold)), annotated


def meantime(shared: Path, *, model: str, limit: int | None, report: Report) -> None:
    """Entity-level P/R/F1 of PERSON/ORG/GPE(+LOC) mentions on MEANTIME."""
    folder = require(shared / "eval" / "ner" / "meantime_newsreader_english_oct15" / "intra-doc_annotation", "MEANTIME")
    files = sorted(folder.glob("*/*.xml"))
    files = files[:limit] if limit else files
    docs = [_meantime_doc(f) for f in files]
    resolver = get_resolver()
    tp = fp = fn = tp_typed = coded = loose_tp = 0
    for (text, gold, annotated), doc in zip(docs, nlp.parse((t for t, _, _ in docs), model=model)):
        ents = resolver.document(doc, None).entities
        pred = set()
        for e in ents:
            kind = SPACY_TYPES.get(e.label)
            if kind and e.start < annotated:
                pred.add((e.start, e.end, kind))
                coded += e.code is not None
        ignore = {(s, e) for s, e, k in gold if not k}
        gold = [g for g in gold if g[2]]
        gold_spans = {(s, e) for s, e, _ in gold} - ignore
        pred_spans = {(s, e) for s, e, _ in pred} - ignore
        pred = {p for p in pred if (p[0], p[1]) not in ignore}
        tp += len(gold_spans & pred_spans)
        fp += len(pred_spans - gold_spans)
        fn += len(gold_spans - pred_spans)
        tp_typed += len(set(gold) & pred)
        # lenient: same last character (English names end in their head), overlapping
        ends = {e for _, e in gold_spans}
        loose_tp += sum(1 for _, e in pred_spans if e in ends)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    pt = tp_typed / (tp + fp) if tp + fp else 0.0
    rt = tp_typed / (tp + fn) if tp + fn else 0.0
    report.figures["meantime_entity_precision"] = p
    report.figures["meantime_entity_recall"] = r
    report.figures["meantime_entity_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    report.figures["meantime_typed_f1"] = 2 * pt * rt / (pt + rt) if pt + rt else 0.0
    lp = loose_tp / (tp + fp) if tp + fp else 0.0
    lr = loose_tp / (tp + fn) if tp + fn else 0.0
    report.figures["meantime_head_f1"] = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
    report.lines.append(f"MEANTIME: {len(docs)} documents; {tp + fn} gold named mentions; "
                        f"{tp + fp} predicted, {coded} of them with an actor code")
