"""The analyst's desk in headless Debian chromium, driven by Playwright: what the page draws is what the API says."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventwire.api import create_app
from eventwire.views.assets import VENDOR, node_modules
from tests.web.builders import Planned, fill_store, random_plan, running

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
#: Collects what the page's Content-Security-Policy refused, before any of the page's own scripts run.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""
#: A script that, run, marks the page as taken over.
PWN = "document.body.dataset.pwned='yes'"
#: Document URLs that must never be links: written straight into the store, as an older store may hold them.
SCRIPT_URLS = {"js": f"javascript:{PWN}", "js-spaced": f"  JaVaScRiPt:{PWN}", "js-tab": f"java\tscript:{PWN}",
               "data": "data:text/html,<script>alert(1)</script>", "web": "https://example.org/story"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium); browser tests need Debian's chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (pip) is not installed")
    missing = [name for name, rel in VENDOR.items() if not (node_modules() / rel).is_file()]
    assert not missing, f"the page's npm libraries are missing ({', '.join(missing)}): run 'npm ci' (make install does)"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def made_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A store of 240 hand-built events over two months, served over HTTP."""
    store = fill_store(tmp_path_factory.mktemp("page") / "events.db", random_plan(60, 4, seed=3))
    with running(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Any) -> Iterator[str]:
    """A store made from the project's own sample articles by the real pipeline, served over HTTP."""
    from eventwire.ingest import read
    from eventwire.records import Extraction
    from eventwire.store import SQLiteStore

    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with SQLiteStore(path) as store:
        for outcome in pipeline.run(read([ROOT / "samples"])):
            if isinstance(outcome, Extraction):
                store.add(outcome)
    with running(create_app(path)) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that must log no error and break no rule of its Content-Security-Policy."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(RECORD_VIOLATIONS)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield opened
    violations = opened.evaluate("window.__violations || []")
    context.close()
    assert not errors, f"the page logged errors: {errors}"
    assert not violations, f"the page broke its Content-Security-Policy: {violations}"


def wait_for(page: Any, expression: str, *, timeout: float = 30) -> None:
    """Poll ``expression`` until it is true in the page.

    Not ``page.wait_for_function``: it runs its expression through ``eval``, which the page's
    Content-Security-Policy refuses (rightly); ``page.evaluate`` is the browser's own evaluation.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out after {timeout}s waiting for: {expression}"
        page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def url_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One event per document of SCRIPT_URLS, served over HTTP."""
    plan = {doc: [Planned(n % 3, n % 6, 4, 1, date(2023, 11, 1 + n))] for n, doc in enumerate(SCRIPT_URLS)}
    store = fill_store(tmp_path_factory.mktemp("urls") / "events.db", plan, urls=SCRIPT_URLS)
    with running(create_app(store)) as url:
        yield url


def load(page: Any, url: str) -> None:
    page.goto(url)
    wait_for(page, "Number(document.body.dataset.refreshes || 0) >= 1")


def after_refresh(page: Any, action: Any) -> None:
    """Do ``action`` and wait until the page has redrawn for it."""
    before = int(page.evaluate("Number(document.body.dataset.refreshes || 0)"))
    action()
    wait_for(page, f"Number(document.body.dataset.refreshes || 0) > {before}")


