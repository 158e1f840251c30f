"""The page's spikes panel in headless chromium: what ``/api/spikes`` reports, and a click filters to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest

from eventwire.api import create_app
from tests.web.builders import Planned, fill_store, running
from tests.web.test_page import after_refresh, browser, load, page, wait_for  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser
DAY = date(2023, 11, 7)


@pytest.fixture(scope="module")
def spike_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """28 days of one USA-KOR meeting a day, PRK threats once a week, then a day of eight PRK threats."""
    plan: dict[str, list[Planned]] = {}
    for back in range(1, 29):
        day = DAY - timedelta(days=back)
        plan[f"h{back}"] = [Planned(0, 0, 1, 0, day)] + ([Planned(2, 4, 1, 0, day)] if back % 7 == 0 else [])
    plan["burst"] = [Planned(2, 4, 1, 0, DAY)] * 8 + [Planned(0, 0, 1, 0, DAY)]
    with running(create_app(fill_store(tmp_path_factory.mktemp("spikes") / "events.db", plan))) as url:
        yield url


def test_page_shows_spikes_and_a_click_filters_to_one(page: Any, spike_store: str) -> None:  # noqa: F811
    spikes = httpx.get(f"{spike_store}/api/spikes", timeout=30).json()["spikes"]
    assert ("actor", "PRK", "THREATEN", 8) in {(s["by"], s["key"], s["type"], s["count"]) for s in spikes}
    load(page, spike_store)
    wait_for(page, "document.body.dataset.spikes === 'loaded'")
    assert page.locator("#spikes-card").is_visible()
    shown = page.eval_on_selector_all("#spikes li.spike", "els => els.map(e => [e.dataset.key, e.dataset.type])")
    assert shown == [[s["key"], s["type"]] for s in spikes]
    prk = page.locator("#spikes li.spike[data-key='PRK'][data-type='THREATEN']")
    assert "8 events" in prk.inner_text()
    after_refresh(page, prk.click)
    assert "actor=PRK" in page.url and "type=THREATEN" in page.url and "since=2023-11-07" in page.url
    wait_for(page, "document.querySelectorAll('#events li.event').length === 8")
    assert set(page.eval_on_selector_all("#events li.event", "els => els.map(e => e.dataset.type)")) == {"THREATEN"}


def test_api_spikes_on_a_quiet_day_and_a_bad_day(spike_store: str) -> None:
    assert httpx.get(f"{spike_store}/api/spikes", params={"day": "2023-11-01"}, timeout=30).json() == {"spikes": []}
    assert httpx.get(f"{spike_store}/api/spikes", params={"day": "soon"}, timeout=30).status_code == 422
