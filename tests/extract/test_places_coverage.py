"""Place mentions beyond spaCy's place entities: datelines in capitals, demonyms of regions,
hyphened pairs, listed features and local towns opening names, and the guards that keep
acronyms, saints' churches and eponyms out (real pipeline)."""

from __future__ import annotations

import pytest

from eventwire.extract.places import event_location, find_places


def _places(nlp, text: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return doc, find_places(doc)


def _found(places, mention: str):  # type: ignore[no-untyped-def]
    return next((p for p in places if p.text == mention), None)


@pytest.mark.parametrize(
    ("text", "mention", "name", "country"),
    [
        ("WINNIPEG — Manitoba said on Monday it would cut fuel taxes.", "WINNIPEG", "Winnipeg", "CAN"),
        ("PLEASANTON, Calif. -- The company said profits rose in March.", "PLEASANTON", "Pleasanton", "USA"),
        ("PLEASANTON, Calif. -- The company said profits rose in March.", "Calif.", "California", "USA"),
        ("MEXICO CITY (AP) The senate passed the bill late on Tuesday.", "MEXICO CITY", "Mexico City", "MEX"),
        ("SAN ANTONIO Local officials said the river had crested overnight.", "SAN ANTONIO", "San Antonio", "USA"),
    ],
)
def test_places_coverage_datelines_in_capitals(nlp, text: str, mention: str, name: str, country: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _found(places, mention)
    assert place is not None and (place.name, place.country) == (name, country)


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature"),
    [
        ("Scottish ministers will meet on Thursday.", "Scottish", "GBR", "ADM1"),
        ("The Catalan government called a snap vote.", "Catalan", "ESP", "ADM1"),
        ("A Texan rancher sued the agency.", "Texan", "USA", "ADM1"),
        ("Korean officials met their Japanese counterparts.", "Korean", "KOR", "PCLI"),
        ("Bosnian leaders rejected the plan.", "Bosnian", "BIH", "PCLI"),
        ("Kurdish fighters held the town.", "Kurdish", None, "RGN"),
        ("Soviet tanks rolled in that summer.", "Soviet", "RUS", "PCLH"),
    ],
)
def test_places_coverage_demonyms_of_regions_and_countries(nlp, text: str, mention: str, country: str | None, feature: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _found(places, mention)
    assert place is not None and (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("The Austro-Hungarian army retreated in the autumn.", "Hungarian", "HUN"),
        ("Analysts praised the new Sino-Russian pipeline deal.", "Russian", "RUS"),
    ],
)
def test_places_coverage_hyphened_pairs(nlp, text: str, mention: str, country: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _found(places, mention)
    assert place is not None and place.country == country


@pytest.mark.parametrize(
    ("text", "mention", "feature"),
    [
        ("The Cauvery Water Management Authority met on Monday.", "Cauvery", "STM"),
        ("Barges were stuck on the Danube after weeks without rain.", "Danube", "STM"),
        ("Tourists crowded the beaches of Oahu this winter.", "Oahu", "ISL"),
        ("Rebels shelled Eastern Ghouta for a third day.", "Eastern Ghouta", "RGN"),
        ("Tankers crossed the Gulf under escort.", "Gulf", "GULF"),
        ("The show will open on Broadway next spring.", "Broadway", "RGN"),
    ],
)
def test_places_coverage_listed_features(nlp, text: str, mention: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _found(places, mention)
    assert place is not None and place.feature == feature


def test_places_coverage_local_town_opening_a_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Flooding hit New Orleans, Louisiana, on Monday. The Slidell Police Department closed two roads."
    _, places = _places(nlp, text)
    place = _found(places, "Slidell")
    assert place is not None and place.country == "USA" and abs((place.lon or 0.0) + 89.8) < 0.5


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a town named like a person, before a word that names things after people
        ("Officials in Pittsburgh, Pennsylvania, said the Carnegie Library would reopen.", "Carnegie"),
        # short words in capitals are abbreviations, not the towns "Chũ" or "Wa"
        ("Doctors at the CHU hospital in Montpellier treated the boy.", "CHU"),
        # a saint's name before a possessive is a church, not a parish named after the saint
        ("Crowds gathered at St. Mark's in Venice for the service.", "St. Mark"),
    ],
)
def test_places_coverage_guards(nlp, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    assert places and all(p.text != absent for p in places)


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature"),
    [
        # a nation, not the English village that shares its name, in a story about England
        ("Police in London said the suspect had fled England for Wales.", "Wales", "GBR", "ADM1"),
        # "St." and "Saint" are one name, so the Russian city is found in a Russian story
        ("Bridges in St. Petersburg were closed after Russian police sealed the centre.", "St. Petersburg", "RUS", "PPL"),
    ],
)
def test_places_coverage_resolution(nlp, text: str, mention: str, country: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _found(places, mention)
    assert place is not None and (place.country, place.feature) == (country, feature)


def test_places_coverage_no_event_location_at_a_demonym(nlp) -> None:  # type: ignore[no-untyped-def]
    doc, places = _places(nlp, "The minister spoke in English at the press conference.")
    assert _found(places, "English") is not None
    token = next(t for t in doc if t.text == "spoke")
    assert event_location(token, places) is None
