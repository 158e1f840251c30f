"""Draw docs/desk-zoomed.png: the page with its timeline brushed to a range and its map zoomed into Europe.

The store is the browser tests' hand-built one (tests/web/builders.py: 240 events over two months,
four places), served on 127.0.0.1 for the length of the run; chromium is Debian's.

    PYTHONPATH=. .venv/bin/python scripts/screenshot_desk.py [OUT.png]
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.api import create_app  # noqa: E402
from tests.web.builders import fill_store, random_plan, running  # noqa: E402

OUT = ROOT / "docs" / "desk-zoomed.png"


def wait_refreshes(page, more_than: int, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while int(page.evaluate("Number(document.body.dataset.refreshes || 0)")) <= more_than:
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not redraw")
        page.wait_for_timeout(50)


def main(out: Path = OUT) -> None:
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        store = fill_store(Path(tmp) / "events.db", random_plan(60, 4, seed=3))
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        with running(create_app(store)) as url:
            page.goto(url)
            wait_refreshes(page, 0)
            box = page.locator("#timeline svg").bounding_box()
            y = box["y"] + box["height"] * 0.97
            page.mouse.move(box["x"] + box["width"] * 0.35, y)
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=8)
            page.mouse.up()
            wait_refreshes(page, 1)
            # Zoom the map four times on Europe, between Geneva and Kyiv (through the page's own d3 zoom).
            page.evaluate("""() => {
              const el = document.getElementById("map"), { svg, zoom } = el.zoom;
              const at = name => document.querySelector(`#map circle[data-name=${name}]`);
              const x = (Number(at("Geneva").getAttribute("cx")) + Number(at("Kyiv").getAttribute("cx"))) / 2;
              const y = (Number(at("Geneva").getAttribute("cy")) + Number(at("Kyiv").getAttribute("cy"))) / 2;
              const [w, h] = svg.attr("viewBox").split(" ").slice(2).map(Number);
              zoom.transform(svg, d3.zoomIdentity.translate(w / 2, h / 2).scale(4).translate(-x, -y));
            }""")
            page.wait_for_timeout(300)
            page.evaluate("window.scrollTo(0, 0)")
            # The header, filters, timeline and the map and network: what the zoom changed.
            height = page.evaluate("document.querySelector('.list-card').getBoundingClientRect().top + scrollY")
            page.screenshot(path=str(out), full_page=True, clip={"x": 0, "y": 0, "width": 1400, "height": height})
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