def counts(page: Any, selector: str, key: str) -> dict[str, int]:
    return page.eval_on_selector_all(
        selector, f"els => Object.fromEntries(els.map(e => [e.getAttribute('{key}'), Number(e.dataset.count)]))")


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def check_views_match_api(page: Any, base: str, query: dict[str, str]) -> dict[str, Any]:
    """The timeline, map and network show exactly the API's aggregates for ``query``."""
    stats = httpx.get(f"{base}/api/stats", params=query, timeout=30).json()
    bars = page.eval_on_selector_all("#timeline rect.bar", "els => els.map(e => Number(e.dataset.count))")
    assert sum(bars) == sum(row["events"] for row in stats["timeline"])
    assert len(bars) == len([row for row in stats["timeline"] if row["events"]])
    shaded = counts(page, "#map path.country[data-iso3]", "data-iso3")
    assert shaded == {c["country"]: c["events"] for c in stats["countries"] if c["numeric"] and c["country"] in shaded}
    assert len(shaded) >= min(1, len(stats["countries"]))
    # Every place is a dot, alone or in a cluster of places near each other at this zoom.
    dots = page.eval_on_selector_all("#map circle.point, #map circle.cluster",
                                     "els => els.map(e => [Number(e.dataset.places), Number(e.dataset.count)])")
    assert sum(n for n, _ in dots) == len(stats["points"])
    assert sum(c for _, c in dots) == sum(p["events"] for p in stats["points"])
    nodes = set(page.eval_on_selector_all("#network g.node", "els => els.map(e => e.dataset.code)"))
    assert nodes == {d["source"] for d in stats["dyads"]} | {d["target"] for d in stats["dyads"]}
    edges = page.eval_on_selector_all(
        "#network line.edge", "els => els.map(e => [e.dataset.source, e.dataset.target, Number(e.dataset.count)])")
    assert sorted(map(tuple, edges)) == sorted((d["source"], d["target"], d["events"]) for d in stats["dyads"]
                                              if d["source"] != d["target"])
    return stats


def test_page_filters_drive_every_view(page: Any, made_store: str) -> None:
    load(page, made_store)
    check_views_match_api(page, made_store, {})
    shot(page, "page-all.png")

    after_refresh(page, lambda: (page.fill("input[name=actor]", "KOR"), page.press("input[name=actor]", "Tab")))
    assert "actor=KOR" in page.url
    stats = check_views_match_api(page, made_store, {"actor": "KOR"})
    assert stats["total"] < httpx.get(f"{made_store}/api/stats").json()["total"]
    assert page.locator("#page").inner_text().endswith(f"of {stats['total']}")
    shot(page, "page-actor-kor.png")

    page.evaluate("document.querySelector('#map').scrollIntoView({block: 'center'})")
    after_refresh(page, lambda: page.click("#map circle.point[data-name=Kyiv]"))  # a place filters by the place
    assert "place=Kyiv" in page.url and "country=" not in page.url
    check_views_match_api(page, made_store, {"actor": "KOR", "place": "Kyiv"})
    assert set(page.eval_on_selector_all("#map circle.point", "els => els.map(e => e.dataset.name)")) == {"Kyiv"}
    after_refresh(page, lambda: page.click("#place-chip button"))
    assert "place=" not in page.url
    after_refresh(page, lambda: page.locator("#map path.country[data-iso3=KOR]").dispatch_event("click"))
    assert "country=KOR" in page.url
    check_views_match_api(page, made_store, {"actor": "KOR", "country": "KOR"})


def test_page_url_is_a_shareable_view(page: Any, made_store: str) -> None:
    load(page, f"{made_store}/?actor=USA&type=CONSULT")
    assert page.input_value("input[name=actor]") == "USA"
    assert page.input_value("select[name=type]") == "CONSULT"
    check_views_match_api(page, made_store, {"actor": "USA", "type": "CONSULT"})
    types = set(page.eval_on_selector_all("#events li.event", "els => els.map(e => e.dataset.type)"))
    assert types == {"CONSULT"}


def test_page_timeline_bar_lists_its_events(page: Any, made_store: str) -> None:
    load(page, made_store)
    bar = page.locator("#timeline rect.bar").first
    period, kind, count = bar.get_attribute("data-period"), bar.get_attribute("data-type"), int(bar.get_attribute("data-count"))
    bar.click()
    wait_for(page, f"document.querySelectorAll('#events li.event').length === {min(count, 25)}")
    listed = page.eval_on_selector_all("#events li.event", "els => els.map(e => e.dataset.type)")
    assert set(listed) == {kind}
    assert period in page.locator("#list-scope").inner_text()


