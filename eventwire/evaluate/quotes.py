"""Score quote extraction (``find_quotes``) on PolNeAR's attribution relations.

PolNeAR (``eval/quotes/PolNeAR``) annotates, in US political news of 2015-16, every
attribution: a *cue* ("said", "according to", "reports"), the *content* attributed and,
when the text names one, its *source*. Each article's raw text is parsed with spaCy, its
actors resolved at the publication date, and ``find_quotes`` run on it; the article's
first annotation file (by annotator) is the gold.

Figures, micro-averaged over attributions, each gold and each predicted quote matched
at most once (greedily, in cue order):

- cue P/R/F1: the predicted cue overlaps the gold cue;
- attribution P/R/F1: the cue overlaps and the content overlaps the gold content;
- content exact: of the matched attributions, the share whose content equals the gold
  content once quotation marks, punctuation and space are trimmed at both ends;
- content token F1: mean token-overlap F1 of content over the matches;
- source accuracy: of the matches whose gold has a source, the share whose speaker span
  overlaps it (a pronoun speaker counts when it is the annotated source).

PolNeAR's attributions are broader than quotes: they include beliefs and intentions
("Trump thinks...", "Clinton wants to..."), so recall here measures coverage of all
attribution, not only of speech.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import nlp
from ..extract.actors import get_resolver
from ..extract.quotes import find_quotes
from ..records import Quote
from . import Report, require
from .plover import prf

POLNEAR = "eval/quotes/PolNeAR/data"
SPLITS = ("dev",)

_TRIM = "\"'“”‘’«»,.;:—–- \n\t"
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    cue: Spans
    content: Spans
    source: Spans


@dataclass(frozen=True)
class Article:
    name: str
    date: str | None
    text: str
    gold: list[GoldAttribution]


def read_brat(path: Path) -> list[GoldAttribution]:
    """The attribution relations of one brat ``.ann`` file.

    Text-bound annotations may be discontinuous ("T3\\tContent 10 20;25 40\\t...");
    a relation line names its parts by role ("E1\\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    a second cue as ``Cue2:T9``).
    """
    spans: dict[str, Spans] = {}
    relations: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            _label, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = tuple(
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            )
        elif fields[0].startswith("E"):
            roles: dict[str, list[str]] = {}
            for part in fields[1].split()[1:]:
                role, _, ref = part.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            relations.append(roles)
    gold = []
    for roles in relations:
        def joined(role: str) -> Spans:
            return tuple(s for ref in roles.get(role, []) for s in spans.get(ref, ()))

        if roles.get("Cue") and roles.get("Content"):
            gold.append(GoldAttribution(joined("Cue"), joined("Content"), joined("Source")))
    return gold


def load_articles(root: Path, split: str) -> list[Article]:
    """Every article of a PolNeAR split with its first annotator's attributions."""
    dates = {}
    with open(root / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            dates[row["filename"]] = row.get("publication_date") or None
    articles = []
    seen = set()
    for ann in sorted((root / split / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        text_path = root / split / "text" / f"{name}.txt"
        if name in seen or not text_path.exists():
            continue
        seen.add(name)
        articles.append(Article(name, dates.get(name), text_path.read_text(encoding="utf-8"), read_brat(ann)))
    return articles


def _overlaps(a: Spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in a)


def _trimmed(text: str) -> str:
    return text.strip(_TRIM)


def _tokens(text: str, spans: Spans) -> Counter[str]:
    return Counter(w.lower() for s, e in spans for w in re.findall(r"\w+", text[s:e]))


def _token_f1(gold: Counter[str], pred: Counter[str]) -> float:
    common = sum((gold & pred).values())
    if not common:
        return 0.0
    p, r = common / sum(pred.values()), common / sum(gold.values())
    return 2 * p * r / (p + r)


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    cue_matched: int = 0
    matched: int = 0
    exact: int = 0
    token_f1: float = 0.0
    with_source: int = 0
    source_right: int = 0


def score_article(article: Article, quotes: list[Quote], tally: Tally, missed: Counter[str]) -> None:
    """Match one article's predicted quotes to its gold attributions and add to ``tally``."""
    text = article.text
    tally.gold += len(article.gold)
    tally.predicted += len(quotes)
    free = list(range(len(article.gold)))
    for quote in sorted(quotes, key=lambda q: q.cue.start):
        hit = next((g for g in free if _overlaps(article.gold[g].cue, quote.cue.start, quote.cue.end)), None)
        if hit is None:
            continue
        free.remove(hit)
        tally.cue_matched += 1
        gold = article.gold[hit]
        if not _overlaps(gold.content, quote.content.start, quote.content.end):
            continue
        tally.matched += 1
        gold_content = " ".join(text[s:e] for s, e in gold.content)
        tally.exact += _trimmed(gold_content) == _trimmed(quote.content.text)
        tally.token_f1 += _token_f1(
            _tokens(text, gold.content), _tokens(text, ((quote.content.start, quote.content.end),))
        )
        if gold.source:
            tally.with_source += 1
            speaker = quote.speaker
            tally.source_right += bool(speaker and _overlaps(gold.source, speaker.start, speaker.end))
    for g in free:
        missed[" ".join(text[s:e] for s, e in article.gold[g].cue).lower()] += 1


def run(shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Score ``find_quotes`` on PolNeAR's development split."""
    root = require(shared / POLNEAR, "PolNeAR attributions")
    articles = [a for split in SPLITS for a in load_articles(root, split)][:limit]
    resolver = get_resolver()
    tally, missed = Tally(), Counter()
    started = time.perf_counter()
    for article, doc in zip(articles, nlp.parse((a.text for a in articles), model=model)):
        quotes = find_quotes(doc, resolver.document(doc, article.date))
        score_article(article, quotes, tally, missed)
    elapsed = time.perf_counter() - started
    cue = prf(tally.cue_matched, tally.predicted, tally.gold)
    attribution = prf(tally.matched, tally.predicted, tally.gold)
    figures = {
        "articles": float(len(articles)),
        "gold_attributions": float(tally.gold),
        "predicted_quotes": float(tally.predicted),
        "cue_precision": cue[0], "cue_recall": cue[1], "cue_f1": cue[2],
        "attribution_precision": attribution[0],
        "attribution_recall": attribution[1],
        "attribution_f1": attribution[2],
        "content_exact": tally.exact / tally.matched if tally.matched else 0.0,
        "content_token_f1": tally.token_f1 / tally.matched if tally.matched else 0.0,
        "source_accuracy": tally.source_right / tally.with_source if tally.with_source else 0.0,
        "ms_per_article": 1000 * elapsed / max(len(articles), 1),
    }
    lines = ["most frequent cues of unmatched gold attributions:"]
    lines += [f"  {n:4d}  {cue_text}" for cue_text, n in missed.most_common(15)]
    return Report("quotes", figures, lines)
