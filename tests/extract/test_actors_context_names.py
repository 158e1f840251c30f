"""A bare surname and a demonym read in their document's context (the real pipeline and knowledge base)."""

from __future__ import annotations

import pytest

from eventwire.extract.actors import get_resolver

DATE = "2005-01-15"


def entities(nlp, text: str) -> dict[str, tuple[str | None, str | None]]:  # type: ignore[no-untyped-def]
    """Each entity's text -> (code, canonical), for the last mention of each text."""
    found = get_resolver().document(nlp(text), DATE).entities
    return {e.text: (e.code, e.canonical) for e in found}


def test_actors_context_surname_after_another_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Tory leader Michael Howard attacked the plans. Mr Howard said the government had failed."
    assert entities(nlp, text)["Howard"][0] != "AUSGOV"


def test_actors_context_surname_in_a_story_of_another_country(nlp) -> None:  # type: ignore[no-untyped-def]
    british = "Mr Howard told the BBC in London that the government had failed Britain on immigration."
    assert entities(nlp, british)["Howard"][0] is None
    australian = "Mr Howard told reporters in Canberra that Australia would keep its troops in Iraq."
    assert entities(nlp, australian)["Howard"][0] == "AUSGOV"


def test_actors_context_full_name_of_the_known_person_still_counts(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Australian Prime Minister John Howard arrived in London. Mr Howard met officials there."
    assert entities(nlp, text)["Howard"][0] == "AUSGOV"


@pytest.mark.parametrize("text", [
    "The Irishman, a film by Martin Scorsese, won praise at the festival. The Irishman was praised by critics.",
    "Critics loved \"The Irishman\" in Venice.",
    "Millions watched The Irishman on the service last week.",
])
def test_actors_context_a_title_is_no_country(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    coded = {t: code for t, (code, _) in entities(nlp, text).items() if t.endswith("man")}
    assert coded and set(coded.values()) == {None}


def test_actors_context_a_people_is_still_a_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "An Irishman was arrested in Madrid. The Irish government asked for his release."
    found = entities(nlp, text)
    assert found["Irishman"][0] == "IRL" and found["Irish"][0] is not None