def test_page_evidence_view_highlights_the_event(page: Any, made_store: str) -> None:
    load(page, made_store)
    first = page.locator("#events li.event").first
    event_id = first.get_attribute("data-id")
    first.click()
    page.wait_for_selector("#evidence mark[data-kind=trigger]")
    detail = httpx.get(f"{made_store}/api/events/{event_id}").json()
    marks = dict(page.eval_on_selector_all("#evidence mark", "els => els.map(e => [e.dataset.kind, e.textContent])"))
    spans = {s["kind"]: s["text"] for s in detail["spans"] if s["kind"] != "sentence"}
    assert marks == spans
    assert page.locator("#evidence .in-sentence").first.inner_text() in detail["event"]["sentence"]["text"]
    assert page.locator("#evidence [data-status]").inner_text() == detail["event"]["status"]
    assert f"event={event_id}" in page.url
    shot(page, "page-evidence.png")


@pytest.mark.slow
def test_page_on_the_sample_articles(page: Any, sample_store: str) -> None:
    load(page, sample_store)
    stats = check_views_match_api(page, sample_store, {})
    assert stats["total"] > 0, "the pipeline found no events in samples/"
    actor = stats["top_actors"][0]["code"] if stats["top_actors"] else None
    if actor:
        after_refresh(page, lambda: (page.fill("input[name=actor]", actor), page.press("input[name=actor]", "Tab")))
        check_views_match_api(page, sample_store, {"actor": actor})
    page.locator("#events li.event").first.click()
    page.wait_for_selector("#evidence .article .in-sentence")
    shot(page, "page-samples.png")


def test_page_reports_a_bad_filter(browser: Any, made_store: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{made_store}/?since=2023-13-45")
        page.wait_for_selector("#error:not([hidden])", timeout=30_000)
        assert "422" in page.locator("#error").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("doc", [doc for doc, url in SCRIPT_URLS.items() if not url.startswith("https:")])
def test_page_script_url_is_no_link(page: Any, url_store: str, doc: str) -> None:
    """A document's javascript: or data: URL is never a link; a click where its link would be runs nothing."""
    (event,) = httpx.get(f"{url_store}/api/events", params={"doc_id": doc}).json()["events"]
    load(page, f"{url_store}/?event={event['id']}")
    page.wait_for_selector("#evidence mark[data-kind=trigger]")
    assert page.locator("#evidence a").count() == 0
    assert set(page.eval_on_selector_all("a[href]", "els => els.map(a => a.protocol)")) <= {"http:", "https:"}
    page.locator("#evidence dd", has_text=f"Report {doc}").click()
    page.locator("#evidence .article").click()
    page.wait_for_timeout(200)
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.url.startswith(url_store)


def test_page_web_url_is_the_source_link(page: Any, url_store: str) -> None:
    (event,) = httpx.get(f"{url_store}/api/events", params={"doc_id": "web"}).json()["events"]
    load(page, f"{url_store}/?event={event['id']}")
    link = page.wait_for_selector("#evidence a.source-link")
    assert link.get_attribute("href") == SCRIPT_URLS["web"]
    assert link.get_attribute("rel") == "noreferrer"


def test_page_policy_stops_a_planted_script(browser: Any, url_store: str) -> None:
    """Were a script link or inline script ever put in the page, its Content-Security-Policy would not run it."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if msg.type == "error" else None)
    try:
        load(page, url_store)
        page.evaluate(f"""() => {{
            const card = document.getElementById("evidence");
            card.insertAdjacentHTML("beforeend", `<a id="planted" href="javascript:{PWN}">source</a>
              <img src="/nope.png" onerror="{PWN}"><div id="styled" style="color: rgb(255, 0, 0)">x</div>`);
            const script = document.createElement("script");
            script.textContent = "{PWN}";
            card.append(script);
        }}""")
        page.click("#planted")
        wait_for(page, "window.__violations.length >= 4", timeout=10)
        assert page.evaluate("document.body.dataset.pwned") is None
        assert page.evaluate("getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
        # The onerror attribute, the style attribute, the inline script and the javascript: link, each refused.
        assert sorted(page.evaluate("window.__violations")) == [
            "script-src-attr inline", "script-src-elem inline", "script-src-elem inline", "style-src-attr inline"]
        assert any("Content Security Policy" in text for text in console)  # what the page fixture would catch
    finally:
        context.close()
