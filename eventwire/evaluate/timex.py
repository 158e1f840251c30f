"""TempEval-3 style scoring of ``find_timexes`` on TimeBank and AQUAINT (TBAQ-cleaned).

Each ``.tml`` file's ``<TEXT>`` is stripped of its tags (offsets of the TIMEX3
tags kept), parsed with spaCy and tagged with the document creation time
(DCT) as anchor. The DCT timex itself is not part of the gold.

How the figures are computed (per corpus and overall, micro-averaged):
- strict span: a system timex matches a gold one with the same offsets.
- relaxed span: a system timex matches a gold one it overlaps; each gold and
  each system timex is matched at most once (greedily, in text order).
  P = matched / system, R = matched / gold, F1 their harmonic mean.
- value F1 (TempEval-3 attribute F1): value accuracy over the relaxed matches
  (exact string equality of the TIMEX3 ``value``) times relaxed F1.
- type accuracy: the same, over ``type``, reported as accuracy on the matches.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from .. import nlp
from ..extract.timex import find_timexes
from . import Report, require

CORPORA = ("TimeBank", "AQUAINT")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TmlDoc:
    """One TimeML document: its text, creation date and gold TIMEX3s."""

    name: str
    dct: str | None
    text: str
    gold: list[GoldTimex]


def read_tml(path: Path) -> TmlDoc:
    """Read a TimeML file: the text of ``<TEXT>`` with its TIMEX3 offsets, and the DCT.

    Args:
        path: a ``.tml`` file.

    Returns:
        The document, gold timexes excluding the creation time.
    """
    root = ET.parse(path).getroot()
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME" and t.get("value"):
            dct = (t.get("value") or "")[:10]
    parts: list[str] = []
    length = 0
    gold: list[GoldTimex] = []

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
                gold.append(GoldTimex(start, length, child.get("type") or "", child.get("value") or ""))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    text_el = root.find("TEXT")
    if text_el is not None:
        walk(text_el)
    return TmlDoc(path.stem, dct, "".join(parts), gold)


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for f in ("gold", "system", "strict", "relaxed", "value", "type"):
            setattr(self, f, getattr(self, f) + getattr(other, f))


def _prf(match: int, system: int, gold: int) -> tuple[float, float, float]:
    p = match / system if system else 0.0
    r = match / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_doc(gold: list[GoldTimex], system: list[tuple[int, int, str, str | None]]) -> Counts:
    """Count strict and relaxed matches, and correct values and types on relaxed matches."""
    c = Counts(gold=len(gold), system=len(system))
    golds = {(g.start, g.end) for g in gold}
    c.strict = sum(1 for s in system if (s[0], s[1]) in golds)
    used: set[int] = set()
    for s_start, s_end, s_type, s_value in system:
        for i, g in enumerate(gold):
            if i not in used and s_start < g.end and g.start < s_end:
                used.add(i)
                c.relaxed += 1
                c.value += s_value == g.value
                c.type += s_type == g.type
                break
    return c


def run(shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Score find_timexes on TBAQ-cleaned.

    Args:
        shared: the shared data folder.
        model: the spaCy pipeline.
        limit: at most this many documents per corpus.

    Returns:
        A Report with strict/relaxed span P/R/F1, value F1 and type accuracy, per corpus and overall.
    """
    base = require(Path(shared) / "eval" / "timex" / "TBAQ-cleaned", "TimeBank/AQUAINT (TBAQ-cleaned)")
    figures: dict[str, float] = {}
    lines: list[str] = []
    total = Counts()
    tag_seconds = 0.0
    words = 0
    for corpus in CORPORA:
        paths = sorted((base / corpus).glob("*.tml"))[:limit]
        docs = [read_tml(p) for p in paths]
        counts = Counts()
        for doc, parsed in zip(docs, nlp.parse((d.text for d in docs), model=model)):
            t0 = time.process_time()  # CPU time: other processes on the machine do not count
            found = find_timexes(parsed, doc.dct)
            tag_seconds += time.process_time() - t0
            words += len(parsed)
            counts.add(score_doc(doc.gold, [(t.start, t.end, t.type, t.value) for t in found]))
        total.add(counts)
        lines.append(_line(corpus, counts, len(docs)))
    lines.append(_line("overall", total, None))
    sp, sr, sf = _prf(total.strict, total.system, total.gold)
    rp, rr, rf = _prf(total.relaxed, total.system, total.gold)
    value_acc = total.value / total.relaxed if total.relaxed else 0.0
    figures.update(
        {
            "strict_f1": sf,
            "relaxed_precision": rp,
            "relaxed_recall": rr,
            "relaxed_f1": rf,
            "value_accuracy": value_acc,
            "value_f1": value_acc * rf,
            "type_accuracy": total.type / total.relaxed if total.relaxed else 0.0,
            "tag_cpu_ms_per_400_tokens": 1000 * tag_seconds / max(words, 1) * 400,
        }
    )
    return Report("timex", figures, lines)


def _line(name: str, c: Counts, docs: int | None) -> str:
    sp, sr, sf = _prf(c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.system, c.gold)
    vacc = c.value / c.relaxed if c.relaxed else 0.0
    tacc = c.type / c.relaxed if c.relaxed else 0.0
    head = f"{name:<9}" + (f" docs={docs:<4}" if docs is not None else " " * 10)
    return (
        f"{head} gold={c.gold:<5} sys={c.system:<5} strict P/R/F1={sp:.3f}/{sr:.3f}/{sf:.3f} "
        f"relaxed P/R/F1={rp:.3f}/{rr:.3f}/{rf:.3f} value acc={vacc:.3f} F1={vacc * rf:.3f} type acc={tacc:.3f}"
    )
