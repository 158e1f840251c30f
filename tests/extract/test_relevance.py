"""Document relevance (extract/relevance.py) on the real spaCy pipeline, and the events kept below the floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import load_settings
from eventwire.errors import ConfigError
from eventwire.extract.actors import get_resolver
from eventwire.extract.relevance import _model, document_relevance, relevant_events, signals
from eventwire.pipeline import Pipeline
from eventwire.records import Actor, Document, Event, Span

POLITICS = (
    "The government announced on Tuesday that it would send more troops to the border after rebels attacked "
    "a police station. The prime minister told parliament that talks with the opposition would resume next "
    "week, and the foreign minister met the UN envoy in the capital. The opposition party called for an early "
    "election, and protesters gathered outside the ministry."
)
SPORT = (
    "Arsenal beat Chelsea 2-1 in a thrilling league match on Sunday. The striker scored twice in the second "
    "half, and the coach praised his players after the game. The club's fans celebrated the victory, and the "
    "team now leads the table by three points with ten matches of the season left."
)
CULTURE = (
    "The film won three awards at the festival, and its album went to the top of the charts. The actress "
    "thanked the director, the producers and her fans at the concert after the show."
)
TECH = (
    "The company unveiled a new phone with a faster chip and a bigger screen. Users can download games and "
    "music, and the software update removes a virus that slowed thousands of computers."
)


@pytest.fixture(scope="module")
def relevance(nlp):  # type: ignore[no-untyped-def]
    """The relevance of a text, as the pipeline computes it (no document date)."""
    resolver = get_resolver()

    def run(text: str) -> float:
        doc = nlp(text)
        return document_relevance(doc, resolver.document(doc, None).entities)

    return run


def test_relevance_political_text_scores_higher_than_sport(relevance) -> None:  # type: ignore[no-untyped-def]
    political, sport = relevance(POLITICS), relevance(SPORT)
    assert 0.0 <= sport < political <= 1.0
    assert political >= 0.8 and sport <= 0.1


@pytest.mark.parametrize("text", [SPORT, CULTURE, TECH])
def test_relevance_other_news_is_below_the_floor(relevance, text: str) -> None:  # type: ignore[no-untyped-def]
    assert 0.0 <= relevance(text) < load_settings().relevance_floor < relevance(POLITICS)


@pytest.mark.parametrize("sentence", [
    "Russian troops attacked the Ukrainian city of Kharkiv on Tuesday.",
    "The foreign ministers of France and Germany met in Paris.",
    "North Korea fired two ballistic missiles into the sea, the South Korean military said.",
    "Protesters clashed with police outside parliament in Nairobi.",
])
def test_relevance_single_political_sentence_is_high(relevance, sentence: str) -> None:  # type: ignore[no-untyped-def]
    # The PLOVER evaluation runs on single sentences: they must keep their events.
    assert relevance(sentence) >= 0.8


@pytest.mark.parametrize("sentence", ["Chelsea beat Arsenal 2-1 in the league on Sunday.",
                                      "The film won three awards at the festival."])
def test_relevance_single_other_sentence_is_low(relevance, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert relevance(sentence) < 0.1


def test_relevance_place_names_are_not_vocabulary(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Israeli soldiers entered the West Bank.")
    found = signals(doc, get_resolver().document(doc, None).entities)
    assert found.other == 0.0  # the "bank" of "West Bank" is no business word
    assert found.political > 0 and found.countries == 1.0


def test_relevance_data_lists_each_word_on_one_side() -> None:
    model = _model()
    assert not set(model.political) & set(model.other)
    assert {"minister", "troops", "election", "sanctions"} <= set(model.political)
    assert {"league", "album", "shares", "software", "patients", "weather"} <= set(model.other)
    assert {"GOV", "MIL", "REB", "IGO"} <= model.sectors and "BUS" not in model.sectors
    assert set(model.weights) == {"bias", "actors", "countries", "political", "other", "cap"}


def _event(confidence: float, source: Actor | None = None, target: Actor | None = None) -> Event:
    return Event(type="ASSAULT", mode=None, cameo="190", source=source, target=target, date=None, location=None,
                 status="asserted", attributed_to=None, trigger=Span("attacked", 0, 8),
                 sentence=Span("attacked", 0, 8), confidence=confidence)


RUS = Actor("Russian troops", "RUSMIL", "RUS", "MIL")
UN = Actor("the UN", "IGOUNO", None, "IGO")
FANS = Actor("fans", None, None, None)
STRIKER = Actor("the striker", None, None, None)


@pytest.mark.parametrize("event, kept", [
    (_event(0.9, RUS), True),  # confident, a country's actor
    (_event(0.9, FANS, UN), True),  # an IGO target is coded too
    (_event(0.9, Actor("France's ministers and fans", members=(FANS, Actor("ministers", "FRAGOV", "FRA", "GOV")))), True),  # a coded member
    # in a match report a country's bare name is its team; a group with a sector is not
    (_event(0.9, Actor("Italy", "ITA", "ITA"), Actor("Ireland", "IRL", "IRL")), False),
    (_event(0.9, Actor("Muslim hackers", "DNKCVL", "DNK", "CVL")), True),
    (_event(0.9, Actor("Vodafone", "GBRBUS", "GBR", "BUS")), False),  # in a product review a firm sells
    (_event(0.75, None, RUS), True),  # the threshold itself is strong enough
    (_event(0.74, RUS), False),  # not confident enough
    (_event(0.99, FANS, STRIKER), False),  # nobody coded
    (_event(0.99, Actor("rebels", "REB", None, "REB")), False),  # a sector without a country is not coded
    (_event(0.99), False),
])
def test_relevance_below_the_floor_keeps_strong_coded_events(event: Event, kept: bool) -> None:
    assert relevant_events([event], 0.1, floor=0.25, strong=0.75) == ([event] if kept else [])
    assert relevant_events([event], 0.25, floor=0.25, strong=0.75) == [event]  # at the floor: relevant


def test_relevance_pipeline_stores_it_and_drops_weak_events_of_irrelevant_documents(pipeline: Pipeline) -> None:
    text = CULTURE + " French police arrested two British fans after the concert in Paris. The star met the French president."
    everything = Pipeline(pipeline.settings.replace(relevance_floor=0.0)).extract(Document(text=text))
    kept = pipeline.extract(Document(text=text))
    settings = pipeline.settings
    assert kept.relevance == everything.relevance < settings.relevance_floor
    assert kept.events == relevant_events(everything.events, kept.relevance, floor=settings.relevance_floor,
                                          strong=settings.strong_confidence)
    assert 0 < len(kept.events) < len(everything.events)
    assert pipeline.timings["relevance"] > 0
    political = pipeline.extract(Document(text=POLITICS))
    assert political.relevance is not None and political.relevance >= settings.relevance_floor
    assert political.to_dict()["relevance"] == political.relevance


def test_relevance_strong_confidence_is_a_probability_with_calibration_off(pipeline: Pipeline) -> None:
    # With calibrate off the events carry the raw score; the threshold still applies to the probability.
    text = CULTURE + " French police arrested two British fans after the concert in Paris. The star met the French president."
    raw = Pipeline(pipeline.settings.replace(calibrate=False)).extract(Document(text=text))
    calibrated = pipeline.extract(Document(text=text))
    assert raw.relevance == calibrated.relevance < pipeline.settings.relevance_floor
    assert [e.type for e in raw.events] == [e.type for e in calibrated.events] != []


@pytest.mark.parametrize("name, env", [("relevance_floor", "EVENTWIRE_RELEVANCE_FLOOR"),
                                       ("strong_confidence", "EVENTWIRE_STRONG_CONFIDENCE")])
def test_relevance_settings_are_fractions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str,
                                          env: str) -> None:
    monkeypatch.setenv("EVENTWIRE_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv(env, "0.4")
    assert getattr(load_settings(), name) == 0.4
    for bad in ("1.5", "-0.1", "high", "nan"):
        monkeypatch.setenv(env, bad)
        with pytest.raises(ConfigError, match=name):
            load_settings()
    monkeypatch.delenv(env)
    (tmp_path / "eventwire.toml").write_text(f"[eventwire]\n{name} = 0.6\n")
    assert getattr(load_settings(tmp_path / "eventwire.toml"), name) == 0.6
