"""Document relevance: how likely a document is political or conflict news, a number in [0, 1].

``document_relevance(doc, entities)`` scores a parsed document from general signals, combined
in one logistic score whose word lists and weights are data (``data/relevance.yaml``, which
says how the score is built):

- the share of sentences with a coded political actor (an IGO, or a person or group the actor
  resolver gives a political sector), and, with less weight, of the other sentences with a country;
- political and conflict words per 100 words, against the words of sport, culture, business,
  technology, health and weather.

It looks at the actors and the words, not at the events: the events of a document that scores
low are then kept only with strong evidence (``relevant_events``), so the score must not
depend on what it is used to judge. A single political sentence ("Russian troops attacked the
Ukrainian city of Kharkiv.") scores high: the evaluation sets are single sentences.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc

from ..records import Actor, Entity, Event
from .event_gate import gate_words

RELEVANCE_FILE = Path(__file__).resolve().parent.parent / "data" / "relevance.yaml"
#: Weight of a word in a ``strong`` list and in a ``weak`` one.
_STRONG, _WEAK = 1.0, 0.5
#: Entity labels whose words are names, not vocabulary (the "bank" of "West Bank").
_NAME_LABELS = frozenset({"GPE", "LOC", "FAC", "PERSON"})


@dataclass(frozen=True)
class Signals:
    """What the score is made of, for one document."""

    actors: float
    """Share of sentences with a coded political actor."""
    countries: float
    """Share of the other sentences with an entity coded as a country."""
    political: float
    """Weight of political and conflict words per 100 words, capped."""
    other: float
    """Weight of sport, culture, business, technology, health and weather words per 100 words, capped."""


@dataclass(frozen=True)
class _Model:
    """``data/relevance.yaml``, read."""

    weights: dict[str, float]
    sectors: frozenset[str]
    political: dict[str, float]
    other: dict[str, float]


def document_relevance(doc: Doc, entities: Sequence[Entity]) -> float:
    """How likely ``doc`` is political or conflict news.

    Args:
        doc: the parsed document.
        entities: its entity mentions with their actor coding (``DocumentActors.entities``).

    Returns:
        A number in [0, 1], rounded to 3 decimals.
    """
    return score(signals(doc, entities))


def signals(doc: Doc, entities: Sequence[Entity]) -> Signals:
    """The signals ``document_relevance`` combines (see ``Signals``)."""
    model = _model()
    cap = model.weights["cap"]
    starts = [sent.start_char for sent in doc.sents]
    political_sents: set[int] = set()
    country_sents: set[int] = set()
    for entity in entities:
        sent = bisect.bisect_right(starts, entity.start) - 1
        if (entity.code or "").startswith("IGO") or entity.sector in model.sectors:
            political_sents.add(sent)
        elif entity.country and not entity.sector:
            country_sents.add(sent)
    words = political = other = 0.0
    for token in doc:
        if not token.is_alpha:
            continue
        words += 1
        if token.ent_type_ in _NAME_LABELS:
            continue
        lower, lemma = token.lower_, token.lemma_.lower()
        political += max(model.political.get(lower, 0.0), model.political.get(lemma, 0.0))
        other += max(model.other.get(lower, 0.0), model.other.get(lemma, 0.0))
    n_sents = max(1, len(starts))
    per_100 = 100 / words if words else 0.0
    return Signals(actors=len(political_sents) / n_sents,
                   countries=len(country_sents - political_sents) / n_sents,
                   political=min(cap, political * per_100), other=min(cap, other * per_100))


def score(s: Signals) -> float:
    """The logistic score of ``data/relevance.yaml`` over the signals, rounded to 3 decimals."""
    w = _model().weights
    z = (w["bias"] + w["actors"] * s.actors + w["countries"] * s.countries + w["political"] * s.political
         + w["other"] * s.other)
    return round(1 / (1 + math.exp(-z)), 3)


def relevant_events(events: list[Event], relevance: float, *, floor: float, strong: float,
                    probability: Callable[[float], float] | None = None) -> list[Event]:
    """The events worth keeping from a document of this relevance.

    A relevant document (``relevance >= floor``) keeps every event. One below the floor (a match
    report, a film review) keeps only events with strong evidence: confidence at least ``strong``
    and a source or target that is an organisation (IGO, NGO) or a person or group with a
    country and a sector, so "the striker attacked the defence" and "Italy beat Ireland" (a
    country's name for its team) go and "Russian troops attacked Kharkiv", in a story about a
    football club, stays.

    Args:
        events: the document's events.
        relevance: the document's relevance.
        floor: the ``relevance_floor`` setting.
        strong: the ``strong_confidence`` setting, a calibrated probability.
        probability: maps the events' confidence to that probability when they carry the raw
            score (the ``calibrate`` setting off); None when they carry the probability already.

    Returns:
        The events kept, in their order.
    """
    if relevance >= floor:
        return events
    sure = probability or (lambda confidence: confidence)
    return [e for e in events if sure(e.confidence) >= strong and (_official(e.source) or _official(e.target))]


def _official(actor: Actor | None) -> bool:
    """True if the actor, or one of its members, is an organisation (IGO, NGO) or a person or
    group with a country and a sector other than business and media: in a match report "Italy"
    or "the Irish" is a team and in a product review "Vodafone" a seller, "the Italian
    government" and "Muslim hackers" are neither."""
    if actor is None:
        return False
    words = gate_words()
    if (actor.code or "").startswith(words.organisation_prefixes) or (
        actor.sector and actor.country and actor.sector not in words.commercial_sectors
    ):
        return True
    return any(_official(member) for member in actor.members)


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Read ``data/relevance.yaml`` once."""
    data: dict[str, Any] = yaml.safe_load(RELEVANCE_FILE.read_text(encoding="utf-8"))
    return _Model(weights={k: float(v) for k, v in data["weights"].items()},
                  sectors=frozenset(data["political_sectors"].split()),
                  political=_words(data["political"]), other=_words(data["other"]))


def _words(side: dict[str, Any]) -> dict[str, float]:
    """Word -> weight for one side: ``strong`` topics (a mapping of word strings) and ``weak`` words."""
    weights = {word: _WEAK for word in side.get("weak", "").split()}
    for topic in (side.get("strong") or {}).values():
        weights.update((word, _STRONG) for word in topic.split())
    return weights
