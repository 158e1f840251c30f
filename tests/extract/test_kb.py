"""The actor knowledge base: dated names, peoples and features in the shipped tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.extract.kb import KnowledgeBase, NameHit, load_shipped, merge_user_file, words


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_shipped()


@pytest.mark.parametrize(
    ("hit", "date", "active"),
    [
        (NameHit("place", country="SDN", end="2011-07-09"), "2000-01-01", True),
        (NameHit("place", country="SDN", end="2011-07-09"), "2011-07-09", False),
        (NameHit("capital", country="SSD", start="2011-07-09"), "2011-07-09T10:00:00", True),
        (NameHit("capital", country="SSD", start="2011-07-09"), "2005-01-01", False),
        (NameHit("place", country="SDN", end="2011-07-09"), None, False),
        (NameHit("country", country="FRA"), None, True),
    ],
)
def test_kb_name_hit_active_on_date(hit: NameHit, date: str | None, active: bool) -> None:
    assert hit.active(date) is active


def test_kb_dated_name_has_one_meaning_per_period(kb: KnowledgeBase) -> None:
    hits = [h for h in kb.lookup(words("Juba")) if h.actor is None]
    assert {h.country for h in hits if h.active("1995-01-01")} == {"SDN"}
    assert {h.country for h in hits if h.active("2015-01-01")} == {"SSD"}


@pytest.mark.parametrize(
    ("name", "homes"),
    [
        ("Karen", ["MMR"]),
        ("Kurds", ["TUR", "IRQ", "SYR", "IRN"]),
        ("Tamil", ["LKA", "IND"]),
    ],
)
def test_kb_people_homes_in_order(kb: KnowledgeBase, name: str, homes: list[str]) -> None:
    assert [h.country for h in kb.lookup(words(name)) if h.kind == "people"] == homes


def test_kb_country_word_keeps_its_country_before_its_homes(kb: KnowledgeBase) -> None:
    hits = [h for h in kb.lookup(words("Albanians")) if h.actor is None]
    assert hits[0].kind == "country" and hits[0].country == "ALB"
    assert "MKD" in {h.country for h in hits if h.kind == "people"}


@pytest.mark.parametrize("name", ["South China Sea", "Persian Gulf", "Korean Peninsula"])
def test_kb_features_have_no_country(kb: KnowledgeBase, name: str) -> None:
    hits = kb.lookup(words(name))
    assert hits and all(h.kind == "feature" and h.country is None for h in hits)


def test_kb_soviet_union_is_coded_as_its_continuing_state(kb: KnowledgeBase) -> None:
    actor = next(h.actor for h in kb.lookup(words("Soviet Union")) if h.actor is not None)
    role = actor.role("1985-01-01")
    assert role is not None and role.country == "RUS"


def test_kb_dated_row_round_trips(kb: KnowledgeBase) -> None:
    hit = kb._hit("place,SDN,,,,2011-07-09")
    assert (hit.kind, hit.country, hit.start, hit.end) == ("place", "SDN", "", "2011-07-09")
    assert kb._hit("country,FRA,,").start == ""


def test_kb_user_sector_nouns_open_phrases(tmp_path: Path) -> None:
    """A user's sector noun is found by its first word like the shipped ones."""
    path = tmp_path / "actors.yaml"
    path.write_text("actors: []\nagents:\n  coastal rangers: MIL\n", encoding="utf-8")
    kb = load_shipped()
    assert "coastal" not in kb.agent_openers
    merge_user_file(kb, path)
    assert "coastal" in kb.agent_openers and kb.agents[("coastal", "rangers")] == "MIL"
