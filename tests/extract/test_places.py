"""Place mentions, their resolution by context, metonymy and event locations, on the real pipeline."""

from __future__ import annotations

import pytest

from eventwire.extract.places import event_location, find_places, is_metonymic, resolve_dateline


def _places(nlp, text: str, **kwargs):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return doc, find_places(doc, **kwargs)


def _resolved(places, text: str):  # type: ignore[no-untyped-def]
    return next(p for p in places if p.text == text)


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature"),
    [
        ("A fire destroyed a barn near Paris, Texas, on Sunday.", "Paris", "USA", "PPL"),
        ("Tourists crowded the museums of Paris this summer.", "Paris", "FRA", "PPLC"),
        ("Police in Atlanta said the suspect had fled Georgia for Alabama.", "Georgia", "USA", "ADM1"),
        ("Thousands marched in Tbilisi as Georgia's parliament debated the bill.", "Georgia", "GEO", "PCLI"),
        ("Turkish troops crossed the border overnight.", "Turkish", "TUR", "PCLI"),
        ("The U.S. imposed new tariffs.", "U.S.", "USA", "PCLI"),
        ("Flooding closed roads in Joplin, Mo., on Tuesday.", "Joplin", "USA", "PPL"),
        ("The two leaders met in Russia's far east last week.", "Russia's far east", "RUS", "RGN"),
        ("Aid convoys reached the Gaza Strip on Monday.", "Gaza Strip", "PSE", "RGN"),
    ],
)
def test_places_resolution_by_context(nlp, text: str, mention: str, country: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _resolved(places, mention)
    assert (place.country, place.feature) == (country, feature)
    assert text[place.start : place.end] == mention
    assert place.lat is not None and place.geonameid is not None or place.feature == "RGN"


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Lloyd Austin met Japanese officials on Monday.", "Austin"),
        ("Denzel Washington won the award.", "Washington"),
        ("Blinken arrived late on Tuesday.", "Blinken"),
    ],
)
def test_places_no_place_from_person_names(nlp, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    assert all(absent not in p.text for p in places)


def test_places_dateline_gives_context(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Paris said the roads would reopen."
    _, places = _places(nlp, text, dateline_place="DALLAS")
    assert _resolved(places, "Paris").country == "USA"


@pytest.mark.parametrize(
    ("text", "mention", "metonymic"),
    [
        ("Moscow denied the report on Friday.", "Moscow", True),
        ("Washington said it would respond.", "Washington", True),
        ("Diplomats held talks in Moscow on Friday.", "Moscow", False),
    ],
)
def test_places_metonymy(nlp, text: str, mention: str, metonymic: bool) -> None:  # type: ignore[no-untyped-def]
    doc, places = _places(nlp, text)
    assert is_metonymic(doc, _resolved(places, mention)) is metonymic


@pytest.mark.parametrize(
    ("text", "trigger", "where"),
    [
        ("Japan and China held talks in Tokyo on Monday.", "talks", "Tokyo"),
        ("SpaceX launched a satellite from Vandenberg on Friday.", "launched", "Vandenberg Space Force Base"),
        ("Putin and Kim met in Russia's far east on Wednesday.", "met", "Russian Far East"),
        ("Moscow denied the report while Germany said it was in Berlin.", "denied", None),
        ("Three people were killed in an airstrike in Gaza on Sunday.", "killed", "Gaza Strip"),
        ("The ministers held talks in Brussels on Tuesday.", "talks", "Brussels"),
        ("In Kabul, a car bomb exploded near the airport.", "exploded", "Kabul"),
        ("Officials in Tokyo said the army attacked rebels.", "attacked", None),
        ("Kim visited Russia's far east in September, where he met Putin.", "met", "Russian Far East"),
        ("Kim visited Russia's far east in September.", "visited", "Russian Far East"),
        ("Turkish artillery shelled Qamishli on Tuesday.", "shelled", "Al Qāmishlī"),
        ("The United States sanctioned Russia on Friday.", "sanctioned", None),
        ("Protesters gathered outside the US embassy in Seoul on Tuesday.", "gathered", "Seoul"),
        ("Students marched past the French consulate in Dakar.", "marched", "Dakar"),
        ("The Tokyo talks ended without a deal.", "talks", "Tokyo"),
    ],
)
def test_places_event_location_from_clause(nlp, text: str, trigger: str, where: str | None) -> None:  # type: ignore[no-untyped-def]
    doc, places = _places(nlp, text)
    token = next(t for t in doc if t.text == trigger)
    location = event_location(token, places)
    assert (location.name if location else None) == where


def test_places_event_location_falls_back_to_dateline_not_first_place(nlp) -> None:  # type: ignore[no-untyped-def]
    doc, places = _places(nlp, "France and Germany condemned the attack on Sunday.")
    token = next(t for t in doc if t.text == "condemned")
    assert event_location(token, places) is None
    seoul = resolve_dateline("SEOUL")
    location = event_location(token, places, dateline_place=seoul)
    assert location is not None and location.name == "Seoul" and location.country == "KOR"


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [("SEOUL", "KOR", "PPLC"), ("WASHINGTON", "USA", "PPLC"), ("Paris, Texas", "USA", "PPL"), ("LONDON", "GBR", "PPLC")],
)
def test_places_resolve_dateline(name: str, country: str, feature: str) -> None:
    place = resolve_dateline(name)
    assert place is not None and (place.country, place.feature) == (country, feature)


def test_places_resolve_dateline_unknown() -> None:
    assert resolve_dateline("Xqzzyville") is None


@pytest.mark.parametrize("text", ["", "Nothing happened here.", "the west and the north"])
def test_places_none_found(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert find_places(nlp(text)) == []


def test_places_merges_split_country_names(nlp) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, "He flew to Trinidad and Tobago on Monday.")
    assert [(p.text, p.country, p.feature) for p in places] == [("Trinidad and Tobago", "TTO", "PCLI")]


@pytest.mark.parametrize(
    ("text", "mention", "country", "feature"),
    [
        # a demonym tagged as a proper noun, opening an organisation's name
        ("Reporting by Jane Doe, The Canadian Press.", "Canadian", "CAN", "PCLI"),
        ("The Nigerian Army said the road was open.", "Nigerian", "NGA", "PCLI"),
        ("Chinese State Councilor Wang Yi spoke to reporters.", "Chinese", "CHN", "PCLI"),
        # a continent's other name inside a run of proper names ("EU and NATO")
        ("Slovenia is a special case in the EU and NATO.", "EU", None, "CONT"),
        # a country naming a currency
        ("The project will cost five billion US dollars.", "US", "USA", "PCLI"),
        # a listed region, not the continent in it
        ("Migrants from North Africa arrived by boat.", "North Africa", None, "RGN"),
    ],
)
def test_places_names_inside_other_entities(nlp, text: str, mention: str, country: str | None, feature: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _resolved(places, mention)
    assert (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # an embassy lies in another country than the one it names
        ("Protesters gathered outside the British Embassy in Tokyo.", "GBR"),
        ("Protesters gathered outside the Russian Embassy in Berlin.", "RUS"),
        # a direction before a continent makes a region of it, not the continent
        ("Traders from Northwest Africa met in Dakar.", None),
    ],
)
def test_places_not_the_country_named(nlp, text: str, absent: str | None) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    assert places and all(p.country != absent for p in places)
    assert all(p.feature != "CONT" for p in places)


@pytest.mark.parametrize(
    ("text", "mention", "admin1_lon"),
    [
        # a small town spaCy takes for an organisation counts when it lies in the story's state
        ("Flooding hit Tampa, Florida on Monday, and Parkland schools closed.", "Parkland", -80.2),
        ("Naples, Florida: The storm hit IMMOKALEE and Naples overnight.", "IMMOKALEE", -81.4),
    ],
)
def test_places_small_towns_in_the_story_state(nlp, text: str, mention: str, admin1_lon: float) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    place = _resolved(places, mention)
    assert place.country == "USA" and abs((place.lon or 0.0) - admin1_lon) < 0.5


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the same words with no state in the story are no places
        ("Parkland schools closed on Monday.", "Parkland"),
        ("Officials said Hubbard would speak on Monday.", "Hubbard"),
    ],
)
def test_places_small_towns_need_the_story_state(nlp, text: str, absent: str) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    assert all(p.text != absent for p in places)


@pytest.mark.parametrize(
    ("text", "mention", "lon"),
    [
        # a big city wins on its bare name over a small namesake in the story's state
        ("The Houston Rockets beat Portland 96-94 on Tuesday. San Antonio and Dallas also won in Texas.", "Portland", -122.7),
        ("Officials in New York and Washington said Boston would host the summit.", "Boston", -71.1),
    ],
)
def test_places_prominent_city_over_state_context(nlp, text: str, mention: str, lon: float) -> None:  # type: ignore[no-untyped-def]
    _, places = _places(nlp, text)
    assert abs((_resolved(places, mention).lon or 0.0) - lon) < 0.5
