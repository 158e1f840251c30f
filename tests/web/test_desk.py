"""The analyst's desk items of #20 in headless chromium: zoom the timeline and the map, filter by a place,
readable dates, names in the network, and an evidence panel that follows the filters."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventwire.api import create_app
from eventwire.records import EventDate, Location
from eventwire.store import SQLiteStore
from tests.web.builders import Planned, extraction, fill_store, random_plan, running
from tests.web.test_page import after_refresh, browser, check_views_match_api, load, made_store, page, wait_for

__all__ = ["browser", "made_store", "page"]  # fixtures shared with test_page

pytestmark = pytest.mark.browser

#: Three places 20 km apart: one dot at world scale, three once zoomed in.
NEAR = [Location("Kyiv", None, 50.45, 30.524, "UKR"), Location("Irpin", None, 50.52, 30.25, "UKR"),
        Location("Brovary", None, 50.511, 30.79, "UKR")]
#: The long article's event dates: a day, a year only, and unknown.
DATES = [EventDate("2023-11-07", "day"), EventDate("2030", "year"), EventDate("XXXX-WXX", "week")]
FILLER = " Officials gave no further details of the meeting, which lasted most of the afternoon." * 8


def desk_extractions() -> list[Any]:
    long = extraction("long", [Planned(0, 0, 1, 0, date(2023, 11, 7)), Planned(2, 4, 1, 0, date(2023, 11, 7)),
                               Planned(3, 2, 4, 1, date(2023, 11, 7))], title="Long report", url="https://example.org/long")
    long = dataclasses.replace(long, text=long.text + FILLER, events=[
        dataclasses.replace(e, date=d, location=where) for e, d, where in zip(long.events, DATES, NEAR)])
    short = extraction("short", [Planned(5, 1, 6, 3, date(2023, 11, 6))], title="Caption only")
    return [long, short]


@pytest.fixture(scope="module")
def desk_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("desk") / "events.db"
    with SQLiteStore(path) as store:
        for ex in desk_extractions():
            store.add(ex)
    with running(create_app(path)) as url:
        yield url


def drag(page: Any, selector: str, start: float, end: float, *, y: float) -> None:
    """Drag across ``selector`` from ``start`` to ``end`` (fractions of its width) at ``y`` (fraction of its height)."""
    box = page.locator(selector).bounding_box()
    page.mouse.move(box["x"] + box["width"] * start, box["y"] + box["height"] * y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * (start + end) / 2, box["y"] + box["height"] * y, steps=5)
    page.mouse.move(box["x"] + box["width"] * end, box["y"] + box["height"] * y, steps=5)
    page.mouse.up()


def test_desk_brush_zooms_the_timeline(page: Any, made_store: str) -> None:
    load(page, made_store)
    before = page.eval_on_selector_all("#timeline rect.bar", "els => new Set(els.map(e => e.dataset.period)).size")
    after_refresh(page, lambda: drag(page, "#timeline svg", 0.3, 0.55, y=0.97))  # along the axis, under no bar
    since, until = page.input_value("input[name=since]"), page.input_value("input[name=until]")
    assert since and until and since < until and f"since={since}" in page.url
    stats = check_views_match_api(page, made_store, {"since": since, "until": until})
    periods = page.eval_on_selector_all("#timeline rect.bar", "els => els.map(e => e.dataset.period)")
    assert periods and min(periods) >= since and max(periods) <= until
    assert len(set(periods)) < before
    assert stats["total"] < httpx.get(f"{made_store}/api/stats").json()["total"]


def test_desk_bar_click_lists_its_period_and_type(page: Any, made_store: str) -> None:
    load(page, made_store)
    bar = page.locator("#timeline rect.bar").nth(3)
    period, kind = bar.get_attribute("data-period"), bar.get_attribute("data-type")
    bar.click()
    wait_for(page, f"document.querySelector('#list-scope').textContent.includes('{period}')")
    listed = page.eval_on_selector_all("#events li.event", "els => els.map(e => e.dataset.type)")
    assert set(listed) == {kind}


def test_desk_map_zooms_into_a_cluster_and_filters_by_a_place(page: Any, desk_store: str) -> None:
    load(page, desk_store)
    page.evaluate("document.querySelector('#map').scrollIntoView({block: 'center'})")
    cluster = page.locator("#map circle.cluster")
    assert cluster.count() == 1 and cluster.get_attribute("data-places") == "3"
    for _ in range(6):  # each click zooms 4x; a few kilometres apart need a few
        if page.locator("#map circle.cluster").count() == 0:
            break
        page.locator("#map circle.cluster").first.click()
        page.wait_for_timeout(450)
    assert set(page.eval_on_selector_all("#map circle.point", "els => els.map(e => e.dataset.name)")) >= {
        "Kyiv", "Irpin", "Brovary"}
    assert "scale(" in page.get_attribute("#map g.zoom-layer", "transform")
    after_refresh(page, lambda: page.locator("#map circle.point[data-name=Irpin]").click())
    assert "place=Irpin" in page.url and "country" not in page.url
    listed = page.eval_on_selector_all("#events li.event", "els => els.map(e => Number(e.dataset.id))")
    expected = httpx.get(f"{desk_store}/api/events", params={"place": "Irpin"}).json()["events"]
    assert listed == [e["id"] for e in expected] and len(listed) == 1
    # Panning: a drag moves the map.
    before = page.get_attribute("#map g.zoom-layer", "transform")
    drag(page, "#map svg", 0.5, 0.3, y=0.2)
    assert page.get_attribute("#map g.zoom-layer", "transform") != before


def test_desk_one_event_reads_one_event(page: Any, desk_store: str) -> None:
    load(page, desk_store)
    page.evaluate("document.querySelector('#map').scrollIntoView({block: 'center'})")
    page.locator("#map circle.point[data-name=Geneva]").hover()
    wait_for(page, "!document.getElementById('tooltip').hidden")
    tip = page.locator("#tooltip").inner_text()
    assert "1 event" in tip and "1 events" not in tip
    assert "1 events" not in page.locator("body").inner_text()


def test_desk_dates_read_as_words_and_undated_are_counted(page: Any, desk_store: str) -> None:
    load(page, desk_store)
    total = page.locator("#total").inner_text()
    assert "1 undated" in total and "1 dated only to a season or year" in total
    whens = page.eval_on_selector_all("#events li.event .when", "els => els.map(e => e.textContent)")
    assert sorted(whens) == sorted(["2023-11-07", "2023-11-06", "2030", "undated"])
    assert "XXXX" not in page.locator("body").inner_text()
    # The year-only event is no bar on 1 January 2030: the timeline spans the days of the dated events.
    periods = page.eval_on_selector_all("#timeline rect.bar", "els => els.map(e => e.dataset.period)")
    assert set(periods) == {"2023-11-06", "2023-11-07"}


def test_desk_network_shows_names_beside_codes(page: Any, desk_store: str) -> None:
    load(page, desk_store)
    labels = dict(page.eval_on_selector_all(
        "#network g.node", "els => els.map(e => [e.dataset.code, e.querySelector('text .name')?.textContent])"))
    assert labels["USAGOV"] == "Antony Blinken" and labels["KOR"] == "South Korea"
    assert page.locator("#network g.node[data-code=USAGOV] text").text_content().startswith("USAGOV")


def test_desk_evidence_links_lists_siblings_and_notes_thin_text(page: Any, desk_store: str) -> None:
    events = httpx.get(f"{desk_store}/api/events", params={"doc_id": "long", "sort": "id"}).json()["events"]
    load(page, f"{desk_store}/?event={events[0]['id']}")
    page.wait_for_selector("#evidence .siblings li.sibling")
    assert page.get_attribute("#evidence a.article-link", "href") == "https://example.org/long"
    siblings = page.eval_on_selector_all("#evidence li.sibling", "els => els.map(e => Number(e.dataset.id))")
    assert siblings == [e["id"] for e in events[1:]]
    assert page.locator("#evidence .thin-notice").count() == 0
    page.locator(f"#evidence li.sibling[data-id='{events[2]['id']}']").click()
    wait_for(page, f"document.querySelector('#evidence h2 small')?.textContent === 'event {events[2]['id']}'")
    assert page.locator("#evidence .when").inner_text() == "undated"
    (short,) = httpx.get(f"{desk_store}/api/events", params={"doc_id": "short"}).json()["events"]
    load(page, f"{desk_store}/?event={short['id']}")
    page.wait_for_selector("#evidence .thin-notice")
    assert "text were found" in page.locator("#evidence .thin-notice").inner_text()


def test_desk_evidence_follows_the_filters(page: Any, desk_store: str) -> None:
    (short,) = httpx.get(f"{desk_store}/api/events", params={"doc_id": "short"}).json()["events"]
    load(page, f"{desk_store}/?event={short['id']}")
    page.wait_for_selector("#evidence mark[data-kind=trigger]")
    other = next(t for t in ("CONSULT", "THREATEN", "ASSAULT") if t != short["type"])
    after_refresh(page, lambda: page.select_option("select[name=type]", other))
    assert page.locator("#evidence mark").count() == 0
    assert "does not match these filters" in page.locator("#evidence").inner_text()
    assert "event=" not in page.url
    # An event the filters still match stays.
    load(page, f"{desk_store}/?event={short['id']}")
    page.wait_for_selector("#evidence mark[data-kind=trigger]")
    after_refresh(page, lambda: page.select_option("select[name=type]", short["type"]))
    assert page.locator("#evidence mark[data-kind=trigger]").count() == 1 and f"event={short['id']}" in page.url


def test_desk_actor_by_name_shows_its_code(page: Any, desk_store: str) -> None:
    load(page, desk_store)
    after_refresh(page, lambda: (page.fill("input[name=actor]", "Antony Blinken"), page.press("input[name=actor]", "Tab")))
    wait_for(page, "!document.getElementById('actor-matched').hidden")
    assert "USAGOV" in page.locator("#actor-matched").inner_text()
    check_views_match_api(page, desk_store, {"actor": "Antony Blinken"})
    listed = page.eval_on_selector_all("#events li.event", "els => els.map(e => Number(e.dataset.id))")
    expected = httpx.get(f"{desk_store}/api/events", params={"actor": "USAGOV"}).json()["events"]
    assert listed == [e["id"] for e in expected] and listed
